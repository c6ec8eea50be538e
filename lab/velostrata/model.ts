// The Velostrata lab's VMs and tasks: the migrationState machine of the 2.5 spec's enum, each
// operation taken only from its source states, tasks Running → Succeeded/Failed/Cancelled with
// `progress`, `activeTasks` on the VM, hidden exporter passes (ReadyToDetach after `cycles`), and a
// failed detach that leaves a rollback task (switchable).
import type { VelostrataInventory } from "./inventory.ts";

export type Operation = "migrate" | "preparetodetach" | "detach" | "canceldetach" | "cleanup";

/** Each operation's source states (the lab enforces them; the real manager's codes are not published). */
export const SOURCE_STATES: Record<Operation, string[]> = {
  migrate: ["CacheOnDemand", "Paused"],
  preparetodetach: ["FullyCached"],
  detach: ["ReadyToDetach"],
  canceldetach: ["PreparingToDetach", "ReadyToDetach", "Detached"],
  cleanup: ["Detached"],
};

const TASK_TYPE: Record<Operation, string> = {
  migrate: "MigrateToCloud",
  preparetodetach: "PrepareToDetach",
  detach: "DetachVm",
  canceldetach: "CancelDetach",
  cleanup: "CleanupVm",
};

const OPERATION_OF: Record<string, Operation> = Object.fromEntries(
  Object.entries(TASK_TYPE).map(([op, type]) => [type, op as Operation]),
);

/** The state while the operation runs. */
const RUNNING_STATE: Record<Operation, string> = {
  migrate: "Migrating",
  preparetodetach: "PreparingToDetach",
  detach: "Detaching",
  canceldetach: "CancellingDetach",
  cleanup: "CleaningUp",
};

export interface LabVm {
  id: string;
  name: string;
  cloud: "aws" | "azure" | "gcp";
  instanceType: string;
  migrationState: string;
  state: string;
  powerState: string;
  activeTasks: string[];
  /** The storage spec of the last preparetodetach (not shown by the API). */
  storage?: Record<string, unknown> | undefined;
}

export interface LabTask {
  id: string;
  type: string;
  vm: string;
  state: "Running" | "Succeeded" | "Failed" | "Cancelled" | "Cancelling";
  progress: number;
  startTime: string;
  endTime?: string | undefined;
  errorMessage?: string[] | undefined;
  errorDetails?: string | undefined;
  additionalInfo: Record<string, unknown>;
  /** The state the VM goes back to when the task is cancelled. */
  from: string;
  timer?: NodeJS.Timeout | undefined;
}

export class LabRefusal extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

export class VelostrataModel {
  readonly vms = new Map<string, LabVm>();
  readonly tasks = new Map<string, LabTask>();
  taskMs: number;
  cycles: number;
  apiVersion: string;
  fieldNames: "4.x" | "2.5";
  wrongStateStatus: number;
  detachRollback: boolean;
  subscriptionId: string;
  /** The next detach tasks fail (tests): the message Velostrata would give. */
  failNextDetach: string[] = [];
  /** How long the rollback task a failed detach leaves runs, ms; taskMs when unset. */
  rollbackMs: number | undefined;
  private nextTask = 1;
  private idleWaiters: (() => void)[] = [];

  constructor(inv: VelostrataInventory, taskMs?: number) {
    this.taskMs = taskMs ?? inv.settings.taskMs;
    this.cycles = inv.settings.cycles;
    this.apiVersion = inv.settings.apiVersion;
    this.fieldNames = inv.settings.fieldNames;
    this.wrongStateStatus = inv.settings.wrongStateStatus;
    this.detachRollback = inv.settings.detachRollback;
    this.subscriptionId = inv.subscriptionId;
    for (const v of inv.vms) {
      const vm: LabVm = {
        id: v.id,
        name: v.name,
        cloud: v.cloud,
        instanceType: v.instanceType,
        migrationState: v.migrationState,
        state: v.migrationState === "None" && v.state === "InCloud" ? "InCloud" : v.state,
        powerState: v.powerState,
        activeTasks: [],
      };
      this.vms.set(vm.id, vm);
      if (v.runningTask) {
        // A task already running when the lab starts runs the inventory's taskMs, whatever the override.
        const op = OPERATION_OF[v.runningTask]!;
        const ms = this.taskMs;
        this.taskMs = inv.settings.taskMs;
        this.start(vm, op, SOURCE_STATES[op][0]!);
        this.taskMs = ms;
      }
    }
  }

