// The Danube Cloud lab's HTTP side: Danube's routes under /api/ (each ending in a slash; without it,
// a 301 as Django's CommonMiddleware answers), authentication in Danube's order with its 403s, the
// virtual datacenter from `dc` (query for GET, JSON body otherwise), the replica module switch, the
// response headers (es_version, es_username, es_dc, es_task_id), ES-STREAM answers as
// api/middleware.py streams them to the `es` client, fault injection and a call log.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { FaultInjector } from "../cloudstack/faults.ts";
import { header, type LabCallRecord, readBody } from "../http.ts";
import type { DanubeModel, LabUser } from "./model.ts";
import {
  Answer,
  detail,
  nodeGet,
  nodeList,
  nodeStorageList,
  replicaCreate,
  replicaDelete,
  replicaFailover,
  replicaGet,
  replicaList,
  replicaReinit,
  replicaUpdate,
  taskDetails,
  taskDone,
  taskList,
  taskStatusAnswer,
  type ViewContext,
  vmDefine,
  vmDefineDisks,
  vmGet,
  vmList,
  vmStatus,
  vmStatusList,
} from "./views.ts";

export const API_PATH = "/api";
export const ES_VERSION = "4.6";

/** The operations that change something (what tests count: each must run exactly once). */
export const DANUBE_WRITES = [
  "vm_replica_create",
  "vm_replica_update",
  "vm_replica_delete",
  "vm_replica_failover",
  "vm_replica_reinit",
] as const;

export interface DanubeCallRecord extends LabCallRecord {
  /** How the request authenticated. */
  auth?: "token" | "api-key" | "none";
  user?: string;
  dc?: string;
  taskId?: string;
  /** The answer was streamed to an ES-STREAM client. */
  stream?: boolean;
}

export interface DanubeServerDeps {
  model: DanubeModel;
  faults: FaultInjector;
  calls: DanubeCallRecord[];
}

interface Route {
  operation: string;
  /** Needs no authentication (login). */
  open?: boolean;
  /** A replica view: the module switch applies, writes need an admin. */
  replica?: boolean;
  write?: boolean;
  /** Bound to a datacenter (dc is resolved). */
  dcBound?: boolean;
  run: (ctx: ViewContext) => Answer;
}

/** DRF authenticates before it looks for the method's handler: a wrong method is a 405 after auth. */
const notAllowed = (method: string): Route => ({
  operation: "method_not_allowed",
  run: () => detail(405, `Method "${method}" not allowed.`),
});

/** Danube's URL table for what the lab serves; `undefined` when nothing is routed there (404). */
function route(method: string, parts: string[]): Route | undefined {
  const [a, b, c, d, e] = parts;
  const only = (m: string, r: Route): Route => (method === m ? r : notAllowed(method));
  const get = (operation: string, run: Route["run"], dcBound = true) =>
    only("GET", { operation, run, dcBound });
  if (a === "accounts" && b === "login" && parts.length === 2)
    return only("POST", { operation: "login", open: true, run: () => detail(500, "unreachable") });
  if (a === "accounts" && b === "logout" && parts.length === 2)
    return get("logout", () => detail(500, "unreachable"), false);
  if (a === "vm") {
    if (parts.length === 1) return get("vm_list", vmList);
    if (b === "status" && parts.length === 2) return get("vm_status_list", vmStatusList);
    const host = b!;
    if (parts.length === 2) return get("vm_manage", (ctx) => vmGet(ctx, host));
    if (c === "status" && parts.length === 3) return get("vm_status", (ctx) => vmStatus(ctx, host));
    if (c === "define" && parts.length === 3) return get("vm_define", (ctx) => vmDefine(ctx, host));
    if (c === "define" && d === "disk" && parts.length === 4)
      return get("vm_define_disk_list", (ctx) => vmDefineDisks(ctx, host));
    if (c === "replica") {
      if (parts.length === 3)
        return only("GET", {
          operation: "vm_replica_list",
          replica: true,
          dcBound: true,
          run: (ctx) => replicaList(ctx, host),
        });
      const rep = d!;
      if (parts.length === 4) {
        const views: Record<string, [string, (ctx: ViewContext, h: string, r: string) => Answer]> = {
          GET: ["vm_replica", replicaGet],
          POST: ["vm_replica_create", replicaCreate],
          PUT: ["vm_replica_update", replicaUpdate],
          DELETE: ["vm_replica_delete", replicaDelete],
        };
        const v = views[method];
        if (!v) return notAllowed(method);
        return {
          operation: v[0],
          replica: true,
          write: method !== "GET",
          dcBound: true,
          run: (ctx) => v[1](ctx, host, rep),
        };
      }
      if (parts.length === 5 && (e === "failover" || e === "reinit"))
        return only("PUT", {
          operation: e === "failover" ? "vm_replica_failover" : "vm_replica_reinit",
          replica: true,
          write: true,
          dcBound: true,
          run: (ctx) => (e === "failover" ? replicaFailover(ctx, host, rep) : replicaReinit(ctx, host, rep)),
        });
    }
    return undefined;
  }
  if (a === "node") {
    if (parts.length === 1) return get("node_list", nodeList);
    if (parts.length === 2) return get("node", (ctx) => nodeGet(ctx, b!));
    if (c === "storage" && parts.length === 3)
      return get("node_storage_list", (ctx) => nodeStorageList(ctx, b!));
    return undefined;
  }
  if (a === "task") {
    if (parts.length === 1) return get("task_list", taskList);
    const id = b!;
    if (parts.length === 2) return get("task_details", (ctx) => taskDetails(ctx, id), false);
    if ((c === "status" || c === "state") && parts.length === 3)
      return get("task_status", (ctx) => taskStatusAnswer(ctx, id), false);
    if (c === "done" && parts.length === 3) return get("task_done", (ctx) => taskDone(ctx, id), false);
  }
  return undefined;
}

