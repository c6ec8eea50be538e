/**
 * Danube Cloud wire schemas (erigones/esdc-ce 4.x API), as its views answer:
 *  - every answer of a VM, node or replica view is a task envelope `{task_id, status, result}`; reads
 *    carry a dummy task id and SUCCESS, asynchronous writes a real one and PENDING (HTTP 201);
 *  - exceptions are `{"detail": "…"}`; validation errors are a FAILURE envelope whose result maps each
 *    field to its messages;
 *  - `/task/<id>/status/` answers the same envelope with the HTTP code following the task state.
 */
import * as z from "zod";

/** A task id as Danube writes them (`1e1d1-6f75849b-fc64-4e1c`); treated as opaque otherwise. */
export const taskIdSchema = z.string().regex(/^[A-Za-z0-9-]+$/);

export const envelopeSchema = z
  .object({
    task_id: z.string(),
    status: z.string(),
    result: z.unknown().optional(),
  })
  .loose();
export type Envelope = z.output<typeof envelopeSchema>;

export const detailSchema = z.object({ detail: z.unknown() }).loose();

export const loginSchema = z
  .object({
    token: z.string().min(1),
    expires: z.string().optional(),
    detail: z.string().optional(),
  })
  .loose();

/** GET /vm/<hostname_or_uuid>/ (VmSerializer). `node` is the node's hostname for admins. */
export const vmSchema = z
  .object({
    hostname: z.string(),
    uuid: z.string(),
    alias: z.string().nullable().optional(),
    node: z.string().nullable().optional(),
    owner: z.string().nullable().optional(),
    status: z.string(),
    node_status: z.string().nullable().optional(),
    vcpus: z.number().nullable().optional(),
    ram: z.number().nullable().optional(),
    locked: z.boolean().optional(),
    changed: z.boolean().optional(),
  })
  .loose();
export type DanubeVm = z.output<typeof vmSchema>;

/** One pending task as Danube keeps it for a VM: its apiview (`view`, `method`, `repname` …). */
export const apiviewSchema = z
  .object({
    view: z.string().optional(),
    method: z.string().optional(),
    repname: z.string().optional(),
    hostname: z.string().optional(),
  })
  .loose();

/** GET /vm/<hostname_or_uuid>/status/ (VmStatusSerializer): `tasks` maps task id → apiview. */
export const vmStatusSchema = z
  .object({
    hostname: z.string(),
    uuid: z.string(),
    status: z.string(),
    node_status: z.string().nullable().optional(),
    tasks: z.record(z.string(), apiviewSchema).nullable().optional(),
  })
  .loose();
export type DanubeVmStatus = z.output<typeof vmStatusSchema>;

/** GET /node/?full=true (NodeSerializer). */
export const nodeSchema = z
  .object({
    hostname: z.string(),
    node_status: z.string(),
    status: z.number().optional(),
    cpu_free: z.number().nullable().optional(),
    ram_free: z.number().nullable().optional(),
  })
  .loose();
export type DanubeNode = z.output<typeof nodeSchema>;

/** GET /node/<hostname>/storage/?full=true: one node storage per zpool. */
export const nodeStorageSchema = z
  .object({
    zpool: z.string(),
    size_free: z.number().nullable().optional(),
  })
  .loose();
export type DanubeNodeStorage = z.output<typeof nodeStorageSchema>;

/** GET /vm/<hostname_or_uuid>/define/ — only what a replica needs: the OS type and the root zpool. */
export const vmDefineSchema = z
  .object({
    hostname: z.string(),
    ostype: z.number(),
    zpool: z.string().optional(),
  })
  .loose();
export type DanubeVmDefine = z.output<typeof vmDefineSchema>;

/** GET /vm/<hostname_or_uuid>/define/disk/: the VM's disks in order (disk_id = index + 1). */
export const vmDiskSchema = z
  .object({
    size: z.number().optional(),
    zpool: z.string().optional(),
  })
  .loose();
export type DanubeVmDisk = z.output<typeof vmDiskSchema>;

/** HVM OS types (Linux, SunOS, BSD, Windows VMs); zones are not HVM and have no disk_zpools. */
export const HVM_OSTYPES: readonly number[] = [1, 2, 3, 4];

/** GET /vm/<h>/replica/<repname>/ (VmReplicaSerializer), fields in Danube's order. */
export const replicaSchema = z
  .object({
    hostname: z.string(),
    repname: z.string(),
    node: z.string(),
    root_zpool: z.string().nullable().optional(),
    disk_zpools: z.record(z.string(), z.string()).nullable().optional(),
    reserve_resources: z.boolean(),
    sleep_time: z.number(),
    enabled: z.boolean(),
    bwlimit: z.number().nullable().optional(),
    last_sync: z.string().nullable().optional(),
    reinit_required: z.boolean(),
    node_status: z.string(),
    created: z.string().nullable().optional(),
  })
  .loose();
export type DanubeReplica = z.output<typeof replicaSchema>;

/** The task result of a failed replica task (`/task/<id>/status/`, HTTP 400). */
export const taskFailureSchema = z
  .object({
    returncode: z.number().optional(),
    message: z.string().optional(),
    detail: z.string().optional(),
  })
  .loose();

/** Master VM statuses while a replica create or a failover holds it (Danube's `set_notready`). */
export const NOTREADY_STATUSES: readonly string[] = [
  "stopped-",
  "running-",
  "frozen-",
  "notcreated-",
  "notready",
];

/** The views of replica tasks, as a VM's pending tasks name them. */
export const REPLICA_VIEWS: readonly string[] = ["vm_replica", "vm_replica_failover", "vm_replica_reinit"];
