// The lab's in-memory CloudStack: the records behind every list command, and the primitive state changes
// the async commands make once their checks pass (rules.ts holds the checks).
//
// The public mutators double as *drift* methods for tests: they change the estate behind the client's back
// without any API rule, the way an operator clicking in the UI would. All accept an id or a name.
//   setVmState(vm, state, host?)     e.g. start a VM the provider stopped
//   setHostState(host, state)
//   setVolumeState(volume, state)
//   detachVolume(volume)             flips ROOT→DATADISK like CloudStack's VolumeDao.detachVolume
//   attachVolume(volume, vm, device) device 0 flips DATADISK→ROOT
//   moveVolume(volume, pool)
//   setPoolState(pool, state)        e.g. put a datastore into Maintenance
//   setPoolTags(pool, tags)
//   addVmSnapshots(vm, count?)       returns the new snapshots
//   removeVmSnapshots(vm)
//   setVmBackups(vm, hasBackups)
import { derivedId } from "./inventory.ts";
import type {
  HostState,
  Hypervisor,
  Inventory,
  PoolScope,
  PoolState,
  VmState,
  VolumeState,
  VolumeType,
} from "./inventory.ts";
import type { EntityKind, EntityLookup } from "./params.ts";

/** The creation date reported for everything the inventory declares (fixed, so responses are stable). */
const INVENTORY_CREATED = new Date("2024-01-15T09:00:00Z");

export interface ZoneRecord {
  id: string;
  name: string;
}
export interface ClusterRecord {
  id: string;
  name: string;
  zoneId: string;
  hypervisor: Hypervisor;
}
export interface HostRecord {
  id: string;
  name: string;
  clusterId: string;
  state: HostState;
}
export interface PoolRecord {
  id: string;
  name: string;
  zoneId: string;
  clusterId: string | null;
  scope: PoolScope;
  type: string;
  state: PoolState;
  hypervisor: Hypervisor;
  tags: string[];
  managed: boolean;
  capacityBytes: number;
}
export interface DiskOfferingRecord {
  id: string;
  name: string;
  tags: string[];
  encrypt: boolean;
}
export interface VmRecord {
  id: string;
  /** The database id; CloudStack puts it in some messages (e.g. "deviceId 1 is used by vm 7"). */
  internalId: number;
  name: string;
  zoneId: string;
  hypervisor: Hypervisor;
  state: VmState;
  /** Current host; null unless the VM is on a host (Running, Starting, Stopping, live Migrating). */
  hostId: string | null;
  /** Last host the VM ran on: where a start lands and which cluster a stopped VM belongs to. */
  lastHostId: string | null;
  serviceOfferingId: string;
  templateId: string;
  backups: boolean;
  created: Date;
  /** Resource tags (createTags/deleteTags, resourcetype UserVm): key → value, in insertion order. */
  tags: Map<string, string>;
}
export interface VmSnapshotRecord {
  id: string;
  vmId: string;
  name: string;
  created: Date;
}
export interface VolumeRecord {
  id: string;
  internalId: number;
  name: string;
  type: VolumeType;
  state: VolumeState;
  zoneId: string;
  poolId: string | null;
  diskOfferingId: string | null;
  hypervisor: Hypervisor;
  size: number;
  vmId: string | null;
  deviceId: number | null;
  encrypted: boolean;
  created: Date;
  attached: Date | null;
}

type Ref = string;

export class CloudStackModel implements EntityLookup {
  readonly zones = new Map<string, ZoneRecord>();
  readonly clusters = new Map<string, ClusterRecord>();
  readonly hosts = new Map<string, HostRecord>();
  readonly pools = new Map<string, PoolRecord>();
  readonly diskOfferings = new Map<string, DiskOfferingRecord>();
  readonly vms = new Map<string, VmRecord>();
  readonly volumes = new Map<string, VolumeRecord>();
  readonly vmSnapshots = new Map<string, VmSnapshotRecord>();

