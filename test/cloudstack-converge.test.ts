/**
 * Converge against the lab: happy paths, crashes (a child process killed between steps and mid-job),
 * injected faults and timeouts — counting in the lab's call log that no operation runs twice.
 */
import { type ChildEvent, runChildUntil as runChild } from "./support/run-child.ts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { POOL_IDS, VM_IDS, VOLUME_IDS } from "../lab/cloudstack/default-ids.ts";
import { type Lab, startLab } from "../lab/index.ts";
import { CloudStackClient } from "../provider/cloudstack/client.ts";
import { rootVolume } from "../provider/cloudstack/root-volume.ts";
import { cloudStackSettingsSchema } from "../provider/cloudstack/settings.ts";
import { vmStorage } from "../provider/cloudstack/vm-storage.ts";
import { volumeAttachment } from "../provider/cloudstack/volume-attachment.ts";
import { volumeStorage } from "../provider/cloudstack/volume-storage.ts";
import { FerryError } from "../provider/engine/errors.ts";
import type { AnyKind } from "../provider/engine/kind.ts";
import { silentLogger } from "../provider/engine/log.ts";
import { applyResource, parseSpec, planResource } from "../provider/engine/resource.ts";

const swap = {
  virtual_machine_id: VM_IDS["web-01"],
  volume_id: VOLUME_IDS["web-01-root-v2"],
  allow_stop: true,
};

let lab: Lab;
let client: CloudStackClient;

function newClient(): CloudStackClient {
  return new CloudStackClient(
    cloudStackSettingsSchema.parse({
      api_url: lab.cloudstack.url,
      api_key: lab.cloudstack.apiKey,
      secret_key: lab.cloudstack.secretKey,
    }),
  );
}

function writeCounts(): Record<string, number> {
  return lab.cloudstack.writeCounts();
}

async function apply(kind: AnyKind, input: Record<string, unknown>) {
  return applyResource(kind, client, parseSpec(kind, input), { phase: "update" });
}

async function planSteps(kind: AnyKind, input: Record<string, unknown>): Promise<string[]> {
  const { plan } = await planResource(kind, client, parseSpec(kind, input));
  return plan.steps.map((s) => s.step.operation);
}

beforeEach(async () => {
  lab = await startLab({ jobDurationMs: 150 });
  client = newClient();
});
afterEach(async () => {
  await lab.stop();
});

describe("happy paths", () => {
  it.each<[string, AnyKind, Record<string, unknown>, string[]]>([
    [
      "root volume swap of a Running VM",
      rootVolume,
      swap,
      [
        "createTags",
        "stopVirtualMachine",
        "detachVolume",
        "attachVolume",
        "startVirtualMachine",
        "deleteTags",
      ],
    ],
    [
      "stopped VM to another datastore",
      vmStorage,
      { virtual_machine_id: VM_IDS["db-01"], storage_pool_id: POOL_IDS["ds-gold-02"] },
      ["migrateVirtualMachine"],
    ],
    [
      "detached volume to another pool",
      volumeStorage,
      { volume_id: VOLUME_IDS["archive-01"], storage_pool_id: POOL_IDS["ds-gold-02"] },
      ["migrateVolume"],
    ],
    [
      "rescue: a broken VM's root attached to another VM",
      volumeAttachment,
      { volume_id: VOLUME_IDS["broken-01-root"], virtual_machine_id: VM_IDS["rescue-01"] },
      ["detachVolume", "attachVolume"],
    ],
  ])(
    "%s: converges with each operation once, in order, then plans nothing",
    async (_name, kind, input, ops) => {
      expect(await planSteps(kind, input)).toEqual(ops);
      const r = await apply(kind, input);
      expect(r.ran.map((s) => s.operation)).toEqual(ops);
      expect(writeCounts()).toEqual(Object.fromEntries(ops.map((o) => [o, 1])));
      expect(await planSteps(kind, input)).toEqual([]);
    },
  );

  it("root swap records the previous root and the VM runs again", async () => {
    const r = await apply(rootVolume, swap);
    expect(r.outputs).toMatchObject({
      previous_volume_id: VOLUME_IDS["web-01-root"],
      vm_state: "Running",
      root_volume_name: "web-01-root-v2",
    });
    const old = await client.volumes.get(VOLUME_IDS["web-01-root"]);
    expect(old?.type).toBe("DATADISK");
    expect(old?.virtualmachineid).toBeUndefined();
  });
});

