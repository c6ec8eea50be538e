/**
 * The life of ferry_cloudstack_volume_storage and ferry_cloudstack_volume_attachment
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
  labSecrets,
  leakedSecrets,
  replan,
  replaceInPlace,
  savedPlan,
  stateValues,
} from "../support/terraform-lifecycle.ts";

const VM = DEFAULT_IDS.vms;
const VOL = DEFAULT_IDS.volumes;
const POOL = DEFAULT_IDS.storagePools;
const LAB = { jobDurationMs: 40 };

describeLifecycle("ferry_cloudstack_volume_storage", LAB, ({ lab, ws }) => {
  const res = (
    pool: string,
    volume: string = VOL["archive-01"],
  ) => `resource "ferry_cloudstack_volume_storage" "archive" {
  volume_id       = "${volume}"
  storage_pool_id = "${pool}"
}`;
  const A = "ferry_cloudstack_volume_storage.archive";

  it("validate, plan (migrateVolume), apply once, re-plan empty — the trace shows no secret", async () => {
    ws().write("main.tf", configOf(res(POOL["ds-gold-02"])));
    await ws().ok(["validate", "-no-color"]);
    const p = await savedPlan(ws());
    expect(p.code).toBe(2);
    expect(p.change(A).actions).toEqual(["create"]);
    expect(p.change(A).operations).toEqual([
      `migrateVolume volumeid=${VOL["archive-01"]} storageid=${POOL["ds-gold-02"]}`,
    ]);
    const r = await applyPlan(ws(), "tf.plan", { TF_LOG: "TRACE" });
    expect(r.stderr).toMatch(/\[TRACE\]/);
    expect(r.stderr).toMatch(/migrateVolume/);
    expect(leakedSecrets(r.stdout + r.stderr, labSecrets(lab()))).toEqual([]);
    expect(lab().cloudstack.writeCounts()).toEqual({ migrateVolume: 1 });
    expect(lab().cloudstack.model.volume(VOL["archive-01"]).poolId).toBe(POOL["ds-gold-02"]);
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("import {} with -generate-config-out: the generated configuration plans clean", async () => {
    const { generated: gen } = await importWithGeneratedConfig(
      ws(),
      "ferry_cloudstack_volume_storage.kvm",
      VOL["kvm-disk"],
    );
    expect(gen).toMatch(/resource "ferry_cloudstack_volume_storage" "kvm" \{/);
    expect(gen).toContain(`volume_id       = "${VOL["kvm-disk"]}"`);
    expect(gen).toContain(`storage_pool_id = "${lab().cloudstack.model.volume(VOL["kvm-disk"]).poolId}"`);
    expect(lab().cloudstack.writeCounts()).toEqual({ migrateVolume: 1 });
  });

  it("drift: a volume moved behind terraform's back is planned back and moved back", async () => {
    lab().cloudstack.model.moveVolume(VOL["archive-01"], POOL["ds-gold-01"]);
    const p = await savedPlan(ws());
    expect(p.code).toBe(2);
    const d = p.drift.find((x) => x.address === A);
    // Refresh keeps the desired pool and records the live one (and no operation left in sync).
    expect(d?.before).toMatchObject({ storage_pool_id: POOL["ds-gold-02"], storage_pool_name: "ds-gold-02" });
    expect(d?.after).toMatchObject({ storage_pool_id: POOL["ds-gold-02"], storage_pool_name: "ds-gold-01" });
    expect(d?.after?.operations).toEqual([]);
    expect(p.change(A).actions).toEqual(["update"]);
    expect(p.change(A).operations).toEqual([
      `migrateVolume volumeid=${VOL["archive-01"]} storageid=${POOL["ds-gold-02"]}`,
    ]);
    await applyPlan(ws());
    expect(lab().cloudstack.model.volume(VOL["archive-01"]).poolId).toBe(POOL["ds-gold-02"]);
    expect(lab().cloudstack.writeCounts()).toEqual({ migrateVolume: 2 });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("update: another pool is one migrateVolume in place", async () => {
    ws().write("main.tf", configOf(res(POOL["ds-gold-01"])));
    const p = await savedPlan(ws());
    expect(p.change(A).actions).toEqual(["update"]);
    expect(p.change(A).operations).toEqual([
      `migrateVolume volumeid=${VOL["archive-01"]} storageid=${POOL["ds-gold-01"]}`,
    ]);
    await applyPlan(ws());
    expect(lab().cloudstack.model.volume(VOL["archive-01"]).poolId).toBe(POOL["ds-gold-01"]);
    expect(lab().cloudstack.writeCounts()).toEqual({ migrateVolume: 3 });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("replace (-replace): destroy forgets, the create finds the volume in place — no operation", async () => {
    await replaceInPlace(ws(), A);
    expect(lab().cloudstack.writeCounts()).toEqual({ migrateVolume: 3 });
    expect(lab().cloudstack.model.volume(VOL["archive-01"]).poolId).toBe(POOL["ds-gold-01"]);
  });

  it("destroy: state empty, both volumes stay where they are", async () => {
    await destroyAll(ws());
    expect((await stateValues(ws())).size).toBe(0);
    expect(lab().cloudstack.writeCounts()).toEqual({ migrateVolume: 3 });
    expect(lab().cloudstack.model.volume(VOL["archive-01"]).poolId).toBe(POOL["ds-gold-01"]);
    expect(lab().cloudstack.model.volume(VOL["kvm-disk"]).vmId).toBeNull();
  });
});

describeLifecycle("ferry_cloudstack_volume_attachment", LAB, ({ lab, ws }) => {
  const res = (volume: string, vm: string) => `resource "ferry_cloudstack_volume_attachment" "rescue" {
  volume_id          = "${volume}"
  virtual_machine_id = "${vm}"
}`;
  const A = "ferry_cloudstack_volume_attachment.rescue";
  const vol = (id: string) => lab().cloudstack.model.volume(id);

  it("plan (detach from the broken VM, attach to the rescue VM), apply once, re-plan empty", async () => {
    ws().write("main.tf", configOf(res(VOL["broken-01-root"], VM["rescue-01"])));
    await ws().ok(["validate", "-no-color"]);
    const p = await savedPlan(ws());
    expect(p.change(A).actions).toEqual(["create"]);
    expect(commandsOf(p.change(A).operations)).toEqual(["detachVolume", "attachVolume"]);
    await applyPlan(ws());
    expect(lab().cloudstack.writeCounts()).toEqual({ detachVolume: 1, attachVolume: 1 });
    expect(vol(VOL["broken-01-root"]).vmId).toBe(VM["rescue-01"]);
    expect(vol(VOL["broken-01-root"]).type).toBe("DATADISK");
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("import {} with -generate-config-out: the generated configuration plans clean", async () => {
    const { generated: gen } = await importWithGeneratedConfig(
      ws(),
      "ferry_cloudstack_volume_attachment.data",
      VOL["db-01-data"],
    );
    expect(gen).toContain(`virtual_machine_id = "${VM["db-01"]}"`);
    expect(gen).toContain(`volume_id          = "${VOL["db-01-data"]}"`);
    expect(lab().cloudstack.writeCounts()).toEqual({ detachVolume: 1, attachVolume: 1 });
  });

  it("drift: a volume detached behind terraform's back is planned back and attached again", async () => {
    lab().cloudstack.model.detachVolume(VOL["broken-01-root"]);
    const p = await savedPlan(ws());
    expect(p.code).toBe(2);
    const d = p.drift.find((x) => x.address === A);
    expect(d?.before).toMatchObject({ virtual_machine_id: VM["rescue-01"], attached_device_id: 1 });
    expect(d?.after).toMatchObject({
      virtual_machine_id: VM["rescue-01"],
      attached_device_id: -1,
      operations: [],
    });
    expect(p.change(A).actions).toEqual(["update"]);
    expect(commandsOf(p.change(A).operations)).toEqual(["attachVolume"]);
    await applyPlan(ws());
    expect(vol(VOL["broken-01-root"]).vmId).toBe(VM["rescue-01"]);
    expect(lab().cloudstack.writeCounts()).toEqual({ detachVolume: 1, attachVolume: 2 });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("update: another VM is detach there, attach here, in place", async () => {
    ws().write("main.tf", configOf(res(VOL["broken-01-root"], VM["db-01"])));
    const p = await savedPlan(ws());
    expect(p.change(A).actions).toEqual(["update"]);
    expect(commandsOf(p.change(A).operations)).toEqual(["detachVolume", "attachVolume"]);
    await applyPlan(ws());
    expect(vol(VOL["broken-01-root"]).vmId).toBe(VM["db-01"]);
    expect(lab().cloudstack.writeCounts()).toEqual({ detachVolume: 2, attachVolume: 3 });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("replace (volume_id): the old attachment is forgotten and stays, the new volume is attached", async () => {
    ws().write("main.tf", configOf(res(VOL["archive-01"], VM["db-01"])));
    const p = await savedPlan(ws());
    expect(p.change(A).actions).toEqual(["delete", "create"]);
    expect(commandsOf(p.change(A).operations)).toEqual(["attachVolume"]);
    await applyPlan(ws());
    expect(vol(VOL["archive-01"]).vmId).toBe(VM["db-01"]);
    expect(vol(VOL["broken-01-root"]).vmId).toBe(VM["db-01"]);
    expect(lab().cloudstack.writeCounts()).toEqual({ detachVolume: 2, attachVolume: 4 });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("destroy: state empty, the volumes stay attached", async () => {
    await destroyAll(ws());
    expect((await stateValues(ws())).size).toBe(0);
    expect(lab().cloudstack.writeCounts()).toEqual({ detachVolume: 2, attachVolume: 4 });
    expect(vol(VOL["archive-01"]).vmId).toBe(VM["db-01"]);
    expect(vol(VOL["db-01-data"]).vmId).toBe(VM["db-01"]);
  });
});
