/**
 * A CommonJS file loaded with V8's code cache: the bytecode of its functions, made by the build after a
 * representative first call (scripts/build.ts, bundleDoor) and kept next to it as `<file>.cache`.
 * Pulumi's host loads the door in a fresh process on every `pulumi` run; compiling the bundle and
 * lazily compiling the functions its first call runs is about half of that load, and the cache skips it.
 *
 * The cache file starts with the SHA-256 of the source it was made from and the tag of the V8 that
 * made it (v8.cachedDataVersionTag: its version and flags, 4 bytes). A cache that is missing, unreadable, made from
 * another source or by another V8 (the packer's Node is not the user's), or refused by V8 anyway only
 * costs the plain compile: the file runs the same either way.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { dirname } from "node:path";
import { cachedDataVersionTag } from "node:v8";
import { Script } from "node:vm";

/** The header's length: 32 bytes of SHA-256, 4 of the V8 tag. */
export const HEADER_BYTES = 36;

/** The header a cache of `source` made by this process's V8 starts with: the source's hash, the V8 tag. */
export function cacheHeader(source: string): Buffer {
  const tag = Buffer.alloc(4);
  tag.writeUInt32BE(cachedDataVersionTag() >>> 0);
  return Buffer.concat([createHash("sha256").update(source).digest(), tag]);
}

function compile(file: string, source: string, cachedData?: Buffer): Script {
  // No `import()` in the file: a script has no loader for it (the door's bundle turns it into `require`).
  return new Script(Module.wrap(source), { filename: file, cachedData });
}

function run(script: Script, file: string, parent: Module | undefined): unknown {
  const mod = new Module(file, parent);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    dirname(file),
  );
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  const req = Module.createRequire(file);
  wrapper.call(mod.exports, mod.exports, req, mod, file, dirname(file));
  mod.loaded = true;
  return mod.exports;
}

/** The exports of the CommonJS `file`, compiled from `<file>.cache` where that cache fits. */
export function requireWithCodeCache(file: string, parent?: Module): unknown {
  const source = readFileSync(file, "utf8");
  let cachedData: Buffer | undefined;
  try {
    const cache = readFileSync(`${file}.cache`);
    if (cache.length > HEADER_BYTES && cache.subarray(0, HEADER_BYTES).equals(cacheHeader(source)))
      cachedData = cache.subarray(HEADER_BYTES);
  } catch {
    // no cache: the plain compile
  }
  return run(compile(file, source, cachedData), file, parent);
}

/**
 * Writes `<file>.cache`: loads `file`, awaits `exercise` on its exports (the calls whose functions the
 * cache should hold), then saves the bytecode compiled so far.
 */
export async function writeCodeCache(
  file: string,
  exercise: (exports: unknown) => Promise<void>,
): Promise<void> {
  const source = readFileSync(file, "utf8");
  const script = compile(file, source);
  await exercise(run(script, file, undefined));
  writeFileSync(`${file}.cache`, Buffer.concat([cacheHeader(source), script.createCachedData()]));
}
