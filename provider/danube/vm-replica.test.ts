/** Planner tables for danube_vm_replica: every path's steps and every blocker (pure: no I/O). */
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../engine/errors.ts";
import { planSequence, renderStep } from "../engine/plan.ts";
import { parseSpec } from "../engine/resource.ts";
import type { DanubeReplica } from "./api.ts";
import {
  nextVmReplicaDestroy,
  type ObservedVm,
  UUID_AFTER_FAILOVER,
  type VmReplicaObserved,
  type VmReplicaSpec,
  vmReplica,
} from "./vm-replica.ts";

const WEB = "7b7e1d4c-9d84-4f0e-9a55-1f0c3f1a2b01";
const REPLICA_VM = "c2f0e8a6-5b1d-4a7e-8f3c-6d2e9b4a7c10";

function spec(extra: Record<string, unknown> = {}): VmReplicaSpec {
  return parseSpec(vmReplica, { vm: "web01.lab", repname: "dr1", replica_node: "node02.lab", ...extra });
}

function vm(patch: Partial<ObservedVm> = {}): ObservedVm {
  return {
    hostname: "web01.lab",
    uuid: WEB,
    node: "node01.lab",
    status: "running",
    node_status: "online",
    changed: false,
    vcpus: 2,
    ram: 2048,
    ...patch,
  };
}

function replica(patch: Partial<DanubeReplica> = {}): DanubeReplica {
  return {
    hostname: "web01.lab",
    repname: "dr1",
    node: "node02.lab",
    root_zpool: null,
    disk_zpools: {},
    reserve_resources: true,
    sleep_time: 60,
    enabled: true,
    bwlimit: null,
    last_sync: "2026-03-01T10:00:00Z",
    reinit_required: false,
    node_status: "online",
    ...patch,
  };
}

const NODES = {
  "node01.lab": { status: "online", cpu_free: 28, ram_free: 60000 },
  "node02.lab": { status: "online", cpu_free: 30, ram_free: 62000 },
  "node03.lab": { status: "online", cpu_free: 30, ram_free: 62000 },
  "node04.lab": { status: "maintenance", cpu_free: 32, ram_free: 65536 },
};

function observed(patch: Partial<VmReplicaObserved> = {}): VmReplicaObserved {
  return {
    vm: vm(),
    tasks: [],
    replica: replica(),
    others: [],
    nodes: structuredClone(NODES),
    limit: 1,
    ...patch,
  };
}

const none = (patch: Partial<VmReplicaObserved> = {}) =>
  observed({
    replica: undefined,
    create: {
      ostype: 1,
      zpool: "zones",
      disks: ["zones", "zones"],
      target_zpools: ["zones", "zones-ssd"],
    },
    ...patch,
  });

function plan(s: VmReplicaSpec, o: VmReplicaObserved, destroy = false) {
  const p = planSequence(s, o, destroy ? nextVmReplicaDestroy : vmReplica.next);
  return {
    ops: p.steps.map((x) => `${x.step.action}:${x.step.operation}`),
    codes: p.blockers.map((b) => b.code),
    plan: p,
  };
}

describe("create", () => {
  it("no replica: POST with the parameters, by the VM's UUID; the plan ends with nothing left", () => {
    const r = plan(spec({ sleep_time: 120, bwlimit: 1048576 }), none());
    expect(r.ops).toEqual(["call:vm_replica_create"]);
    expect(r.plan.steps[0]?.step.request).toBe(
      `POST /api/vm/${WEB}/replica/dr1/ {"node":"node02.lab","sleep_time":120,"enabled":true,"bwlimit":1048576}`,
    );
    expect(r.plan.warnings).toEqual([]);
    expect(r.plan.final.replica?.node).toBe("node02.lab");
  });

  it("dc, zpools and reserve_resources are sent when set", () => {
    const r = plan(
      spec({
        dc: "main",
        root_zpool: "zones-ssd",
        disk_zpools: { "2": "zones-ssd" },
        reserve_resources: false,
      }),
      none(),
    );
    expect(r.plan.steps[0]?.step.request).toBe(
      `POST /api/vm/${WEB}/replica/dr1/ {"node":"node02.lab","root_zpool":"zones-ssd","disk_zpools":{"2":"zones-ssd"},"reserve_resources":false,"sleep_time":60,"enabled":true,"dc":"main"}`,
    );
  });

  it("a replica task in flight is awaited, never issued again; the plan stops there", () => {
    const r = plan(
      spec(),
      none({
        vm: vm({ status: "running-" }),
        tasks: [{ id: "1e1d1-6f75849b-fc64-4e1c", view: "vm_replica", method: "POST", repname: "dr1" }],
      }),
    );
    expect(r.ops).toEqual(["wait:vm_replica_create"]);
    expect(r.plan.unsettled).toBe(true);
    expect(r.plan.steps[0]?.step.request).toBe("GET /api/task/1e1d1-6f75849b-fc64-4e1c/status/");
  });
});

