// A tiny CloudStack client for the lab's own tests. It signs the way the Go SDK does (encodeURIComponent
// adjusted to Java's URLEncoder), independently of the lab's signature.ts, so the tests check the server
// against a second implementation instead of against itself. Not for production use.
import { createHmac } from "node:crypto";

export type JsonObject = Record<string, unknown>;

export interface Endpoint {
  url: string;
  apiKey: string;
  secretKey: string;
}

export interface RawOptions {
  method?: "GET" | "POST";
  /** Sign with this secret instead of the endpoint's. */
  secretKey?: string;
  /** Leave the signature out. */
  unsigned?: boolean;
  /** Name of the api key parameter (CloudStack matches it case-insensitively). */
  apiKeyName?: string;
  /** signatureversion=3 with this expires value. */
  expires?: string;
  /** Aborts the request (a client that goes away). */
  signal?: AbortSignal;
}

export interface ApiResult {
  status: number;
  headers: Headers;
  /** The whole JSON body. */
  json: JsonObject;
  /** Its single top-level key, e.g. "listvolumesresponse". */
  key: string;
  /** The object under that key. */
  body: JsonObject;
}

/** Java URLEncoder semantics on top of encodeURIComponent (which leaves ! ' ( ) ~ alone). */
function encodeLikeJava(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function sign(params: Record<string, string>, secretKey: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((name) => `${name}=${encodeLikeJava(params[name]!)}`)
    .join("&")
    .toLowerCase();
  return createHmac("sha1", secretKey).update(canonical).digest("base64");
}

export class TestApi {
  constructor(private readonly endpoint: Endpoint) {}

  /** Sends `command` with `params`, signed, and parses the JSON answer. */
  async call(
    command: string,
    params: Record<string, string> = {},
    options: RawOptions = {},
  ): Promise<ApiResult> {
    const all: Record<string, string> = { command, response: "json", ...params };
    all[options.apiKeyName ?? "apikey"] = this.endpoint.apiKey;
    if (options.expires !== undefined) {
      all["signatureversion"] = "3";
      all["expires"] = options.expires;
    }
    if (!options.unsigned) all["signature"] = sign(all, options.secretKey ?? this.endpoint.secretKey);
    const form = new URLSearchParams(all).toString();
    const response =
      options.method === "POST"
        ? await fetch(this.endpoint.url, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: form,
            ...(options.signal ? { signal: options.signal } : {}),
          })
        : await fetch(`${this.endpoint.url}?${form}`, options.signal ? { signal: options.signal } : {});
    const json = (await response.json()) as JsonObject;
    const key = Object.keys(json)[0] ?? "";
    return { status: response.status, headers: response.headers, json, key, body: json[key] as JsonObject };
  }

  /** The items of a list command (empty when the answer is `{}`). */
  async list(command: string, itemKey: string, params: Record<string, string> = {}): Promise<JsonObject[]> {
    const result = await this.call(command, params);
    if (result.status !== 200)
      throw new Error(`${command} answered ${result.status}: ${JSON.stringify(result.json)}`);
    return (result.body[itemKey] as JsonObject[] | undefined) ?? [];
  }

  /** Starts an async command and returns its jobid. */
  async start(command: string, params: Record<string, string>): Promise<string> {
    const result = await this.call(command, params);
    if (result.status !== 200)
      throw new Error(`${command} answered ${result.status}: ${JSON.stringify(result.json)}`);
    return result.body["jobid"] as string;
  }

  async job(jobid: string): Promise<JsonObject> {
    return (await this.call("queryAsyncJobResult", { jobid })).body;
  }

  /** Polls a job until it is no longer pending (every 10 ms, at most `timeoutMs`). */
  async waitJob(jobid: string, timeoutMs = 5000): Promise<JsonObject> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.job(jobid);
      if (job["jobstatus"] !== 0) return job;
      if (Date.now() > deadline) throw new Error(`job ${jobid} still pending after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Runs an async command to its end and returns the final queryAsyncJobResult body. */
  async run(command: string, params: Record<string, string>): Promise<JsonObject> {
    return this.waitJob(await this.start(command, params));
  }

  /** Runs an async command that must fail and returns its errortext. */
  async failure(command: string, params: Record<string, string>): Promise<string> {
    const job = await this.run(command, params);
    if (job["jobstatus"] !== 2) throw new Error(`${command} did not fail: ${JSON.stringify(job)}`);
    return (job["jobresult"] as JsonObject)["errortext"] as string;
  }
}
