/**
 * Every kind through the Pulumi door, inside Pulumi's own dynamic-provider host, against the lab:
 * up, up again (no changes), change, refresh after drift, destroy — counting in the lab's call log
 * that each documented operation ran exactly once.
 */
import { parsePlanLines } from "../../provider/engine/describe.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POOL_IDS, VM_IDS, VOLUME_IDS } from "../../lab/cloudstack/default-ids.ts";
import { type Lab, startLab } from "../../lab/index.ts";
import { Host, type Props, type Registration, runProgram, urnOf } from "./support/host.ts";
import { labConfig, writeCounts } from "./support/lab.ts";

const PROGRAM = "test/pulumi-host/programs/all-kinds.ts";

const up1 = {
  rootVolume: { virtualMachineId: VM_IDS["web-01"], volumeId: VOLUME_IDS["web-01-root-v2"], allowStop: true },
  vmStorage: { virtualMachineId: VM_IDS["db-01"], storagePoolId: POOL_IDS["ds-gold-02"] },
  volumeStorage: { volumeId: VOLUME_IDS["archive-01"], storagePoolId: POOL_IDS["ds-gold-02"] },
  volumeAttachment: {
    volumeId: VOLUME_IDS["broken-01-root"],
    virtualMachineId: VM_IDS["rescue-01"],
    detachOnDestroy: true,
    timeouts: { create: "5m" },
  },
};

/** The changed program, one change per kind: web-01 boots from its old root again, db-01 and
 * archive-01 go back to ds-gold-01, and the rescued disk moves from rescue-01 to web-01. */
const up2 = {
  rootVolume: { ...up1.rootVolume, volumeId: VOLUME_IDS["web-01-root"] },
  vmStorage: { ...up1.vmStorage, storagePoolId: POOL_IDS["ds-gold-01"] },
  volumeStorage: { ...up1.volumeStorage, storagePoolId: POOL_IDS["ds-gold-01"] },
  volumeAttachment: { ...up1.volumeAttachment, virtualMachineId: VM_IDS["web-01"] },
};

interface State {
  urn: string;
  id: string;
  inputs: Props;
  outputs: Props;
}

let lab: Lab;
let host: Host;
const state = new Map<string, State>();

/** One resource's part of `pulumi up`, as the engine sequences it: Check, then Diff + Update or Create. */
async function upOne(reg: Registration): Promise<{ action: "create" | "update" | "same"; diff?: unknown }> {
  const urn = urnOf(reg);
  const prior = state.get(reg.name);
  const checked = await host.check(urn, prior?.inputs ?? {}, reg.inputs);
  expect(checked.failures).toEqual([]);
  if (!prior) {
    const created = await host.create(urn, checked.inputs);
    state.set(reg.name, { urn, id: created.id, inputs: checked.inputs, outputs: created.props });
    return { action: "create" };
  }
  const diff = await host.diff(urn, prior.id, prior.outputs, checked.inputs);
  if (diff.changes !== "some") return { action: "same", diff };
  const updated = await host.update(urn, prior.id, prior.outputs, checked.inputs);
  state.set(reg.name, { ...prior, inputs: checked.inputs, outputs: updated.props });
  return { action: "update", diff };
}

async function up(args: unknown) {
  const regs = await runProgram(PROGRAM, args);
  expect([...regs.keys()].sort()).toEqual(["archive", "db", "rescue", "web"]);
  const results: Record<string, Awaited<ReturnType<typeof upOne>>> = {};
  for (const reg of regs.values()) results[reg.name] = await upOne(reg);
  return results;
}

beforeAll(async () => {
  lab = await startLab({ jobDurationMs: 100 });
  host = await Host.start();
  await host.configure(labConfig(lab));
});

afterAll(async () => {
  await host?.stop();
  await lab?.stop();
});

