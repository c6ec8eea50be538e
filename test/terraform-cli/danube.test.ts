/**
 * The life of ferry_danube_vm_replica — a Danube Cloud DR drill — through terraform itself, installed
 * from the filesystem mirror, on a lab of its own: a bad disk_zpools key refused at its attribute, the
 * replica created (the operations read back from the saved plan), an empty re-plan, an `import {}` block
 * with -generate-config-out on a replica made through the API outside terraform, drift (a sleep time
 * changed by hand) fixed by the next apply, the failover planned with its warning and applied as an
 * update, a failover done by hand seen by refresh and undone, a replacement (a new repname: the old
 * replica deleted before the new one is created) and a -replace, destroy.
 * Skipped (with the reason) where no `terraform` CLI is on the PATH; test/terraform-core drives the same
 * kind with terraform's Go libraries everywhere.
 */
import { expect, it } from "vitest";
import {
  applyPlan,
  configOf,
  describeLifecycle,
  importWithGeneratedConfig,
  destroyAll,
  labSecrets,
  leakedSecrets,
  replan,
  savedPlan,
  stateValues,
} from "../support/terraform-lifecycle.ts";

const A = "ferry_danube_vm_replica.web";
const WEB = "7b7e1d4c-9d84-4f0e-9a55-1f0c3f1a2b01";

function config(attrs: string, repname = "dr1"): string {
  return configOf(`resource "ferry_danube_vm_replica" "web" {
  vm      = "web01.lab"
  repname = "${repname}"
${attrs}
}`);
}
const CREATED = '  replica_node = "node02.lab"';
const FAILED_OVER =
  '  replica_node   = "node01.lab"\n  master_node    = "node02.lab"\n  allow_failover = true';

