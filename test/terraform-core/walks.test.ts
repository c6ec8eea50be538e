/**
 * The provider executable driven the way terraform drives it (tfcore: go-plugin client, gRPC, go-cty,
 * hcl/v2, core's plan/apply contracts), against the CloudStack lab. For every resource type:
 * validate, plan, apply, plan again (empty), import, refresh after drift made behind its back, update,
 * destroy — the configuration alternating between .tf.json (cdktf's output) and .tf. tfcore itself
 * enforces terraform's contracts (planned values equal config, known planned values unchanged by apply,
 * no unknowns after apply, final plan consistent with the first, requires_replace honoured) and fails
 * the command when the provider breaks one; these tests add the lab's view: each operation once.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POOL_IDS, VM_IDS, VOLUME_IDS } from "../../lab/cloudstack/default-ids.ts";
import { type Lab, startLab, WRITE_COMMANDS } from "../../lab/index.ts";
import { LAB_IDS } from "../../lab/manila/model.ts";
import {
  buildTfcore,
  type ConfigDoc,
  providerExecutable,
  type RunResult,
  tfcorePeer,
  type Workspace,
  workspace,
} from "./harness.ts";

const peer = tfcorePeer();

let tfcore: string;
let provider: string;
let lab: Lab;
const spaces: Workspace[] = [];

function writeCounts(): Record<string, number> {
  return lab.cloudstack.writeCounts();
}

/** Executed write calls with the same command and parameters, issued more than once (since `from`). */
function repeatedWrites(from = 0): string[] {
  const seen = new Map<string, number>();
  for (const c of lab.cloudstack.calls.slice(from)) {
    if (!WRITE_COMMANDS.some((w) => w.toLowerCase() === c.command.toLowerCase())) continue;
    if (c.httpStatus !== 200) continue;
    const { expires: _e, signatureversion: _s, response: _r, ...params } = c.params;
    const key = `${c.command} ${JSON.stringify(Object.entries(params).sort())}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
}

function providerBlock(): Record<string, unknown> {
  return {
    cloudstack: {
      api_url: lab.cloudstack.url,
      api_key: lab.cloudstack.apiKey,
      secret_key: lab.cloudstack.secretKey,
    },
  };
}

/** A reference as cdktf writes it: "${type.name.attr}". */
function ref(traversal: string): string {
  return "$" + "{" + traversal + "}";
}

function config(type: string, name: string, attrs: Record<string, unknown>): ConfigDoc {
  return { provider: providerBlock(), resources: [{ type, name, attrs }] };
}

/** Every tfcore run of the current test, to check what tfcore found about the plugin itself. */
let runs: RunResult[] = [];

function newSpace(): Workspace {
  const ws = workspace(tfcore, provider);
  spaces.push(ws);
  const run = ws.run;
  ws.run = async (args, opts) => {
    const r = await run(args, opts);
    runs.push(r);
    return r;
  };
  return ws;
}

/** tfcore's findings about go-plugin's side: slow shutdown, stdio/health services, client certificates. */
const PLUGIN_FINDINGS = /GRPCController\.Shutdown|GRPCStdio|grpc\.health|without a certificate/;

/**
 * Fails with tfcore's diagnostics when the command did not exit as expected. `soft`: the test goes on
 * (and still fails at the end), so one walk reports every broken contract.
 */
function expectExit(r: RunResult, code: number, soft = false): void {
  if (r.code !== code) {
    const message =
      `tfcore ${r.report.command} exited ${r.code}, expected ${code}:\n` +
      r.report.diagnostics
        .map(
          (d) => `${d.severity}: ${d.summary} [${d.address ?? ""} ${d.attribute ?? ""}]\n${d.detail ?? ""}`,
        )
        .join("\n") +
      `\n--- changes ---\n${JSON.stringify(
        r.report.changes.filter((c) => c.action !== "no-op"),
        null,
        1,
      )}` +
      `\n--- drift ---\n${JSON.stringify(r.report.drift)}` +
      `\n--- stderr ---\n${r.stderr}`;
    if (soft) expect.soft(r.code, message).toBe(code);
    else throw new Error(message);
  }
}

interface KindWalk {
  type: string;
  name: string;
  create: Record<string, unknown>;
  createOps: Record<string, number>;
  importId: string;
  /** Attributes an import can't know (behaviour switches, not state); left out of the import's config. */
  notImported?: string[];
  /** Changes the estate behind the provider's back; refresh must notice. */
  drift: (lab: Lab) => void;
  /** The configuration change of the update step, and the action terraform must plan for it. */
  update: Record<string, unknown>;
  updateAction: "update" | "replace";
}

const walks: KindWalk[] = [
  {
    type: "ferry_cloudstack_volume_storage",
    name: "archive",
    create: { volume_id: VOLUME_IDS["archive-01"], storage_pool_id: POOL_IDS["ds-gold-02"] },
    createOps: { migrateVolume: 1 },
    importId: VOLUME_IDS["archive-01"],
    drift: (l) => l.cloudstack.model.moveVolume(VOLUME_IDS["archive-01"], POOL_IDS["ds-gold-01"]),
    update: { volume_id: VOLUME_IDS["archive-01"], storage_pool_id: POOL_IDS["ds-gold-01"] },
    updateAction: "update",
  },
  {
    type: "ferry_cloudstack_vm_storage",
    name: "db",
    create: { virtual_machine_id: VM_IDS["db-01"], storage_pool_id: POOL_IDS["ds-gold-02"] },
    createOps: { migrateVirtualMachine: 1 },
    importId: VM_IDS["db-01"],
    drift: (l) => {
      l.cloudstack.model.moveVolume(VOLUME_IDS["db-01-root"], POOL_IDS["ds-gold-01"]);
      l.cloudstack.model.moveVolume(VOLUME_IDS["db-01-data"], POOL_IDS["ds-gold-01"]);
    },
    update: { virtual_machine_id: VM_IDS["db-01"], storage_pool_id: POOL_IDS["ds-gold-01"] },
    updateAction: "update",
  },
  {
    type: "ferry_cloudstack_volume_attachment",
    name: "rescue",
    create: { volume_id: VOLUME_IDS["broken-01-root"], virtual_machine_id: VM_IDS["rescue-01"] },
    createOps: { detachVolume: 1, attachVolume: 1 },
    importId: VOLUME_IDS["broken-01-root"],
    drift: (l) => l.cloudstack.model.detachVolume(VOLUME_IDS["broken-01-root"]),
    // volume_id forces a new resource
    update: { volume_id: VOLUME_IDS["archive-01"], virtual_machine_id: VM_IDS["rescue-01"] },
    updateAction: "replace",
  },
  {
    type: "ferry_cloudstack_root_volume",
    name: "web",
    create: {
      virtual_machine_id: VM_IDS["web-01"],
      volume_id: VOLUME_IDS["web-01-root-v2"],
      allow_stop: true,
    },
    createOps: {
      createTags: 1,
      stopVirtualMachine: 1,
      detachVolume: 1,
      attachVolume: 1,
      startVirtualMachine: 1,
      deleteTags: 1,
    },
    importId: VM_IDS["web-01"],
    notImported: ["allow_stop"],
    // someone swaps the root back by hand
    drift: (l) => {
      const m = l.cloudstack.model;
      m.setVmState(VM_IDS["web-01"], "Stopped");
      m.detachVolume(VOLUME_IDS["web-01-root-v2"]);
      m.attachVolume(VOLUME_IDS["web-01-root"], VM_IDS["web-01"], 0);
      m.setVmState(VM_IDS["web-01"], "Running", "esx-a-01");
    },
    update: { virtual_machine_id: VM_IDS["web-01"], volume_id: VOLUME_IDS["web-01-root"], allow_stop: true },
    updateAction: "update",
  },
];

describe.skipIf(!peer.available)("terraform core (tfcore) drives dist/terraform-provider-ferry", () => {
  beforeAll(() => {
    tfcore = buildTfcore();
    provider = providerExecutable();
  });
  beforeEach(async () => {
    lab = await startLab({ jobDurationMs: 60, manilaStepMs: 60, danubeTaskMs: 60, velostrataTaskMs: 60 });
  });
  afterEach(async () => {
    await lab.stop();
    const findings = runs.flatMap((r) => r.report.diagnostics).filter((d) => PLUGIN_FINDINGS.test(d.summary));
    runs = [];
    expect(findings).toEqual([]);
  });
  afterAll(() => {
    for (const ws of spaces) ws.remove();
  });

  it("schema: what terraform providers schema -json shows", async () => {
    const ws = newSpace();
    const r = await ws.run(["schema"]);
    expectExit(r, 0);
    expect(r.providers.map((p) => p.walk)).toEqual(["schema"]);
    expect(r.report.rpcs).toEqual(["schema:GetProviderSchema"]);
    // tfcore also checked go-plugin's stdio and health services and that a client without core's
    // certificate is refused (AutoMTLS); any finding would be a diagnostic
    expect(r.report.diagnostics).toEqual([]);
  });

  it("TF_DISABLE_PLUGIN_TLS=1: the same walk in plaintext", async () => {
    const ws = newSpace();
    ws.write(config("ferry_cloudstack_volume_storage", "archive", walks[0]!.create), "hcl");
    const r = await ws.run(["plan", "-detailed-exitcode"], { env: { TF_DISABLE_PLUGIN_TLS: "1" } });
    expectExit(r, 2);
    expect(r.report.changes).toMatchObject([{ action: "create" }]);
  });

  // one walk is ~45 tfcore-launched provider processes: allow minutes on a busy CI machine
  describe.each(walks)("$type", (w) => {
    it("validate, plan, apply, plan again, import, drift + refresh, update, destroy", async () => {
      const addr = `${w.type}.${w.name}`;
      const ws = newSpace();
      ws.write(config(w.type, w.name, w.create), "json");

      // validate: schema + validate walks; references would be unknown here
      const v = await ws.run(["validate"]);
      expectExit(v, 0);
      expect(v.providers.map((p) => p.walk)).toEqual(["schema", "validate"]);

      // plan: a create, nothing run
      const p1 = await ws.run(["plan", "-detailed-exitcode"]);
      expectExit(p1, 2);
      expect(p1.providers.map((p) => p.walk)).toEqual(["schema", "validate", "plan"]);
      expect(p1.report.changes).toMatchObject([{ address: addr, action: "create" }]);
      expect(writeCounts()).toEqual({});

      // apply: four provider processes, each operation once
      let mark = lab.cloudstack.calls.length;
      const a1 = await ws.run(["apply"]);
      expectExit(a1, 0);
      expect(a1.providers.map((p) => p.walk)).toEqual(["schema", "validate", "plan", "apply"]);
      expect(a1.report.applied).toEqual([`${addr}:create`]);
      expect(writeCounts()).toEqual(w.createOps);
      expect(repeatedWrites(mark)).toEqual([]);
      const created = ws.state().resources[0]!.instances[0]!.attributes;
      for (const [k, val] of Object.entries(w.create)) expect(created[k]).toEqual(val);

      // a refresh right after apply finds nothing changed outside
      const r0 = await ws.run(["refresh"]);
      expectExit(r0, 0);
      expect.soft(r0.report.drift, "drift reported right after apply").toEqual([]);

      // plan again, now in native syntax: empty
      ws.write(config(w.type, w.name, w.create), "hcl");
      const p2 = await ws.run(["plan", "-detailed-exitcode"]);
      expectExit(p2, 0, true);
      expect(p2.report.changes).toMatchObject([{ address: addr, action: "no-op" }]);

      // import into a fresh state: the same object; then nothing to do
      const imp = newSpace();
      const importAttrs = Object.fromEntries(
        Object.entries(w.create).filter(([k]) => !(w.notImported ?? []).includes(k)),
      );
      imp.write(config(w.type, w.name, importAttrs), "json");
      const i1 = await imp.run(["import", addr, w.importId]);
      expectExit(i1, 0);
      expect(i1.report.rpcs.filter((x) => x.startsWith("import:"))).toEqual([
        "import:GetProviderSchema",
        "import:ValidateProviderConfig",
        "import:ConfigureProvider",
        "import:ImportResourceState",
        "import:ReadResource",
      ]);
      const imported = imp.state().resources[0]!.instances[0]!.attributes;
      for (const [k, val] of Object.entries(importAttrs)) expect(imported[k]).toEqual(val);
      const i2 = await imp.run(["plan", "-detailed-exitcode"]);
      expectExit(i2, 0, true);
      const i3 = await imp.run(["import", addr, w.importId]);
      expectExit(i3, 1);
      expect(i3.report.diagnostics[0]?.summary).toBe("Resource already managed by Terraform");

      // drift behind its back: refresh notices, plan converges back, apply converges
      w.drift(lab);
      const before = writeCounts();
      const rf = await ws.run(["refresh"]);
      expectExit(rf, 0);
      expect
        .soft(
          rf.report.drift.map((d) => d.address),
          "refresh shows the drift",
        )
        .toEqual([addr]);
      const p3 = await ws.run(["plan", "-detailed-exitcode"]);
      expectExit(p3, 2);
      expect(p3.report.changes[0]?.action).toBe("update");
      expect(writeCounts()).toEqual(before);
      mark = lab.cloudstack.calls.length;
      const a2 = await ws.run(["apply"]);
      expectExit(a2, 0);
      expect(repeatedWrites(mark)).toEqual([]);
      expectExit(await ws.run(["plan", "-detailed-exitcode"]), 0, true);

      // update (.tf.json again): planned as terraform must (update in place or replace)
      ws.write(config(w.type, w.name, w.update), "json");
      const p4 = await ws.run(["plan", "-detailed-exitcode"]);
      expectExit(p4, 2);
      expect(p4.report.changes[0]?.action).toBe(w.updateAction);
      mark = lab.cloudstack.calls.length;
      const a3 = await ws.run(["apply"]);
      expectExit(a3, 0);
      expect(repeatedWrites(mark)).toEqual([]);
      if (w.updateAction === "replace") {
        expect(a3.report.changes[0]?.replaced_by).toEqual([".volume_id"]);
        expect(a3.report.rpcs.filter((x) => x === "apply:ApplyResourceChange")).toHaveLength(2);
      }
      const updated = ws.state().resources[0]!.instances[0]!.attributes;
      for (const [k, val] of Object.entries(w.update)) expect(updated[k]).toEqual(val);
      expectExit(await ws.run(["plan", "-detailed-exitcode"]), 0, true);

      // destroy: forget (nothing in the estate moves back by default), state empty
      const writesBefore = writeCounts();
      const d = await ws.run(["destroy"]);
      expectExit(d, 0);
      expect(d.report.changes).toMatchObject([{ address: addr, action: "delete" }]);
      expect(ws.state().resources).toEqual([]);
      expect(writeCounts()).toEqual(writesBefore);
    }, 300_000);
  });

  it("ferry_manila_share_server_host: phase 1 in one apply, the switch-over in a second, then the resource follows the destination", async () => {
    const addr = "ferry_manila_share_server_host.fs";
    const manilaConfig = (attrs: Record<string, unknown>): ConfigDoc => ({
      provider: { manila: { endpoint: lab.manila.url, token: lab.manila.token } },
      resources: [{ type: "ferry_manila_share_server_host", name: "fs", attrs }],
    });
    const move = { share_server_id: LAB_IDS.server, host: "manila-peer@dummy2" };
    const actions = () =>
      Object.fromEntries(
        ["migration_start", "migration_complete", "migration_cancel"]
          .map((a) => [a, lab.manila.count(a)])
          .filter(([, n]) => (n as number) > 0),
      );
    const ws = newSpace();
    ws.write(manilaConfig(move), "hcl");

    // plan: the operations are known at plan time, migration_check ran, nothing was started
    const p1 = await ws.run(["plan", "-detailed-exitcode"]);
    expectExit(p1, 2);
    expect(p1.report.changes).toMatchObject([{ address: addr, action: "create" }]);
    expect(JSON.stringify(p1.report.changes[0]?.after?.operations)).toMatch(/migration_start/);
    expect(actions()).toEqual({});

    // apply: phase 1 only (complete = false)
    const a1 = await ws.run(["apply"]);
    expectExit(a1, 0);
    let state = ws.state().resources[0]!.instances[0]!.attributes;
    expect(state).toMatchObject({
      share_server_id: LAB_IDS.server,
      current_share_server_id: LAB_IDS.server,
      ready_to_complete: true,
      task_state: "migration_driver_phase1_done",
    });
    const destination = String(state.destination_share_server_id);
    expect(actions()).toEqual({ migration_start: 1 });
    expectExit(await ws.run(["plan", "-detailed-exitcode"]), 0, true);

    // the disruptive half, reviewed on its own: complete = true plans migration_complete with a warning
    ws.write(manilaConfig({ ...move, complete: true }), "json");
    const p2 = await ws.run(["plan", "-detailed-exitcode"]);
    expectExit(p2, 2);
    expect(p2.report.changes[0]?.action).toBe("update");
    expect(
      p2.report.diagnostics
        .filter((d) => d.severity === "warning")
        .map((d) => d.detail ?? d.summary)
        .join(" "),
    ).toMatch(/reconnect/);
    const a2 = await ws.run(["apply"]);
    expectExit(a2, 0);
    state = ws.state().resources[0]!.instances[0]!.attributes;
    expect(state).toMatchObject({
      share_server_id: LAB_IDS.server,
      current_share_server_id: destination,
      current_host: "manila-peer@dummy2",
      ready_to_complete: false,
    });
    expect(actions()).toEqual({ migration_start: 1, migration_complete: 1 });

    // Manila deletes the source; refresh and plan still find the shares' server by the original id
    await lab.manila.settle();
    const rf = await ws.run(["refresh"]);
    expectExit(rf, 0);
    expect.soft(rf.report.drift, "drift reported after the source was deleted").toEqual([]);
    expectExit(await ws.run(["plan", "-detailed-exitcode"]), 0, true);

    // import by the original id into a fresh state: nothing to do (`complete` is a switch for the
    // next move, not state an import can read: left out, as a user importing a finished move would)
    const imp = newSpace();
    imp.write(manilaConfig(move), "hcl");
    expectExit(await imp.run(["import", addr, LAB_IDS.server]), 0);
    expectExit(await imp.run(["plan", "-detailed-exitcode"]), 0, true);

    // destroy forgets: the shares stay where they are
    const d = await ws.run(["destroy"]);
    expectExit(d, 0);
    expect(ws.state().resources).toEqual([]);
    expect(actions()).toEqual({ migration_start: 1, migration_complete: 1 });
  }, 300_000);

  it("ferry_danube_vm_replica: create, a failover reviewed and applied, a failover by hand refreshed and repaired, import, replace, destroy", async () => {
    const addr = "ferry_danube_vm_replica.web";
    const danubeConfig = (attrs: Record<string, unknown>): ConfigDoc => ({
      provider: { danube: { api_url: lab.danube.url, api_key: lab.danube.apiKey } },
      resources: [{ type: "ferry_danube_vm_replica", name: "web", attrs }],
    });
    const base = { vm: "web01.lab", repname: "dr1", replica_node: "node02.lab" };
    const drill = { ...base, master_node: "node02.lab", replica_node: "node01.lab", allow_failover: true };
    const writes = () => lab.danube.writeCounts();
    const state = () => ws.state().resources[0]!.instances[0]!.attributes;
    const ws = newSpace();

    // bad input: each a diagnostic at the attribute (a map key addressed as a key), nothing runs
    ws.write(danubeConfig({ ...base, repname: "-dr", disk_zpools: { "3": "zones-ssd" } }), "hcl");
    const bad = await ws.run(["validate"]);
    expectExit(bad, 1);
    expect(bad.report.diagnostics.map((d) => d.attribute).sort()).toEqual(['disk_zpools["3"]', "repname"]);

    // create
    ws.write(danubeConfig(base), "hcl");
    const p1 = await ws.run(["plan", "-detailed-exitcode"]);
    expectExit(p1, 2);
    expect(JSON.stringify(p1.report.changes[0]?.after?.operations)).toMatch(
      /POST \/api\/vm\/[0-9a-f-]{36}\/replica\/dr1\//,
    );
    expectExit(await ws.run(["apply"]), 0);
    expect(writes()).toEqual({ vm_replica_create: 1 });
    const created = state();
    expect(created).toMatchObject({
      id: "web01.lab/dr1",
      current_master_node: "node01.lab",
      current_replica_node: "node02.lab",
    });
    expectExit(await ws.run(["plan", "-detailed-exitcode"]), 0, true);

    // import into a fresh state: the same replica, nothing to do
    const imp = newSpace();
    imp.write(danubeConfig(base), "json");
    expectExit(await imp.run(["import", addr, "web01.lab/dr1"]), 0);
    expect(imp.state().resources[0]!.instances[0]!.attributes).toMatchObject({
      vm: "web01.lab",
      replica_node: "node02.lab",
    });
    expectExit(await imp.run(["plan", "-detailed-exitcode"]), 0, true);

    // the DR drill, reviewed: an update in place (never a replace) with the failover's warning
    ws.write(danubeConfig(drill), "json");
    const p2 = await ws.run(["plan", "-detailed-exitcode"]);
    expectExit(p2, 2);
    expect(p2.report.changes[0]).toMatchObject({ action: "update" });
    const warned = p2.report.diagnostics.filter((d) => d.severity === "warning");
    expect(warned.map((d) => d.summary)).toEqual([
      "ferry_danube_vm_replica: vm_replica_failover is disruptive",
    ]);
    expect(warned[0]?.detail).toMatch(/force-stopped/);
    expect(JSON.stringify(p2.report.changes[0]?.after?.operations)).toMatch(/failover\/.*reinit\//);
    expectExit(await ws.run(["apply"]), 0);
    expect(writes()).toEqual({ vm_replica_create: 1, vm_replica_failover: 1, vm_replica_reinit: 1 });
    const failed = state();
    expect(failed).toMatchObject({
      id: "web01.lab/dr1",
      current_master_node: "node02.lab",
      current_replica_node: "node01.lab",
    });
    expect(failed.vm_uuid).not.toBe(created.vm_uuid);
    expectExit(await ws.run(["plan", "-detailed-exitcode"]), 0, true);

    // a failover by hand (back to node01): refresh shows the swap, the resource is still there
    lab.danube.model.failoverByHand("web01.lab", "dr1");
    const rf = await ws.run(["refresh"]);
    expectExit(rf, 0);
    expect(rf.report.drift.map((d) => [d.address, d.action])).toEqual([[addr, "update"]]);
    expect(state()).toMatchObject({
      vm_uuid: created.vm_uuid,
      current_master_node: "node01.lab",
      reinit_required: true,
    });
    // the configuration still pins the master to node02: reinit, fail over again, reinit
    const p3 = await ws.run(["plan", "-detailed-exitcode"]);
    expectExit(p3, 2);
    expectExit(await ws.run(["apply"]), 0);
    expect(writes()).toEqual({ vm_replica_create: 1, vm_replica_failover: 2, vm_replica_reinit: 3 });
    expectExit(await ws.run(["plan", "-detailed-exitcode"]), 0, true);

    // a new repname replaces the replica: planned as if dr1 were gone (one replica per VM), dr1 destroyed first
    ws.write(danubeConfig({ ...drill, repname: "dr2" }), "hcl");
    const p4 = await ws.run(["plan", "-detailed-exitcode"]);
    expectExit(p4, 2);
    expect(p4.report.changes[0]).toMatchObject({ action: "replace", replaced_by: [".repname"] });
    const a4 = await ws.run(["apply"]);
    expectExit(a4, 0);
    expect(writes()).toEqual({
      vm_replica_create: 2,
      vm_replica_failover: 2,
      vm_replica_reinit: 3,
      vm_replica_delete: 1,
    });
    expect(state()).toMatchObject({ id: "web01.lab/dr2", current_replica_node: "node01.lab" });

    // destroy deletes the replica
    expectExit(await ws.run(["destroy"]), 0);
    expect(ws.state().resources).toEqual([]);
    expect(writes()).toMatchObject({ vm_replica_delete: 2 });
    expect(lab.danube.model.slavesOf(lab.danube.model.master("main", "web01.lab")!)).toEqual([]);
  }, 300_000);

  it("ferry_velostrata_vm_detach: bad input at its attribute, ready to detach, the cutover reviewed, import, destroy forgets", async () => {
    const addr = "ferry_velostrata_vm_detach.db";
    const doc = (attrs: Record<string, unknown>): ConfigDoc => ({
      provider: { velostrata: { url: lab.velostrata.url, subscription_id: lab.velostrata.subscriptionId } },
      resources: [{ type: "ferry_velostrata_vm_detach", name: "db", attrs }],
    });
    const aws = { aws: { storage_type: "gp2" } };
    const writes = () => lab.velostrata.writeCounts();
    const state = () => ws.state().resources[0]!.instances[0]!.attributes;
    const ws = newSpace();

    // bad input: storage for no cloud, an unknown stage, a malformed id — each at its attribute
    ws.write(doc({ vm_id: "vm 2", stage: "migrated", storage: {} }), "hcl");
    const bad = await ws.run(["validate"]);
    expectExit(bad, 1);
    expect(bad.report.diagnostics.map((d) => d.attribute).sort()).toEqual(["stage", "storage", "vm_id"]);

    // fully cached → ready to detach
    ws.write(doc({ vm_id: "vm-2", stage: "ready_to_detach", storage: aws }), "hcl");
    const p1 = await ws.run(["plan", "-detailed-exitcode"]);
    expectExit(p1, 2);
    expect(JSON.stringify(p1.report.changes[0]?.after?.operations)).toMatch(
      /POST \/velostrata\/api\/v42\/vms\/vm-2\/operations\/preparetodetach/,
    );
    expectExit(await ws.run(["apply"]), 0);
    expect(writes()).toEqual({ preparetodetach: 1 });
    expect(state()).toMatchObject({ id: "vm-2", migration_state: "ReadyToDetach" });
    expectExit(await ws.run(["plan", "-detailed-exitcode"]), 0, true);

    // the cutover: refused without the opt-in, then reviewed with its warning and applied
    ws.write(doc({ vm_id: "vm-2", stage: "detached", storage: aws }), "json");
    const refused = await ws.run(["plan", "-detailed-exitcode"]);
    expectExit(refused, 1);
    expect(refused.report.diagnostics.map((d) => d.attribute)).toContain("allow_cutover");
    ws.write(doc({ vm_id: "vm-2", stage: "detached", storage: aws, allow_cutover: true }), "json");
    const p2 = await ws.run(["plan", "-detailed-exitcode"]);
    expectExit(p2, 2);
    expect(p2.report.changes[0]).toMatchObject({ action: "update" });
    expect(p2.report.diagnostics.filter((d) => d.severity === "warning").map((d) => d.summary)).toEqual([
      "ferry_velostrata_vm_detach: detach is disruptive",
    ]);
    expectExit(await ws.run(["apply"]), 0);
    expect(writes()).toEqual({ preparetodetach: 1, detach: 1 });
    expect(state()).toMatchObject({ migration_state: "Detached", instance_type: "m5.large" });

    // import into a fresh state: the stage read back
    const imp = newSpace();
    imp.write(doc({ vm_id: "vm-2", stage: "detached" }), "json");
    expectExit(await imp.run(["import", addr, "vm-2"]), 0);
    expect(imp.state().resources[0]!.instances[0]!.attributes).toMatchObject({
      vm_id: "vm-2",
      stage: "detached",
    });
    expectExit(await imp.run(["plan", "-detailed-exitcode"]), 0, true);

    // destroy forgets: the VM stays detached
    expectExit(await ws.run(["destroy"]), 0);
    expect(ws.state().resources).toEqual([]);
    expect(writes()).toEqual({ preparetodetach: 1, detach: 1 });
    expect(lab.velostrata.model.vms.get("vm-2")?.migrationState).toBe("Detached");
  }, 300_000);

  it.each(["json", "hcl"] as const)(
    "references between resources (%s): a volume placed, then attached through a reference",
    async (format) => {
      const ws = newSpace();
      const doc: ConfigDoc = {
        provider: providerBlock(),
        resources: [
          {
            type: "ferry_cloudstack_volume_storage",
            name: "archive",
            attrs: { volume_id: VOLUME_IDS["archive-01"], storage_pool_id: POOL_IDS["ds-gold-02"] },
          },
          {
            type: "ferry_cloudstack_volume_attachment",
            name: "archive",
            attrs: {
              volume_id: ref("ferry_cloudstack_volume_storage.archive.volume_id"),
              virtual_machine_id: VM_IDS["rescue-01"],
            },
          },
        ],
      };
      ws.write(doc, format);
      const a = await ws.run(["apply"]);
      expectExit(a, 0);
      expect(a.report.applied).toEqual([
        "ferry_cloudstack_volume_storage.archive:create",
        "ferry_cloudstack_volume_attachment.archive:create",
      ]);
      const deps = ws.state().resources.find((r) => r.type === "ferry_cloudstack_volume_attachment")
        ?.instances[0]?.dependencies;
      expect(deps).toEqual(["ferry_cloudstack_volume_storage.archive"]);
      expect(writeCounts()).toEqual({ migrateVolume: 1, attachVolume: 1 });
      expectExit(await ws.run(["plan", "-detailed-exitcode"]), 0, true);
      // destroy goes dependents first
      const d = await ws.run(["destroy"]);
      expectExit(d, 0);
      expect(d.report.applied).toEqual([
        "ferry_cloudstack_volume_attachment.archive:delete",
        "ferry_cloudstack_volume_storage.archive:delete",
      ]);
    },
    120_000,
  );

  it("a plan whose known values another resource's change invalidates: the final plan must agree", async () => {
    // the root swap changes web-01's volumes; vm_storage planned volume_ids before the swap ran
    const ws = newSpace();
    ws.write(
      {
        provider: providerBlock(),
        resources: [
          {
            type: "ferry_cloudstack_root_volume",
            name: "web",
            attrs: {
              virtual_machine_id: VM_IDS["web-01"],
              volume_id: VOLUME_IDS["web-01-root-v2"],
              allow_stop: true,
            },
          },
          {
            type: "ferry_cloudstack_vm_storage",
            name: "web",
            attrs: {
              virtual_machine_id: ref("ferry_cloudstack_root_volume.web.id"),
              storage_pool_id: POOL_IDS["ds-gold-02"],
              allow_stop: true,
            },
          },
        ],
      },
      "json",
    );
    const a = await ws.run(["apply"]);
    expectExit(a, 0);
    expect(a.report.applied).toEqual([
      "ferry_cloudstack_root_volume.web:create",
      "ferry_cloudstack_vm_storage.web:create",
    ]);
    expectExit(await ws.run(["plan", "-detailed-exitcode"]), 0, true);
  });

  it("a blocked plan fails, names the attribute, and runs nothing", async () => {
    const ws = newSpace();
    ws.write(
      config("ferry_cloudstack_root_volume", "web", {
        virtual_machine_id: VM_IDS["web-01"],
        volume_id: VOLUME_IDS["web-01-root-v2"],
      }),
      "hcl",
    );
    const r = await ws.run(["apply"]);
    expectExit(r, 1);
    const errors = r.report.diagnostics.filter((d) => d.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ address: "ferry_cloudstack_root_volume.web", attribute: "allow_stop" });
    expect(r.stderr).toMatch(/attribute "allow_stop"/);
    expect(r.report.rpcs).not.toContain("apply:ApplyResourceChange");
    expect(writeCounts()).toEqual({});
  });

  it.each([
    {
      type: "ferry_cloudstack_root_volume",
      attrs: {
        virtual_machine_id: VM_IDS["web-01"],
        volume_id: VOLUME_IDS["web-01-root-v2"],
        allow_stop: true,
        restore_on_destroy: true,
      },
      // the destroy swaps back, the create swaps again
      ops: Object.fromEntries(
        [
          "createTags",
          "stopVirtualMachine",
          "detachVolume",
          "attachVolume",
          "startVirtualMachine",
          "deleteTags",
        ].map((o) => [o, 2]),
      ),
    },
    {
      type: "ferry_cloudstack_volume_attachment",
      attrs: {
        volume_id: VOLUME_IDS["archive-01"],
        virtual_machine_id: VM_IDS["web-01"],
        detach_on_destroy: true,
      },
      ops: { detachVolume: 1, attachVolume: 1 },
    },
  ])(
    "-replace of a $type whose destroy changes the live object: the create half is planned unknown, then applied",
    async ({ type, attrs, ops }) => {
      const ws = newSpace();
      ws.write(config(type, "web", attrs), "hcl");
      expectExit(await ws.run(["apply"]), 0);
      lab.cloudstack.clearCalls();
      const plan = await ws.run(["plan", "-detailed-exitcode", `-replace=${type}.web`]);
      expectExit(plan, 2);
      const change = plan.report.changes.find((c) => c.address === `${type}.web`);
      expect(change?.action).toBe("replace");
      // The prior_private of the second call carried the replaced object: its destroy runs first, so
      // the new object's operations are not known at plan time.
      expect(change?.after?.["operations"]).toBe("(known after apply)");
      expect(change?.replaced_by).toEqual(["-replace"]);
      const a = await ws.run(["apply", `-replace=${type}.web`]);
      expectExit(a, 0);
      expect(a.report.applied).toEqual([`${type}.web:delete`, `${type}.web:replace`]);
      expect(writeCounts()).toEqual(ops);
      expect(ws.state().resources.map((r) => r.type)).toEqual([type]);
      expectExit(await ws.run(["plan", "-detailed-exitcode"]), 0, true);
    },
  );

  it("provider killed mid-apply, then apply again: converges, no operation issued twice", async () => {
    lab.cloudstack.jobDurationMs = 1500;
    const ws = newSpace();
    const attrs = {
      virtual_machine_id: VM_IDS["web-01"],
      volume_id: VOLUME_IDS["web-01-root-v2"],
      allow_stop: true,
      start: true,
    };
    ws.write(config("ferry_cloudstack_root_volume", "web", attrs), "json");
    let killed = false;
    const first = await ws.run(["apply"], {
      onProvider: (p) => {
        if (p.walk !== "apply") return;
        const poll = setInterval(() => {
          if (
            lab.cloudstack.count("detachVolume") > 0 ||
            lab.cloudstack.calls.some((c) => c.command === "detachVolume")
          ) {
            clearInterval(poll);
            try {
              process.kill(p.pid, "SIGKILL");
              killed = true;
            } catch {
              // already gone
            }
          }
        }, 10);
        setTimeout(() => clearInterval(poll), 60_000);
      },
    });
    expect(killed).toBe(true);
    expectExit(first, 1);
    expect(first.report.diagnostics.some((d) => d.summary === "Plugin did not respond")).toBe(true);
    lab.cloudstack.jobDurationMs = 60;
    const second = await ws.run(["apply"]);
    expectExit(second, 0);
    await lab.cloudstack.settle();
    expect(writeCounts()).toEqual({
      createTags: 1,
      stopVirtualMachine: 1,
      detachVolume: 1,
      attachVolume: 1,
      startVirtualMachine: 1,
      deleteTags: 1,
    });
    expect(repeatedWrites()).toEqual([]);
    expectExit(await ws.run(["plan", "-detailed-exitcode"]), 0);
  }, 120_000);
});
