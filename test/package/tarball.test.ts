/**
 * The package as a user gets it: `npm pack`, installed with @pulumi/pulumi into two fresh projects (from
 * npm's cache where it has them — `npm ci` caches tarballs but not the registry's package documents a
 * fresh install resolves versions from, so those come from the registry): one without `typescript` — so Pulumi parses the serialized provider and compiles
 * TypeScript programs with the TypeScript 3.8 and ts-node 7 it bundles — and one of `"type": "module"`
 * with typescript, ts-node and @types/node, where Pulumi uses the project's TypeScript and runs a
 * TypeScript program in its ESM mode (ts-node's ESM hooks). Each program style registers a resource
 * under Pulumi's mocks (what `pulumi up` sends the engine, the serialized provider included), and that
 * resource goes through @pulumi/pulumi's own dynamic-provider host, started in the project, against the
 * lab: preview (check), up (create), up again (no change), refresh (read), destroy (delete).
 * A consumer's `tsc` type-checks against the shipped declarations under every module resolution.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POOL_IDS, VOLUME_IDS } from "../../lab/cloudstack/default-ids.ts";
import { type Lab, startLab } from "../../lab/index.ts";
import { type Packed, installConsumer, pack } from "./consumer.ts";
import { Host, PROJECT, ROOT } from "../pulumi-host/support/host.ts";
import { labConfig, writeCounts } from "../pulumi-host/support/lab.ts";

const run = promisify(execFile);
let dir: string;
let packed: Packed;
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
process.stderr.write("typescript " + require(typescriptRequire).version + "\\n");
require(path.resolve(process.argv[2]));
`;
/**
 * Pulumi's automatic ESM mode, as its cmd/run sets it up: only when the project's package.json says
 * "type": "module", its TypeScript is newer than 4.7 and ts-node/esm resolves from @pulumi/pulumi; then
 * it registers its own cmd/run/hooks.js (ts-node's ESM hooks) with module.register and imports the
 * program. The conditions are checked here too, so a project that would not get ESM mode fails.
 */
const TS_NODE_ESM = `const path = require("node:path");
const { register } = require("node:module");
const { pathToFileURL } = require("node:url");
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const tsutils = require(path.join(pulumiDir, "tsutils.js"));
const { typescriptRequire } = tsutils.typeScriptRequireStrings();
const version = require(typescriptRequire).version;
const [major, minor] = version.split(".").map(Number);
if (!(major > 4 || (major === 4 && minor > 7))) throw new Error("no ESM mode: typescript " + version);
if (require(path.resolve("package.json")).type !== "module") throw new Error("no ESM mode: not a module project");
require.resolve("ts-node/esm", { paths: [path.join(pulumiDir, "cmd", "run")] });
register("./hooks.js", pathToFileURL(path.join(pulumiDir, "cmd", "run", "run.js")), {
  data: {
    compiler: typescriptRequire,
    skipProject: true,
    project: "tsconfig.json",
    compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true" },
  },
});
process.stderr.write("typescript " + version + "\\n");
import(pathToFileURL(path.resolve(process.argv[2])).href).catch((e) => { console.error(e); process.exit(1); });
`;
const ARGS = `JSON.parse(process.env.FERRY_PROGRAM_ARGS ?? "{}")`;
const TS_PROGRAM = `import * as ferry from "@ferry-iac/ferry/pulumi";
const args: ferry.cloudstack.VolumeStorageArgs = ${ARGS};
const archive: ferry.cloudstack.VolumeStorage = new ferry.cloudstack.VolumeStorage("archive", args);
export const id = archive.id;
// An ES module has no \`require\`: which format the program ran as.
process.stderr.write(\`format \${typeof require === "undefined" ? "module" : "commonjs"}\\n\`);
`;
const DEV = (
  JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> }
).devDependencies;
const TYPESCRIPT = DEV.typescript!;
type Project = "plain" | "typed";
const PROGRAMS: Record<
  string,
  {
    project: Project;
    file: string;
    text: string;
    runner?: string;
    typescript?: string;
    format?: "module" | "commonjs";
  }
> = {
  "ES module (JavaScript), without typescript": {
    project: "plain",
    file: "program.mjs",
    text: `import * as ferry from "@ferry-iac/ferry/pulumi";\nnew ferry.cloudstack.VolumeStorage("archive", ${ARGS});\n`,
  },
  "CommonJS (JavaScript), without typescript": {
    project: "plain",
    file: "program.cjs",
    text: `const ferry = require("@ferry-iac/ferry/pulumi");\nnew ferry.cloudstack.VolumeStorage("archive", ${ARGS});\n`,
  },
  "TypeScript through ts-node, CommonJS (Pulumi's default), Pulumi's bundled TypeScript": {
    project: "plain",
    file: "program.ts",
    runner: "ts-node.cjs",
    typescript: "3.8.3",
    text: TS_PROGRAM,
  },
  "ES module (JavaScript), with typescript": {
    project: "typed",
    file: "program.mjs",
    text: `import * as ferry from "@ferry-iac/ferry/pulumi";\nnew ferry.cloudstack.VolumeStorage("archive", ${ARGS});\n`,
  },
  "TypeScript through ts-node, CommonJS, the project's TypeScript": {
    project: "typed",
    file: "cjs/program.ts",
    runner: "ts-node.cjs",
    typescript: TYPESCRIPT,
    format: "commonjs",
    text: TS_PROGRAM,
  },
  "TypeScript in Pulumi's ESM mode (ts-node/esm), the project's TypeScript": {
    project: "typed",
    file: "program.ts",
    runner: "ts-node-esm.cjs",
    typescript: TYPESCRIPT,
    format: "module",
    text: TS_PROGRAM,
  },
};

