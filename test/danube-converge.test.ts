/**
 * danube_vm_replica against the Danube lab: a DR drill (create, fail over with the plan showing the
 * stop, reinit, fail back), a failover found done by hand, a replica move, destroy; and the guarantees:
 * a run killed mid-task and run again, faults, a token expiring mid-run, timeouts that resume — each
 * write exactly once in the lab's call log, and the same end state as an uninterrupted run.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DanubeLab, startDanubeLab } from "../lab/danube/index.ts";
import { DanubeClient } from "../provider/danube/client.ts";
import { danubeSettingsSchema } from "../provider/danube/settings.ts";
import { vmReplica } from "../provider/danube/vm-replica.ts";
import { type FerryError, PlanBlockedError } from "../provider/engine/errors.ts";
import { applyResource, parseSpec, planResource, readResource } from "../provider/engine/resource.ts";
import { type ChildEvent, runChildUntil } from "./support/run-child.ts";

let lab: DanubeLab;
let client: DanubeClient;

const base = { vm: "web01.lab", repname: "dr1", replica_node: "node02.lab" };
const drill = { ...base, master_node: "node02.lab", replica_node: "node01.lab", allow_failover: true };

function settings(extra: Record<string, unknown> = {}) {
  return { api_url: lab.url, api_key: lab.apiKey, ...extra };
}

beforeEach(async () => {
  lab = await startDanubeLab({ taskMs: 80 });
  client = new DanubeClient(danubeSettingsSchema.parse(settings()));
});
afterEach(async () => {
  await lab.stop();
});

async function plan(input: Record<string, unknown>, destroy = false) {
  const { plan } = await planResource(vmReplica, client, parseSpec(vmReplica, input), { destroy });
  return plan;
}

async function ops(input: Record<string, unknown>, destroy = false): Promise<string[]> {
  const p = await plan(input, destroy);
  if (p.blockers.length) throw new PlanBlockedError("test", p.blockers);
  return p.steps.map((s) => `${s.step.action}:${s.step.operation}`);
}

function apply(
  input: Record<string, unknown>,
  o: { destroy?: boolean; c?: DanubeClient; timeoutMs?: string } = {},
) {
  return applyResource(
    vmReplica,
    o.c ?? client,
    parseSpec(vmReplica, {
      ...input,
      ...(o.timeoutMs ? { timeouts: { create: o.timeoutMs, update: o.timeoutMs } } : {}),
    }),
    { phase: o.destroy ? "delete" : "update", destroy: o.destroy === true },
  );
}

/** What the estate says about web01 and its replica, for comparing end states. */
function estate() {
  const m = lab.model.master("main", "web01.lab");
  const s = m && lab.model.slave(m, "dr1");
  return {
    node: m?.node,
    status: m?.status,
    replica: s && {
      node: lab.model.vms.get(s.vm)?.node,
      reinitRequired: s.reinitRequired,
      syncStatus: s.syncStatus,
      sleepTime: s.sleepTime,
    },
  };
}

