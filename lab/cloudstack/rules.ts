// The business rules of the async commands, with CloudStack's exact messages (apis.md §1.6, checked against
// VolumeApiServiceImpl: detachVolumeFromVM, attachVolumeToVM and its check* helpers, getDeviceId,
// migrateVolume). They run inside the job, so a refusal is a failed job, not an HTTP error.
// Messages marked [I] are inferred (no source located); everything else is quoted from the code.
import { cloudRuntime, CloudStackError, CsErrorCode, ErrorCode, invalidParameter } from "./errors.ts";
import type { Hypervisor } from "./inventory.ts";
import type {
  CloudStackModel,
  DiskOfferingRecord,
  HostRecord,
  PoolRecord,
  VmRecord,
  VolumeRecord,
} from "./model.ts";

export interface RuleSettings {
  /** Seed 002: offline migration to a cluster-scoped pool of another cluster is unsupported. */
  rejectCrossClusterOffline: boolean;
}

const ROOT_DETACH_HYPERVISORS: readonly Hypervisor[] = ["XenServer", "VMware", "KVM", "Simulator"];
/** Hypervisors whose capabilities say "storage motion supported" (live volume migration). */
const STORAGE_MOTION_HYPERVISORS: readonly Hypervisor[] = ["VMware", "XenServer", "KVM", "Simulator"];
/** max_data_volumes_limit per hypervisor [I: typical hypervisor_capabilities rows]; CloudStack's fallback is 6. */
const MAX_DATA_VOLUMES: Partial<Record<Hypervisor, number>> = {
  VMware: 59,
  KVM: 26,
  XenServer: 13,
  Simulator: 13,
};
const MAINTENANCE_STATES = ["Maintenance", "PrepareForMaintenance", "ErrorInMaintenance"];

/** VolumeVO.toString(), which several messages embed: Vol[<db id>|name=<name>|vm=<vm db id>|<TYPE>]. */
export function describeVolume(model: CloudStackModel, volume: VolumeRecord): string {
  const vm = volume.vmId ? model.vm(volume.vmId).internalId : "null";
  return `Vol[${volume.internalId}|name=${volume.name}|vm=${vm}|${volume.type}]`;
}

function hasVmSnapshots(model: CloudStackModel, vm: VmRecord): boolean {
  return model.snapshotsOf(vm.id).length > 0;
}

/** validateRootVolumeDetachAttach: shared by ROOT detach and attach with deviceid=0 (same "detach" wording). */
function validateRootVolumeDetachAttach(model: CloudStackModel, volume: VolumeRecord, vm: VmRecord): void {
  if (!ROOT_DETACH_HYPERVISORS.includes(vm.hypervisor)) {
    throw invalidParameter(`Root volume detach is not supported for hypervisor type ${vm.hypervisor}`);
  }
  // The code's condition only lets Stopped through, whatever the message says.
  if (vm.state !== "Stopped") {
    throw invalidParameter("Root volume detach can happen only when vm is in states: Stopped or Destroyed");
  }
  if (volume.poolId && model.pool(volume.poolId).managed) {
    throw invalidParameter("Root volume detach is not supported for Managed DataStores");
  }
}

export interface DetachTarget {
  volumeId?: string | undefined;
  vmId?: string | undefined;
  deviceId?: number | undefined;
}

/** detachVolumeFromVM's checks; returns the volume to detach. */
export function checkDetach(model: CloudStackModel, target: DetachTarget): VolumeRecord {
  const { volumeId, vmId, deviceId } = target;
  const tuple = deviceId !== undefined && vmId !== undefined;
  if (
    (volumeId === undefined && !tuple) ||
    (volumeId !== undefined && (deviceId !== undefined || vmId !== undefined))
  ) {
    throw invalidParameter("Please provide either a volume id, or a tuple(device id, instance id)");
  }
  let volume: VolumeRecord | undefined;
  if (volumeId !== undefined) {
    volume = model.volumes.get(volumeId);
  } else {
    volume = model.volumesOf(vmId!).find((v) => v.deviceId === deviceId);
    // The code takes .get(0) of an empty list here: an IndexOutOfBoundsException, i.e. a 530.
    if (!volume) throw cloudRuntime("Index 0 out of bounds for length 0");
  }
  if (!volume) throw invalidParameter(`Unable to find volume with ID: ${volumeId}`);

  const attachedTo = vmId ?? volume.vmId;
  if (!attachedTo) throw invalidParameter("The specified volume is not attached to a VM.");
  const vm = model.vm(attachedTo);
  if (vm.state !== "Running" && vm.state !== "Stopped" && vm.state !== "Destroyed") {
    throw invalidParameter("Please specify a VM that is either running or stopped.");
  }
  if (volume.type !== "ROOT" && volume.type !== "DATADISK") {
    throw invalidParameter("Please specify volume of type DATADISK or ROOT");
  }
  if (volume.type === "ROOT") validateRootVolumeDetachAttach(model, volume, vm);
  if (hasVmSnapshots(model, vm)) {
    throw invalidParameter("Unable to detach volume, please specify a VM that does not have VM snapshots");
  }
  if (vm.backups) {
    throw invalidParameter(
      "Unable to detach volume, cannot detach volume from a VM that has backups. First remove the VM from the " +
        "backup offering or set the global configuration 'backup.enable.attach.detach.of.volumes' to true.",
    );
  }
  return volume;
}

