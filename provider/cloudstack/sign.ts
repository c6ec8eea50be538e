/**
 * CloudStack request signing (apis.md §1.1; the server side is ApiServer.verifyRequest):
 * every parameter but `signature`, sorted by name, values encoded as Java's URLEncoder does with
 * "+" → "%20", joined with "&", the whole string lowercased, HMAC-SHA1 with the secret key, Base64.
 */
import { createHmac } from "node:crypto";

/** Java URLEncoder (UTF-8) with "+" turned into "%20": unreserved are A-Z a-z 0-9 . - _ * */
export function javaUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function stringToSign(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k.toLowerCase() !== "signature")
    .sort()
    .map((k) => `${k}=${javaUrlEncode(params[k] as string)}`)
    .join("&")
    .toLowerCase();
}

export function sign(params: Record<string, string>, secretKey: string): string {
  return createHmac("sha1", secretKey).update(stringToSign(params)).digest("base64");
}

/** The encoded query / form body to send, signature included. Names are sent lowercase. */
export function signedQuery(params: Record<string, string>, secretKey: string): string {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) lower[k.toLowerCase()] = v;
  const signature = sign(lower, secretKey);
  const parts = Object.keys(lower)
    .sort()
    .map((k) => `${k}=${javaUrlEncode(lower[k] as string)}`);
  parts.push(`signature=${javaUrlEncode(signature)}`);
  return parts.join("&");
}

/** ISO-8601 with offset, as the `expires` parameter of signatureversion=3 wants it. */
export function expiresAt(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "+0000");
}
