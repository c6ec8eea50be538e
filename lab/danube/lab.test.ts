// The Danube Cloud lab answers as Danube's views do (research: apis-velostrata-danube.md part B):
// routing and the trailing slash, authentication and its 403s, dc, envelopes, the replica checks in
// their order with their codes and texts, the master's `-` statuses, the failover's swap, reinit,
// the one-replica limit, the lock, ES-STREAM, faults and the call log.
import { request } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DanubeLab, defaultDanubeInventory, startDanubeLab } from "./index.ts";

let lab: DanubeLab;

beforeEach(async () => {
  lab = await startDanubeLab({ taskMs: 60, streamNapMs: 20 });
});
afterEach(async () => {
  await lab.stop();
});

interface Res {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  text: string;
}

async function call(
  method: string,
  path: string,
  o: { body?: unknown; key?: string | null; token?: string; headers?: Record<string, string> } = {},
): Promise<Res> {
  const headers: Record<string, string> = { accept: "application/json", ...o.headers };
  if (o.token) headers.authorization = `Token ${o.token}`;
  else if (o.key !== null) headers["es-api-key"] = o.key ?? lab.apiKey;
  const init: RequestInit = { method, headers, redirect: "manual" };
  if (o.body !== undefined) {
    init.body = JSON.stringify(o.body);
    headers["content-type"] = "application/json";
  }
  const res = await fetch(`${lab.url}${path}`, init);
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON
  }
  return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body, text };
}

