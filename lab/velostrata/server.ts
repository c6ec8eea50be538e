// The Velostrata manager's REST surface on loopback: HTTP Basic `apiuser` : subscription id (401 with
// an ErrorInfo otherwise), `/velostrata/api/<ver>/vms…` and `/tasks…`, operations answering 201 with a
// TaskId, ErrorInfo bodies for refusals, fault injection and a call log.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { FaultInjector } from "../cloudstack/faults.ts";
import { header, type LabCallRecord, readBody } from "../http.ts";
import { LabRefusal, type Operation, type VelostrataModel } from "./model.ts";

export const VELOSTRATA_WRITES = [
  "migrate",
  "preparetodetach",
  "detach",
  "canceldetach",
  "cleanup",
  "cancelTask",
] as const;

export type VelostrataCallRecord = LabCallRecord & { taskId?: string };

interface Deps {
  model: VelostrataModel;
  faults: FaultInjector;
  calls: VelostrataCallRecord[];
}

function errorInfo(status: number, errorCode: string, message: string, url: string) {
  return { status, body: { errorCode, message, url } };
}

function route(
  method: string,
  parts: string[],
):
  | { operation: string; run: (d: Deps, body: unknown, url: string) => { status: number; body: unknown } }
  | undefined {
  if (parts[0] === "vms" && parts.length === 1 && method === "GET")
    return {
      operation: "listVms",
      run: (d) => ({ status: 200, body: [...d.model.vms.values()].map((v) => d.model.vmView(v).stateInfo) }),
    };
  if (parts[0] === "vms" && parts.length === 2 && method === "GET")
    return {
      operation: "getVm",
      run: (d, _b, url) => {
        const vm = d.model.vms.get(parts[1]!);
        return vm
          ? { status: 200, body: d.model.vmView(vm) }
          : errorInfo(404, "VmNotFound", `VM ${parts[1]} not found`, url);
      },
    };
  if (parts[0] === "vms" && parts.length === 4 && parts[2] === "operations" && method === "POST") {
    const op = parts[3] as Operation;
    if (!["migrate", "preparetodetach", "detach", "canceldetach", "cleanup"].includes(op)) return undefined;
    return {
      operation: op,
      run: (d, body) => {
        const task = d.model.operate(parts[1]!, op, body);
        return { status: 201, body: { value: task.id, _type: "TaskId" } };
      },
    };
  }
  if (parts[0] === "tasks" && parts.length === 1 && method === "GET")
    return {
      operation: "listTasks",
      run: (d) => {
        const content = d.model.running().map((t) => d.model.taskView(t));
        return {
          status: 200,
          body: {
            number: 0,
            numberOfElements: content.length,
            totalElements: content.length,
            totalPages: 1,
            content,
            _type: "TaskDescriptionPage",
          },
        };
      },
    };
  if (parts[0] === "tasks" && parts.length === 2 && method === "GET")
    return {
      operation: "getTask",
      run: (d, _b, url) => {
        const t = d.model.tasks.get(parts[1]!);
        return t
          ? { status: 200, body: d.model.taskView(t) }
          : errorInfo(404, "TaskNotFound", `task ${parts[1]} not found`, url);
      },
    };
  if (parts[0] === "tasks" && parts.length === 2 && method === "DELETE")
    return {
      operation: "cancelTask",
      run: (d) => {
        d.model.cancel(parts[1]!);
        return { status: 202, body: null };
      },
    };
  return undefined;
}

function authorized(model: VelostrataModel, req: IncomingMessage): boolean {
  const auth = header(req, "authorization") ?? "";
  if (!auth.startsWith("Basic ")) return false;
  const [user, ...rest] = Buffer.from(auth.slice(6), "base64").toString("utf8").split(":");
  return user === "apiuser" && rest.join(":") === model.subscriptionId;
}

export function createVelostrataServer(deps: Deps, shutdown: AbortSignal): Server {
  return createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://lab");
    const text = await readBody(req).catch(() => "");
    const record: VelostrataCallRecord = {
      seq: deps.calls.length + 1,
      at: Date.now(),
      method,
      path: url.pathname,
      operation: "unknown",
      status: 0,
      executed: false,
    };
    deps.calls.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      const out = body === null || body === undefined ? "" : JSON.stringify(body);
      res.writeHead(status, {
        ...(out ? { "content-type": "application/json" } : {}),
        ...headers,
        "content-length": String(Buffer.byteLength(out)),
      });
      res.end(out);
    };
    const base = `/velostrata/api/${deps.model.apiVersion}/`;
    if (!url.pathname.startsWith(base))
      return send(404, { errorCode: "NotFound", message: `no such path ${url.pathname}`, url: url.pathname });
    const parts = url.pathname.slice(base.length).split("/").filter(Boolean).map(decodeURIComponent);
    const r = route(method, parts);
    if (!r)
      return send(404, { errorCode: "NotFound", message: `no such path ${url.pathname}`, url: url.pathname });
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
          429,
          { errorCode: "TooManyRequests", message: "Too many requests", url: url.pathname },
          { "retry-after": String(plan.before.retryAfterSeconds) },
        );
      return send(plan.before.status, {
        errorCode: "InternalError",
        message: "Internal Server Error",
        url: url.pathname,
      });
    }
    if (!authorized(deps.model, req))
      return send(
        401,
        { errorCode: "Unauthorized", message: "Bad credentials", url: url.pathname },
        {
          "www-authenticate": 'Basic realm="Velostrata"',
        },
      );
    let body: unknown;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      return send(400, { errorCode: "BadRequest", message: "the body is not JSON", url: url.pathname });
    }
    let answer: { status: number; body: unknown };
    try {
      answer = r.run(deps, body, url.pathname);
    } catch (e) {
      if (!(e instanceof LabRefusal)) throw e;
      answer = errorInfo(e.status, e.errorCode, e.message, url.pathname);
    }
    record.executed = answer.status < 400;
    const id = (answer.body as { value?: unknown } | null)?.value;
    if (typeof id === "string") record.taskId = id;
    if (plan.after) {
      if (plan.after.kind === "reset") return void res.socket?.destroy();
      return send(plan.after.status, {
        errorCode: "InternalError",
        message: "Internal Server Error",
        url: url.pathname,
      });
    }
    send(answer.status, answer.body);
  });
}
