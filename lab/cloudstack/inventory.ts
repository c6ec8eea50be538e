// The inventory: a JSON document a user writes to describe the CloudStack estate the lab simulates.
// Every entity may be referred to by its id or by its (unique) name, so hand-written files stay readable.
// parseInventory() validates the shape with zod, then checks the cross references, and returns a
// normalized Inventory whose references are all ids.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as z from "zod";
import { SERVICE_OFFERING_ID, TEMPLATE_ID } from "./default-ids.ts";

/** CloudStack's HypervisorType names (com.cloud.hypervisor.Hypervisor.HypervisorType). */
export const HYPERVISORS = [
  "KVM",
  "VMware",
  "XenServer",
  "Simulator",
  "Hyperv",
  "LXC",
  "Ovm3",
  "BareMetal",
  "Custom",
  "None",
  "Any",
] as const;
export type Hypervisor = (typeof HYPERVISORS)[number];

/** com.cloud.vm.VirtualMachine.State */
export const VM_STATES = [
  "Starting",
  "Running",
  "Stopping",
  "Stopped",
  "Destroyed",
  "Expunging",
  "Migrating",
  "Error",
  "Unknown",
  "Shutdown",
] as const;
export type VmState = (typeof VM_STATES)[number];

/** com.cloud.storage.Volume.Type */
export const VOLUME_TYPES = ["ROOT", "DATADISK", "SWAP", "ISO", "UNKNOWN"] as const;
export type VolumeType = (typeof VOLUME_TYPES)[number];

/** com.cloud.storage.Volume.State */
export const VOLUME_STATES = [
  "Allocated",
  "Creating",
  "Ready",
  "Migrating",
  "Snapshotting",
  "RevertSnapshotting",
  "Resizing",
  "Expunging",
  "Expunged",
  "Destroy",
  "Destroying",
  "UploadOp",
  "Copying",
  "Uploaded",
  "NotUploaded",
  "UploadInProgress",
  "UploadError",
  "UploadAbandoned",
  "Attaching",
] as const;
export type VolumeState = (typeof VOLUME_STATES)[number];

/** com.cloud.storage.StoragePoolStatus */
export const POOL_STATES = [
  "Initial",
  "Initialized",
  "Creating",
  "Attaching",
  "Up",
  "PrepareForMaintenance",
  "ErrorInMaintenance",
  "CancelMaintenance",
  "Maintenance",
  "Disabled",
  "Removed",
] as const;
export type PoolState = (typeof POOL_STATES)[number];

/** com.cloud.host.Status */
export const HOST_STATES = [
  "Creating",
  "Connecting",
  "Up",
  "Down",
  "Disconnected",
  "Alert",
  "Removed",
  "Error",
  "Rebalancing",
  "Unknown",
] as const;
export type HostState = (typeof HOST_STATES)[number];

export const POOL_SCOPES = ["CLUSTER", "ZONE", "HOST"] as const;
export type PoolScope = (typeof POOL_SCOPES)[number];

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const GiB = 1024 ** 3;

const idSchema = z
  .string()
  .regex(UUID_PATTERN, "must be a lowercase UUID such as 3f2b6c1e-8d4a-4b7e-9c2d-1a2b3c4d5e6f")
  .optional()
  .describe("UUID the API reports for this entity. Optional: derived from the name when omitted.");
const nameSchema = z.string().min(1).describe("Unique name (among entities of the same kind).");
const refSchema = (what: string) => z.string().min(1).describe(`Name or id of the ${what}.`);
const optionalZoneRef = refSchema("zone")
  .optional()
  .describe("Name or id of the zone. May be omitted when the inventory has exactly one zone.");
const tagsSchema = z
  .array(
    z
      .string()
      .min(1)
      .regex(/^[^,]+$/, "a tag cannot contain a comma"),
  )
  .default([]);

const zoneSchema = z.object({ id: idSchema, name: nameSchema }).strict().describe("A CloudStack zone.");

const clusterSchema = z
  .object({
    id: idSchema,
    name: nameSchema,
    zone: optionalZoneRef,
    hypervisor: z.enum(HYPERVISORS).describe("Hypervisor of every host in the cluster."),
  })
  .strict()
  .describe("A cluster of hosts sharing one hypervisor type.");

const hostSchema = z
  .object({
    id: idSchema,
    name: nameSchema,
    cluster: refSchema("cluster"),
    state: z.enum(HOST_STATES).default("Up").describe("Host status; only Up hosts receive started VMs."),
  })
  .strict()
  .describe("A hypervisor host.");

