/**
 * A resource's life through terraform itself, the steps every kind's end-to-end test takes
 * (test/terraform-cli): a saved plan read back as `terraform show -json` shows it, the state, the lab's
 * connection settings as a user's environment gives them and the secrets among them, and one lab plus
 * one initialised workspace per kind.
 */
import { afterAll, beforeAll, describe, expect } from "vitest";
import { z } from "zod";
import { type Lab, type LabOptions, startLab } from "../../lab/index.ts";
import { REQUIRED_PROVIDERS, TerraformWorkspace, terraformCli } from "./terraform-cli.ts";

const changeSchema = z.object({
  address: z.string(),
  type: z.string(),
  change: z.object({
    actions: z.array(z.string()),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    after_unknown: z.record(z.string(), z.unknown()).optional(),
    importing: z.object({ id: z.string() }).optional(),
  }),
});
const planSchema = z.object({
  resource_changes: z.array(changeSchema).default([]),
  resource_drift: z.array(changeSchema).default([]),
});
const stateSchema = z.object({
  values: z
    .object({
      root_module: z
        .object({
          resources: z
            .array(z.object({ address: z.string(), values: z.record(z.string(), z.unknown()) }))
            .default([]),
        })
        .default({ resources: [] }),
    })
    .optional(),
});

/** One resource's entry of a saved plan, as `terraform show -json PLAN` gives it. */
export interface PlannedChange {
  address: string;
  /** terraform's actions: ["no-op"], ["create"], ["update"], ["delete", "create"] … */
  actions: string[];
  /** `operations` the plan says the apply runs ("unknown" where the plan leaves it to the apply). */
  operations: string[] | "unknown";
  /** The import id when the change imports the resource. */
  importing?: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface SavedPlan {
  /** `-detailed-exitcode`: 0 nothing to do, 2 changes. */
  code: number | null;
  stdout: string;
  stderr: string;
  changes: PlannedChange[];
  /** What refresh found changed outside terraform (`resource_drift`). */
  drift: PlannedChange[];
  /** The change of one address (throws when the plan has none). */
  change(address: string): PlannedChange;
}

function planned(c: z.infer<typeof changeSchema>): PlannedChange {
  const ops = c.change.after?.operations;
  return {
    address: c.address,
    actions: c.change.actions,
    operations:
      c.change.after_unknown?.operations === true ? "unknown" : Array.isArray(ops) ? ops.map(String) : [],
    ...(c.change.importing ? { importing: c.change.importing.id } : {}),
    before: c.change.before,
    after: c.change.after,
  };
}

/**
 * `terraform plan -out` with `-detailed-exitcode`, and the saved plan read back with `terraform show
 * -json`: what a reviewer sees and what the apply of that file runs. Fails on exit code 1.
 */
export async function savedPlan(
  ws: TerraformWorkspace,
  args: string[] = [],
  file = "tf.plan",
): Promise<SavedPlan> {
  const r = await ws.run([
    "plan",
    "-no-color",
    "-input=false",
    "-detailed-exitcode",
    `-out=${file}`,
    ...args,
  ]);
  if (r.code !== 0 && r.code !== 2)
    throw new Error(`terraform plan exited ${r.code ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
  const p = planSchema.parse(await ws.showJson(file));
  const changes = p.resource_changes.map(planned);
  return {
    code: r.code,
    stdout: r.stdout,
    stderr: r.stderr,
    changes,
    drift: p.resource_drift.map(planned),
    change(address) {
      const c = changes.find((x) => x.address === address);
      if (!c)
        throw new Error(`the plan has no change for ${address}: ${changes.map((x) => x.address).join(", ")}`);
      return c;
    },
  };
}

/** The resources in the workspace's state and their attributes (`terraform show -json`). */
export async function stateValues(ws: TerraformWorkspace): Promise<Map<string, Record<string, unknown>>> {
  const s = stateSchema.parse(await ws.showJson());
  return new Map((s.values?.root_module.resources ?? []).map((r) => [r.address, r.values]));
}

/** `provider "ferry" {}` after the required_providers block, then the given blocks. */
export function configOf(...blocks: string[]): string {
  return `${REQUIRED_PROVIDERS}\nprovider "ferry" {}\n\n${blocks.join("\n\n")}\n`;
}

/** A lab's backends as a user's environment names them (docs/index.md); Danube by user and password. */
export function labEnv(lab: Lab): Record<string, string> {
  return {
    CLOUDSTACK_API_URL: lab.cloudstack.url,
    CLOUDSTACK_API_KEY: lab.cloudstack.apiKey,
    CLOUDSTACK_SECRET_KEY: lab.cloudstack.secretKey,
    MANILA_ENDPOINT: lab.manila.url,
    OS_TOKEN: lab.manila.token,
    ES_API_URL: lab.danube.url,
    ES_USERNAME: lab.danube.username,
    ES_PASSWORD: lab.danube.password,
    VELOSTRATA_URL: lab.velostrata.url,
    VELOSTRATA_SUBSCRIPTION_ID: lab.velostrata.subscriptionId,
  };
}

/**
 * The secrets of labEnv, by name — Danube's session keys too (a login makes a new one): none of them
 * may appear in terraform's TF_LOG=TRACE output. Read after the run.
 */
export function labSecrets(lab: Lab): Record<string, string> {
  const sessions = [...lab.danube.model.users.values()].flatMap((u) =>
    u.token ? [[`Danube session key of ${u.username}`, u.token.key] as const] : [],
  );
  return {
    "CloudStack API key": lab.cloudstack.apiKey,
    "CloudStack secret key": lab.cloudstack.secretKey,
    "Manila token": lab.manila.token,
    "Danube password": lab.danube.password,
    "Danube API key": lab.danube.apiKey,
    "Velostrata subscription id": lab.velostrata.subscriptionId,
    ...Object.fromEntries(sessions),
  };
}

/** The names of the secrets found in `text` (empty when none is). */
export function leakedSecrets(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, v]) => v.length >= 6 && text.includes(v))
    .map(([k]) => k);
}

/** The API command of each planned operation ("migrateVolume volumeid=… storageid=…" → migrateVolume). */
export function commandsOf(ops: string[] | "unknown"): string[] | "unknown" {
  return ops === "unknown" ? ops : ops.map((o) => o.replace(/^wait for /, "").split(" ")[0] ?? "");
}

/** `terraform apply FILE` of a saved plan (the default file of savedPlan). */
export function applyPlan(ws: TerraformWorkspace, file = "tf.plan", env: Record<string, string> = {}) {
  return ws.ok(["apply", "-no-color", "-input=false", file], { env });
}

/** `terraform plan -detailed-exitcode`'s exit code and output: 0 is an empty plan. */
export async function replan(ws: TerraformWorkspace): Promise<{ code: number | null; output: string }> {
  const r = await ws.run(["plan", "-no-color", "-input=false", "-detailed-exitcode"]);
  return { code: r.code, output: r.stdout + r.stderr };
}

/** `terraform destroy -auto-approve`. */
export function destroyAll(ws: TerraformWorkspace) {
  return ws.ok(["destroy", "-auto-approve", "-no-color", "-input=false"]);
}

/**
 * One lab (its own free ports) and one initialised workspace for a kind — one `terraform init` from the
 * mirror; every step of the kind's life runs in them, in order. Skipped, with the reason, without
 * terraform. (`init` links the unpacked mirror into .terraform rather than copying it, so a plugin
 * cache would save nothing here.)
 */
export function describeLifecycle(
  title: string,
  labOptions: LabOptions,
  body: (ctx: { lab: () => Lab; ws: () => TerraformWorkspace }) => void,
): void {
  const tf = terraformCli();
  describe.skipIf(!tf.available)(`terraform ${tf.version}: ${title}`, () => {
    let lab: Lab | undefined;
    let ws: TerraformWorkspace | undefined;
    beforeAll(async () => {
      lab = await startLab(labOptions);
      ws = new TerraformWorkspace({ env: labEnv(lab), files: { "main.tf": configOf() } });
      await ws.init();
    });
    afterAll(async () => {
      ws?.cleanup();
      await lab?.stop();
    });
    const need = <T>(v: T | undefined): T => {
      if (v === undefined) throw new Error("the lab or the workspace did not start");
      return v;
    };
    body({ lab: () => need(lab), ws: () => need(ws) });
  });
}

/**
 * The import step: an `import {}` block for `address` with `id`, planned with -generate-config-out, must
 * import without a change (no operation), apply, and leave an empty plan. Returns the generated
 * configuration for the caller's checks of what was read back.
 */
export async function importWithGeneratedConfig(
  ws: TerraformWorkspace,
  address: string,
  id: string,
): Promise<{ generated: string; plan: SavedPlan }> {
  ws.write("imports.tf", `import {\n  to = ${address}\n  id = ${JSON.stringify(id)}\n}\n`);
  const plan = await savedPlan(ws, ["-generate-config-out=generated.tf"]);
  const generated = ws.read("generated.tf");
  expect(generated).toContain(`resource "${address.split(".")[0]}" "${address.split(".")[1]}" {`);
  const c = plan.change(address);
  expect(c.importing).toBe(id);
  expect(c.actions).toEqual(["no-op"]);
  expect(c.operations).toEqual([]);
  await applyPlan(ws);
  expect(await replan(ws)).toMatchObject({ code: 0 });
  return { generated, plan };
}

/**
 * The replace step of a kind whose destroy leaves the live object as it is: `-replace` plans delete
 * then create, the create finds the object as desired (no operation), and the next plan is empty.
 */
export async function replaceInPlace(ws: TerraformWorkspace, address: string): Promise<void> {
  const p = await savedPlan(ws, [`-replace=${address}`]);
  expect(p.change(address).actions).toEqual(["delete", "create"]);
  expect(p.change(address).operations).toEqual([]);
  await applyPlan(ws);
  expect(await replan(ws)).toMatchObject({ code: 0 });
}
