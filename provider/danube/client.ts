/**
 * The Danube Cloud client: `ES-API-KEY` or `Authorization: Token` from `POST /api/accounts/login/`
 * (renewed before Danube's 3600 s expiry, and once more when Danube answers 403 for a token it no
 * longer takes — a login elsewhere replaces the user's token); every path with its trailing slash (a
 * path without one is redirected and loses its body); `dc` in the query of GETs and in the JSON body of
 * writes; task envelopes, and tasks polled at `/task/<id>/status/`. `ES-STREAM` is never sent: that
 * header makes Danube hold the connection until the task ends.
 *
 * Reads of resources observed together are batched: VMs and their statuses from one list call per
 * datacenter, nodes from one call.
 */
import type * as z from "zod";
import type { ClientOptions } from "../engine/backend.ts";
import { Batcher } from "../engine/batch.ts";
import { ApiError, FerryError } from "../engine/errors.ts";
import { HttpEndpoint, type HttpResponse } from "../engine/http.ts";
import { type Logger, silentLogger } from "../engine/log.ts";
import { redactor } from "../engine/redact.ts";
import { waitFor } from "../engine/wait.ts";
import {
  type DanubeNode,
  type DanubeNodeStorage,
  type DanubeReplica,
  type DanubeVm,
  type DanubeVmDefine,
  type DanubeVmDisk,
  type DanubeVmStatus,
  detailSchema,
  type Envelope,
  envelopeSchema,
  loginSchema,
  nodeSchema,
  nodeStorageSchema,
  replicaSchema,
  taskFailureSchema,
  vmDefineSchema,
  vmDiskSchema,
  vmSchema,
  vmStatusSchema,
} from "./api.ts";
import type { DanubeSettings } from "./settings.ts";

/** Danube's token lifetime (AUTHTOKEN_DURATION); used when a login answer has no `expires`. */
const TOKEN_LIFETIME_MS = 3600_000;
/** Log in again this long before the token expires. */
const TOKEN_MARGIN_MS = 60_000;
/** What Danube answers (HTTP 403) for a token it does not take (expired, or replaced by a new login). */
const TOKEN_REFUSED = ["Authentication credentials were not provided.", "Invalid token."];

/** Danube's 404 texts for an object that does not exist (others — "Datacenter not found", "Not found"
 * when replication is switched off — are errors). */
const OBJECT_NOT_FOUND = ["VM not found", "Slave VM not found", "Node not found"];

/** What a write started: a task to wait for, or a change Danube made at once (200/205). */
export type WriteOutcome = { task: string } | { done: true; status: number };

export interface TaskWaitOptions {
  /** For messages: "vm_replica_failover of web01.lab". */
  what: string;
  deadline: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((message: string) => void) | undefined;
}

interface RequestOptions {
  operation: string;
  dc?: string | undefined;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  write: boolean;
  signal?: AbortSignal | undefined;
}

function key(dc: string | undefined, name: string): string {
  return `${dc ?? ""}\u0000${name}`;
}

function unkey(k: string): { dc: string | undefined; name: string } {
  const [dc, name] = k.split("\u0000") as [string, string];
  return { dc: dc || undefined, name };
}

function byDc(keys: string[]): Map<string | undefined, string[]> {
  const groups = new Map<string | undefined, string[]>();
  for (const k of keys) {
    const { dc, name } = unkey(k);
    groups.set(dc, [...(groups.get(dc) ?? []), name]);
  }
  return groups;
}

export class DanubeClient {
  readonly http: HttpEndpoint;
  private readonly base: string;
  private readonly log: Logger;
  private token: { key: string; expiresAt: number } | undefined;
  private loggingIn: Promise<string> | undefined;

