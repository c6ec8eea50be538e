// The synchronous commands: lists and job queries. Filters follow the CloudStack search criteria:
// ids are exact, VM names match as a case-insensitive substring (SQL LIKE %name% [I]), other names exactly,
// enum filters (state, type) case-insensitively.
import * as z from "zod";
import { type CommandDefinition, defineCommand, listBody } from "./command.ts";
import { paramError } from "./errors.ts";
import { jobView } from "./jobs.ts";
import { unsuitability } from "./rules.ts";
import { poolView, type Json, vmSnapshotView, vmView, volumeView } from "./views.ts";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const contains = (text: string, part: string) => text.toLowerCase().includes(part.toLowerCase());

export const listVirtualMachines = defineCommand(
  "listVirtualMachines",
  (f) =>
    z.object({
      id: f.uuid("vm").optional(),
      ids: f.uuidList("vm").optional(),
      name: f.text().optional(),
      state: f.text().optional(),
      zoneid: f.uuid("zone").optional(),
      hostid: f.uuid("host").optional(),
      keyword: f.text().optional(),
      listall: f.bool().optional(),
      page: f.long().optional(),
      pagesize: f.long().optional(),
    }),
  (p, ctx) => {
    const vms = [...ctx.model.vms.values()].filter(
      (vm) =>
        (p.id === undefined || vm.id === p.id) &&
        (p.ids === undefined || p.ids.includes(vm.id)) &&
        (p.name === undefined || contains(vm.name, p.name)) &&
        (p.keyword === undefined || contains(vm.name, p.keyword)) &&
        (p.state === undefined || same(vm.state, p.state)) &&
        (p.zoneid === undefined || vm.zoneId === p.zoneid) &&
        (p.hostid === undefined || vm.hostId === p.hostid),
    );
    return {
      body: listBody(
        "virtualmachine",
        vms.map((vm) => vmView(ctx, vm)),
        p,
      ),
    };
  },
);

export const listVolumes = defineCommand(
  "listVolumes",
  (f) =>
    z.object({
      id: f.uuid("volume").optional(),
      ids: f.uuidList("volume").optional(),
      name: f.text().optional(),
      type: f.text().optional(),
      state: f.text().optional(),
      virtualmachineid: f.uuid("vm").optional(),
      storageid: f.uuid("pool").optional(),
      zoneid: f.uuid("zone").optional(),
      clusterid: f.uuid("cluster").optional(),
      diskofferingid: f.uuid("diskoffering").optional(),
      keyword: f.text().optional(),
      listall: f.bool().optional(),
      page: f.long().optional(),
      pagesize: f.long().optional(),
    }),
  (p, ctx) => {
    const clusterOf = (poolId: string | null) => (poolId ? ctx.model.pool(poolId).clusterId : null);
    const volumes = [...ctx.model.volumes.values()].filter(
      (v) =>
        (p.id === undefined || v.id === p.id) &&
        (p.ids === undefined || p.ids.includes(v.id)) &&
        (p.name === undefined || v.name === p.name) &&
        (p.keyword === undefined || contains(v.name, p.keyword)) &&
        (p.type === undefined || same(v.type, p.type)) &&
        (p.state === undefined || same(v.state, p.state)) &&
        (p.virtualmachineid === undefined || v.vmId === p.virtualmachineid) &&
        (p.storageid === undefined || v.poolId === p.storageid) &&
        (p.zoneid === undefined || v.zoneId === p.zoneid) &&
        (p.clusterid === undefined || clusterOf(v.poolId) === p.clusterid) &&
        (p.diskofferingid === undefined || v.diskOfferingId === p.diskofferingid),
    );
    return {
      body: listBody(
        "volume",
        volumes.map((v) => volumeView(ctx, v)),
        p,
      ),
    };
  },
);