type Authenticated =
  | { user: LabUser; auth: "token" | "api-key" }
  | { error: Answer; auth: DanubeCallRecord["auth"] };

/** Danube's authenticators in order (session, ES-API-KEY, token); every failure is a 403. */
function authenticate(model: DanubeModel, req: IncomingMessage): Authenticated {
  const apiKey = header(req, "es-api-key");
  const users = [...model.users.values()];
  const allowed = (user: LabUser, auth: "token" | "api-key"): Authenticated =>
    user.apiAccess
      ? { user, auth }
      : { error: detail(403, "User account is not allowed to access API"), auth };
  if (apiKey) {
    const user = users.find((u) => u.apiKey === apiKey);
    return user ? allowed(user, "api-key") : { error: detail(403, "Invalid API key"), auth: "api-key" };
  }
  const authz = header(req, "authorization");
  const m = authz ? /^Token\s+(\S+)$/i.exec(authz) : null;
  if (m) {
    const user = users.find((u) => u.token?.key === m[1]);
    if (!user) return { error: detail(403, "Invalid token."), auth: "token" };
    if (Date.now() - user.token!.created > model.tokenTtlMs)
      return { error: detail(403, "Authentication credentials were not provided."), auth: "token" };
    return allowed(user, "token");
  }
  return { error: detail(403, "Authentication credentials were not provided."), auth: "none" };
}

function login(model: DanubeModel, text: string): Answer {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text || "{}") as Record<string, unknown>;
  } catch {
    return detail(400, "JSON parse error");
  }
  const missing: Record<string, string[]> = {};
  for (const k of ["username", "password"])
    if (body[k] === undefined) missing[k] = ["This field is required."];
  if (Object.keys(missing).length) return detail(400, missing);
  if (!body.username || !body.password) return detail(400, 'Must include "username" and "password".');
  const user = model.users.get(String(body.username));
  if (!user || user.password !== String(body.password))
    return detail(400, "Unable to log in with provided credentials.");
  if (!user.apiAccess) return detail(400, "User account is not allowed to access API.");
  const token = model.login(user);
  return new Answer(200, {
    token: token.key,
    expires: token.expires,
    detail: "Welcome to Danube Cloud API.",
  });
}

function dataOf(method: string, url: URL, text: string): Record<string, unknown> | Answer {
  if (method === "GET") return Object.fromEntries(url.searchParams.entries());
  if (!text.trim()) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
    return detail(400, "JSON parse error - Expected an object");
  } catch (e) {
    return detail(400, `JSON parse error - ${(e as Error).message}`);
  }
}

const STATE_CODE: Record<string, number> = {
  PENDING: 201,
  STARTED: 201,
  SUCCESS: 200,
  FAILURE: 400,
  REVOKED: 410,
};

