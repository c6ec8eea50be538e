/**
 * go-plugin's side of the handshake, as terraform core expects it: the magic cookie, the protocol
 * version picked from PLUGIN_PROTOCOL_VERSIONS, the listen address (a unix socket; tcp on
 * 127.0.0.1 where unix sockets are not available) and the one line printed on stdout:
 *   CORE-PROTOCOL-VERSION|APP-PROTOCOL-VERSION|NETWORK-TYPE|NETWORK-ADDR|PROTOCOL|SERVER-CERT
 */
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
export const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
export const CORE_PROTOCOL_VERSION = 1;
export const SUPPORTED_VERSIONS = [6];

export const NOT_A_PLUGIN_MESSAGE =
  "This binary is a plugin. These are not meant to be executed directly.\n" +
  "Please execute the program that consumes these plugins, which will\n" +
  "load any plugins automatically\n";

export function cookieValid(env: NodeJS.ProcessEnv): boolean {
  return env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE;
}

/** The highest version both sides speak; our own when there is none (core then reports the mismatch). */
export function negotiateVersion(env: NodeJS.ProcessEnv): number {
  const offered = (env["PLUGIN_PROTOCOL_VERSIONS"] ?? "")
    .split(",")
    .map((v) => Number.parseInt(v.trim(), 10))
    .filter((v) => Number.isInteger(v));
  const common = SUPPORTED_VERSIONS.filter((v) => offered.includes(v));
  return common.length ? Math.max(...common) : Math.max(...SUPPORTED_VERSIONS);
}

export type ListenAddress =
  | { network: "unix"; path: string }
  | { network: "tcp"; host: "127.0.0.1"; minPort: number; maxPort: number };

export function listenAddress(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): ListenAddress {
  if (platform === "win32") {
    const min = Number(env["PLUGIN_MIN_PORT"]) || 10000;
    const max = Number(env["PLUGIN_MAX_PORT"]) || 25000;
    return { network: "tcp", host: "127.0.0.1", minPort: min, maxPort: Math.max(min, max) };
  }
  const dir = env["PLUGIN_UNIX_SOCKET_DIR"] || tmpdir();
  return { network: "unix", path: join(dir, `plugin${randomBytes(6).toString("hex")}`) };
}

export function handshakeLine(version: number, network: string, address: string, certField: string): string {
  // No 7th field: ferry does not multiplex the broker (terraform never asks for it).
  return `${CORE_PROTOCOL_VERSION}|${version}|${network}|${address}|grpc|${certField}\n`;
}
