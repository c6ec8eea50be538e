// The HTTP face of the lab: /client/api, GET with a query string or POST with an
// application/x-www-form-urlencoded body (or both, merged like a servlet does), signed as in apis.md §1.1.
// Answers are always JSON (response=json is what every client sends; the lab has no XML).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { CommandContext } from "./command.ts";
import { findCommand } from "./commands.ts";
import { CloudStackError, CsErrorCode, ErrorCode, cloudRuntime, errorEnvelope } from "./errors.ts";
import type { FaultInjector, FaultPlan } from "./faults.ts";
import { AUTH_FAILURE_TEXT, type RequestParam, verifyRequest } from "./signature.ts";
import type { Json } from "./views.ts";

export const API_PATH = "/client/api";
const MAX_BODY_BYTES = 1024 * 1024;

/** One request as the lab saw it. */
export interface CallRecord {
  /** 1, 2, 3… in arrival order. */
  seq: number;
  /** Milliseconds since the lab started, at arrival. */
  at: number;
  method: string;
  /** The command parameter as sent ("" when missing). */
  command: string;
  /** Every parameter except signature, apikey and command (names lowercased). */
  params: Record<string, string>;
  /** HTTP status answered; 0 when the connection was reset instead. */
  httpStatus: number;
  /** CloudStack errorcode of an error answer. */
  errorcode?: number;
  /** The job the command created (also when a fault hid it from the client). */
  jobid?: string;
  /** The command ran and took effect (a sync error such as 431 is not executed). */
  executed: boolean;
  /** The injected fault(s), e.g. "status-after 503". */
  fault?: string;
  /** Why authentication failed (for debugging; never sent to the client). */
  authFailure?: string;
}

/** Mutable at run time; read on every request. */
export interface ServerSettings {
  apiKey: string;
  secretKey: string;
  enforcePostAndTimestamps: boolean;
}

export interface ServerDeps {
  settings: ServerSettings;
  context: CommandContext;
  faults: FaultInjector;
  calls: CallRecord[];
  startedAt: number;
  /** Aborted when the lab stops, to cut injected delays short. */
  shutdown: AbortSignal;
}

export function createCloudStackServer(deps: ServerDeps): Server {
  let seq = 0;
  return createServer((req, res) => {
    const call = { seq: ++seq, at: Date.now() - deps.startedAt, method: req.method ?? "" };
    handle(deps, call, req, res).catch((error: unknown) => {
      // Only a bug gets here; answer like CloudStack does for unexpected exceptions.
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent && !res.destroyed)
        send(res, 530, errorEnvelope("errorresponse", cloudRuntime(message)));
    });
  });
}

type Arrival = Pick<CallRecord, "seq" | "at" | "method">;