describe("update", () => {
  it.each<[string, Record<string, unknown>, Partial<DanubeReplica>, string, RegExp]>([
    [
      "reserve_resources only: saved at once (205, no task)",
      { reserve_resources: false },
      {},
      '{"reserve_resources":false}',
      /205, no task/,
    ],
    [
      "enabled only, to false: pauses the service",
      { enabled: false },
      {},
      '{"enabled":false}',
      /Pause.*svc-disable/,
    ],
    [
      "enabled only, to true: resumes the service",
      {},
      { enabled: false },
      '{"enabled":true}',
      /Resume.*svc-enable/,
    ],
    [
      "sleep_time and bwlimit: the service is re-created",
      { sleep_time: 300, bwlimit: 1000 },
      {},
      '{"sleep_time":300,"bwlimit":1000}',
      /Re-create.*svc-remove, svc-create/,
    ],
    ["bwlimit removed: sent as null", {}, { bwlimit: 5000 }, '{"bwlimit":null}', /Re-create/],
    [
      "reserve_resources with another change: saved at once, and the service re-created",
      { reserve_resources: false, sleep_time: 30 },
      {},
      '{"reserve_resources":false,"sleep_time":30}',
      /saved at once/,
    ],
  ])("%s", (_name, input, live, body, title) => {
    const r = plan(spec(input), observed({ replica: replica(live) }));
    expect(r.ops).toEqual(["call:vm_replica_update"]);
    expect(r.plan.steps[0]?.step.request).toBe(`PUT /api/vm/${WEB}/replica/dr1/ ${body}`);
    expect(r.plan.steps[0]?.step.title).toMatch(title);
    expect(r.plan.warnings).toEqual([]);
  });

  it("in sync: nothing to do; reserve_resources unset is not compared", () => {
    expect(plan(spec(), observed({ replica: replica({ reserve_resources: false }) })).ops).toEqual([]);
  });
});

