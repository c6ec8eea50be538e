/**
 * `npm run build`: sources → generated files → compiled package, in one command.
 *   pulumi/generated/*.ts, provider/terraform/descriptor.gen.ts   regenerated from the kinds and .proto
 *   dist/esm/…      ES modules + .d.ts of provider/, pulumi/, lab/, cli/, cdktf/ (tsc, tsconfig.build.json):
 *                   the package's `import` entries and the `ferry` command
 *   dist/cjs/…      CommonJS + .d.ts of the Pulumi entry, the cdktf / cdktn bindings and what they import (tsc, tsconfig.cjs.json):
 *                   the `require` entries
 *   dist/cjs/pulumi/door.js      the door Pulumi's dynamic-provider host loads: one file (esbuild), and
 *   dist/cjs/pulumi/door.js.cache   its V8 code cache, loaded by dist/cjs/pulumi/runtime.js; see bundleDoor
 * Both are compiled by tsc file by file (no bundle) so stack traces and the serialized provider read as
 * the sources do, and each folder carries a package.json naming its module format.
 * Then the terraform provider as one executable file, plus the release layout:
 *   dist/terraform-provider-ferry                       the executable (a Node bundle with a shebang)
 *   dist/mirror/registry.terraform.io/ferry-iac/ferry/<version>/<os_arch>/terraform-provider-ferry_v<version>
 *                                                       an unpacked filesystem mirror (terraform, OpenTofu)
 *   dist/release/terraform-provider-ferry_<version>_<os_arch>.zip, …_SHA256SUMS, …_manifest.json
 * The bundle needs Node ≥ 20 on the PATH and runs on every os/arch Node does; the release lists the
 * common platforms. `npm run build:sea` (scripts/build-sea.ts) then replaces linux_amd64's with a single
 * executable that needs no node. The protocol descriptor is regenerated first (it is committed; a test checks it).
 */
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, rmSync } from "node:fs";
import { build, buildSync } from "esbuild";
import { DESCRIPTOR_FILE, descriptorSource } from "./protocol-descriptor.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
export const EXECUTABLE = join(DIST, "terraform-provider-ferry");
export const PLATFORMS = ["linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64"];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const byte of b) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip with one executable file (deflate), fixed timestamp so builds are reproducible. */
function zipOne(name: string, data: Buffer): Buffer {
  const packed = deflateRawSync(data, { level: 9 });
  const crc = crc32(data);
  const nameBytes = Buffer.from(name);
  const time = 0;
  const date = ((2020 - 1980) << 9) | (1 << 5) | 1;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt16LE(time, 10);
  local.writeUInt16LE(date, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | 20, 4); // made by unix: keeps the mode bits
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt16LE(time, 12);
  central.writeUInt16LE(date, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE((0o100755 << 16) >>> 0, 38);
  central.writeUInt32LE(0, 42);
  const localSize = local.length + nameBytes.length + packed.length;
  const centralSize = central.length + nameBytes.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(localSize, 16);
  return Buffer.concat([local, nameBytes, packed, central, nameBytes, end]);
}

function writeDescriptor(): void {
  const source = descriptorSource();
  if (!existsSync(DESCRIPTOR_FILE) || readFileSync(DESCRIPTOR_FILE, "utf8") !== source)
    writeFileSync(DESCRIPTOR_FILE, source);
}

export async function buildProvider(): Promise<string> {
  writeDescriptor();
  const version = packageVersion();
  mkdirSync(DIST, { recursive: true });
  // Written next to the target and renamed over it: a provider process starting meanwhile (another
  // test run, a terraform run) sees the old file or the new one, never a missing or partial one.
  const tmp = `${EXECUTABLE}.${process.pid}.tmp`;
  await build({
    // GetProviderSchema's answer, encoded now from the same sources (provider/terraform/main.ts).
    define: { FERRY_PROVIDER_SCHEMA: JSON.stringify((await encodedSchema()).toString("base64")) },
    entryPoints: [join(ROOT, "provider", "terraform", "main.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile: tmp,
    banner: { js: "#!/usr/bin/env node" },
    legalComments: "none",
    logLevel: "warning",
  });
  chmodSync(tmp, 0o755);
  renameSync(tmp, EXECUTABLE);
  // The bundle is CommonJS; inside this package ("type": "module") node would read it as ESM.
  writeFileSync(join(DIST, "package.json"), '{ "type": "commonjs" }\n');
  const binary = readFileSync(EXECUTABLE);
  writeRelease(version, Object.fromEntries(PLATFORMS.map((p) => [p, binary])));
  return EXECUTABLE;
}

/** tfplugin6.GetProviderSchema.Response as the provider answers it, encoded. */
export async function encodedSchema(): Promise<Buffer> {
  const { TerraformProvider } = await import("../provider/terraform/server.ts");
  const { ProtoRegistry } = await import("../provider/terraform/proto.ts");
  const { descriptor } = await import("../provider/terraform/descriptor.gen.ts");
  // The schema depends on the kinds alone; hints off: nothing is written while building.
  const response = new TerraformProvider({ env: { FERRY_TERRAFORM_PREFETCH: "off" } }).getProviderSchema();
  return new ProtoRegistry(descriptor as never).type("tfplugin6.GetProviderSchema.Response").encode(response);
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/**
 * The unpacked mirror and the release zips, SHA256SUMS and manifest, from one executable per
 * platform: the JS bundle everywhere (`buildProvider`), the single executable where one is built
 * (scripts/build-sea.ts replaces linux_amd64's). Every file is written next to its target and
 * renamed over it: a provider starting meanwhile sees the old file or the new one.
 */
export function writeRelease(version: string, binaries: Record<string, Buffer>): void {
  const exe = `terraform-provider-ferry_v${version}`;
  const sums: string[] = [];
  const release = join(DIST, "release");
  mkdirSync(release, { recursive: true });
  const put = (file: string, data: Buffer | string, mode?: number) => {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, file);
  };
  for (const platform of PLATFORMS) {
    const binary = binaries[platform];
    if (!binary) throw new Error(`no executable for ${platform}`);
    const dir = join(DIST, "mirror", "registry.terraform.io", "ferry-iac", "ferry", version, platform);
    mkdirSync(dir, { recursive: true });
    put(join(dir, exe), binary, 0o755);
    const zipName = `terraform-provider-ferry_${version}_${platform}.zip`;
    const zip = zipOne(exe, binary);
    put(join(release, zipName), zip);
    sums.push(`${createHash("sha256").update(zip).digest("hex")}  ${zipName}`);
  }
  const manifest = `${JSON.stringify({ version: 1, metadata: { protocol_versions: ["6.0"] } }, null, 2)}\n`;
  const manifestName = `terraform-provider-ferry_${version}_manifest.json`;
  put(join(release, manifestName), manifest);
  put(join(DIST, "terraform-registry-manifest.json"), manifest);
  sums.push(`${createHash("sha256").update(manifest).digest("hex")}  ${manifestName}`);
  put(join(release, `terraform-provider-ferry_${version}_SHA256SUMS`), `${sums.join("\n")}\n`);
}

/** The data files the compiled lab reads next to its modules. */
const DATA_FILES = [
  "lab/cloudstack/default-inventory.json",
  "lab/danube/default-inventory.json",
  "lab/velostrata/default-inventory.json",
];

/** Where dist/esm and dist/cjs record the hash of the sources they were compiled from. */
export const BUILD_HASH_FILE = join(DIST, "sources.sha256");

/** The source folders dist/esm and dist/cjs are compiled from (tsconfig.build.json's include). */
export const SOURCE_FOLDERS = ["provider", "pulumi", "cli", "lab", "cdktf"];

/**
 * The files tsc compiles from, the generated ones among them, and the configs and script it compiles
 * with, relative to `root` and sorted.
 */
export function hashedFiles(root: string = ROOT): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    );
  return SOURCE_FOLDERS.flatMap(walk)
    .filter((f) => /\.(ts|json)$/.test(f) && !/\.test(-helpers)?\.ts$/.test(f))
    .concat(["tsconfig.json", "tsconfig.build.json", "tsconfig.cjs.json", "scripts/build.ts"])
    .sort();
}

/** The files tsc compiles from (and the configs it compiles with), as one hash. */
export function sourcesHash(root: string = ROOT): string {
  const hash = createHash("sha256");
  for (const f of hashedFiles(root))
    hash
      .update(`${f}\0`)
      .update(readFileSync(join(root, f)))
      .update("\0");
  return hash.digest("hex");
}

/**
 * Regenerates the generated sources (unless `generate` is false: the test setup compiles what is
 * there, so a stale generated file still fails its own test) and compiles dist/esm and dist/cjs.
 */
export function buildPackage(opts: { generate?: boolean } = {}): void {
  const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
  if (opts.generate !== false) {
    writeDescriptor();
    node(["bin/run-ts.mjs", "scripts/generate-pulumi.ts"]);
  }
  const hash = sourcesHash();
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  for (const [config, format, out] of [
    ["tsconfig.build.json", "module", "esm"],
    ["tsconfig.cjs.json", "commonjs", "cjs"],
  ] as const) {
    // Compiled into a fresh folder and renamed over the old one: no stale file of a removed module.
    const target = join(DIST, out);
    const tmp = `${target}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    node([tsc, "-p", config, "--outDir", tmp]);
    rewriteDeclarations(tmp);
    writeFileSync(join(tmp, "package.json"), `{ "type": "${format}" }\n`);
    if (out === "esm") for (const f of DATA_FILES) cpSync(join(ROOT, f), join(tmp, f));
    else bundleDoor(join(tmp, "pulumi", "runtime.js"));
    rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
  }
  writeFileSync(BUILD_HASH_FILE, `${hash}\n`);
}

/**
 * The door (pulumi/runtime.ts) as one CommonJS file with zod inside, over tsc's file-by-file output (its
 * .d.ts stays). Pulumi's host loads it on a provider's first call, in a fresh process each `pulumi`
 * run: file by file that is some 60 modules of ferry's and 95 of zod's CommonJS build (every locale
 * included), a few hundred milliseconds before the first answer; as one file, with zod's ES modules
 * tree-shaken (the sources import `* as z` so a bundler can), it is a fraction of that. Not minified:
 * its stack traces read as the sources do. Written as door.js, with its code cache (pulumi/code-cache.ts)
 * next to it; `outfile` (runtime.js) loads the two.
 */
export function bundleDoor(outfile: string): void {
  const door = join(dirname(outfile), "door.js");
  const zod = JSON.parse(readFileSync(join(ROOT, "node_modules", "zod", "package.json"), "utf8")) as {
    version: string;
  };
  const license = readFileSync(join(ROOT, "node_modules", "zod", "LICENSE"), "utf8").trim();
  buildSync({
    entryPoints: [join(ROOT, "pulumi", "runtime.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile: door,
    // `import("node:http")` (loaded with the first request) as `require`: the bundle runs as a script
    // (pulumi/code-cache.ts), which has no loader for `import()`.
    supported: { "dynamic-import": false },
    legalComments: "eof",
    banner: {
      js: `/* ferry's Pulumi door, with zod ${zod.version} inside (its MIT licence is at the end). */`,
    },
    footer: {
      js: `/* zod ${zod.version}, https://github.com/colinhacks/zod\n\n${license.replaceAll("*/", "* /")}\n*/`,
    },
    logLevel: "warning",
  });
  // runtime.js: the door loaded with its code cache (pulumi/code-cache.ts).
  const entry = (contents: string, out: string) =>
    buildSync({
      stdin: { contents, resolveDir: join(ROOT, "pulumi"), sourcefile: basename(out), loader: "ts" },
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      outfile: out,
      logLevel: "warning",
    });
  entry(
    `import { requireWithCodeCache } from "./code-cache.ts";
module.exports = requireWithCodeCache(require("node:path").join(__dirname, "door.js"), module);`,
    outfile,
  );
  // The cache holds what a first call compiles: configure, then a check of every kind (each backend
  // loaded), made by a plain node process (the flags V8 checks are a host's, not this script's).
  const writer = join(dirname(outfile), `write-cache.${process.pid}.cjs`);
  entry(
    `import { writeCodeCache } from "./code-cache.ts";
import { catalog } from "../provider/catalog.ts";
writeCodeCache(${JSON.stringify(door)}, async (exports) => {
  const d = exports as typeof import("./runtime.ts");
  d.configure({ get: () => undefined });
  for (const entry of catalog)
    for (const kind of (await entry.load()).kinds) await d.check(kind.type, {}, {});
}).catch((e) => { console.error(e); process.exit(1); });`,
    writer,
  );
  try {
    execFileSync(process.execPath, [writer], { stdio: "inherit", env: { PATH: process.env.PATH ?? "" } });
  } finally {
    rmSync(writer, { force: true });
  }
}

/**
 * tsc rewrites the sources' relative `./x.ts` imports to `./x.js` in the JavaScript it emits but not in
 * the declarations; a consumer's tsc (any version, TypeScript 3.8 under ts-node included) resolves
 * `./x.js` to `./x.d.ts` and cannot resolve `./x.ts`.
 */
function rewriteDeclarations(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith(".d.ts")) continue;
    const file = join(e.parentPath, e.name);
    const text = readFileSync(file, "utf8");
    const rewritten = text.replace(/((?:from|import\()\s*["'])(\.{1,2}\/[^"']+)\.ts(["'])/g, "$1$2.js$3");
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
}

/** Compiles dist/esm and dist/cjs unless they were compiled from the sources as they are now. */
export function ensurePackageBuilt(): void {
  const built = existsSync(BUILD_HASH_FILE) ? readFileSync(BUILD_HASH_FILE, "utf8").trim() : "";
  if (built !== sourcesHash()) buildPackage({ generate: false });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!process.argv.includes("--provider-only")) buildPackage();
  const out = await buildProvider();
  console.log(`built ${out.slice(ROOT.length + 1)} (${(readFileSync(out).length / 1024).toFixed(0)} KiB)`);
}
