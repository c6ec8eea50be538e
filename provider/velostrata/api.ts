/**
 * The Velostrata REST shapes ferry reads, for both generations of field names: 2.5 (`cloudInfo`,
 * `type`) and 3.5/4.x (`target`, `instanceType`, `taskType`). Unknown enum values pass as strings:
 * ferry treats a `migrationState` it does not know as transitional, never as done.
 */
import * as z from "zod";

/** The 11 MigrationState values of the 2.5 spec, in lifecycle order. */
export const MIGRATION_STATES = [
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

export const TERMINAL_TASK_STATES = ["Succeeded", "Failed", "Cancelled"] as const;
export const PENDING_TASK_STATES = ["Running", "Failing", "Cancelling"] as const;

const entityId = z.object({ value: z.string(), _type: z.string().optional() }).loose();

export const taskIdSchema = entityId;

const instanceTypeSchema = z.union([z.string(), z.object({ name: z.string().optional() }).loose()]);

const cloudVmInfo = z
  .object({
    _type: z.string().optional(),
    instanceType: instanceTypeSchema.optional(),
    type: instanceTypeSchema.optional(),
    powerState: z.string().optional(),
    cloudProvider: z.string().optional(),
  })
  .loose();

export const vmSchema = z
  .object({
    stateInfo: z
      .object({
        id: entityId.optional(),
        migrationState: z.string().optional(),
        state: z.string().optional(),
        activeTasks: z.array(entityId).nullish(),
      })
      .loose(),
    target: cloudVmInfo.nullish(),
    cloudInfo: cloudVmInfo.nullish(),
  })
  .loose();

export const taskSchema = z
  .object({
    id: entityId,
    state: z.string(),
    taskType: z.string().optional(),
    type: z.string().optional(),
    entity: entityId.nullish(),
    progress: z.number().nullish(),
    progressMessage: z.array(z.string()).nullish(),
    errorMessage: z.array(z.string()).nullish(),
    errorDetails: z.string().nullish(),
    additionalInfo: z.record(z.string(), z.unknown()).nullish(),
    startTime: z.string().nullish(),
    endTime: z.string().nullish(),
  })
  .loose();

export const errorInfoSchema = z
  .object({ errorCode: z.string().optional(), url: z.string().optional(), message: z.string().optional() })
  .loose();

export type VelostrataTask = z.output<typeof taskSchema>;

/** A VM as ferry reads it, whichever field names the manager used. */
export interface VelostrataVm {
  id: string;
  migrationState: string;
  state: string;
  powerState: string;
  instanceType: string;
  /** "aws", "azure", "gcp" from the VM info's `_type` or `cloudProvider`; "" when not shown. */
  cloud: string;
  activeTasks: string[];
}

function typeName(t: z.output<typeof instanceTypeSchema> | undefined): string {
  if (t === undefined) return "";
  return typeof t === "string" ? t : (t.name ?? "");
}

function cloudOf(info: z.output<typeof cloudVmInfo> | null | undefined): string {
  const text = `${info?._type ?? ""} ${info?.cloudProvider ?? ""}`.toLowerCase();
  for (const c of ["aws", "azure", "gcp"]) if (text.includes(c)) return c;
  if (text.includes("google")) return "gcp";
  return "";
}

export function normalizeVm(id: string, v: z.output<typeof vmSchema>): VelostrataVm {
  const info = v.target ?? v.cloudInfo;
  return {
    id: v.stateInfo.id?.value ?? id,
    migrationState: v.stateInfo.migrationState ?? "None",
    state: v.stateInfo.state ?? "",
    powerState: info?.powerState ?? "",
    instanceType: typeName(info?.instanceType ?? info?.type),
    cloud: cloudOf(info),
    activeTasks: (v.stateInfo.activeTasks ?? []).map((t) => t.value),
  };
}

export function taskTypeOf(t: VelostrataTask): string {
  return t.taskType ?? t.type ?? "";
}