  constructor(
    inventory: Inventory,
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const z of inventory.zones) this.zones.set(z.id, { ...z });
    for (const c of inventory.clusters) this.clusters.set(c.id, { ...c });
    for (const h of inventory.hosts) this.hosts.set(h.id, { ...h });
    for (const p of inventory.storagePools) this.pools.set(p.id, { ...p, tags: [...p.tags] });
    for (const d of inventory.diskOfferings) this.diskOfferings.set(d.id, { ...d, tags: [...d.tags] });
    inventory.vms.forEach((vm, index) => {
      const onHost = vm.state === "Running" || vm.state === "Stopping" || vm.state === "Migrating";
      this.vms.set(vm.id, {
        id: vm.id,
        internalId: index + 2, // id 1 is usually a system VM in a real deployment
        name: vm.name,
        zoneId: vm.zoneId,
        hypervisor: vm.hypervisor,
        state: vm.state,
        hostId: onHost ? vm.hostId : null,
        lastHostId: vm.hostId,
        serviceOfferingId: vm.serviceOfferingId,
        templateId: vm.templateId,
        backups: vm.backups,
        created: INVENTORY_CREATED,
        tags: new Map(),
      });
      this.createSnapshots(vm.id, vm.vmSnapshots, INVENTORY_CREATED);
    });
    inventory.volumes.forEach((v, index) => {
      this.volumes.set(v.id, {
        ...v,
        internalId: index + 1,
        created: INVENTORY_CREATED,
        attached: v.vmId === null ? null : INVENTORY_CREATED,
      });
    });
  }

  // ---- lookups -------------------------------------------------------------------------------------

  exists(kind: EntityKind, id: string): boolean {
    switch (kind) {
      case "zone":
        return this.zones.has(id);
      case "cluster":
        return this.clusters.has(id);
      case "host":
        return this.hosts.has(id);
      case "pool":
        return this.pools.has(id);
      case "diskoffering":
        return this.diskOfferings.has(id);
      case "vm":
        return this.vms.has(id);
      case "volume":
        return this.volumes.has(id);
      case "job":
        return false; // jobs live in the JobRunner; the command resolves them itself
    }
  }

  vm(ref: Ref): VmRecord {
    return this.mustFind("VM", this.vms, ref);
  }
  volume(ref: Ref): VolumeRecord {
    return this.mustFind("volume", this.volumes, ref);
  }
  pool(ref: Ref): PoolRecord {
    return this.mustFind("storage pool", this.pools, ref);
  }
  host(ref: Ref): HostRecord {
    return this.mustFind("host", this.hosts, ref);
  }
  cluster(ref: Ref): ClusterRecord {
    return this.mustFind("cluster", this.clusters, ref);
  }
  zone(ref: Ref): ZoneRecord {
    return this.mustFind("zone", this.zones, ref);
  }
  diskOffering(ref: Ref): DiskOfferingRecord {
    return this.mustFind("disk offering", this.diskOfferings, ref);
  }

  /** Volumes attached to a VM, by device id. */
  volumesOf(vmRef: Ref): VolumeRecord[] {
    const vmId = this.vm(vmRef).id;
    return [...this.volumes.values()]
      .filter((v) => v.vmId === vmId)
      .sort((a, b) => (a.deviceId ?? 0) - (b.deviceId ?? 0));
  }

  snapshotsOf(vmRef: Ref): VmSnapshotRecord[] {
    const vmId = this.vm(vmRef).id;
    return [...this.vmSnapshots.values()].filter((s) => s.vmId === vmId);
  }

  /** Bytes of all volumes on a pool (what CloudStack calls disksizeallocated). */
  allocatedBytes(poolRef: Ref): number {
    const poolId = this.pool(poolRef).id;
    let total = 0;
    for (const v of this.volumes.values()) if (v.poolId === poolId) total += v.size;
    return total;
  }

  /** The cluster a VM belongs to: its host's, else its last host's. */
  clusterOfVm(vmRef: Ref): ClusterRecord | undefined {
    const vm = this.vm(vmRef);
    const hostId = vm.hostId ?? vm.lastHostId;
    return hostId ? this.cluster(this.host(hostId).clusterId) : undefined;
  }

  // ---- state changes (also the drift methods) ------------------------------------------------------

  setVmState(vmRef: Ref, state: VmState, hostRef?: Ref): VmRecord {
    const vm = this.vm(vmRef);
    vm.state = state;
    if (hostRef !== undefined) vm.hostId = this.host(hostRef).id;
    if (state === "Stopped" || state === "Destroyed" || state === "Expunging") vm.hostId = null;
    else if (vm.hostId === null && state === "Running") vm.hostId = vm.lastHostId;
    if (vm.hostId !== null) vm.lastHostId = vm.hostId;
    return vm;
  }

  setHostState(hostRef: Ref, state: HostState): HostRecord {
    const host = this.host(hostRef);
    host.state = state;
    return host;
  }

  setVolumeState(volumeRef: Ref, state: VolumeState): VolumeRecord {
    const volume = this.volume(volumeRef);
    volume.state = state;
    return volume;
  }

  /** Clears VM, device and attach date; a ROOT volume becomes DATADISK (VolumeDaoImpl.detachVolume). */
  detachVolume(volumeRef: Ref): VolumeRecord {
    const volume = this.volume(volumeRef);
    volume.vmId = null;
    volume.deviceId = null;
    volume.attached = null;
    if (volume.type === "ROOT") volume.type = "DATADISK";
    return volume;
  }

  /** Attaches on `deviceId`; device 0 makes the volume the ROOT (VolumeDaoImpl.attachVolume). */
  attachVolume(volumeRef: Ref, vmRef: Ref, deviceId: number): VolumeRecord {
    const volume = this.volume(volumeRef);
    volume.vmId = this.vm(vmRef).id;
    volume.deviceId = deviceId;
    volume.attached = this.now();
    if (deviceId === 0) volume.type = "ROOT";
    return volume;
  }

  moveVolume(volumeRef: Ref, poolRef: Ref): VolumeRecord {
    const volume = this.volume(volumeRef);
    volume.poolId = this.pool(poolRef).id;
    return volume;
  }

  setPoolState(poolRef: Ref, state: PoolState): PoolRecord {
    const pool = this.pool(poolRef);
    pool.state = state;
    return pool;
  }

  setPoolTags(poolRef: Ref, tags: readonly string[]): PoolRecord {
    const pool = this.pool(poolRef);
    pool.tags = [...tags];
    return pool;
  }

  addVmSnapshots(vmRef: Ref, count = 1): VmSnapshotRecord[] {
    return this.createSnapshots(this.vm(vmRef).id, count, this.now());
  }

  removeVmSnapshots(vmRef: Ref): void {
    const vmId = this.vm(vmRef).id;
    for (const [id, snapshot] of this.vmSnapshots) if (snapshot.vmId === vmId) this.vmSnapshots.delete(id);
  }

  setVmBackups(vmRef: Ref, hasBackups: boolean): VmRecord {
    const vm = this.vm(vmRef);
    vm.backups = hasBackups;
    return vm;
  }

  // ---- internals -----------------------------------------------------------------------------------

  private createSnapshots(vmId: string, count: number, created: Date): VmSnapshotRecord[] {
    const made: VmSnapshotRecord[] = [];
    for (let i = 0; i < count; i++) {
      const ordinal = this.snapshotsOf(vmId).length + 1;
      const vmName = this.vm(vmId).name;
      // Ids derive from VM and ordinal so the demo estate's snapshots keep their ids across runs.
      const snapshot = {
        id: derivedId("vmSnapshots", `${vmId}/${ordinal}`),
        vmId,
        name: `${vmName}-snap-${ordinal}`,
        created,
      };
      this.vmSnapshots.set(snapshot.id, snapshot);
      made.push(snapshot);
    }
    return made;
  }

  private mustFind<T extends { id: string; name: string }>(what: string, map: Map<string, T>, ref: Ref): T {
    const byId = map.get(ref.toLowerCase());
    if (byId) return byId;
    for (const record of map.values()) if (record.name === ref) return record;
    throw new Error(`lab model: no ${what} with id or name "${ref}"`);
  }
}
