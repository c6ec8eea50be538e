/**
 * cloudstack_root_volume — "VM V boots from volume X" (seed 001: ROOT volume detach/attach).
 *
 * Plan: stopVirtualMachine if Running (only with allow_stop) → detachVolume of the current ROOT (it
 * becomes a DATADISK) → attachVolume deviceid=0 (X becomes ROOT) → startVirtualMachine if the VM was
 * Running when the change began (or as `start` says).
 */
import * as z from "zod";
import { kindSpec, uuidSchema } from "../engine/common.ts";
import type { Blocker } from "../engine/errors.ts";
import { hasIntent } from "../engine/intent.ts";
import type { Kind, Next } from "../engine/kind.ts";
import type { Logger } from "../engine/log.ts";
import type { StoragePool, VirtualMachine, Volume } from "./api.ts";
import type { CloudStackClient } from "./client.ts";
import {
  firstDefined,
  hypervisorMatches,
  noVmSnapshots,
  notManaged,
  rootHypervisorSupported,
  SNAPSHOT_RULES,
  sameZone,
  volumeUsable,
} from "./preconditions.ts";
import {
  attachVolume,
  awaitJob,
  clearIntent,
  recordIntent,
  resolveStart,
  vmIntent,
  withIntent,
  awaitVmState,
  detachVolume,
  notFound,
  pendingJob,
  runCloudStackStep,
  startVm,
  stopVm,
  TRANSITIONAL_VM_STATES,
} from "./steps.ts";

const TYPE = "cloudstack_root_volume";

export const rootVolumeSpec = kindSpec({
  virtual_machine_id: uuidSchema.meta({
    description: "The VM whose root disk this resource sets.",
    forceNew: true,
  }),
  volume_id: uuidSchema.meta({
    description:
      "The volume the VM boots from. Changing it swaps the root disk: the current ROOT is detached (it becomes a DATADISK and stays) and this volume is attached at device 0.",
  }),
  allow_stop: z.boolean().default(false).meta({
    description:
      "Allow ferry to stop a Running VM for the swap (CloudStack swaps roots only on Stopped VMs). Without it a plan that needs a stop is blocked. The stop is disruptive and is listed in the plan.",
  }),
  start: z.boolean().optional().meta({
    description:
      "Power state after the swap: `true` starts the VM, `false` leaves it Stopped. Unset: as it was when the swap began. That, and the root being replaced, is recorded on the VM before anything changes (resource tags `ferry.cloudstack_root_volume.restart`, `.previous_volume_id` and `.volume_id`, the swap's target, written by a planned createTags and removed by a planned deleteTags once the swap is complete), so a run interrupted between the stop and the start — Ctrl-C, a killed process — is finished by the next run as the first would have.",
  }),
  restore_on_destroy: z.boolean().default(false).meta({
    description:
      "On destroy, swap back to `previous_volume_id` (same steps as a swap; needs `allow_stop` if the VM is Running). After a swap that was interrupted, the root recorded on the VM as the one it replaced is restored instead of the state's `previous_volume_id`, and the plan says so. A replacement runs this destroy first (the Pulumi class asks for `deleteBeforeReplace`). Under terraform's `create_before_destroy` the replacement is created first, and where it sets the same VM the old object's destroy runs nothing — unless terraform stops between the two: the next run's destroy of the old object then swaps back. Default: destroy only forgets the resource and leaves the VM as it is.",
  }),
});
export type RootVolumeSpec = z.output<typeof rootVolumeSpec>;

export const rootVolumeOutputs = z.object({
  root_volume_id: z.string().meta({
    description:
      "Id of the volume the VM boots from, as last observed (differs from `volume_id` while a swap is pending or after a swap by hand).",
  }),
  root_volume_name: z.string().meta({ description: "Name of the volume the VM boots from." }),
  previous_volume_id: z.string().meta({
    description:
      "The ROOT volume that was replaced by the last swap (empty if none). Read from the VM's intent record while a swap is in progress, and kept by a rerun after an interrupted swap; the one case it is lost is a swap made by the resource's create whose process is killed inside the closing deleteTags job (nothing in state or on the VM names the old root then).",
  }),
  vm_state: z.string().meta({ description: "The VM's state (Running, Stopped …)." }),
  hypervisor: z.string().meta({ description: "The VM's hypervisor." }),
});
export type RootVolumeOutputs = z.output<typeof rootVolumeOutputs>;

