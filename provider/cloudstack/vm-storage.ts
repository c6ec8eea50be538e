/**
 * cloudstack_vm_storage — "stopped VM V lives on storage pool P" (seed 002: offline migration of a
 * stopped VM to another datastore). One migrateVirtualMachine with `storageid` moves every volume of
 * the VM; the VM must be Stopped, so a Running VM is stopped first only with `allow_stop`.
 */
import * as z from "zod";
import { kindSpec, uuidSchema } from "../engine/common.ts";
import type { Blocker } from "../engine/errors.ts";
import { hasIntent } from "../engine/intent.ts";
import type { Kind, Next } from "../engine/kind.ts";
import type { Logger } from "../engine/log.ts";
import type { DiskOffering, StoragePool, VirtualMachine, Volume } from "./api.ts";
import type { CloudStackClient } from "./client.ts";
import { firstDefined, noVmSnapshots, poolSuitable, SNAPSHOT_RULES } from "./preconditions.ts";
import {
  awaitJob,
  awaitVmState,
  clearIntent,
  migrateVmStorage,
  recordIntent,
  resolveStart,
  vmIntent,
  withIntent,
  notFound,
  pendingJob,
  runCloudStackStep,
  startVm,
  stopVm,
  TRANSITIONAL_VM_STATES,
} from "./steps.ts";

const TYPE = "cloudstack_vm_storage";

export const vmStorageSpec = kindSpec({
  virtual_machine_id: uuidSchema.meta({ description: "The VM to place.", forceNew: true }),
  storage_pool_id: uuidSchema.meta({
    description:
      "The primary storage pool every volume of the VM lives on. Changing it migrates the stopped VM (migrateVirtualMachine with storageid; root admin only).",
  }),
  allow_stop: z.boolean().default(false).meta({
    description:
      "Allow ferry to stop a Running VM for the move (CloudStack moves storage of Stopped VMs only). Without it the plan is blocked.",
  }),
  start: z.boolean().optional().meta({
    description:
      "Power state after the move: `true` starts the VM, `false` leaves it Stopped. Unset: as it was when the move began. When ferry stops the VM, whether to start it again is recorded on the VM first (resource tag `ferry.cloudstack_vm_storage.restart`, a planned createTags, removed by a planned deleteTags once the move is complete), so a run interrupted while the VM is Stopped is finished by the next run.",
  }),
});
export type VmStorageSpec = z.output<typeof vmStorageSpec>;

export const vmStorageOutputs = z.object({
  storage_pool_name: z.string().meta({ description: "Name of the pool." }),
  volume_ids: z.array(z.string()).meta({ description: "The VM's volumes (all of them move with it)." }),
  vm_state: z.string().meta({ description: "The VM's state." }),
});
export type VmStorageOutputs = z.output<typeof vmStorageOutputs>;

export interface VmStorageObserved {
  vm: VirtualMachine | undefined;
  volumes: Volume[];
  pool: StoragePool | undefined;
  offerings: DiskOffering[];
  snapshots: number;
}

const allOn = (o: VmStorageObserved, poolId: string) =>
  o.volumes.length > 0 && o.volumes.every((v) => v.storageid === poolId);

function nextVmStorage(spec: VmStorageSpec, o: VmStorageObserved): Next<VmStorageObserved> {
  const { vm, pool } = o;
  if (!vm)
    return {
      kind: "blocked",
      blockers: [
        {
          code: "NOT_FOUND",
          message: `VM ${spec.virtual_machine_id} was not found.`,
          attribute: "virtual_machine_id",
        },
      ],
    };
  const job = pendingJob(vm) ?? o.volumes.map(pendingJob).find(Boolean);
  if (job) return { kind: "step", step: awaitJob(job, `VM ${vm.name}`), after: o };
  if (TRANSITIONAL_VM_STATES.includes(vm.state)) {
    return {
      kind: "step",
      step: awaitVmState(vm, ["Running", "Stopped"]),
      after: { ...o, vm: { ...vm, state: vm.state === "Starting" ? "Running" : "Stopped" } },
    };
  }
  if (o.volumes.length === 0) {
    return {
      kind: "blocked",
      blockers: [
        {
          code: "NO_VOLUMES",
          message: `VM ${vm.name} has no volumes attached (its ROOT may have been detached); there is nothing to migrate.`,
          fix: "Attach a ROOT volume to the VM first.",
        },
      ],
    };
  }
  if (allOn(o, spec.storage_pool_id)) {
    if (spec.start === true && vm.state === "Stopped")
      return { kind: "step", step: startVm(vm), after: { ...o, vm: { ...vm, state: "Running" } } };
    if (hasIntent(vmIntent(vm, TYPE)))
      return {
        kind: "step",
        step: clearIntent(vm, TYPE),
        after: { ...o, vm: withIntent(vm, TYPE, undefined) },
      };
    return { kind: "done" };
  }
  if (!pool)
    return {
      kind: "blocked",
      blockers: [
        {
          code: "NOT_FOUND",
          message: `Storage pool ${spec.storage_pool_id} was not found.`,
          attribute: "storage_pool_id",
        },
      ],
    };

  const blockers: Blocker[] = [
    ...firstDefined(noVmSnapshots(vm, o.snapshots, SNAPSHOT_RULES.migrateVm())),
    ...poolSuitable(pool, o.volumes, vm.hypervisor, new Map(o.offerings.map((d) => [d.id, d])), "vm"),
  ];
  if (o.volumes.length > 1 && !["VMware", "KVM"].includes(vm.hypervisor ?? "")) {
    blockers.push({
      code: "DATA_DISKS",
      message: `VM ${vm.name} has data disks and runs on ${vm.hypervisor}; "Data disks attached to the vm, can not migrate. Need to detach data disks first".`,
    });
  }
  if (blockers.length) return { kind: "blocked", blockers };

  if (vm.state === "Running") {
    if (!spec.allow_stop) {
      return {
        kind: "blocked",
        blockers: [
          {
            code: "VM_RUNNING",
            message: `VM ${vm.name} is Running; CloudStack moves a VM's storage only when it is Stopped ("VM is not Stopped, unable to migrate the vm having the specified id").`,
            attribute: "allow_stop",
            fix: "Set `allow_stop = true` to let ferry stop it (the plan lists the stop), or stop it yourself.",
          },
        ],
      };
    }
    // Before the stop: record on the VM whether to start it again, for a run interrupted while it is
    // Stopped.
    if (!hasIntent(vmIntent(vm, TYPE))) {
      const values = { restart: String(spec.start === true) };
      return {
        kind: "step",
        step: recordIntent(vm, TYPE, values),
        after: { ...o, vm: withIntent(vm, TYPE, values) },
      };
    }
    return { kind: "step", step: stopVm(vm), after: { ...o, vm: { ...vm, state: "Stopped" } } };
  }
  if (vm.state !== "Stopped") {
    return {
      kind: "blocked",
      blockers: [
        {
          code: "VM_STATE",
          message: `VM ${vm.name} is ${vm.state}; its storage moves only while it is Stopped.`,
        },
      ],
    };
  }
  return {
    kind: "step",
    step: migrateVmStorage(vm, pool),
    after: {
      ...o,
      volumes: o.volumes.map((v) => ({
        ...v,
        storageid: pool.id,
        storage: pool.name,
        clusterid: pool.clusterid ?? v.clusterid,
      })),
    },
  };
}

