// The Manila lab's HTTP side: Manila v2 share-server routes answered like a real Manila 15.1 (status
// codes, fault bodies and texts, microversion and experimental headers), a small Keystone v3 token
// endpoint, fault injection and a call log.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { FaultInjector } from "../cloudstack/faults.ts";
import { header, type LabCallRecord, readBody } from "../http.ts";
import {
  LAB_PROJECT,
  type LabServer,
  type LabShare,
  type ManilaModel,
  type MigrationRequest,
} from "./model.ts";

export const MAX_VERSION = "2.73";
export const KEYSTONE_PATH = "/identity/v3";

export interface ManilaCallRecord extends LabCallRecord {
  version?: string;
  experimental?: boolean;
}

export interface ManilaServerDeps {
  model: ManilaModel;
  faults: FaultInjector;
  calls: ManilaCallRecord[];
  /** Tokens Keystone issued (besides noauth `<user>:<project>` tokens). */
  tokens: Set<string>;
  credentials: { username: string; password: string };
  origin: () => string;
}

class Answer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

const FAULT_NAMES: Record<number, string> = {
  400: "badRequest",
  401: "unauthorized",
  403: "forbidden",
  404: "itemNotFound",
  405: "badMethod",
  409: "conflictingRequest",
  413: "overLimit",
  415: "badMediaType",
  501: "notImplemented",
  503: "serviceUnavailable",
};

export function fault(status: number, message: string): Answer {
  return new Answer(status, { [FAULT_NAMES[status] ?? "computeFault"]: { code: status, message } });
}

const MIGRATION_ACTIONS = [
  "migration_check",
  "migration_start",
  "migration_complete",
  "migration_cancel",
  "migration_get_progress",
  "reset_task_state",
];
const NOT_FOUND = "The resource could not be found.";

function versionTuple(v: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}
function atLeast(v: [number, number], minor: number): boolean {
  return v[0] > 2 || (v[0] === 2 && v[1] >= minor);
}

/** The share-server view by microversion (2.57: subnet id, task_state, source; 2.63/2.70: more). */
export function serverView(
  s: LabServer,
  model: ManilaModel,
  v: [number, number],
  detail = true,
): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: s.id,
    project_id: s.project_id,
    updated_at: s.updated_at,
    status: s.status,
    host: s.host,
    share_network_name: model.networks.get(s.share_network_id)?.name ?? null,
    share_network_id: s.share_network_id,
  };
  // The list view is a summary: no created_at, no backend_details.
  if (detail) {
    const n = 10 + 2 * (s.ip - 10);
    view.created_at = s.created_at;
    view.backend_details = {
      service_ip: `203.0.113.${s.ip}`,
      username: "fake_username",
      server_id: s.id,
      // Written by Python's json.dumps, with its separators.
      subnet_allocations: `[{"primary_public_ip": "198.51.100.${n}", "secondary_public_ip": "198.51.100.${n + 1}"}]`,
    };
  }
  view.is_auto_deletable = true;
  view.identifier = s.identifier;
  if (!atLeast(v, 70)) view.share_network_subnet_id = s.share_network_subnet_id;
  if (atLeast(v, 57)) {
    view.task_state = s.task_state;
    view.source_share_server_id = s.source_share_server_id;
  }
  if (atLeast(v, 63)) view.security_service_update_support = true;
  if (atLeast(v, 70)) {
    view.share_network_subnet_ids = [s.share_network_subnet_id];
    view.network_allocation_update_support = true;
  }
  return view;
}

