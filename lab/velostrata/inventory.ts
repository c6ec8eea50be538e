// The Velostrata lab's estate: the manager's subscription id (the password of `apiuser`), its settings
// and the VMs it runs in the cloud, each in a migrationState (one may have a task running). The default
// estate is default-inventory.json; `ferry lab --velostrata-inventory FILE` replaces it.
import { readFileSync } from "node:fs";
import * as z from "zod";

export const LAB_MIGRATION_STATES = [
  "None",
  "CacheOnDemand",
  "Migrating",
  "Paused",
  "FullyCached",
  "PreparingToDetach",
  "ReadyToDetach",
  "Detaching",
  "Detached",
  "CleaningUp",
  "CancellingDetach",
] as const;

export const velostrataInventorySchema = z
  .object({
    settings: z
      .object({
        taskMs: z
          .number()
          .int()
          .min(0)
          .default(1500)
          .describe("How long one task (or one exporter pass) runs, ms."),
        cycles: z.number().int().min(1).default(3).describe("Exporter passes before ReadyToDetach."),
        apiVersion: z
          .string()
          .regex(/^v\d{2,3}$/)
          .default("v42")
          .describe("The base path's version segment."),
        fieldNames: z
          .enum(["4.x", "2.5"])
          .default("4.x")
          .describe("target/taskType (4.x) or cloudInfo/type (2.5)."),
        wrongStateStatus: z
          .number()
          .int()
          .min(400)
          .max(499)
          .default(409)
          .describe("HTTP status of an operation refused in the VM's state (not published; 409 here)."),
        detachRollback: z
          .boolean()
          .default(true)
          .describe("A failed detach leaves a rollback task that returns the VM to ReadyToDetach."),
      })
      .strict()
      .default({
        taskMs: 1500,
        cycles: 3,
        apiVersion: "v42",
        fieldNames: "4.x",
        wrongStateStatus: 409,
        detachRollback: true,
      }),
    subscriptionId: z.string().min(1),
    vms: z
      .array(
        z
          .object({
            id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/),
            name: z.string().min(1),
            cloud: z.enum(["aws", "azure", "gcp"]),
            instanceType: z.string().min(1),
            migrationState: z.enum(LAB_MIGRATION_STATES),
            state: z.enum(["Unmanaged", "MovingToCloud", "InCloud", "ReturningFromCloud"]).default("InCloud"),
            powerState: z.string().default("Running"),
            runningTask: z
              .enum(["MigrateToCloud", "PrepareToDetach", "DetachVm", "CleanupVm", "CancelDetach"])
              .optional()
              .describe("A task already running on the VM when the lab starts."),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type VelostrataInventory = z.output<typeof velostrataInventorySchema>;

export class VelostrataInventoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VelostrataInventoryError";
  }
}

export function parseVelostrataInventory(doc: unknown): VelostrataInventory {
  const r = velostrataInventorySchema.safeParse(doc);
  if (!r.success)
    throw new VelostrataInventoryError(
      r.error.issues.map((i) => `${i.path.join(".") || "(document)"}: ${i.message}`).join("\n"),
    );
  const ids = new Set<string>();
  for (const vm of r.data.vms) {
    if (ids.has(vm.id)) throw new VelostrataInventoryError(`vms: the id ${vm.id} is used twice`);
    ids.add(vm.id);
  }
  return r.data;
}

export function defaultVelostrataInventory(): VelostrataInventory {
  return parseVelostrataInventory(
    JSON.parse(readFileSync(new URL("./default-inventory.json", import.meta.url), "utf8")) as unknown,
  );
}
