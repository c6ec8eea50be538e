/**
 * The package as a user gets it: `npm pack`, installed with @pulumi/pulumi into a fresh project (from
 * npm's cache, offline), without `typescript` — so Pulumi parses the serialized provider and compiles
 * TypeScript programs with the TypeScript 3.8 it bundles. Each program style registers a resource
 * under Pulumi's mocks (what `pulumi up` sends the engine, the serialized provider included), and that
 * resource goes through @pulumi/pulumi's own dynamic-provider host, started in the project, against the
 * lab: preview (check), up (create), up again (no change), refresh (read), destroy (delete).
 * A consumer's `tsc` type-checks against the shipped declarations under every module resolution.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POOL_IDS, VOLUME_IDS } from "../../lab/cloudstack/default-ids.ts";
import { type Lab, startLab } from "../../lab/index.ts";
import { Host, PROJECT, ROOT } from "../pulumi-host/support/host.ts";
import { labConfig, writeCounts } from "../pulumi-host/support/lab.ts";

const run = promisify(execFile);
let dir: string;
let packed: { filename: string; size: number; entryCount: number; files: { path: string }[] };
let lab: Lab;

/** Records registrations under Pulumi's mocks, one JSON line each (preloaded before the program). */
const MOCKS = `const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks({
  newResource(a) {
    process.stdout.write(JSON.stringify({ type: a.type, name: a.name, inputs: a.inputs }) + "\\n");
    return { id: a.name + "-id", state: a.inputs };
  },
  call(a) { return a.inputs; },
}, "${PROJECT}", "dev", false);
`;
/** Registers ts-node as Pulumi's cmd/run does for a CommonJS TypeScript program, then runs it. */
const TS_NODE = `const path = require("node:path");
const tsutils = require(path.join(require.resolve("@pulumi/pulumi/package.json"), "..", "tsutils.js"));
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
const [major, minor] = require(typescriptRequire).version.split(".").map(Number);
const nodeNext = major > 4 || (major === 4 && minor >= 7);
require(tsnodeRequire).register({
  compiler: typescriptRequire,
  skipProject: true,
  compilerOptions: { target: "ES2020", module: nodeNext ? "nodenext" : "commonjs", moduleResolution: nodeNext ? "nodenext" : "node", sourceMap: "true" },
});
require(path.resolve(process.argv[2]));
`;
const ARGS = `JSON.parse(process.env.FERRY_PROGRAM_ARGS)`;
const PROGRAMS: Record<string, { file: string; text: string; runner?: string }> = {
  "ES module (JavaScript)": {
    file: "program.mjs",
    text: `import * as ferry from "@ferry-iac/ferry/pulumi";\nnew ferry.cloudstack.VolumeStorage("archive", ${ARGS});\n`,
  },
  "CommonJS (JavaScript)": {
    file: "program.cjs",
    text: `const ferry = require("@ferry-iac/ferry/pulumi");\nnew ferry.cloudstack.VolumeStorage("archive", ${ARGS});\n`,
  },
  "TypeScript through ts-node, CommonJS (Pulumi's default)": {
    file: "program.ts",
    runner: "ts-node.cjs",
    text: `import * as ferry from "@ferry-iac/ferry/pulumi";
const args: ferry.cloudstack.VolumeStorageArgs = ${ARGS};
const archive: ferry.cloudstack.VolumeStorage = new ferry.cloudstack.VolumeStorage("archive", args);
export const id = archive.id;
`,
  },
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ferry-package-"));
  const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], {
    cwd: ROOT,
    timeout: 60_000,
  });
  packed = (JSON.parse(stdout) as (typeof packed)[])[0]!;
  const project = join(dir, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), '{ "name": "consumer", "private": true }\n');
  await run(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", join(dir, packed.filename), "@pulumi/pulumi@3.248.0"],
    { cwd: project, timeout: 180_000 },
  );
  writeFileSync(join(project, "mocks.cjs"), MOCKS);
  writeFileSync(join(project, "ts-node.cjs"), TS_NODE);
  for (const p of Object.values(PROGRAMS)) writeFileSync(join(project, p.file), p.text);
  lab = await startLab({ jobDurationMs: 50 });
}, 240_000);

afterAll(async () => {
  await lab?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the tarball", () => {
  it("holds the compiled package, its declarations, the command and the license — nothing else", () => {
    const paths = packed.files.map((f) => f.path);
    const stray = paths.filter(
      (p) =>
        !/^(dist\/(esm|cjs)\/.+\.(js|d\.ts|json)|bin\/ferry\.mjs|LICENSE|README\.md|package\.json)$/.test(
          p,
        ) || /\.test|fixture|bench\/|scripts\//.test(p),
    );
    expect(stray).toEqual([]);
    for (const entry of ["provider/index", "pulumi/index", "pulumi/runtime-load"])
      for (const format of ["esm", "cjs"])
        for (const ext of [".js", ".d.ts"]) expect(paths).toContain(`dist/${format}/${entry}${ext}`);
    expect(paths).toContain("dist/esm/cli/ferry.js");
    expect(paths).toContain("dist/esm/lab/cloudstack/default-inventory.json");
    // The compiled package with its declarations, the cdktf and cdktn bindings (ES module and CommonJS) included.
    expect(packed.size).toBeLessThan(600_000);
  });

  it("runs the ferry command from the compiled output, without tsx", async () => {
    const { stdout } = await run("npx", ["--offline", "ferry", "schema"], {
      cwd: join(dir, "project"),
      timeout: 60_000,
    });
    expect(JSON.parse(stdout)).toHaveProperty("provider_schemas");
  });
});

