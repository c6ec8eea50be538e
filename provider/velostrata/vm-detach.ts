/**
 * velostrata_vm_detach — "VM V, which Velostrata runs in the cloud, is moved off Velostrata's cache
 * onto native cloud disks as far as stage S" (seed 000: prepareToDetach; Migrate for Compute Engine
 * 4.x, the REST API of the Velostrata manager).
 *
 * The desired state is a stage of Velostrata's detach lifecycle, so a pull request shows how far the
 * move goes:
 *   CacheOnDemand|Paused →(migrate)→ Migrating → FullyCached →(preparetodetach)→ PreparingToDetach →
 *   ReadyToDetach →(detach: the cutover)→ Detaching → Detached →(cleanup)→ CleaningUp → Unmanaged;
 *   PreparingToDetach|ReadyToDetach|Detached →(canceldetach)→ CancellingDetach → FullyCached.
 * canceldetach is Velostrata's one call for "stop prepare to detach" and for the rollback of a detach;
 * after cleanup there is no way back. Each operation is planned only from the states Velostrata takes
 * it in, with the state named when the plan is refused. A task running on the VM (`activeTasks`) is
 * awaited, never issued again — a detach found in Detaching included, as Velostrata's own runbook does.
 * A `migrationState` ferry does not know is treated as transitional: awaited, never taken as done.
 */
import * as z from "zod";
import { exactlyOneOf, kindSpec } from "../engine/common.ts";
import { type Blocker, FerryError } from "../engine/errors.ts";
import type { Kind, Next, RunOptions, Step } from "../engine/kind.ts";
import { MIGRATION_STATES, PENDING_TASK_STATES, type VelostrataVm } from "./api.ts";
import type { VelostrataClient, VmOperation } from "./client.ts";

export const STAGES = ["fully_cached", "ready_to_detach", "detached", "cleaned_up"] as const;
export type Stage = (typeof STAGES)[number];

const VM_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const awsStorage = z
  .object({
    storage_type: z
      .string()
      .regex(/^[a-z0-9]+$/, { message: 'must be an EBS volume type such as "gp2", "gp3", "io1" or "st1"' })
      .meta({
        description: "The EBS volume type of the native disks, e.g. `gp2` (Velostrata's `storageType`).",
      }),
    ebs_encryption: z
      .boolean()
      .default(false)
      .meta({ description: "Encrypt the EBS volumes (`isEbsEncryption`). Default false." }),
    ebs_encryption_key_alias: z.string().min(1, { message: "must not be empty" }).optional().meta({
      description:
        "The KMS key alias for the encryption (`ebsEncryptionKeyAlias`); unset: the account's default EBS key.",
    }),
  })
  .strict()
  .meta({ description: "Native disks on AWS (EBS): `AwsTargetStorageSpec`." });

const azureStorage = z
  .object({
    storage_account: z
      .string()
      .regex(/^[a-z0-9]{3,24}$/, {
        message: "must be an Azure storage account name: 3–24 lower-case letters and digits",
      })
      .meta({ description: "The storage account of the native disks (`storageAccount`)." }),
  })
  .strict()
  .meta({ description: "Native disks on Azure: `AzureTargetStorageSpec`." });

const gcpStorage = z
  .object({
    storage_type: z
      .string()
      .regex(/^[a-z0-9-]+$/, { message: 'must be a disk type such as "standard" or "ssd"' })
      .meta({ description: "The persistent disk type, e.g. `standard` (`storageType`)." }),
  })
  .strict()
  .meta({ description: "Native disks on Google Cloud: `GcpTargetStorageSpec`." });

export const storageSchema = exactlyOneOf(
  z
    .object({
      aws: awsStorage.optional(),
      azure: azureStorage.optional(),
      gcp: gcpStorage.optional(),
    })
    .strict(),
).meta({
  description:
    "Where the native disks are made (the `TargetStorageSpec` of preparetodetach): exactly one of `aws`, `azure`, `gcp`, matching the cloud the VM runs in. Needed for `ready_to_detach` and beyond; the storage of a VM already prepared is not read back (Velostrata does not show it).",
});