/** The share view (GET /v2/{project_id}/shares/{id}) of a dummy-driver NFS share; 2.69 adds soft delete. */
export function shareView(
  sh: LabShare,
  model: ManilaModel,
  v: [number, number],
  origin: string,
): Record<string, unknown> {
  const server = model.servers.get(sh.share_server_id);
  const host = server?.host ?? "";
  const backend = host.split("@")[1] ?? "";
  const view: Record<string, unknown> = {
    id: sh.id,
    size: 1,
    availability_zone: "nova",
    created_at: sh.created_at,
    status: sh.status,
    name: sh.name,
    description: null,
    project_id: LAB_PROJECT,
    snapshot_id: null,
    share_network_id: server?.share_network_id ?? null,
    share_proto: "NFS",
    metadata: {},
    share_type: "84fc8b41-a4bf-430b-a778-67558834772a",
    volume_type: "dhss_true",
    links: [
      { rel: "self", href: `${origin}/v2/${LAB_PROJECT}/shares/${sh.id}` },
      { rel: "bookmark", href: `${origin}/${LAB_PROJECT}/shares/${sh.id}` },
    ],
    is_public: false,
    snapshot_support: true,
    task_state: null,
    share_type_name: "dhss_true",
    access_rules_status: "active",
    replication_type: null,
    has_replicas: false,
    user_id: "admin",
    create_share_from_snapshot_support: false,
    revert_to_snapshot_support: false,
    share_group_id: null,
    source_share_group_snapshot_member_id: null,
    mount_snapshot_support: false,
    progress: "100%",
    share_server_id: sh.share_server_id,
    host: `${host}#fake_pool_for_${backend.toUpperCase()}`,
  };
  if (atLeast(v, 69)) {
    view.is_soft_deleted = false;
    view.scheduled_to_be_deleted_at = null;
  }
  return view;
}

const TRUE = ["1", "t", "true", "on", "y", "yes"];
const FALSE = ["0", "f", "false", "off", "n", "no"];
function bool(v: unknown, key: string): boolean | Answer {
  if (typeof v === "boolean") return v;
  const t = String(v).toLowerCase();
  if (TRUE.includes(t)) return true;
  if (FALSE.includes(t)) return false;
  return fault(400, `Invalid value ${String(v)} for ${key}. Expecting a boolean.`);
}

/** Validation shared by migration_check and migration_start, in Manila's order. */
function migrationRequest(
  model: ManilaModel,
  src: LabServer,
  params: unknown,
  action: "migration_check" | "migration_start",
): { req: MigrationRequest; raw: Record<string, unknown> } | Answer {
  if (!params || typeof params !== "object" || Object.keys(params).length === 0)
    return fault(400, "Request is missing body.");
  const raw = params as Record<string, unknown>;
  const mandatory = ["writable", "nondisruptive", "preserve_snapshots", "host"];
  if (mandatory.some((k) => raw[k] === undefined))
    return fault(
      400,
      `Must specify all mandatory parameters: ['writable', 'nondisruptive', 'preserve_snapshots', 'host']`,
    );
  const flags: Record<string, boolean> = {};
  for (const k of ["writable", "nondisruptive", "preserve_snapshots"]) {
    const b = bool(raw[k], k);
    if (b instanceof Answer) return b;
    flags[k] = b;
  }
  const host = String(raw.host);
  if (host.includes("#")) return fault(400, "The destination host can not contain pool information.");
  const net = (raw.new_share_network_id as string | null | undefined) ?? null;
  if (net !== null) {
    const n = model.networks.get(net);
    if (!n) return fault(400, `Share network ${net} not found.`);
    if (n.status !== "active")
      return fault(
        400,
        `The share network ${net} used isn't in an 'active' state. Current status is ${n.status}. The action may be retried after the share network has changed its state.`,
      );
  }
  const backend = model.backends.get(host);
  if (!backend) return fault(404, `ServiceNotFound: Service ${host} could not be found.`);
  if (!backend.up) return fault(400, `Service ${host} is down.`);
  const invalid = (m: string) => fault(409, `Invalid share server: ${m}`);
  // Manila's _migration_initial_checks, in its order and words.
  const shares = model.sharesOf(src.id);
  if (shares.length === 0) return invalid(`Share server ${src.id} does not have shares.`);
  if (shares.some((s) => s.soft_deleted))
    return invalid(`Share server ${src.id} has at least one share that has been soft deleted.`);
  if (src.status !== "active")
    return invalid(`Share server ${src.id} status must be active, but current status is: ${src.status}.`);
  if (shares.some((s) => s.share_group_id))
    return invalid(`The share server ${src.id} can not be migrated because it is related to a share group.`);
  if (host === src.host && (net === null || net === src.share_network_id))
    return invalid(
      "There is no difference between source and destination backends and between source and destination share networks. Share server migration will not proceed.",
    );
  // Only a destination still being migrated to counts; an inactive one left by a cancel does not.
  if (
    [...model.servers.values()].some(
      (d) => d.source_share_server_id === src.id && d.status === "server_migrating_to",
    )
  )
    return invalid(
      "There is at least one destination share server pointing to this source share server. Clean up your environment before starting a new migration.",
    );
  for (const sh of shares) {
    if (sh.status !== "available")
      return invalid(`Share ${sh.id} status must be available, but current status is: ${sh.status}.`);
    if (sh.has_replicas)
      return invalid(
        `Share ${sh.id} has replicas. Remove the replicas of all shares in the share server before attempting to migrate it.`,
      );
    if ((sh.snapshots ?? []).some((st) => st !== "available"))
      return invalid(
        `All snapshots must have 'available' status to be migrated by the driver along with share ${sh.id}.`,
      );
    // The lab has no share instances: the share's id stands in for its instance's id.
    if (sh.access_rules_status === "error")
      return invalid(
        `Share instance ${sh.id} access rules status must not be in error when attempting to start a share server migration.`,
      );
  }
  if (action === "migration_start" && flags.nondisruptive && net !== null && net !== src.share_network_id)
    return fault(
      400,
      "Nondisruptive migration would only be feasible when the current and new share networks carry the same 'neutron_net_id' and 'neutron_subnet_id', or when no network changes are occurring.",
    );
  return {
    req: {
      host,
      writable: flags.writable!,
      nondisruptive: flags.nondisruptive!,
      preserve_snapshots: flags.preserve_snapshots!,
      new_share_network_id: net,
    },
    raw,
  };
}

