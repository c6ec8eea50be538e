/**
 * terraform itself, installed from the filesystem mirror, runs a Danube Cloud DR drill on the lab:
 * a bad disk_zpools key refused at its attribute, the replica created, the failover planned (with its
 * warning) and applied in a second change, a failover done by hand seen by refresh, destroy. Skipped
 * (with the reason) where no `terraform` CLI is on the PATH.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Lab, startLab } from "../../lab/index.ts";
import { REQUIRED_PROVIDERS, TerraformWorkspace, terraformCli } from "../support/terraform-cli.ts";

const tf = terraformCli();

function config(attrs: string): string {
  return `${REQUIRED_PROVIDERS}
provider "ferry" {}

resource "ferry_danube_vm_replica" "web" {
  vm      = "web01.lab"
  repname = "dr1"
${attrs}
}

output "vm_uuid" {
  value = ferry_danube_vm_replica.web.vm_uuid
}
`;
}

describe.skipIf(!tf.available)(`terraform ${tf.version}: a Danube Cloud DR drill`, () => {
  let lab: Lab;
  let ws: TerraformWorkspace;

  beforeAll(async () => {
    lab = await startLab({ danubeTaskMs: 60 });
    ws = new TerraformWorkspace({
      env: { ES_API_URL: lab.danube.url, ES_API_KEY: lab.danube.apiKey },
      files: { "main.tf": config('  replica_node = "node02.lab"\n  disk_zpools  = { "3" = "zones-ssd" }') },
    });
    await ws.init();
  });

  afterAll(async () => {
    ws?.cleanup();
    await lab?.stop();
  });

  it("refuses a disk_zpools key that is not a disk id, pointing at the key", async () => {
    const r = await ws.run(["validate", "-no-color"]);
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/Invalid disk_zpools\.3/);
    expect(out).toMatch(/key "3" is not allowed: must be a disk id/);
    expect(out).toMatch(/disk_zpools\s+= \{ "3" = "zones-ssd" \}/);
  });

  it("creates the replica, plans the failover with its warning, applies it, and follows the new UUID", async () => {
    ws.write("main.tf", config('  replica_node = "node02.lab"'));
    const p1 = await ws.ok(["plan", "-no-color", "-out=create.plan"]);
    expect(p1.stdout).toMatch(/POST \/api\/vm\/7b7e1d4c-9d84-4f0e-9a55-1f0c3f1a2b01\/replica\/dr1\//);
    await ws.ok(["apply", "-no-color", "create.plan"]);
    expect(lab.danube.writeCounts()).toEqual({ vm_replica_create: 1 });
    const before = JSON.parse((await ws.ok(["output", "-json", "vm_uuid"])).stdout) as string;
    expect(before).toBe("7b7e1d4c-9d84-4f0e-9a55-1f0c3f1a2b01");

    ws.write(
      "main.tf",
      config('  replica_node   = "node01.lab"\n  master_node    = "node02.lab"\n  allow_failover = true'),
    );
    const p2 = await ws.ok(["plan", "-no-color", "-out=failover.plan"]);
    expect(p2.stdout).toMatch(/~ update in-place/);
    expect(p2.stdout).not.toMatch(/must be replaced/);
    expect(p2.stdout).toMatch(/failover\//);
    expect(p2.stdout + p2.stderr).toMatch(
      /Warning: ferry_danube_vm_replica: vm_replica_failover is disruptive/,
    );
    await ws.ok(["apply", "-no-color", "failover.plan"]);
    expect(lab.danube.writeCounts()).toEqual({
      vm_replica_create: 1,
      vm_replica_failover: 1,
      vm_replica_reinit: 1,
    });
    const after = JSON.parse((await ws.ok(["output", "-json", "vm_uuid"])).stdout) as string;
    expect(after).not.toBe(before);
    const again = await ws.run(["plan", "-no-color", "-detailed-exitcode"]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });

  it("a failover done by hand: refresh shows the swap, the plan says how to get back", async () => {
    lab.danube.model.failoverByHand("web01.lab", "dr1");
    const r = await ws.ok(["apply", "-refresh-only", "-auto-approve", "-no-color"]);
    expect(r.stdout).toMatch(/current_master_node\s+= "node02.lab" -> "node01.lab"/);
    const shown = (await ws.showJson()) as { values?: { outputs?: { vm_uuid?: { value?: string } } } };
    expect(shown.values?.outputs?.vm_uuid?.value).toBe("7b7e1d4c-9d84-4f0e-9a55-1f0c3f1a2b01");
    const p = await ws.run(["plan", "-no-color", "-detailed-exitcode"]);
    expect(p.code).toBe(2);
    expect(p.stdout).toMatch(/reinit\/.*\n(.|\n)*failover\//);
  });

  it("destroy deletes the replica", async () => {
    await ws.ok(["destroy", "-auto-approve", "-no-color"]);
    expect(lab.danube.writeCounts().vm_replica_delete).toBe(1);
  });
});
