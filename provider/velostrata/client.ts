/**
 * The Velostrata manager client: HTTP Basic `apiuser` : subscription id on every request, the base path
 * `/velostrata/api/<api_version>/`, VM and task reads in both the 2.5 and 4.x field names, operations
 * that answer 201 with a TaskId, tasks polled at `GET /tasks/{id}` until Succeeded, Failed or Cancelled,
 * and ErrorInfo bodies surfaced in Velostrata's own words.
 */
import type * as z from "zod";
import { ApiError, FerryError } from "../engine/errors.ts";
import { HttpEndpoint, type HttpResponse } from "../engine/http.ts";
import { type Logger, silentLogger } from "../engine/log.ts";
import { parseResponse } from "../engine/parse.ts";
import { redactor } from "../engine/redact.ts";
import { waitFor } from "../engine/wait.ts";
import {
  errorInfoSchema,
  normalizeVm,
  PENDING_TASK_STATES,
  taskIdSchema,
  taskSchema,
  taskTypeOf,
  type VelostrataTask,
  type VelostrataVm,
  vmSchema,
} from "./api.ts";
import type { VelostrataSettings } from "./settings.ts";

export const BACKEND = "Velostrata";
const FIX_UNEXPECTED =
  "Check that url is a Velostrata manager and api_version its release's segment (v42, v45).";

/** The VM operations ferry issues, by their path segment. */
export type VmOperation = "migrate" | "preparetodetach" | "detach" | "canceldetach" | "cleanup";

export interface TaskWaitOptions {
  what: string;
  deadline: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((message: string, percent?: number) => void) | undefined;
}

export class VelostrataClient {
  readonly http: HttpEndpoint;
  readonly base: string;
  private readonly auth: string;
  private readonly log: Logger;

  constructor(
    readonly settings: VelostrataSettings,
    log: Logger = silentLogger,
  ) {
    redactor.addSecret(settings.subscription_id);
    this.auth = `Basic ${Buffer.from(`apiuser:${settings.subscription_id}`).toString("base64")}`;
    redactor.addSecret(this.auth.slice("Basic ".length));
    this.log = log.child({ backend: "velostrata" });
    const url = new URL(settings.url);
    this.base = `${url.pathname.replace(/\/+$/, "")}/velostrata/api/${settings.api_version}`;
    this.http = new HttpEndpoint(settings.url, {
      requestTimeoutMs: settings.http_timeout * 1000,
      caCert: settings.ca_cert,
      insecure: settings.insecure,
      log: this.log,
    });
  }

  /** Requests sent, by operation (tests and benchmarks read it). */
  sent(operation: string): number {
    return this.http.sent.get(operation) ?? 0;
  }

  /** The path shown in plans: `/velostrata/api/v42/vms/vm-1/operations/detach`. */
  path(rest: string): string {
    return `${this.base}${rest}`;
  }