/** attachVolumeToVM's checks, in the code's order; returns the device id the volume will get. */
export function checkAttach(
  model: CloudStackModel,
  volume: VolumeRecord,
  vm: VmRecord,
  requestedDeviceId: number | undefined,
): number {
  // getAndCheckVolumeInfo
  if (volume.type !== "ROOT" && volume.type !== "DATADISK") {
    throw invalidParameter("Please specify a volume with the valid type: ROOT or DATADISK");
  }
  if (volume.vmId !== null) throw invalidParameter("Please specify a volume that is not attached to any VM.");
  if (volume.state === "Destroy") throw invalidParameter("Please specify a volume that is not destroyed.");
  if (!["Allocated", "Ready", "Uploaded"].includes(volume.state)) {
    throw invalidParameter("Volume state must be in Allocated, Ready or in Uploaded state");
  }
  // getAndCheckUserVmVO
  if (vm.state !== "Running" && vm.state !== "Stopped") {
    throw invalidParameter("Please specify a VM that is either running or stopped.");
  }
  if (vm.zoneId !== volume.zoneId)
    throw invalidParameter("Please specify a VM that is in the same zone as the volume.");
  // checkDeviceId
  if (requestedDeviceId === 0) {
    validateRootVolumeDetachAttach(model, volume, vm);
    if (model.volumesOf(vm.id).some((v) => v.deviceId === 0)) {
      throw invalidParameter("Vm already has root volume attached to it");
    }
    if (volume.state === "Uploaded")
      throw invalidParameter("No support for Root volume attach in state Uploaded");
  }
  // checkNumberOfAttachedVolumes
  const maxDataVolumes = MAX_DATA_VOLUMES[vm.hypervisor] ?? 6;
  if (requestedDeviceId !== 0) {
    const dataVolumes = model.volumesOf(vm.id).filter((v) => v.type === "DATADISK").length;
    if (dataVolumes >= maxDataVolumes) {
      throw invalidParameter(
        `The specified VM already has the maximum number of data disks (${maxDataVolumes}) attached. Please specify another VM.`,
      );
    }
  }
  // checkForDevicesInCopies
  if (hasVmSnapshots(model, vm)) {
    throw invalidParameter(
      `Unable to attach volume to VM ${vm.name}/${vm.id}, please specify a VM that does not have VM snapshots`,
    );
  }
  if (vm.backups) {
    throw invalidParameter(
      `Unable to attach volume to VM ${vm.name}/${vm.id}, please specify a VM that does not have any backups`,
    );
  }
  // checkForMatchingHypervisorTypesIf: only when the volume sits on an unmanaged pool
  const pool = volume.poolId ? model.pool(volume.poolId) : undefined;
  if (pool && !pool.managed && volume.hypervisor !== "None" && volume.hypervisor !== vm.hypervisor) {
    throw invalidParameter(`Can't attach a volume created by: ${volume.hypervisor} to a ${vm.hypervisor} vm`);
  }
  const offering = volume.diskOfferingId ? model.diskOffering(volume.diskOfferingId) : undefined;
  if ((offering?.encrypt || volume.encrypted) && vm.hypervisor !== "KVM") {
    throw invalidParameter(
      `Volume's disk offering has encryption enabled, but volume encryption is not supported for hypervisor type ${vm.hypervisor}`,
    );
  }
  return allocateDeviceId(model, vm, requestedDeviceId, maxDataVolumes);
}

