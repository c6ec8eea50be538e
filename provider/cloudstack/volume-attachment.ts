/**
 * cloudstack_volume_attachment — "volume X is attached to VM V (at device D)".
 *
 * Moves the volume when it is attached elsewhere (detachVolume, then attachVolume). Device 0 attaches
 * it as ROOT, which CloudStack allows only on a Stopped VM without a ROOT volume (seed 001). Covers the
 * rescue case: a broken VM's old ROOT (detached from its Stopped VM) attached to another VM as a data disk.
 */
import * as z from "zod";
import { kindSpec, uuidSchema } from "../engine/common.ts";
import type { Blocker } from "../engine/errors.ts";
import type { Kind, Next } from "../engine/kind.ts";
import type { Logger } from "../engine/log.ts";
import type { StoragePool, VirtualMachine, Volume } from "./api.ts";
import type { CloudStackClient } from "./client.ts";
import {
  firstDefined,
  hypervisorMatches,
  uniqueBlockers,
  noVmSnapshots,
  notManaged,
  rootHypervisorSupported,
  SNAPSHOT_RULES,
  sameZone,
  volumeUsable,
} from "./preconditions.ts";
import { attachVolume, awaitJob, detachVolume, notFound, pendingJob, runCloudStackStep } from "./steps.ts";

export const volumeAttachmentSpec = kindSpec({
  volume_id: uuidSchema.meta({ description: "The volume to attach.", forceNew: true }),
  virtual_machine_id: uuidSchema.meta({
    description:
      "The VM it is attached to. Changing it moves the volume: detach from the old VM, attach to the new one.",
  }),
  device_id: z
    .number()
    .int({ message: "must be a whole number" })
    .min(0, { message: "must be 0 or more" })
    .refine((d) => d !== 3, {
      message:
        'device 3 is the CD-ROM slot; CloudStack accepts 0, 1, 2 and 4 or more ("deviceId should be 0,1,2,4-N")',
    })
    .optional()
    .meta({
      description:
        "Device slot on the VM. Unset: the next free slot. `0` attaches the volume as ROOT, which CloudStack allows only on a Stopped VM that has no ROOT volume.",
    }),
  detach_on_destroy: z.boolean().default(false).meta({
    description:
      "On destroy, detach the volume from the VM. A replacement runs this destroy first (the Pulumi class asks for `deleteBeforeReplace`). Under terraform's `create_before_destroy` the replacement is created first, and where it attaches the same volume the old object's destroy runs nothing — unless terraform stops between the two: the next run's destroy of the old object then detaches it. Default: destroy only forgets the resource.",
  }),
});
export type VolumeAttachmentSpec = z.output<typeof volumeAttachmentSpec>;

export const volumeAttachmentOutputs = z.object({
  volume_name: z.string().meta({ description: "Name of the volume." }),
  volume_type: z
    .string()
    .meta({ description: "ROOT or DATADISK (a volume attached at device 0 becomes ROOT)." }),
  attached_device_id: z
    .number()
    .meta({ description: "The device slot the volume is attached at (-1 when detached)." }),
  virtual_machine_name: z.string().meta({ description: "Name of the VM." }),
});
export type VolumeAttachmentOutputs = z.output<typeof volumeAttachmentOutputs>;

export interface VolumeAttachmentObserved {
  volume: Volume | undefined;
  /** The VM the volume should be attached to. */
  vm: VirtualMachine | undefined;
  /** Volumes attached to that VM. */
  vmVolumes: Volume[];
  /** The VM the volume is attached to now, when that is another VM. */
  currentVm: VirtualMachine | undefined;
  pools: StoragePool[];
  /** VM snapshots, by VM id (only fetched when a change is needed). */
  snapshots: Record<string, number>;
}

const inPlace = (spec: VolumeAttachmentSpec, v: Volume | undefined) =>
  !!v &&
  v.virtualmachineid === spec.virtual_machine_id &&
  (spec.device_id === undefined || v.deviceid === spec.device_id);