function action(
  model: ManilaModel,
  src: LabServer,
  name: string,
  params: unknown,
  v: [number, number],
): Answer {
  const invalid = (m: string) => fault(400, `Invalid share server: ${m}`);
  switch (name) {
    case "migration_check": {
      const r = migrationRequest(model, src, params, name);
      if (r instanceof Answer) return r;
      // A real Manila reads the key unconditionally in the view: without it, 500.
      if (!("new_share_network_id" in r.raw))
        return fault(
          500,
          "The server has either erred or is incapable of performing the requested operation.",
        );
      const b = model.backends.get(r.req.host)!;
      const supported = {
        writable: b.writable,
        nondisruptive: b.nondisruptive,
        preserve_snapshots: b.preserve_snapshots,
        share_network_id: r.req.new_share_network_id ?? src.share_network_id,
        migration_cancel: true,
        migration_get_progress: true,
      };
      const compatible =
        (!r.req.writable || b.writable) &&
        (!r.req.nondisruptive || b.nondisruptive) &&
        (!r.req.preserve_snapshots || b.preserve_snapshots);
      return new Answer(200, {
        compatible,
        requested_capabilities: {
          writable: r.raw.writable,
          nondisruptive: r.raw.nondisruptive,
          preserve_snapshots: r.raw.preserve_snapshots,
          share_network_id: r.req.new_share_network_id,
          host: r.req.host,
        },
        supported_capabilities: supported,
      });
    }
    case "migration_start": {
      const r = migrationRequest(model, src, params, name);
      if (r instanceof Answer) return r;
      model.start(src, r.req);
      return new Answer(202, null);
    }
    case "migration_complete": {
      if (src.status !== "server_migrating") return invalid(`Share server ${src.id} is not migrating`);
      const dst = model.destinationOf(src);
      if (src.task_state !== "migration_driver_phase1_done" || !dst)
        return invalid(
          `The first phase of migration has to finish to request the completion of server ${src.id}'s migration.`,
        );
      model.complete(src, dst);
      return new Answer(200, { destination_share_server_id: dst.id });
    }
    case "migration_cancel": {
      if (src.status !== "server_migrating")
        return invalid(
          "Migration of share server %s cannot be cancelled because the provided share server is not being migrated.",
        );
      if (!["migration_driver_in_progress", "migration_driver_phase1_done"].includes(src.task_state ?? ""))
        return invalid(
          `Migration of share server ${src.id} can be cancelled only after the driver already started the migration, or when the first phase of the migration gets completed.`,
        );
      model.cancel(src);
      return new Answer(202, null);
    }
    case "migration_get_progress": {
      if (src.status !== "server_migrating")
        return invalid(
          `Migration progress of share server ${src.id} cannot be obtained. The provided share server is not being migrated.`,
        );
      const dst =
        model.destinationOf(src) ??
        [...model.servers.values()].find((d) => d.source_share_server_id === src.id);
      if (!dst?.source_share_server_id)
        return invalid(`A destination share server wasn't found for source share server ${src.id}.`);
      const task = src.task_state ?? "";
      const total =
        task === "migration_driver_in_progress"
          ? src.progress
          : ["migration_starting", "migration_in_progress", "migration_driver_starting"].includes(task)
            ? 0
            : 100;
      return new Answer(200, {
        total_progress: total,
        task_state: dst.task_state ?? "",
        destination_share_server_id: dst.id,
      });
    }
    case "reset_task_state": {
      const p = params as { task_state?: string | null } | null;
      if (!p || typeof p !== "object" || !("task_state" in p)) return fault(400, "Must specify 'task_state'");
      model.resetTaskState(src, p.task_state ?? null);
      return new Answer(202, null);
    }
    case "reset_status": {
      const p = params as { status?: string } | null;
      if (!p?.status) return fault(400, "Must specify 'status'");
      model.resetStatus(src, p.status);
      return new Answer(202, null);
    }
    default:
      void v;
      return fault(400, `There is no such action: ${name}`);
  }
}

