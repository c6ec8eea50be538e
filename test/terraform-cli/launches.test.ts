/**
 * How many times terraform itself launches the provider per command — each launch pays the
 * provider's start-up (bench/provider-start.ts) — counted from terraform's own log: go-plugin writes
 * one "plugin started: path=… pid=…" line per process it starts (TF_LOG=DEBUG, TF_LOG_PATH). The
 * figures are terraform's (1.11), not ferry's choice; docs/guides/single-executable.md lists them. A
 * changed count is a changed terraform (or a provider that made terraform start it more often): the
 * table here and the guide's are updated together. Skipped (with the reason) without `terraform`.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_IDS, type Lab, startLab } from "../../lab/index.ts";
import { REQUIRED_PROVIDERS, TerraformWorkspace, terraformCli } from "../support/terraform-cli.ts";

const tf = terraformCli();

/** In order: each command runs on the state the one before left. */
const LAUNCHES: { args: string[]; launches: number }[] = [
  { args: ["init", "-input=false"], launches: 0 },
  { args: ["validate"], launches: 2 },
  { args: ["plan", "-out=plan.out"], launches: 3 },
  { args: ["apply", "plan.out"], launches: 2 },
  { args: ["plan"], launches: 3 },
  { args: ["destroy", "-auto-approve"], launches: 5 },
  { args: ["apply", "-auto-approve"], launches: 4 },
];

/** The distinct provider processes terraform's log says it started. */
function providerLaunches(log: string): number {
  const pids = new Set<string>();
  for (const m of log.matchAll(/provider: plugin started: path=\S*terraform-provider-ferry\S* pid=(\d+)/g))
    pids.add(m[1]!);
  return pids.size;
}

describe.skipIf(!tf.available)(`terraform ${tf.version}: provider launches per command`, () => {
  let lab: Lab;
  let ws: TerraformWorkspace;

  beforeAll(async () => {
    lab = await startLab({ jobDurationMs: 50 });
    ws = new TerraformWorkspace({
      env: {
        CLOUDSTACK_API_URL: lab.cloudstack.url,
        CLOUDSTACK_API_KEY: lab.cloudstack.apiKey,
        CLOUDSTACK_SECRET_KEY: lab.cloudstack.secretKey,
      },
      files: {
        "main.tf": `${REQUIRED_PROVIDERS}
provider "ferry" {}

resource "ferry_cloudstack_volume_storage" "archive" {
  volume_id       = "${DEFAULT_IDS.volumes["archive-01"]}"
  storage_pool_id = "${DEFAULT_IDS.storagePools["ds-gold-02"]}"
}
`,
      },
    });
  });

  afterAll(async () => {
    ws?.cleanup();
    await lab?.stop();
  });

  it("launches the provider as often as the table says, for each command", async () => {
    const log = join(ws.dir, "terraform.log");
    const counted: { command: string; launches: number }[] = [];
    for (const { args } of LAUNCHES) {
      rmSync(log, { force: true });
      await ws.ok([...args, "-no-color"], { env: { TF_LOG: "DEBUG", TF_LOG_PATH: log } });
      counted.push({
        command: `terraform ${args.join(" ")}`,
        launches: providerLaunches(readFileSync(log, "utf8")),
      });
    }
    expect(counted).toEqual(
      LAUNCHES.map(({ args, launches }) => ({ command: `terraform ${args.join(" ")}`, launches })),
    );
    // The applies really ran: one move out and, after the destroy left it, none back (destroy of a
    // volume_storage forgets the move; the second apply finds the volume already on the pool).
    expect(lab.cloudstack.writeCounts()).toEqual({ migrateVolume: 1 });
  });
});