  async request(
    method: "GET" | "POST" | "DELETE",
    rest: string,
    o: { operation: string; body?: unknown; write: boolean; signal?: AbortSignal | undefined },
  ): Promise<HttpResponse> {
    const res = await this.http.request({
      method,
      path: this.path(rest),
      headers: {
        accept: "application/json",
        authorization: this.auth,
        ...(o.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
      write: o.write,
      operation: o.operation,
      signal: o.signal,
    });
    if (o.write && res.status >= 500) {
      const e = velostrataError(res, o.operation);
      throw new FerryError("AMBIGUOUS_WRITE", {
        what: `${o.operation}: the Velostrata manager answered HTTP ${res.status}.`,
        why: `${e.apiMessage}. The operation may or may not have been started.`,
        fix: "Nothing is retried blindly: ferry reads the VM and its active tasks before doing anything else.",
      });
    }
    return res;
  }

  /** GET /vms/{id}; undefined for 404. */
  async getVm(id: string, signal?: AbortSignal): Promise<VelostrataVm | undefined> {
    const res = await this.request("GET", `/vms/${encodeURIComponent(id)}`, {
      operation: "getVm",
      write: false,
      signal,
    });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw velostrataError(res, "getVm");
    return normalizeVm(id, this.parse(vmSchema, res, "getVm"));
  }

  async getTask(id: string, signal?: AbortSignal): Promise<VelostrataTask | undefined> {
    const res = await this.request("GET", `/tasks/${encodeURIComponent(id)}`, {
      operation: "getTask",
      write: false,
      signal,
    });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw velostrataError(res, "getTask");
    return this.parse(taskSchema, res, "getTask");
  }

  /** POST /vms/{id}/operations/{op}: the TaskId of the task the manager started. */
  async operate(
    vm: string,
    op: VmOperation,
    body?: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<string> {
    const res = await this.request("POST", `/vms/${encodeURIComponent(vm)}/operations/${op}`, {
      operation: op,
      ...(body !== undefined ? { body } : {}),
      write: true,
      signal,
    });
    if (res.status !== 201 && res.status !== 200) throw velostrataError(res, op);
    return this.parse(taskIdSchema, res, op).value;
  }

  /** DELETE /tasks/{id}: 202 (cancelling) or 204. */
  async cancelTask(id: string, signal?: AbortSignal): Promise<void> {
    const res = await this.request("DELETE", `/tasks/${encodeURIComponent(id)}`, {
      operation: "cancelTask",
      write: true,
      signal,
    });
    if (res.status !== 202 && res.status !== 204) throw velostrataError(res, "cancelTask");
  }

  /** Polls the task until Succeeded; Failed or Cancelled end with Velostrata's errorMessage/errorDetails. */
  async waitTask(id: string, o: TaskWaitOptions): Promise<VelostrataTask> {
    return waitFor<VelostrataTask>({
      what: `${o.what} (task ${id})`,
      deadline: o.deadline,
      signal: o.signal,
      pending: PENDING_TASK_STATES,
      target: ["Succeeded"],
      // Velostrata's runbook polls its tasks every 5 s.
      backoff: { maxMs: 5000 },
      refresh: async (signal) => {
        const t = await this.getTask(id, signal);
        if (!t)
          throw new ApiError({
            backend: BACKEND,
            operation: o.what,
            status: 404,
            apiMessage: `task ${id} is not known to the manager`,
            code: "NOT_FOUND",
          });
        const percent = typeof t.progress === "number" ? t.progress : undefined;
        return {
          status: t.state,
          value: t,
          ...(percent !== undefined ? { percent } : {}),
          message: progressText(t),
          ...(t.state === "Failed" || t.state === "Cancelled" ? { failure: taskFailure(t, o.what) } : {}),
        };
      },
      onProgress: (r) => o.onProgress?.(r.message ?? r.status, r.percent),
    });
  }

  /** Polls the VM until its migrationState is one of `target` (ends when it leaves `pending`). */
  async waitVmState(
    vm: string,
    pending: readonly string[],
    target: readonly string[],
    o: TaskWaitOptions,
  ): Promise<VelostrataVm> {
    return waitFor<VelostrataVm>({
      what: o.what,
      deadline: o.deadline,
      signal: o.signal,
      pending,
      target,
      backoff: { maxMs: 5000 },
      refresh: async (signal) => {
        const v = await this.getVm(vm, signal);
        if (!v)
          throw new ApiError({
            backend: BACKEND,
            operation: o.what,
            status: 404,
            apiMessage: `VM ${vm} is not managed by this Velostrata manager`,
            code: "NOT_FOUND",
          });
        return { status: v.migrationState, value: v, message: `migrationState ${v.migrationState}` };
      },
      onProgress: (r) => o.onProgress?.(r.message ?? r.status),
    });
  }

  private parse<T extends z.ZodType>(schema: T, res: HttpResponse, operation: string): z.output<T> {
    return parseResponse(schema, res, { backend: BACKEND, operation, fix: FIX_UNEXPECTED });
  }
}

/** "PrepareToDetach Running — 2/3" from a task's state and additionalInfo (`progress` goes as percent). */
export function progressText(t: VelostrataTask): string {
  const parts = [`${taskTypeOf(t) || "task"} ${t.state}`];
  const info = t.additionalInfo ?? {};
  const done = info.DetachProcessedRecords ?? info.MigrationProgressByteCount;
  const total = info.DetachTotalRecords ?? info.MigrationTotalByteCount;
  if (done !== undefined && total !== undefined) parts.push(`${String(done)}/${String(total)}`);
  if (t.progressMessage?.length) parts.push(t.progressMessage.join(" "));
  return parts.join(" — ");
}

function taskFailure(t: VelostrataTask, what: string): ApiError {
  const text = [...(t.errorMessage ?? []), ...(t.errorDetails ? [t.errorDetails] : [])].join(" — ");
  return new ApiError({
    backend: BACKEND,
    operation: what,
    apiCode: t.state,
    apiMessage: redactor.redact(text || `task ${t.id.value} ${t.state.toLowerCase()}`),
    code: "JOB_FAILED",
    fix: "Velostrata's message above says why. Plan again to see where the VM is now (a failed detach leaves a rollback task, which ferry awaits).",
  });
}

/** An ErrorInfo body (errorCode, message, url) → ApiError in Velostrata's own words. */
export function velostrataError(res: HttpResponse, operation: string): ApiError {
  let message = res.text.slice(0, 300) || `HTTP ${res.status} without a body`;
  let code: string | undefined;
  try {
    const e = errorInfoSchema.safeParse(JSON.parse(res.text));
    if (e.success) {
      if (e.data.message) message = e.data.message;
      code = e.data.errorCode;
    }
  } catch {
    // not JSON: keep the text
  }
  return new ApiError({
    backend: BACKEND,
    operation,
    status: res.status,
    ...(code ? { apiCode: code } : {}),
    apiMessage: redactor.redact(message),
    ...(res.status === 401
      ? {
          fix: "The manager refused the credentials: check subscription_id (VELOSTRATA_SUBSCRIPTION_ID), the password of apiuser.",
        }
      : {}),
    ...(res.status === 404 ? { code: "NOT_FOUND" as const } : {}),
  });
}
