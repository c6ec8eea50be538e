/**
 * terraform itself interrupted in the window where the VM is Stopped (SIGINT, as Ctrl-C sends it, and
 * SIGKILL, after which the orphaned provider must stop by itself),
 * then `terraform apply` again: the VM ends Running with the new placement, as after an uninterrupted
 * run, every operation ran exactly once (the lab's call log), and a further plan is empty. The intent
 * ("start it again") survives because it was recorded on the VM, not in the interrupted process.
 * Skipped (with the reason) where no `terraform` CLI is on the PATH.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_IDS, type Lab, startLab } from "../../lab/index.ts";
import { collect, REQUIRED_PROVIDERS, TerraformWorkspace, terraformCli } from "../support/terraform-cli.ts";

const tf = terraformCli();
const VM = DEFAULT_IDS.vms["web-01"];

const cells = [
  {
    name: "root swap of a Running VM, interrupted once detachVolume is issued",
    resource: `resource "ferry_cloudstack_root_volume" "web" {
  virtual_machine_id = "${VM}"
  volume_id          = "${DEFAULT_IDS.volumes["web-01-root-v2"]}"
  allow_stop         = true
}`,
    at: "detachVolume",
    ops: [
      "createTags",
      "stopVirtualMachine",
      "detachVolume",
      "attachVolume",
      "startVirtualMachine",
      "deleteTags",
    ],
    check: (lab: Lab) =>
      expect(lab.cloudstack.model.volumesOf(VM).find((v) => v.deviceId === 0)?.id).toBe(
        DEFAULT_IDS.volumes["web-01-root-v2"],
      ),
  },
  {
    name: "VM storage move of a Running VM, interrupted once migrateVirtualMachine is issued",
    resource: `resource "ferry_cloudstack_vm_storage" "web" {
  virtual_machine_id = "${VM}"
  storage_pool_id    = "${DEFAULT_IDS.storagePools["ds-gold-02"]}"
  allow_stop         = true
}`,
    at: "migrateVirtualMachine",
    ops: ["createTags", "stopVirtualMachine", "migrateVirtualMachine", "startVirtualMachine", "deleteTags"],
    check: (lab: Lab) =>
      expect(
        lab.cloudstack.model.volumesOf(VM).every((v) => v.poolId === DEFAULT_IDS.storagePools["ds-gold-02"]),
      ).toBe(true),
  },
];

describe.skipIf(!tf.available)(`terraform ${tf.version} interrupted while the VM is Stopped`, () => {
  let lab: Lab | undefined;
  let ws: TerraformWorkspace | undefined;
  afterEach(async () => {
    ws?.cleanup();
    await lab?.stop();
  });

  const matrix = cells.flatMap((c) => (["SIGINT", "SIGKILL"] as const).map((signal) => ({ ...c, signal })));
  it.each(matrix)(
    "$name ($signal), then apply again",
    async ({ resource, at, ops, check, signal }) => {
      lab = await startLab({ jobDurationMs: 400 });
      const l = lab;
      ws = new TerraformWorkspace({
        env: {
          CLOUDSTACK_API_URL: l.cloudstack.url,
          CLOUDSTACK_API_KEY: l.cloudstack.apiKey,
          CLOUDSTACK_SECRET_KEY: l.cloudstack.secretKey,
        },
        files: { "main.tf": `${REQUIRED_PROVIDERS}\nprovider "ferry" {}\n\n${resource}\n` },
      });
      await ws.init();
      const child = ws.spawn(["apply", "-no-color", "-auto-approve"]);
      const done = collect(child, 120_000, "terraform apply");
      for (let i = 0; i < 600 && l.cloudstack.count(at) === 0; i++)
        await new Promise((r) => setTimeout(r, 25));
      expect(l.cloudstack.count(at)).toBe(1);
      child.kill(signal);
      const first = await done;
      expect(first.code).not.toBe(0);
      // After a SIGKILL the provider is orphaned: it must stop by itself, before the next operation.
      await new Promise((r) => setTimeout(r, signal === "SIGKILL" ? 3000 : 0));
      await l.cloudstack.settle();
      expect(l.cloudstack.writeCounts()[ops[ops.indexOf(at) + 1] ?? ""]).toBeUndefined();
      expect(l.cloudstack.model.vm(VM).state).toBe("Stopped");

      await ws.ok(["apply", "-no-color", "-auto-approve"]);
      await l.cloudstack.settle();
      expect(l.cloudstack.model.vm(VM).state).toBe("Running");
      expect([...l.cloudstack.model.vm(VM).tags]).toEqual([]);
      check(l);
      expect(l.cloudstack.writeCounts()).toEqual(Object.fromEntries(ops.map((o) => [o, 1])));
      const again = await ws.run(["plan", "-no-color", "-detailed-exitcode"]);
      expect(again.code, again.stdout + again.stderr).toBe(0);
    },
    180_000,
  );
});