describe.each(Object.entries(PROGRAMS))(
  "a Pulumi program: %s, without typescript installed",
  (_, program) => {
    it("preview, up, up again, refresh and destroy through the dynamic-provider host", async () => {
      const project = join(dir, "project");
      const args = { volumeId: VOLUME_IDS["archive-01"], storagePoolId: POOL_IDS["ds-gold-02"] };
      const { stdout } = await run(
        process.execPath,
        ["--require", "./mocks.cjs", ...(program.runner ? [program.runner] : []), program.file],
        { cwd: project, env: { ...process.env, FERRY_PROGRAM_ARGS: JSON.stringify(args) }, timeout: 120_000 },
      );
      const reg = JSON.parse(stdout.split("\n").find((l) => l.startsWith("{"))!) as {
        type: string;
        name: string;
        inputs: Record<string, unknown>;
      };
      expect(reg.type).toBe("pulumi-nodejs:dynamic/cloudstack:VolumeStorage");
      expect(reg.inputs.__provider).not.toMatch(/static\s*\{|__name\(/);
      const urn = `urn:pulumi:dev::${PROJECT}::${reg.type}::${reg.name}`;
      const host = await Host.start({}, { cwd: project });
      try {
        await host.configure(labConfig(lab));
        lab.cloudstack.clearCalls();
        const checked = await host.check(urn, {}, reg.inputs);
        expect(checked.failures).toEqual([]);
        expect(writeCounts(lab)).toEqual({});
        const created = await host.create(urn, checked.inputs);
        expect(writeCounts(lab)).toEqual({ migrateVolume: 1 });
        expect(created.props).toMatchObject({ storagePoolName: "ds-gold-02", volumeState: "Ready" });
        const again = await host.check(urn, checked.inputs, reg.inputs);
        expect(await host.diff(urn, created.id, created.props, again.inputs)).toEqual({
          changes: "none",
          replaces: [],
        });
        const read = await host.read(urn, created.id, created.props);
        expect(read.id).toBe(created.id);
        await host.delete(urn, created.id, read.props);
        expect(writeCounts(lab)).toEqual({ migrateVolume: 1 });
        // Back where it was for the next program.
        lab.cloudstack.clearCalls();
        const back = await host.check(urn, {}, { ...reg.inputs, storagePoolId: POOL_IDS["ds-gold-01"] });
        await host.create(urn, back.inputs);
      } finally {
        await host.stop();
      }
      expect(host.stderr.join("\n")).not.toMatch(/could not be parsed|ERR_REQUIRE|Error:/);
    });
  },
);

describe("a consumer's tsc against the shipped declarations", () => {
  const CONSUMER = `import * as ferry from "@ferry-iac/ferry/pulumi";
import { backends } from "@ferry-iac/ferry";
const args: ferry.cloudstack.VolumeStorageArgs = { volumeId: "v", storagePoolId: "p" };
export const archive: ferry.cloudstack.VolumeStorage = new ferry.cloudstack.VolumeStorage("archive", args);
export const count: number = backends.length;
`;
  // node10 with esModuleInterop: without it zod's own declarations (which ferry's name) fail under
  // skipLibCheck false (TS1259), whatever ferry ships.
  it.each([
    ["commonjs", "node10", "consumer.ts"],
    ["node16", "node16", "consumer.ts"],
    ["node16", "node16", "consumer.mts"],
    ["esnext", "bundler", "consumer.ts"],
    ["nodenext", "nodenext", "consumer.ts"],
    ["nodenext", "nodenext", "consumer.mts"],
  ])("module %s, moduleResolution %s (%s)", async (module, resolution, file) => {
    const project = join(dir, "project");
    writeFileSync(join(project, file), CONSUMER);
    const r = await run(
      process.execPath,
      [
        join(ROOT, "node_modules", "typescript", "bin", "tsc"),
        "--noEmit",
        "--strict",
        "--skipLibCheck",
        "false",
        "--types",
        "node",
        "--typeRoots",
        join(ROOT, "node_modules", "@types"),
        "--module",
        module,
        "--moduleResolution",
        resolution,
        "--target",
        "es2022",
        ...(resolution === "node10" ? ["--esModuleInterop"] : []),
        file,
      ],
      { cwd: project, timeout: 120_000 },
    ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? String(e) }));
    expect(r.stdout).toBe("");
  });
});
