/**
 * What Pulumi's dynamic-provider host loads for ferry's first call. The serialized provider requires
 * `@ferry-iac/ferry/pulumi/runtime` from the program's directory and calls the door; that must load one
 * file of ferry's (the bundled door, zod inside) and nothing else: no package from node_modules, no
 * other door (terraform, cdktf), no lab or review, and no HTTP stack before the first request. Each
 * module more is paid on every `pulumi` run, in a fresh host process, before the first answer.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { backends } from "../../provider/index.ts";
import { catalog } from "../../provider/catalog.ts";
import { cacheHeader, HEADER_BYTES, requireWithCodeCache, writeCodeCache } from "../../pulumi/code-cache.ts";
import { ROOT, UNKNOWN } from "./support/host.ts";

/** A fresh node process loading the door as the serialized provider does, then one Check with an input unknown. */
function firstCall(): { files: string[]; builtins: string[]; failures: unknown[] } {
  const script = `
    const { createRequire } = require("node:module");
    const { join } = require("node:path");
    const before = new Set(process.moduleLoadList);
    const req = createRequire(join(process.cwd(), "pulumi-program.js"));
    req("@ferry-iac/ferry/pulumi/runtime").load().then(async (door) => {
      door.configure({ get: () => undefined });
      const r = await door.check("cloudstack_volume_storage", {}, {
        volumeId: "3f1c2a9e-8b4d-4c1e-9f2a-0b1c2d3e4f5a", storagePoolId: ${JSON.stringify(UNKNOWN)},
      });
      process.stdout.write(JSON.stringify({
        files: Object.keys(require.cache),
        builtins: process.moduleLoadList.filter((m) => !before.has(m)),
        failures: r.failures,
      }));
    });`;
  return JSON.parse(
    execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 }),
  );
}

describe("the Pulumi door's first call", () => {
  const graph = firstCall();

  it("answers (the input unknown is not a failure)", () => {
    expect(graph.failures).toEqual([]);
  });

  it("loads the door's two files of ferry's (the bundle through its code cache) and nothing from node_modules", () => {
    const loaded = graph.files.map((f) => f.slice(ROOT.length + 1)).filter((f) => !f.startsWith("[eval"));
    expect(loaded.sort()).toEqual(["dist/cjs/pulumi/runtime-load.js", "dist/cjs/pulumi/runtime.js"]);
  });

  it("loads no HTTP stack before the first request", () => {
    const http = graph.builtins.filter((m) => /^NativeModule (https?|_http_\w+|undici)$/.test(m));
    expect(http).toEqual([]);
  });
});

describe("the bundled door", () => {
  const text = readFileSync(join(ROOT, "dist/cjs/pulumi/door.js"), "utf8");
  // esbuild marks each module it bundles with a `// path` comment (the bundle is not minified).
  const modules = [...text.matchAll(/^\/\/ ((?:node_modules|provider|pulumi|cli|lab|cdktf)\/\S+)$/gm)].map(
    (m) => m[1]!,
  );

  it("holds the door, the engine and the backends — no other door, no lab, no review, no undici", () => {
    expect(modules.length).toBeGreaterThan(20);
    const foreign = modules.filter((m) =>
      /^(provider\/terraform|cdktf|cli|lab)\/|^node_modules\/(?!zod\/)/.test(m),
    );
    expect(foreign).toEqual([]);
  });

  it("has no `import()`: it runs as a script, which has no loader for one", () => {
    expect(text).not.toMatch(/\bimport\(/);
  });

  it("holds zod's English messages and no other locale", () => {
    const locales = new Set(modules.filter((m) => /zod\/v4\/locales\/(?!index\.js)/.test(m)));
    expect([...locales]).toEqual(["node_modules/zod/v4/locales/en.js"]);
  });
});

describe("the door's code cache", () => {
  const door = join(ROOT, "dist/cjs/pulumi/door.js");

  /** In a fresh node process: whether V8 took `cache` for `file`'s compile, as code-cache.ts compiles it. */
  function accepted(file: string, cache: string): boolean {
    const script = `
      const { readFileSync } = require("node:fs");
      const { wrap } = require("node:module");
      const { Script } = require("node:vm");
      const s = new Script(wrap(readFileSync(${JSON.stringify(file)}, "utf8")), {
        filename: ${JSON.stringify(file)}, cachedData: readFileSync(${JSON.stringify(cache)}).subarray(${HEADER_BYTES}),
      });
      process.stdout.write(String(!s.cachedDataRejected));`;
    return execFileSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 60_000 }) === "true";
  }

  it("is made for the bundle as built and, on the V8 that built it, taken", () => {
    const shipped = readFileSync(`${door}.cache`);
    const expected = cacheHeader(readFileSync(door, "utf8"));
    expect(shipped.subarray(0, 32), "the hash of the bundle as built").toEqual(expected.subarray(0, 32));
    // Built by another Node (CI's second run, a user's Node other than the packer's): the header's tag
    // says so and the cache is not handed to V8.
    if (shipped.subarray(32, HEADER_BYTES).equals(expected.subarray(32)))
      expect(accepted(door, `${door}.cache`)).toBe(true);
  });

  it("made by this node for the bundle, is taken by this node", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ferry-door-"));
    try {
      const copy = join(dir, "door.js");
      copyFileSync(door, copy);
      await writeCodeCache(copy, async () => {});
      expect(readFileSync(`${copy}.cache`).subarray(0, HEADER_BYTES)).toEqual(
        cacheHeader(readFileSync(copy, "utf8")),
      );
      expect(accepted(copy, `${copy}.cache`)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("made from another source is not used: the edited bundle runs as edited", () => {
    const dir = mkdtempSync(join(tmpdir(), "ferry-door-"));
    try {
      const copy = join(dir, "door.js");
      // the same length (V8 alone checks little more), one answer changed
      const text = readFileSync(door, "utf8");
      const edited = text.replace(
        'UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"',
        'UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba0"',
      );
      expect(edited).not.toBe(text);
      writeFileSync(copy, edited);
      copyFileSync(`${door}.cache`, `${copy}.cache`);
      expect(requireWithCodeCache(copy)).toMatchObject({ UNKNOWN: "04da6b54-80e4-46f7-96ec-b56ff0331ba0" });
      rmSync(`${copy}.cache`);
      // no cache at all: the plain compile
      expect(requireWithCodeCache(copy)).toMatchObject({ UNKNOWN: "04da6b54-80e4-46f7-96ec-b56ff0331ba0" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the catalog the door loads backends from", () => {
  it("names the backends of provider/index.ts, in order, with the same settings", () => {
    expect(catalog.map((e) => e.name)).toEqual(backends.map((b) => b.name));
    for (const [i, e] of catalog.entries()) expect(e.settings).toBe(backends[i]!.settings);
  });

  it("loads each backend as provider/index.ts has it; every kind's type starts with its backend's name", async () => {
    for (const [i, e] of catalog.entries()) {
      const loaded = await e.load();
      expect(loaded).toBe(backends[i]);
      for (const k of loaded.kinds) expect(k.type.startsWith(`${e.name}_`)).toBe(true);
    }
  });
});
