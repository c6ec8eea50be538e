/** Planner tables for velostrata_vm_detach: every (migrationState × stage) cell (pure: no I/O). */
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../engine/errors.ts";
import { planSequence, renderStep } from "../engine/plan.ts";
import { parseSpec } from "../engine/resource.ts";
import type { VelostrataVm } from "./api.ts";
import {
  type ObservedTask,
  STAGES,
  type Stage,
  storageBody,
  type VmDetachObserved,
  type VmDetachSpec,
  vmDetach,
} from "./vm-detach.ts";

const BASE = "/velostrata/api/v42";
const ALL = { allow_cutover: true, allow_rollback: true, allow_cleanup: true };
const AWS = { aws: { storage_type: "gp2" } };

function spec(stage: Stage, extra: Record<string, unknown> = {}): VmDetachSpec {
  return parseSpec(vmDetach, { vm_id: "vm-1", stage, storage: AWS, ...ALL, ...extra });
}

function vm(migrationState: string, patch: Partial<VelostrataVm> = {}): VelostrataVm {
  return {
    id: "vm-1",
    migrationState,
    state: "InCloud",
    powerState: "Running",
    instanceType: "t2.medium",
    cloud: "aws",
    activeTasks: [],
    ...patch,
  };
}

function observed(v: VelostrataVm | undefined, tasks: ObservedTask[] = []): VmDetachObserved {
  return { base: BASE, vm: v, tasks };
}

function plan(s: VmDetachSpec, o: VmDetachObserved) {
  return planSequence(s, o, vmDetach.next);
}

function ops(s: VmDetachSpec, o: VmDetachObserved): string {
  const p = plan(s, o);
  const steps = p.steps.map((x) =>
    x.step.action === "wait" ? `wait:${x.step.operation}` : x.step.operation,
  );
  const blockers = p.blockers.map((b) => `!${b.code}`);
  return [...steps, ...blockers].join(" ") || "-";
}

const WAIT = "wait:migrationState";

// Every cell, with every opt-in given and storage set: the exact operations, in order.
const TABLE: Record<string, Record<Stage, string>> = {
  CacheOnDemand: {
    fully_cached: "migrate",
    ready_to_detach: "migrate preparetodetach",
    detached: "migrate preparetodetach detach",
    cleaned_up: "migrate preparetodetach detach cleanup",
  },
  Paused: {
    fully_cached: "migrate",
    ready_to_detach: "migrate preparetodetach",
    detached: "migrate preparetodetach detach",
    cleaned_up: "migrate preparetodetach detach cleanup",
  },
  Migrating: { fully_cached: WAIT, ready_to_detach: WAIT, detached: WAIT, cleaned_up: WAIT },
  FullyCached: {
    fully_cached: "-",
    ready_to_detach: "preparetodetach",
    detached: "preparetodetach detach",
    cleaned_up: "preparetodetach detach cleanup",
  },
  PreparingToDetach: {
    fully_cached: "canceldetach",
    ready_to_detach: WAIT,
    detached: WAIT,
    cleaned_up: WAIT,
  },
  ReadyToDetach: {
    fully_cached: "canceldetach",
    ready_to_detach: "-",
    detached: "detach",
    cleaned_up: "detach cleanup",
  },
  Detaching: { fully_cached: WAIT, ready_to_detach: WAIT, detached: WAIT, cleaned_up: WAIT },
  Detached: {
    fully_cached: "canceldetach",
    ready_to_detach: "canceldetach preparetodetach",
    detached: "-",
    cleaned_up: "cleanup",
  },
  CleaningUp: { fully_cached: WAIT, ready_to_detach: WAIT, detached: WAIT, cleaned_up: WAIT },
  CancellingDetach: { fully_cached: WAIT, ready_to_detach: WAIT, detached: WAIT, cleaned_up: WAIT },
  None: {
    fully_cached: "!NOT_IN_CLOUD",
    ready_to_detach: "!NOT_IN_CLOUD",
    detached: "!NOT_IN_CLOUD",
    cleaned_up: "!NOT_IN_CLOUD",
  },
  // A value a later release may add: transitional, never done.
  Exporting: { fully_cached: WAIT, ready_to_detach: WAIT, detached: WAIT, cleaned_up: WAIT },
};

describe("every migrationState × stage", () => {
  for (const [state, row] of Object.entries(TABLE))
    for (const stage of STAGES)
      it(`${state} → ${stage}: ${row[stage]}`, () => {
        expect(ops(spec(stage), observed(vm(state)))).toBe(row[stage]);
      });

  it("cleaned up (state Unmanaged): done at cleaned_up, and no way back", () => {
    const gone = vm("None", { state: "Unmanaged" });
    expect(ops(spec("cleaned_up"), observed(gone))).toBe("-");
    for (const stage of ["fully_cached", "ready_to_detach", "detached"] as const) {
      const p = plan(spec(stage), observed(gone));
      expect(p.steps).toEqual([]);
      expect(p.blockers).toMatchObject([{ code: "CLEANED_UP", attribute: "stage" }]);
      expect(p.blockers[0]!.message).toMatch(/cannot be rolled back/);
    }
  });

  it("a wait on a state ends the plan unsettled: what follows depends on where the VM lands", () => {
    const p = plan(spec("detached"), observed(vm("Migrating")));
    expect(p.unsettled).toBe(true);
    expect(p.steps[0]!.step.request).toBe(`GET ${BASE}/vms/vm-1`);
    const unknown = plan(spec("detached"), observed(vm("Exporting")));
    expect(unknown.steps[0]!.step.title).toMatch(/a state ferry does not know, treated as transitional/);
  });
});