interface Route {
  operation: string;
  run: () => Answer;
  version?: string;
  experimental?: boolean;
}

function keystone(deps: ManilaServerDeps, text: string): Answer {
  let body: {
    auth?: { identity?: Record<string, unknown>; scope?: { project?: { id?: string; name?: string } } };
  };
  try {
    body = JSON.parse(text);
  } catch {
    return new Answer(400, { error: { code: 400, message: "Malformed request body", title: "Bad Request" } });
  }
  const identity = body.auth?.identity ?? {};
  const methods = (identity.methods as string[] | undefined) ?? [];
  const unauthorized = new Answer(401, {
    error: {
      code: 401,
      message: "The request you have made requires authentication.",
      title: "Unauthorized",
    },
  });
  if (methods.includes("password")) {
    const user = (identity.password as { user?: { name?: string; password?: string } } | undefined)?.user;
    if (user?.name !== deps.credentials.username || user.password !== deps.credentials.password)
      return unauthorized;
  } else if (methods.includes("token")) {
    const id = (identity.token as { id?: string } | undefined)?.id ?? "";
    if (!deps.tokens.has(id) && !/^[^:\s]+:[0-9a-f-]+$/.test(id)) return unauthorized;
  } else if (methods.includes("application_credential")) {
    const ac = identity.application_credential as { id?: string; secret?: string } | undefined;
    if (ac?.id !== "lab-app-cred" || ac.secret !== deps.credentials.password) return unauthorized;
  } else return unauthorized;
  const token = `gAAAAA${randomUUID().replaceAll("-", "")}`;
  deps.tokens.add(token);
  return new Answer(
    201,
    {
      token: {
        methods,
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        issued_at: new Date().toISOString(),
        project: { id: LAB_PROJECT, name: "admin", domain: { id: "default", name: "Default" } },
        user: { id: "admin", name: deps.credentials.username, domain: { id: "default", name: "Default" } },
        roles: [{ id: "admin", name: "admin" }],
        catalog: [
          {
            type: "sharev2",
            name: "manilav2",
            endpoints: [
              {
                interface: "public",
                region: "RegionOne",
                region_id: "RegionOne",
                url: `${deps.origin()}/v2/${LAB_PROJECT}`,
              },
              {
                interface: "internal",
                region: "RegionOne",
                region_id: "RegionOne",
                url: `${deps.origin()}/v2/${LAB_PROJECT}`,
              },
            ],
          },
        ],
      },
    },
    { "x-subject-token": token },
  );
}