export const vmDetachSpec = kindSpec({
  vm_id: z
    .string()
    .regex(VM_ID, {
      message:
        'must be a Velostrata VM id such as "vm-1" (letters, digits, ".", "_", ":" and "-", at most 128)',
    })
    .meta({ description: "The VM's id in Velostrata (`stateInfo.id`), e.g. `vm-1`.", forceNew: true }),
  stage: z.enum(STAGES).meta({
    description:
      "How far the move goes: `fully_cached` (storage migrated to Velostrata's cloud cache; from a later stage, the detach is cancelled), `ready_to_detach` (native disks prepared and kept in sync), `detached` (the cutover: the VM runs on its native disks — needs `allow_cutover`), `cleaned_up` (Velostrata lets go of the VM; irreversible — needs `allow_cleanup`).",
  }),
  storage: storageSchema.optional(),
  target_instance_type: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
      message: 'must be an instance type such as "t2.medium", "Standard_D1_v2" or "n1-standard-1"',
    })
    .optional()
    .meta({
      description:
        "The instance type the VM runs as after the detach (`targetInstanceType`). Unset: the VM's current instance type, as Velostrata's own runbook does.",
    }),
  allow_cutover: z.boolean().default(false).meta({
    description:
      "Allow the detach: Velostrata shuts the VM down and starts it on its native disks (downtime). Without it, a plan that needs one is blocked.",
  }),
  allow_rollback: z.boolean().default(false).meta({
    description:
      "Allow canceldetach of a detached VM: its native disks are deleted and it runs from Velostrata's cache again — writes made since the detach are lost. Without it, such a plan is blocked.",
  }),
  allow_cleanup: z.boolean().default(false).meta({
    description:
      "Allow the cleanup: Velostrata deletes its cache of the VM and stops managing it. Irreversible: no canceldetach afterwards. Without it, a plan that needs one is blocked.",
  }),
});
export type VmDetachSpec = z.output<typeof vmDetachSpec>;
export type StorageSpec = z.output<typeof storageSchema>;

export const vmDetachOutputs = z.object({
  migration_state: z.string().meta({ description: "Velostrata's `migrationState` of the VM now." }),
  state: z
    .string()
    .meta({ description: "Velostrata's `state` of the VM (InCloud, Unmanaged after a cleanup …)." }),
  power_state: z.string().meta({ description: "The cloud instance's power state (Running, Stopped …)." }),
  instance_type: z.string().meta({ description: "The cloud instance type the VM runs as now." }),
  active_task_ids: z.array(z.string()).meta({ description: "The ids of the tasks running on the VM." }),
  progress: z
    .number()
    .meta({ description: "The `progress` (0–100) of the task running on the VM; 0 when none runs." }),
});
export type VmDetachOutputs = z.output<typeof vmDetachOutputs>;

export interface ObservedTask {
  id: string;
  type: string;
  state: string;
  progress: number | undefined;
}

export interface VmDetachObserved {
  /** The API base path, for the requests shown in plans: `/velostrata/api/v42`. */
  base: string;
  vm: VelostrataVm | undefined;
  /** The VM's active tasks, read one by one. */
  tasks: ObservedTask[];
}

const RANK: Record<Stage, number> = { fully_cached: 0, ready_to_detach: 1, detached: 2, cleaned_up: 3 };

/** Where the VM stands: a stage, "before" fully cached, or a state that must be awaited. */
type Position =
  | { kind: "stage"; stage: Stage }
  | { kind: "uncached" }
  | { kind: "preparing" }
  | { kind: "transitional" }
  | { kind: "not_in_cloud" };

export function positionOf(vm: VelostrataVm): Position {
  if (vm.state === "Unmanaged") return { kind: "stage", stage: "cleaned_up" };
  switch (vm.migrationState) {
    case "CacheOnDemand":
    case "Paused":
      return { kind: "uncached" };
    case "FullyCached":
      return { kind: "stage", stage: "fully_cached" };
    case "PreparingToDetach":
      return { kind: "preparing" };
    case "ReadyToDetach":
      return { kind: "stage", stage: "ready_to_detach" };
    case "Detached":
      return { kind: "stage", stage: "detached" };
    case "None":
      return { kind: "not_in_cloud" };
    default:
      // Migrating, Detaching, CleaningUp, CancellingDetach, and whatever a later release adds.
      return { kind: "transitional" };
  }
}

