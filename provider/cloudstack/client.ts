/**
 * The CloudStack client: signed requests (POST form bodies, signatureversion=3 + expires), JSON
 * envelopes and error envelopes, paging, async jobs through queryAsyncJobResult, and batched reads so
 * that many resources refreshed together share list calls.
 */
import type * as z from "zod";
import type { ClientOptions } from "../engine/backend.ts";
import { Batcher } from "../engine/batch.ts";
import { ApiError, FerryError } from "../engine/errors.ts";
import { HttpEndpoint } from "../engine/http.ts";
import { type Logger, silentLogger } from "../engine/log.ts";
import { redactor } from "../engine/redact.ts";
import { waitFor } from "../engine/wait.ts";
import {
  asyncStartSchema,
  type DiskOffering,
  diskOfferingSchema,
  errorBodySchema,
  JOB_FAILED,
  JOB_PENDING,
  type Job,
  jobSchema,
  type StoragePool,
  storagePoolSchema,
  type VirtualMachine,
  type Volume,
  virtualMachineSchema,
  vmSnapshotSchema,
  volumeSchema,
} from "./api.ts";
import type { CloudStackSettings } from "./settings.ts";
import { expiresAt, signedQuery } from "./sign.ts";

/** CloudStack's own maximum page size (default.page.size). */
export const PAGE_SIZE = 500;
/** Validity of a signature (signatureversion=3); the server rejects more than 15 minutes ahead. */
const SIGNATURE_TTL_MS = 10 * 60_000;

export interface CallOptions {
  write?: boolean;
  signal?: AbortSignal | undefined;
}

export interface JobWaitOptions {
  what: string;
  deadline: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((message: string) => void) | undefined;
}

export class CloudStackClient {
  readonly http: HttpEndpoint;
  private readonly path: string;
  private readonly log: Logger;

  readonly volumes: Batcher<Volume>;
  readonly virtualMachines: Batcher<VirtualMachine>;
  /** Volumes attached to a VM, by VM id. */
  readonly vmVolumes: Batcher<Volume[]>;
  readonly vmSnapshotCounts: Batcher<number>;
  private readonly poolsOnce: Batcher<StoragePool[]>;
  private readonly offeringsOnce: Batcher<DiskOffering[]>;

  constructor(
    readonly settings: CloudStackSettings,
    log: Logger = silentLogger,
    options: ClientOptions = {},
  ) {
    const scope = options.scope;
    const url = new URL(settings.api_url);
    this.path = url.pathname;
    // Keys never reach logs, errors or plans, however the settings were built.
    redactor.addSecret(settings.secret_key);
    redactor.addSecret(settings.api_key);
    this.log = log.child({ backend: "cloudstack" });
    this.http = new HttpEndpoint(settings.api_url, {
      requestTimeoutMs: settings.http_timeout * 1000,
      caCert: settings.ca_cert,
      insecure: settings.insecure,
      log: this.log,
      scope,
    });
    this.volumes = new Batcher((ids) => this.byIds("listVolumes", "volume", ids, volumeSchema), {
      scope,
      name: "cloudstack.volumes",
    });
    this.virtualMachines = new Batcher(
      (ids) => this.byIds("listVirtualMachines", "virtualmachine", ids, virtualMachineSchema),
      { scope, name: "cloudstack.virtualMachines" },
    );
    this.vmVolumes = new Batcher((vmIds) => this.volumesByVm(vmIds), { scope, name: "cloudstack.vmVolumes" });
    this.vmSnapshotCounts = new Batcher((vmIds) => this.snapshotCounts(vmIds), {
      scope,
      name: "cloudstack.vmSnapshotCounts",
    });
    this.poolsOnce = new Batcher(
      async () =>
        new Map([["all", await this.list("listStoragePools", "storagepool", {}, storagePoolSchema)]]),
      { scope, name: "cloudstack.storagePools" },
    );
    this.offeringsOnce = new Batcher(
      async () =>
        new Map([
          [
            "all",
            await this.list("listDiskOfferings", "diskoffering", { listall: "true" }, diskOfferingSchema),
          ],
        ]),
      { scope, name: "cloudstack.diskOfferings" },
    );
  }

