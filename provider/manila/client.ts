/**
 * The Manila client: Keystone v3 (password, token, application credential) finding the `sharev2`
 * endpoint in the catalog, or a fixed endpoint + token; the microversion header on every call and the
 * experimental header on the migration actions; Manila's fault envelope surfaced as ApiError.
 *
 * Success codes follow what a real Manila answers, not the api-ref: migration_check, get_progress and
 * complete answer 200; start, cancel, reset_status, reset_task_state and DELETE answer 202.
 */
import type * as z from "zod";
import type { ClientOptions } from "../engine/backend.ts";
import { type ReadScope, Batcher } from "../engine/batch.ts";
import { ApiError, FerryError } from "../engine/errors.ts";
import { HttpEndpoint, type HttpResponse } from "../engine/http.ts";
import { type Logger, silentLogger } from "../engine/log.ts";
import { redactor } from "../engine/redact.ts";
import {
  type CheckResult,
  checkResultSchema,
  completeResultSchema,
  faultSchema,
  keystoneTokenSchema,
  type MigrationProgress,
  progressSchema,
  type ShareServer,
  shareServerBodySchema,
  shareServerListSchema,
} from "./api.ts";
import type { ManilaSettings } from "./settings.ts";

/** Re-authenticate this long before the token expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;

export interface MigrationParams {
  host: string;
  writable: boolean;
  nondisruptive: boolean;
  preserve_snapshots: boolean;
  new_share_network_id: string | null;
}

export type CheckOutcome = { ok: true; result: CheckResult } | { ok: false; error: ApiError };

interface Session {
  token: string;
  endpoint: string;
  expiresAt: number;
}

export class ManilaClient {
  private session: Session | undefined;
  private readonly log: Logger;
  private readonly endpoints = new Map<string, HttpEndpoint>();
  /**
   * Share servers by id, for observation: resources refreshed together share one
   * `GET /share-servers` (admin: every project's); a single id is one `GET /share-servers/{id}`.
   */
  readonly servers: Batcher<ShareServer>;
  /** The servers whose `source_share_server_id` is each id (destinations of a move), batched likewise. */
  readonly serversFrom: Batcher<ShareServer[]>;
  private readonly scope: ReadScope | undefined;

  constructor(
    readonly settings: ManilaSettings,
    log: Logger = silentLogger,
    options: ClientOptions = {},
  ) {
    this.scope = options.scope;
    this.servers = new Batcher((ids) => this.serversById(ids), { scope: this.scope, name: "manila.servers" });
    this.serversFrom = new Batcher((ids) => this.serversBySource(ids), {
      scope: this.scope,
      name: "manila.serversFrom",
    });
    this.log = log.child({ backend: "manila" });
    for (const s of [settings.password, settings.token, settings.application_credential_secret])
      if (s) redactor.addSecret(s);
  }

  private http(url: string): HttpEndpoint {
    const origin = new URL(url).origin;
    let ep = this.endpoints.get(origin);
    if (!ep) {
      ep = new HttpEndpoint(url, {
        requestTimeoutMs: this.settings.http_timeout * 1000,
        caCert: this.settings.ca_cert,
        insecure: this.settings.insecure,
        log: this.log,
        scope: this.scope,
      });
      this.endpoints.set(origin, ep);
    }
    return ep;
  }

  /** Requests sent, by operation, over every endpoint (tests read it). */
  sent(operation: string): number {
    let n = 0;
    for (const ep of this.endpoints.values()) n += ep.sent.get(operation) ?? 0;
    return n;
  }

  private async authenticate(signal?: AbortSignal): Promise<Session> {
    const s = this.settings;
    if (this.session && this.session.expiresAt - TOKEN_MARGIN_MS > Date.now()) return this.session;
    if (!s.auth_url) {
      // Fixed endpoint mode: the token is used as given (validated by the settings schema).
      this.session = { token: s.token ?? "", endpoint: trimSlash(s.endpoint ?? ""), expiresAt: Infinity };
      return this.session;
    }
    const identity = s.application_credential_id
      ? {
          methods: ["application_credential"],
          application_credential: {
            id: s.application_credential_id,
            secret: s.application_credential_secret,
          },
        }
      : s.username
        ? {
            methods: ["password"],
            password: {
              user: { name: s.username, domain: { name: s.user_domain_name }, password: s.password },
            },
          }
        : { methods: ["token"], token: { id: s.token } };
    const scope = s.application_credential_id
      ? undefined
      : s.project_id
        ? { project: { id: s.project_id } }
        : s.project_name
          ? { project: { name: s.project_name, domain: { name: s.project_domain_name } } }
          : undefined;
    const base = trimSlash(s.auth_url);
    const url = `${base.endsWith("/v3") ? base : `${base}/v3`}/auth/tokens`;
    const u = new URL(url);
    const res = await this.http(url).request({
      method: "POST",
      path: u.pathname + u.search,
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ auth: { identity, ...(scope ? { scope } : {}) } }),
      // Issuing a token changes nothing that matters: safe to retry.
      write: false,
      operation: "keystone_auth",
      signal,
    });
    if (res.status !== 201 && res.status !== 200)
      throw faultError(
        res,
        "Keystone authentication",
        "Check OS_AUTH_URL and the credentials (OS_USERNAME/OS_PASSWORD, OS_TOKEN or the application credential) and the project scope.",
      );
    const token = res.headers["x-subject-token"];
    const body = parse(keystoneTokenSchema, res, "Keystone authentication");
    if (!token)
      throw new FerryError("UNEXPECTED_RESPONSE", {
        what: "Keystone answered without an X-Subject-Token header.",
        fix: "Check that auth_url points at Keystone v3.",
      });
    redactor.addSecret(token);
    const endpoint = s.endpoint ?? this.catalogEndpoint(body.token.catalog ?? []);
    const expiresAt = body.token.expires_at ? Date.parse(body.token.expires_at) : Date.now() + 3600_000;
    this.session = { token, endpoint: trimSlash(endpoint), expiresAt };
    return this.session;
  }

  private catalogEndpoint(
    catalog: z.output<typeof keystoneTokenSchema>["token"]["catalog"] & object,
  ): string {
    const s = this.settings;
    const service = catalog.find((c) => c.type === "sharev2");
    const match = service?.endpoints.find(
      (e) => e.interface === s.interface && (!s.region || e.region === s.region || e.region_id === s.region),
    );
    if (!match)
      throw new FerryError("INVALID_CONFIG", {
        what: `No sharev2 endpoint (interface ${s.interface}${s.region ? `, region ${s.region}` : ""}) in the Keystone catalog.`,
        why: service
          ? `sharev2 endpoints: ${service.endpoints.map((e) => `${e.interface}/${e.region ?? e.region_id ?? "-"}`).join(", ")}`
          : `The catalog has no service of type sharev2 (types: ${catalog.map((c) => c.type).join(", ") || "none"}).`,
        fix: "Set region (OS_REGION_NAME) / interface (OS_INTERFACE) to one the catalog offers, or give the endpoint explicitly (MANILA_ENDPOINT).",
      });
    return match.url;
  }

  /** One Manila call; answers 401 once with a fresh token. */
  private async call(
    method: "GET" | "POST" | "DELETE",
    path: string,
    opts: {
      operation: string;
      body?: unknown;
      write: boolean;
      experimental?: boolean;
      signal?: AbortSignal | undefined;
    },
  ): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      const session = await this.authenticate(opts.signal);
      const url = new URL(session.endpoint + path);
      const res = await this.http(session.endpoint).request({
        method,
        path: url.pathname + url.search,
        headers: {
          "x-auth-token": session.token,
          "x-openstack-manila-api-version": this.settings.api_version,
          ...(opts.experimental ? { "x-openstack-manila-api-experimental": "True" } : {}),
          accept: "application/json",
          ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
        },
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
        write: opts.write,
        operation: opts.operation,
        signal: opts.signal,
      });
      if (res.status === 401 && attempt === 0 && this.settings.auth_url) {
        this.session = undefined;
        continue;
      }
      if (opts.write && res.status >= 500) {
        const f = faultError(res, opts.operation);
        throw new FerryError("AMBIGUOUS_WRITE", {
          what: `${opts.operation}: Manila answered HTTP ${res.status}.`,
          why: `${f.apiMessage}. The request may or may not have been executed.`,
          fix: "Nothing is retried blindly: ferry observes the share server before doing anything else.",
        });
      }
      return res;
    }
  }

  /** GET share-servers/{id}; undefined when Manila answers 404. */
  async getServer(id: string, signal?: AbortSignal): Promise<ShareServer | undefined> {
    const res = await this.call("GET", `/share-servers/${encodeURIComponent(id)}`, {
      operation: "show_share_server",
      write: false,
      signal,
    });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw faultError(res, "show share server");
    return parse(shareServerBodySchema, res, "show share server").share_server;
  }

  private async serversById(ids: string[]): Promise<Map<string, ShareServer>> {
    const found = new Map<string, ShareServer>();
    if (ids.length === 1) {
      const s = await this.getServer(ids[0] ?? "");
      if (s) found.set(s.id, s);
      return found;
    }
    const wanted = new Set(ids);
    for (const s of await this.listServers({})) if (wanted.has(s.id)) found.set(s.id, s);
    return found;
  }

  private async serversBySource(ids: string[]): Promise<Map<string, ShareServer[]>> {
    const found = new Map<string, ShareServer[]>(ids.map((id) => [id, []]));
    const all =
      ids.length === 1
        ? await this.listServers({ source_share_server_id: ids[0] ?? "" })
        : await this.listServers({});
    for (const s of all) if (s.source_share_server_id) found.get(s.source_share_server_id)?.push(s);
    return found;
  }

  /** GET share-servers?filters (e.g. source_share_server_id). */
  async listServers(filters: Record<string, string>, signal?: AbortSignal): Promise<ShareServer[]> {
    const q = new URLSearchParams(filters).toString();
    const res = await this.call("GET", `/share-servers${q ? `?${q}` : ""}`, {
      operation: "list_share_servers",
      write: false,
      signal,
    });
    if (res.status !== 200) throw faultError(res, "list share servers");
    return parse(shareServerListSchema, res, "list share servers").share_servers;
  }

  private action(
    id: string,
    name: string,
    body: unknown,
    write: boolean,
    experimental: boolean,
    signal?: AbortSignal,
  ) {
    return this.call("POST", `/share-servers/${encodeURIComponent(id)}/action`, {
      operation: name,
      body: { [name]: body },
      write,
      experimental,
      signal,
    });
  }

  /** migration_check: read-only (ferry runs it at plan time). Manila's refusals come back as values. */
  async migrationCheck(id: string, p: MigrationParams, signal?: AbortSignal): Promise<CheckOutcome> {
    // new_share_network_id is always sent: a real Manila answers 500 when the key is missing.
    const res = await this.action(id, "migration_check", migrationBody(p), false, true, signal);
    if (res.status === 200) return { ok: true, result: parse(checkResultSchema, res, "migration_check") };
    if (res.status >= 400 && res.status < 500)
      return { ok: false, error: faultError(res, "migration_check") };
    throw faultError(res, "migration_check");
  }

  async migrationStart(id: string, p: MigrationParams, signal?: AbortSignal): Promise<void> {
    expect(
      await this.action(id, "migration_start", migrationBody(p), true, true, signal),
      202,
      "migration_start",
    );
  }

  async migrationComplete(id: string, signal?: AbortSignal): Promise<string> {
    const res = await this.action(id, "migration_complete", null, true, true, signal);
    expect(res, 200, "migration_complete");
    return parse(completeResultSchema, res, "migration_complete").destination_share_server_id;
  }

  async migrationCancel(id: string, signal?: AbortSignal): Promise<void> {
    expect(await this.action(id, "migration_cancel", null, true, true, signal), 202, "migration_cancel");
  }

  /** migration_get_progress; undefined when Manila refuses it (400 before the destination exists …). */
  async migrationProgress(id: string, signal?: AbortSignal): Promise<MigrationProgress | undefined> {
    const res = await this.action(id, "migration_get_progress", null, false, true, signal);
    if (res.status === 400) return undefined;
    expect(res, 200, "migration_get_progress");
    return parse(progressSchema, res, "migration_get_progress");
  }

  async resetStatus(id: string, status: string, signal?: AbortSignal): Promise<void> {
    expect(await this.action(id, "reset_status", { status }, true, false, signal), 202, "reset_status");
  }

  async resetTaskState(id: string, taskState: string | null, signal?: AbortSignal): Promise<void> {
    expect(
      await this.action(id, "reset_task_state", { task_state: taskState }, true, true, signal),
      202,
      "reset_task_state",
    );
  }

  async deleteServer(id: string, signal?: AbortSignal): Promise<void> {
    const res = await this.call("DELETE", `/share-servers/${encodeURIComponent(id)}`, {
      operation: "delete_share_server",
      write: true,
      signal,
    });
    if (res.status === 404) return;
    expect(res, 202, "delete_share_server");
  }
}

