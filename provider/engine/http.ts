/**
 * The HTTP base every backend client uses: Node's own http / https, one pooled keep-alive agent per
 * endpoint, request timeouts, TLS verification on by default (custom CA, explicit insecure switch).
 * Built-in modules on purpose: they cost next to nothing to load where a client library costs a
 * hundred milliseconds, and a provider process (Pulumi's host, terraform's plugin) pays that on its
 * first call.
 *
 * Retries follow one rule: a request that only reads is retried on 5xx, connection resets and 429
 * (honouring Retry-After); a request that writes is never retried blindly — on a lost connection it
 * fails with AMBIGUOUS_WRITE so the engine observes before doing anything else. The one exception is
 * 429 on a write: the server says it did not process the request, so waiting and sending it again is safe.
 */
import type { ReadScope } from "./batch.ts";
import { readFileSync } from "node:fs";
import type * as http from "node:http";
import { CancelledError, FerryError } from "./errors.ts";
import { type Logger, silentLogger } from "./log.ts";
import { redactor } from "./redact.ts";
import { backoffDelay, sleep } from "./wait.ts";

export interface TlsOptions {
  /** PEM text of extra trusted CAs, or a path to a PEM file. */
  caCert?: string | undefined;
  /** Skip certificate verification. Never the default. */
  insecure?: boolean | undefined;
}

export interface HttpOptions extends TlsOptions {
  /** Per-request timeout (headers and body each), ms. @default 60000 */
  requestTimeoutMs?: number | undefined;
  /** Attempts for reads (first try included). @default 5 */
  maxReadAttempts?: number | undefined;
  /** Longest Retry-After honoured, ms. @default 60000 */
  maxRetryAfterMs?: number | undefined;
  /** Base delay between read retries, ms. @default 250 */
  retryBaseMs?: number | undefined;
  log?: Logger | undefined;
  /** Reads shared across requests (see ReadScope): every write clears them before it is sent. */
  scope?: ReadScope | undefined;
}

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  /** Path and query, e.g. "/client/api?command=…". */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** true when the request changes something on the server (no blind retry). */
  write: boolean;
  /** Name for logs and errors ("listVolumes", "migration_start"). */
  operation: string;
  signal?: AbortSignal | undefined;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Connections per endpoint. */
const CONNECTIONS = 8;
/** An idle keep-alive connection is closed after this long (sooner when the server's hint says so). */
const KEEP_ALIVE_MS = 30_000;
/** A connection that is not established in this long fails (the request is then retried or fails). */
const CONNECT_TIMEOUT_MS = 10_000;

interface Transport {
  agent: http.Agent;
  request: typeof http.request;
}

const transports = new Map<string, Promise<Transport>>();

/**
 * One pooled agent per (endpoint, TLS settings); kept for the life of the process. node:http / node:https
 * are loaded with the first request: a process that never sends one (a preview with unknown inputs)
 * does not load them.
 */
function transportFor(origin: string, tls: TlsOptions, ca: string | undefined): Promise<Transport> {
  const key = JSON.stringify([origin, tls.caCert ?? "", !!tls.insecure]);
  let transport = transports.get(key);
  if (!transport) {
    const common = { keepAlive: true, maxSockets: CONNECTIONS, timeout: KEEP_ALIVE_MS };
    transport = origin.startsWith("https:")
      ? Promise.all([import("node:https"), import("node:tls")]).then(([https, { rootCertificates }]) => ({
          agent: new https.Agent({
            ...common,
            rejectUnauthorized: !tls.insecure,
            // A custom CA is trusted in addition to the system's CAs, not instead of them.
            ...(ca ? { ca: [...rootCertificates, ca] } : {}),
          }),
          request: https.request,
        }))
      : import("node:http").then((http) => ({ agent: new http.Agent(common), request: http.request }));
    transports.set(key, transport);
  }
  return transport;
}

/** A request that got no answer (or no further body) in time: a connection error, like a reset. */
class TimeoutError extends Error {
  readonly code = "ETIMEDOUT";
}

function readCa(caCert: string): string {
  if (caCert.includes("-----BEGIN")) return caCert;
  try {
    return readFileSync(caCert, "utf8");
  } catch (e) {
    throw new FerryError(
      "INVALID_CONFIG",
      {
        what: `ca_cert: the file "${caCert}" cannot be read.`,
        why: (e as Error).message,
        fix: "Give the PEM text itself, or the path of a readable PEM file.",
      },
      { cause: e },
    );
  }
}

function isTlsError(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code ?? "";
  return /CERT|SELF_SIGNED|UNABLE_TO_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH/.test(code);
}

export async function closeAllHttpClients(): Promise<void> {
  const all = [...transports.values()];
  transports.clear();
  for (const t of await Promise.all(all)) t.agent.destroy();
}