/** What the target VM would refuse when the (detached) volume is attached to it. */
function attachBlockers(
  spec: VolumeAttachmentSpec,
  o: VolumeAttachmentObserved,
  volume: Volume,
  vm: VirtualMachine,
  pools: Map<string, StoragePool>,
): Blocker[] {
  const blockers: Blocker[] = firstDefined(
    volumeUsable(volume, spec.device_id === 0),
    sameZone(volume, vm),
    hypervisorMatches(volume, vm),
    noVmSnapshots(vm, o.snapshots[vm.id] ?? 0, SNAPSHOT_RULES.attach(vm)),
  );
  if (!["Running", "Stopped"].includes(vm.state)) {
    blockers.push({
      code: "VM_STATE",
      message: `VM ${vm.name} is ${vm.state}; "Please specify a VM that is either running or stopped."`,
    });
  }
  if (spec.device_id === 0) {
    blockers.push(...firstDefined(rootHypervisorSupported(vm), notManaged(volume, pools)));
    if (vm.state === "Running") {
      blockers.push({
        code: "VM_RUNNING",
        message: `VM ${vm.name} is ${vm.state}; a volume is attached at device 0 (as ROOT) only to a Stopped VM.`,
        attribute: "device_id",
        fix: "Stop the VM first, or use ferry_cloudstack_root_volume with allow_stop to swap its root.",
      });
    }
  }
  if (spec.device_id !== undefined) {
    const taken = o.vmVolumes.find((v) => v.deviceid === spec.device_id && v.id !== volume.id);
    if (taken) {
      blockers.push({
        code: spec.device_id === 0 ? "ROOT_PRESENT" : "DEVICE_TAKEN",
        message:
          spec.device_id === 0
            ? `VM ${vm.name} already boots from ${taken.name} at device 0; "Vm already has root volume attached to it".`
            : `Device ${spec.device_id} of VM ${vm.name} is taken by volume ${taken.name}.`,
        attribute: "device_id",
        fix:
          spec.device_id === 0
            ? "Swap roots with ferry_cloudstack_root_volume instead."
            : "Pick a free device_id, or leave it unset.",
      });
    }
  }
  return blockers;
}

function nextAttachment(
  spec: VolumeAttachmentSpec,
  o: VolumeAttachmentObserved,
): Next<VolumeAttachmentObserved> {
  const { volume, vm } = o;
  if (!volume)
    return {
      kind: "blocked",
      blockers: [
        { code: "NOT_FOUND", message: `Volume ${spec.volume_id} was not found.`, attribute: "volume_id" },
      ],
    };
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
  for (const [obj, on] of [
    [volume, `volume ${volume.name}`],
    [vm, `VM ${vm.name}`],
    [o.currentVm, `VM ${o.currentVm?.name}`],
  ] as const) {
    const job = pendingJob(obj);
    if (job) return { kind: "step", step: awaitJob(job, on), after: o };
  }
  if (inPlace(spec, volume)) return { kind: "done" };
  const pools = new Map(o.pools.map((p) => [p.id, p]));

  if (volume.virtualmachineid) {
    // Attached elsewhere (another VM, or another slot of this one): detach first.
    const from = volume.virtualmachineid === vm.id ? vm : o.currentVm;
    const blockers: Blocker[] = [];
    if (from) {
      const snap = noVmSnapshots(from, o.snapshots[from.id] ?? 0, SNAPSHOT_RULES.detach());
      if (snap) blockers.push(snap);
      if (!["Running", "Stopped"].includes(from.state)) {
        blockers.push({
          code: "VM_STATE",
          message: `VM ${from.name} is ${from.state}; "Please specify a VM that is either running or stopped."`,
        });
      }
      if (volume.type === "ROOT") {
        blockers.push(...firstDefined(rootHypervisorSupported(from), notManaged(volume, pools)));
        if (from.state === "Running") {
          blockers.push({
            code: "VM_RUNNING",
            message: `Volume ${volume.name} is the ROOT of VM ${from.name}, which is Running; "Root volume detach can happen only when vm is in states: Stopped or Destroyed".`,
            fix: "Stop that VM first (or manage its root with ferry_cloudstack_root_volume and allow_stop).",
          });
        }
      }
    }
    const detached: Volume = {
      ...volume,
      type: volume.type === "ROOT" ? "DATADISK" : volume.type,
      virtualmachineid: undefined,
      vmname: undefined,
      deviceid: undefined,
    };
    // What the target would refuse is known now: block before detaching anything.
    const afterDetach = { ...o, vmVolumes: o.vmVolumes.filter((v) => v.id !== volume.id) };
    blockers.push(...attachBlockers(spec, afterDetach, detached, vm, pools));
    if (blockers.length) return { kind: "blocked", blockers: uniqueBlockers(blockers) };
    return {
      kind: "step",
      step: detachVolume(
        volume,
        `VM ${from?.name ?? volume.vmname ?? volume.virtualmachineid}${volume.type === "ROOT" ? " (it becomes a DATADISK)" : ""}`,
      ),
      after: {
        ...o,
        volume: detached,
        currentVm: undefined,
        vmVolumes: o.vmVolumes.filter((v) => v.id !== volume.id),
      },
    };
  }

  const blockers = attachBlockers(spec, o, volume, vm, pools);
  if (blockers.length) return { kind: "blocked", blockers };

  // CloudStack picks the next free slot from 1; slot 3 is the CD-ROM.
  const used = new Set([3, ...o.vmVolumes.map((v) => v.deviceid)]);
  let device = spec.device_id;
  if (device === undefined) for (device = 1; used.has(device); device++);
  const attached: Volume = {
    ...volume,
    type: device === 0 ? "ROOT" : volume.type,
    virtualmachineid: vm.id,
    vmname: vm.name,
    deviceid: device,
  };
  return {
    kind: "step",
    step: attachVolume(volume, vm, spec.device_id),
    after: { ...o, volume: attached, vmVolumes: [...o.vmVolumes, attached] },
  };
}