describe("a DR drill", () => {
  it("create, fail over (the plan shows the stop), reinit, fail back — each operation once", async () => {
    expect(await ops(base)).toEqual(["call:vm_replica_create"]);
    const created = await apply(base);
    expect(created.outputs).toMatchObject({
      current_master_node: "node01.lab",
      current_replica_node: "node02.lab",
      replication_enabled: true,
      reinit_required: false,
      vm_status: "running",
    });
    expect(created.outputs.last_sync).toMatch(/Z$/);
    const before = created.outputs.vm_uuid;
    expect(await ops(base)).toEqual([]);

    // the failover without the opt-in: blocked, naming allow_failover
    const blocked = await plan({ ...drill, allow_failover: false });
    expect(blocked.blockers.map((b) => [b.code, b.attribute])).toEqual([
      ["FAILOVER_NOT_ALLOWED", "allow_failover"],
    ]);

    const p = await plan(drill);
    expect(p.steps.map((s) => s.step.operation)).toEqual(["vm_replica_failover", "vm_replica_reinit"]);
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toMatch(/force-stopped/);
    const failed = await apply(drill);
    expect(failed.ran.map((s) => s.operation)).toEqual(["vm_replica_failover", "vm_replica_reinit"]);
    expect(failed.outputs).toMatchObject({
      current_master_node: "node02.lab",
      current_replica_node: "node01.lab",
      reinit_required: false,
      replication_enabled: true,
    });
    expect(failed.outputs.vm_uuid).not.toBe(before);
    expect(await ops(drill)).toEqual([]);

    // fail back: the swap again
    const back = { ...base, master_node: "node01.lab", allow_failover: true };
    const r = await apply(back);
    expect(r.outputs).toMatchObject({
      current_master_node: "node01.lab",
      current_replica_node: "node02.lab",
    });
    expect(r.outputs.vm_uuid).toBe(before);
    expect(lab.writeCounts()).toEqual({ vm_replica_create: 1, vm_replica_failover: 2, vm_replica_reinit: 2 });
  });

  it("the replication parameters: an enabled-only change pauses the service, others re-create it", async () => {
    await apply(base);
    const pause = await apply({ ...base, enabled: false });
    expect(pause.outputs.replication_enabled).toBe(false);
    const task = [...lab.model.tasks.values()].at(-1)!;
    expect(task.command).toBe("esrep svc-disable");
    await apply({ ...base, enabled: false, sleep_time: 300, bwlimit: 1_000_000 });
    expect([...lab.model.tasks.values()].at(-1)?.command).toBe("esrep svc-remove && esrep svc-create");
    const reserve = await apply({
      ...base,
      enabled: false,
      sleep_time: 300,
      bwlimit: 1_000_000,
      reserve_resources: false,
    });
    expect(reserve.ran.map((s) => s.operation)).toEqual(["vm_replica_update"]);
    expect(lab.calls.filter((c) => c.operation === "vm_replica_update").map((c) => c.status)).toEqual([
      201, 201, 205,
    ]);
  });

  it("replica_node moved to a third node: delete + create, a full resync announced", async () => {
    await apply(base);
    const moved = { ...base, replica_node: "node03.lab" };
    const p = await plan(moved);
    expect(p.steps.map((s) => s.step.operation)).toEqual(["vm_replica_delete", "vm_replica_create"]);
    expect(p.warnings[0]).toMatch(/full initial sync/);
    const r = await apply(moved);
    expect(r.outputs.current_replica_node).toBe("node03.lab");
    expect(lab.writeCounts()).toEqual({ vm_replica_create: 2, vm_replica_delete: 1 });
  });

  it("destroy deletes the replica; for a former master Danube's destroy-clear; then nothing", async () => {
    await apply(base);
    lab.model.failoverByHand("web01.lab", "dr1");
    const p = await plan(base, true);
    expect(p.steps[0]?.step.title).toMatch(
      /former master left on node01.lab by a failover \(Danube runs destroy-clear\)/,
    );
    await apply(base, { destroy: true });
    expect([...lab.model.tasks.values()].at(-1)?.command).toBe("esrep destroy-clear");
    expect(await ops(base, true)).toEqual([]);
    expect(estate().replica).toBeUndefined();
  });
});

describe("a failover done by hand", () => {
  it("refresh shows the swap — a new UUID, the nodes exchanged — not a missing VM; the plan says both ways out", async () => {
    const created = await apply(base);
    lab.model.failoverByHand("web01.lab", "dr1");
    const read = await readResource(vmReplica, client, parseSpec(vmReplica, base));
    expect(read.outputs).toMatchObject({
      current_master_node: "node02.lab",
      current_replica_node: "node01.lab",
      reinit_required: true,
      replication_enabled: false,
    });
    expect(read.outputs.vm_uuid).not.toBe(created.outputs.vm_uuid);
    expect(read.inSync).toBe(false);
    expect(read.plan.blockers.map((b) => b.code)).toEqual(["REPLICA_ON_MASTER_NODE"]);
    // accepting the new roles: the reinit only
    const accept = { ...base, master_node: "node02.lab", replica_node: "node01.lab" };
    expect(await ops(accept)).toEqual(["call:vm_replica_reinit"]);
    // or failing back in one run: reinit, failover, reinit
    const back = { ...base, master_node: "node01.lab", allow_failover: true };
    const r = await apply(back);
    expect(r.ran.map((s) => s.operation)).toEqual([
      "vm_replica_reinit",
      "vm_replica_failover",
      "vm_replica_reinit",
    ]);
    expect(r.outputs.vm_uuid).toBe(created.outputs.vm_uuid);
  });

  it("the lab's own replica needing reinit (app01.lab): imported, then reinitialized", async () => {
    const spec = await vmReplica.importSpec(
      client,
      "app01.lab/dr1",
      (await import("../provider/engine/log.ts")).silentLogger,
    );
    expect(spec).toMatchObject({
      vm: "app01.lab",
      repname: "dr1",
      replica_node: "node01.lab",
      enabled: false,
    });
    const input = { vm: "app01.lab", repname: "dr1", replica_node: "node01.lab" };
    expect(await ops(input)).toEqual(["call:vm_replica_reinit"]);
  });
});

