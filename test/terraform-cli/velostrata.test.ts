/**
 * The life of ferry_velostrata_vm_detach through terraform itself, installed from the filesystem
 * mirror, on a lab of its own: a storage spec for two clouds refused at its attribute, fully cached to
 * ready-to-detach (the operations read back from the saved plan), an empty re-plan, an `import {}` block
 * with -generate-config-out on another VM, drift (the prepare cancelled through the API by hand) fixed
 * by the next apply, the cutover refused without allow_cutover and then applied as an update, import by
 * command, a replace (another VM), destroy. Skipped (with the reason) where no `terraform` CLI is on the
 * PATH; test/terraform-core drives the same kind with terraform's Go libraries everywhere.
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

const A = "ferry_velostrata_vm_detach.db";
const AWS = '  storage = { aws = { storage_type = "gp2" } }';

function config(attrs: string, vm = "vm-2"): string {
  return configOf(`resource "ferry_velostrata_vm_detach" "db" {
  vm_id = "${vm}"
${attrs}
}`);
}

describeLifecycle("ferry_velostrata_vm_detach", { velostrataTaskMs: 40 }, ({ lab, ws }) => {
  const v = () => lab().velostrata;
  const stateOf = (id: string) => v().model.vms.get(id)?.migrationState;

  it("refuses a storage spec for two clouds, pointing at storage", async () => {
    ws().write(
      "main.tf",
      config(
        '  stage   = "ready_to_detach"\n  storage = { aws = { storage_type = "gp2" }, gcp = { storage_type = "standard" } }',
      ),
    );
    const r = await ws().run(["validate", "-no-color"]);
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/Invalid storage/);
    expect(out).toMatch(/set exactly one of aws, azure, gcp \(aws and gcp are set\)/);
  });

  it("plan (preparetodetach), apply once, re-plan empty — no subscription id in the trace", async () => {
    ws().write("main.tf", config(`  stage   = "ready_to_detach"\n${AWS}`));
    await ws().ok(["validate", "-no-color"]);
    const p = await savedPlan(ws());
    expect(p.change(A).actions).toEqual(["create"]);
    const ops = p.change(A).operations;
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatch(
      /^POST \/velostrata\/api\/v42\/vms\/vm-2\/operations\/preparetodetach \{"_type":"AwsTargetStorageSpec"/,
    );
    const r = await applyPlan(ws(), "tf.plan", { TF_LOG: "TRACE" });
    expect(r.stderr).toMatch(/\[TRACE\]/);
    expect(leakedSecrets(r.stdout + r.stderr, labSecrets(lab()))).toEqual([]);
    expect(v().writeCounts()).toEqual({ preparetodetach: 1 });
    expect(stateOf("vm-2")).toBe("ReadyToDetach");
    expect((await stateValues(ws())).get(A)).toMatchObject({ migration_state: "ReadyToDetach" });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("import {} with -generate-config-out: the generated configuration plans clean", async () => {
    const { generated: gen } = await importWithGeneratedConfig(
      ws(),
      "ferry_velostrata_vm_detach.app",
      "vm-3",
    );
    expect(gen).toContain('stage                = "ready_to_detach"');
    expect(gen).toContain('vm_id                = "vm-3"');
    // Velostrata does not show a prepared VM's storage: the generated configuration leaves it unset.
    expect(gen).toContain("storage              = null");
    expect(v().writeCounts()).toEqual({ preparetodetach: 1 });
  });

  it("drift: the prepare cancelled through the API by hand is planned again and prepared again", async () => {
    const auth = Buffer.from(`apiuser:${v().subscriptionId}`).toString("base64");
    const res = await fetch(`${v().url}/velostrata/api/v42/vms/vm-2/operations/canceldetach`, {
      method: "POST",
      headers: { authorization: `Basic ${auth}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status, await res.text()).toBe(201);
    await v().settle();
    expect(stateOf("vm-2")).toBe("FullyCached");
    const p = await savedPlan(ws());
    expect(p.code).toBe(2);
    const d = p.drift.find((x) => x.address === A);
    expect(d?.before).toMatchObject({ stage: "ready_to_detach", migration_state: "ReadyToDetach" });
    expect(d?.after).toMatchObject({
      stage: "ready_to_detach",
      migration_state: "FullyCached",
      operations: [],
    });
    expect(p.change(A).actions).toEqual(["update"]);
    const ops = p.change(A).operations;
    expect(ops).toEqual([
      expect.stringMatching(/^POST \/velostrata\/api\/v42\/vms\/vm-2\/operations\/preparetodetach /),
    ]);
    await applyPlan(ws());
    expect(v().writeCounts()).toEqual({ preparetodetach: 2, canceldetach: 1 });
    expect(stateOf("vm-2")).toBe("ReadyToDetach");
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("update: the cutover is refused without allow_cutover, then planned in place with its warning", async () => {
    ws().write("main.tf", config(`  stage   = "detached"\n${AWS}`));
    const refused = await ws().run(["plan", "-no-color"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toMatch(/allow_cutover/);

    ws().write("main.tf", config(`  stage         = "detached"\n  allow_cutover = true\n${AWS}`));
    const p = await savedPlan(ws());
    expect(p.change(A).actions).toEqual(["update"]);
    expect(p.stdout + p.stderr).toMatch(/Warning: ferry_velostrata_vm_detach: detach is disruptive/);
    expect(p.change(A).operations).toEqual([
      expect.stringMatching(/^POST \/velostrata\/api\/v42\/vms\/vm-2\/operations\/detach .*\[disruptive: /),
    ]);
    await applyPlan(ws());
    expect(v().writeCounts()).toEqual({ preparetodetach: 2, canceldetach: 1, detach: 1 });
    expect(stateOf("vm-2")).toBe("Detached");
    expect((await stateValues(ws())).get(A)).toMatchObject({
      stage: "detached",
      migration_state: "Detached",
    });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("import by command reads the stage back (no operation to run)", async () => {
    await ws().ok(["state", "rm", A]);
    await ws().ok(["import", "-no-color", A, "vm-2"]);
    // Import fills the required inputs; the optional ones (storage, allow_cutover) are recorded by
    // the next apply, which runs no operation.
    const p = await savedPlan(ws());
    expect(p.code).toBe(2);
    expect(p.change(A).actions).toEqual(["update"]);
    expect(p.change(A).operations).toEqual([]);
    await applyPlan(ws());
    expect(v().writeCounts()).toEqual({ preparetodetach: 2, canceldetach: 1, detach: 1 });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("replace (another vm_id): the old VM is forgotten where it is, the new one is already there", async () => {
    ws().write("main.tf", config('  stage = "fully_cached"', "vm-6"));
    const p = await savedPlan(ws());
    expect(p.change(A).actions).toEqual(["delete", "create"]);
    expect(p.change(A).operations).toEqual([]);
    await applyPlan(ws());
    expect(v().writeCounts()).toEqual({ preparetodetach: 2, canceldetach: 1, detach: 1 });
    expect(stateOf("vm-2")).toBe("Detached");
    expect((await stateValues(ws())).get(A)).toMatchObject({ vm_id: "vm-6", migration_state: "FullyCached" });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("destroy: state empty, every VM stays where the last apply left it", async () => {
    await destroyAll(ws());
    expect((await stateValues(ws())).size).toBe(0);
    expect(v().writeCounts()).toEqual({ preparetodetach: 2, canceldetach: 1, detach: 1 });
    expect([stateOf("vm-2"), stateOf("vm-3"), stateOf("vm-6")]).toEqual([
      "Detached",
      "ReadyToDetach",
      "FullyCached",
    ]);
  });
});
