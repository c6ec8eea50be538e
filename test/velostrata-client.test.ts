/**
 * The Velostrata client against the lab: Basic auth, the base path's version segment, both
 * generations of field names, ErrorInfo bodies, tasks and their failures, task cancel, and writes
 * that are never retried blindly.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startVelostrataLab, type VelostrataLab } from "../lab/velostrata/index.ts";
import { ApiError, FerryError } from "../provider/engine/errors.ts";
import { VelostrataClient } from "../provider/velostrata/client.ts";
import { velostrataSettingsSchema } from "../provider/velostrata/settings.ts";

let lab: VelostrataLab;
let client: VelostrataClient;

function make(extra: Record<string, unknown> = {}): VelostrataClient {
  return new VelostrataClient(
    velostrataSettingsSchema.parse({ url: lab.url, subscription_id: lab.subscriptionId, ...extra }),
  );
}

const soon = () => Date.now() + 20_000;

beforeEach(async () => {
  lab = await startVelostrataLab({ taskMs: 60 });
  client = make();
});
afterEach(async () => {
  await lab.stop();
});

describe("reads", () => {
  it("a VM in the 4.x field names (target, instanceType)", async () => {
    expect(await client.getVm("vm-3")).toEqual({
      id: "vm-3",
      migrationState: "ReadyToDetach",
      state: "InCloud",
      powerState: "Running",
      instanceType: "Standard_D1_v2",
      cloud: "azure",
      activeTasks: [],
    });
  });

  it("the same VM in the 2.5 field names (cloudInfo, type.name) reads the same", async () => {
    const v4 = await client.getVm("vm-1");
    lab.model.fieldNames = "2.5";
    expect(await client.getVm("vm-1")).toEqual(v4);
    const running = (await client.getVm("vm-5"))!;
    const task = (await client.getTask(running.activeTasks[0]!))!;
    expect(task.type).toBe("MigrateToCloud");
    expect(task.taskType).toBeUndefined();
  });

  it("an unknown VM is undefined; the path carries the version segment", async () => {
    expect(await client.getVm("vm-99")).toBeUndefined();
    expect(lab.calls.at(-1)).toMatchObject({ path: "/velostrata/api/v42/vms/vm-99", status: 404 });
  });

  it("a VM with a running task shows it in activeTasks", async () => {
    const vm = (await client.getVm("vm-5"))!;
    expect(vm.migrationState).toBe("Migrating");
    expect(vm.activeTasks).toHaveLength(1);
    expect(await client.getTask(vm.activeTasks[0]!)).toMatchObject({
      state: "Running",
      taskType: "MigrateToCloud",
    });
  });

  it("a wrong subscription id: 401, and the fix names the setting", async () => {
    const bad = make({ subscription_id: "not-it" });
    const e = await bad.getVm("vm-1").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(401);
    expect((e as ApiError).fix).toMatch(/subscription_id \(VELOSTRATA_SUBSCRIPTION_ID\)/);
    expect(JSON.stringify(e)).not.toContain("not-it");
  });

  it("reads are retried through 503 and 429", async () => {
    lab.faults.inject({ kind: "status", status: 503, commands: ["getVm"] });
    lab.faults.inject({ kind: "ratelimit", retryAfterSeconds: 0, commands: ["getVm"] });
    expect((await client.getVm("vm-2"))?.migrationState).toBe("FullyCached");
    expect(lab.calls.filter((c) => c.operation === "getVm")).toHaveLength(3);
  });
});

describe("operations and tasks", () => {
  it("migrate: 201 TaskId, awaited to Succeeded with progress, the VM FullyCached", async () => {
    const task = await client.operate("vm-1", "migrate");
    expect(task).toMatch(/^t-\d+$/);
    expect((await client.getVm("vm-1"))?.activeTasks).toEqual([task]);
    const seen: string[] = [];
    const done = await client.waitTask(task, {
      what: "migrate of vm-1",
      deadline: soon(),
      onProgress: (m) => seen.push(m),
    });
    expect(done).toMatchObject({ state: "Succeeded", progress: 100 });
    expect(seen.at(-1)).toBe("MigrateToCloud Succeeded");
    expect((await client.getVm("vm-1"))?.migrationState).toBe("FullyCached");
  });

  it("preparetodetach runs the exporter's passes; only progress and additionalInfo show them", async () => {
    const task = await client.operate("vm-2", "preparetodetach", {
      _type: "AwsTargetStorageSpec",
      storageType: "gp2",
    });
    const seen: string[] = [];
    await client.waitTask(task, {
      what: "preparetodetach",
      deadline: soon(),
      onProgress: (m) => seen.push(m),
    });
    expect(seen.at(-1)).toBe("PrepareToDetach Succeeded — 3/3");
    expect((await client.getVm("vm-2"))?.migrationState).toBe("ReadyToDetach");
  });

  it("an operation the VM's state does not allow: the ErrorInfo's words, the state named", async () => {
    const e = (await client
      .operate("vm-1", "preparetodetach", { _type: "AwsTargetStorageSpec", storageType: "gp2" })
      .catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(409);
    expect(e.apiCode).toBe("InvalidVmState");
    expect(e.apiMessage).toBe(
      "Operation preparetodetach is not allowed in migration state CacheOnDemand (allowed: FullyCached)",
    );
    expect(lab.writeCounts()).toEqual({});
  });

  it("a failed detach: Velostrata's errorMessage and errorDetails, and the rollback task it leaves", async () => {
    lab.model.failNextDetach.push("Failed to attach disk xvdb to the instance");
    const task = await client.operate("vm-3", "detach", { targetInstanceType: "Standard_D1_v2" });
    lab.model.rollbackMs = 1000; // the rollback task the failure leaves runs this long
    const e = (await client
      .waitTask(task, { what: "detach of vm-3", deadline: soon() })
      .catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe("JOB_FAILED");
    expect(e.apiMessage).toBe(
      "Failed to attach disk xvdb to the instance — DetachVm of vm-3 failed; the VM stays on Velostrata's cache",
    );
    const vm = (await client.getVm("vm-3"))!;
    expect(vm.activeTasks).toHaveLength(1);
    await lab.settle();
    expect((await client.getVm("vm-3"))?.migrationState).toBe("ReadyToDetach");
  });

  it("DELETE /tasks/{id}: 202, the task Cancelled, the VM back where the task found it", async () => {
    const task = await client.operate("vm-1", "migrate");
    await client.cancelTask(task);
    const e = (await client
      .waitTask(task, { what: "migrate", deadline: soon() })
      .catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe("JOB_FAILED");
    expect(e.apiCode).toBe("Cancelled");
    expect((await client.getVm("vm-1"))?.migrationState).toBe("CacheOnDemand");
  });

  it("a write answered 503 after the manager took it is ambiguous, never retried", async () => {
    lab.faults.inject({ kind: "status-after", status: 503, commands: ["migrate"] });
    const e = (await client.operate("vm-1", "migrate").catch((x: unknown) => x)) as FerryError;
    expect(e).toBeInstanceOf(FerryError);
    expect(e.code).toBe("AMBIGUOUS_WRITE");
    expect(lab.calls.filter((c) => c.operation === "migrate")).toHaveLength(1);
    expect(lab.count("migrate")).toBe(1);
  });

  it("a bad storage spec is refused by the manager with a 400 ErrorInfo", async () => {
    const e = (await client
      .operate("vm-2", "preparetodetach", { _type: "GcpTargetStorageSpec", storageType: "standard" })
      .catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(400);
    expect(e.apiMessage).toMatch(/must be AwsTargetStorageSpec for VM vm-2/);
  });

  it("v45 is a setting: the segment changes with it", async () => {
    lab.model.apiVersion = "v45";
    const v45 = make({ api_version: "v45" });
    expect((await v45.getVm("vm-2"))?.migrationState).toBe("FullyCached");
    expect(lab.calls.at(-1)?.path).toBe("/velostrata/api/v45/vms/vm-2");
  });
});