describe("the requests shown", () => {
  it("a whole move, with its body, disruption and warnings", () => {
    const p = plan(spec("cleaned_up"), observed(vm("CacheOnDemand")));
    expect(p.steps.map((s) => renderStep(s.step))).toEqual([
      `POST ${BASE}/vms/vm-1/operations/migrate  [warning: storage migration copies every disk of the VM into Velostrata's cloud cache: it can take hours; the VM keeps running]`,
      `POST ${BASE}/vms/vm-1/operations/preparetodetach {"_type":"AwsTargetStorageSpec","storageType":"gp2","isEbsEncryption":false}  [warning: the exporter copies the VM's disks to native cloud disks in several passes and keeps them in sync: it can take hours; the VM keeps running]`,
      `POST ${BASE}/vms/vm-1/operations/detach {"targetInstanceType":"t2.medium"}  [disruptive: the cutover: vm-1 is shut down and started on its native disks as t2.medium (downtime until it is Detached)]`,
      `POST ${BASE}/vms/vm-1/operations/cleanup  [warning: irreversible: after the cleanup the detach cannot be rolled back (canceldetach)]`,
    ]);
    expect(p.final.vm).toMatchObject({ migrationState: "None", state: "Unmanaged" });
  });

  it("target_instance_type overrides the VM's current type", () => {
    const p = plan(spec("detached", { target_instance_type: "m5.large" }), observed(vm("ReadyToDetach")));
    expect(p.steps[0]!.step.request).toBe(
      `POST ${BASE}/vms/vm-1/operations/detach {"targetInstanceType":"m5.large"}`,
    );
  });

  it("rollback after a detach warns that writes are lost; stopping a prepare does not disrupt", () => {
    const back = plan(spec("fully_cached"), observed(vm("Detached")));
    expect(back.warnings.join("\n")).toMatch(/writes made on them since the detach are lost/);
    expect(back.steps[0]!.step.disruption).toBeDefined();
    const stop = plan(spec("fully_cached"), observed(vm("PreparingToDetach")));
    expect(stop.steps[0]!.step.disruption).toBeUndefined();
    expect(stop.warnings).toEqual(["canceldetach: the native disks prepared so far are deleted"]);
  });

  it("each cloud's TargetStorageSpec", () => {
    expect(
      storageBody({
        aws: { storage_type: "gp3", ebs_encryption: true, ebs_encryption_key_alias: "alias/ferry" },
      }),
    ).toEqual({
      _type: "AwsTargetStorageSpec",
      storageType: "gp3",
      isEbsEncryption: true,
      ebsEncryptionKeyAlias: "alias/ferry",
    });
    expect(storageBody({ azure: { storage_account: "ferrydisks" } })).toEqual({
      _type: "AzureTargetStorageSpec",
      storageAccount: "ferrydisks",
    });
    expect(storageBody({ gcp: { storage_type: "standard" } })).toEqual({
      _type: "GcpTargetStorageSpec",
      storageType: "standard",
    });
  });
});

describe("tasks in flight are adopted, never issued again", () => {
  it("a detach found in Detaching is awaited (the runbook's re-adoption)", () => {
    const o = observed(vm("Detaching", { activeTasks: ["t-7"] }), [
      { id: "t-7", type: "DetachVm", state: "Running", progress: 40 },
    ]);
    const p = plan(spec("detached"), o);
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0]!.step).toMatchObject({
      action: "wait",
      operation: "detach",
      request: `GET ${BASE}/tasks/t-7`,
    });
    expect(p.steps[0]!.step.title).toMatch(/40%/);
    expect(p.unsettled).toBe(true);
  });

  it("a running task blocks nothing and is awaited whatever the stage (a rollback task after a failed detach too)", () => {
    for (const stage of STAGES) {
      const o = observed(vm("ReadyToDetach", { activeTasks: ["t-9"] }), [
        { id: "t-9", type: "CancelDetach", state: "Running", progress: undefined },
      ]);
      expect(ops(spec(stage), o)).toBe("wait:canceldetach");
    }
  });

  it("tasks that already ended are not awaited", () => {
    const o = observed(vm("FullyCached", { activeTasks: ["t-3"] }), [
      { id: "t-3", type: "MigrateToCloud", state: "Succeeded", progress: 100 },
    ]);
    expect(ops(spec("ready_to_detach"), o)).toBe("preparetodetach");
  });
});

