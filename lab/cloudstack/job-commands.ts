// The async commands. Each answers `{"jobid": …}` at once; parameter presence and uuid resolution were
// already checked synchronously (params.ts), the business rules (rules.ts) run when the job starts, and the
// final state lands jobDurationMs later. Transitional states follow apis.md §1.5:
//   stop  Running→Stopping→Stopped        start  Stopped→Starting→Running
//   attach  volume →Attaching→Ready        migrateVolume  volume Ready→Migrating→Ready
//   migrateVirtualMachine (storage)  VM Stopped→Migrating→Stopped, its moving volumes Migrating→Ready
import * as z from "zod";
import {
  type CommandContext,
  type CommandDefinition,
  type CommandOutcome,
  defineCommand,
} from "./command.ts";
import { cloudRuntime, invalidParameter } from "./errors.ts";
import type { JobSpec, JobWork } from "./jobs.ts";
import type { HostRecord, VolumeRecord } from "./model.ts";
import {
  autoselectHost,
  checkAttach,
  checkDetach,
  checkMigrateVmHost,
  checkMigrateVmStorage,
  checkMigrateVolume,
  checkStart,
  checkStop,
} from "./rules.ts";
import { vmView, volumeView } from "./views.ts";

const USER_VOLUME = "org.apache.cloudstack.api.command.user.volume";
const USER_VM = "org.apache.cloudstack.api.command.user.vm";

function submit(ctx: CommandContext, spec: JobSpec): CommandOutcome {
  const job = ctx.jobs.submit(spec);
  return { body: { jobid: job.id }, jobid: job.id };
}

export const stopVirtualMachine = defineCommand(
  "stopVirtualMachine",
  (f) => z.object({ id: f.uuid("vm"), forced: f.bool().optional() }),
  (p, ctx) => {
    const vm = ctx.model.vm(p.id);
    let stopping = false;
    const work: JobWork = {
      start() {
        stopping = checkStop(vm);
        if (stopping) ctx.model.setVmState(vm.id, "Stopping");
      },
      finish() {
        if (stopping) ctx.model.setVmState(vm.id, "Stopped");
      },
      undo() {
        if (stopping) ctx.model.setVmState(vm.id, "Running");
      },
      result: () => ({ virtualmachine: vmView(ctx, vm) }),
    };
    return submit(ctx, {
      cmd: `${USER_VM}.StopVMCmd`,
      command: "stopVirtualMachine",
      instanceType: "VirtualMachine",
      instanceId: vm.id,
      locks: [vm.id],
      work,
    });
  },
);

export const startVirtualMachine = defineCommand(
  "startVirtualMachine",
  (f) =>
    z.object({
      id: f.uuid("vm"),
      hostid: f.uuid("host").optional(),
      clusterid: f.uuid("cluster").optional(),
      considerlasthost: f.bool().optional(),
    }),
  (p, ctx) => {
    const vm = ctx.model.vm(p.id);
    let host: HostRecord | undefined;
    const work: JobWork = {
      start() {
        host = checkStart(ctx.model, vm);
        if (host && p.hostid) host = ctx.model.host(p.hostid);
        if (host) ctx.model.setVmState(vm.id, "Starting");
      },
      finish() {
        if (host) ctx.model.setVmState(vm.id, "Running", host.id);
      },
      undo() {
        if (host) ctx.model.setVmState(vm.id, "Stopped");
      },
      result: () => ({ virtualmachine: vmView(ctx, vm) }),
    };
    return submit(ctx, {
      cmd: `${USER_VM}.StartVMCmd`,
      command: "startVirtualMachine",
      instanceType: "VirtualMachine",
      instanceId: vm.id,
      locks: [vm.id],
      work,
    });
  },
);

export const detachVolume = defineCommand(
  "detachVolume",
  (f) =>
    z.object({
      id: f.uuid("volume").optional(),
      deviceid: f.long().optional(),
      virtualmachineid: f.uuid("vm").optional(),
    }),
  (p, ctx) => {
    const { model } = ctx;
    // Lock what the request names now; the job itself re-reads everything when it starts.
    const named = p.id ? model.volume(p.id) : undefined;
    const vmId = p.virtualmachineid ?? named?.vmId ?? undefined;
    let volume: VolumeRecord | undefined;
    const work: JobWork = {
      start() {
        volume = checkDetach(model, { volumeId: p.id, vmId: p.virtualmachineid, deviceId: p.deviceid });
      },
      finish() {
        model.detachVolume(volume!.id);
      },
      result: () => ({ volume: volumeView(ctx, volume!) }),
    };
    return submit(ctx, {
      cmd: `${USER_VOLUME}.DetachVolumeCmd`,
      command: "detachVolume",
      instanceType: "Volume",
      instanceId: p.id ?? null, // the tuple form has no volume id to report
      locks: [...(p.id ? [p.id] : []), ...(vmId ? [vmId] : [])],
      work,
    });
  },
);