async function handle(
  deps: ServerDeps,
  arrival: Arrival,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://lab.invalid");
  const log = (entry: Omit<CallRecord, "seq" | "at" | "method">) =>
    record(deps.calls, { ...arrival, ...entry });

  if (url.pathname !== API_PATH || (req.method !== "GET" && req.method !== "POST")) {
    const status = url.pathname !== API_PATH ? 404 : 405;
    res
      .writeHead(status, { "content-type": "text/plain" })
      .end(status === 404 ? "Not Found" : "Method Not Allowed");
    log({ command: "", params: {}, httpStatus: status, executed: false });
    return;
  }

  const body = await readBody(req);
  if (body === undefined) {
    res.writeHead(413, { "content-type": "text/plain" }).end("Request body too large");
    log({ command: "", params: {}, httpStatus: 413, executed: false });
    return;
  }
  const params = requestParams(url, req, body);
  const firstByLowerName = new Map<string, string>();
  for (const [name, value] of params) {
    if (!firstByLowerName.has(name.toLowerCase())) firstByLowerName.set(name.toLowerCase(), value);
  }
  const command = firstByLowerName.get("command") ?? "";
  const definition = findCommand(command);
  const responseKey =
    definition?.responseKey ?? (command ? `${command.toLowerCase()}response` : "errorresponse");
  const loggedParams = Object.fromEntries(
    [...firstByLowerName].filter(([name]) => name !== "signature" && name !== "apikey" && name !== "command"),
  );
  const base = { command, params: loggedParams };

  const auth = verifyRequest(params, {
    method: req.method,
    now: new Date(),
    apiKey: deps.settings.apiKey,
    secretKey: deps.settings.secretKey,
    enforcePostAndTimestamps: deps.settings.enforcePostAndTimestamps,
  });
  if (!auth.ok) {
    // The 401 envelope carries no cserrorcode (apis.md §1.1).
    send(res, 401, { [responseKey]: { uuidList: [], errorcode: 401, errortext: AUTH_FAILURE_TEXT } });
    log({ ...base, httpStatus: 401, errorcode: 401, executed: false, authFailure: auth.reason });
    return;
  }

  if (!definition) {
    const error = new CloudStackError(
      ErrorCode.unsupportedAction,
      CsErrorCode.serverApi,
      `The given command:${command} does not exist or it is not available for user`, // [I] wording recalled
    );
    send(res, 432, errorEnvelope("errorresponse", error));
    log({ ...base, httpStatus: 432, errorcode: 432, executed: false });
    return;
  }

  const plan: FaultPlan = deps.faults.plan(command);
  const fault = plan.label ? { fault: plan.label } : {};
  if (plan.latencyMs > 0) {
    try {
      await sleep(plan.latencyMs, undefined, { signal: deps.shutdown });
    } catch {
      return; // the lab is stopping
    }
  }
  if (plan.hold && (await plan.hold.wait(res)) === "dropped") {
    log({ ...base, ...fault, httpStatus: 0, executed: false });
    return;
  }
  if (plan.before) {
    const answered = answerFault(res, responseKey, command, plan.before);
    log({ ...base, ...fault, httpStatus: answered.status, executed: false, ...answered.errorcode });
    return;
  }

  let outcome: { body: Json; jobid?: string };
  try {
    outcome = definition.run(firstByLowerName, deps.context);
  } catch (error) {
    const known = error instanceof CloudStackError ? error : cloudRuntime(String(error));
    send(res, known.errorcode, errorEnvelope(responseKey, known));
    log({ ...base, ...fault, httpStatus: known.errorcode, errorcode: known.errorcode, executed: false });
    return;
  }
  const jobid = outcome.jobid ? { jobid: outcome.jobid } : {};

  if (plan.after) {
    const answered = answerFault(res, responseKey, command, plan.after);
    log({ ...base, ...fault, ...jobid, httpStatus: answered.status, executed: true, ...answered.errorcode });
    return;
  }
  send(res, 200, { [responseKey]: outcome.body });
  log({ ...base, ...fault, ...jobid, httpStatus: 200, executed: true });
}

function answerFault(
  res: ServerResponse,
  responseKey: string,
  command: string,
  fault: NonNullable<FaultPlan["before"] | FaultPlan["after"]>,
): { status: number; errorcode: { errorcode?: number } } {
  switch (fault.kind) {
    case "reset":
      res.socket?.destroy();
      return { status: 0, errorcode: {} };
    case "ratelimit": {
      // [I] the API-limit text is recalled; the Retry-After header is the lab's addition.
      const error = new CloudStackError(
        ErrorCode.apiLimitExceeded,
        CsErrorCode.serverApi,
        `The given user has reached his/her account api limit, please retry after ${fault.retryAfterSeconds * 1000} ms.`,
      );
      send(res, 429, errorEnvelope(responseKey, error), { "retry-after": String(fault.retryAfterSeconds) });
      return { status: 429, errorcode: { errorcode: 429 } };
    }
    case "status":
    case "status-after": {
      const error = new CloudStackError(
        ErrorCode.internalError,
        CsErrorCode.serverApi,
        `Internal error executing command ${command.toLowerCase()} (lab fault: HTTP ${fault.status})`,
      );
      send(res, fault.status, errorEnvelope(responseKey, error));
      return { status: fault.status, errorcode: { errorcode: ErrorCode.internalError } };
    }
  }
}

/** Query parameters, then (for a form POST) body parameters, in the order received. */
function requestParams(url: URL, req: IncomingMessage, body: string): RequestParam[] {
  const params: RequestParam[] = [...url.searchParams];
  const form = (req.headers["content-type"] ?? "")
    .toLowerCase()
    .startsWith("application/x-www-form-urlencoded");
  if (req.method === "POST" && form) params.push(...new URLSearchParams(body));
  return params;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Keeps the log in arrival order even when a delayed request finishes after a later one. */
function record(calls: CallRecord[], entry: CallRecord): void {
  let index = calls.length;
  while (index > 0 && calls[index - 1]!.seq > entry.seq) index--;
  calls.splice(index, 0, entry);
}