describe("blockers", () => {
  const none = { allow_cutover: false, allow_rollback: false, allow_cleanup: false };

  it("the cutover needs allow_cutover, after the steps before it", () => {
    const p = plan(spec("detached", none), observed(vm("FullyCached")));
    expect(p.steps.map((s) => s.step.operation)).toEqual(["preparetodetach"]);
    expect(p.blockers).toMatchObject([{ code: "CUTOVER_NOT_ALLOWED", attribute: "allow_cutover" }]);
  });

  it("the cleanup needs allow_cleanup", () => {
    const p = plan(spec("cleaned_up", { ...none, allow_cutover: true }), observed(vm("Detached")));
    expect(p.blockers).toMatchObject([{ code: "CLEANUP_NOT_ALLOWED", attribute: "allow_cleanup" }]);
    expect(p.blockers[0]!.message).toMatch(/irreversible/);
  });

  it("canceldetach after a detach needs allow_rollback; before it, none", () => {
    const p = plan(spec("fully_cached", none), observed(vm("Detached")));
    expect(p.blockers).toMatchObject([{ code: "ROLLBACK_NOT_ALLOWED", attribute: "allow_rollback" }]);
    expect(p.blockers[0]!.message).toMatch(/writes made on them since the detach are lost/);
    expect(ops(spec("fully_cached", none), observed(vm("ReadyToDetach")))).toBe("canceldetach");
  });

  it("preparetodetach needs storage, for the VM's own cloud", () => {
    const s = parseSpec(vmDetach, { vm_id: "vm-1", stage: "ready_to_detach" });
    expect(plan(s, observed(vm("FullyCached"))).blockers).toMatchObject([
      { code: "STORAGE_REQUIRED", attribute: "storage" },
    ]);
    const azure = spec("ready_to_detach", { storage: { azure: { storage_account: "ferrydisks" } } });
    const p = plan(azure, observed(vm("FullyCached")));
    expect(p.blockers).toMatchObject([{ code: "STORAGE_CLOUD", attribute: "storage" }]);
    expect(p.blockers[0]!.message).toBe(
      "storage is for azure, but vm-1 runs on aws: Velostrata makes native disks in the VM's own cloud.",
    );
    // fully_cached needs no storage.
    expect(
      ops(parseSpec(vmDetach, { vm_id: "vm-1", stage: "fully_cached" }), observed(vm("CacheOnDemand"))),
    ).toBe("migrate");
  });

  it("a detach without any instance type to use", () => {
    const p = plan(spec("detached"), observed(vm("ReadyToDetach", { instanceType: "" })));
    expect(p.blockers).toMatchObject([{ code: "INSTANCE_TYPE_UNKNOWN", attribute: "target_instance_type" }]);
  });

  it("an unknown VM", () => {
    const p = plan(spec("fully_cached"), observed(undefined));
    expect(p.blockers).toMatchObject([{ code: "NOT_FOUND", attribute: "vm_id" }]);
  });
});

describe("destroy forgets", () => {
  it("plans nothing whatever the state", () => {
    expect(vmDetach.nextDestroy(spec("detached"), observed(vm("Detached")), undefined)).toEqual({
      kind: "done",
    });
  });
});

describe("bad input names the attribute", () => {
  function issues(input: Record<string, unknown>): string[] {
    try {
      parseSpec(vmDetach, { vm_id: "vm-1", stage: "fully_cached", ...input });
    } catch (e) {
      if (e instanceof InvalidInputError) return e.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      throw e;
    }
    return [];
  }
  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      "storage for two clouds",
      { storage: { aws: { storage_type: "gp2" }, gcp: { storage_type: "standard" } } },
      /^storage: got .*; set exactly one of aws, azure, gcp \(aws and gcp are set\)$/,
    ],
    [
      "storage for no cloud",
      { storage: {} },
      /^storage: got an object; set exactly one of aws, azure, gcp \(none is set\)$/,
    ],
    ["an unknown cloud", { storage: { vsphere: {} } }, /^storage: unknown attribute vsphere/],
    [
      "an unknown stage",
      { stage: "migrated" },
      /^stage: got "migrated"; allowed: "fully_cached", "ready_to_detach", "detached", "cleaned_up"$/,
    ],
    [
      "a malformed id",
      { vm_id: "vm 1/../x" },
      /^vm_id: got "vm 1\/..\/x"; must be a Velostrata VM id such as "vm-1"/,
    ],
    [
      "a bad EBS type",
      { storage: { aws: { storage_type: "GP 2" } } },
      /^storage\.aws\.storage_type: got "GP 2"/,
    ],
    [
      "a bad storage account",
      { storage: { azure: { storage_account: "A" } } },
      /^storage\.azure\.storage_account:/,
    ],
  ])("%s", (_what, input, re) => {
    const found = issues(input);
    expect(
      found.some((m) => re.test(m)),
      found.join("\n"),
    ).toBe(true);
  });
});