export interface RootVolumeObserved {
  vm: VirtualMachine | undefined;
  /** Volumes attached to the VM. */
  vmVolumes: Volume[];
  /** The desired volume, wherever it is. */
  volume: Volume | undefined;
  /** Pools of the volumes involved. */
  pools: StoragePool[];
  snapshots: number;
}

const currentRoot = (o: RootVolumeObserved) => o.vmVolumes.find((v) => v.deviceid === 0 || v.type === "ROOT");

function nextRoot(spec: RootVolumeSpec, o: RootVolumeObserved): Next<RootVolumeObserved> {
  const { vm, volume } = o;
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
  if (!volume)
    return {
      kind: "blocked",
      blockers: [
        { code: "NOT_FOUND", message: `Volume ${spec.volume_id} was not found.`, attribute: "volume_id" },
      ],
    };

  // Something in flight on the VM or the volumes: await it, never issue a second operation.
  const root = currentRoot(o);
  for (const [obj, on] of [
    [vm, `VM ${vm.name}`],
    [volume, `volume ${volume.name}`],
    [root, `volume ${root?.name}`],
  ] as const) {
    const job = pendingJob(obj);
    if (job) return { kind: "step", step: awaitJob(job, on), after: o };
  }
  if (TRANSITIONAL_VM_STATES.includes(vm.state)) {
    const settled = vm.state === "Starting" ? "Running" : "Stopped";
    return {
      kind: "step",
      step: awaitVmState(vm, ["Running", "Stopped"]),
      after: { ...o, vm: { ...vm, state: settled } },
    };
  }

  const swapped = root?.id === volume.id && volume.virtualmachineid === vm.id;
  if (swapped) {
    if (spec.start === true && vm.state === "Stopped")
      return { kind: "step", step: startVm(vm), after: { ...o, vm: { ...vm, state: "Running" } } };
    if (!spec.start === true && vm.state === "Running" && spec.start === false) {
      return {
        kind: "blocked",
        blockers: [
          {
            code: "VM_RUNNING",
            message: `VM ${vm.name} is Running and \`start = false\` asks for it to be Stopped; ferry stops VMs only to swap roots.`,
            attribute: "start",
            fix: "Stop the VM yourself, or remove `start = false`.",
          },
        ],
      };
    }
    if (hasIntent(vmIntent(vm, TYPE)))
      return {
        kind: "step",
        step: clearIntent(vm, TYPE),
        after: { ...o, vm: withIntent(vm, TYPE, undefined) },
      };
    return { kind: "done" };
  }

  const blockers: Blocker[] = firstDefined(
    rootHypervisorSupported(vm),
    hypervisorMatches(volume, vm),
    sameZone(volume, vm),
    volumeUsable(volume, true),
    noVmSnapshots(vm, o.snapshots, SNAPSHOT_RULES.detach()),
    notManaged(volume, new Map(o.pools.map((p) => [p.id, p]))),
    root ? notManaged(root, new Map(o.pools.map((p) => [p.id, p]))) : undefined,
  );
  if (volume.virtualmachineid && volume.virtualmachineid !== vm.id) {
    blockers.push({
      code: "VOLUME_IN_USE",
      message: `Volume ${volume.name} is attached to another VM (${volume.vmname ?? volume.virtualmachineid}); "Please specify a volume that is not attached to any VM."`,
      fix: "Detach it from that VM first (for example with ferry_cloudstack_volume_attachment), then plan again.",
    });
  }
  if (blockers.length) return { kind: "blocked", blockers };

  if (vm.state === "Running" && !spec.allow_stop) {
    return {
      kind: "blocked",
      blockers: [
        {
          code: "VM_RUNNING",
          message: `VM ${vm.name} is Running; CloudStack swaps a ROOT volume only on a Stopped VM ("Root volume detach can happen only when vm is in states: Stopped or Destroyed").`,
          attribute: "allow_stop",
          fix: "Set `allow_stop = true` to let ferry stop it (the plan lists the stop), or stop it yourself.",
        },
      ],
    };
  }
  if (vm.state !== "Running" && vm.state !== "Stopped") {
    return {
      kind: "blocked",
      blockers: [
        {
          code: "VM_STATE",
          message: `VM ${vm.name} is ${vm.state}; a ROOT volume is swapped only on a Stopped VM.`,
        },
      ],
    };
  }
  // Before anything changes: record what an interrupted run must still know (the root this swap
  // replaces, whether to start the VM again), on the VM itself.
  if (!hasIntent(vmIntent(vm, TYPE))) {
    const values: Record<string, string> = { restart: String(spec.start === true) };
    if (root && root.id !== volume.id) values.previous_volume_id = root.id;
    // The swap's target: a destroy tells from it whether the record is its own (an interrupted
    // restore, to be finished) or an interrupted swap's (whose replaced root it restores).
    values.volume_id = volume.id;
    return {
      kind: "step",
      step: recordIntent(vm, TYPE, values),
      after: { ...o, vm: withIntent(vm, TYPE, values) },
    };
  }
  if (vm.state === "Running") {
    return {
      kind: "step",
      step: stopVm(vm),
      after: { ...o, vm: { ...vm, state: "Stopped", hostid: undefined } },
    };
  }
  if (root && root.id !== volume.id) {
    return {
      kind: "step",
      step: detachVolume(root, `VM ${vm.name} (it becomes a DATADISK)`),
      after: { ...o, vmVolumes: o.vmVolumes.filter((v) => v.id !== root.id) },
    };
  }
  if (volume.virtualmachineid === vm.id) {
    // The desired volume is a data disk of this VM: free it so it can be attached at device 0.
    const free: Volume = { ...volume, virtualmachineid: undefined, deviceid: undefined, vmname: undefined };
    return {
      kind: "step",
      step: detachVolume(volume, `VM ${vm.name} (to re-attach it at device 0)`),
      after: { ...o, volume: free, vmVolumes: o.vmVolumes.filter((v) => v.id !== volume.id) },
    };
  }
  const attached: Volume = { ...volume, type: "ROOT", virtualmachineid: vm.id, deviceid: 0, vmname: vm.name };
  return {
    kind: "step",
    step: attachVolume(volume, vm, 0),
    after: { ...o, volume: attached, vmVolumes: [...o.vmVolumes, attached] },
  };
}