const storagePoolSchema = z
  .object({
    id: idSchema,
    name: nameSchema,
    zone: optionalZoneRef,
    cluster: refSchema("cluster")
      .nullable()
      .default(null)
      .describe("Cluster of a CLUSTER- or HOST-scoped pool; null for a zone-wide pool."),
    scope: z.enum(POOL_SCOPES).optional().describe("Defaults to CLUSTER when a cluster is given, else ZONE."),
    type: z
      .string()
      .min(1)
      .default("NetworkFilesystem")
      .describe("Pool type as CloudStack names it: NetworkFilesystem, VMFS, PreSetup, Iscsi, …"),
    state: z.enum(POOL_STATES).default("Up"),
    hypervisor: z
      .enum(HYPERVISORS)
      .optional()
      .describe("Defaults to the cluster's hypervisor; zone-wide pools default to Any."),
    tags: tagsSchema.describe("Storage tags; a volume fits only if every tag of its disk offering is here."),
    managed: z.boolean().default(false).describe("Managed storage (e.g. SolidFire): no ROOT detach/attach."),
    capacitybytes: z
      .number()
      .int()
      .positive()
      .default(2048 * GiB)
      .describe("Capacity in bytes; migrations that do not fit fail."),
  })
  .strict()
  .describe("A primary storage pool (a datastore on VMware).");

const diskOfferingSchema = z
  .object({
    id: idSchema,
    name: nameSchema,
    tags: tagsSchema.describe("Storage tags the pool of a volume with this offering must carry."),
    encrypt: z.boolean().default(false).describe("Volumes of this offering are encrypted (KVM only)."),
  })
  .strict()
  .describe("A disk offering.");

const vmSchema = z
  .object({
    id: idSchema,
    name: nameSchema,
    zone: optionalZoneRef,
    hypervisor: z.enum(HYPERVISORS),
    state: z.enum(VM_STATES).default("Stopped"),
    host: refSchema("host")
      .nullable()
      .default(null)
      .describe("Host the VM runs on (required when Running); for a stopped VM, its last host."),
    serviceofferingid: z.string().regex(UUID_PATTERN).default(SERVICE_OFFERING_ID),
    templateid: z.string().regex(UUID_PATTERN).default(TEMPLATE_ID),
    vmSnapshots: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe("Number of VM snapshots; they block detach, attach and migration."),
    backups: z.boolean().default(false).describe("The VM is in a backup offering and has backups."),
  })
  .strict()
  .describe("A user VM.");

const volumeSchema = z
  .object({
    id: idSchema,
    name: nameSchema,
    type: z.enum(VOLUME_TYPES).default("DATADISK"),
    state: z.enum(VOLUME_STATES).default("Ready"),
    zone: optionalZoneRef,
    pool: refSchema("storage pool")
      .nullable()
      .default(null)
      .describe("Storage pool holding the volume; null only while Allocated."),
    diskoffering: refSchema("disk offering").nullable().default(null),
    hypervisor: z
      .enum(HYPERVISORS)
      .optional()
      .describe("Defaults to the VM's hypervisor, else the pool's, else None."),
    size: z
      .number()
      .int()
      .positive()
      .default(20 * GiB)
      .describe("Size in bytes."),
    vm: refSchema("VM").nullable().default(null).describe("VM the volume is attached to; null = detached."),
    deviceid: z
      .number()
      .int()
      .min(0)
      .nullable()
      .default(null)
      .describe("Device slot on the VM: 0 = ROOT, data disks from 1 (3 is the CD-ROM)."),
    encrypted: z.boolean().default(false),
  })
  .strict()
  .describe("A volume (disk).");

const settingsSchema = z
  .object({
    jobDurationMs: z
      .number()
      .int()
      .min(0)
      .max(600_000)
      .default(1500)
      .describe("How long each async job stays pending (jobstatus 0)."),
    rejectCrossClusterOffline: z
      .boolean()
      .default(true)
      .describe("Reject offline migration to a cluster-scoped pool of another cluster (seed 002)."),
    apiKey: z.string().min(1).optional().describe("API key; random at every start when omitted."),
    secretKey: z.string().min(1).optional().describe("Secret key; random at every start when omitted."),
    enforcePostAndTimestamps: z
      .boolean()
      .default(false)
      .describe("Like enforce.post.requests.and.timestamps: POST, signatureversion=3, expires ≤ 15 min."),
  })
  .strict();