/** getDeviceId: slots 0..max+1 where 3 is the CD-ROM; the next free slot from 1 when none is asked for. */
function allocateDeviceId(
  model: CloudStackModel,
  vm: VmRecord,
  requested: number | undefined,
  maxData: number,
): number {
  const maxDeviceId = maxData + 1; // + ROOT + CD-ROM - 1
  const used = new Set(model.volumesOf(vm.id).map((v) => v.deviceId));
  if (requested !== undefined) {
    // RuntimeExceptions in the code, so 530s.
    if (requested < 0 || requested > maxDeviceId || requested === 3) {
      throw cloudRuntime(`deviceId should be 0,1,2,4-${maxDeviceId}`);
    }
    if (used.has(requested)) throw cloudRuntime(`deviceId ${requested} is used by vm ${vm.internalId}`);
    return requested;
  }
  for (let slot = 1; slot <= maxDeviceId; slot++) if (slot !== 3 && !used.has(slot)) return slot;
  throw cloudRuntime(`All device Ids are used by vm ${vm.internalId}`);
}

/**
 * Why a pool cannot take a volume, or undefined. CloudStack answers all of these with "not suitable"
 * (storagePoolCompatibleWithVolumePool and the allocators); which reasons apply is the lab's reading of
 * seed 002 [I]: zone, pool state, hypervisor, storage tags of the disk offering, and (offline, when
 * rejectCrossClusterOffline) another cluster.
 */
export function unsuitability(
  model: CloudStackModel,
  volume: VolumeRecord,
  pool: PoolRecord,
  settings: RuleSettings,
  options: { checkTags: boolean; offline: boolean },
): string | undefined {
  if (pool.zoneId !== volume.zoneId) return "another zone";
  if (pool.state !== "Up") return `pool state ${pool.state}`;
  if (pool.hypervisor !== "Any" && volume.hypervisor !== "None" && pool.hypervisor !== volume.hypervisor) {
    return `pool hypervisor ${pool.hypervisor}, volume ${volume.hypervisor}`;
  }
  const offering = volume.diskOfferingId ? model.diskOffering(volume.diskOfferingId) : undefined;
  const missing = options.checkTags ? (offering?.tags ?? []).filter((t) => !pool.tags.includes(t)) : [];
  if (missing.length > 0) return `pool lacks storage tags ${missing.join(",")}`;
  const currentCluster = currentClusterOf(model, volume);
  if (
    options.offline &&
    settings.rejectCrossClusterOffline &&
    pool.clusterId !== null &&
    currentCluster !== undefined &&
    currentCluster !== pool.clusterId
  ) {
    return "another cluster";
  }
  return undefined;
}

/** The cluster a volume lives in: its pool's, or for a zone-wide pool the cluster of its VM. */
function currentClusterOf(model: CloudStackModel, volume: VolumeRecord): string | undefined {
  const pool = volume.poolId ? model.pool(volume.poolId) : undefined;
  if (pool?.clusterId) return pool.clusterId;
  return volume.vmId ? model.clusterOfVm(volume.vmId)?.id : undefined;
}

function hasSpaceFor(model: CloudStackModel, pool: PoolRecord, bytes: number): boolean {
  return model.allocatedBytes(pool.id) + bytes <= pool.capacityBytes;
}

function tagsText(tags: readonly string[]): string {
  return tags.length > 0 ? tags.join(",") : "null";
}

export interface MigrateVolumeOptions {
  liveMigrate: boolean;
  newDiskOffering?: DiskOfferingRecord | undefined;
}