export function createManilaServer(deps: ManilaServerDeps, shutdown: AbortSignal): Server {
  let seq = 0;
  return createServer(async (req, res) => {
    const at = Date.now();
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://lab");
    const text = await readBody(req).catch(() => "");
    const versionHeader = header(req, "x-openstack-manila-api-version");
    const experimental = header(req, "x-openstack-manila-api-experimental")?.toLowerCase() === "true";
    const version = versionHeader ?? "2.0";
    const route = resolve(deps, method, url, text, version, experimental, header(req, "x-auth-token"));
    const plan = deps.faults.plan(route.operation);
    const record: ManilaCallRecord = {
      seq: ++seq,
      at,
      method,
      path: url.pathname + url.search,
      operation: route.operation,
      status: 0,
      executed: false,
      ...(versionHeader ? { version: versionHeader } : {}),
      ...(experimental ? { experimental } : {}),
      ...(plan.label ? { fault: plan.label } : {}),
    };
    deps.calls.push(record);
    if (plan.latencyMs > 0) await new Promise((r) => setTimeout(r, plan.latencyMs));
    if (plan.hold && (await plan.hold.wait(res)) === "dropped") return;
    if (shutdown.aborted) return void res.socket?.destroy();
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-compute-request-id": `req-${randomUUID()}`,
      "x-openstack-manila-api-version": version,
      vary: "X-OpenStack-Manila-API-Version",
      // A version the API refuses (406) is answered without the experimental echo.
      ...(experimental && !/^([3-9]|\d{2,})\./.test(version)
        ? { "x-openstack-manila-api-experimental": "True" }
        : {}),
    };
    const send = (a: Answer) => {
      record.status = a.status;
      const body = a.body === null ? "" : JSON.stringify(a.body);
      res.writeHead(a.status, {
        ...headers,
        ...a.headers,
        "content-length": String(Buffer.byteLength(body)),
      });
      res.end(body);
    };
    if (plan.before) {
      if (plan.before.kind === "reset") return void res.socket?.destroy();
      if (plan.before.kind === "ratelimit")
        return send(
          new Answer(
            429,
            {
              overLimit: {
                code: 429,
                message: "This request was rate-limited.",
                retryAfter: String(plan.before.retryAfterSeconds),
              },
            },
            { "retry-after": String(plan.before.retryAfterSeconds) },
          ),
        );
      return send(
        fault(
          plan.before.status,
          "The server has either erred or is incapable of performing the requested operation.",
        ),
      );
    }
    const answer = route.run();
    record.executed = answer.status < 400;
    if (plan.after) {
      if (plan.after.kind === "reset") return void res.socket?.destroy();
      return send(
        fault(
          plan.after.status,
          "The server has either erred or is incapable of performing the requested operation.",
        ),
      );
    }
    send(answer);
  });
}

