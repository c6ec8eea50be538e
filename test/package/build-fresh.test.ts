/**
 * dist/esm and dist/cjs are what `npm run build` compiled from the sources as they are now. The build
 * records a hash of the sources (generated files included) in dist/sources.sha256; the tests' setup
 * recompiles when it differs. These tests check that the record matches, that the hash covers every
 * project file tsc reads for either build, and that a change to a source or a generated file changes it.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { BUILD_HASH_FILE, hashedFiles, SOURCE_FOLDERS, sourcesHash } from "../../scripts/build.ts";
import { ROOT } from "../pulumi-host/support/host.ts";

const run = promisify(execFile);
const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");

describe("dist/ against its sources", () => {
  it("dist/sources.sha256 is the hash of the sources as they are (npm run build writes it)", () => {
    expect(existsSync(BUILD_HASH_FILE)).toBe(true);
    expect(readFileSync(BUILD_HASH_FILE, "utf8").trim()).toBe(sourcesHash());
  });

  it("every compiled source has its JavaScript and declarations in dist/esm", () => {
    const compiled = hashedFiles().filter((f) => f.endsWith(".ts") && !f.includes("/generate.ts"));
    const missing = compiled
      .filter((f) => SOURCE_FOLDERS.some((d) => f.startsWith(`${d}/`)))
      .flatMap((f) => [f.replace(/\.ts$/, ".js"), f.replace(/\.ts$/, ".d.ts")])
      .filter((f) => !existsSync(join(ROOT, "dist", "esm", f)));
    expect(missing).toEqual([]);
  });

  it.each(["tsconfig.build.json", "tsconfig.cjs.json"])(
    "the hash covers every project file tsc reads for %s",
    async (config) => {
      const { stdout } = await run(process.execPath, [tsc, "-p", config, "--listFilesOnly"], {
        cwd: ROOT,
        timeout: 120_000,
      });
      const hashed = new Set(hashedFiles());
      const read = stdout
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => relative(ROOT, l.trim()).split(sep).join("/"))
        .filter((f) => !f.startsWith("..") && !f.startsWith("node_modules/"));
      expect(read.length).toBeGreaterThan(10);
      expect(read.filter((f) => !hashed.has(f))).toEqual([]);
    },
  );

  it("changes when a source, a generated file or a build config changes, or a source is added", () => {
    const copy = mkdtempSync(join(tmpdir(), "ferry-hash-"));
    try {
      for (const f of hashedFiles()) cpSync(join(ROOT, f), join(copy, f), { recursive: true });
      const base = sourcesHash(copy);
      expect(base).toBe(sourcesHash());
      const generated = hashedFiles(copy).filter((f) => /\.gen\.ts$|\/generated\//.test(f));
      expect(generated.length).toBeGreaterThan(0);
      const edits = [generated[0]!, "provider/index.ts", "tsconfig.cjs.json", "scripts/build.ts"];
      for (const f of edits) {
        const before = readFileSync(join(copy, f));
        writeFileSync(join(copy, f), Buffer.concat([before, Buffer.from("\n")]));
        expect(sourcesHash(copy), f).not.toBe(base);
        writeFileSync(join(copy, f), before);
      }
      expect(sourcesHash(copy)).toBe(base);
      const added = join(copy, dirname(edits[1]!), "added-module.ts");
      writeFileSync(added, "export const x = 1;\n");
      expect(sourcesHash(copy)).not.toBe(base);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
