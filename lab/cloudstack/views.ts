// How the lab's records look on the wire: the response objects of the list commands and job results
// (field names of VolumeResponse, UserVmResponse, StoragePoolResponse, … as apis.md §1.4 lists them).
// Keys that CloudStack omits when null are left out rather than sent as null.
import type { CloudStackModel, PoolRecord, VmRecord, VmSnapshotRecord, VolumeRecord } from "./model.ts";

/** The pending job of an object, if any: shown as jobid + jobstatus 0 on the object. */
export interface PendingJobLookup {
  pendingFor(instanceId: string): { id: string } | undefined;
}

export interface ViewContext {
  model: CloudStackModel;
  jobs: PendingJobLookup;
}

export type Json = Record<string, unknown>;

/** The account every lab object belongs to (the lab has one root-admin user). */
export const OWNER = {
  account: "admin",
  domainid: "4b1e2f2c-5d7a-4e8b-9a3c-6f0d1e2b3c4d",
  domain: "ROOT",
} as const;

/** CloudStack's date format, yyyy-MM-dd'T'HH:mm:ssZ, e.g. 2024-01-15T09:00:00+0000. */
export function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+0000`;
}

function withPendingJob(ctx: ViewContext, id: string, view: Json): Json {
  const job = ctx.jobs.pendingFor(id);
  return job ? { ...view, jobid: job.id, jobstatus: 0 } : view;
}

export function vmView(ctx: ViewContext, vm: VmRecord): Json {
  const zone = ctx.model.zone(vm.zoneId);
  const host = vm.hostId ? ctx.model.host(vm.hostId) : undefined;
  const hasRoot = ctx.model.volumesOf(vm.id).some((v) => v.type === "ROOT");
  return withPendingJob(ctx, vm.id, {
    id: vm.id,
    name: vm.name,
    displayname: vm.name,
    instancename: `i-2-${vm.internalId}-VM`,
    ...OWNER,
    created: formatDate(vm.created),
    state: vm.state,
    haenable: false,
    zoneid: zone.id,
    zonename: zone.name,
    ...(host ? { hostid: host.id, hostname: host.name } : {}),
    templateid: vm.templateId,
    serviceofferingid: vm.serviceOfferingId,
    hypervisor: vm.hypervisor,
    rootdeviceid: 0,
    ...(hasRoot ? { rootdevicetype: "ROOT" } : {}),
    tags: [...vm.tags].map(([key, value]) => tagView(vm, key, value)),
  });
}

/** A ResourceTagResponse: how listTags and UserVmResponse.tags show one tag. */
export function tagView(vm: VmRecord, key: string, value: string): Json {
  return { key, value, resourcetype: "UserVm", resourceid: vm.id, ...OWNER };
}

export function volumeView(ctx: ViewContext, volume: VolumeRecord): Json {
  const { model } = ctx;
  const zone = model.zone(volume.zoneId);
  const vm = volume.vmId ? model.vm(volume.vmId) : undefined;
  const pool = volume.poolId ? model.pool(volume.poolId) : undefined;
  const cluster = pool?.clusterId ? model.cluster(pool.clusterId) : undefined;
  const offering = volume.diskOfferingId ? model.diskOffering(volume.diskOfferingId) : undefined;
  return withPendingJob(ctx, volume.id, {
    id: volume.id,
    name: volume.name,
    zoneid: zone.id,
    zonename: zone.name,
    type: volume.type,
    ...(vm
      ? {
          deviceid: volume.deviceId,
          virtualmachineid: vm.id,
          vmname: vm.name,
          vmdisplayname: vm.name,
          vmstate: vm.state,
          vmtype: "User",
        }
      : {}),
    provisioningtype: "thin",
    size: volume.size,
    created: formatDate(volume.created),
    ...(volume.attached ? { attached: formatDate(volume.attached) } : {}),
    state: volume.state,
    ...OWNER,
    storagetype: "shared",
    hypervisor: volume.hypervisor,
    ...(offering
      ? {
          diskofferingid: offering.id,
          diskofferingname: offering.name,
          diskofferingdisplaytext: offering.name,
        }
      : {}),
    ...(pool ? { storageid: pool.id, storage: pool.name } : {}),
    ...(cluster ? { clusterid: cluster.id, clustername: cluster.name } : {}),
    ...(volume.encrypted ? { encryptformat: "LUKS" } : {}),
    destroyed: false,
    isextractable: true,
  });
}

export function poolView(ctx: ViewContext, pool: PoolRecord): Json {
  const { model } = ctx;
  const zone = model.zone(pool.zoneId);
  const cluster = pool.clusterId ? model.cluster(pool.clusterId) : undefined;
  const allocated = model.allocatedBytes(pool.id);
  return {
    id: pool.id,
    name: pool.name,
    state: pool.state,
    scope: pool.scope,
    type: pool.type,
    hypervisor: pool.hypervisor,
    zoneid: zone.id,
    zonename: zone.name,
    ...(cluster ? { clusterid: cluster.id, clustername: cluster.name } : {}),
    ...(pool.tags.length > 0 ? { tags: pool.tags.join(",") } : {}),
    managed: pool.managed,
    capacitybytes: pool.capacityBytes,
    disksizetotal: pool.capacityBytes,
    disksizeallocated: allocated,
    disksizeused: allocated,
    provider: "DefaultPrimary",
    created: "2024-01-15T09:00:00+0000",
  };
}

export function vmSnapshotView(ctx: ViewContext, snapshot: VmSnapshotRecord): Json {
  const vm = ctx.model.vm(snapshot.vmId);
  return {
    id: snapshot.id,
    name: snapshot.name,
    displayname: snapshot.name,
    state: "Ready",
    type: "Disk",
    current: ctx.model.snapshotsOf(vm.id).at(-1)?.id === snapshot.id,
    created: formatDate(snapshot.created),
    virtualmachineid: vm.id,
    virtualmachinename: vm.name,
    zoneid: vm.zoneId,
    hypervisor: vm.hypervisor,
    ...OWNER,
  };
}