/** The stage a VM stands at, for import and outputs; undefined between stages. */
export function stageOf(vm: VelostrataVm): Stage | undefined {
  const p = positionOf(vm);
  return p.kind === "stage" ? p.stage : undefined;
}

/** The `TargetStorageSpec` body of preparetodetach. */
export function storageBody(s: StorageSpec): Record<string, unknown> {
  if (s.aws)
    return {
      _type: "AwsTargetStorageSpec",
      storageType: s.aws.storage_type,
      isEbsEncryption: s.aws.ebs_encryption,
      ...(s.aws.ebs_encryption_key_alias ? { ebsEncryptionKeyAlias: s.aws.ebs_encryption_key_alias } : {}),
    };
  if (s.azure) return { _type: "AzureTargetStorageSpec", storageAccount: s.azure.storage_account };
  return { _type: "GcpTargetStorageSpec", storageType: s.gcp!.storage_type };
}

function cloudOfStorage(s: StorageSpec): string {
  return s.aws ? "aws" : s.azure ? "azure" : "gcp";
}

/** What the operation leaves the VM in (its task ends when it is there). */
const OUTCOME: Record<VmOperation, { pending: string[]; target: string }> = {
  migrate: { pending: ["CacheOnDemand", "Paused", "Migrating"], target: "FullyCached" },
  preparetodetach: { pending: ["FullyCached", "PreparingToDetach"], target: "ReadyToDetach" },
  detach: { pending: ["ReadyToDetach", "Detaching"], target: "Detached" },
  cleanup: { pending: ["Detached", "CleaningUp"], target: "None" },
  canceldetach: {
    pending: ["PreparingToDetach", "ReadyToDetach", "Detached", "CancellingDetach"],
    target: "FullyCached",
  },
};

const TASK_OPERATION: Record<string, string> = {
  MigrateToCloud: "migrate",
  PrepareToDetach: "preparetodetach",
  DetachVm: "detach",
  CleanupVm: "cleanup",
  CancelDetach: "canceldetach",
};

function blocked(...blockers: Blocker[]): Next<VmDetachObserved> {
  return { kind: "blocked", blockers };
}

function withVm(o: VmDetachObserved, patch: Partial<VelostrataVm>): VmDetachObserved {
  return { ...o, vm: { ...o.vm!, ...patch }, tasks: [] };
}

function call(
  o: VmDetachObserved,
  op: VmOperation,
  body: Record<string, unknown> | undefined,
  title: string,
  after: Partial<VelostrataVm>,
  extra: Pick<Step, "disruption" | "warnings"> = {},
): Next<VmDetachObserved> {
  const vm = o.vm!;
  return {
    kind: "step",
    step: {
      operation: op,
      action: "call",
      request: `POST ${o.base}/vms/${vm.id}/operations/${op}${body ? ` ${JSON.stringify(body)}` : ""}`,
      params: { vm: vm.id, body: body ? JSON.stringify(body) : null },
      title,
      ...extra,
    },
    after: withVm(o, after),
  };
}

function awaitTask(o: VmDetachObserved, task: ObservedTask): Next<VmDetachObserved> {
  const vm = o.vm!;
  const op = TASK_OPERATION[task.type] ?? task.type ?? "task";
  return {
    kind: "step",
    step: {
      operation: op || "task",
      action: "wait",
      request: `GET ${o.base}/tasks/${task.id}`,
      params: { task_id: task.id, vm: vm.id },
      title: `Await ${task.type || "the task"} ${task.id} running on ${vm.id} (migrationState ${vm.migrationState}${task.progress !== undefined ? `, ${task.progress}%` : ""}), found in flight`,
    },
    // What follows depends on how the task ends: the plan stops here and converge takes it on.
    after: o,
  };
}

function awaitState(o: VmDetachObserved, note: string): Next<VmDetachObserved> {
  const vm = o.vm!;
  return {
    kind: "step",
    step: {
      operation: "migrationState",
      action: "wait",
      request: `GET ${o.base}/vms/${vm.id}`,
      params: { vm: vm.id, from: vm.migrationState },
      title: `Await ${vm.id} leaving migrationState ${vm.migrationState} (${note})`,
    },
    after: o,
  };
}