const inventoryObjectSchema = z
  .object({
    settings: settingsSchema.prefault({}),
    zones: z.array(zoneSchema).min(1),
    clusters: z.array(clusterSchema).default([]),
    hosts: z.array(hostSchema).default([]),
    storagePools: z.array(storagePoolSchema).default([]),
    diskOfferings: z.array(diskOfferingSchema).default([]),
    vms: z.array(vmSchema).default([]),
    volumes: z.array(volumeSchema).default([]),
  })
  .strict();

/** The inventory document: shape (inventoryObjectSchema) plus cross references (checkReferences). */
export const inventorySchema = inventoryObjectSchema
  .superRefine(checkReferences)
  .describe("The estate the CloudStack lab simulates.");

/** What a user may write (optional fields may be left out). */
export type InventoryInput = z.input<typeof inventorySchema>;
/** A validated document with every default filled in; still refers to entities by name or id. */
export type InventoryDocument = z.output<typeof inventoryObjectSchema>;
export type InventorySettings = InventoryDocument["settings"];

// The normalized inventory: ids filled in, every reference resolved to an id.
export interface Inventory {
  settings: InventorySettings;
  zones: { id: string; name: string }[];
  clusters: { id: string; name: string; zoneId: string; hypervisor: Hypervisor }[];
  hosts: { id: string; name: string; clusterId: string; state: HostState }[];
  storagePools: {
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
  }[];
  diskOfferings: { id: string; name: string; tags: string[]; encrypt: boolean }[];
  vms: {
    id: string;
    name: string;
    zoneId: string;
    hypervisor: Hypervisor;
    state: VmState;
    hostId: string | null;
    serviceOfferingId: string;
    templateId: string;
    vmSnapshots: number;
    backups: boolean;
  }[];
  volumes: {
    id: string;
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
  }[];
}

/** Thrown by parseInventory; `message` lists every problem with its path inside the document. */
export class InventoryError extends Error {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super(z.prettifyError(new z.ZodError(issues)));
    this.name = "InventoryError";
  }
}

/** Validates an inventory document (already JSON-parsed) and normalizes it. */
export function parseInventory(json: unknown): Inventory {
  const result = inventorySchema.safeParse(json);
  if (!result.success) throw new InventoryError(result.error.issues);
  return normalize(result.data);
}

const DEFAULT_INVENTORY_URL = new URL("./default-inventory.json", import.meta.url);

/**
 * The demo estate of default-inventory.json (ids in default-ids.ts) as a document: a fresh copy every call,
 * so a test can edit it and hand it to startLab({inventory}).
 */
export function defaultInventory(): InventoryDocument {
  return inventorySchema.parse(JSON.parse(readFileSync(DEFAULT_INVENTORY_URL, "utf8")));
}

