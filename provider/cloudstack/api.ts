/**
 * CloudStack wire schemas (apis.md §1.2–1.5): only the fields ferry decides on are parsed; the rest
 * pass through untouched. Numbers that CloudStack sometimes sends as strings are coerced.
 */
import * as z from "zod";

const jobFields = {
  jobid: z.string().optional(),
  jobstatus: z.coerce.number().optional(),
};

export const volumeSchema = z.looseObject({
  id: z.string(),
  name: z.string().default(""),
  type: z.string(),
  state: z.string(),
  zoneid: z.string().optional(),
  virtualmachineid: z.string().optional(),
  vmname: z.string().optional(),
  vmstate: z.string().optional(),
  deviceid: z.coerce.number().optional(),
  storageid: z.string().optional(),
  storage: z.string().optional(),
  hypervisor: z.string().optional(),
  diskofferingid: z.string().optional(),
  clusterid: z.string().optional(),
  size: z.coerce.number().optional(),
  ...jobFields,
});
export type Volume = z.infer<typeof volumeSchema>;

export const virtualMachineSchema = z.looseObject({
  id: z.string(),
  name: z.string().default(""),
  displayname: z.string().optional(),
  state: z.string(),
  hypervisor: z.string().optional(),
  zoneid: z.string().optional(),
  hostid: z.string().optional(),
  /** Resource tags (ResourceTagResponse); ferry keeps the intent of an unfinished change here. */
  tags: z.array(z.looseObject({ key: z.string(), value: z.string() })).optional(),
  ...jobFields,
});
export type VirtualMachine = z.infer<typeof virtualMachineSchema>;

export const storagePoolSchema = z.looseObject({
  id: z.string(),
  name: z.string().default(""),
  state: z.string(),
  scope: z.string().optional(),
  hypervisor: z.string().optional(),
  clusterid: z.string().optional(),
  clustername: z.string().optional(),
  zoneid: z.string().optional(),
  tags: z.string().optional(),
  managed: z.boolean().optional(),
});
export type StoragePool = z.infer<typeof storagePoolSchema>;

export const diskOfferingSchema = z.looseObject({
  id: z.string(),
  name: z.string().default(""),
  tags: z.string().optional(),
});
export type DiskOffering = z.infer<typeof diskOfferingSchema>;

export const vmSnapshotSchema = z.looseObject({
  id: z.string(),
  virtualmachineid: z.string(),
  state: z.string().optional(),
});

/** `{"<cmd>response":{...}}`: one key whose value is an object. */
export const envelopeSchema = z.record(z.string(), z.unknown());

export const errorBodySchema = z.looseObject({
  errorcode: z.coerce.number(),
  cserrorcode: z.coerce.number().optional(),
  errortext: z.string().default(""),
});

export const asyncStartSchema = z.looseObject({ jobid: z.string(), id: z.string().optional() });

export const jobSchema = z.looseObject({
  jobid: z.string(),
  jobstatus: z.coerce.number(),
  jobprocstatus: z.coerce.number().optional(),
  jobresultcode: z.coerce.number().optional(),
  jobresulttype: z.string().optional(),
  jobresult: z.unknown().optional(),
  cmd: z.string().optional(),
  jobinstancetype: z.string().optional(),
  jobinstanceid: z.string().optional(),
});
export type Job = z.infer<typeof jobSchema>;

export const JOB_PENDING = 0;
export const JOB_SUCCEEDED = 1;
export const JOB_FAILED = 2;

/** Hypervisors on which a ROOT volume may be detached / attached at device 0 (apis.md §1.6). */
export const ROOT_SWAP_HYPERVISORS = ["XenServer", "VMware", "KVM", "Simulator"] as const;

export function tagList(tags: string | undefined): string[] {
  return (tags ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}
