// The lab's own server-side check of CloudStack request signatures (apis.md §1.1, after ApiServer.verifyRequest).
// Written from the description of the server, not from any client, so that a client bug cannot hide behind
// a matching bug here.
import { createHmac, timingSafeEqual } from "node:crypto";

export const AUTH_FAILURE_TEXT = "unable to verify user credentials and/or request signature";

/** How far in the future `expires` may be when timestamps are enforced (ApiServer: 15 minutes). */
const MAX_EXPIRES_AHEAD_MS = 15 * 60 * 1000;

/** A request parameter exactly as received (URL-decoded name and value). */
export type RequestParam = readonly [name: string, value: string];

/**
 * Java's URLEncoder.encode(value, "UTF-8"): A-Z a-z 0-9 . - _ * stay, space becomes "+", every other
 * byte of the UTF-8 encoding becomes %XX.
 */
export function javaUrlEncode(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const unreserved =
      (byte >= 0x30 && byte <= 0x39) || // 0-9
      (byte >= 0x41 && byte <= 0x5a) || // A-Z
      (byte >= 0x61 && byte <= 0x7a) || // a-z
      byte === 0x2e || // .
      byte === 0x2d || // -
      byte === 0x5f || // _
      byte === 0x2a; // *
    if (unreserved) out += String.fromCharCode(byte);
    else if (byte === 0x20) out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/**
 * The string CloudStack signs: every parameter but `signature`, sorted by name (case-sensitive code-point
 * order of the names as received), `name=URLEncoder(value)` with "+" turned into "%20", joined with "&",
 * the whole string lowercased. A repeated name counts once, with its first value (the servlet's
 * getParameter semantics).
 */
export function stringToSign(params: readonly RequestParam[]): string {
  const firstValues = new Map<string, string>();
  for (const [name, value] of params) {
    if (name.toLowerCase() === "signature" || firstValues.has(name)) continue;
    firstValues.set(name, value);
  }
  const names = [...firstValues.keys()].sort(compareCodePoints);
  return names
    .map((name) => `${name}=${javaUrlEncode(firstValues.get(name) ?? "").replaceAll("+", "%20")}`)
    .join("&")
    .toLowerCase();
}

/** HMAC-SHA1 of stringToSign with the secret key, Base64 with padding. */
export function computeSignature(params: readonly RequestParam[], secretKey: string): string {
  return createHmac("sha1", secretKey).update(stringToSign(params)).digest("base64");
}

/**
 * Parses `expires`: ISO-8601 with a zone, as CloudStack's DateUtil accepts it — the docs' form
 * 2011-10-10T12:00:00+0530 and RFC 3339 (…Z, …+05:30) as the Go SDK sends. Undefined when unparseable.
 */
export function parseExpires(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)$/.exec(
    text,
  );
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const zoneText = zone === "Z" ? "Z" : `${zone!.slice(0, 3)}:${zone!.slice(3).replace(":", "") || "00"}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction ?? ""}${zoneText}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export interface VerifyOptions {
  method: string;
  now: Date;
  apiKey: string;
  secretKey: string;
  /** CloudStack's enforce.post.requests.and.timestamps. */
  enforcePostAndTimestamps: boolean;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** Decides whether a request is authentic; `reason` is for the lab's call log, never sent to the client. */
export function verifyRequest(params: readonly RequestParam[], options: VerifyOptions): VerifyResult {
  const paramValue = (lowerName: string) => params.find(([name]) => name.toLowerCase() === lowerName)?.[1];
  const apiKey = paramValue("apikey");
  const signature = paramValue("signature");
  if (apiKey === undefined) return { ok: false, reason: "missing apikey" };
  if (signature === undefined) return { ok: false, reason: "missing signature" };
  if (apiKey !== options.apiKey) return { ok: false, reason: "unknown apikey" };

  const timestamps = checkTimestamps(paramValue("signatureversion"), paramValue("expires"), options);
  if (!timestamps.ok) return timestamps;
  if (options.enforcePostAndTimestamps && options.method !== "POST") {
    return { ok: false, reason: `${options.method} is refused: POST is enforced` };
  }

  const expected = Buffer.from(computeSignature(params, options.secretKey));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: "signature mismatch" };
  }
  return { ok: true };
}

function checkTimestamps(
  version: string | undefined,
  expires: string | undefined,
  options: VerifyOptions,
): VerifyResult {
  // Without signatureversion=3 the expires parameter is ignored (it is still part of the signed string).
  if (version !== "3") {
    return options.enforcePostAndTimestamps
      ? { ok: false, reason: "signatureversion=3 with expires is enforced" }
      : { ok: true };
  }
  if (expires === undefined) return { ok: false, reason: "signatureversion=3 without expires" };
  const expiresAt = parseExpires(expires);
  if (!expiresAt) return { ok: false, reason: `unparseable expires ${expires}` };
  if (expiresAt.getTime() < options.now.getTime()) return { ok: false, reason: `expired at ${expires}` };
  if (
    options.enforcePostAndTimestamps &&
    expiresAt.getTime() - options.now.getTime() > MAX_EXPIRES_AHEAD_MS
  ) {
    return { ok: false, reason: `expires ${expires} is more than 15 minutes ahead` };
  }
  return { ok: true };
}

/** Java's String.compareTo: UTF-16 code units, which is what JavaScript's < does on strings. */
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
