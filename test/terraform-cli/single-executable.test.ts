/**
 * The single executable (scripts/build-sea.ts: node with the provider bundle and its code cache
 * injected) under terraform itself, where no node is installed: built from the current bundle,
 * installed for linux_amd64 in a filesystem mirror of its own, then init, plan, apply and an empty
 * re-plan against the lab with a PATH that holds terraform and nothing else. The JS bundle under that
 * PATH does not even start — the control that shows the PATH has no node. Skipped (with the reason)
 * without `terraform`, or off linux x64, where this executable cannot be built.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_IDS, type Lab, startLab } from "../../lab/index.ts";
import { EXECUTABLE, packageVersion } from "../../scripts/build.ts";
import { buildSea, SEA_PLATFORM, seaUnsupported } from "../../scripts/build-sea.ts";
import {
  PROVIDER_SOURCE,
  REQUIRED_PROVIDERS,
  TerraformWorkspace,
  terraformCli,
} from "../support/terraform-cli.ts";

const tf = terraformCli();
const unsupported = seaUnsupported();
if (tf.available && unsupported) console.warn(`skipping: ${unsupported}`);

function which(cmd: string): string {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return r.stdout.trim();
}

describe.skipIf(!tf.available || unsupported !== "")(
  `terraform ${tf.version} with the single executable, no node on the PATH`,
  () => {
    let lab: Lab;
    let ws: TerraformWorkspace;
    let dir: string;
    let bin: string;
    let executable: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "ferry-sea-"));
      // From the bundle the test setup built: the executable under test is the sources as they are.
      executable = await buildSea({
        install: false,
        rebuild: false,
        out: join(dir, "sea", "terraform-provider-ferry"),
      });
      const version = packageVersion();
      const platformDir = join(dir, "mirror", PROVIDER_SOURCE, version, SEA_PLATFORM);
      mkdirSync(platformDir, { recursive: true });
      copyFileSync(executable, join(platformDir, `terraform-provider-ferry_v${version}`));
      bin = join(dir, "bin");
      mkdirSync(bin);
      symlinkSync(which("terraform"), join(bin, "terraform"));
      lab = await startLab({ jobDurationMs: 50 });
      ws = new TerraformWorkspace({
        mirror: join(dir, "mirror"),
        env: {
          PATH: bin,
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
    }, 150_000);

    afterAll(async () => {
      ws?.cleanup();
      await lab?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("the PATH has no node: the JS bundle cannot start there", () => {
      const r = spawnSync(EXECUTABLE, [], { env: { PATH: bin }, encoding: "utf8" });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/node/);
    });

    it("terraform installs it from the mirror, plans, applies once and then plans nothing", async () => {
      // spawn resolves `terraform` on the PATH of this process; terraform and the provider get `bin`.
      await ws.ok(["init", "-no-color", "-input=false"]);
      const installed = join(
        ws.dir,
        ".terraform",
        "providers",
        PROVIDER_SOURCE,
        packageVersion(),
        SEA_PLATFORM,
        `terraform-provider-ferry_v${packageVersion()}`,
      );
      expect(statSync(installed).size).toBe(statSync(executable).size);
      const plan = await ws.ok(["plan", "-no-color", "-out=plan.out"]);
      expect(plan.stdout).toContain("migrateVolume volumeid=");
      await ws.ok(["apply", "-no-color", "plan.out"]);
      expect(lab.cloudstack.writeCounts()).toEqual({ migrateVolume: 1 });
      const again = await ws.run(["plan", "-no-color", "-detailed-exitcode"]);
      expect(again.code, again.stdout + again.stderr).toBe(0);
    });
  },
);