/** Run converge in a child process against the lab and SIGKILL it when `killWhen` matches an event. */
function runChildUntil(
  kindType: string,
  input: Record<string, unknown>,
  killWhen: (ev: ChildEvent) => boolean,
) {
  return runChild(kindType, input, killWhen, {
    env: {
      LAB_URL: lab.cloudstack.url,
      LAB_KEY: lab.cloudstack.apiKey,
      LAB_SECRET: lab.cloudstack.secretKey,
    },
  });
}

describe("crash and resume (the process is killed, then run again)", () => {
  it("killed between steps: the rerun carries on and issues nothing twice", async () => {
    // `start` unset: the rerun finds the VM Stopped (ferry stopped it) and must still start it; it
    // knows from the intent recorded on the VM before the stop, not from the killed process.
    const input = swap;
    const { killed } = await runChildUntil(
      "cloudstack_root_volume",
      input,
      (ev) => ev.event === "step" && ev.operation === "detachVolume",
    );
    expect(killed).toBe(true);
    await lab.cloudstack.settle();
    expect(writeCounts()).toMatchObject({ stopVirtualMachine: 1 });
    const r = await apply(rootVolume, input);
    expect(r.ran[0]?.operation).not.toBe("stopVirtualMachine");
    expect(writeCounts()).toEqual({
      createTags: 1,
      stopVirtualMachine: 1,
      detachVolume: 1,
      attachVolume: 1,
      startVirtualMachine: 1,
      deleteTags: 1,
    });
    expect(r.outputs.vm_state).toBe("Running");
    expect(r.outputs.previous_volume_id).toBe(VOLUME_IDS["web-01-root"]);
    expect([...lab.cloudstack.model.vm(VM_IDS["web-01"]).tags]).toEqual([]);
  });

  it("killed mid-job: the rerun finds the job in flight, waits for it, and issues nothing twice", async () => {
    lab.cloudstack.jobDurationMs = 1200;
    const { killed } = await runChildUntil(
      "cloudstack_root_volume",
      { ...swap, start: true },
      (ev) =>
        ev.event === "progress" && ev.operation === "detachVolume" && String(ev.message).endsWith("running"),
    );
    expect(killed).toBe(true);
    lab.cloudstack.jobDurationMs = 150;
    const r = await applyResource(rootVolume, client, parseSpec(rootVolume, { ...swap, start: true }), {
      phase: "update",
    });
    expect(r.ran[0]).toMatchObject({ action: "wait", operation: "queryAsyncJobResult" });
    expect(writeCounts()).toEqual({
      createTags: 1,
      stopVirtualMachine: 1,
      detachVolume: 1,
      attachVolume: 1,
      startVirtualMachine: 1,
      deleteTags: 1,
    });
  });

  it("a swap killed once the old root is detached, then a destroy with restore_on_destroy: the root the record names is restored, not the state's previous volume", async () => {
    const first = await apply(rootVolume, swap);
    expect(first.outputs.previous_volume_id).toBe(VOLUME_IDS["web-01-root"]);
    // The next change, to a third volume, is killed while its detach of web-01-root-v2 runs.
    lab.cloudstack.jobDurationMs = 1200;
    const { killed } = await runChildUntil(
      "cloudstack_root_volume",
      { ...swap, volume_id: VOLUME_IDS["archive-01"] },
      (ev) =>
        ev.event === "progress" && ev.operation === "detachVolume" && String(ev.message).endsWith("running"),
    );
    expect(killed).toBe(true);
    lab.cloudstack.jobDurationMs = 150;
    await lab.cloudstack.settle();
    const vm = lab.cloudstack.model.vm(VM_IDS["web-01"]);
    expect(vm.state).toBe("Stopped");
    expect(lab.cloudstack.model.volumesOf(VM_IDS["web-01"]).some((v) => v.deviceId === 0)).toBe(false);
    lab.cloudstack.clearCalls();

    // terraform's state still holds the first swap: volume_id = v2, previous_volume_id = web-01-root.
    const inState = parseSpec(rootVolume, { ...swap, restore_on_destroy: true });
    const planned = await planResource(rootVolume, client, inState, { destroy: true, prior: first.outputs });
    expect(planned.plan.steps.map((s) => s.step.request)).toEqual([
      `attachVolume id=${VOLUME_IDS["web-01-root-v2"]} virtualmachineid=${VM_IDS["web-01"]} deviceid=0`,
      `startVirtualMachine id=${VM_IDS["web-01"]}`,
      expect.stringMatching(/^deleteTags /),
    ]);
    expect(planned.plan.warnings.join("\n")).toMatch(
      `restores volume ${VOLUME_IDS["web-01-root-v2"]}, the root an interrupted swap replaced`,
    );
    const r = await applyResource(rootVolume, client, inState, {
      phase: "delete",
      destroy: true,
      prior: first.outputs,
    });
    expect(r.ran.map((s) => s.request)).toEqual(planned.plan.steps.map((s) => s.step.request));
    await lab.cloudstack.settle();
    expect(lab.cloudstack.model.volumesOf(VM_IDS["web-01"]).find((v) => v.deviceId === 0)?.id).toBe(
      VOLUME_IDS["web-01-root-v2"],
    );
    expect(lab.cloudstack.model.vm(VM_IDS["web-01"]).state).toBe("Running");
    expect([...lab.cloudstack.model.vm(VM_IDS["web-01"]).tags]).toEqual([]);
    expect(writeCounts()).toEqual({ attachVolume: 1, startVirtualMachine: 1, deleteTags: 1 });
  });

  it.each(["createTags", "deleteTags"])(
    "killed inside the %s job (the VM shows no jobid for it): the rerun's repeat is refused as a duplicate of what it meant, and taken as done",
    async (tagOp) => {
      lab.cloudstack.jobDurationMs = tagOp === "createTags" ? 1500 : 150;
      if (tagOp === "deleteTags") {
        // Only the last job is slow: the kill lands inside deleteTags.
        const { killed } = await runChildUntil("cloudstack_root_volume", swap, (ev) => {
          if (ev.event === "step" && ev.operation === "startVirtualMachine")
            lab.cloudstack.jobDurationMs = 1500;
          return ev.event === "progress" && ev.operation === tagOp && String(ev.message).endsWith("running");
        });
        expect(killed).toBe(true);
      } else {
        const { killed } = await runChildUntil(
          "cloudstack_root_volume",
          swap,
          (ev) => ev.event === "progress" && ev.operation === tagOp && String(ev.message).endsWith("running"),
        );
        expect(killed).toBe(true);
      }
      // The killed run's tag job is still running: the rerun finds the tags as before it.
      expect(lab.cloudstack.model.vm(VM_IDS["web-01"]).tags.size).toBe(tagOp === "createTags" ? 0 : 3);
      const r = await applyResource(rootVolume, client, parseSpec(rootVolume, swap), { phase: "update" });
      expect(r.ran.map((s) => s.operation)).toContain(tagOp);
      await lab.cloudstack.settle();
      expect(lab.cloudstack.model.vm(VM_IDS["web-01"]).state).toBe("Running");
      expect([...lab.cloudstack.model.vm(VM_IDS["web-01"]).tags]).toEqual([]);
      expect(lab.cloudstack.model.volumesOf(VM_IDS["web-01"]).find((v) => v.deviceId === 0)?.id).toBe(
        VOLUME_IDS["web-01-root-v2"],
      );
      // Each VM and volume operation once; the tag write twice — once by each run, the second refused.
      const { [tagOp]: tagWrites, ...rest } = writeCounts();
      expect(rest).toEqual({
        ...(tagOp === "createTags" ? {} : { createTags: 1 }),
        stopVirtualMachine: 1,
        detachVolume: 1,
        attachVolume: 1,
        startVirtualMachine: 1,
        ...(tagOp === "deleteTags" ? {} : { deleteTags: 1 }),
      });
      expect(tagWrites).toBeGreaterThanOrEqual(1);
      expect(r.outputs.vm_state).toBe("Running");
    },
  );

  it("killed mid-job on a volume move: resumed without a second migrateVolume", async () => {
    lab.cloudstack.jobDurationMs = 1500;
    const input = { volume_id: VOLUME_IDS["archive-01"], storage_pool_id: POOL_IDS["ds-gold-02"] };
    const { killed } = await runChildUntil(
      "cloudstack_volume_storage",
      input,
      (ev) => ev.event === "progress" && String(ev.message).endsWith("running"),
    );
    expect(killed).toBe(true);
    await apply(volumeStorage, input);
    expect(writeCounts()).toEqual({ migrateVolume: 1 });
  });
});

