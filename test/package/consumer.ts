/** The package as `npm pack` ships it, installed into fresh consumer projects. */
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "../pulumi-host/support/host.ts";

const run = promisify(execFile);

export interface Packed {
  filename: string;
  size: number;
  entryCount: number;
  files: { path: string }[];
}

/** `npm pack` of this repository into `dir`. */
export async function pack(dir: string): Promise<Packed> {
  const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], {
    cwd: ROOT,
    timeout: 60_000,
  });
  return (JSON.parse(stdout) as Packed[])[0]!;
}

/**
 * A fresh project `dir/name` with the tarball and `packages` installed. `--prefer-offline`: npm ci
 * caches the packages' tarballs but not the registry listings a fresh install looks versions up in.
 */
export async function installConsumer(
  dir: string,
  name: string,
  tarball: string,
  packages: string[],
  manifest: object = {},
): Promise<string> {
  const at = join(dir, name);
  mkdirSync(at);
  writeFileSync(
    join(at, "package.json"),
    `${JSON.stringify({ name: `consumer-${name}`, private: true, ...manifest })}\n`,
  );
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, ...packages], {
    cwd: at,
    timeout: 180_000,
  });
  return at;
}
