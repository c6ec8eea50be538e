/**
 * terraform itself, installed from the filesystem mirror, moves a Velostrata VM on the lab: a storage
 * spec for two clouds refused at its attribute, fully cached to ready-to-detach in one reviewed
 * change, the cutover refused without allow_cutover, then planned with its warning and applied in a
 * second. Skipped (with the reason) where no `terraform` CLI is on the PATH.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Lab, startLab } from "../../lab/index.ts";
import { REQUIRED_PROVIDERS, TerraformWorkspace, terraformCli } from "../support/terraform-cli.ts";

const tf = terraformCli();

function config(attrs: string): string {
  return `${REQUIRED_PROVIDERS}
provider "ferry" {}

resource "ferry_velostrata_vm_detach" "db" {
  vm_id = "vm-2"
${attrs}
}

output "migration_state" {
  value = ferry_velostrata_vm_detach.db.migration_state
}
`;
}

const AWS = '  storage = { aws = { storage_type = "gp2" } }';

describe.skipIf(!tf.available)(
  `terraform ${tf.version}: a Velostrata VM detached in two reviewed changes`,
  () => {
    let lab: Lab;
    let ws: TerraformWorkspace;

    beforeAll(async () => {
      lab = await startLab({ velostrataTaskMs: 60 });
      ws = new TerraformWorkspace({
        env: {
          VELOSTRATA_URL: lab.velostrata.url,
          VELOSTRATA_SUBSCRIPTION_ID: lab.velostrata.subscriptionId,
        },
        files: {
          "main.tf": config(
            '  stage   = "ready_to_detach"\n  storage = { aws = { storage_type = "gp2" }, gcp = { storage_type = "standard" } }',
          ),
        },
      });
      await ws.init();
    });

    afterAll(async () => {
      ws?.cleanup();
      await lab?.stop();
    });

    it("refuses a storage spec for two clouds, pointing at storage", async () => {
      const r = await ws.run(["validate", "-no-color"]);
      expect(r.code).toBe(1);
      const out = r.stdout + r.stderr;
      expect(out).toMatch(/Invalid storage/);
      expect(out).toMatch(/set exactly one of aws, azure, gcp \(aws and gcp are set\)/);
    });

    it("fully cached → ready to detach, then the cutover in a second change", async () => {
      ws.write("main.tf", config(`  stage   = "ready_to_detach"\n${AWS}`));
      const p1 = await ws.ok(["plan", "-no-color", "-out=prepare.plan"]);
      expect(p1.stdout).toMatch(
        /POST \/velostrata\/api\/v42\/vms\/vm-2\/operations\/preparetodetach \{\\"_type\\":\\"AwsTargetStorageSpec\\"/,
      );
      await ws.ok(["apply", "-no-color", "prepare.plan"]);
      expect(lab.velostrata.writeCounts()).toEqual({ preparetodetach: 1 });
      expect(JSON.parse((await ws.ok(["output", "-json", "migration_state"])).stdout)).toBe("ReadyToDetach");
      const same = await ws.run(["plan", "-no-color", "-detailed-exitcode"]);
      expect(same.code, same.stdout + same.stderr).toBe(0);

      ws.write("main.tf", config(`  stage   = "detached"\n${AWS}`));
      const refused = await ws.run(["plan", "-no-color"]);
      expect(refused.code).toBe(1);
      expect(refused.stdout + refused.stderr).toMatch(/allow_cutover/);

      ws.write("main.tf", config(`  stage         = "detached"\n  allow_cutover = true\n${AWS}`));
      const p2 = await ws.ok(["plan", "-no-color", "-out=cutover.plan"]);
      expect(p2.stdout).toMatch(/~ update in-place/);
      expect(p2.stdout + p2.stderr).toMatch(/Warning: ferry_velostrata_vm_detach: detach is disruptive/);
      await ws.ok(["apply", "-no-color", "cutover.plan"]);
      expect(lab.velostrata.writeCounts()).toEqual({ preparetodetach: 1, detach: 1 });
      expect(JSON.parse((await ws.ok(["output", "-json", "migration_state"])).stdout)).toBe("Detached");
    });

    it("import reads the stage back (no operation to run); destroy forgets", async () => {
      await ws.ok(["state", "rm", "ferry_velostrata_vm_detach.db"]);
      await ws.ok(["import", "-no-color", "ferry_velostrata_vm_detach.db", "vm-2"]);
      // Import fills the required inputs; the optional ones (storage, allow_cutover) are recorded by
      // the next apply, which runs no operation.
      const p = await ws.run(["plan", "-no-color", "-detailed-exitcode"]);
      expect(p.code, p.stdout + p.stderr).toBe(2);
      expect(p.stdout).not.toMatch(/~ stage/);
      expect(p.stdout).not.toMatch(/operations\/(migrate|preparetodetach|detach|canceldetach|cleanup)/);
      await ws.ok(["apply", "-auto-approve", "-no-color"]);
      const again = await ws.run(["plan", "-no-color", "-detailed-exitcode"]);
      expect(again.code, again.stdout + again.stderr).toBe(0);
      await ws.ok(["destroy", "-auto-approve", "-no-color"]);
      expect(lab.velostrata.writeCounts()).toEqual({ preparetodetach: 1, detach: 1 });
      expect(lab.velostrata.model.vms.get("vm-2")?.migrationState).toBe("Detached");
    });
  },
);