describe("faults: converge through them with no duplicated write", () => {
  it("5xx on reads are retried", async () => {
    lab.cloudstack.faults.inject({
      kind: "status",
      status: 503,
      times: 3,
      commands: ["listVolumes", "listVirtualMachines"],
    });
    await apply(volumeStorage, {
      volume_id: VOLUME_IDS["archive-01"],
      storage_pool_id: POOL_IDS["ds-gold-02"],
    });
    expect(writeCounts()).toEqual({ migrateVolume: 1 });
  });

  it("a connection reset after the write was executed: observed, not re-issued", async () => {
    lab.cloudstack.faults.inject({ kind: "reset", times: 1, commands: ["attachVolume"], after: true });
    await apply(volumeAttachment, {
      volume_id: VOLUME_IDS["broken-01-root"],
      virtual_machine_id: VM_IDS["rescue-01"],
    });
    expect(writeCounts()).toEqual({ detachVolume: 1, attachVolume: 1 });
  });

  it("a connection reset before the write was executed: issued once more, executed once", async () => {
    lab.cloudstack.faults.inject({ kind: "reset", times: 1, commands: ["migrateVolume"] });
    await apply(volumeStorage, {
      volume_id: VOLUME_IDS["archive-01"],
      storage_pool_id: POOL_IDS["ds-gold-02"],
    });
    expect(writeCounts()).toEqual({ migrateVolume: 1 });
  });

  it("HTTP 500 after the write was executed (ambiguous): observed, not re-issued", async () => {
    lab.cloudstack.faults.inject({
      kind: "status-after",
      status: 500,
      times: 1,
      commands: ["migrateVirtualMachine"],
    });
    await apply(vmStorage, { virtual_machine_id: VM_IDS["db-01"], storage_pool_id: POOL_IDS["ds-gold-02"] });
    expect(writeCounts()).toEqual({ migrateVirtualMachine: 1 });
  });

  it("429 with Retry-After on reads and writes: waited for, then done once", async () => {
    lab.cloudstack.faults.inject({
      kind: "ratelimit",
      retryAfterSeconds: 1,
      times: 1,
      commands: ["stopVirtualMachine"],
    });
    lab.cloudstack.faults.inject({
      kind: "ratelimit",
      retryAfterSeconds: 1,
      times: 2,
      commands: ["queryAsyncJobResult"],
    });
    const t0 = Date.now();
    await apply(rootVolume, swap);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2000);
    expect(writeCounts()).toEqual({
      createTags: 1,
      stopVirtualMachine: 1,
      detachVolume: 1,
      attachVolume: 1,
      startVirtualMachine: 1,
      deleteTags: 1,
    });
  });
});