/** Retry-After as seconds or an HTTP date → ms. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

function isConnectionError(e: unknown): boolean {
  if (e instanceof TimeoutError) return true;
  const code = (e as { code?: string } | null)?.code;
  return (
    typeof code === "string" &&
    ["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "UND_ERR_CLOSED"].includes(code)
  );
}

export class HttpEndpoint {
  readonly origin: string;
  private readonly tls: TlsOptions;
  /** The extra CA's PEM text, read when the endpoint is made (a path that cannot be read fails here). */
  private readonly ca: string | undefined;
  private readonly opts: Required<Omit<HttpOptions, "caCert" | "insecure" | "log" | "scope">>;
  private readonly scope: ReadScope | undefined;
  private readonly log: Logger;
  /** Counts of requests actually sent, by operation (tests and benchmarks read it). */
  readonly sent = new Map<string, number>();

  constructor(baseUrl: string, options: HttpOptions = {}) {
    const url = new URL(baseUrl);
    this.origin = url.origin;
    this.opts = {
      requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
      maxReadAttempts: options.maxReadAttempts ?? 5,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      retryBaseMs: options.retryBaseMs ?? 250,
    };
    this.log = options.log ?? silentLogger;
    this.scope = options.scope;
    if (options.insecure)
      this.log.warn("TLS certificate verification is switched off for this endpoint", {
        endpoint: this.origin,
      });
    this.tls = { caCert: options.caCert, insecure: options.insecure };
    this.ca = options.caCert ? readCa(options.caCert) : undefined;
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    if (req.write) this.scope?.clear();
    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted)
        throw new CancelledError(`${req.operation} was not sent: the run was interrupted.`);
      let res: HttpResponse;
      try {
        res = await this.once(req);
      } catch (e) {
        if (req.signal?.aborted) throw new CancelledError(`${req.operation} was interrupted.`);
        if (isTlsError(e)) {
          // Not retried: a certificate problem does not go away by itself.
          throw new FerryError(
            "TRANSPORT",
            {
              what: `${req.operation}: the TLS connection to ${this.origin} was refused.`,
              why: redactor.redact(`${(e as { code?: string }).code}: ${(e as Error).message}`),
              fix: "Trust the server's CA with ca_cert, or — for a lab only — set insecure = true.",
            },
            { cause: e },
          );
        }
        if (!isConnectionError(e)) throw e;
        const reason = redactor.redact((e as Error).message);
        if (req.write) {
          throw new FerryError(
            "AMBIGUOUS_WRITE",
            {
              what: `${req.operation}: the connection to ${this.origin} failed before an answer arrived.`,
              why: `${reason}. The request may or may not have been executed.`,
              fix: "Nothing is retried blindly: ferry observes the object before doing anything else.",
            },
            { cause: e },
          );
        }
        if (attempt >= this.opts.maxReadAttempts) {
          throw new FerryError(
            "TRANSPORT",
            {
              what: `${req.operation}: ${this.origin} could not be reached after ${attempt} attempts.`,
              why: reason,
              fix: "Check the endpoint address, the network and TLS settings (ca_cert / insecure).",
            },
            { cause: e },
          );
        }
        await this.pause(attempt, undefined, req, `connection error: ${reason}`);
        continue;
      }
      const retryable = res.status === 429 || (!req.write && res.status >= 500);
      if (retryable && attempt < this.opts.maxReadAttempts) {
        await this.pause(attempt, parseRetryAfter(res.headers["retry-after"]), req, `HTTP ${res.status}`);
        continue;
      }
      return res;
    }
  }

  private async pause(attempt: number, retryAfterMs: number | undefined, req: HttpRequest, why: string) {
    const delay =
      retryAfterMs !== undefined
        ? Math.min(retryAfterMs, this.opts.maxRetryAfterMs)
        : backoffDelay(attempt - 1, {
            initialMs: this.opts.retryBaseMs,
            maxMs: 5000,
            factor: 2,
            jitter: 0.2,
          });
    this.log.debug(`retrying ${req.operation} in ${delay} ms (${why})`, { endpoint: this.origin, attempt });
    try {
      await sleep(delay, req.signal);
    } catch {
      throw new CancelledError(`${req.operation} was interrupted while waiting to retry.`);
    }
  }

  private async once(req: HttpRequest): Promise<HttpResponse> {
    this.sent.set(req.operation, (this.sent.get(req.operation) ?? 0) + 1);
    const started = Date.now();
    const res = await this.exchange(req);
    this.log.trace(`${req.method} ${req.operation} → ${res.status}`, {
      endpoint: this.origin,
      ms: Date.now() - started,
    });
    return res;
  }

  /**
   * One request and its whole answer. The timeout counts while nothing arrives: until the headers,
   * then between chunks of the body; a connection must be made within CONNECT_TIMEOUT_MS.
   */
  private async exchange(req: HttpRequest): Promise<HttpResponse> {
    const transport = await transportFor(this.origin, this.tls, this.ca);
    const timeoutMs = this.opts.requestTimeoutMs;
    const headers: Record<string, string> = { "user-agent": "ferry/0.1.0", ...(req.headers ?? {}) };
    if (req.body !== undefined) headers["content-length"] = String(Buffer.byteLength(req.body));
    return new Promise<HttpResponse>((resolve, reject) => {
      const url = new URL(req.path, this.origin);
      const r = transport.request(url, {
        method: req.method,
        agent: transport.agent,
        headers,
        ...(req.signal ? { signal: req.signal } : {}),
      });
      let connectTimer: NodeJS.Timeout | undefined;
      const fail = (e: Error) => {
        clearTimeout(connectTimer);
        reject(e);
      };
      r.on("error", fail);
      r.setTimeout(timeoutMs, () =>
        r.destroy(new TimeoutError(`no answer within ${timeoutMs} ms (request timeout)`)),
      );
      r.on("socket", (socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(
          () => r.destroy(new TimeoutError(`no connection within ${CONNECT_TIMEOUT_MS} ms`)),
          Math.min(CONNECT_TIMEOUT_MS, timeoutMs),
        );
        socket.once("connect", () => clearTimeout(connectTimer));
      });
      r.on("response", (res) => {
        clearTimeout(connectTimer);
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", fail);
        res.on("aborted", () =>
          fail(Object.assign(new Error("the answer was cut off"), { code: "ECONNRESET" })),
        );
        res.on("end", () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (typeof v === "string") out[k.toLowerCase()] = v;
            else if (Array.isArray(v)) out[k.toLowerCase()] = v.join(", ");
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: out,
            text: Buffer.concat(chunks).toString("utf8"),
          });
        });
      });
      r.end(req.body);
    });
  }
}