/** A stable UUID (v5 layout) for an entity whose id the inventory leaves out. */
export function derivedId(kind: string, name: string): string {
  const hex = createHash("sha1").update(`ferry-lab:${kind}:${name}`).digest("hex");
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface Named {
  id?: string | undefined;
  name: string;
}

function idOf(kind: string, entity: Named): string {
  return entity.id ?? derivedId(kind, entity.name);
}

/** Finds an entity by id first, then by name. */
function lookup<T extends Named>(kind: string, list: T[], ref: string): T | undefined {
  return list.find((e) => idOf(kind, e) === ref) ?? list.find((e) => e.name === ref);
}

type Ctx = z.core.$RefinementCtx<InventoryDocument>;

const KIND_WORDS: Record<string, string> = {
  clusters: "cluster",
  hosts: "host",
  storagePools: "storage pool",
  diskOfferings: "disk offering",
  vms: "VM",
};

function checkReferences(inv: InventoryDocument, ctx: Ctx): void {
  const fail = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: "custom", path, message });
  const known = (list: Named[]) => list.map((e) => e.name).join(", ") || "none";

  const seenIds = new Map<string, string>();
  const kinds: [string, Named[]][] = [
    ["zones", inv.zones],
    ["clusters", inv.clusters],
    ["hosts", inv.hosts],
    ["storagePools", inv.storagePools],
    ["diskOfferings", inv.diskOfferings],
    ["vms", inv.vms],
    ["volumes", inv.volumes],
  ];
  for (const [kind, list] of kinds) {
    const names = new Set<string>();
    list.forEach((e, i) => {
      if (names.has(e.name)) fail([kind, i, "name"], `duplicate name "${e.name}" in ${kind}`);
      names.add(e.name);
      const id = idOf(kind, e);
      const other = seenIds.get(id);
      if (other) fail([kind, i, "id"], `id ${id} is already used by ${other}`);
      seenIds.set(id, `${kind} "${e.name}"`);
    });
  }

  const zoneOf = (path: (string | number)[], ref: string | undefined): Named | undefined => {
    if (ref === undefined) {
      if (inv.zones.length === 1) return inv.zones[0];
      fail(path, `zone is required when the inventory has ${inv.zones.length} zones`);
      return undefined;
    }
    const zone = lookup("zones", inv.zones, ref);
    if (!zone) fail(path, `unknown zone "${ref}" (known: ${known(inv.zones)})`);
    return zone;
  };
  // Resolves a zone reference without reporting: used to compare zones already checked elsewhere.
  const quietZone = (ref: string | undefined): Named | undefined =>
    ref === undefined ? (inv.zones.length === 1 ? inv.zones[0] : undefined) : lookup("zones", inv.zones, ref);
  const refTo = <T extends Named>(kind: string, list: T[], path: (string | number)[], ref: string) => {
    const found = lookup(kind, list, ref);
    if (!found) fail(path, `unknown ${KIND_WORDS[kind] ?? kind} "${ref}" (known: ${known(list)})`);
    return found;
  };

  const clusterZone = new Map<Named, Named | undefined>();
  inv.clusters.forEach((c, i) => {
    clusterZone.set(c, zoneOf(["clusters", i, "zone"], c.zone));
  });
  inv.hosts.forEach((h, i) => {
    refTo("clusters", inv.clusters, ["hosts", i, "cluster"], h.cluster);
  });

  inv.storagePools.forEach((p, i) => {
    const zone = zoneOf(["storagePools", i, "zone"], p.zone);
    const scope = p.scope ?? (p.cluster === null ? "ZONE" : "CLUSTER");
    if (p.cluster === null) {
      if (scope !== "ZONE") fail(["storagePools", i, "cluster"], `a ${scope}-scoped pool needs a cluster`);
      return;
    }
    if (scope === "ZONE") fail(["storagePools", i, "cluster"], "a ZONE-scoped pool must have cluster null");
    const cluster = refTo("clusters", inv.clusters, ["storagePools", i, "cluster"], p.cluster);
    if (cluster && zone && clusterZone.get(cluster) !== zone) {
      fail(["storagePools", i, "cluster"], `cluster "${cluster.name}" is not in zone "${zone.name}"`);
    }
  });

  inv.vms.forEach((vm, i) => {
    zoneOf(["vms", i, "zone"], vm.zone);
    if (vm.host === null) {
      if (vm.state === "Running") fail(["vms", i, "host"], "a Running VM needs a host");
      return;
    }
    const host = refTo("hosts", inv.hosts, ["vms", i, "host"], vm.host);
    const cluster = host && lookup("clusters", inv.clusters, host.cluster);
    if (cluster && cluster.hypervisor !== vm.hypervisor) {
      fail(["vms", i, "host"], `host "${host.name}" runs ${cluster.hypervisor}, the VM is ${vm.hypervisor}`);
    }
  });

  const slots = new Set<string>();
  inv.volumes.forEach((v, i) => {
    const at = (field: string) => ["volumes", i, field];
    const zone = zoneOf(at("zone"), v.zone);
    if (v.pool === null) {
      if (v.state !== "Allocated") fail(at("pool"), `a volume in state ${v.state} needs a pool`);
    } else {
      const pool = refTo("storagePools", inv.storagePools, at("pool"), v.pool);
      if (pool && zone && quietZone(pool.zone) !== zone) {
        fail(at("pool"), `pool "${pool.name}" is not in zone "${zone.name}"`);
      }
    }
    if (v.diskoffering !== null)
      refTo("diskOfferings", inv.diskOfferings, at("diskoffering"), v.diskoffering);
    if (v.vm === null) {
      if (v.deviceid !== null) fail(at("deviceid"), "a detached volume has no deviceid");
      if (v.type === "ROOT")
        fail(at("type"), "a detached volume is a DATADISK (CloudStack flips ROOT on detach)");
      return;
    }
    const vm = refTo("vms", inv.vms, at("vm"), v.vm);
    if (v.deviceid === null) {
      fail(at("deviceid"), "an attached volume needs a deviceid (0 for ROOT)");
      return;
    }
    if (v.type === "ROOT" && v.deviceid !== 0) fail(at("deviceid"), "a ROOT volume sits on deviceid 0");
    if (v.type !== "ROOT" && v.deviceid === 0) fail(at("deviceid"), "deviceid 0 is for the ROOT volume");
    if (v.deviceid === 3) fail(at("deviceid"), "deviceid 3 is reserved for the CD-ROM");
    if (vm) {
      const slot = `${idOf("vms", vm)}/${v.deviceid}`;
      if (slots.has(slot))
        fail(at("deviceid"), `VM "${vm.name}" already has a volume on deviceid ${v.deviceid}`);
      slots.add(slot);
      if (zone && quietZone(vm.zone) !== zone) fail(at("vm"), `VM "${vm.name}" is in another zone`);
    }
  });
}