export function createDanubeServer(deps: DanubeServerDeps, shutdown: AbortSignal): Server {
  const { model } = deps;
  let seq = 0;
  return createServer(async (req, res) => {
    const at = Date.now();
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://lab");
    const text = await readBody(req).catch(() => "");
    const record: DanubeCallRecord = {
      seq: ++seq,
      at,
      method,
      path: url.pathname + url.search,
      operation: "unknown",
      status: 0,
      executed: false,
    };
    deps.calls.push(record);
    const headers: Record<string, string> = { "content-type": "application/json", es_version: ES_VERSION };
    const send = (a: Answer) => {
      record.status = a.status;
      const body = a.body === null || a.body === undefined ? "" : JSON.stringify(a.body);
      res.writeHead(a.status, {
        ...headers,
        ...a.headers,
        "content-length": String(Buffer.byteLength(body)),
      });
      res.end(body);
    };

    // Django's CommonMiddleware (APPEND_SLASH): a path without its slash is redirected; the method
    // and body of the request are lost on the way.
    if (!url.pathname.endsWith("/")) {
      record.operation = "redirect";
      record.status = 301;
      res.writeHead(301, { location: `${url.pathname}/${url.search}`, "content-length": "0" });
      return void res.end();
    }
    if (!url.pathname.startsWith(`${API_PATH}/`)) return send(new Answer(404, { detail: "Not found" }));
    const parts = url.pathname.slice(API_PATH.length).split("/").filter(Boolean);
    const r = route(method, parts);
    if (!r) {
      // Unrouted (e.g. /api/dc/<dc>/vm/<h>/replica/): Django's handler404 [I: its body is not known]
      record.operation = "unknown";
      return send(new Answer(404, { detail: "Not found" }));
    }
    record.operation = r.operation;

    const plan = deps.faults.plan(r.operation);
    if (plan.label) record.fault = plan.label;
    if (plan.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, plan.latencyMs));
    if (plan.hold && (await plan.hold.wait(res)) === "dropped") return;
    if (shutdown.aborted) return void res.socket?.destroy();
    if (plan.before) {
      if (plan.before.kind === "reset") return void res.socket?.destroy();
      if (plan.before.kind === "ratelimit")
        return send(
          new Answer(
            429,
            {
              detail: `Request was throttled. Expected available in ${plan.before.retryAfterSeconds} seconds.`,
            },
            { "retry-after": String(plan.before.retryAfterSeconds) },
          ),
        );
      return send(new Answer(plan.before.status, { detail: "Internal Server Error" }));
    }

    const answer = ((): Answer => {
      if (r.open) return login(model, text);
      const who = authenticate(model, req);
      record.auth = who.auth;
      if ("error" in who) return who.error;
      record.user = who.user.username;
      headers.es_username = who.user.username;
      if (r.operation === "logout") {
        who.user.token = undefined;
        return new Answer(200, { detail: "Bye." });
      }
      const data = dataOf(method, url, text);
      if (data instanceof Answer) return data;
      const dc = data.dc === undefined ? model.dcs[0]! : String(data.dc);
      if (r.dcBound && !model.dcs.includes(dc)) return detail(404, "Datacenter not found");
      record.dc = dc;
      headers.es_dc = dc;
      if (r.write && !who.user.admin) return detail(403, "Permission denied");
      if (r.replica && !model.replicationEnabled) return detail(404, "Not found");
      return r.run({ model, user: who.user, dc, data });
    })();
    const write = (DANUBE_WRITES as readonly string[]).includes(r.operation);
    record.executed = write ? [200, 201, 205].includes(answer.status) : answer.status < 400;
    if (answer.task) record.taskId = answer.task.id;
    if (plan.after) {
      if (plan.after.kind === "reset") return void res.socket?.destroy();
      return send(new Answer(plan.after.status, { detail: "Internal Server Error" }));
    }
    // ES-STREAM (the `es` client): hold the connection, a space per pause, then the task's final
    // status code on its own line and its status answer (api/middleware.py).
    if (answer.task && answer.status === 201 && header(req, "es-stream")) {
      record.stream = true;
      record.status = 201;
      return stream(model, res, answer, headers, shutdown);
    }
    send(answer);
  });
}

function stream(
  model: DanubeModel,
  res: ServerResponse,
  answer: Answer,
  headers: Record<string, string>,
  shutdown: AbortSignal,
): void {
  const task = answer.task!;
  res.writeHead(201, { ...headers, ...answer.headers, es_stream: "True", es_task_id: task.id });
  const tick = () => {
    if (shutdown.aborted || res.destroyed) return void res.destroy();
    if (task.state === "PENDING" || task.state === "STARTED") {
      res.write(" ");
      setTimeout(tick, model.streamNapMs);
      return;
    }
    const code = STATE_CODE[task.state] ?? 200;
    res.end(`${code}\n${JSON.stringify({ task_id: task.id, status: task.state, result: task.result })}`);
  };
  setTimeout(tick, model.streamNapMs);
}
