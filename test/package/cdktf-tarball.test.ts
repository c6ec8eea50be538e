/**
 * The cdktf and CDK Terrain bindings as a user gets them: `npm pack`, installed into a fresh project
 * with cdktf (or cdktn) and constructs from npm's cache, offline. A stack synthesizes from an ES-module
 * program and from a CommonJS one, for each flavour, and a TypeScript app type-checks under the
 * tsconfig `cdktf init --template=typescript` writes (CommonJS, node10 resolution: `typesVersions`).
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../pulumi-host/support/host.ts";
import { installConsumer, pack } from "./consumer.ts";

const run = promisify(execFile);
const devVersion = (name: string): string => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  const v = pkg.devDependencies[name];
  if (!v) throw new Error(`${name} is not a devDependency`);
  return v;
};

let dir: string;
let project: string;

/** `cdktf init --template=typescript`'s tsconfig.json (cdktf-cli 0.21, templates/typescript). */
const TEMPLATE_TSCONFIG = {
  compilerOptions: {
    alwaysStrict: true,
    declaration: true,
    experimentalDecorators: true,
    inlineSourceMap: true,
    inlineSources: true,
    lib: ["es2018"],
    module: "CommonJS",
    noEmitOnError: true,
    noFallthroughCasesInSwitch: true,
    noImplicitAny: true,
    noImplicitReturns: true,
    noImplicitThis: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    resolveJsonModule: true,
    strict: true,
    strictNullChecks: true,
    strictPropertyInitialization: true,
    stripInternal: true,
    target: "ES2018",
    incremental: true,
    skipLibCheck: true,
  },
  include: ["**/*.ts"],
  exclude: ["node_modules", "cdktf.out"],
};

const VM = "7ea77a03-7355-40bd-82c9-3d6f55b7c526";
const VOLUME = "3e51ec74-27ea-4292-8a6c-339655a2befe";

function stackBody(flavour: string): string {
  return `const app = new App({ outdir: process.argv[2] });
const stack = new TerraformStack(app, "lab");
new ferry.provider.FerryProvider(stack, "ferry", {});
new ferry.cloudstackRootVolume.CloudstackRootVolume(stack, "web", {
  virtualMachineId: "${VM}",
  volumeId: "${VOLUME}",
  allowStop: true,
  timeouts: { update: "20m" },
});
app.synth();
// ${flavour}
`;
}

const PROGRAMS = (["cdktf", "cdktn"] as const).flatMap((flavour) => [
  {
    flavour,
    style: "ES module",
    file: `${flavour}.mjs`,
    text: `import { App, TerraformStack } from "${flavour}";\nimport * as ferry from "@ferry-iac/ferry/${flavour}";\n${stackBody(flavour)}`,
  },
  {
    flavour,
    style: "CommonJS",
    file: `${flavour}.cjs`,
    text: `const { App, TerraformStack } = require("${flavour}");\nconst ferry = require("@ferry-iac/ferry/${flavour}");\n${stackBody(flavour)}`,
  },
]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ferry-cdktf-package-"));
  const packed = await pack(dir);
  project = await installConsumer(dir, "project", join(dir, packed.filename), [
    `cdktf@${devVersion("cdktf")}`,
    `cdktn@${devVersion("cdktn")}`,
    `constructs@${devVersion("constructs")}`,
    `typescript@${devVersion("typescript")}`,
  ]);
  for (const p of PROGRAMS) writeFileSync(join(project, p.file), p.text);
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(PROGRAMS)("the $flavour bindings from the tarball, $style", ({ file }) => {
  it("synthesize a stack with ferry's provider and a root swap", async () => {
    const out = join(dir, `out-${file}`);
    await run(process.execPath, [file, out], {
      cwd: project,
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
      timeout: 60_000,
    });
    const synth = JSON.parse(readFileSync(join(out, "stacks", "lab", "cdk.tf.json"), "utf8")) as {
      terraform: { required_providers: Record<string, { source: string }> };
      resource: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(synth.terraform.required_providers.ferry?.source).toBe("ferry-iac/ferry");
    expect(synth.resource.ferry_cloudstack_root_volume?.web).toMatchObject({
      virtual_machine_id: VM,
      volume_id: VOLUME,
      allow_stop: true,
      timeouts: { update: "20m" },
    });
  });
});

describe("a cdktf TypeScript app", () => {
  it("type-checks under the cdktf template's tsconfig (CommonJS, node10 resolution)", async () => {
    const app = join(project, "app");
    mkdirSync(app);
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify(TEMPLATE_TSCONFIG, null, 2));
    writeFileSync(
      join(app, "main.ts"),
      `import { Construct } from "constructs";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { cloudstackRootVolume, provider } from "@ferry-iac/ferry/cdktf";

class MyStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new provider.FerryProvider(this, "ferry", {});
    const web = new cloudstackRootVolume.CloudstackRootVolume(this, "web", {
      virtualMachineId: "${VM}",
      volumeId: "${VOLUME}",
      allowStop: true,
    });
    new TerraformOutput(this, "previous_root", { value: web.previousVolumeId });
  }
}

const app = new App();
new MyStack(app, "lab");
app.synth();
`,
    );
    // skipLibCheck is the template's own; a wrong attribute must still fail, so check that too.
    const tsc = join(project, "node_modules", "typescript", "bin", "tsc");
    await run(process.execPath, [tsc, "-p", app, "--noEmit"], { cwd: app, timeout: 120_000 });
    writeFileSync(
      join(app, "wrong.ts"),
      `import { App, TerraformStack } from "cdktf";
import { cloudstackRootVolume } from "@ferry-iac/ferry/cdktf";
const stack = new TerraformStack(new App(), "x");
new cloudstackRootVolume.CloudstackRootVolume(stack, "web", { virtualMachineId: "a", volumeId: "b", allowStpo: true });
`,
    );
    const failed = await run(process.execPath, [tsc, "-p", app, "--noEmit"], {
      cwd: app,
      timeout: 120_000,
    }).then(
      () => "",
      (e: { stdout?: string }) => e.stdout ?? "failed",
    );
    expect(failed).toMatch(/allowStpo/);
  }, 240_000);
});