describe("nothing issued twice", () => {
  it("a replica create started by hand is awaited, not issued again", async () => {
    const out = (await client.createReplica("web01.lab", "dr1", { node: "node02.lab" })) as { task: string };
    expect(await ops(base)).toEqual(["wait:vm_replica_create"]);
    const r = await apply(base);
    expect(r.ran.map((s) => `${s.action}:${s.operation}`)).toEqual(["wait:vm_replica_create"]);
    expect(out.task).toMatch(/^1e1d1-/);
    expect(lab.count("vm_replica_create")).toBe(1);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["create", base, "vm_replica_create"],
    ["failover", drill, "vm_replica_failover"],
  ])(
    "killed (SIGKILL) while its %s task runs, then run again: each operation once, the same end state",
    async (_n, input, op) => {
      // The uninterrupted run, on a lab of its own, is the reference.
      const ref = await startDanubeLab({ taskMs: 80 });
      const refClient = new DanubeClient(
        danubeSettingsSchema.parse({ api_url: ref.url, api_key: ref.apiKey }),
      );
      const swap = lab;
      lab = ref;
      if (op === "vm_replica_failover") await apply(base, { c: refClient });
      await apply(input, { c: refClient });
      const expected = { state: estate(), writes: ref.writeCounts() };
      lab = swap;
      await ref.stop();

      if (op === "vm_replica_failover") await apply(base);
      lab.taskMs = 1500;
      const killed = await runChildUntil(
        "danube_vm_replica",
        input,
        (ev: ChildEvent) =>
          ev.event === "progress" && ev.operation === op && /accepted/.test(String(ev.message)),
        { env: { LAB_SETTINGS: JSON.stringify(settings()) } },
      );
      expect(killed.killed).toBe(true);
      expect(lab.model.running().length).toBe(1);
      lab.taskMs = 80;
      const again = await apply(input);
      expect(again.ran[0]).toMatchObject({ action: "wait", operation: op });
      await lab.settle();
      expect(estate()).toEqual(expected.state);
      expect(lab.writeCounts()).toEqual(expected.writes);
    },
    60_000,
  );

  it("a create answered 503 after Danube took it: observed, found in flight, awaited — created once", async () => {
    lab.faults.inject({ kind: "status-after", status: 503, commands: ["vm_replica_create"] });
    const r = await apply(base);
    expect(r.ran.map((s) => `${s.action}:${s.operation}`)).toEqual(["wait:vm_replica_create"]);
    expect(lab.count("vm_replica_create")).toBe(1);
    expect(r.outputs.current_replica_node).toBe("node02.lab");
  });

  it("a failover whose connection is reset after Danube took it: once, then the reinit", async () => {
    await apply(base);
    lab.faults.inject({ kind: "reset", after: true, commands: ["vm_replica_failover"] });
    const r = await apply(drill);
    expect(lab.writeCounts()).toEqual({ vm_replica_create: 1, vm_replica_failover: 1, vm_replica_reinit: 1 });
    expect(r.outputs).toMatchObject({ current_master_node: "node02.lab", reinit_required: false });
  });

  it("a write refused before Danube took it (503, reset before): observed, then sent again — once in effect", async () => {
    lab.faults.inject({ kind: "status", status: 503, commands: ["vm_replica_create"] });
    lab.faults.inject({ kind: "reset", commands: ["vm_replica_reinit"] });
    await apply(base);
    await apply(drill);
    expect(lab.writeCounts()).toEqual({ vm_replica_create: 1, vm_replica_failover: 1, vm_replica_reinit: 1 });
  });

  it("task status reads failing (5xx, resets) are retried; nothing is written twice", async () => {
    lab.faults.inject({ kind: "status", status: 502, times: 2, commands: ["task_status"] });
    lab.faults.inject({ kind: "reset", times: 1, commands: ["vm_status", "task_status"] });
    await apply(base);
    expect(lab.writeCounts()).toEqual({ vm_replica_create: 1 });
  });

  it("the token expires mid-run (a login needed again while a task runs): one new login, nothing repeated", async () => {
    const c = new DanubeClient(
      danubeSettingsSchema.parse({ api_url: lab.url, username: lab.username, password: lab.password }),
    );
    lab.taskMs = 400;
    const expire = setTimeout(() => lab.model.expireTokens(), 150);
    const r = await apply(base, { c });
    clearTimeout(expire);
    expect(r.outputs.current_replica_node).toBe("node02.lab");
    expect(lab.calls.filter((x) => x.operation === "login")).toHaveLength(2);
    expect(lab.calls.some((x) => x.status === 403)).toBe(true);
    expect(lab.writeCounts()).toEqual({ vm_replica_create: 1 });
  });

  it("a timeout stops the wait, not the task; the next run resumes it and writes nothing again", async () => {
    lab.taskMs = 1500;
    const e = (await apply(base, { timeoutMs: "300ms" }).catch((x: unknown) => x)) as FerryError;
    expect(e.code).toBe("TIMEOUT");
    expect(e.why).toMatch(/continues on the server side/);
    lab.taskMs = 80;
    const r = await apply(base);
    expect(r.ran.map((s) => `${s.action}:${s.operation}`)).toEqual(["wait:vm_replica_create"]);
    expect(lab.writeCounts()).toEqual({ vm_replica_create: 1 });
  }, 20_000);
});