  /** One signed request; returns the object inside `<command>response`. */
  async call(
    command: string,
    params: Record<string, string>,
    o: CallOptions = {},
  ): Promise<Record<string, unknown>> {
    const all: Record<string, string> = {
      ...params,
      command,
      response: "json",
      apikey: this.settings.api_key,
      signatureversion: "3",
      expires: expiresAt(Date.now() + SIGNATURE_TTL_MS),
    };
    const res = await this.http.request({
      method: "POST",
      path: this.path,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: signedQuery(all, this.settings.secret_key),
      write: o.write ?? false,
      operation: command,
      signal: o.signal,
    });
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      body = undefined;
    }
    const inner = unwrap(body);
    if (res.status !== 200) {
      const err = errorBodySchema.safeParse(inner);
      if (o.write && res.status >= 500) {
        throw new FerryError("AMBIGUOUS_WRITE", {
          what: `${command}: CloudStack answered HTTP ${res.status}.`,
          why: `${err.success ? err.data.errortext : res.text.slice(0, 200)}. The command may or may not have been executed.`,
          fix: "Nothing is retried blindly: ferry observes the object before doing anything else.",
        });
      }
      throw new ApiError({
        backend: "CloudStack",
        operation: command,
        status: res.status,
        ...(err.success ? { apiCode: err.data.cserrorcode ?? err.data.errorcode } : {}),
        apiMessage: err.success ? err.data.errortext : `unexpected answer: ${res.text.slice(0, 200)}`,
        ...(res.status === 401
          ? {
              fix: "Check api_key and secret_key (or CLOUDSTACK_API_KEY / CLOUDSTACK_SECRET_KEY) and the clock of this machine.",
            }
          : {}),
      });
    }
    if (!inner) {
      throw new FerryError("UNEXPECTED_RESPONSE", {
        what: `${command}: CloudStack's answer is not a JSON response envelope.`,
        why: res.text.slice(0, 200),
        fix: "Check that api_url points at the API (…/client/api).",
      });
    }
    return inner;
  }

  /** Every page of a list command. An empty list is `{}` (no count, no item key). */
  async list<S extends z.ZodType>(
    command: string,
    itemKey: string,
    params: Record<string, string>,
    schema: S,
    signal?: AbortSignal,
  ): Promise<z.output<S>[]> {
    const out: z.output<S>[] = [];
    for (let page = 1; ; page++) {
      const body = await this.call(
        command,
        { ...params, page: String(page), pagesize: String(PAGE_SIZE) },
        { signal },
      );
      const items = Array.isArray(body[itemKey]) ? (body[itemKey] as unknown[]) : [];
      for (const item of items) {
        const r = schema.safeParse(item);
        if (!r.success) {
          throw new FerryError("UNEXPECTED_RESPONSE", {
            what: `${command}: an item of the answer does not have the expected shape.`,
            why: r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
          });
        }
        out.push(r.data);
      }
      const count = typeof body.count === "number" ? body.count : out.length;
      if (items.length < PAGE_SIZE || out.length >= count) return out;
    }
  }

  private async byIds<S extends z.ZodType<{ id: string }>>(
    command: string,
    itemKey: string,
    ids: string[],
    schema: S,
  ): Promise<Map<string, z.output<S>>> {
    const params: Record<string, string> = { listall: "true" };
    if (ids.length === 1) params.id = ids[0] as string;
    else params.ids = ids.join(",");
    let items: z.output<S>[];
    try {
      items = await this.list(command, itemKey, params, schema);
    } catch (e) {
      // CloudStack resolves ids at dispatch: one unknown id fails the whole call with a 431.
      if (!isUnknownEntity(e)) throw e;
      if (ids.length === 1) return new Map();
      this.log.debug(`${command}: an id of the batch does not exist; listing all instead`, {
        ids: ids.length,
      });
      const wanted = new Set(ids);
      items = (await this.list(command, itemKey, { listall: "true" }, schema)).filter((i) =>
        wanted.has(i.id),
      );
    }
    return new Map(items.map((i) => [i.id, i]));
  }

  private async volumesByVm(vmIds: string[]): Promise<Map<string, Volume[]>> {
    // One VM: filter server-side. Many: one listing of all volumes, grouped here.
    const params: Record<string, string> = { listall: "true" };
    if (vmIds.length === 1) params.virtualmachineid = vmIds[0] as string;
    const items = await this.list("listVolumes", "volume", params, volumeSchema).catch((e: unknown) => {
      if (isUnknownEntity(e)) return [];
      throw e;
    });
    const out = new Map<string, Volume[]>(vmIds.map((id) => [id, []]));
    for (const v of items)
      if (v.virtualmachineid && out.has(v.virtualmachineid)) out.get(v.virtualmachineid)?.push(v);
    return out;
  }

  private async snapshotCounts(vmIds: string[]): Promise<Map<string, number>> {
    const params: Record<string, string> = { listall: "true" };
    if (vmIds.length === 1) params.virtualmachineid = vmIds[0] as string;
    const items = await this.list("listVMSnapshot", "vmSnapshot", params, vmSnapshotSchema).catch(
      (e: unknown) => {
        if (isUnknownEntity(e)) return [];
        throw e;
      },
    );
    const out = new Map<string, number>(vmIds.map((id) => [id, 0]));
    for (const s of items)
      if (out.has(s.virtualmachineid)) out.set(s.virtualmachineid, (out.get(s.virtualmachineid) ?? 0) + 1);
    return out;
  }

  async storagePools(): Promise<StoragePool[]> {
    return (await this.poolsOnce.get("all")) ?? [];
  }

  async diskOfferings(): Promise<DiskOffering[]> {
    return (await this.offeringsOnce.get("all")) ?? [];
  }

  /** Issue an async command; returns the job id. */
  async startJob(command: string, params: Record<string, string>, signal?: AbortSignal): Promise<string> {
    const body = await this.call(command, params, { write: true, signal });
    const r = asyncStartSchema.safeParse(body);
    if (!r.success) {
      throw new FerryError("UNEXPECTED_RESPONSE", {
        what: `${command} was accepted but CloudStack returned no job id.`,
        why: JSON.stringify(body).slice(0, 200),
      });
    }
    this.log.debug(`${command} accepted`, { jobid: r.data.jobid });
    return r.data.jobid;
  }

  async queryJob(jobid: string, signal?: AbortSignal): Promise<Job> {
    const body = await this.call("queryAsyncJobResult", { jobid }, { signal });
    const r = jobSchema.safeParse(body);
    if (!r.success) {
      throw new FerryError("UNEXPECTED_RESPONSE", {
        what: `queryAsyncJobResult ${jobid}: unexpected answer.`,
        why: JSON.stringify(body).slice(0, 200),
      });
    }
    return r.data;
  }

  /** Wait for a job to finish; a failed job throws with CloudStack's own message. */
  async waitJob(jobid: string, o: JobWaitOptions): Promise<Job> {
    return waitFor<Job>({
      what: o.what,
      deadline: o.deadline,
      signal: o.signal,
      pending: ["pending"],
      target: ["succeeded"],
      backoff: { initialMs: 250, maxMs: 15_000, factor: 1.6, jitter: 0.2 },
      refresh: async (signal) => {
        const job = await this.queryJob(jobid, signal);
        if (job.jobstatus === JOB_PENDING)
          return { status: "pending", value: job, message: `job ${jobid} running` };
        if (job.jobstatus === JOB_FAILED) {
          const { code, text } = jobFailure(job);
          return {
            status: "failed",
            value: job,
            failure: new ApiError({
              backend: "CloudStack",
              operation: o.what,
              apiCode: code,
              apiMessage: text,
              code: "JOB_FAILED",
            }),
          };
        }
        return { status: "succeeded", value: job, message: `job ${jobid} succeeded` };
      },
      onProgress: (r) => o.onProgress?.(r.message ?? r.status),
    });
  }
}

/** CloudStack's answer to an id that names nothing: 431 "… or entity does not exist …". */
export function isUnknownEntity(e: unknown): boolean {
  return e instanceof ApiError && e.status === 431 && /entity does not exist/i.test(e.apiMessage);
}

/** `{"xresponse": {...}}` → the inner object. */
function unwrap(body: unknown): Record<string, unknown> | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
  const values = Object.values(body as Record<string, unknown>);
  const inner = values[0];
  if (values.length !== 1 || !inner || typeof inner !== "object" || Array.isArray(inner)) return undefined;
  return inner as Record<string, unknown>;
}

/** A failed job's result: `{errorcode, errortext}` (modern) or a plain text (legacy). */
export function jobFailure(job: Job): { code: number | undefined; text: string } {
  const r = job.jobresult;
  if (typeof r === "string") return { code: job.jobresultcode, text: r };
  const parsed = errorBodySchema.safeParse(r);
  if (parsed.success) return { code: parsed.data.errorcode, text: parsed.data.errortext };
  return { code: job.jobresultcode, text: JSON.stringify(r ?? null) };
}