function migrateStep(o: VmDetachObserved): Next<VmDetachObserved> {
  const vm = o.vm!;
  return call(
    o,
    "migrate",
    undefined,
    `Migrate the storage of ${vm.id} to the cloud (from ${vm.migrationState}) and wait until it is FullyCached`,
    { migrationState: "FullyCached" },
    {
      warnings: [
        "storage migration copies every disk of the VM into Velostrata's cloud cache: it can take hours; the VM keeps running",
      ],
    },
  );
}

function prepareStep(spec: VmDetachSpec, o: VmDetachObserved): Next<VmDetachObserved> {
  const vm = o.vm!;
  if (!spec.storage)
    return blocked({
      code: "STORAGE_REQUIRED",
      message: `preparetodetach needs a TargetStorageSpec: where ${vm.id}'s native disks are made.`,
      attribute: "storage",
      fix: `Set storage to one of aws { storage_type = "gp2" }, azure { storage_account = "…" } or gcp { storage_type = "standard" }${vm.cloud ? ` (the VM runs on ${vm.cloud})` : ""}.`,
    });
  const cloud = cloudOfStorage(spec.storage);
  if (vm.cloud && vm.cloud !== cloud)
    return blocked({
      code: "STORAGE_CLOUD",
      message: `storage is for ${cloud}, but ${vm.id} runs on ${vm.cloud}: Velostrata makes native disks in the VM's own cloud.`,
      attribute: "storage",
      fix: `Set storage.${vm.cloud} instead of storage.${cloud}.`,
    });
  const body = storageBody(spec.storage);
  return call(
    o,
    "preparetodetach",
    body,
    `Prepare ${vm.id} to detach onto native ${cloud} disks (${body._type}) and wait until it is ReadyToDetach (the exporter's passes)`,
    { migrationState: "ReadyToDetach" },
    {
      warnings: [
        "the exporter copies the VM's disks to native cloud disks in several passes and keeps them in sync: it can take hours; the VM keeps running",
      ],
    },
  );
}

function detachStep(spec: VmDetachSpec, o: VmDetachObserved): Next<VmDetachObserved> {
  const vm = o.vm!;
  const type = spec.target_instance_type ?? vm.instanceType;
  const blockers: Blocker[] = [];
  if (!spec.allow_cutover)
    blockers.push({
      code: "CUTOVER_NOT_ALLOWED",
      message: `detaching ${vm.id} is the cutover: Velostrata shuts the VM down and starts it on its native disks (downtime).`,
      attribute: "allow_cutover",
      fix: "Set allow_cutover = true once the downtime is agreed, then plan again.",
    });
  if (!type)
    blockers.push({
      code: "INSTANCE_TYPE_UNKNOWN",
      message: `detach needs a targetInstanceType and Velostrata shows no instance type for ${vm.id}.`,
      attribute: "target_instance_type",
      fix: 'Set target_instance_type, e.g. "t2.medium", "Standard_D1_v2" or "n1-standard-1".',
    });
  if (blockers.length) return blocked(...blockers);
  return call(
    o,
    "detach",
    { targetInstanceType: type },
    `Detach ${vm.id} onto its native disks as ${type} (the cutover)`,
    { migrationState: "Detached", instanceType: type, powerState: "Running" },
    {
      disruption: `the cutover: ${vm.id} is shut down and started on its native disks as ${type} (downtime until it is Detached)`,
    },
  );
}

function cleanupStep(spec: VmDetachSpec, o: VmDetachObserved): Next<VmDetachObserved> {
  const vm = o.vm!;
  if (!spec.allow_cleanup)
    return blocked({
      code: "CLEANUP_NOT_ALLOWED",
      message: `cleanup of ${vm.id} is irreversible: Velostrata deletes its cache of the VM and stops managing it; no canceldetach (rollback) afterwards.`,
      attribute: "allow_cleanup",
      fix: "Set allow_cleanup = true once the detached VM is verified, then plan again.",
    });
  return call(
    o,
    "cleanup",
    undefined,
    `Clean up ${vm.id}: Velostrata lets go of the detached VM`,
    { migrationState: "None", state: "Unmanaged" },
    { warnings: ["irreversible: after the cleanup the detach cannot be rolled back (canceldetach)"] },
  );
}