/** One request through node:http (which keeps the body of a 205). */
function raw(method: string, path: string, body: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(`${lab.url}${path}`);
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method,
        headers: { "es-api-key": lab.apiKey, "content-type": "application/json" },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (d: string) => {
          text += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

/** POST/PUT/DELETE, then the task's final status. */
async function run(method: string, path: string, body: unknown = {}): Promise<{ start: Res; end: Res }> {
  const start = await call(method, path, { body });
  if (start.status !== 201) return { start, end: start };
  await lab.settle();
  const end = await call("GET", `/task/${start.body.task_id}/status/`);
  return { start, end };
}

const result = (r: Res) => r.body.result as Record<string, unknown>;

describe("routing and envelopes", () => {
  it("a path without its trailing slash is redirected (301), the body is lost", async () => {
    const r = await call("POST", "/vm/web01.lab/replica/dr1", { body: { node: "node02.lab" } });
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe("/api/vm/web01.lab/replica/dr1/");
    expect(lab.model.slavesOf(lab.model.master("main", "web01.lab")!)).toHaveLength(0);
  });

  it("every answer is a task envelope, a dummy task id on reads; headers es_version, es_username, es_dc", async () => {
    const r = await call("GET", "/vm/web01.lab/");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: "SUCCESS",
      result: { hostname: "web01.lab", node: "node01.lab" },
    });
    expect(String(r.body.task_id)).toMatch(/^1d1d1-6f75849b-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
    expect(r.headers).toMatchObject({ es_version: "4.6", es_username: "admin", es_dc: "main" });
    expect(r.headers.es_task_id).toBe(r.body.task_id);
    // a dummy task has no status
    expect((await call("GET", `/task/${r.body.task_id}/status/`)).body).toEqual({
      detail: "Task does not exist (anymore)",
    });
  });

  it("the read endpoints a user looks at first", async () => {
    expect(result(await call("GET", "/vm/")) as unknown).toEqual([
      "app01.lab",
      "db01.lab",
      "web01.lab",
      "zone01.lab",
    ]);
    const full = (await call("GET", "/vm/?full=true")).body.result as Record<string, unknown>[];
    expect(full.map((v) => Object.keys(v))[0]).toEqual(
      expect.arrayContaining([
        "hostname",
        "uuid",
        "alias",
        "node",
        "owner",
        "status",
        "node_status",
        "vcpus",
        "ram",
        "locked",
        "changed",
      ]),
    );
    expect(result(await call("GET", "/vm/web01.lab/status/"))).toMatchObject({
      hostname: "web01.lab",
      status: "running",
      node_status: "online",
      tasks: {},
    });
    const nodes = (await call("GET", "/node/?full=true")).body.result as Record<string, unknown>[];
    expect(nodes.map((n) => [n.hostname, n.node_status, n.status])).toEqual([
      ["node01.lab", "online", 2],
      ["node02.lab", "online", 2],
      ["node03.lab", "online", 2],
      ["node04.lab", "maintenance", 1],
    ]);
    expect(result(await call("GET", "/node/")) as unknown).toEqual([
      "node01.lab",
      "node02.lab",
      "node03.lab",
      "node04.lab",
    ]);
    expect(result(await call("GET", "/vm/app01.lab/replica/")) as unknown).toEqual(["dr1"]);
    expect((await call("GET", "/vm/app01.lab/replica/?full=true")).body.result).toEqual([
      expect.objectContaining({ repname: "dr1", node: "node01.lab", reinit_required: true, enabled: false }),
    ]);
  });

  it("the replica object: Danube's fields in Danube's order", async () => {
    const r = result(await call("GET", "/vm/app01.lab/replica/dr1/"));
    expect(Object.keys(r)).toEqual([
      "hostname",
      "repname",
      "node",
      "root_zpool",
      "disk_zpools",
      "reserve_resources",
      "sleep_time",
      "enabled",
      "bwlimit",
      "last_sync",
      "reinit_required",
      "node_status",
      "created",
    ]);
  });

  it("unknown objects, unrouted paths and wrong methods", async () => {
    expect((await call("GET", "/vm/nope.lab/")).body).toEqual({ detail: "VM not found" });
    expect((await call("GET", "/vm/web01.lab/replica/dr9/")).body).toEqual({ detail: "Slave VM not found" });
    expect((await call("GET", "/dc/main/vm/web01.lab/replica/")).status).toBe(404);
    const m = await call("GET", "/vm/web01.lab/replica/dr1/failover/");
    expect(m.status).toBe(405);
    expect(m.body).toEqual({ detail: 'Method "GET" not allowed.' });
    // slave VMs are never found, by hostname or UUID
    const slaveUuid = lab.model.slaves[0]!.vm;
    expect((await call("GET", `/vm/${slaveUuid}/`)).status).toBe(404);
  });
});

describe("authentication: every failure is 403", () => {
  it("login, tokens, API keys; a new login replaces the token; expiry", async () => {
    const bad = await call("POST", "/accounts/login/", {
      key: null,
      body: { username: "admin", password: "x" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ detail: "Unable to log in with provided credentials." });
    const missing = await call("POST", "/accounts/login/", { key: null, body: { username: "admin" } });
    expect(missing.body).toEqual({ detail: { password: ["This field is required."] } });
    const ok = await call("POST", "/accounts/login/", {
      key: null,
      body: { username: lab.username, password: lab.password },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      token: expect.stringMatching(/^[0-9a-f]{40}$/),
      detail: "Welcome to Danube Cloud API.",
    });
    const token = String(ok.body.token);
    expect((await call("GET", "/vm/", { token })).status).toBe(200);
    const again = await call("POST", "/accounts/login/", {
      key: null,
      body: { username: lab.username, password: lab.password },
    });
    expect((await call("GET", "/vm/", { token })).body).toEqual({ detail: "Invalid token." });
    const second = String(again.body.token);
    lab.model.expireTokens();
    const expired = await call("GET", "/vm/", { token: second });
    expect(expired.status).toBe(403);
    expect(expired.body).toEqual({ detail: "Authentication credentials were not provided." });
    expect((await call("GET", "/vm/", { key: null })).body).toEqual({
      detail: "Authentication credentials were not provided.",
    });
    const badKey = await call("GET", "/vm/", { key: "nope" });
    expect([badKey.status, badKey.body]).toEqual([403, { detail: "Invalid API key" }]);
  });

  it("a non-admin reads but may not write: 403 Permission denied", async () => {
    const viewer = [...lab.model.users.values()].find((u) => !u.admin)!;
    expect((await call("GET", "/vm/web01.lab/replica/", { key: viewer.apiKey })).status).toBe(200);
    const w = await call("POST", "/vm/web01.lab/replica/dr1/", {
      key: viewer.apiKey,
      body: { node: "node02.lab" },
    });
    expect([w.status, w.body]).toEqual([403, { detail: "Permission denied" }]);
  });

  it("dc: from the query of a GET, from the body of a write; unknown → 404 Datacenter not found", async () => {
    expect((await call("GET", "/vm/?dc=nope")).body).toEqual({ detail: "Datacenter not found" });
    expect((await call("GET", "/vm/?dc=lab-b")).body.result).toEqual([]);
    expect((await call("GET", "/vm/web01.lab/?dc=lab-b")).body).toEqual({ detail: "VM not found" });
    const w = await call("POST", "/vm/web01.lab/replica/dr1/", { body: { node: "node02.lab", dc: "nope" } });
    expect(w.body).toEqual({ detail: "Datacenter not found" });
  });

  it("replication switched off: 404 Not found on the replica views", async () => {
    lab.model.replicationEnabled = false;
    expect((await call("GET", "/vm/web01.lab/replica/")).body).toEqual({ detail: "Not found" });
  });
});

describe("create", () => {
  it("201 PENDING, the master running- while the task runs, then the replica; the task result", async () => {
    const start = await call("POST", "/vm/web01.lab/replica/dr1/", {
      body: { node: "node02.lab", sleep_time: 120 },
    });
    expect(start.status).toBe(201);
    expect(start.body).toMatchObject({ status: "PENDING", result: null });
    expect(String(start.body.task_id)).toMatch(/^1e1d1-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
    const status = result(await call("GET", "/vm/web01.lab/status/"));
    expect(status.status).toBe("running-");
    expect(status.tasks).toEqual({
      [String(start.body.task_id)]: expect.objectContaining({
        view: "vm_replica",
        method: "POST",
        repname: "dr1",
      }),
    });
    expect((await call("GET", `/task/${start.body.task_id}/status/`)).status).toBe(201);
    await lab.settle();
    const end = await call("GET", `/task/${start.body.task_id}/status/`);
    expect(end.status).toBe(200);
    expect(result(end)).toMatchObject({
      returncode: 0,
      message: "Server replica was successfully initialized",
      hostname: "web01.lab",
      repname: "dr1",
      node: "node02.lab",
      sleep_time: 120,
      enabled: true,
      reinit_required: false,
    });
    expect(result(end).last_sync).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(result(await call("GET", "/vm/web01.lab/status/")).status).toBe("running");
    expect(result(await call("GET", "/vm/web01.lab/")).locked).toBe(true);
  });

  it("the checks in Danube's order: 423 → 428 → 400 → 409, then the lock", async () => {
    lab.model.setVmStatus("web01.lab", "frozen");
    const vm = lab.model.master("main", "web01.lab")!;
    vm.changed = true;
    const body = { node: "node09.lab" };
    const steps: [number, unknown][] = [];
    const r1 = await call("POST", "/vm/web01.lab/replica/dr1/", { body });
    steps.push([r1.status, r1.body]);
    vm.status = "running";
    const r2 = await call("POST", "/vm/web01.lab/replica/dr1/", { body });
    steps.push([r2.status, r2.body]);
    vm.changed = false;
    const r3 = await call("POST", "/vm/web01.lab/replica/dr1/", { body });
    steps.push([r3.status, (r3.body as { result: unknown }).result]);
    const task = lab.model.addPendingTask("web01.lab", "vm_snapshot", "POST");
    const r4 = await call("POST", "/vm/web01.lab/replica/dr1/", { body: { node: "node02.lab" } });
    steps.push([r4.status, r4.body]);
    expect(steps).toEqual([
      [423, { detail: "VM is not stopped or running" }],
      [428, { detail: "VM definition has changed; Update first" }],
      [400, { node: ["Object with hostname=node09.lab does not exist."] }],
      [409, { detail: "VM has pending tasks" }],
    ]);
    lab.model.release(task.id);
  });

  it.each<[string, Record<string, unknown>, string, unknown]>([
    ["the master's node", { node: "node01.lab" }, "node", ["Target node is the same as current node."]],
    ["a node not online", { node: "node04.lab" }, "node", ["Target node is not in online state."]],
    [
      "a zpool the node lacks",
      { node: "node03.lab", root_zpool: "zones-ssd" },
      "node",
      ["Storage with zpool=zones-ssd does not exist on target node."],
    ],
    [
      "a disk id beyond Danube's two",
      { node: "node02.lab", disk_zpools: { "3": "zones" } },
      "disk_zpools",
      ["Ensure this value is less than or equal to 2."],
    ],
    [
      "a negative sleep_time",
      { node: "node02.lab", sleep_time: -1 },
      "sleep_time",
      ["Ensure this value is greater than or equal to 0."],
    ],
    [
      "a bad boolean",
      { node: "node02.lab", enabled: "maybe" },
      "enabled",
      ["'maybe' value must be either True or False."],
    ],
    ["no node", {}, "node", ["This field is required."]],
  ])("400 FAILURE with field errors: %s", async (_name, body, field, messages) => {
    const r = await call("POST", "/vm/web01.lab/replica/dr1/", { body });
    expect(r.status).toBe(400);
    expect(r.body.status).toBe("FAILURE");
    expect((r.body.result as Record<string, unknown>)[field]).toEqual(messages);
    expect(result(await call("GET", "/vm/web01.lab/status/")).status).toBe("running");
  });

  it("a disk id beyond the VM's disks: Invalid disk_id.", async () => {
    const r = await call("POST", "/vm/app01.lab/replica/dr2/", {
      body: { node: "node03.lab", disk_zpools: { "2": "zones" } },
    });
    expect(r.body.result).toMatchObject({ disk_zpools: ["Invalid disk_id."] });
  });

  it("a repname against Danube's rule reaches the view (the URL is laxer) and fails as a field error", async () => {
    const r = await call("POST", "/vm/web01.lab/replica/-x/", { body: { node: "node02.lab" } });
    expect(r.body.result).toEqual({ repname: ["Enter a valid value."] });
    const long = await call("POST", `/vm/web01.lab/replica/${"a".repeat(25)}/`, {
      body: { node: "node02.lab" },
    });
    expect(long.body.result).toEqual({
      repname: ["Ensure this value has at most 24 characters (it has 25)."],
    });
  });

  it("one replica per VM (VMS_VM_REPLICA_LIMIT = 1); an existing one is 406", async () => {
    await run("POST", "/vm/web01.lab/replica/dr1/", { node: "node02.lab" });
    const dup = await call("POST", "/vm/web01.lab/replica/dr1/", { body: { node: "node03.lab" } });
    expect([dup.status, dup.body]).toEqual([406, { detail: "Slave VM already exists" }]);
    const second = await call("POST", "/vm/web01.lab/replica/dr2/", { body: { node: "node03.lab" } });
    expect(second.body.result).toEqual({ non_field_errors: ["Maximum number of server replicas reached."] });
  });

  it("a failed create: the row is deleted, or kept when esrep initialised the slave first", async () => {
    lab.model.failures.push({ operation: "vm_replica_create", returncode: 3, msg: "zfs send failed" });
    const { end } = await run("POST", "/vm/web01.lab/replica/dr1/", { node: "node02.lab" });
    expect(end.status).toBe(400);
    expect(result(end)).toEqual({
      returncode: 3,
      message: "Got bad return code (3)",
      detail: "Got bad return code (3). Error: repname='dr1', msg='zfs send failed', rc=3",
    });
    expect((await call("GET", "/vm/web01.lab/replica/")).body.result).toEqual([]);
    lab.model.failures.push({ operation: "vm_replica_create", keepReplica: true });
    await run("POST", "/vm/web01.lab/replica/dr1/", { node: "node02.lab" });
    expect((await call("GET", "/vm/web01.lab/replica/")).body.result).toEqual(["dr1"]);
  });
});

describe("update", () => {
  beforeEach(async () => {
    await run("POST", "/vm/web01.lab/replica/dr1/", { node: "node02.lab" });
  });

  it("reserve_resources as the only key, changed: 205 at once with a body, no task", async () => {
    // fetch drops the body of a 205 (as some HTTP stacks do); node:http reads what Danube sends
    const r = await raw("PUT", "/vm/web01.lab/replica/dr1/", { reserve_resources: false });
    expect(r.status).toBe(205);
    expect(JSON.parse(r.text)).toMatchObject({ status: "SUCCESS", result: { reserve_resources: false } });
    expect(lab.model.running()).toEqual([]);
    expect(result(await call("GET", "/vm/web01.lab/replica/dr1/")).reserve_resources).toBe(false);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["enabled only: svc-disable", { enabled: false }, "esrep svc-disable"],
    ["anything else: the service re-created", { sleep_time: 30 }, "esrep svc-remove && esrep svc-create"],
    [
      "reserve_resources unchanged but sent alone: re-created too",
      { reserve_resources: true },
      "esrep svc-remove && esrep svc-create",
    ],
  ])("%s", async (_name, body, command) => {
    const start = await call("PUT", "/vm/web01.lab/replica/dr1/", { body });
    expect(start.status).toBe(201);
    expect(lab.model.tasks.get(String(start.body.task_id))?.command).toBe(command);
    await lab.settle();
    expect((await call("GET", `/task/${start.body.task_id}/status/`)).body.result).toMatchObject({
      message: "Server replication service was successfully updated",
    });
  });

  it("a second replica task while one runs: 400 FAILURE Task did not acquire lock", async () => {
    const first = await call("PUT", "/vm/web01.lab/replica/dr1/", { body: { sleep_time: 10 } });
    expect(first.status).toBe(201);
    const second = await call("PUT", "/vm/web01.lab/replica/dr1/", { body: { sleep_time: 20 } });
    expect([second.status, second.body.status, second.body.result]).toEqual([
      400,
      "FAILURE",
      "Task did not acquire lock",
    ]);
  });

  it("the replica's node offline: 423 Node is not operational; the master's node too", async () => {
    lab.model.setNodeStatus("node02.lab", "unreachable");
    expect((await call("PUT", "/vm/web01.lab/replica/dr1/", { body: { sleep_time: 10 } })).body).toEqual({
      detail: "Node is not operational",
    });
    lab.model.setNodeStatus("node02.lab", "online");
    lab.model.setNodeStatus("node01.lab", "maintenance");
    expect((await call("DELETE", "/vm/web01.lab/replica/dr1/")).status).toBe(423);
  });
});

describe("failover and reinit", () => {
  beforeEach(async () => {
    await run("POST", "/vm/web01.lab/replica/dr1/", { node: "node02.lab" });
  });

  it("the hostname stays, the UUID behind it changes, node becomes the replica's; the replica needs a reinit", async () => {
    const before = result(await call("GET", "/vm/web01.lab/"));
    const start = await call("PUT", "/vm/web01.lab/replica/dr1/failover/", { body: { force: false } });
    expect(start.status).toBe(201);
    expect(result(await call("GET", "/vm/web01.lab/status/")).status).toBe("running-");
    await lab.settle();
    const end = await call("GET", `/task/${start.body.task_id}/status/`);
    expect(result(end)).toMatchObject({
      message: "Server replica was successfully promoted to master",
      hostname: "web01.lab",
      node: "node01.lab",
      reinit_required: true,
      enabled: false,
    });
    const after = result(await call("GET", "/vm/web01.lab/"));
    expect(after.hostname).toBe("web01.lab");
    expect(after.uuid).not.toBe(before.uuid);
    expect([before.node, after.node, after.status]).toEqual(["node01.lab", "node02.lab", "running"]);
    // the old UUID is the replica now: never found
    expect((await call("GET", `/vm/${before.uuid}/`)).status).toBe(404);
    expect(result(await call("GET", "/vm/web01.lab/replica/dr1/"))).toMatchObject({
      node: "node01.lab",
      reinit_required: true,
      enabled: false,
    });
    // a second failover is refused until the reinit
    expect((await call("PUT", "/vm/web01.lab/replica/dr1/failover/")).body).toEqual({
      detail: "Reinitialization is required",
    });
    expect((await call("PUT", "/vm/web01.lab/replica/dr1/", { body: { sleep_time: 5 } })).status).toBe(428);
    const reinit = await run("PUT", "/vm/web01.lab/replica/dr1/reinit/");
    expect(result(reinit.end)).toMatchObject({ message: "Server replica was successfully reinitialized" });
    expect(result(await call("GET", "/vm/web01.lab/replica/dr1/"))).toMatchObject({
      node: "node01.lab",
      reinit_required: false,
      enabled: true,
    });
    expect((await call("PUT", "/vm/web01.lab/replica/dr1/reinit/")).body).toEqual({
      detail: "Reinitialization is not required",
    });
  });

  it("no master-node check: a failover works with the master's node down (the DR case)", async () => {
    lab.model.setNodeStatus("node01.lab", "unreachable");
    const { end } = await run("PUT", "/vm/web01.lab/replica/dr1/failover/");
    expect(end.status).toBe(200);
  });

  it("pending tasks: 409 without force; with force they are deleted once the failover succeeds", async () => {
    const t = lab.model.addPendingTask("web01.lab", "vm_snapshot", "POST");
    expect((await call("PUT", "/vm/web01.lab/replica/dr1/failover/")).body).toEqual({
      detail: "VM has pending tasks",
    });
    const { end } = await run("PUT", "/vm/web01.lab/replica/dr1/failover/", { force: true });
    expect(end.status).toBe(200);
    expect(lab.model.tasks.has(t.id)).toBe(false);
  });

  it("an unreserved replica without room on its node: 428 Not enough free resources on target node", async () => {
    lab.model.slave(lab.model.master("main", "web01.lab")!, "dr1")!.reserve = false;
    const node = lab.model.nodes.get("node02.lab")!;
    node.cpu = 1;
    expect((await call("PUT", "/vm/web01.lab/replica/dr1/failover/")).body).toEqual({
      detail: "Not enough free resources on target node",
    });
  });

  it("delete of a former master: destroy-clear", async () => {
    lab.model.failoverByHand("web01.lab", "dr1");
    const start = await call("DELETE", "/vm/web01.lab/replica/dr1/");
    expect(lab.model.tasks.get(String(start.body.task_id))?.command).toBe("esrep destroy-clear");
    await lab.settle();
    expect((await call("GET", `/task/${start.body.task_id}/status/`)).body.result).toMatchObject({
      message: "Server replica was successfully destroyed",
      last_sync: null,
      enabled: null,
    });
  });
});

describe("ES-STREAM (Danube's es client)", () => {
  function streamed(
    path: string,
    body: unknown,
  ): Promise<{ status: number; headers: Record<string, unknown>; raw: string }> {
    return new Promise((resolve, reject) => {
      const u = new URL(`${lab.url}${path}`);
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: "POST",
          headers: { "es-stream": "es", "es-api-key": lab.apiKey, "content-type": "application/json" },
        },
        (res) => {
          let raw = "";
          res.setEncoding("utf8").on("data", (d: string) => {
            raw += d;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, raw }));
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify(body));
    });
  }

  it("holds the connection: spaces, then the final status code on its own line and the task status", async () => {
    lab.taskMs = 150;
    const r = await streamed("/vm/web01.lab/replica/dr1/", { node: "node02.lab" });
    expect(r.status).toBe(201);
    expect(r.headers.es_stream).toBe("True");
    expect(String(r.headers.es_task_id)).toMatch(/^1e1d1-/);
    const m = /^( +)(\d+)\n(.*)$/s.exec(r.raw);
    expect(m).not.toBeNull();
    expect(m![2]).toBe("200");
    expect(JSON.parse(m![3]!)).toMatchObject({
      status: "SUCCESS",
      result: { message: "Server replica was successfully initialized" },
    });
    expect(lab.calls.at(-1)).toMatchObject({ operation: "vm_replica_create", stream: true, executed: true });
  });
});

describe("faults and the call log", () => {
  it("status-after: executed, then 503 — the call log says so", async () => {
    lab.faults.inject({ kind: "status-after", status: 503, commands: ["vm_replica_create"] });
    const r = await call("POST", "/vm/web01.lab/replica/dr1/", { body: { node: "node02.lab" } });
    expect(r.status).toBe(503);
    expect(lab.count("vm_replica_create")).toBe(1);
    expect(lab.calls.at(-1)).toMatchObject({
      operation: "vm_replica_create",
      fault: "status-after 503",
      executed: true,
    });
  });

  it("the inventory can be replaced; a replica needing reinit is a former master on another node", async () => {
    const inv = defaultDanubeInventory();
    expect(inv.replicas[0]).toMatchObject({ vm: "app01.lab", node: "node01.lab", reinitRequired: true });
    const other = await startDanubeLab({ inventory: { ...inv, replicas: [] } });
    try {
      expect(other.model.slaves).toEqual([]);
    } finally {
      await other.stop();
    }
  });
});