const CONSUMER = `import * as ferry from "@ferry-iac/ferry/pulumi";
import { backends } from "@ferry-iac/ferry";
const args: ferry.cloudstack.VolumeStorageArgs = { volumeId: "v", storagePoolId: "p" };
export const archive: ferry.cloudstack.VolumeStorage = new ferry.cloudstack.VolumeStorage("archive", args);
export const count: number = backends.length;
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ferry-package-"));
  packed = await pack(dir);
  const tarball = join(dir, packed.filename);
  const install = async (project: Project, manifest: object, extra: string[]) => {
    const at = await installConsumer(dir, project, tarball, ["@pulumi/pulumi@3.248.0", ...extra], manifest);
    writeFileSync(join(at, "mocks.cjs"), MOCKS);
    writeFileSync(join(at, "ts-node.cjs"), TS_NODE);
    writeFileSync(join(at, "ts-node-esm.cjs"), TS_NODE_ESM);
  };
  await Promise.all([
    install("plain", {}, []),
    // What `pulumi new typescript` gives (typescript, @types/node), with ts-node for Pulumi's ESM mode.
    install("typed", { type: "module" }, [
      `typescript@${TYPESCRIPT}`,
      `ts-node@${DEV["ts-node"]}`,
      `@types/node@${DEV["@types/node"]}`,
    ]),
  ]);
  mkdirSync(join(dir, "typed", "cjs"));
  writeFileSync(join(dir, "typed", "cjs", "package.json"), '{ "type": "commonjs" }\n');
  for (const p of Object.values(PROGRAMS)) writeFileSync(join(dir, p.project, p.file), p.text);
  for (const file of ["consumer.ts", "consumer.mts"]) writeFileSync(join(dir, "plain", file), CONSUMER);
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
        !/^(dist\/(esm|cjs)\/.+\.(js|d\.ts|json)|dist\/cjs\/pulumi\/door\.js\.cache|bin\/ferry\.mjs|LICENSE|README\.md|package\.json)$/.test(
          p,
        ) || /\.test|fixture|bench\/|scripts\//.test(p),
    );
    expect(stray).toEqual([]);
    for (const entry of ["provider/index", "pulumi/index", "pulumi/runtime-load"])
      for (const format of ["esm", "cjs"])
        for (const ext of [".js", ".d.ts"]) expect(paths).toContain(`dist/${format}/${entry}${ext}`);
    expect(paths).toContain("dist/esm/cli/ferry.js");
    // The Pulumi door's V8 code cache (pulumi/code-cache.ts): used where it matches the bundle and V8.
    expect(paths).toContain("dist/cjs/pulumi/door.js.cache");
    expect(paths).toContain("dist/esm/lab/cloudstack/default-inventory.json");
    // The compiled package with its declarations, the cdktf and cdktn bindings (ES module and CommonJS)
    // included, and the door's code cache (~260 KB packed: bytecode barely compresses; it halves the
    // first Pulumi call where the user's Node matches the packer's — bench/pulumi-first-call.ts).
    expect(packed.size).toBeLessThan(700_000);
  });

  it("runs the ferry command from the compiled output, without tsx", async () => {
    const { stdout } = await run("npx", ["--offline", "ferry", "schema"], {
      cwd: join(dir, "plain"),
      timeout: 60_000,
    });
    expect(JSON.parse(stdout)).toHaveProperty("provider_schemas");
  });
});

describe.each(Object.entries(PROGRAMS))("a Pulumi program: %s", (_, program) => {
  it("preview, up, up again, refresh and destroy through the dynamic-provider host", async () => {
    const project = join(dir, program.project);
    const args = { volumeId: VOLUME_IDS["archive-01"], storagePoolId: POOL_IDS["ds-gold-02"] };
    const { stdout, stderr } = await run(
      process.execPath,
      ["--require", "./mocks.cjs", ...(program.runner ? [program.runner] : []), program.file],
      { cwd: project, env: { ...process.env, FERRY_PROGRAM_ARGS: JSON.stringify(args) }, timeout: 120_000 },
    );
    const reg = JSON.parse(stdout.split("\n").find((l) => l.startsWith("{"))!) as {
      type: string;
      name: string;
      inputs: Record<string, unknown>;
    };
    if (program.typescript) expect(stderr).toContain(`typescript ${program.typescript}`);
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
});

// The consumer's tsc: one run per module resolution (both file kinds where the resolution has two),
// all at once — each run is mostly checking @pulumi/pulumi's and Node's declarations.
describe.concurrent("a consumer's tsc against the shipped declarations", () => {
  // node10 with esModuleInterop: without it zod's own declarations (which ferry's name) fail under
  // skipLibCheck false (TS1259), whatever ferry ships.
  it.each([
    ["commonjs", "node10", ["consumer.ts"]],
    ["node16", "node16", ["consumer.ts", "consumer.mts"]],
    ["esnext", "bundler", ["consumer.ts"]],
    ["nodenext", "nodenext", ["consumer.ts", "consumer.mts"]],
  ])(
    "module %s, moduleResolution %s (%s)",
    async (module, resolution, files) => {
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
          ...files,
        ],
        { cwd: join(dir, "plain"), timeout: 180_000 },
      ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? String(e) }));
      expect(r.stdout).toBe("");
    },
    300_000,
  );
});