describeLifecycle("ferry_danube_vm_replica, a DR drill", { danubeTaskMs: 40 }, ({ lab, ws }) => {
  const d = () => lab().danube;
  const slave = (vm: string, repname: string) => {
    const master = d().model.master("main", vm);
    return master ? d().model.slave(master, repname) : undefined;
  };

  it("refuses a disk_zpools key that is not a disk id, pointing at the key", async () => {
    ws().write("main.tf", config(`${CREATED}\n  disk_zpools  = { "3" = "zones-ssd" }`));
    const r = await ws().run(["validate", "-no-color"]);
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/Invalid disk_zpools\.3/);
    expect(out).toMatch(/key "3" is not allowed: must be a disk id/);
    expect(out).toMatch(/disk_zpools\s+= \{ "3" = "zones-ssd" \}/);
  });

  it("plan (the replica create), apply once, re-plan empty — no password or key in the trace", async () => {
    ws().write("main.tf", config(CREATED));
    await ws().ok(["validate", "-no-color"]);
    const p = await savedPlan(ws());
    expect(p.change(A).actions).toEqual(["create"]);
    const ops = p.change(A).operations;
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatch(new RegExp(`^POST /api/vm/${WEB}/replica/dr1/ \\{.*"node":"node02.lab"`));
    const r = await applyPlan(ws(), "tf.plan", { TF_LOG: "TRACE" });
    expect(r.stderr).toMatch(/\[TRACE\]/);
    expect(leakedSecrets(r.stdout + r.stderr, labSecrets(lab()))).toEqual([]);
    expect(d().writeCounts()).toEqual({ vm_replica_create: 1 });
    expect(slave("web01.lab", "dr1")).toBeDefined();
    expect((await stateValues(ws())).get(A)).toMatchObject({
      vm_uuid: WEB,
      current_replica_node: "node02.lab",
    });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("import {} with -generate-config-out: a replica made outside terraform plans clean", async () => {
    const made = await fetch(`${d().url}/vm/db01.lab/replica/dr1/`, {
      method: "POST",
      headers: { "ES-API-KEY": d().apiKey, "content-type": "application/json" },
      body: JSON.stringify({ node: "node01.lab" }),
    });
    expect(made.status, await made.text()).toBeLessThan(300);
    await d().settle();
    expect(slave("db01.lab", "dr1")).toBeDefined();
    const { generated: gen } = await importWithGeneratedConfig(
      ws(),
      "ferry_danube_vm_replica.db",
      "db01.lab/dr1",
    );
    expect(gen).toContain('vm                = "db01.lab"');
    expect(gen).toContain('replica_node      = "node01.lab"');
    expect(d().writeCounts()).toEqual({ vm_replica_create: 2 });
  });

  it("drift: a sleep time changed by hand is planned back (PUT) and set back", async () => {
    const s = slave("web01.lab", "dr1");
    if (!s) throw new Error("no replica");
    s.sleepTime = 600;
    const p = await savedPlan(ws());
    expect(p.code).toBe(2);
    expect(p.change(A).actions).toEqual(["update"]);
    const ops = p.change(A).operations;
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatch(new RegExp(`^PUT /api/vm/${WEB}/replica/dr1/ \\{.*"sleep_time":60`));
    await applyPlan(ws());
    expect(s.sleepTime).toBe(60);
    expect(d().writeCounts()).toEqual({ vm_replica_create: 2, vm_replica_update: 1 });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("update: the failover, planned in place with its warning, applied; the UUID is followed", async () => {
    ws().write("main.tf", config(FAILED_OVER));
    const p = await savedPlan(ws());
    expect(p.change(A).actions).toEqual(["update"]);
    expect(p.stdout).not.toMatch(/must be replaced/);
    expect(p.stdout + p.stderr).toMatch(
      /Warning: ferry_danube_vm_replica: vm_replica_failover is disruptive/,
    );
    const ops = p.change(A).operations;
    expect(ops).toEqual([
      expect.stringMatching(new RegExp(`^PUT /api/vm/${WEB}/replica/dr1/failover/ .*\\[disruptive: `)),
      expect.stringMatching(/^PUT \/api\/vm\/\(the .*\)\/replica\/dr1\/reinit\/ /),
    ]);
    await applyPlan(ws());
    expect(d().writeCounts()).toEqual({
      vm_replica_create: 2,
      vm_replica_update: 1,
      vm_replica_failover: 1,
      vm_replica_reinit: 1,
    });
    const after = (await stateValues(ws())).get(A);
    expect(after?.vm_uuid).not.toBe(WEB);
    expect(after).toMatchObject({ current_master_node: "node02.lab", current_replica_node: "node01.lab" });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("a failover done by hand: refresh shows the swap, the plan says how to get back, apply gets back", async () => {
    d().model.failoverByHand("web01.lab", "dr1");
    const r = await ws().ok(["apply", "-refresh-only", "-auto-approve", "-no-color"]);
    expect(r.stdout).toMatch(/current_master_node\s+= "node02.lab" -> "node01.lab"/);
    expect((await stateValues(ws())).get(A)?.vm_uuid).toBe(WEB);
    const p = await savedPlan(ws());
    expect(p.code).toBe(2);
    expect(p.stdout).toMatch(/reinit\/.*\n(.|\n)*failover\//);
    await applyPlan(ws());
    expect((await stateValues(ws())).get(A)).toMatchObject({ current_master_node: "node02.lab" });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("replace: a new repname deletes the old replica, then creates the new one; nothing lost", async () => {
    const before = d().writeCounts();
    ws().write("main.tf", config(FAILED_OVER, "dr2"));
    const p = await savedPlan(ws());
    expect(p.code).toBe(2);
    expect(p.change(A).actions).toEqual(["delete", "create"]);
    expect(p.change(A).operations).toBe("unknown");
    await applyPlan(ws());
    const after = d().writeCounts();
    expect(after.vm_replica_delete ?? 0).toBe((before.vm_replica_delete ?? 0) + 1);
    expect(after.vm_replica_create ?? 0).toBe((before.vm_replica_create ?? 0) + 1);
    expect(slave("web01.lab", "dr1")).toBeUndefined();
    expect(slave("web01.lab", "dr2")).toBeDefined();
    expect((await stateValues(ws())).get(A)).toMatchObject({ repname: "dr2" });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("-replace: the replica deleted and created again, kept in state", async () => {
    const before = d().writeCounts();
    const p = await savedPlan(ws(), [`-replace=${A}`]);
    expect(p.change(A).actions).toEqual(["delete", "create"]);
    expect(p.change(A).operations).toBe("unknown");
    await applyPlan(ws());
    const after = d().writeCounts();
    expect(after.vm_replica_delete ?? 0).toBe((before.vm_replica_delete ?? 0) + 1);
    expect(after.vm_replica_create ?? 0).toBe((before.vm_replica_create ?? 0) + 1);
    expect(slave("web01.lab", "dr2")).toBeDefined();
    expect((await stateValues(ws())).get(A)).toMatchObject({ repname: "dr2" });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("destroy: state empty, both replicas deleted, the VMs stay where they run", async () => {
    const before = d().writeCounts();
    await destroyAll(ws());
    expect((await stateValues(ws())).size).toBe(0);
    expect(d().writeCounts().vm_replica_delete).toBe((before.vm_replica_delete ?? 0) + 2);
    expect(slave("web01.lab", "dr2")).toBeUndefined();
    expect(slave("db01.lab", "dr1")).toBeUndefined();
    expect(d().model.master("main", "web01.lab")?.node).toBe("node02.lab");
    expect(d().model.master("main", "db01.lab")?.node).toBe("node02.lab");
  });
});