function migrationBody(p: MigrationParams) {
  return {
    host: p.host,
    writable: p.writable,
    nondisruptive: p.nondisruptive,
    preserve_snapshots: p.preserve_snapshots,
    new_share_network_id: p.new_share_network_id ?? null,
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function expect(res: HttpResponse, status: number, operation: string): void {
  if (res.status !== status) throw faultError(res, operation);
}

function parse<T extends z.ZodType>(schema: T, res: HttpResponse, operation: string): z.output<T> {
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch {
    json = undefined;
  }
  const r = schema.safeParse(json);
  if (!r.success)
    throw new FerryError("UNEXPECTED_RESPONSE", {
      what: `Manila ${operation}: the answer (HTTP ${res.status}) is not what the API documents.`,
      why: redactor.redact(res.text.slice(0, 300)),
      fix: "Check that the endpoint is a Manila v2 API of release Wallaby or later (microversion ≥ 2.57).",
    });
  return r.data;
}

/** Manila's fault envelope `{"<kind>": {"code", "message"}}` → ApiError with the API's own message. */
export function faultError(res: HttpResponse, operation: string, fix?: string): ApiError {
  let kind: string | undefined;
  let message = res.text.slice(0, 300) || `HTTP ${res.status} without a body`;
  try {
    const f = faultSchema.safeParse(JSON.parse(res.text));
    if (f.success) {
      const [k, v] = Object.entries(f.data)[0] ?? [];
      if (k && v?.message) {
        kind = k;
        message = v.message;
      }
      // Keystone's envelope: {"error": {"code", "message", "title"}}.
    }
  } catch {
    // not JSON: keep the text
  }
  const hint =
    res.status === 404 && message === "The resource could not be found."
      ? "Manila answers a bare 404 to migration actions without the experimental header or below microversion 2.57; check api_version and the endpoint."
      : res.status === 401
        ? "The token was refused: check the credentials (or, for a noauth Manila, token = <user>:<project_id>)."
        : res.status === 403
          ? "Share-server migration is admin-only by Manila's default policy: use an admin user."
          : undefined;
  return new ApiError({
    backend: "Manila",
    operation,
    status: res.status,
    ...(kind ? { apiCode: kind } : {}),
    apiMessage: redactor.redact(message),
    ...((fix ?? hint) ? { fix: fix ?? hint } : {}),
    ...(res.status === 404 ? { code: "NOT_FOUND" as const } : {}),
  });
}
