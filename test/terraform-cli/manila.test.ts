/**
 * The life of ferry_manila_share_server_host through terraform itself, installed from the filesystem
 * mirror, on a lab of its own: validate, plan (the operations read back from the saved plan), apply of
 * phase 1, an empty re-plan, an `import {}` block with -generate-config-out on a share server made
 * outside terraform, drift (the move cancelled by hand) fixed by the next apply, the switch-over as an
 * update, a replace, destroy. Skipped (with the reason) where no `terraform` CLI is on the PATH;
 * test/terraform-core drives the same kind with terraform's Go libraries everywhere.
 */
import { expect, it } from "vitest";
import { LAB_IDS } from "../../lab/manila/model.ts";
import {
  applyPlan,
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

const A = "ferry_manila_share_server_host.fs";
const res = (complete: boolean) => `resource "ferry_manila_share_server_host" "fs" {
  share_server_id = "${LAB_IDS.server}"
  host            = "manila-peer@dummy2"
  complete        = ${complete}
}`;
const START = new RegExp(`^POST /v2/share-servers/${LAB_IDS.server}/action \\{"migration_start":`);

describeLifecycle("ferry_manila_share_server_host", { manilaStepMs: 40 }, ({ lab, ws }) => {
  const model = () => lab().manila.model;
  const writes = () =>
    Object.fromEntries(
      ["migration_start", "migration_complete", "migration_cancel"].map((op) => [op, lab().manila.count(op)]),
    );

  it("validate, plan (migration_start, the wait for phase 1), apply, re-plan empty — no secret in the trace", async () => {
    ws().write("main.tf", configOf(res(false)));
    await ws().ok(["validate", "-no-color"]);
    const p = await savedPlan(ws());
    expect(p.change(A).actions).toEqual(["create"]);
    const ops = p.change(A).operations;
    expect(ops).toHaveLength(2);
    expect(ops[0]).toMatch(START);
    expect(ops[1]).toMatch(
      /^wait for GET \/v2\/share-servers\/.* until task_state ∈ \{migration_driver_phase1_done/,
    );
    const r = await applyPlan(ws(), "tf.plan", { TF_LOG: "TRACE" });
    expect(r.stderr).toMatch(/\[TRACE\]/);
    expect(leakedSecrets(r.stdout + r.stderr, labSecrets(lab()))).toEqual([]);
    expect(writes()).toEqual({ migration_start: 1, migration_complete: 0, migration_cancel: 0 });
    expect(model().servers.get(LAB_IDS.server)?.task_state).toBe("migration_driver_phase1_done");
    expect((await stateValues(ws())).get(A)).toMatchObject({ ready_to_complete: true, total_progress: 100 });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("import {} with -generate-config-out: the generated configuration plans clean", async () => {
    const other = model().addServer({ host: "manila-peer@dummy1", withShare: true });
    const { generated: gen } = await importWithGeneratedConfig(
      ws(),
      "ferry_manila_share_server_host.other",
      other.id,
    );
    expect(gen).toContain(`share_server_id      = "${other.id}"`);
    expect(gen).toContain(`host                 = "manila-peer@dummy1"`);
    expect(writes()).toEqual({ migration_start: 1, migration_complete: 0, migration_cancel: 0 });
  });

  it("drift: the move cancelled by hand is planned again and phase 1 runs again", async () => {
    const src = model().servers.get(LAB_IDS.server);
    if (!src) throw new Error("the share server is gone");
    model().cancel(src);
    await lab().manila.settle();
    expect(src.task_state).toBe("migration_cancelled");
    const p = await savedPlan(ws());
    expect(p.code).toBe(2);
    const d = p.drift.find((x) => x.address === A);
    expect(d?.before).toMatchObject({ ready_to_complete: true });
    expect(d?.after).toMatchObject({
      ready_to_complete: false,
      current_host: "manila-peer@dummy1",
      operations: [],
    });
    expect(p.change(A).actions).toEqual(["update"]);
    const ops = p.change(A).operations;
    expect(ops === "unknown" ? ops : ops.some((o) => START.test(o))).toBe(true);
    await applyPlan(ws());
    expect(writes()).toEqual({ migration_start: 2, migration_complete: 0, migration_cancel: 0 });
    expect(src.task_state).toBe("migration_driver_phase1_done");
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("update: complete = true switches over in place; the resource follows the destination server", async () => {
    ws().write("main.tf", configOf(res(true)));
    const p = await savedPlan(ws());
    expect(p.change(A).actions).toEqual(["update"]);
    const ops = p.change(A).operations;
    expect(ops).toHaveLength(2);
    expect(ops[0]).toMatch(
      new RegExp(
        `^POST /v2/share-servers/${LAB_IDS.server}/action \\{"migration_complete": null\\} {2}\\[disruptive: `,
      ),
    );
    expect(ops[1]).toMatch(/^wait for GET .* until task_state ∈ \{migration_success\}/);
    await applyPlan(ws());
    await lab().manila.settle();
    expect(writes()).toEqual({ migration_start: 2, migration_complete: 1, migration_cancel: 0 });
    const share = model().shares.get(LAB_IDS.share);
    const now = model().servers.get(share?.share_server_id ?? "");
    expect(now?.host).toBe("manila-peer@dummy2");
    expect(now?.id).not.toBe(LAB_IDS.server);
    expect((await stateValues(ws())).get(A)).toMatchObject({
      current_share_server_id: now?.id,
      current_host: "manila-peer@dummy2",
    });
    expect(await replan(ws())).toMatchObject({ code: 0 });
  });

  it("replace (-replace): destroy forgets (no move in flight), the create finds the server in place", async () => {
    await replaceInPlace(ws(), A);
    expect(writes()).toEqual({ migration_start: 2, migration_complete: 1, migration_cancel: 0 });
  });

  it("destroy: state empty, the shares stay on the destination, nothing cancelled", async () => {
    await destroyAll(ws());
    expect((await stateValues(ws())).size).toBe(0);
    expect(writes()).toEqual({ migration_start: 2, migration_complete: 1, migration_cancel: 0 });
    const share = model().shares.get(LAB_IDS.share);
    expect(model().servers.get(share?.share_server_id ?? "")?.host).toBe("manila-peer@dummy2");
  });
});