async function observeRoot(client: CloudStackClient, spec: RootVolumeSpec): Promise<RootVolumeObserved> {
  const [vm, vmVolumes, volume] = await Promise.all([
    client.virtualMachines.get(spec.virtual_machine_id),
    client.vmVolumes.get(spec.virtual_machine_id),
    client.volumes.get(spec.volume_id),
  ]);
  const root = (vmVolumes ?? []).find((v) => v.deviceid === 0 || v.type === "ROOT");
  const inPlace = root?.id === spec.volume_id;
  // Pools and snapshots matter only when a swap is needed: steady-state refreshes stay two list calls.
  const [pools, snapshots] =
    inPlace || !vm ? [[], 0] : await Promise.all([client.storagePools(), client.vmSnapshotCounts.get(vm.id)]);
  const relevant = new Set([root?.storageid, volume?.storageid]);
  return {
    vm,
    vmVolumes: vmVolumes ?? [],
    volume,
    pools: pools.filter((p) => relevant.has(p.id)),
    snapshots: snapshots ?? 0,
  };
}

export const rootVolume: Kind<RootVolumeSpec, RootVolumeObserved, RootVolumeOutputs, CloudStackClient> = {
  type: TYPE,
  backend: "cloudstack",
  className: "RootVolume",
  description:
    "The volume a CloudStack VM boots from. Changing `volume_id` swaps the root disk with CloudStack's documented operations — record the intent on the VM (createTags), stop (only with `allow_stop`), detach the current ROOT, attach the new volume at device 0, start, clear the record (deleteTags) — and the plan lists each of them. CloudStack allows this on XenServer, VMware and KVM, on unmanaged storage, for VMs without VM snapshots; ferry blocks the plan otherwise.",
  spec: rootVolumeSpec,
  outputs: rootVolumeOutputs,
  defaultTimeouts: { create: 30 * 60_000, update: 30 * 60_000, delete: 30 * 60_000 },
  destroyDoc:
    "Forgets the resource; the VM keeps booting from its current root. With `restore_on_destroy = true`, swaps back to `previous_volume_id` first — or, after an interrupted swap, to the root recorded on the VM as the one it replaced (the plan names it).",
  deleteBeforeReplace: true,
  importDoc:
    "The VM id: `terraform import ferry_cloudstack_root_volume.web <vm-uuid>`; `volume_id` is read from the VM's current ROOT.",
  id: (spec) => spec.virtual_machine_id,
  // `start` unset: start the VM again if it was Running when the change began (as recorded on the VM
  // by an interrupted run, if any).
  resolveSpec: (spec, initial) => resolveStart(TYPE, spec, initial.vm),
  observe: (client, spec) => observeRoot(client, spec),
  next: nextRoot,
  // Restoring is the same swap, towards the previous volume.
  destroySpec: (spec, prior) =>
    spec.restore_on_destroy && prior?.previous_volume_id
      ? { ...spec, volume_id: prior.previous_volume_id }
      : spec,
  // A swap interrupted after its record was written: the record, not the state, knows the root it
  // replaced (the state still holds what the run before it saw).
  resolveDestroySpec: (spec, initial) => {
    if (!spec.restore_on_destroy) return spec;
    const recorded = vmIntent(initial.vm, TYPE);
    if (!recorded.previous_volume_id || recorded.volume_id === spec.volume_id) return spec;
    return { ...spec, volume_id: recorded.previous_volume_id };
  },
  nextDestroy: (spec, observed, prior) => {
    const fromState = prior?.previous_volume_id ?? "";
    if (!spec.restore_on_destroy) return { kind: "done" };
    if (!fromState && !hasIntent(vmIntent(observed.vm, TYPE))) return { kind: "done" };
    const n = nextRoot(spec, observed);
    if (n.kind !== "step" || n.step.operation !== "attachVolume" || spec.volume_id === fromState) return n;
    const warning = `restores volume ${spec.volume_id}, the root an interrupted swap replaced (recorded on the VM), not previous_volume_id ${fromState || "(empty)"} from the state`;
    return { ...n, step: { ...n.step, warnings: [...(n.step.warnings ?? []), warning] } };
  },
  outputsOf(spec, o, history) {
    const root = currentRoot(o);
    const before = history.initial ?? o;
    const rootBefore = currentRoot(before);
    const recorded = vmIntent(before.vm, TYPE).previous_volume_id;
    const prior = history.prior;
    const previous =
      recorded !== undefined
        ? // A swap in progress names the root it replaces on the VM.
          recorded
        : history.initial && rootBefore && rootBefore.id !== spec.volume_id
          ? // This run swaps the root it found.
            rootBefore.id
          : prior?.root_volume_id && rootBefore && prior.root_volume_id !== rootBefore.id
            ? // The root changed since the state was written, and no record says from what (a run
              // stopped after it cleared its record, or a swap by hand): the root the state saw.
              prior.root_volume_id
            : (prior?.previous_volume_id ?? "");
    return {
      root_volume_id: root?.id ?? "",
      root_volume_name: root?.name ?? "",
      previous_volume_id: previous,
      vm_state: o.vm?.state ?? "",
      hypervisor: o.vm?.hypervisor ?? "",
    };
  },
  run: (client, step, opts) => runCloudStackStep(client, step, opts),
  async importSpec(client: CloudStackClient, id: string, _log: Logger) {
    const vm = await client.virtualMachines.get(id);
    if (!vm) throw notFound("VM", id, "id");
    const root = (await client.vmVolumes.get(id))?.find((v) => v.deviceid === 0 || v.type === "ROOT");
    if (!root) throw notFound("ROOT volume of VM", id, "id");
    return rootVolumeSpec.parse({ virtual_machine_id: id, volume_id: root.id });
  },
};