function cancelStep(spec: VmDetachSpec, o: VmDetachObserved): Next<VmDetachObserved> {
  const vm = o.vm!;
  const afterDetach = vm.migrationState === "Detached";
  if (afterDetach && !spec.allow_rollback)
    return blocked({
      code: "ROLLBACK_NOT_ALLOWED",
      message: `${vm.id} is Detached: going back to ${spec.stage} is canceldetach, the rollback — its native disks are deleted and writes made on them since the detach are lost.`,
      attribute: "allow_rollback",
      fix: "Set allow_rollback = true to roll back, or set stage to detached (or cleaned_up).",
    });
  return call(
    o,
    "canceldetach",
    undefined,
    afterDetach
      ? `Roll back the detach of ${vm.id} (canceldetach): back to FullyCached`
      : `Stop preparing ${vm.id} to detach (canceldetach): back to FullyCached`,
    { migrationState: "FullyCached" },
    afterDetach
      ? {
          disruption: `${vm.id} moves back onto Velostrata's cache`,
          warnings: ["the native disks are deleted: writes made on them since the detach are lost"],
        }
      : { warnings: ["the native disks prepared so far are deleted"] },
  );
}

export function nextVmDetach(spec: VmDetachSpec, o: VmDetachObserved): Next<VmDetachObserved> {
  const vm = o.vm;
  if (!vm)
    return blocked({
      code: "NOT_FOUND",
      message: `the Velostrata manager manages no VM ${spec.vm_id} (GET ${o.base}/vms/${spec.vm_id} answered 404).`,
      attribute: "vm_id",
      fix: "Check the id (`GET /vms` lists the managed VMs).",
    });
  const running = o.tasks.find((t) => (PENDING_TASK_STATES as readonly string[]).includes(t.state));
  if (running) return awaitTask(o, running);
  const target = spec.stage;
  const p = positionOf(vm);
  switch (p.kind) {
    case "transitional":
      return awaitState(
        o,
        (MIGRATION_STATES as readonly string[]).includes(vm.migrationState)
          ? "no task of ferry's is running on it"
          : "a state ferry does not know, treated as transitional",
      );
    case "not_in_cloud":
      return blocked({
        code: "NOT_IN_CLOUD",
        message: `${vm.id} has migrationState None (state ${vm.state || "unknown"}): Velostrata does not run it in the cloud, and migrate is taken only in CacheOnDemand or Paused.`,
        attribute: "vm_id",
        fix: "Run the VM in the cloud with Velostrata first (RunInCloud), then plan again.",
      });
    case "uncached":
      return migrateStep(o);
    case "preparing":
      return target === "fully_cached" ? cancelStep(spec, o) : awaitState(o, "the exporter's passes");
    case "stage": {
      const at = RANK[p.stage];
      const want = RANK[target];
      if (at === want) return { kind: "done" };
      if (p.stage === "cleaned_up")
        return blocked({
          code: "CLEANED_UP",
          message: `${vm.id} was cleaned up (state Unmanaged): Velostrata no longer manages it, and a cleanup cannot be rolled back ("You cannot rollback if you have run the detach cleanup").`,
          attribute: "stage",
          fix: 'Set stage = "cleaned_up", or remove the resource (destroy only forgets it).',
        });
      if (at > want) return cancelStep(spec, o);
      if (p.stage === "fully_cached") return prepareStep(spec, o);
      if (p.stage === "ready_to_detach") return detachStep(spec, o);
      return cleanupStep(spec, o);
    }
  }
}

async function observeVmDetach(client: VelostrataClient, spec: VmDetachSpec): Promise<VmDetachObserved> {
  const vm = await client.getVm(spec.vm_id);
  const tasks: ObservedTask[] = [];
  for (const id of vm?.activeTasks ?? []) {
    const t = await client.getTask(id);
    if (t)
      tasks.push({
        id,
        type: t.taskType ?? t.type ?? "",
        state: t.state,
        progress: typeof t.progress === "number" ? t.progress : undefined,
      });
  }
  return { base: client.base, vm, tasks };
}

