/**
 * `terraform apply -replace=ADDR` on resources whose destroy changes the live object: the destroy half
 * (restore_on_destroy swaps the root back, detach_on_destroy detaches the volume) runs first, so the
 * create half cannot know its operations at plan time. terraform must complete the replacement: the
 * resource stays in state, the lab ends as the configuration says, every operation of both halves ran
 * exactly once (the lab's call log), and a further plan is empty. Under lifecycle
 * create_before_destroy the create runs first: where it sets the same live object, the old object's
 * destroy must leave it alone (it would undo the replacement); where it sets another, both run.
 * Skipped (with the reason) where no `terraform` CLI is on the PATH.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_IDS, type Lab, startLab } from "../../lab/index.ts";
import { REQUIRED_PROVIDERS, TerraformWorkspace, terraformCli } from "../support/terraform-cli.ts";

const tf = terraformCli();
const VM = DEFAULT_IDS.vms["web-01"];
const ROOT = DEFAULT_IDS.volumes["web-01-root"];
const ROOT_V2 = DEFAULT_IDS.volumes["web-01-root-v2"];
const ARCHIVE = DEFAULT_IDS.volumes["archive-01"];
const SWAP = [
  "createTags",
  "stopVirtualMachine",
  "detachVolume",
  "attachVolume",
  "startVirtualMachine",
  "deleteTags",
];

const cells = [
  {
    name: "ferry_cloudstack_root_volume with restore_on_destroy",
    address: "ferry_cloudstack_root_volume.web",
    resource: `resource "ferry_cloudstack_root_volume" "web" {
  virtual_machine_id = "${VM}"
  volume_id          = "${ROOT_V2}"
  allow_stop         = true
  restore_on_destroy = true
}`,
    // The destroy swaps back to the previous root, the create swaps to the configured one again.
    ops: Object.fromEntries(SWAP.map((o) => [o, 2])),
    // What the plan can say of the create half before the destroy has run.
    planSays: /~ operations\s+= \[\n(\s+- ".*",\n)+\s+\] -> \(known after apply\)/,
    check: (lab: Lab, attrs: Record<string, unknown>) => {
      expect(lab.cloudstack.model.volumesOf(VM).find((v) => v.deviceId === 0)?.id).toBe(ROOT_V2);
      expect(lab.cloudstack.model.vm(VM).state).toBe("Running");
      expect([...lab.cloudstack.model.vm(VM).tags]).toEqual([]);
      expect(attrs["previous_volume_id"]).toBe(ROOT);
      expect(attrs["operations"]).toHaveLength(SWAP.length);
    },
  },
  {
    name: "ferry_cloudstack_volume_attachment with detach_on_destroy",
    address: "ferry_cloudstack_volume_attachment.archive",
    resource: `resource "ferry_cloudstack_volume_attachment" "archive" {
  volume_id          = "${ARCHIVE}"
  virtual_machine_id = "${VM}"
  detach_on_destroy  = true
}`,
    ops: { detachVolume: 1, attachVolume: 1 },
    planSays: /~ operations\s+= \[\n(\s+- ".*",\n)+\s+\] -> \(known after apply\)/,
    check: (lab: Lab, attrs: Record<string, unknown>) => {
      const v = lab.cloudstack.model.volumesOf(VM).find((x) => x.id === ARCHIVE);
      expect(v?.vmId).toBe(VM);
      expect(attrs["operations"]).toHaveLength(1);
    },
  },
];

const mainTf = (resource: string) => `${REQUIRED_PROVIDERS}\nprovider "ferry" {}\n\n${resource}\n`;
const cbd = (resource: string) =>
  resource.replace(/\}$/, "  lifecycle {\n    create_before_destroy = true\n  }\n}");
const attachment = (volume: string) => `resource "ferry_cloudstack_volume_attachment" "data" {
  volume_id          = "${volume}"
  virtual_machine_id = "${VM}"
  detach_on_destroy  = true
}`;

describe.skipIf(!tf.available)(
  `terraform ${tf.version} replacements whose destroy changes the live object`,
  () => {
    let lab: Lab | undefined;
    let ws: TerraformWorkspace | undefined;
    afterEach(async () => {
      ws?.cleanup();
      await lab?.stop();
    });

    /** A lab and a workspace with `resource` applied; the lab's call log cleared after. */
    async function applied(resource: string): Promise<{ l: Lab; w: TerraformWorkspace }> {
      const l = await startLab({ jobDurationMs: 100 });
      lab = l;
      const w = new TerraformWorkspace({
        env: {
          CLOUDSTACK_API_URL: l.cloudstack.url,
          CLOUDSTACK_API_KEY: l.cloudstack.apiKey,
          CLOUDSTACK_SECRET_KEY: l.cloudstack.secretKey,
        },
        files: { "main.tf": mainTf(resource) },
      });
      ws = w;
      await w.init();
      await w.ok(["apply", "-no-color", "-auto-approve"]);
      await l.cloudstack.settle();
      l.cloudstack.clearCalls();
      return { l, w };
    }

    async function expectEmptyPlan(w: TerraformWorkspace) {
      const again = await w.run(["plan", "-no-color", "-detailed-exitcode"]);
      expect(again.code, again.stdout + again.stderr).toBe(0);
    }

    it.each(cells)(
      "$name: the destroy runs, then the create, and the resource stays in state",
      async ({ address, resource, ops, planSays, check }) => {
        const { l, w } = await applied(resource);
        const plan = await w.ok(["plan", "-no-color", `-replace=${address}`, "-out=replace.tfplan"]);
        expect(plan.stdout).toMatch(/will be replaced, as requested/);
        expect(plan.stdout).toMatch(planSays);
        expect(l.cloudstack.writeCounts()).toEqual({});
        const run = await w.run(["apply", "-no-color", "-auto-approve", "replace.tfplan"]);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        await l.cloudstack.settle();
        expect(l.cloudstack.writeCounts()).toEqual(ops);

        const state = await w.showJson();
        const resources = (
          state["values"] as {
            root_module: { resources: { address: string; values: Record<string, unknown> }[] };
          }
        ).root_module.resources;
        const r = resources.find((x) => x.address === address);
        expect(r, JSON.stringify(state)).toBeDefined();
        check(l, r!.values);
        await expectEmptyPlan(w);
      },
      180_000,
    );

    it.each(cells)(
      "$name under create_before_destroy: -replace creates first, and the destroy leaves the live object to it",
      async ({ address, resource }) => {
        const { l, w } = await applied(cbd(resource));
        const before = JSON.stringify(l.cloudstack.model.volumesOf(VM));
        const run = await w.ok(["apply", "-no-color", "-auto-approve", `-replace=${address}`]);
        expect(run.stdout).toMatch(/create replacement and then destroy/);
        expect(run.stdout.replace(/\s+/g, " ")).toContain(
          "the destroy left the live object to its replacement",
        );
        await l.cloudstack.settle();
        // The old object's destroy ran after the create; had it run its operations, they would have
        // undone the replacement (the VM back on its old root, the volume detached).
        expect(l.cloudstack.writeCounts()).toEqual({});
        expect(JSON.stringify(l.cloudstack.model.volumesOf(VM))).toBe(before);
        expect(JSON.stringify(await w.showJson())).toContain(`"address":"${address}"`);
        await expectEmptyPlan(w);
      },
      180_000,
    );

    it.each([
      { order: "destroy first (terraform's default)", lifecycle: (r: string) => r },
      { order: "create first (create_before_destroy)", lifecycle: cbd },
    ])(
      "a change that forces replacement onto another volume, $order: the plan lists the destroy, apply runs both",
      async ({ lifecycle }) => {
        const { l, w } = await applied(lifecycle(attachment(ARCHIVE)));
        w.write("main.tf", mainTf(lifecycle(attachment(ROOT_V2))));
        const plan = await w.ok(["plan", "-no-color", "-out=replace.tfplan"]);
        expect(plan.stdout).toMatch(/must be replaced/);
        expect(plan.stdout).toMatch(/the destroy of the object it replaces runs first \(1 operation\)/);
        // terraform wraps diagnostic details at spaces
        expect(plan.stdout.replace(/\s+/g, " ")).toContain(`detachVolume id=${ARCHIVE}`);
        await w.ok(["apply", "-no-color", "-auto-approve", "replace.tfplan"]);
        await l.cloudstack.settle();
        // Different volumes: the old object's destroy runs its detach whatever the order.
        expect(l.cloudstack.writeCounts()).toEqual({ detachVolume: 1, attachVolume: 1 });
        const vols = l.cloudstack.model.volumesOf(VM);
        expect(vols.some((v) => v.id === ARCHIVE)).toBe(false);
        expect(vols.some((v) => v.id === ROOT_V2)).toBe(true);
        await expectEmptyPlan(w);
      },
      180_000,
    );
  },
);