describe("failover", () => {
  const drill = { master_node: "node02.lab", replica_node: "node01.lab", allow_failover: true };

  it("master_node = the replica's node, replica_node = the master's: failover (disruptive), then reinit", () => {
    const r = plan(spec(drill), observed());
    expect(r.ops).toEqual(["call:vm_replica_failover", "call:vm_replica_reinit"]);
    const [failover, reinit] = r.plan.steps.map((s) => s.step);
    expect(failover?.request).toBe(`PUT /api/vm/${WEB}/replica/dr1/failover/ {"force":false}`);
    expect(failover?.disruption).toMatch(
      /force-stopped.*promoted to master under the same hostname with a new UUID/,
    );
    // The reinit goes to the promoted replica, whose UUID only Danube knows until then.
    expect(reinit?.request).toBe("PUT /api/vm/(the new UUID of web01.lab)/replica/dr1/reinit/ {}");
    expect(r.plan.warnings).toHaveLength(1);
    expect(r.plan.final.vm).toMatchObject({ node: "node02.lab", uuid: UUID_AFTER_FAILOVER });
    expect(r.plan.final.replica).toMatchObject({ node: "node01.lab", reinit_required: false, enabled: true });
    expect(renderStep(failover!)).toMatch(/\[disruptive: /);
  });

  it("never a replacement: only the replica's inputs force one", () => {
    const forceNew = Object.entries(vmReplica.spec.shape)
      .filter(([, a]) => (a.meta() as { forceNew?: boolean } | undefined)?.forceNew)
      .map(([n]) => n);
    expect(forceNew).toEqual(["vm", "repname", "dc", "root_zpool", "disk_zpools"]);
  });

  it("reinit = false: the failover only; the replica stays a former master", () => {
    const r = plan(spec({ ...drill, reinit: false }), observed());
    expect(r.ops).toEqual(["call:vm_replica_failover"]);
    expect(r.plan.final.replica?.reinit_required).toBe(true);
  });

  it("enabled = false: after the reinit (which enables the service) the service is paused again", () => {
    const r = plan(spec({ ...drill, enabled: false }), observed());
    expect(r.ops).toEqual(["call:vm_replica_failover", "call:vm_replica_reinit", "call:vm_replica_update"]);
  });

  it("force = true with pending tasks: a second warning, Danube deletes them", () => {
    const tasks = [{ id: "1e1d1-0a0b0c0d-0e0f-1011", view: "vm_snapshot", method: "POST" }];
    const r = plan(spec({ ...drill, force: true }), observed({ tasks }));
    expect(r.ops).toEqual(["call:vm_replica_failover", "call:vm_replica_reinit"]);
    expect(r.plan.steps[0]?.step.request).toMatch(/\{"force":true\}$/);
    expect(r.plan.warnings).toHaveLength(2);
    expect(r.plan.warnings[1]).toMatch(
      /deletes every other pending task.*1e1d1-0a0b0c0d-0e0f-1011 \(POST vm_snapshot\)/,
    );
  });

  it("a failover in flight is awaited", () => {
    const tasks = [
      { id: "1e1d1-11111111-2222-3333", view: "vm_replica_failover", method: "PUT", repname: "dr1" },
    ];
    const r = plan(spec(drill), observed({ vm: vm({ status: "running-" }), tasks }));
    expect(r.ops).toEqual(["wait:vm_replica_failover"]);
  });

  it("master_node set to a third node and replica_node to the master's: failover, then the replica moves", () => {
    // master goes to the replica's node; the former master is replaced by a replica on node03
    const r = plan(
      spec({ master_node: "node02.lab", replica_node: "node03.lab", allow_failover: true }),
      observed(),
    );
    expect(r.ops).toEqual(["call:vm_replica_failover", "call:vm_replica_delete", "call:vm_replica_create"]);
    expect(r.plan.steps[1]?.step.title).toMatch(/destroy-clear/);
  });
});

describe("a failover found done by hand", () => {
  // Danube swapped the roles: web01.lab is now the former replica (new UUID) on node02; the replica
  // dr1 is the former master on node01 and needs a reinit.
  const swapped = () =>
    observed({
      vm: vm({ uuid: REPLICA_VM, node: "node02.lab" }),
      replica: replica({ node: "node01.lab", reinit_required: true, enabled: false }),
    });

  it("the same configuration (master_node unset): blocked, saying what happened and both ways out", () => {
    const r = plan(spec(), swapped());
    expect(r.codes).toEqual(["REPLICA_ON_MASTER_NODE"]);
    const b = r.plan.blockers[0]!;
    expect(b.attribute).toBe("replica_node");
    expect(b.message).toMatch(/UUID c2f0e8a6-.*failed over.*"Target node is the same as current node\."/);
    expect(b.fix).toMatch(
      /master_node = "node02.lab" and replica_node = "node01.lab".*master_node = "node01.lab" and allow_failover = true/,
    );
  });

  it("accepting the new roles: only the reinit", () => {
    const r = plan(spec({ master_node: "node02.lab", replica_node: "node01.lab" }), swapped());
    expect(r.ops).toEqual(["call:vm_replica_reinit"]);
    expect(r.plan.steps[0]?.step.request).toBe(`PUT /api/vm/${REPLICA_VM}/replica/dr1/reinit/ {}`);
  });

  it("master pinned to the old node: reinit, fail back, reinit — three distinct requests", () => {
    const r = plan(spec({ master_node: "node01.lab", allow_failover: true }), swapped());
    expect(r.ops).toEqual(["call:vm_replica_reinit", "call:vm_replica_failover", "call:vm_replica_reinit"]);
    const requests = r.plan.steps.map((s) => s.step.request);
    expect(new Set(requests).size).toBe(3);
  });

  it("master pinned to the old node without allow_failover: the reinit is not planned alone", () => {
    const r = plan(spec({ master_node: "node01.lab" }), swapped());
    expect(r.ops).toEqual(["call:vm_replica_reinit"]);
    expect(r.codes).toEqual(["FAILOVER_NOT_ALLOWED"]);
  });

  it("master pinned to the old node, reinit = false: blocked, Danube fails over only to a reinitialized replica", () => {
    const r = plan(spec({ master_node: "node01.lab", allow_failover: true, reinit: false }), swapped());
    expect(r.codes).toEqual(["REINIT_REQUIRED"]);
    expect(r.plan.blockers[0]?.message).toMatch(/"Reinitialization is required"/);
  });
});

describe("replica move", () => {
  it("replica_node to a third node: delete + create, with a full-resync warning", () => {
    const r = plan(spec({ replica_node: "node03.lab" }), observed());
    expect(r.ops).toEqual(["call:vm_replica_delete", "call:vm_replica_create"]);
    expect(r.plan.warnings).toHaveLength(1);
    expect(r.plan.warnings[0]).toMatch(/full initial sync.*no replica/);
    expect(r.plan.steps[1]?.step.request).toMatch(/"node":"node03.lab"/);
  });
});

describe("destroy", () => {
  it.each<[string, Partial<VmReplicaObserved>, string[], RegExp | undefined]>([
    [
      "a replica: DELETE, saying what is destroyed",
      {},
      ["call:vm_replica_delete"],
      /replica VM on node02.lab/,
    ],
    [
      "a former master left by a failover: destroy-clear",
      { replica: replica({ node: "node01.lab", reinit_required: true, enabled: false }) },
      ["call:vm_replica_delete"],
      /destroy-clear/,
    ],
    ["no replica: nothing", { replica: undefined }, [], undefined],
    ["no VM: nothing", { vm: undefined, replica: undefined }, [], undefined],
    [
      "a replica task in flight: awaited first",
      { tasks: [{ id: "1e1d1-aaaaaaaa-bbbb-cccc", view: "vm_replica", method: "PUT", repname: "dr1" }] },
      ["wait:vm_replica_update"],
      undefined,
    ],
  ])("%s", (_name, patch, ops, title) => {
    const r = plan(spec(), observed(patch), true);
    expect(r.ops).toEqual(ops);
    if (title) expect(r.plan.steps[0]?.step.title).toMatch(title);
  });

  it("the master's node down: blocked with Danube's words", () => {
    const r = plan(spec(), observed({ vm: vm({ node_status: "unreachable" }) }), true);
    expect(r.codes).toEqual(["MASTER_NODE_NOT_OPERATIONAL"]);
    expect(r.plan.blockers[0]?.message).toMatch(/^"Node is not operational"/);
  });
});

describe("blockers, in Danube's words", () => {
  const drill = { master_node: "node02.lab", replica_node: "node01.lab", allow_failover: true };
  it.each<[string, Record<string, unknown>, VmReplicaObserved, string, string | undefined, RegExp]>([
    ["no VM", {}, observed({ vm: undefined, replica: undefined }), "NOT_FOUND", "vm", /^"VM not found"/],
    [
      "unknown dc",
      { dc: "nope" },
      observed({ dc_missing: true }),
      "DC_NOT_FOUND",
      "dc",
      /"Datacenter not found"/,
    ],
    [
      "replication switched off",
      {},
      observed({ replication_off: true }),
      "REPLICATION_DISABLED",
      undefined,
      /"Not found"/,
    ],
    [
      "master and replica on one node (the replica is there: fail over by setting replica_node)",
      { master_node: "node02.lab" },
      observed(),
      "CONTRADICTORY",
      "replica_node",
      /both node02.lab/,
    ],
    [
      "master and replica on one node (the master is there)",
      { master_node: "node01.lab", replica_node: "node01.lab" },
      observed(),
      "CONTRADICTORY",
      "master_node",
      /both node01.lab/,
    ],
    [
      "create: master not stopped or running",
      {},
      none({ vm: vm({ status: "frozen" }) }),
      "VM_STATUS",
      undefined,
      /^"VM is not stopped or running"/,
    ],
    [
      "create: definition changed",
      {},
      none({ vm: vm({ changed: true }) }),
      "VM_CHANGED",
      undefined,
      /^"VM definition has changed; Update first"/,
    ],
    [
      "create: unknown node",
      { replica_node: "node09.lab" },
      none(),
      "NODE_UNKNOWN",
      "replica_node",
      /"Object with hostname=node09.lab does not exist\."/,
    ],
    [
      "create: the master's own node",
      { replica_node: "node01.lab" },
      none(),
      "SAME_NODE",
      "replica_node",
      /"Target node is the same as current node\."/,
    ],
    [
      "create: node not online",
      { replica_node: "node04.lab" },
      none(),
      "NODE_NOT_ONLINE",
      "replica_node",
      /"Target node is not in online state\." \(node04.lab is maintenance\)/,
    ],
    [
      "create: the one-replica limit",
      {},
      none({ others: ["dr0"] }),
      "REPLICA_LIMIT",
      "repname",
      /"Maximum number of server replicas reached\."/,
    ],
    [
      "create: pending tasks",
      {},
      none({ tasks: [{ id: "1e1d1-12345678-1234-1234", view: "vm_backup", method: "POST" }] }),
      "PENDING_TASKS",
      undefined,
      /^"VM has pending tasks" \(HTTP 409\)/,
    ],
    [
      "create: a disk id beyond the VM's disks",
      { disk_zpools: { "2": "zones-ssd" } },
      none({
        create: { ostype: 1, zpool: "zones", disks: ["zones"], target_zpools: ["zones", "zones-ssd"] },
      }),
      "INVALID_DISK_ID",
      "disk_zpools",
      /"Invalid disk_id\."/,
    ],
    [
      "create: disk_zpools for a zone",
      { disk_zpools: { "1": "zones-ssd" } },
      none({ create: { ostype: 5, zpool: "zones", disks: [], target_zpools: ["zones", "zones-ssd"] } }),
      "DISK_ZPOOLS_NOT_HVM",
      "disk_zpools",
      /not an HVM VM/,
    ],
    [
      "create: a zpool the node lacks",
      { root_zpool: "tank" },
      none(),
      "ZPOOL_MISSING",
      "root_zpool",
      /"Storage with zpool=tank does not exist on target node\."/,
    ],
    [
      "create: no room on the node",
      {},
      none({
        nodes: { ...structuredClone(NODES), "node02.lab": { status: "online", cpu_free: 1, ram_free: 512 } },
      }),
      "NOT_ENOUGH_RESOURCES",
      "replica_node",
      /"Not enough free resources on target node\."/,
    ],
    [
      "create: master_node is not where the VM runs",
      { master_node: "node03.lab" },
      none(),
      "MASTER_ELSEWHERE",
      "master_node",
      /has no replica yet/,
    ],
    [
      "update: master not operational",
      { sleep_time: 10 },
      observed({ vm: vm({ status: "notready" }) }),
      "VM_NOT_OPERATIONAL",
      undefined,
      /^"VM is not operational"/,
    ],
    [
      "update: the replica's node down",
      { sleep_time: 10 },
      observed({ nodes: { ...structuredClone(NODES), "node02.lab": { status: "unreachable" } } }),
      "REPLICA_NODE_NOT_OPERATIONAL",
      undefined,
      /^"Node is not operational": the replica's node node02.lab is unreachable/,
    ],
    [
      "update: a former master, reinit = false",
      { replica_node: "node02.lab", sleep_time: 10, reinit: false },
      observed({ replica: replica({ reinit_required: true, enabled: false }) }),
      "REINIT_REQUIRED",
      "reinit",
      /^"Reinitialization is required" \(HTTP 428\)/,
    ],
    [
      "failover without allow_failover",
      { ...drill, allow_failover: false },
      observed(),
      "FAILOVER_NOT_ALLOWED",
      "allow_failover",
      /force-stops/,
    ],
    [
      "failover: pending tasks without force",
      drill,
      observed({ tasks: [{ id: "1e1d1-12345678-1234-1234", view: "vm_snapshot", method: "POST" }] }),
      "PENDING_TASKS",
      "force",
      /^"VM has pending tasks"/,
    ],
    [
      "failover: an unreserved replica without room",
      drill,
      observed({
        replica: replica({ reserve_resources: false }),
        nodes: { ...structuredClone(NODES), "node02.lab": { status: "online", cpu_free: 0, ram_free: 0 } },
      }),
      "NOT_ENOUGH_RESOURCES",
      undefined,
      /^"Not enough free resources on target node" \(HTTP 428\)/,
    ],
    [
      "failover: the replica's node down",
      drill,
      observed({ nodes: { ...structuredClone(NODES), "node02.lab": { status: "unreachable" } } }),
      "REPLICA_NODE_NOT_OPERATIONAL",
      undefined,
      /"Node is not operational"/,
    ],
    [
      "master_node on a node with neither master nor replica",
      { master_node: "node03.lab" },
      observed(),
      "MASTER_ELSEWHERE",
      "master_node",
      /moves the master only to its replica's node/,
    ],
  ])("%s", (_name, input, o, code, attribute, message) => {
    const r = plan(spec(input), o);
    expect(r.codes).toContain(code);
    const b = r.plan.blockers.find((x) => x.code === code)!;
    expect(b.attribute).toBe(attribute);
    expect(b.message).toMatch(message);
    expect(b.fix).toBeTruthy();
  });

  it("a failover does not need the master's node: the DR case", () => {
    const r = plan(spec(drill), observed({ vm: vm({ node_status: "unreachable" }) }));
    expect(r.codes).toEqual([]);
    expect(r.ops[0]).toBe("call:vm_replica_failover");
  });
});

describe("bad input: a diagnostic naming the attribute", () => {
  function issues(input: Record<string, unknown>) {
    try {
      parseSpec(vmReplica, { vm: "web01.lab", repname: "dr1", replica_node: "node02.lab", ...input });
    } catch (e) {
      if (e instanceof InvalidInputError) return e.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      throw e;
    }
    return [];
  }
  it.each<[string, Record<string, unknown>, RegExp]>([
    ["repname starting with a dash", { repname: "-x" }, /^repname: got "-x"; must be 1–24 characters/],
    [
      "repname of 25 characters",
      { repname: "a".repeat(25) },
      /^repname: got "a{25}"; must be 1–24 characters/,
    ],
    ["repname with a space", { repname: "dr 1" }, /\^\[A-Za-z0-9\]\[A-Za-z0-9._-\]\*\$/],
    ["a negative sleep_time", { sleep_time: -1 }, /^sleep_time: got -1; must be 0–86400 seconds/],
    ["a fractional sleep_time", { sleep_time: 1.5 }, /^sleep_time: got 1.5; expected int/],
    [
      "disk_zpools keyed by something else than a disk id",
      { disk_zpools: { "3": "zones" } },
      /^disk_zpools.3: key "3" is not allowed: must be a disk id/,
    ],
    [
      "disk_zpools keyed by a name",
      { disk_zpools: { root: "zones" } },
      /^disk_zpools.root: key "root" is not allowed/,
    ],
    ["the VM by UUID", { vm: WEB }, /^vm: got "7b7e1d4c-.*"; must be the VM's hostname, not its UUID/],
    [
      "a bwlimit beyond Danube's range",
      { bwlimit: 2147483648 },
      /^bwlimit: got 2147483648; must be 0–2147483647/,
    ],
  ])("%s", (_name, input, expected) => {
    const found = issues(input);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(expected);
  });
});

describe("identity and replacement", () => {
  it("the id is the hostname and the repname (with the dc when set): a failover keeps it", () => {
    expect(vmReplica.id(spec())).toBe("web01.lab/dr1");
    expect(vmReplica.id(spec({ dc: "main" }))).toBe("main/web01.lab/dr1");
  });

  it("a replacement is planned as if the replica it replaces were gone (one replica per VM)", () => {
    const o = observed();
    const replacing = spec();
    const next = spec({ repname: "dr2" });
    expect(plan(next, { ...o, others: ["dr1"], replica: undefined }).codes).toContain("REPLICA_LIMIT");
    const without = vmReplica.withoutReplaced!({ ...o, others: ["dr1"], replica: undefined }, replacing);
    expect(without.others).toEqual([]);
    const sameName = vmReplica.withoutReplaced!(o, spec({ root_zpool: "zones-ssd" }));
    expect(sameName.replica).toBeUndefined();
    expect(vmReplica.deleteBeforeReplace).toBe(true);
  });
});