  /** Sets a VM's state behind the client's back (tests: a change made in the vSphere plugin). */
  setState(id: string, migrationState: string, state?: string): void {
    const vm = this.vms.get(id);
    if (!vm) throw new Error(`no VM ${id}`);
    vm.migrationState = migrationState;
    if (state) vm.state = state;
  }

  /** Runs an operation: a TaskId, or a refusal with the VM's state named. */
  operate(id: string, op: Operation, body: unknown): LabTask {
    const vm = this.vms.get(id);
    if (!vm) throw new LabRefusal(404, "VmNotFound", `VM ${id} not found`);
    if (vm.activeTasks.length)
      throw new LabRefusal(
        this.wrongStateStatus,
        "VmBusy",
        `Operation ${op} is not allowed while task ${vm.activeTasks.join(", ")} runs on VM ${id}`,
      );
    if (!SOURCE_STATES[op].includes(vm.migrationState) || vm.state === "Unmanaged")
      throw new LabRefusal(
        this.wrongStateStatus,
        "InvalidVmState",
        `Operation ${op} is not allowed in migration state ${vm.migrationState} (allowed: ${SOURCE_STATES[op].join(", ")})`,
      );
    if (op === "preparetodetach") {
      const spec = (body ?? {}) as Record<string, unknown>;
      const want = {
        aws: "AwsTargetStorageSpec",
        azure: "AzureTargetStorageSpec",
        gcp: "GcpTargetStorageSpec",
      }[vm.cloud];
      if (spec._type !== want)
        throw new LabRefusal(
          400,
          "InvalidStorageSpec",
          `storageSpec._type must be ${want} for VM ${id} (cloud ${vm.cloud}); got ${JSON.stringify(spec._type ?? null)}`,
        );
      const field = vm.cloud === "azure" ? "storageAccount" : "storageType";
      if (typeof spec[field] !== "string" || !spec[field])
        throw new LabRefusal(400, "InvalidStorageSpec", `storageSpec.${field} is required`);
      vm.storage = spec;
    }
    if (op === "detach") {
      const t = (body ?? {}) as Record<string, unknown>;
      if (typeof t.targetInstanceType !== "string" || !t.targetInstanceType)
        throw new LabRefusal(400, "InvalidDetachRequest", "detachRequest.targetInstanceType is required");
    }
    return this.start(vm, op, vm.migrationState, body);
  }

  private start(vm: LabVm, op: Operation, from: string, body?: unknown): LabTask {
    const task: LabTask = {
      id: `t-${this.nextTask++}`,
      type: TASK_TYPE[op],
      vm: vm.id,
      state: "Running",
      progress: 0,
      startTime: new Date().toISOString(),
      additionalInfo: {},
      from,
    };
    this.tasks.set(task.id, task);
    vm.activeTasks.push(task.id);
    vm.migrationState = RUNNING_STATE[op];
    if (op === "detach") vm.powerState = "Stopping";
    const target = (body as { targetInstanceType?: string } | undefined)?.targetInstanceType;
    if (op === "preparetodetach") this.exporterPass(vm, task, 1);
    else
      task.timer = setTimeout(() => {
        task.progress = 100;
        this.finish(vm, task, op, target);
      }, this.taskMs);
    return task;
  }

  /** One hidden exporter pass; ReadyToDetach after `cycles`. Only progress and additionalInfo show it. */
  private exporterPass(vm: LabVm, task: LabTask, pass: number): void {
    task.additionalInfo = { DetachProcessedRecords: pass - 1, DetachTotalRecords: this.cycles };
    task.timer = setTimeout(() => {
      task.progress = Math.round((pass / this.cycles) * 100);
      task.additionalInfo = { DetachProcessedRecords: pass, DetachTotalRecords: this.cycles };
      if (pass >= this.cycles) this.finish(vm, task, "preparetodetach");
      else this.exporterPass(vm, task, pass + 1);
    }, this.taskMs);
  }

  private end(vm: LabVm, task: LabTask, state: LabTask["state"]): void {
    task.state = state;
    task.endTime = new Date().toISOString();
    task.timer = undefined;
    vm.activeTasks = vm.activeTasks.filter((t) => t !== task.id);
    this.checkIdle();
  }

