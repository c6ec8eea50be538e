/**
 * velostrata_vm_detach through the Pulumi door, inside Pulumi's own dynamic-provider host, against the
 * Velostrata lab: bad input named in the program's names, fully cached to ready-to-detach in one
 * `pulumi up`, the cutover refused without allowCutover and announced as disruptive when allowed,
 * destroy forgetting — counting each write in the lab.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Lab, startLab } from "../../lab/index.ts";
import { Host } from "./support/host.ts";
import { secret } from "./support/lab.ts";
import { OneResourceStack } from "./support/stack.ts";

const PROGRAM = "test/pulumi-host/programs/velostrata.ts";
const prepare = { vmId: "vm-2", stage: "ready_to_detach", storage: { aws: { storageType: "gp2" } } };

let lab: Lab;
let host: Host;
let stack: OneResourceStack;

beforeAll(async () => {
  lab = await startLab({ velostrataTaskMs: 60 });
  host = await Host.start();
  await host.configure({
    "ferry:velostrataUrl": lab.velostrata.url,
    "ferry:velostrataSubscriptionId": secret(lab.velostrata.subscriptionId),
  });
  stack = new OneResourceStack(host, PROGRAM, "db");
});

afterAll(async () => {
  await host?.stop();
  await lab?.stop();
});

describe("a Velostrata VM detached with pulumi up", () => {
  it("check names bad arguments in the program's names", async () => {
    const { urn, inputs } = await stack.registration({
      vmId: "vm 2",
      stage: "migrated",
      storage: { aws: { storageType: "gp2" }, gcp: { storageType: "standard" } },
    });
    const checked = await host.check(urn, {}, inputs);
    const byProperty = Object.fromEntries(checked.failures.map((f) => [f.property, f.reason]));
    expect(Object.keys(byProperty).sort()).toEqual(["stage", "storage", "vmId"]);
    expect(byProperty.storage).toMatch(/set exactly one of aws, azure, gcp \(aws and gcp are set\)/);
    expect(byProperty.stage).toMatch(/allowed: "fully_cached", "ready_to_detach", "detached", "cleaned_up"/);
  });

  it("up: fully cached → ready to detach; a second up has nothing to do", async () => {
    expect(await stack.up(prepare)).toBe("create");
    expect(stack.current?.id).toBe("vm-2");
    expect(stack.current?.outputs).toMatchObject({
      migrationState: "ReadyToDetach",
      instanceType: "m5.large",
    });
    expect(await stack.up(prepare)).toBe("same");
    expect(lab.velostrata.writeCounts()).toEqual({ preparetodetach: 1 });
  });

  it("the cutover: refused without allowCutover, announced as disruptive with it", async () => {
    const { urn, inputs } = await stack.registration({ ...prepare, stage: "detached" });
    const checked = await host.check(urn, stack.current!.inputs, inputs);
    const refused = await host.diff(urn, stack.current!.id, stack.current!.outputs, checked.inputs).then(
      () => undefined,
      (e: { details?: string }) => e.details ?? String(e),
    );
    expect(refused).toMatch(/ferry PLAN_BLOCKED/);
    expect(refused).toMatch(/\(allowCutover\)/);
    expect(lab.velostrata.writeCounts()).toEqual({ preparetodetach: 1 });

    const from = host.stdout.length;
    expect(await stack.up({ ...prepare, stage: "detached", allowCutover: true })).toBe("update");
    expect(await host.output(/! detach: the cutover/, from)).toBeTruthy();
    expect(stack.current?.outputs).toMatchObject({ migrationState: "Detached" });
    expect(lab.velostrata.writeCounts()).toEqual({ preparetodetach: 1, detach: 1 });
  });

  it("destroy forgets: the VM stays detached", async () => {
    const { urn, id, outputs } = stack.current!;
    await host.delete(urn, id, outputs);
    expect(lab.velostrata.writeCounts()).toEqual({ preparetodetach: 1, detach: 1 });
    expect(lab.velostrata.model.vms.get("vm-2")?.migrationState).toBe("Detached");
  });
});