describe("pulumi up, up again, change, refresh, destroy — every kind", () => {
  it("up: creates every resource by converging, each operation once, progress on the console", async () => {
    const results = await up(up1);
    expect(Object.values(results).map((r) => r.action)).toEqual(["create", "create", "create", "create"]);
    expect(writeCounts(lab)).toEqual({
      createTags: 1,
      deleteTags: 1,
      stopVirtualMachine: 1,
      detachVolume: 2,
      attachVolume: 2,
      startVirtualMachine: 1,
      migrateVirtualMachine: 1,
      migrateVolume: 1,
    });
    const web = state.get("web")!;
    expect(web.id).toBe(VM_IDS["web-01"]);
    expect(web.outputs).toMatchObject({
      virtualMachineId: VM_IDS["web-01"],
      volumeId: VOLUME_IDS["web-01-root-v2"],
      previousVolumeId: VOLUME_IDS["web-01-root"],
      rootVolumeName: "web-01-root-v2",
      vmState: "Running",
      operations: [],
    });
    // The host re-adds the serialized provider; nothing of it reached the API.
    expect(typeof web.outputs.__provider).toBe("string");
    expect(lab.cloudstack.calls.some((c) => JSON.stringify(c).includes("__provider"))).toBe(false);
    expect(state.get("archive")!.outputs).toMatchObject({
      storagePoolName: "ds-gold-02",
      volumeState: "Ready",
    });
    expect(state.get("rescue")!.outputs).toMatchObject({ timeouts: { create: "5m" } });
    const console = await host.output(/cloudstack_volume_attachment .*in place after/);
    expect(console).toMatch(/cloudstack_root_volume "7ea77a03.*": running stopVirtualMachine/);
    expect(console).toMatch(/migrateVolume: job [-0-9a-f]+ (running|succeeded)/);
  });

  it("up again: no changes, and nothing is issued", async () => {
    lab.cloudstack.clearCalls();
    const results = await up(up1);
    for (const r of Object.values(results)) {
      expect(r.action).toBe("same");
      expect(r.diff).toEqual({ changes: "none", replaces: [] });
    }
    expect(writeCounts(lab)).toEqual({});
  });

  it("change, every kind: the diff names it, preview prints the operations, update converges", async () => {
    lab.cloudstack.clearCalls();
    const before = host.stdout.length;
    const results = await up(up2);
    for (const name of ["web", "db", "archive", "rescue"])
      expect(results[name]).toEqual({ action: "update", diff: { changes: "some", replaces: [] } });
    const printed = await host.output(/cloudstack_volume_attachment .*in place after/, before);
    expect(printed).toMatch(
      /cloudstack_volume_storage "[^"]+": 1 operation planned:\n {2}1\. Move volume [^\n]*: migrateVolume volumeid=/,
    );
    expect(printed).toMatch(
      /cloudstack_root_volume "[^"]+": 6 operations planned:\n {2}1\. Record on VM [^\n]*: createTags resourceids=.*\n {2}2\. Stop VM [^\n]*: stopVirtualMachine id=.*\[disruptive/,
    );
    // The line `ferry review` reads from `pulumi preview --json`'s diagnostics.
    const lines = parsePlanLines(printed).filter(
      (d) => d.type === "pulumi-nodejs:dynamic/cloudstack:RootVolume",
    );
    expect(lines[0]?.operations.map((o) => o.operation)).toEqual([
      "createTags",
      "stopVirtualMachine",
      "detachVolume",
      "attachVolume",
      "startVirtualMachine",
      "deleteTags",
    ]);
    expect(lines[0]?.operations[1]?.disruptive).toBe(true);
    expect(writeCounts(lab)).toEqual({
      createTags: 1,
      deleteTags: 1,
      stopVirtualMachine: 1,
      detachVolume: 2,
      attachVolume: 2,
      startVirtualMachine: 1,
      migrateVirtualMachine: 1,
      migrateVolume: 1,
    });
    expect(state.get("web")!.outputs).toMatchObject({ rootVolumeName: "web-01-root", vmState: "Running" });
    expect(state.get("db")!.outputs).toMatchObject({ storagePoolName: "ds-gold-01" });
    expect(state.get("archive")!.outputs).toMatchObject({ storagePoolName: "ds-gold-01" });
    expect(state.get("rescue")!.outputs).toMatchObject({ virtualMachineName: "web-01" });
  });

  it("a forceNew argument changed: the diff asks for a replacement", async () => {
    const archive = state.get("archive")!;
    const news = { ...archive.inputs, volumeId: VOLUME_IDS["web-01-root"] };
    const diff = await host.diff(archive.urn, archive.id, archive.outputs, news);
    expect(diff).toEqual({ changes: "some", replaces: ["volumeId"] });
  });

  it("refresh after drift made behind Pulumi's back shows it; the next up repairs it", async () => {
    lab.cloudstack.model.moveVolume(VOLUME_IDS["archive-01"], POOL_IDS["ds-gold-02"]);
    lab.cloudstack.model.setVmState(VM_IDS["web-01"], "Stopped");
    const archive = state.get("archive")!;
    const refreshed = await host.read(archive.urn, archive.id, archive.outputs);
    expect(refreshed.id).toBe(archive.id);
    expect(refreshed.props).toMatchObject({ storagePoolName: "ds-gold-02" });
    expect(refreshed.props.operations).toEqual([expect.stringMatching(/^migrateVolume /)]);
    archive.outputs = refreshed.props;
    const web = state.get("web")!;
    const webNow = await host.read(web.urn, web.id, web.outputs);
    expect(webNow.props).toMatchObject({ vmState: "Stopped", operations: [] });
    web.outputs = webNow.props;

    lab.cloudstack.model.detachVolume(VOLUME_IDS["broken-01-root"]);
    const rescue = state.get("rescue")!;
    const rescueNow = await host.read(rescue.urn, rescue.id, rescue.outputs);
    expect(rescueNow.props.operations).toEqual([expect.stringMatching(/^attachVolume /)]);
    rescue.outputs = rescueNow.props;

    lab.cloudstack.clearCalls();
    const results = await up(up2);
    expect(results.archive?.action).toBe("update");
    expect(results.rescue?.action).toBe("update");
    expect(results.web?.action).toBe("same");
    expect(writeCounts(lab)).toEqual({ migrateVolume: 1, attachVolume: 1 });
    const again = await host.read(archive.urn, archive.id, state.get("archive")!.outputs);
    expect(again.props).toMatchObject({ storagePoolName: "ds-gold-01", operations: [] });
  });

  it("a preview of drift (no refresh): check and diff name the drifted properties, live and in state", async () => {
    lab.cloudstack.model.moveVolume(VOLUME_IDS["archive-01"], POOL_IDS["ds-gold-02"]);
    const archive = state.get("archive")!;
    const from = host.stdout.length;
    const checked = await host.check(archive.urn, archive.inputs, archive.inputs);
    expect(checked.failures).toEqual([]);
    const diff = await host.diff(archive.urn, archive.id, archive.outputs, checked.inputs);
    expect(diff).toEqual({ changes: "some", replaces: [] });
    const printed = await host.output(/has drifted/, from);
    expect(printed).toMatch(/1 operation planned:\n {2}1\. Move volume [^\n]*: migrateVolume /);
    expect(printed).toMatch(
      /cloudstack_volume_storage "[-0-9a-f]+" has drifted from its arguments: storagePoolName \("ds-gold-01" in state, "ds-gold-02" live\); the up runs the operations planned above\./,
    );
    // check planned it; diff reused that plan and printed it once.
    expect(printed.match(/operation planned:/g)).toHaveLength(1);
    lab.cloudstack.model.moveVolume(VOLUME_IDS["archive-01"], POOL_IDS["ds-gold-01"]);
  });

  it("destroy: each kind's destroy plan (forget, or detach when asked)", async () => {
    lab.cloudstack.clearCalls();
    for (const name of ["web", "db", "archive", "rescue"]) {
      const s = state.get(name)!;
      await host.delete(s.urn, s.id, s.outputs);
    }
    expect(writeCounts(lab)).toEqual({ detachVolume: 1 });
    const rescued = lab.cloudstack.model.volume(VOLUME_IDS["broken-01-root"]);
    expect(rescued.vmId).toBeNull();
  });
});