function resolve(
  deps: ManilaServerDeps,
  method: string,
  url: URL,
  text: string,
  version: string,
  experimental: boolean,
  token: string | undefined,
): Route {
  const { model } = deps;
  if (url.pathname === `${KEYSTONE_PATH}/auth/tokens` && method === "POST")
    return { operation: "keystone_auth", run: () => keystone(deps, text) };
  const parts = url.pathname.split("/").filter(Boolean);
  if (parts[0] !== "v2") return { operation: "unknown", run: () => fault(404, NOT_FOUND) };
  // Both /v2/{project_id}/share-servers and /v2/share-servers route; a project id must look like one.
  let rest = parts.slice(1);
  if (rest[0] !== "share-servers") {
    if (!/^[0-9a-f-]+$/.test(rest[0] ?? ""))
      return { operation: "unknown", run: () => new Answer(404, null) };
    rest = rest.slice(1);
  }
  const unauthorized = !token || !(deps.tokens.has(token) || /^[^:\s]+:[0-9a-f-]+$/.test(token));
  const v = versionTuple(version);
  const guard = (operation: string, run: () => Answer, migration = false): Route => ({
    operation,
    run: () => {
      if (unauthorized) return fault(401, "Unauthorized");
      if (!v || v[0] < 2) return fault(400, `Invalid API version request string ${version}`);
      const max = versionTuple(MAX_VERSION)!;
      if (v[0] > 2 || v[1] > max[1])
        return fault(
          406,
          "Version %(req_ver)s is not supported by the API. Minimum is %(min_ver)s and maximum is %(max_ver)s.",
        );
      if (migration && (!experimental || !atLeast(v, 57))) return fault(404, NOT_FOUND);
      return run();
    },
  });
  if (rest[0] === "shares" && rest[1] && rest.length === 2 && method === "GET") {
    const shareId = rest[1];
    return guard("show_share", () => {
      const sh = model.shares.get(shareId);
      return sh
        ? new Answer(200, { share: shareView(sh, model, v ?? [2, 0], deps.origin()) })
        : fault(404, `Share ${shareId} could not be found.`);
    });
  }
  if (rest[0] !== "share-servers") return { operation: "unknown", run: () => fault(404, NOT_FOUND) };
  const id = rest[1];
  const notFound = (sid: string) => fault(404, `Share server ${sid} could not be found.`);
  if (!id && method === "GET")
    return guard("list_share_servers", () => {
      const filters = [...url.searchParams.entries()];
      const list = [...model.servers.values()].filter((s) =>
        filters.every(([k, val]) => String((s as unknown as Record<string, unknown>)[k] ?? "") === val),
      );
      return new Answer(200, { share_servers: list.map((s) => serverView(s, model, v ?? [2, 0], false)) });
    });
  if (id && rest.length === 2 && method === "GET")
    return guard("show_share_server", () => {
      const s = model.servers.get(id);
      return s ? new Answer(200, { share_server: serverView(s, model, v ?? [2, 0]) }) : notFound(id);
    });
  if (id && rest.length === 2 && method === "DELETE")
    return guard("delete_share_server", () => {
      const s = model.servers.get(id);
      if (!s) return notFound(id);
      if (!["error", "active"].includes(s.status))
        return fault(
          403,
          `Share server's actual status is ${s.status}, allowed statuses for deletion are ['error', 'active'].`,
        );
      model.delete(s);
      return new Answer(202, null);
    });
  if (id && rest[2] === "action" && method === "POST") {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return guard("malformed", () => fault(400, "Malformed request body"));
    }
    const name = body && typeof body === "object" ? (Object.keys(body)[0] ?? "") : "";
    const params = (body as Record<string, unknown> | null)?.[name];
    return guard(
      name || "unknown",
      () => {
        const s = model.servers.get(id);
        if (!s && name === "migration_get_progress") {
          // After a completed move the deleted source still answers: the successful destination, 100 %.
          const dst = [...model.servers.values()].find(
            (d) =>
              d.source_share_server_id === id &&
              d.status === "active" &&
              d.task_state === "migration_success",
          );
          if (dst)
            return new Answer(200, {
              total_progress: 100,
              task_state: dst.task_state,
              destination_share_server_id: dst.id,
            });
        }
        if (!s) return notFound(id);
        return action(model, s, name, params, v ?? [2, 0]);
      },
      MIGRATION_ACTIONS.includes(name),
    );
  }
  return {
    operation: "unknown",
    run: () => fault(405, "The method specified is not allowed for this resource."),
  };
}