describe("refusals before anything runs", () => {
  it("blockers in Danube's words, nothing written", async () => {
    lab.model.setNodeStatus("node02.lab", "maintenance");
    const p = await plan(base);
    expect(p.blockers.map((b) => [b.code, b.attribute])).toEqual([["NODE_NOT_ONLINE", "replica_node"]]);
    lab.model.setNodeStatus("node02.lab", "online");
    expect((await plan({ ...base, vm: "nope.lab" })).blockers.map((b) => b.code)).toEqual(["NOT_FOUND"]);
    expect((await plan({ ...base, dc: "nope" })).blockers.map((b) => b.code)).toEqual(["DC_NOT_FOUND"]);
    expect(
      (await plan({ ...base, vm: "app01.lab", repname: "dr2", replica_node: "node03.lab" })).blockers.map(
        (b) => b.code,
      ),
    ).toEqual(["REPLICA_LIMIT"]);
    expect(
      (await plan({ ...base, vm: "zone01.lab", disk_zpools: { "1": "zones-ssd" } })).blockers.map(
        (b) => b.code,
      ),
    ).toEqual(["DISK_ZPOOLS_NOT_HVM"]);
    expect(
      (await plan({ ...base, replica_node: "node03.lab", root_zpool: "zones-ssd" })).blockers.map(
        (b) => b.code,
      ),
    ).toEqual(["ZPOOL_MISSING"]);
    const t = lab.model.addPendingTask("web01.lab", "vm_backup", "POST");
    expect((await plan(base)).blockers.map((b) => b.code)).toEqual(["PENDING_TASKS"]);
    lab.model.release(t.id);
    const err = (await apply({ ...base, replica_node: "node01.lab" }).catch(
      (x: unknown) => x,
    )) as PlanBlockedError;
    expect(err.blockers.map((b) => b.code)).toEqual(["SAME_NODE"]);
    expect(lab.writeCounts()).toEqual({});
  });
});
