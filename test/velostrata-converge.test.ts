/**
 * velostrata_vm_detach against the Velostrata lab: each path end to end, and the guarantees — a run
 * killed mid-task and run again, injected 5xx, resets and 429, a timeout that says the task continues
 * and a rerun that adopts it — each operation exactly once in the lab's call log, and the same end
 * state as an uninterrupted run.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startVelostrataLab, type VelostrataLab } from "../lab/velostrata/index.ts";
import { type FerryError, PlanBlockedError } from "../provider/engine/errors.ts";
import { applyResource, parseSpec, planResource } from "../provider/engine/resource.ts";
import { VelostrataClient } from "../provider/velostrata/client.ts";
import { velostrataSettingsSchema } from "../provider/velostrata/settings.ts";
import { vmDetach } from "../provider/velostrata/vm-detach.ts";
import { type ChildEvent, runChildUntil } from "./support/run-child.ts";

let lab: VelostrataLab;
let client: VelostrataClient;

const ALL = { allow_cutover: true, allow_rollback: true, allow_cleanup: true };
const AWS = { aws: { storage_type: "gp2" } };

function settings(l: VelostrataLab = lab) {
  return { url: l.url, subscription_id: l.subscriptionId };
}

beforeEach(async () => {
  lab = await startVelostrataLab({ taskMs: 60 });
  client = new VelostrataClient(velostrataSettingsSchema.parse(settings()));
});
afterEach(async () => {
  await lab.stop();
});

function apply(input: Record<string, unknown>, o: { c?: VelostrataClient; timeout?: string } = {}) {
  return applyResource(
    vmDetach,
    o.c ?? client,
    parseSpec(vmDetach, { ...input, ...(o.timeout ? { timeouts: { update: o.timeout } } : {}) }),
    { phase: "update" },
  );
}

async function plan(input: Record<string, unknown>) {
  return (await planResource(vmDetach, client, parseSpec(vmDetach, input), {})).plan;
}

function vmState(l: VelostrataLab, id: string) {
  const v = l.model.vms.get(id)!;
  return {
    migrationState: v.migrationState,
    state: v.state,
    instanceType: v.instanceType,
    tasks: v.activeTasks.length,
  };
}

describe("each path end to end", () => {
  it("CacheOnDemand → cleaned_up: migrate, preparetodetach, detach, cleanup — each once, as planned", async () => {
    const input = { vm_id: "vm-1", stage: "cleaned_up", storage: AWS, ...ALL };
    const p = await plan(input);
    expect(p.steps.map((s) => s.step.operation)).toEqual(["migrate", "preparetodetach", "detach", "cleanup"]);
    const r = await apply(input);
    expect(r.ran.map((s) => s.operation)).toEqual(["migrate", "preparetodetach", "detach", "cleanup"]);
    expect(lab.writeCounts()).toEqual({ migrate: 1, preparetodetach: 1, detach: 1, cleanup: 1 });
    expect(r.outputs).toMatchObject({ migration_state: "None", state: "Unmanaged", active_task_ids: [] });
    expect((await plan(input)).steps).toEqual([]);
  });

  it("fully cached to ready-to-detach in one change, cut over in a second", async () => {
    const first = await apply({ vm_id: "vm-2", stage: "ready_to_detach", storage: AWS });
    expect(first.outputs.migration_state).toBe("ReadyToDetach");
    expect(lab.model.vms.get("vm-2")!.storage).toEqual({
      _type: "AwsTargetStorageSpec",
      storageType: "gp2",
      isEbsEncryption: false,
    });
    const blocked = await plan({ vm_id: "vm-2", stage: "detached", storage: AWS });
    expect(blocked.blockers.map((b) => b.attribute)).toEqual(["allow_cutover"]);
    const second = await apply({ vm_id: "vm-2", stage: "detached", storage: AWS, allow_cutover: true });
    expect(second.ran.map((s) => s.operation)).toEqual(["detach"]);
    expect(second.outputs).toMatchObject({ migration_state: "Detached", instance_type: "m5.large" });
    expect(lab.writeCounts()).toEqual({ preparetodetach: 1, detach: 1 });
  });

  it("Detached → fully_cached is the rollback (canceldetach), only with allow_rollback", async () => {
    await expect(apply({ vm_id: "vm-4", stage: "fully_cached" })).rejects.toBeInstanceOf(PlanBlockedError);
    expect(lab.writeCounts()).toEqual({});
    const r = await apply({ vm_id: "vm-4", stage: "fully_cached", allow_rollback: true });
    expect(r.ran.map((s) => s.operation)).toEqual(["canceldetach"]);
    expect(r.outputs.migration_state).toBe("FullyCached");
  });

  it("a detach onto another instance type; a running migration adopted, not issued again", async () => {
    const d = await apply({
      vm_id: "vm-3",
      stage: "detached",
      target_instance_type: "Standard_D2_v2",
      allow_cutover: true,
    });
    expect(d.outputs.instance_type).toBe("Standard_D2_v2");
    const m = await apply({ vm_id: "vm-5", stage: "fully_cached" });
    expect(m.ran.map((s) => `${s.action}:${s.operation}`)).toEqual(["wait:migrate"]);
    expect(lab.writeCounts()).toEqual({ detach: 1 });
  });

  it("a cleaned-up VM cannot go back; a failed detach reports Velostrata's words and the rerun adopts its rollback", async () => {
    await apply({ vm_id: "vm-4", stage: "cleaned_up", ...ALL });
    const back = await plan({ vm_id: "vm-4", stage: "detached", ...ALL });
    expect(back.blockers.map((b) => b.code)).toEqual(["CLEANED_UP"]);

    lab.model.failNextDetach.push("Instance failed to boot from the native disks");
    lab.model.rollbackMs = 1500;
    const e = (await apply({ vm_id: "vm-3", stage: "detached", allow_cutover: true }).catch(
      (x: unknown) => x,
    )) as FerryError;
    expect(e.code).toBe("JOB_FAILED");
    expect(e.why).toMatch(/^Instance failed to boot from the native disks/);
    const again = await apply({ vm_id: "vm-3", stage: "detached", allow_cutover: true });
    expect(again.ran.map((s) => `${s.action}:${s.operation}`)).toEqual(["wait:detach", "call:detach"]);
    expect(lab.writeCounts()).toEqual({ cleanup: 1, detach: 2 });
  });

  it("the 2.5 field names drive the same path", async () => {
    lab.model.fieldNames = "2.5";
    const r = await apply({ vm_id: "vm-2", stage: "detached", storage: AWS, allow_cutover: true });
    expect(r.outputs).toMatchObject({
      migration_state: "Detached",
      instance_type: "m5.large",
      power_state: "Running",
    });
  });
});

describe("crashes, faults and timeouts", () => {
  it.each<[string, string]>([
    ["preparetodetach", "vm-2"],
    ["detach", "vm-3"],
  ])(
    "killed (SIGKILL) while its %s task runs, then run again: each operation once, the same end state",
    async (op, vm) => {
      const input = {
        vm_id: vm,
        stage: "detached",
        storage: vm === "vm-3" ? { azure: { storage_account: "ferrydisks" } } : AWS,
        allow_cutover: true,
      };
      const ref = await startVelostrataLab({ taskMs: 60 });
      await apply(input, { c: new VelostrataClient(velostrataSettingsSchema.parse(settings(ref))) });
      const expected = { state: vmState(ref, vm), writes: ref.writeCounts() };
      await ref.stop();

      lab.model.taskMs = 1500;
      const killed = await runChildUntil(
        "velostrata_vm_detach",
        input,
        (ev: ChildEvent) =>
          ev.event === "progress" && ev.operation === op && /started/.test(String(ev.message)),
        { env: { LAB_SETTINGS: JSON.stringify(settings()) } },
      );
      expect(killed.killed).toBe(true);
      expect(lab.model.running().filter((t) => t.vm === vm)).toHaveLength(1);
      lab.model.taskMs = 60;
      const again = await apply(input);
      expect(again.ran[0]).toMatchObject({ action: "wait", operation: op });
      expect(vmState(lab, vm)).toEqual(expected.state);
      expect(lab.writeCounts()).toEqual(expected.writes);
    },
    60_000,
  );

  it("a preparetodetach answered 503 after the manager took it: observed, adopted — issued once", async () => {
    lab.faults.inject({ kind: "status-after", status: 503, commands: ["preparetodetach"] });
    const r = await apply({ vm_id: "vm-2", stage: "ready_to_detach", storage: AWS });
    expect(r.ran.map((s) => `${s.action}:${s.operation}`)).toEqual(["wait:preparetodetach"]);
    expect(lab.count("preparetodetach")).toBe(1);
    expect(r.outputs.migration_state).toBe("ReadyToDetach");
  });

  it("a detach whose connection is reset after the manager took it: once", async () => {
    lab.faults.inject({ kind: "reset", after: true, commands: ["detach"] });
    const r = await apply({ vm_id: "vm-3", stage: "detached", allow_cutover: true });
    expect(r.outputs.migration_state).toBe("Detached");
    expect(lab.count("detach")).toBe(1);
    expect(lab.calls.filter((c) => c.operation === "detach")).toHaveLength(1);
  });

  it("a migrate refused with 503 before it ran shows no trace: issued once more, executed once", async () => {
    lab.faults.inject({ kind: "status", status: 503, commands: ["migrate"] });
    const r = await apply({ vm_id: "vm-1", stage: "fully_cached" });
    expect(r.outputs.migration_state).toBe("FullyCached");
    expect(lab.calls.filter((c) => c.operation === "migrate")).toHaveLength(2);
    expect(lab.count("migrate")).toBe(1);
  });

  it("429 and resets on reads duplicate no write", async () => {
    lab.faults.inject({ kind: "ratelimit", retryAfterSeconds: 0, times: 2, commands: ["getVm", "getTask"] });
    lab.faults.inject({ kind: "reset", times: 2, commands: ["getTask"] });
    const r = await apply({ vm_id: "vm-1", stage: "ready_to_detach", storage: AWS });
    expect(r.outputs.migration_state).toBe("ReadyToDetach");
    expect(lab.writeCounts()).toEqual({ migrate: 1, preparetodetach: 1 });
  });

  it("a timeout says the task continues; the rerun adopts it and issues nothing again", async () => {
    lab.model.taskMs = 1200;
    const input = { vm_id: "vm-2", stage: "ready_to_detach", storage: AWS };
    const e = (await apply(input, { timeout: "1s" }).catch((x: unknown) => x)) as FerryError;
    expect(e.code).toBe("TIMEOUT");
    expect(e.why).toMatch(/continues on the server side/);
    expect(lab.model.running().filter((t) => t.vm === "vm-2")).toHaveLength(1);
    lab.model.taskMs = 60;
    const r = await apply(input);
    expect(r.ran[0]).toMatchObject({ action: "wait", operation: "preparetodetach" });
    expect(r.outputs.migration_state).toBe("ReadyToDetach");
    expect(lab.writeCounts()).toEqual({ preparetodetach: 1 });
  }, 30_000);
});
