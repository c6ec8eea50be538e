/**
 * The example app (examples/cdktf, and its CDK Terrain twin examples/cdktn) synthesized with each
 * flavour: every attribute is one the provider schema declares, with its type; cdktn's JSON is cdktf's;
 * and terraform itself (where it is on the PATH) runs plan, apply, plan on the lab with it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";
import { type Lab, startLab } from "../../lab/index.ts";
import { backends } from "../../provider/index.ts";
import { providersSchemaJson } from "../../provider/terraform/schema.ts";
import { TerraformWorkspace, terraformCli } from "../support/terraform-cli.ts";
import {
  buildTfcore,
  providerExecutable,
  type RunResult,
  tfcorePeer,
  type Workspace,
  workspace,
} from "../terraform-core/harness.ts";

process.env.CHECKPOINT_DISABLE = "1";

interface Attr {
  type?: unknown;
  nested_type?: { attributes: Record<string, Attr>; nesting_mode: string };
  required?: boolean;
}
const Attr: z.ZodType<Attr> = z.lazy(() =>
  z.object({
    type: z.unknown().optional(),
    nested_type: z.object({ attributes: z.record(z.string(), Attr), nesting_mode: z.string() }).optional(),
    required: z.boolean().optional(),
  }),
);
const Block = z.object({
  attributes: z.record(z.string(), Attr).optional(),
  block_types: z.record(z.string(), z.unknown()).optional(),
});
const Schema = z.object({
  provider_schemas: z.record(
    z.string(),
    z.object({ resource_schemas: z.record(z.string(), z.object({ block: Block })) }),
  ),
});
const Synth = z.object({
  "//": z.object({ metadata: z.object({ version: z.string() }).loose() }).loose(),
  resource: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))),
  terraform: z.object({ required_providers: z.object({ ferry: z.object({ source: z.string() }) }) }).loose(),
});

async function synth(flavour: "cdktf" | "cdktn"): Promise<z.infer<typeof Synth>> {
  const lib = (await import(flavour)) as typeof import("cdktf");
  const { LabMoves } = (await import(
    `../../examples/${flavour}/main.ts`
  )) as typeof import("../../examples/cdktf/main.ts");
  const outdir = mkdtempSync(join(tmpdir(), `ferry-${flavour}-synth-`));
  try {
    const app = new lib.App({ outdir });
    new LabMoves(app, "lab");
    app.synth();
    return Synth.parse(JSON.parse(readFileSync(join(outdir, "stacks", "lab", "cdk.tf.json"), "utf8")));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The value fits the attribute: its type expression, or its nested object attributes. */
function fits(a: Attr, value: unknown): boolean {
  if (a.nested_type) {
    if (a.nested_type.nesting_mode !== "single" || !value || typeof value !== "object") return false;
    const fields = a.nested_type.attributes;
    return Object.entries(value).every(([k, v]) => fields[k] !== undefined && fits(fields[k]!, v));
  }
  return matches(a.type, value);
}

/** The value's type as terraform's JSON type expression would describe it. */
function matches(type: unknown, value: unknown): boolean {
  if (type === "string") return typeof value === "string";
  if (type === "bool") return typeof value === "boolean";
  if (type === "number") return typeof value === "number";
  if (Array.isArray(type) && type[0] === "object" && value && typeof value === "object") {
    const fields = type[1] as Record<string, unknown>;
    return Object.entries(value).every(([k, v]) => k in fields && matches(fields[k], v));
  }
  if (Array.isArray(type) && type[0] === "map" && value && typeof value === "object")
    return Object.values(value).every((v) => matches(type[1], v));
  return false;
}