/** Fills in ids and defaults and resolves references; only called on a document that passed checkReferences. */
function normalize(inv: InventoryDocument): Inventory {
  const must = <T extends Named>(kind: string, list: T[], ref: string): T => {
    const found = lookup(kind, list, ref);
    if (!found) throw new Error(`internal: unresolved ${kind} reference ${ref}`);
    return found;
  };
  const zoneId = (ref: string | undefined) =>
    idOf("zones", ref === undefined ? inv.zones[0]! : must("zones", inv.zones, ref));
  const clusterOf = (ref: string) => must("clusters", inv.clusters, ref);

  const pools = inv.storagePools.map((p) => {
    const cluster = p.cluster === null ? null : clusterOf(p.cluster);
    return {
      id: idOf("storagePools", p),
      name: p.name,
      zoneId: zoneId(p.zone),
      clusterId: cluster ? idOf("clusters", cluster) : null,
      scope: p.scope ?? (cluster ? "CLUSTER" : "ZONE"),
      type: p.type,
      state: p.state,
      hypervisor: p.hypervisor ?? cluster?.hypervisor ?? "Any",
      tags: [...p.tags],
      managed: p.managed,
      capacityBytes: p.capacitybytes,
    } satisfies Inventory["storagePools"][number];
  });

  return {
    settings: { ...inv.settings },
    zones: inv.zones.map((z) => ({ id: idOf("zones", z), name: z.name })),
    clusters: inv.clusters.map((c) => ({
      id: idOf("clusters", c),
      name: c.name,
      zoneId: zoneId(c.zone),
      hypervisor: c.hypervisor,
    })),
    hosts: inv.hosts.map((h) => ({
      id: idOf("hosts", h),
      name: h.name,
      clusterId: idOf("clusters", clusterOf(h.cluster)),
      state: h.state,
    })),
    storagePools: pools,
    diskOfferings: inv.diskOfferings.map((d) => ({
      id: idOf("diskOfferings", d),
      name: d.name,
      tags: [...d.tags],
      encrypt: d.encrypt,
    })),
    vms: inv.vms.map((vm) => ({
      id: idOf("vms", vm),
      name: vm.name,
      zoneId: zoneId(vm.zone),
      hypervisor: vm.hypervisor,
      state: vm.state,
      hostId: vm.host === null ? null : idOf("hosts", must("hosts", inv.hosts, vm.host)),
      serviceOfferingId: vm.serviceofferingid,
      templateId: vm.templateid,
      vmSnapshots: vm.vmSnapshots,
      backups: vm.backups,
    })),
    volumes: inv.volumes.map((v) => {
      const vm = v.vm === null ? null : must("vms", inv.vms, v.vm);
      const poolId =
        v.pool === null ? null : idOf("storagePools", must("storagePools", inv.storagePools, v.pool));
      const pool = pools.find((p) => p.id === poolId);
      const poolHypervisor = pool && pool.hypervisor !== "Any" ? pool.hypervisor : undefined;
      return {
        id: idOf("volumes", v),
        name: v.name,
        type: v.type,
        state: v.state,
        zoneId: zoneId(v.zone),
        poolId: pool?.id ?? null,
        diskOfferingId:
          v.diskoffering === null
            ? null
            : idOf("diskOfferings", must("diskOfferings", inv.diskOfferings, v.diskoffering)),
        hypervisor: v.hypervisor ?? vm?.hypervisor ?? poolHypervisor ?? "None",
        size: v.size,
        vmId: vm ? idOf("vms", vm) : null,
        deviceId: v.deviceid,
        encrypted: v.encrypted,
      };
    }),
  };
}
