/**
 * terraform itself, installed from the filesystem mirror: init, plan, apply, plan again — one volume
 * moved on the lab. Skipped (with the reason) where no `terraform` CLI is on the PATH.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_IDS, type Lab, startLab } from "../../lab/index.ts";
import { REQUIRED_PROVIDERS, TerraformWorkspace, terraformCli } from "../support/terraform-cli.ts";

const tf = terraformCli();

describe.skipIf(!tf.available)(`terraform ${tf.version} from the filesystem mirror`, () => {
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
    await ws.init();
  });

  afterAll(async () => {
    ws?.cleanup();
    await lab?.stop();
  });

  it("plans the operation, applies it once, and plans nothing afterwards", async () => {
    const plan = await ws.ok(["plan", "-no-color", "-out=plan.out"]);
    expect(plan.stdout).toContain("migrateVolume volumeid=");
    await ws.ok(["apply", "-no-color", "plan.out"]);
    expect(lab.cloudstack.writeCounts()).toEqual({ migrateVolume: 1 });
    const again = await ws.run(["plan", "-no-color", "-detailed-exitcode"]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });
});