export const listStoragePools = defineCommand(
  "listStoragePools",
  (f) =>
    z.object({
      id: f.uuid("pool").optional(),
      name: f.text().optional(),
      zoneid: f.uuid("zone").optional(),
      clusterid: f.uuid("cluster").optional(),
      scope: f.text().optional(),
      status: f.text().optional(),
      keyword: f.text().optional(),
      page: f.long().optional(),
      pagesize: f.long().optional(),
    }),
  (p, ctx) => {
    const pools = [...ctx.model.pools.values()].filter(
      (pool) =>
        (p.id === undefined || pool.id === p.id) &&
        (p.name === undefined || pool.name === p.name) &&
        (p.keyword === undefined || contains(pool.name, p.keyword)) &&
        (p.zoneid === undefined || pool.zoneId === p.zoneid) &&
        (p.clusterid === undefined || pool.clusterId === p.clusterid) &&
        (p.scope === undefined || same(pool.scope, p.scope)) &&
        (p.status === undefined || same(pool.state, p.status)),
    );
    return {
      body: listBody(
        "storagepool",
        pools.map((pool) => poolView(ctx, pool)),
        p,
      ),
    };
  },
);

/** Candidate pools for moving a volume, each flagged with suitableformigration (plan-time validation). [I] */
export const findStoragePoolsForMigration = defineCommand(
  "findStoragePoolsForMigration",
  (f) => z.object({ id: f.uuid("volume"), page: f.long().optional(), pagesize: f.long().optional() }),
  (p, ctx) => {
    const volume = ctx.model.volume(p.id);
    const vm = volume.vmId ? ctx.model.vm(volume.vmId) : undefined;
    const offline = vm?.state !== "Running";
    const pools = [...ctx.model.pools.values()]
      .filter((pool) => pool.id !== volume.poolId && pool.zoneId === volume.zoneId)
      .map((pool) => ({
        ...poolView(ctx, pool),
        suitableformigration:
          unsuitability(ctx.model, volume, pool, ctx.settings, { checkTags: true, offline }) === undefined,
      }));
    return { body: listBody("storagepool", pools, p) };
  },
);

export const listDiskOfferings = defineCommand(
  "listDiskOfferings",
  (f) =>
    z.object({
      id: f.uuid("diskoffering").optional(),
      name: f.text().optional(),
      keyword: f.text().optional(),
      listall: f.bool().optional(),
      page: f.long().optional(),
      pagesize: f.long().optional(),
    }),
  (p, ctx) => {
    const offerings = [...ctx.model.diskOfferings.values()].filter(
      (d) =>
        (p.id === undefined || d.id === p.id) &&
        (p.name === undefined || d.name === p.name) &&
        (p.keyword === undefined || contains(d.name, p.keyword)),
    );
    const items: Json[] = offerings.map((d) => ({
      id: d.id,
      name: d.name,
      displaytext: d.name,
      ...(d.tags.length > 0 ? { tags: d.tags.join(",") } : {}),
      storagetype: "shared",
      iscustomized: false,
      encrypt: d.encrypt,
    }));
    return { body: listBody("diskoffering", items, p) };
  },
);

export const listVMSnapshot = defineCommand(
  "listVMSnapshot",
  (f) =>
    z.object({
      virtualmachineid: f.uuid("vm").optional(),
      vmsnapshotid: f.text().optional(),
      name: f.text().optional(),
      listall: f.bool().optional(),
      page: f.long().optional(),
      pagesize: f.long().optional(),
    }),
  (p, ctx) => {
    const snapshots = [...ctx.model.vmSnapshots.values()].filter(
      (s) =>
        (p.virtualmachineid === undefined || s.vmId === p.virtualmachineid) &&
        (p.vmsnapshotid === undefined || s.id === p.vmsnapshotid.toLowerCase()) &&
        (p.name === undefined || s.name === p.name),
    );
    return {
      body: listBody(
        "vmSnapshot",
        snapshots.map((s) => vmSnapshotView(ctx, s)),
        p,
      ),
    };
  },
  "listvmsnapshotresponse",
);

