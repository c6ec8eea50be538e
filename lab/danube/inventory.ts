// The Danube Cloud lab's estate document: virtual datacenters, users, compute nodes with their zpools,
// VMs with their disks, and replicas (a replica marked reinitRequired is a former master left by a
// failover: its VM runs on another node now). Entities refer to each other by name. The default
// estate is default-inventory.json; `ferry lab --danube-inventory FILE` replaces it.
import { readFileSync } from "node:fs";
import * as z from "zod";

const name = z.string().regex(/^[A-Za-z0-9._-]+$/, { message: "letters, digits, '.', '_' and '-' only" });
const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: "a lower-case UUID" });

export const NODE_STATUSES = ["online", "maintenance", "unreachable", "unlicensed"] as const;
export const VM_STATUSES = [
  "stopped",
  "running",
  "stopping",
  "notready",
  "frozen",
  "notcreated",
  "deploying",
  "stopped-",
  "running-",
  "frozen-",
  "notcreated-",
  "error",
] as const;

export const danubeInventorySchema = z
  .object({
    settings: z
      .object({
        taskMs: z.number().int().min(0).default(1500).describe("How long a replica task runs, ms."),
        replicaLimit: z.number().int().min(1).default(1).describe("VMS_VM_REPLICA_LIMIT (Danube ships 1)."),
        replicationEnabled: z.boolean().default(true).describe("VMS_VM_REPLICATION_ENABLED."),
        tokenTtlSeconds: z.number().int().min(1).default(3600).describe("AUTHTOKEN_DURATION."),
        streamNapMs: z
          .number()
          .int()
          .min(10)
          .default(1000)
          .describe("Pause between two keep-alive bytes of an ES-STREAM answer (Danube: 1 s at first)."),
      })
      .strict()
      .default({
        taskMs: 1500,
        replicaLimit: 1,
        replicationEnabled: true,
        tokenTtlSeconds: 3600,
        streamNapMs: 1000,
      }),
    dcs: z.array(name).min(1).describe("Virtual datacenter names; the first is every user's current one."),
    users: z
      .array(
        z
          .object({
            username: name,
            password: z.string().min(1),
            apiKey: z
              .string()
              .min(1)
              .optional()
              .describe("Sent as ES-API-KEY; random per start when absent."),
            admin: z.boolean().default(false).describe("DC owner / staff: may write replicas."),
            apiAccess: z.boolean().default(true),
          })
          .strict(),
      )
      .min(1),
    nodes: z
      .array(
        z
          .object({
            hostname: name,
            address: z.string().min(1),
            status: z.enum(NODE_STATUSES).default("online"),
            cpu: z.number().int().min(1),
            ram: z.number().int().min(1).describe("MB"),
            zpools: z.record(name, z.object({ size: z.number().int().min(0).describe("MB") }).strict()),
            dcs: z.array(name).optional().describe("Datacenters the node serves; all when absent."),
          })
          .strict(),
      )
      .min(1),
    vms: z.array(
      z
        .object({
          hostname: name,
          uuid: uuid.optional(),
          dc: name.optional().describe("The first datacenter when absent."),
          node: name,
          status: z.enum(VM_STATUSES).default("running"),
          ostype: z
            .number()
            .int()
            .min(1)
            .max(7)
            .default(1)
            .describe("1 Linux, 2 SunOS, 3 BSD, 4 Windows VM; 5 SunOS, 6 Linux zone"),
          vcpus: z.number().int().min(1),
          ram: z.number().int().min(1).describe("MB"),
          zpool: name.default("zones"),
          disks: z.array(z.object({ size: z.number().int().min(1), zpool: name }).strict()).default([]),
          changed: z.boolean().default(false).describe("The definition differs from what is deployed."),
        })
        .strict(),
    ),
    replicas: z
      .array(
        z
          .object({
            vm: name.describe("The master's hostname."),
            repname: name,
            node: name,
            uuid: uuid.optional(),
            reinitRequired: z.boolean().default(false),
            enabled: z.boolean().default(true),
            sleepTime: z.number().int().min(0).max(86400).default(60),
            bwlimit: z.number().int().min(0).nullable().default(null),
            reserveResources: z.boolean().default(true),
            lastSync: z.string().nullable().default(null),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()
  .superRefine((inv, ctx) => {
    const nodes = new Set(inv.nodes.map((n) => n.hostname));
    const vms = new Set(inv.vms.map((v) => v.hostname));
    inv.vms.forEach((v, i) => {
      if (!nodes.has(v.node))
        ctx.addIssue({ code: "custom", path: ["vms", i, "node"], message: `no node ${v.node}` });
      if (v.dc && !inv.dcs.includes(v.dc))
        ctx.addIssue({ code: "custom", path: ["vms", i, "dc"], message: `no datacenter ${v.dc}` });
    });
    inv.replicas.forEach((r, i) => {
      if (!vms.has(r.vm))
        ctx.addIssue({ code: "custom", path: ["replicas", i, "vm"], message: `no VM ${r.vm}` });
      if (!nodes.has(r.node))
        ctx.addIssue({ code: "custom", path: ["replicas", i, "node"], message: `no node ${r.node}` });
      if (inv.vms.find((v) => v.hostname === r.vm)?.node === r.node)
        ctx.addIssue({
          code: "custom",
          path: ["replicas", i, "node"],
          message: "a replica lives on another node than its VM",
        });
    });
  });

export type DanubeInventory = z.output<typeof danubeInventorySchema>;

export class DanubeInventoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DanubeInventoryError";
  }
}

export function parseDanubeInventory(doc: unknown): DanubeInventory {
  const r = danubeInventorySchema.safeParse(doc);
  if (r.success) return r.data;
  throw new DanubeInventoryError(
    r.error.issues.map((i) => `  ${i.path.join(".") || "(document)"}: ${i.message}`).join("\n"),
  );
}

export function defaultDanubeInventory(): DanubeInventory {
  return parseDanubeInventory(
    JSON.parse(readFileSync(new URL("./default-inventory.json", import.meta.url), "utf8")) as unknown,
  );
}