export const attachVolume = defineCommand(
  "attachVolume",
  (f) => z.object({ id: f.uuid("volume"), virtualmachineid: f.uuid("vm"), deviceid: f.long().optional() }),
  (p, ctx) => {
    const { model } = ctx;
    const volume = model.volume(p.id);
    const vm = model.vm(p.virtualmachineid);
    let deviceId = 0;
    let stateBefore = volume.state;
    const work: JobWork = {
      start() {
        deviceId = checkAttach(model, volume, vm, p.deviceid);
        stateBefore = volume.state;
        model.setVolumeState(volume.id, "Attaching");
      },
      finish() {
        // orchestrateAttachVolumeToVM re-checks: something may have attached it while the job waited.
        if (volume.vmId !== null) throw cloudRuntime("This volume is already attached to a VM.");
        model.attachVolume(volume.id, vm.id, deviceId);
        // An Allocated volume is created on the pool of the VM's existing disk when first attached.
        if (volume.poolId === null) {
          const sibling = model.volumesOf(vm.id).find((v) => v.id !== volume.id && v.poolId !== null);
          if (sibling?.poolId) model.moveVolume(volume.id, sibling.poolId);
        }
        model.setVolumeState(volume.id, "Ready");
      },
      undo() {
        model.setVolumeState(volume.id, stateBefore);
      },
      result: () => ({ volume: volumeView(ctx, volume) }),
    };
    return submit(ctx, {
      cmd: `${USER_VOLUME}.AttachVolumeCmd`,
      command: "attachVolume",
      instanceType: "Volume",
      instanceId: volume.id,
      locks: [volume.id, vm.id],
      work,
    });
  },
);

export const migrateVolume = defineCommand(
  "migrateVolume",
  (f) =>
    z.object({
      volumeid: f.uuid("volume"),
      storageid: f.uuid("pool"),
      livemigrate: f.bool().optional(),
      newdiskofferingid: f.uuid("diskoffering").optional(),
    }),
  (p, ctx) => {
    const { model } = ctx;
    const volume = model.volume(p.volumeid);
    const pool = model.pool(p.storageid);
    const newDiskOffering = p.newdiskofferingid ? model.diskOffering(p.newdiskofferingid) : undefined;
    const work: JobWork = {
      start() {
        checkMigrateVolume(
          model,
          volume,
          pool,
          { liveMigrate: p.livemigrate ?? false, newDiskOffering },
          ctx.settings,
        );
        model.setVolumeState(volume.id, "Migrating");
      },
      finish() {
        model.moveVolume(volume.id, pool.id);
        if (newDiskOffering) volume.diskOfferingId = newDiskOffering.id;
        model.setVolumeState(volume.id, "Ready");
      },
      undo() {
        model.setVolumeState(volume.id, "Ready");
      },
      result: () => ({ volume: volumeView(ctx, volume) }),
    };
    return submit(ctx, {
      cmd: `${USER_VOLUME}.MigrateVolumeCmd`,
      command: "migrateVolume",
      instanceType: "Volume",
      instanceId: volume.id,
      locks: [volume.id, ...(volume.vmId ? [volume.vmId] : [])],
      work,
    });
  },
);

export const migrateVirtualMachine = defineCommand(
  "migrateVirtualMachine",
  (f) =>
    z.object({
      virtualmachineid: f.uuid("vm"),
      hostid: f.uuid("host").optional(),
      storageid: f.uuid("pool").optional(),
      autoselect: f.bool().optional(),
    }),
  (p, ctx) => {
    const { model } = ctx;
    const vm = model.vm(p.virtualmachineid);
    let moving: VolumeRecord[] = [];
    let destination: HostRecord | undefined;
    const work: JobWork = {
      start() {
        if (p.hostid && p.storageid)
          throw invalidParameter("Only one of hostId and storageId can be specified");
        if (p.storageid) {
          moving = checkMigrateVmStorage(model, vm, model.pool(p.storageid), ctx.settings);
          for (const v of moving) model.setVolumeState(v.id, "Migrating");
        } else {
          destination = p.hostid ? model.host(p.hostid) : undefined;
          if (!destination && p.autoselect === false) {
            // [I] wording after "…or pass 'autoselect=true'" is recalled
            throw invalidParameter(
              "Please specify a host or storage as destination, or pass 'autoselect=true' to automatically " +
                "select a destination host which do not require storage migration",
            );
          }
          if (!destination) {
            if (vm.state !== "Running") {
              throw invalidParameter("VM is not Running, unable to migrate the vm with specified id");
            }
            destination = autoselectHost(model, vm);
          }
          checkMigrateVmHost(model, vm, destination);
        }
        model.setVmState(vm.id, "Migrating");
      },
      finish() {
        if (p.storageid) {
          for (const v of moving) {
            model.moveVolume(v.id, p.storageid);
            model.setVolumeState(v.id, "Ready");
          }
          model.setVmState(vm.id, "Stopped");
        } else {
          model.setVmState(vm.id, "Running", destination!.id);
        }
      },
      undo() {
        for (const v of moving) model.setVolumeState(v.id, "Ready");
        model.setVmState(vm.id, p.storageid ? "Stopped" : "Running");
      },
      result: () => ({ virtualmachine: vmView(ctx, vm) }),
    };
    return submit(ctx, {
      cmd: "org.apache.cloudstack.api.command.admin.vm.MigrateVMCmd",
      command: "migrateVirtualMachine",
      instanceType: "VirtualMachine",
      instanceId: vm.id,
      locks: [vm.id, ...model.volumesOf(vm.id).map((v) => v.id)],
      work,
    });
  },
);

export const jobCommands: CommandDefinition[] = [
  stopVirtualMachine,
  startVirtualMachine,
  detachVolume,
  attachVolume,
  migrateVolume,
  migrateVirtualMachine,
];