export const listZones = defineCommand(
  "listZones",
  (f) =>
    z.object({
      id: f.uuid("zone").optional(),
      name: f.text().optional(),
      available: f.bool().optional(),
      page: f.long().optional(),
      pagesize: f.long().optional(),
    }),
  (p, ctx) => {
    const zones = [...ctx.model.zones.values()].filter(
      (zone) => (p.id === undefined || zone.id === p.id) && (p.name === undefined || zone.name === p.name),
    );
    const items: Json[] = zones.map((zone) => ({
      id: zone.id,
      name: zone.name,
      allocationstate: "Enabled",
      networktype: "Advanced",
      localstorageenabled: false,
      securitygroupsenabled: false,
    }));
    return { body: listBody("zone", items, p) };
  },
);

export const listClusters = defineCommand(
  "listClusters",
  (f) =>
    z.object({
      id: f.uuid("cluster").optional(),
      name: f.text().optional(),
      zoneid: f.uuid("zone").optional(),
      hypervisor: f.text().optional(),
      page: f.long().optional(),
      pagesize: f.long().optional(),
    }),
  (p, ctx) => {
    const clusters = [...ctx.model.clusters.values()].filter(
      (c) =>
        (p.id === undefined || c.id === p.id) &&
        (p.name === undefined || c.name === p.name) &&
        (p.zoneid === undefined || c.zoneId === p.zoneid) &&
        (p.hypervisor === undefined || same(c.hypervisor, p.hypervisor)),
    );
    const items: Json[] = clusters.map((c) => ({
      id: c.id,
      name: c.name,
      zoneid: c.zoneId,
      zonename: ctx.model.zone(c.zoneId).name,
      hypervisortype: c.hypervisor,
      clustertype: "CloudManaged",
      allocationstate: "Enabled",
      managedstate: "Managed",
    }));
    return { body: listBody("cluster", items, p) };
  },
);

export const listHosts = defineCommand(
  "listHosts",
  (f) =>
    z.object({
      id: f.uuid("host").optional(),
      name: f.text().optional(),
      zoneid: f.uuid("zone").optional(),
      clusterid: f.uuid("cluster").optional(),
      state: f.text().optional(),
      type: f.text().optional(),
      page: f.long().optional(),
      pagesize: f.long().optional(),
    }),
  (p, ctx) => {
    const hosts = [...ctx.model.hosts.values()].filter(
      (h) =>
        (p.id === undefined || h.id === p.id) &&
        (p.name === undefined || h.name === p.name) &&
        (p.zoneid === undefined || ctx.model.cluster(h.clusterId).zoneId === p.zoneid) &&
        (p.clusterid === undefined || h.clusterId === p.clusterid) &&
        (p.state === undefined || same(h.state, p.state)) &&
        (p.type === undefined || same("Routing", p.type)),
    );
    const items: Json[] = hosts.map((h, index) => {
      const cluster = ctx.model.cluster(h.clusterId);
      return {
        id: h.id,
        name: h.name,
        state: h.state,
        type: "Routing",
        hypervisor: cluster.hypervisor,
        clusterid: cluster.id,
        clustername: cluster.name,
        zoneid: cluster.zoneId,
        zonename: ctx.model.zone(cluster.zoneId).name,
        resourcestate: "Enabled",
        ipaddress: `192.0.2.${index + 10}`,
      };
    });
    return { body: listBody("host", items, p) };
  },
);

export const queryAsyncJobResult = defineCommand(
  "queryAsyncJobResult",
  (f) => z.object({ jobid: f.uuid("job") }),
  (p, ctx) => {
    const job = ctx.jobs.get(p.jobid);
    if (!job) throw paramError(`Unable to find async job ${p.jobid}`); // unreachable: the uuid field checked it
    return { body: jobView(job) };
  },
);

export const listAsyncJobs = defineCommand(
  "listAsyncJobs",
  (f) => z.object({ listall: f.bool().optional(), page: f.long().optional(), pagesize: f.long().optional() }),
  (p, ctx) => ({ body: listBody("asyncjobs", ctx.jobs.list().map(jobView), p) }),
);

export const listCommands: CommandDefinition[] = [
  listVirtualMachines,
  listVolumes,
  listStoragePools,
  findStoragePoolsForMigration,
  listDiskOfferings,
  listVMSnapshot,
  listZones,
  listClusters,
  listHosts,
  queryAsyncJobResult,
  listAsyncJobs,
];