describe("timeouts", () => {
  it("a timeout says the job continues server-side; the next run resumes it", async () => {
    lab.cloudstack.jobDurationMs = 2500;
    const input = {
      volume_id: VOLUME_IDS["archive-01"],
      storage_pool_id: POOL_IDS["ds-gold-02"],
      timeouts: { update: "1s" },
    };
    const err = await apply(volumeStorage, input).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FerryError);
    expect((err as FerryError).code).toBe("TIMEOUT");
    expect((err as FerryError).message).toMatch(/continues on the server side/);
    expect((err as FerryError).message).toMatch(/Run again/);
    const r = await apply(volumeStorage, { ...input, timeouts: { update: "30s" } });
    expect(r.ran.map((s) => s.action)).toEqual(["wait"]);
    expect(writeCounts()).toEqual({ migrateVolume: 1 });
  });

  it("cancellation (Ctrl-C) stops waiting promptly; the next run resumes", async () => {
    lab.cloudstack.jobDurationMs = 3000;
    const input = { volume_id: VOLUME_IDS["archive-01"], storage_pool_id: POOL_IDS["ds-gold-02"] };
    const ac = new AbortController();
    const p = applyResource(volumeStorage, client, parseSpec(volumeStorage, input), {
      phase: "update",
      signal: ac.signal,
      onProgress: (pr) => {
        if (pr.message.endsWith("running")) setTimeout(() => ac.abort(), 100);
      },
    });
    const t0 = Date.now();
    await expect(p).rejects.toMatchObject({ code: "CANCELLED" });
    expect(Date.now() - t0).toBeLessThan(2500);
    await apply(volumeStorage, input);
    expect(writeCounts()).toEqual({ migrateVolume: 1 });
  });
});