  /**
   * VMs (masters) by datacenter and hostname: one `GET /vm/<h>/`, or `GET /vm/?full=true` for many.
   * A datacenter whose read fails fails only the resources in it (its keys carry the error).
   */
  readonly vms: Batcher<DanubeVm | Error>;
  /** Their statuses with pending tasks: `GET /vm/<h>/status/`, or `GET /vm/status/` for many. */
  readonly vmStatuses: Batcher<DanubeVmStatus | Error>;
  /** Compute nodes by datacenter: `GET /node/?full=true`, once for every resource observed together. */
  readonly nodes: Batcher<DanubeNode[] | Error>;

  constructor(
    readonly settings: DanubeSettings,
    log: Logger = silentLogger,
    options: ClientOptions = {},
  ) {
    const scope = options.scope;
    for (const secret of [settings.api_key, settings.password]) if (secret) redactor.addSecret(secret);
    this.log = log.child({ backend: "danube" });
    const url = new URL(settings.api_url);
    this.base = url.pathname.replace(/\/+$/, "");
    this.http = new HttpEndpoint(settings.api_url, {
      requestTimeoutMs: settings.http_timeout * 1000,
      caCert: settings.ca_cert,
      insecure: settings.insecure,
      log: this.log,
      scope,
    });
    this.vms = new Batcher(
      (keys) =>
        this.byKeys(
          keys,
          (h, dc) => this.getVm(h, dc),
          (dc) => this.listVms(dc),
        ),
      { scope, name: "danube.vms" },
    );
    this.vmStatuses = new Batcher(
      (keys) =>
        this.byKeys(
          keys,
          (h, dc) => this.getVmStatus(h, dc),
          (dc) => this.listVmStatuses(dc),
        ),
      { scope, name: "danube.vmStatuses" },
    );
    this.nodes = new Batcher(
      async (dcs) => {
        const found = new Map<string, DanubeNode[] | Error>();
        for (const dc of dcs) found.set(dc, await this.listNodes(dc || undefined).catch(asError));
        return found;
      },
      { scope, name: "danube.nodes" },
    );
  }

  /** Requests sent, by operation (tests and benchmarks read it). */
  sent(operation: string): number {
    return this.http.sent.get(operation) ?? 0;
  }

  // -------------------------------------------------------------------------------------------------
  // transport