/** VolumeApiServiceImpl.migrateVolume's checks, in the code's order. */
export function checkMigrateVolume(
  model: CloudStackModel,
  volume: VolumeRecord,
  pool: PoolRecord,
  options: MigrateVolumeOptions,
  settings: RuleSettings,
): void {
  const desc = describeVolume(model, volume);
  if (volume.state !== "Ready") throw invalidParameter("Volume must be in ready state");
  if (volume.poolId === pool.id)
    throw invalidParameter(`Volume ${desc} is already on the destination storage pool`);
  const vm = volume.vmId ? model.vm(volume.vmId) : undefined;
  if (volume.encrypted) throw invalidParameter("Migration of encrypted volumes is unsupported");
  if (vm && hasVmSnapshots(model, vm)) {
    throw invalidParameter(
      "Volume cannot be migrated, please remove all VM snapshots for VM to which this volume is attached",
    );
  }
  const running = vm?.state === "Running";
  let sourceCluster: string | undefined;
  if (vm && running) {
    const sourcePool = volume.poolId ? model.pool(volume.poolId) : undefined;
    if (sourcePool?.type === "PowerFlex") {
      throw invalidParameter("Migrate volume of a running VM is unsupported on storage pool type PowerFlex");
    }
    const host: HostRecord | undefined = vm.hostId ? model.host(vm.hostId) : undefined;
    const hostHypervisor = host ? model.cluster(host.clusterId).hypervisor : undefined;
    sourceCluster = host?.clusterId;
    const storageMotion = hostHypervisor !== undefined && STORAGE_MOTION_HYPERVISORS.includes(hostHypervisor);
    if (
      storageMotion &&
      hostHypervisor === "KVM" &&
      !(sourcePool?.type === "StorPool" && pool.type === "StorPool")
    ) {
      throw invalidParameter(
        "KVM does not support volume live migration due to the limited possibility to refresh VM XML domain. " +
          "Therefore, to live migrate a volume between storage pools, one must migrate the VM to a different host " +
          "as well to force the VM XML domain update. Use 'migrateVirtualMachineWithVolumes' instead.",
      );
    }
    if (!storageMotion) throw invalidParameter("Volume needs to be detached from VM");
    if (!options.liveMigrate) {
      throw invalidParameter(
        `The volume ${desc}is attached to a vm and for migrating it the parameter livemigrate should be specified`,
      );
    }
  }
  if (MAINTENANCE_STATES.includes(pool.state)) {
    throw invalidParameter(
      `Cannot migrate volume ${desc}to the destination storage pool ${pool.name} as the storage pool is in maintenance mode.`,
    );
  }
  if (!volume.diskOfferingId) {
    throw cloudRuntime(`volume '${volume.id}', has no diskoffering. Migration target cannot be checked.`);
  }
  const newOffering = options.newDiskOffering;
  if (unsuitability(model, volume, pool, settings, { checkTags: !newOffering, offline: !running })) {
    throw cloudRuntime(`Storage pool ${pool.name} is not suitable to migrate volume ${volume.name}`);
  }
  if (!hasSpaceFor(model, pool, volume.size)) {
    throw cloudRuntime(
      `Storage pool ${pool.name} does not have enough space to migrate volume ${volume.name}`,
    );
  }
  if (running && pool.clusterId !== null && sourceCluster !== undefined && sourceCluster !== pool.clusterId) {
    throw invalidParameter(
      "Cannot migrate a volume of a virtual machine to a storage pool in a different cluster",
    );
  }
  if (newOffering) checkNewDiskOffering(model, volume, pool, newOffering);
}

/** retrieveAndValidateNewDiskOffering + validateConditionsToReplaceDiskOfferingOfVolume (tag parts). */
function checkNewDiskOffering(
  model: CloudStackModel,
  volume: VolumeRecord,
  pool: PoolRecord,
  offering: DiskOfferingRecord,
): void {
  const current = volume.diskOfferingId ? model.diskOffering(volume.diskOfferingId) : undefined;
  // match.storage.pool.tags.with.disk.offering defaults to true
  if (current?.tags.some((t) => !offering.tags.includes(t))) {
    throw invalidParameter(
      `Existing disk offering storage tags of the volume ${volume.id} does not contain in the new disk offering ${offering.id}  `,
    );
  }
  if (offering.tags.some((t) => !pool.tags.includes(t))) {
    throw invalidParameter(
      `Migration failed: target pool [${pool.name}, tags:${tagsText(pool.tags)}] has no matching tags for volume ` +
        `[${volume.name}, uuid:${volume.id}, tags:${tagsText(offering.tags)}]`,
    );
  }
}

/** Offline VM storage migration (migrateVirtualMachine with storageid); apis.md §1.6. */
export function checkMigrateVmStorage(
  model: CloudStackModel,
  vm: VmRecord,
  pool: PoolRecord,
  settings: RuleSettings,
): VolumeRecord[] {
  if (vm.state !== "Stopped")
    throw invalidParameter("VM is not Stopped, unable to migrate the vm having the specified id");
  const volumes = model.volumesOf(vm.id);
  if (volumes.length > 1 && vm.hypervisor !== "VMware" && vm.hypervisor !== "KVM") {
    throw invalidParameter("Data disks attached to the vm, can not migrate. Need to detach data disks first");
  }
  if (hasVmSnapshots(model, vm)) {
    throw invalidParameter(
      "Instance's disk cannot be migrated, please remove all the Instance Snapshots for this Instance",
    );
  }
  if (pool.hypervisor !== "Any" && pool.hypervisor !== vm.hypervisor) {
    throw invalidParameter(`hypervisor is not compatible: dest: ${pool.hypervisor}, vm: ${vm.hypervisor}`);
  }
  const moving = volumes.filter((v) => v.poolId !== pool.id);
  let bytes = 0;
  for (const volume of moving) {
    bytes += volume.size;
    const unfit =
      MAINTENANCE_STATES.includes(pool.state) ||
      unsuitability(model, volume, pool, settings, { checkTags: true, offline: true }) !== undefined ||
      !hasSpaceFor(model, pool, bytes);
    // [I] the exact tail of this message ("…for volume <name>") is not verified.
    if (unfit) throw cloudRuntime(`Storage suitability check failed for volume ${volume.name}`);
  }
  return moving;
}