describe("blocked plans run nothing", () => {
  it("a root swap of a Running VM without allow_stop is refused before any operation", async () => {
    const input = { virtual_machine_id: VM_IDS["web-01"], volume_id: VOLUME_IDS["web-01-root-v2"] };
    await expect(apply(rootVolume, input)).rejects.toMatchObject({ code: "PLAN_BLOCKED" });
    expect(writeCounts()).toEqual({});
  });
});

describe("import and drift", () => {
  it.each<[string, AnyKind, string, Record<string, unknown>]>([
    [
      "root volume, by VM id",
      rootVolume,
      VM_IDS["web-01"],
      { virtual_machine_id: VM_IDS["web-01"], volume_id: VOLUME_IDS["web-01-root"] },
    ],
    [
      "attachment, by volume id",
      volumeAttachment,
      VOLUME_IDS["db-01-data"],
      { volume_id: VOLUME_IDS["db-01-data"], virtual_machine_id: VM_IDS["db-01"], device_id: 1 },
    ],
    [
      "VM storage, by VM id",
      vmStorage,
      VM_IDS["db-01"],
      { virtual_machine_id: VM_IDS["db-01"], storage_pool_id: POOL_IDS["ds-gold-01"] },
    ],
    [
      "volume storage, by volume id",
      volumeStorage,
      VOLUME_IDS["archive-01"],
      { volume_id: VOLUME_IDS["archive-01"], storage_pool_id: POOL_IDS["ds-gold-01"] },
    ],
  ])(
    "import %s reads the live object; planning the imported spec finds nothing to do",
    async (_name, kind, id, expected) => {
      const spec = await kind.importSpec(client, id, silentLogger);
      expect(spec).toMatchObject(expected);
      expect(await planSteps(kind, spec as Record<string, unknown>)).toEqual([]);
      expect(writeCounts()).toEqual({});
    },
  );

  it("import of an id that names nothing says so", async () => {
    await expect(
      volumeStorage.importSpec(client, "00000000-0000-4000-8000-000000000000", silentLogger),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("drift made behind ferry's back is seen on refresh and planned back", async () => {
    const input = { volume_id: VOLUME_IDS["archive-01"], storage_pool_id: POOL_IDS["ds-gold-01"] };
    expect(await planSteps(volumeStorage, input)).toEqual([]);
    lab.cloudstack.model.moveVolume(VOLUME_IDS["archive-01"], POOL_IDS["ds-gold-02"]);
    expect(await planSteps(volumeStorage, input)).toEqual(["migrateVolume"]);
    await apply(volumeStorage, input);
    expect(writeCounts()).toEqual({ migrateVolume: 1 });
  });

  it("a data disk detached by hand: the attachment kind sees the drift and re-attaches", async () => {
    const input = { volume_id: VOLUME_IDS["db-01-data"], virtual_machine_id: VM_IDS["db-01"] };
    lab.cloudstack.model.detachVolume(VOLUME_IDS["db-01-data"]);
    expect(await planSteps(volumeAttachment, input)).toEqual(["attachVolume"]);
  });
});