  private async login(signal?: AbortSignal): Promise<string> {
    const { username, password } = this.settings;
    const res = await this.http.request({
      method: "POST",
      path: `${this.base}/accounts/login/`,
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ username, password }),
      // A login changes nothing a retry would repeat harmfully (it only replaces the token again).
      write: false,
      operation: "login",
      signal,
    });
    if (res.status !== 200)
      throw danubeError(
        res,
        "login",
        "Check username and password (ES_USERNAME / ES_PASSWORD), that the account may use the API, or use an API key (ES_API_KEY).",
      );
    const body = parse(loginSchema, res, "login");
    redactor.addSecret(body.token);
    const expires = body.expires ? Date.parse(body.expires) : Number.NaN;
    this.token = {
      key: body.token,
      expiresAt: Number.isNaN(expires) ? Date.now() + TOKEN_LIFETIME_MS : expires,
    };
    this.log.debug("logged in", { username: username ?? "" });
    return body.token;
  }

  private async authHeader(signal?: AbortSignal): Promise<Record<string, string>> {
    if (this.settings.api_key) return { "es-api-key": this.settings.api_key };
    if (this.token && this.token.expiresAt - TOKEN_MARGIN_MS > Date.now())
      return { authorization: `Token ${this.token.key}` };
    this.loggingIn ??= this.login(signal).finally(() => {
      this.loggingIn = undefined;
    });
    return { authorization: `Token ${await this.loggingIn}` };
  }

  /** One API call; a path is given without `/api` and always ends with a slash. */
  async request(
    method: "GET" | "POST" | "PUT" | "DELETE",
    path: string,
    o: RequestOptions,
  ): Promise<HttpResponse> {
    const slashed = path.endsWith("/") ? path : `${path}/`;
    const query = new URLSearchParams(
      method === "GET" ? { ...o.query, ...(o.dc ? { dc: o.dc } : {}) } : o.query,
    );
    const body = method === "GET" ? undefined : { ...o.body, ...(o.dc ? { dc: o.dc } : {}) };
    for (let attempt = 0; ; attempt++) {
      const auth = await this.authHeader(o.signal);
      const res = await this.http.request({
        method,
        path: `${this.base}${slashed}${query.size ? `?${query}` : ""}`,
        headers: {
          accept: "application/json",
          ...(body ? { "content-type": "application/json" } : {}),
          ...auth,
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        write: o.write,
        operation: o.operation,
        signal: o.signal,
      });
      // Authentication comes first in Danube's views: a refused token means nothing was done.
      if (
        res.status === 403 &&
        attempt === 0 &&
        !this.settings.api_key &&
        TOKEN_REFUSED.includes(detailOf(res))
      ) {
        this.log.debug("the token was refused; logging in again", { operation: o.operation });
        this.token = undefined;
        continue;
      }
      if (o.write && res.status >= 500) {
        const e = danubeError(res, o.operation);
        throw new FerryError("AMBIGUOUS_WRITE", {
          what: `${o.operation}: Danube Cloud answered HTTP ${res.status}.`,
          why: `${e.apiMessage}. The request may or may not have been executed.`,
          fix: "Nothing is retried blindly: ferry observes the VM and its tasks before doing anything else.",
        });
      }
      return res;
    }
  }

  private async read<T extends z.ZodType>(
    path: string,
    schema: T,
    o: { operation: string; dc?: string | undefined; query?: Record<string, string>; signal?: AbortSignal },
  ): Promise<z.output<T> | undefined> {
    const res = await this.request("GET", path, { ...o, write: false });
    if (res.status === 404 && OBJECT_NOT_FOUND.includes(detailOf(res))) return undefined;
    if (res.status !== 200) throw danubeError(res, o.operation);
    const env = parse(envelopeSchema, res, o.operation);
    const r = schema.safeParse(env.result);
    if (!r.success) throw unexpected(res, o.operation);
    return r.data;
  }

  // -------------------------------------------------------------------------------------------------
  // reads

  /** GET /vm/<h>/; undefined when Danube answers "VM not found" (slave VMs are never found). */
  getVm(hostname: string, dc?: string, signal?: AbortSignal): Promise<DanubeVm | undefined> {
    return this.read(`/vm/${encodeURIComponent(hostname)}/`, vmSchema, {
      operation: "vm_manage",
      dc,
      signal,
    });
  }

  async listVms(dc?: string, signal?: AbortSignal): Promise<DanubeVm[]> {
    return (
      (await this.read("/vm/", vmSchema.array(), {
        operation: "vm_list",
        dc,
        query: { full: "true" },
        signal,
      })) ?? []
    );
  }

  getVmStatus(hostname: string, dc?: string, signal?: AbortSignal): Promise<DanubeVmStatus | undefined> {
    return this.read(`/vm/${encodeURIComponent(hostname)}/status/`, vmStatusSchema, {
      operation: "vm_status",
      dc,
      signal,
    });
  }

  async listVmStatuses(dc?: string, signal?: AbortSignal): Promise<DanubeVmStatus[]> {
    return (
      (await this.read("/vm/status/", vmStatusSchema.array(), { operation: "vm_status_list", dc, signal })) ??
      []
    );
  }

  async listNodes(dc?: string, signal?: AbortSignal): Promise<DanubeNode[]> {
    return (
      (await this.read("/node/", nodeSchema.array(), {
        operation: "node_list",
        dc,
        query: { full: "true" },
        signal,
      })) ?? []
    );
  }

  async nodeStorages(
    node: string,
    dc?: string,
    signal?: AbortSignal,
  ): Promise<DanubeNodeStorage[] | undefined> {
    return this.read(`/node/${encodeURIComponent(node)}/storage/`, nodeStorageSchema.array(), {
      operation: "node_storage_list",
      dc,
      query: { full: "true" },
      signal,
    });
  }

  getVmDefine(hostname: string, dc?: string, signal?: AbortSignal): Promise<DanubeVmDefine | undefined> {
    return this.read(`/vm/${encodeURIComponent(hostname)}/define/`, vmDefineSchema, {
      operation: "vm_define",
      dc,
      signal,
    });
  }

  getVmDisks(hostname: string, dc?: string, signal?: AbortSignal): Promise<DanubeVmDisk[] | undefined> {
    return this.read(`/vm/${encodeURIComponent(hostname)}/define/disk/`, vmDiskSchema.array(), {
      operation: "vm_define_disk_list",
      dc,
      signal,
    });
  }

  /**
   * Every replica of a VM (`GET /vm/<h>/replica/?full=true`), sorted by name; undefined when the VM is
   * not found. Danube answers 404 "Not found" when replication is switched off: that is an ApiError.
   */
  async listReplicas(
    hostname: string,
    dc?: string,
    signal?: AbortSignal,
  ): Promise<DanubeReplica[] | undefined> {
    const res = await this.request("GET", `/vm/${encodeURIComponent(hostname)}/replica/`, {
      operation: "vm_replica_list",
      dc,
      query: { full: "true" },
      write: false,
      signal,
    });
    if (res.status === 404 && OBJECT_NOT_FOUND.includes(detailOf(res))) return undefined;
    if (res.status !== 200) throw danubeError(res, "vm_replica_list");
    const env = parse(envelopeSchema, res, "vm_replica_list");
    const r = replicaSchema.array().safeParse(env.result);
    if (!r.success) throw unexpected(res, "vm_replica_list");
    return r.data;
  }

  getReplica(
    hostname: string,
    repname: string,
    dc?: string,
    signal?: AbortSignal,
  ): Promise<DanubeReplica | undefined> {
    return this.read(
      `/vm/${encodeURIComponent(hostname)}/replica/${encodeURIComponent(repname)}/`,
      replicaSchema,
      {
        operation: "vm_replica",
        dc,
        signal,
      },
    );
  }

  /**
   * Objects of many datacenters asked for together: per datacenter one read for one name, one list for
   * several. A datacenter whose read fails fails only its own keys (they carry the error).
   */
  private async byKeys<T extends { hostname: string }>(
    keys: string[],
    one: (name: string, dc: string | undefined) => Promise<T | undefined>,
    many: (dc: string | undefined) => Promise<T[]>,
  ): Promise<Map<string, T | Error>> {
    const found = new Map<string, T | Error>();
    for (const [dc, names] of byDc(keys)) {
      try {
        if (names.length === 1) {
          const v = await one(names[0]!, dc);
          if (v) found.set(key(dc, names[0]!), v);
          continue;
        }
        const wanted = new Set(names);
        for (const v of await many(dc)) if (wanted.has(v.hostname)) found.set(key(dc, v.hostname), v);
      } catch (e) {
        for (const n of names) found.set(key(dc, n), asError(e));
      }
    }
    return found;
  }

  /** The VM and its status (with pending tasks), batched with other resources observed together. */
  async vmWithStatus(
    hostname: string,
    dc?: string,
  ): Promise<{ vm: DanubeVm | undefined; status: DanubeVmStatus | undefined }> {
    const [vm, status] = await Promise.all([
      this.vms.get(key(dc, hostname)),
      this.vmStatuses.get(key(dc, hostname)),
    ]);
    return { vm: unwrap(vm), status: unwrap(status) };
  }

  async nodesOf(dc?: string): Promise<DanubeNode[]> {
    return unwrap(await this.nodes.get(dc ?? "")) ?? [];
  }

  // -------------------------------------------------------------------------------------------------
  // writes: `vm` is the VM's UUID (or hostname); see the kind for why writes address the UUID

  private async write(
    method: "POST" | "PUT" | "DELETE",
    path: string,
    operation: string,
    body: Record<string, unknown>,
    dc: string | undefined,
    signal?: AbortSignal,
  ): Promise<WriteOutcome> {
    const res = await this.request(method, path, { operation, dc, body, write: true, signal });
    if (res.status === 201) {
      const env = parse(envelopeSchema, res, operation);
      return { task: env.task_id };
    }
    // 205: Danube saved it at once (a reserve_resources-only update). Its body is not relied upon.
    if (res.status === 200 || res.status === 205) return { done: true, status: res.status };
    throw danubeError(res, operation);
  }

  private replicaPath(vm: string, repname: string, action = ""): string {
    return `/vm/${encodeURIComponent(vm)}/replica/${encodeURIComponent(repname)}/${action ? `${action}/` : ""}`;
  }

  createReplica(
    vm: string,
    repname: string,
    body: Record<string, unknown>,
    dc?: string,
    signal?: AbortSignal,
  ) {
    return this.write("POST", this.replicaPath(vm, repname), "vm_replica_create", body, dc, signal);
  }

  updateReplica(
    vm: string,
    repname: string,
    body: Record<string, unknown>,
    dc?: string,
    signal?: AbortSignal,
  ) {
    return this.write("PUT", this.replicaPath(vm, repname), "vm_replica_update", body, dc, signal);
  }

  deleteReplica(vm: string, repname: string, dc?: string, signal?: AbortSignal) {
    return this.write("DELETE", this.replicaPath(vm, repname), "vm_replica_delete", {}, dc, signal);
  }

  failover(vm: string, repname: string, force: boolean, dc?: string, signal?: AbortSignal) {
    return this.write(
      "PUT",
      this.replicaPath(vm, repname, "failover"),
      "vm_replica_failover",
      { force },
      dc,
      signal,
    );
  }

  reinit(vm: string, repname: string, dc?: string, signal?: AbortSignal) {
    return this.write("PUT", this.replicaPath(vm, repname, "reinit"), "vm_replica_reinit", {}, dc, signal);
  }

  /**
   * Polls `/task/<id>/status/` until the task ends: 201 pending, 200 success (its result), 400 failure
   * (Danube's message and detail), 410 revoked. A task Danube no longer knows (404) has ended: the
   * next observation shows how.
   */
  waitTask(taskId: string, o: TaskWaitOptions): Promise<unknown> {
    return waitFor<unknown>({
      what: `task ${taskId} (${o.what})`,
      deadline: o.deadline,
      signal: o.signal,
      backoff: { initialMs: 400, maxMs: 5000 },
      pending: ["PENDING", "STARTED", "RETRY"],
      target: ["SUCCESS", "GONE"],
      refresh: async (signal) => {
        const res = await this.request("GET", `/task/${encodeURIComponent(taskId)}/status/`, {
          operation: "task_status",
          write: false,
          signal,
        });
        if (res.status === 404) return { status: "GONE", value: undefined, message: "the task has ended" };
        if (res.status === 403) throw danubeError(res, "task_status");
        const env = parse(envelopeSchema, res, "task_status");
        if (res.status === 201)
          return { status: env.status, value: undefined, message: `task ${env.status}` };
        if (res.status === 200) return { status: "SUCCESS", value: env.result, message: resultMessage(env) };
        return {
          status: env.status,
          value: env.result,
          failure: taskFailure(taskId, o.what, res.status, env),
        };
      },
      onProgress: (r) => o.onProgress?.(r.message ?? r.status),
    });
  }
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

function unwrap<T>(v: T | Error | undefined): T | undefined {
  if (v instanceof Error) throw v;
  return v;
}

function resultMessage(env: Envelope): string {
  const r = env.result as { message?: unknown } | null | undefined;
  return typeof r?.message === "string" ? r.message : `task ${env.status}`;
}

function taskFailure(taskId: string, what: string, status: number, env: Envelope): FerryError {
  const parsed = taskFailureSchema.safeParse(env.result);
  const text =
    typeof env.result === "string"
      ? env.result
      : parsed.success
        ? [parsed.data.message, parsed.data.detail].filter(Boolean).join(" — ")
        : JSON.stringify(env.result);
  return new ApiError({
    backend: "Danube Cloud",
    operation: what,
    status,
    apiCode: env.status,
    apiMessage: redactor.redact(
      status === 410
        ? `task ${taskId} was revoked${text ? `: ${text}` : ""}`
        : text || `task ${taskId} failed`,
    ),
    code: "JOB_FAILED",
    fix: "Danube's message above says why; `es get /task/log/` has the task log. Plan again to see where the replica is now.",
  });
}

function detailOf(res: HttpResponse): string {
  try {
    const d = detailSchema.safeParse(JSON.parse(res.text));
    if (d.success && typeof d.data.detail === "string") return d.data.detail;
  } catch {
    // not JSON
  }
  return "";
}

/** Field errors of a FAILURE envelope (`{"node": ["…"]}`) as one line: `node: …; repname: …`. */
function fieldErrors(result: unknown): string | undefined {
  if (typeof result === "string") return result;
  if (!result || typeof result !== "object") return undefined;
  const parts: string[] = [];
  for (const [field, msgs] of Object.entries(result as Record<string, unknown>)) {
    const list = Array.isArray(msgs)
      ? msgs.map(String)
      : [typeof msgs === "string" ? msgs : JSON.stringify(msgs)];
    parts.push(`${field}: ${list.join(" ")}`);
  }
  return parts.length ? parts.join("; ") : undefined;
}

/** Danube's `{"detail": …}` or FAILURE envelope → ApiError with Danube's own words. */
export function danubeError(res: HttpResponse, operation: string, fix?: string): ApiError {
  let message = res.text.slice(0, 300) || `HTTP ${res.status} without a body`;
  let code: string | undefined;
  try {
    const json = JSON.parse(res.text) as unknown;
    const env = envelopeSchema.safeParse(json);
    const det = detailSchema.safeParse(json);
    if (env.success) {
      message = fieldErrors(env.data.result) ?? message;
      code = env.data.status;
    } else if (det.success)
      message = fieldErrors({ detail: det.data.detail })?.replace(/^detail: /, "") ?? message;
  } catch {
    // not JSON: keep the text
  }
  const hint =
    res.status === 403
      ? /Permission denied/.test(message)
        ? "Replica writes need an admin (DC owner or staff) account."
        : "Danube refused the credentials: check api_key (ES_API_KEY), or username and password."
      : res.status === 301
        ? "Danube redirects paths without their trailing slash; check api_url (it ends in /api)."
        : /Datacenter not found/.test(message)
          ? "Set dc to a virtual datacenter the user can use (`es get /dc/`)."
          : undefined;
  return new ApiError({
    backend: "Danube Cloud",
    operation,
    status: res.status,
    ...(code ? { apiCode: code } : {}),
    apiMessage: redactor.redact(message),
    ...((fix ?? hint) ? { fix: fix ?? hint } : {}),
    ...(res.status === 404 ? { code: "NOT_FOUND" as const } : {}),
  });
}

function unexpected(res: HttpResponse, operation: string): FerryError {
  return new FerryError("UNEXPECTED_RESPONSE", {
    what: `Danube Cloud ${operation}: the answer (HTTP ${res.status}) is not what the API documents.`,
    why: redactor.redact(res.text.slice(0, 300)),
    fix: "Check that api_url is the root of a Danube Cloud 4.x API (…/api) and that the account is an admin.",
  });
}

function parse<T extends z.ZodType>(schema: T, res: HttpResponse, operation: string): z.output<T> {
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch {
    json = undefined;
  }
  const r = schema.safeParse(json);
  if (!r.success) throw unexpected(res, operation);
  return r.data;
}