/** Live VM migration to a host (migrateVirtualMachine with hostid). Messages [I]. */
export function checkMigrateVmHost(model: CloudStackModel, vm: VmRecord, host: HostRecord): void {
  if (vm.state !== "Running")
    throw invalidParameter("VM is not Running, unable to migrate the vm with specified id");
  if (vm.hostId === host.id)
    throw invalidParameter("Cannot migrate VM, destination host is same as the source host");
  if (host.state !== "Up") {
    throw invalidParameter(
      `Cannot migrate VM, destination host is not in correct state, has status: ${host.state}`,
    );
  }
  const hostHypervisor = model.cluster(host.clusterId).hypervisor;
  if (hostHypervisor !== vm.hypervisor) {
    throw invalidParameter(
      `Cannot migrate VM, host hypervisor ${hostHypervisor} does not match VM hypervisor ${vm.hypervisor}`,
    );
  }
}

/** Picks a host for a live migration without a destination (autoselect=true): another Up host of the cluster. */
export function autoselectHost(model: CloudStackModel, vm: VmRecord): HostRecord {
  const cluster = model.clusterOfVm(vm.id);
  const host = [...model.hosts.values()].find(
    (h) => h.clusterId === cluster?.id && h.id !== vm.hostId && h.state === "Up",
  );
  if (!host)
    throw new CloudStackError(
      ErrorCode.insufficientCapacity,
      CsErrorCode.insufficientCapacity,
      "No suitable hosts found",
    ); // [I]
  return host;
}

/**
 * startVirtualMachine: returns the host to start on, or undefined when the VM already runs (a no-op, like
 * CloudStack). Picks the last host if it is Up and reaches the ROOT volume's pool, else the first such host.
 */
export function checkStart(model: CloudStackModel, vm: VmRecord): HostRecord | undefined {
  if (vm.state === "Running") return undefined;
  if (vm.state !== "Stopped") throw cloudRuntime(`Unable to start VM ${vm.name}: it is ${vm.state}`); // [I]
  const root = model.volumesOf(vm.id).find((v) => v.type === "ROOT");
  // [I] inferred: CloudStack cannot deploy a VM without a ROOT volume (seed 001, issues #8634/#6492);
  // the exact text of the real failure is not known.
  if (!root) throw cloudRuntime(`Unable to start VM ${vm.name}: it has no ROOT volume attached`);
  const rootPool = root.poolId ? model.pool(root.poolId) : undefined;
  const usable = (h: HostRecord) =>
    h.state === "Up" &&
    model.cluster(h.clusterId).hypervisor === vm.hypervisor &&
    model.cluster(h.clusterId).zoneId === vm.zoneId &&
    (rootPool === undefined ||
      (rootPool.state === "Up" && (rootPool.clusterId ?? h.clusterId) === h.clusterId));
  const last = vm.lastHostId ? model.host(vm.lastHostId) : undefined;
  const host = last && usable(last) ? last : [...model.hosts.values()].find(usable);
  if (!host) {
    // InsufficientServerCapacityException → 533 [I: text recalled]
    throw new CloudStackError(
      ErrorCode.insufficientCapacity,
      CsErrorCode.insufficientCapacity,
      `Unable to create a deployment for VM[User|i-2-${vm.internalId}-VM]`,
    );
  }
  return host;
}

/** stopVirtualMachine: false when the VM is already stopped (a no-op success). */
export function checkStop(vm: VmRecord): boolean {
  if (vm.state === "Stopped") return false;
  if (vm.state !== "Running") throw cloudRuntime(`Unable to stop VM ${vm.name}: it is ${vm.state}`); // [I]
  return true;
}