async function observeAttachment(
  client: CloudStackClient,
  spec: VolumeAttachmentSpec,
): Promise<VolumeAttachmentObserved> {
  const [volume, vm] = await Promise.all([
    client.volumes.get(spec.volume_id),
    client.virtualMachines.get(spec.virtual_machine_id),
  ]);
  if (inPlace(spec, volume) || !volume || !vm) {
    // Steady state: two batched list calls — plus VM snapshots when destroy would detach.
    const snapshots: Record<string, number> =
      spec.detach_on_destroy && vm ? { [vm.id]: (await client.vmSnapshotCounts.get(vm.id)) ?? 0 } : {};
    return { volume, vm, vmVolumes: [], currentVm: undefined, pools: [], snapshots };
  }
  const otherVmId =
    volume.virtualmachineid && volume.virtualmachineid !== vm.id ? volume.virtualmachineid : undefined;
  const [vmVolumes, currentVm, pools, snapTarget, snapOther] = await Promise.all([
    client.vmVolumes.get(vm.id),
    otherVmId ? client.virtualMachines.get(otherVmId) : Promise.resolve(undefined),
    client.storagePools(),
    client.vmSnapshotCounts.get(vm.id),
    otherVmId ? client.vmSnapshotCounts.get(otherVmId) : Promise.resolve(0),
  ]);
  const snapshots: Record<string, number> = { [vm.id]: snapTarget ?? 0 };
  if (otherVmId) snapshots[otherVmId] = snapOther ?? 0;
  return {
    volume,
    vm,
    vmVolumes: vmVolumes ?? [],
    currentVm,
    pools: pools.filter((p) => p.id === volume.storageid),
    snapshots,
  };
}

export const volumeAttachment: Kind<
  VolumeAttachmentSpec,
  VolumeAttachmentObserved,
  VolumeAttachmentOutputs,
  CloudStackClient
> = {
  type: "cloudstack_volume_attachment",
  backend: "cloudstack",
  className: "VolumeAttachment",
  description:
    "A CloudStack volume attached to a VM. If the volume is attached elsewhere, the plan detaches it there first — including a ROOT volume of a Stopped VM, which then becomes a DATADISK: the rescue case of attaching a broken VM's root disk to a helper VM. `device_id = 0` attaches the volume as ROOT (Stopped VM without a ROOT only).",
  spec: volumeAttachmentSpec,
  outputs: volumeAttachmentOutputs,
  defaultTimeouts: { create: 15 * 60_000, update: 15 * 60_000, delete: 15 * 60_000 },
  destroyDoc:
    "Forgets the resource and leaves the volume attached. With `detach_on_destroy = true`, detaches it (detachVolume).",
  deleteBeforeReplace: true,
  importDoc: "The volume id: `terraform import ferry_cloudstack_volume_attachment.data <volume-uuid>`.",
  id: (spec) => spec.volume_id,
  observe: (client, spec) => observeAttachment(client, spec),
  next: nextAttachment,
  nextDestroy(spec, o) {
    const v = o.volume;
    if (!spec.detach_on_destroy || !v || v.virtualmachineid !== spec.virtual_machine_id)
      return { kind: "done" };
    const job = pendingJob(v);
    if (job) return { kind: "step", step: awaitJob(job, `volume ${v.name}`), after: o };
    const blockers: Blocker[] = [];
    if (o.vm) {
      const snap = noVmSnapshots(o.vm, o.snapshots[o.vm.id] ?? 0, SNAPSHOT_RULES.detach());
      if (snap) blockers.push(snap);
    }
    if (v.type === "ROOT" && o.vm?.state !== "Stopped") {
      blockers.push({
        code: "VM_RUNNING",
        message: `Volume ${v.name} is the ROOT of VM ${o.vm?.name}, which is not Stopped; "Root volume detach can happen only when vm is in states: Stopped or Destroyed".`,
      });
    }
    if (blockers.length) return { kind: "blocked", blockers };
    return {
      kind: "step",
      step: detachVolume(v, `VM ${o.vm?.name ?? spec.virtual_machine_id}`),
      after: {
        ...o,
        volume: {
          ...v,
          virtualmachineid: undefined,
          deviceid: undefined,
          type: v.type === "ROOT" ? "DATADISK" : v.type,
        },
      },
    };
  },
  outputsOf: (_spec, o) => ({
    volume_name: o.volume?.name ?? "",
    volume_type: o.volume?.type ?? "",
    attached_device_id: o.volume?.deviceid ?? -1,
    virtual_machine_name: o.vm?.name ?? "",
  }),
  run: (client, step, opts) => runCloudStackStep(client, step, opts),
  async importSpec(client: CloudStackClient, id: string, _log: Logger) {
    const v = await client.volumes.get(id);
    if (!v) throw notFound("Volume", id, "id");
    if (!v.virtualmachineid) {
      throw notFound("Attachment of volume", id, "id");
    }
    return volumeAttachmentSpec.parse({
      volume_id: v.id,
      virtual_machine_id: v.virtualmachineid,
      device_id: v.deviceid,
    });
  },
};
