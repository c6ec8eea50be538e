/**
 * The life of ferry_cloudstack_root_volume and ferry_cloudstack_vm_storage
 * through terraform itself, installed from the filesystem mirror, each on a lab of its own: validate,
 * plan (the operations read back from the saved plan), apply, an empty re-plan, an `import {}` block
 * with -generate-config-out on an object made outside terraform, drift made through the lab and fixed
 * by the next apply, an update, a replace, destroy. Skipped (with the reason) where no `terraform` CLI
 * is on the PATH; test/terraform-core drives the same kinds with terraform's Go libraries everywhere.
 */
import { expect, it } from "vitest";
import { DEFAULT_IDS } from "../../lab/index.ts";
import {
  applyPlan,
  commandsOf,
  configOf,
  describeLifecycle,
  importWithGeneratedConfig,
  destroyAll,
  replan,
  replaceInPlace,
  savedPlan,
  stateValues,
} from "../support/terraform-lifecycle.ts";

const VM = DEFAULT_IDS.vms;
const VOL = DEFAULT_IDS.volumes;
const POOL = DEFAULT_IDS.storagePools;
const LAB = { jobDurationMs: 40 };

describeLifecycle("ferry_cloudstack_root_volume", LAB, ({ lab, ws }) => {
  const res = (volume: string) => `resource "ferry_cloudstack_root_volume" "web" {
  virtual_machine_id = "${VM["web-01"]}"
  volume_id          = "${volume}"
  allow_stop         = true
}`;
  const A = "ferry_cloudstack_root_volume.web";
  const SWAP = [
    "createTags",
    "stopVirtualMachine",
    "detachVolume",
    "attachVolume",
    "startVirtualMachine",
    "deleteTags",
  ];
  const rootOf = (vm: string) =>
    lab()
      .cloudstack.model.volumesOf(vm)
      .find((v) => v.deviceId === 0)?.id;
  const counts = (n: number) => Object.fromEntries(SWAP.map((c) => [c, n]));

  it("plan (the swap of a Running VM with its intent record), apply once, re-plan empty", async () => {
    ws().write("main.tf", configOf(res(VOL["web-01-root-v2"])));
    await ws().ok(["validate", "-no-color"]);
    const p = await savedPlan(ws());
    expect(p.change(A).actions).toEqual(["create"]);
    expect(commandsOf(p.change(A).operations)).toEqual(SWAP);
    await applyPlan(ws());
    expect(lab().cloudstack.writeCounts()).toEqual(counts(1));
    expect(rootOf(VM["web-01"])).toBe(VOL["web-01-root-v2"]);
    expect(lab().cloudstack.model.vm(VM["web-01"]).state).toBe("Running");
    expect([...lab().cloudstack.model.vm(VM["web-01"]).tags]).toEqual([]);
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("import {} with -generate-config-out: the generated configuration plans clean", async () => {
    const { generated: gen } = await importWithGeneratedConfig(
      ws(),
      "ferry_cloudstack_root_volume.db",
      VM["db-01"],
    );
    expect(gen).toContain(`virtual_machine_id = "${VM["db-01"]}"`);
    expect(gen).toContain(`volume_id          = "${VOL["db-01-root"]}"`);
    expect(lab().cloudstack.writeCounts()).toEqual(counts(1));
  });

  it("drift: a root swapped back by hand is planned and swapped again", async () => {
    const m = lab().cloudstack.model;
    m.setVmState(VM["web-01"], "Stopped");
    m.detachVolume(VOL["web-01-root-v2"]);
    m.attachVolume(VOL["web-01-root"], VM["web-01"], 0);
    m.setVmState(VM["web-01"], "Running");
    const p = await savedPlan(ws());
    expect(p.code).toBe(2);
    const d = p.drift.find((x) => x.address === A);
    // Refresh keeps the desired root and records the live one (and no operation left in sync).
    expect(d?.before).toMatchObject({ volume_id: VOL["web-01-root-v2"], root_volume_name: "web-01-root-v2" });
    expect(d?.after).toMatchObject({
      volume_id: VOL["web-01-root-v2"],
      root_volume_name: "web-01-root",
      operations: [],
    });
    expect(p.change(A).actions).toEqual(["update"]);
    expect(commandsOf(p.change(A).operations)).toEqual(SWAP);
    await applyPlan(ws());
    expect(rootOf(VM["web-01"])).toBe(VOL["web-01-root-v2"]);
    expect(lab().cloudstack.model.vm(VM["web-01"]).state).toBe("Running");
    expect(lab().cloudstack.writeCounts()).toEqual(counts(2));
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("update: back to the first root, in place; previous_volume_id names the one replaced", async () => {
    ws().write("main.tf", configOf(res(VOL["web-01-root"])));
    const p = await savedPlan(ws());
    expect(p.change(A).actions).toEqual(["update"]);
    expect(commandsOf(p.change(A).operations)).toEqual(SWAP);
    await applyPlan(ws());
    expect(rootOf(VM["web-01"])).toBe(VOL["web-01-root"]);
    expect(lab().cloudstack.model.vm(VM["web-01"]).state).toBe("Running");
    expect(lab().cloudstack.writeCounts()).toEqual(counts(3));
    expect((await stateValues(ws())).get(A)?.previous_volume_id).toBe(VOL["web-01-root-v2"]);
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("replace (-replace): destroy forgets, the create finds the root in place — no operation", async () => {
    await replaceInPlace(ws(), A);
    expect(lab().cloudstack.writeCounts()).toEqual(counts(3));
  });

  it("destroy: state empty, the VM keeps its root and keeps running", async () => {
    await destroyAll(ws());
    expect((await stateValues(ws())).size).toBe(0);
    expect(lab().cloudstack.writeCounts()).toEqual(counts(3));
    expect(rootOf(VM["web-01"])).toBe(VOL["web-01-root"]);
    expect(rootOf(VM["db-01"])).toBe(VOL["db-01-root"]);
    expect(lab().cloudstack.model.vm(VM["web-01"]).state).toBe("Running");
  });
});

describeLifecycle("ferry_cloudstack_vm_storage", LAB, ({ lab, ws }) => {
  const res = (pool: string) => `resource "ferry_cloudstack_vm_storage" "web" {
  virtual_machine_id = "${VM["web-01"]}"
  storage_pool_id    = "${pool}"
  allow_stop         = true
}`;
  const A = "ferry_cloudstack_vm_storage.web";
  const MOVE = [
    "createTags",
    "stopVirtualMachine",
    "migrateVirtualMachine",
    "startVirtualMachine",
    "deleteTags",
  ];
  const counts = (n: number) => Object.fromEntries(MOVE.map((c) => [c, n]));
  const poolsOf = (vm: string) => [
    ...new Set(
      lab()
        .cloudstack.model.volumesOf(vm)
        .map((v) => v.poolId),
    ),
  ];

  it("plan (stop, migrateVirtualMachine, start, with the intent record), apply once, re-plan empty", async () => {
    ws().write("main.tf", configOf(res(POOL["ds-gold-02"])));
    await ws().ok(["validate", "-no-color"]);
    const p = await savedPlan(ws());
    expect(p.change(A).actions).toEqual(["create"]);
    expect(commandsOf(p.change(A).operations)).toEqual(MOVE);
    await applyPlan(ws());
    expect(lab().cloudstack.writeCounts()).toEqual(counts(1));
    expect(poolsOf(VM["web-01"])).toEqual([POOL["ds-gold-02"]]);
    expect(lab().cloudstack.model.vm(VM["web-01"]).state).toBe("Running");
    expect((await stateValues(ws())).get(A)).toMatchObject({
      storage_pool_name: "ds-gold-02",
      vm_state: "Running",
    });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("import {} with -generate-config-out: the generated configuration plans clean", async () => {
    const { generated: gen } = await importWithGeneratedConfig(
      ws(),
      "ferry_cloudstack_vm_storage.db",
      VM["db-01"],
    );
    expect(gen).toContain(`virtual_machine_id = "${VM["db-01"]}"`);
    expect(gen).toContain(`storage_pool_id    = "${poolsOf(VM["db-01"])[0]}"`);
    expect(lab().cloudstack.writeCounts()).toEqual(counts(1));
  });

  it("drift: a VM whose disks were moved by hand is planned back and moved back", async () => {
    for (const v of lab().cloudstack.model.volumesOf(VM["web-01"]))
      lab().cloudstack.model.moveVolume(v.id, POOL["ds-gold-01"]);
    const p = await savedPlan(ws());
    expect(p.code).toBe(2);
    const d = p.drift.find((x) => x.address === A);
    expect(d?.before).toMatchObject({ storage_pool_id: POOL["ds-gold-02"], storage_pool_name: "ds-gold-02" });
    expect(d?.after).toMatchObject({
      storage_pool_id: POOL["ds-gold-02"],
      storage_pool_name: "ds-gold-01",
      operations: [],
    });
    expect(p.change(A).actions).toEqual(["update"]);
    expect(commandsOf(p.change(A).operations)).toEqual(MOVE);
    await applyPlan(ws());
    expect(poolsOf(VM["web-01"])).toEqual([POOL["ds-gold-02"]]);
    expect(lab().cloudstack.writeCounts()).toEqual(counts(2));
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("update: another pool, in place; the VM runs again", async () => {
    ws().write("main.tf", configOf(res(POOL["ds-gold-01"])));
    const p = await savedPlan(ws());
    expect(p.change(A).actions).toEqual(["update"]);
    expect(commandsOf(p.change(A).operations)).toEqual(MOVE);
    await applyPlan(ws());
    expect(poolsOf(VM["web-01"])).toEqual([POOL["ds-gold-01"]]);
    expect(lab().cloudstack.model.vm(VM["web-01"]).state).toBe("Running");
    expect(lab().cloudstack.writeCounts()).toEqual(counts(3));
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("replace (-replace): destroy forgets, the create finds the VM in place — no operation", async () => {
    await replaceInPlace(ws(), A);
    expect(lab().cloudstack.writeCounts()).toEqual(counts(3));
  });

  it("destroy: state empty, the VMs stay where they are", async () => {
    await destroyAll(ws());
    expect((await stateValues(ws())).size).toBe(0);
    expect(lab().cloudstack.writeCounts()).toEqual(counts(3));
    expect(poolsOf(VM["web-01"])).toEqual([POOL["ds-gold-01"]]);
    expect(lab().cloudstack.model.vm(VM["web-01"]).state).toBe("Running");
  });
});