describe("examples/cdktf and examples/cdktn synthesized", () => {
  const schema = Schema.parse(providersSchemaJson(backends)).provider_schemas;
  const resources = Object.values(schema)[0]!.resource_schemas;
  let json: Record<"cdktf" | "cdktn", z.infer<typeof Synth>>;

  // One lab per run: each starts from the lab's demo estate.
  const labs: Lab[] = [];
  const spaces: Workspace[] = [];
  const workspaces: TerraformWorkspace[] = [];
  afterAll(async () => {
    for (const ws of spaces) ws.remove();
    for (const ws of workspaces) ws.cleanup();
    for (const lab of labs) await lab.stop();
  });

  beforeAll(async () => {
    json = { cdktf: await synth("cdktf"), cdktn: await synth("cdktn") };
  }, 60_000);

  it.each(["cdktf", "cdktn"] as const)(
    "%s: every attribute is in the schema with its type, every required one set",
    (f) => {
      const out = json[f];
      expect(out.terraform.required_providers.ferry.source).toBe("ferry-iac/ferry");
      expect(Object.keys(out.resource).sort()).toEqual([
        "ferry_cloudstack_root_volume",
        "ferry_cloudstack_volume_storage",
      ]);
      for (const [type, byName] of Object.entries(out.resource)) {
        const block = resources[type]?.block;
        expect(block, type).toBeDefined();
        for (const [name, body] of Object.entries(byName)) {
          for (const [attr, value] of Object.entries(body)) {
            if (attr === "//") continue;
            const a = block!.attributes?.[attr];
            expect(a, `${type}.${name}.${attr}`).toBeDefined();
            expect(fits(a!, value), `${type}.${name}.${attr} = ${JSON.stringify(value)}`).toBe(true);
          }
          for (const [attr, a] of Object.entries(block!.attributes ?? {}))
            if (a.required) expect(body, `${type}.${name} needs ${attr}`).toHaveProperty(attr);
        }
      }
      expect(out.resource.ferry_cloudstack_root_volume!.web).toMatchObject({
        allow_stop: true,
        timeouts: { update: "20m" },
      });
    },
  );

  it("cdktn's JSON is cdktf's (but for the library version in the metadata)", () => {
    const strip = (o: z.infer<typeof Synth>) => ({
      ...o,
      "//": { ...o["//"], metadata: { ...o["//"].metadata, version: "" } },
    });
    expect(json.cdktf["//"].metadata.version).toBe("0.21.0");
    expect(json.cdktn["//"].metadata.version).toBe("0.24.0");
    expect(strip(json.cdktn)).toEqual(strip(json.cdktf));
  });

  /** The synthesized JSON as terraform reads it: the local backend synth wrote names synth's directory. */
  function config(f: "cdktf" | "cdktn"): string {
    const { terraform, ...rest } = json[f];
    const { backend: _, ...terraformBlock } = terraform;
    return JSON.stringify({ ...rest, terraform: terraformBlock }, null, 2);
  }

  function labEnv(lab: Lab): Record<string, string> {
    return {
      CLOUDSTACK_API_URL: lab.cloudstack.url,
      CLOUDSTACK_API_KEY: lab.cloudstack.apiKey,
      CLOUDSTACK_SECRET_KEY: lab.cloudstack.secretKey,
    };
  }

  const peer = tfcorePeer();
  describe.skipIf(!peer.available)("the Go conformance harness (tfcore) runs the synthesized stack", () => {
    let built: { tfcore: string; provider: string } | undefined;

    const expectExit = (r: RunResult, code: number) =>
      expect(r.code, JSON.stringify(r.report.diagnostics) + r.stderr).toBe(code);

    it.each(["cdktf", "cdktn"] as const)(
      "%s: plan, apply once, plan again has no changes",
      async (f) => {
        const lab = await startLab({ jobDurationMs: 50 });
        labs.push(lab);
        built ??= { tfcore: buildTfcore(), provider: providerExecutable() };
        const ws = workspace(built.tfcore, built.provider);
        spaces.push(ws);
        writeFileSync(join(ws.dir, "cdk.tf.json"), config(f));
        const env = labEnv(lab);
        const plan = await ws.run(["plan", "-detailed-exitcode"], { env });
        expectExit(plan, 2);
        expect(plan.report.changes.map((c) => `${c.address} ${c.action}`).sort()).toEqual([
          "ferry_cloudstack_root_volume.web create",
          "ferry_cloudstack_volume_storage.archive create",
        ]);
        expectExit(await ws.run(["apply"], { env }), 0);
        expect(lab.cloudstack.writeCounts().migrateVolume).toBe(1);
        const again = await ws.run(["plan", "-detailed-exitcode"], { env });
        expectExit(again, 0);
        expect(again.report.changes.filter((c) => c.action !== "no-op")).toEqual([]);
      },
      120_000,
    );
  });

  const tf = terraformCli();
  describe.skipIf(!tf.available)(`terraform ${tf.version} runs the synthesized stack`, () => {
    it.each(["cdktf", "cdktn"] as const)(
      "%s: plan lists the operations, apply runs them once, plan again has no changes",
      async (f) => {
        const lab = await startLab({ jobDurationMs: 50 });
        labs.push(lab);
        const { terraform, ...rest } = json[f];
        // The synthesized local backend names the directory synth ran in; the workspace keeps its own state.
        const { backend: _, ...terraformBlock } = terraform;
        const ws = new TerraformWorkspace({
          env: {
            CLOUDSTACK_API_URL: lab.cloudstack.url,
            CLOUDSTACK_API_KEY: lab.cloudstack.apiKey,
            CLOUDSTACK_SECRET_KEY: lab.cloudstack.secretKey,
          },
          files: { "cdk.tf.json": JSON.stringify({ ...rest, terraform: terraformBlock }, null, 2) },
        });
        workspaces.push(ws);
        await ws.init();
        const plan = await ws.ok(["plan", "-no-color", "-out=plan.out"]);
        expect(plan.stdout).toContain("migrateVolume volumeid=");
        const before = lab.cloudstack.writeCounts();
        await ws.ok(["apply", "-no-color", "plan.out"]);
        const after = lab.cloudstack.writeCounts();
        expect(after.migrateVolume ?? 0).toBe((before.migrateVolume ?? 0) + 1);
        const again = await ws.run(["plan", "-no-color", "-detailed-exitcode"]);
        expect(again.code, again.stdout + again.stderr).toBe(0);
      },
      120_000,
    );
  });
});