async function runVmDetachStep(client: VelostrataClient, step: Step, opts: RunOptions): Promise<void> {
  const p = step.params;
  const vm = String(p.vm);
  const progress = (message: string, percent?: number) => opts.onProgress({ step, message, percent });
  const wait = { deadline: opts.deadline, signal: opts.signal, onProgress: progress };
  if (step.action === "wait") {
    if (typeof p.task_id === "string") {
      await client.waitTask(p.task_id, { ...wait, what: `${step.operation} of ${vm}` });
      return;
    }
    const from = String(p.from);
    await client.waitVmState(
      vm,
      [from],
      MIGRATION_STATES.filter((s) => s !== from),
      { ...wait, what: `${vm} leaving ${from}` },
    );
    return;
  }
  const op = step.operation as VmOperation;
  const body = typeof p.body === "string" ? (JSON.parse(p.body) as Record<string, unknown>) : undefined;
  const task = await client.operate(vm, op, body, opts.signal);
  progress(`task ${task} started`);
  await client.waitTask(task, { ...wait, what: `${op} of ${vm}` });
  const out = OUTCOME[op];
  await client.waitVmState(vm, out.pending, [out.target], {
    ...wait,
    what: `${vm} reaching ${out.target} after ${op}`,
  });
}

export const vmDetach: Kind<VmDetachSpec, VmDetachObserved, VmDetachOutputs, VelostrataClient> = {
  type: "velostrata_vm_detach",
  backend: "velostrata",
  className: "VmDetach",
  description:
    "A VM that Velostrata (Migrate for Compute Engine 4.x) runs in the cloud, moved off Velostrata's cache onto native cloud disks as far as `stage`: `fully_cached` (storage migration: `migrate`), `ready_to_detach` (`preparetodetach` with `storage`: the exporter makes native disks and keeps them in sync), `detached` (`detach`: the cutover, with downtime — needs `allow_cutover`), `cleaned_up` (`cleanup`: irreversible — needs `allow_cleanup`). A stage the VM has passed is reached by Velostrata's one way back, `canceldetach` (\"stop prepare to detach\", and the rollback of a detach — needs `allow_rollback`: writes made on the native disks are lost); after a cleanup there is none. Every operation is planned only from the `migrationState` Velostrata takes it in; a task running on the VM is awaited, never issued again.",
  spec: vmDetachSpec,
  outputs: vmDetachOutputs,
  defaultTimeouts: { create: 24 * 60 * 60_000, update: 24 * 60 * 60_000, delete: 60 * 60_000 },
  destroyDoc:
    "Forgets the resource: the VM stays where the last apply left it (Velostrata has no operation that undoes a storage migration, and a detach is rolled back only by setting an earlier `stage`).",
  importDoc:
    "`<vm id>`: `terraform import ferry_velostrata_vm_detach.web vm-1`. The stage is read from the VM's `migrationState`; `storage` is not shown by Velostrata and is left unset.",
  id: (spec) => spec.vm_id,
  observe: (client, spec) => observeVmDetach(client, spec),
  next: nextVmDetach,
  nextDestroy: () => ({ kind: "done" }),
  outputsOf: (_spec, o) => ({
    migration_state: o.vm?.migrationState ?? "",
    state: o.vm?.state ?? "",
    power_state: o.vm?.powerState ?? "",
    instance_type: o.vm?.instanceType ?? "",
    active_task_ids: o.vm?.activeTasks ?? [],
    progress: o.tasks.find((t) => t.progress !== undefined)?.progress ?? 0,
  }),
  run: (client, step, opts) => runVmDetachStep(client, step, opts),
  async importSpec(client, id) {
    const parsed = vmDetachSpec.shape.vm_id.safeParse(id);
    if (!parsed.success)
      throw new FerryError("INVALID_INPUT", {
        what: `"${id}" is not a velostrata_vm_detach import id.`,
        fix: "Import with the VM's Velostrata id, e.g. vm-1.",
      });
    const vm = await client.getVm(id);
    if (!vm)
      throw new FerryError("NOT_FOUND", {
        what: `The Velostrata manager manages no VM ${id}.`,
        fix: "List the managed VMs with `GET /vms`.",
      });
    const stage = stageOf(vm);
    if (!stage)
      throw new FerryError("INVALID_INPUT", {
        what: `${id} is between stages (migrationState ${vm.migrationState}).`,
        fix: "Import it once its task has ended (FullyCached, ReadyToDetach, Detached, or cleaned up).",
      });
    return vmDetachSpec.parse({ vm_id: id, stage });
  },
};