async function observeVmStorage(client: CloudStackClient, spec: VmStorageSpec): Promise<VmStorageObserved> {
  const [vm, volumes, pools] = await Promise.all([
    client.virtualMachines.get(spec.virtual_machine_id),
    client.vmVolumes.get(spec.virtual_machine_id),
    client.storagePools(),
  ]);
  const vols = volumes ?? [];
  const moving = !vols.every((v) => v.storageid === spec.storage_pool_id);
  const [offerings, snapshots] =
    moving && vm ? await Promise.all([client.diskOfferings(), client.vmSnapshotCounts.get(vm.id)]) : [[], 0];
  return {
    vm,
    volumes: vols,
    pool: pools.find((p) => p.id === spec.storage_pool_id),
    offerings,
    snapshots: snapshots ?? 0,
  };
}

export const vmStorage: Kind<VmStorageSpec, VmStorageObserved, VmStorageOutputs, CloudStackClient> = {
  type: TYPE,
  backend: "cloudstack",
  className: "VmStorage",
  description:
    "The primary storage pool a stopped CloudStack VM lives on. Changing `storage_pool_id` moves every volume of the VM with one migrateVirtualMachine (offline, VM Stopped — stopped first only with `allow_stop`). The plan is blocked when CloudStack would refuse: pool not Up, another cluster, missing storage tags, hypervisor mismatch, VM snapshots.",
  spec: vmStorageSpec,
  outputs: vmStorageOutputs,
  defaultTimeouts: { create: 60 * 60_000, update: 60 * 60_000, delete: 60 * 60_000 },
  destroyDoc: "Forgets the resource; the VM stays where it is.",
  importDoc:
    "The VM id: `terraform import ferry_cloudstack_vm_storage.db <vm-uuid>`; `storage_pool_id` is read from the VM's ROOT volume.",
  id: (spec) => spec.virtual_machine_id,
  // `start` unset: start the VM again if it was Running when the change began.
  // `start` unset: as the VM was when the move began (as recorded on the VM by an interrupted run).
  resolveSpec: (spec, initial) => resolveStart(TYPE, spec, initial.vm),
  observe: (client, spec) => observeVmStorage(client, spec),
  next: nextVmStorage,
  nextDestroy: () => ({ kind: "done" }),
  outputsOf: (_spec, o) => ({
    // The pool the VM lives on now (its ROOT volume's, as import reads it): drift shows here.
    storage_pool_name:
      (o.volumes.find((v) => v.deviceid === 0 || v.type === "ROOT") ?? o.volumes[0])?.storage ??
      o.pool?.name ??
      "",
    volume_ids: o.volumes.map((v) => v.id),
    vm_state: o.vm?.state ?? "",
  }),
  run: (client, step, opts) => runCloudStackStep(client, step, opts),
  async importSpec(client: CloudStackClient, id: string, _log: Logger) {
    const vm = await client.virtualMachines.get(id);
    if (!vm) throw notFound("VM", id, "id");
    const root = (await client.vmVolumes.get(id))?.find((v) => v.deviceid === 0 || v.type === "ROOT");
    if (!root?.storageid) throw notFound("ROOT volume of VM", id, "id");
    return vmStorageSpec.parse({ virtual_machine_id: id, storage_pool_id: root.storageid });
  },
};