  private finish(vm: LabVm, task: LabTask, op: Operation, targetType?: string): void {
    if (op === "detach") {
      const failure = this.failNextDetach.shift();
      if (failure !== undefined) {
        task.errorMessage = [failure];
        task.errorDetails = `DetachVm of ${vm.id} failed; the VM stays on Velostrata's cache`;
        vm.migrationState = "Detaching";
        this.end(vm, task, "Failed");
        if (this.detachRollback) {
          // The runbook's "tasks in progress (e.g. rollback)" after a failed detach.
          const rollback: LabTask = {
            id: `t-${this.nextTask++}`,
            type: "DetachVm",
            vm: vm.id,
            state: "Running",
            progress: 0,
            startTime: new Date().toISOString(),
            additionalInfo: { RollbackOf: task.id },
            from: "ReadyToDetach",
          };
          this.tasks.set(rollback.id, rollback);
          vm.activeTasks.push(rollback.id);
          rollback.timer = setTimeout(() => {
            rollback.progress = 100;
            vm.migrationState = "ReadyToDetach";
            vm.powerState = "Running";
            this.end(vm, rollback, "Succeeded");
          }, this.rollbackMs ?? this.taskMs);
        } else {
          vm.migrationState = "ReadyToDetach";
          vm.powerState = "Running";
        }
        return;
      }
    }
    switch (op) {
      case "migrate":
        vm.migrationState = "FullyCached";
        break;
      case "preparetodetach":
        vm.migrationState = "ReadyToDetach";
        break;
      case "detach":
        vm.migrationState = "Detached";
        vm.powerState = "Running";
        if (targetType) vm.instanceType = targetType;
        break;
      case "canceldetach":
        vm.migrationState = "FullyCached";
        vm.storage = undefined;
        break;
      case "cleanup":
        vm.migrationState = "None";
        vm.state = "Unmanaged";
        break;
    }
    this.end(vm, task, "Succeeded");
  }

  /** DELETE /tasks/{id}: Cancelling, then Cancelled; the VM returns to the state the task left. */
  cancel(id: string): LabTask {
    const task = this.tasks.get(id);
    if (!task) throw new LabRefusal(404, "TaskNotFound", `task ${id} not found`);
    if (task.state !== "Running")
      throw new LabRefusal(this.wrongStateStatus, "InvalidTaskState", `task ${id} is ${task.state}`);
    const vm = this.vms.get(task.vm)!;
    clearTimeout(task.timer);
    task.state = "Cancelling";
    task.timer = setTimeout(
      () => {
        vm.migrationState = task.from;
        if (vm.powerState === "Stopping") vm.powerState = "Running";
        this.end(vm, task, "Cancelled");
      },
      Math.min(this.taskMs, 200),
    );
    return task;
  }

  running(): LabTask[] {
    return [...this.tasks.values()].filter((t) => t.state === "Running" || t.state === "Cancelling");
  }

  /** Resolves when no task runs. */
  idle(): Promise<void> {
    if (this.running().length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private checkIdle(): void {
    if (this.running().length) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  stop(): void {
    for (const t of this.tasks.values()) clearTimeout(t.timer);
  }

  // ------------------------------------------------------------------------------------------------
  // views, in the field names of the release the lab plays

  vmView(vm: LabVm): Record<string, unknown> {
    const info = {
      _type: { aws: "AwsVmInfo", azure: "AzureVmInfo", gcp: "GcpVmInfo" }[vm.cloud],
      powerState: vm.powerState,
      ...(this.fieldNames === "2.5"
        ? { type: { name: vm.instanceType }, cloudProvider: vm.cloud.toUpperCase() }
        : { instanceType: vm.instanceType }),
      name: vm.name,
    };
    const stateInfo = {
      id: { value: vm.id, _type: "VmId" },
      migrationState: vm.migrationState,
      state: vm.state,
      activeTasks: vm.activeTasks.map((t) => ({ value: t, _type: "TaskId" })),
      ...(this.fieldNames === "2.5" ? { edgeNode: "NodeA" } : { preferredEdgeNode: "NodeA" }),
    };
    return this.fieldNames === "2.5"
      ? { cloudInfo: info, onPremInfo: { entityId: vm.id }, stateInfo }
      : { target: info, origin: { entityId: vm.id }, stateInfo, operationLinks: [] };
  }

  taskView(t: LabTask): Record<string, unknown> {
    return {
      id: { value: t.id, _type: "TaskId" },
      [this.fieldNames === "2.5" ? "type" : "taskType"]: t.type,
      entity: { value: t.vm, _type: "VmId" },
      state: t.state,
      progress: t.progress,
      startTime: t.startTime,
      ...(t.endTime ? { endTime: t.endTime } : {}),
      ...(t.errorMessage ? { errorMessage: t.errorMessage } : {}),
      ...(t.errorDetails ? { errorDetails: t.errorDetails } : {}),
      additionalInfo: t.additionalInfo,
      username: "apiuser",
    };
  }
}
