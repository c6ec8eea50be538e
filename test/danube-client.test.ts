/**
 * The Danube Cloud client against the Danube lab: authentication (token from login, renewed when
 * Danube refuses it; API key), trailing slashes, dc in the query of reads and in the body of writes,
 * task envelopes and task polling, 205, Danube's errors in its own words, retries of reads only, and
 * batched reads.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DanubeLab, startDanubeLab } from "../lab/danube/index.ts";
import { DanubeClient } from "../provider/danube/client.ts";
import { danubeSettingsSchema } from "../provider/danube/settings.ts";
import { ApiError, type FerryError } from "../provider/engine/errors.ts";
import { resolveSettings } from "../provider/engine/settings.ts";

let lab: DanubeLab;

beforeEach(async () => {
  lab = await startDanubeLab({ taskMs: 60 });
});
afterEach(async () => {
  await lab.stop();
});

function login(): DanubeClient {
  return new DanubeClient(
    danubeSettingsSchema.parse({ api_url: lab.url, username: lab.username, password: lab.password }),
  );
}

function keyed(): DanubeClient {
  return new DanubeClient(danubeSettingsSchema.parse({ api_url: lab.url, api_key: lab.apiKey }));
}

const web = () => lab.model.master("main", "web01.lab")!;
const deadline = () => Date.now() + 10_000;

describe("settings", () => {
  it("ES_API_KEY as Danube's es reads it, and ES_API_URL; a login needs both username and password", () => {
    const s = resolveSettings(danubeSettingsSchema, {}, { ES_API_URL: lab.url, ES_API_KEY: "k" }, "danube");
    expect(s).toMatchObject({ api_url: lab.url, api_key: "k", replica_limit: 1, http_timeout: 60 });
    expect(() =>
      resolveSettings(danubeSettingsSchema, { api_url: lab.url, username: "admin" }, {}, "danube"),
    ).toThrow(/password: .*a login needs both username and password/);
    expect(() => resolveSettings(danubeSettingsSchema, { api_url: lab.url }, {}, "danube")).toThrow(
      /api_key: .*set api_key \(ES_API_KEY\), or username and password/,
    );
  });
});

describe("authentication", () => {
  it("logs in once, sends the token, and every path ends with a slash", async () => {
    const c = login();
    await c.getVm("web01.lab");
    await c.listReplicas("web01.lab");
    expect(lab.calls.map((x) => `${x.method} ${x.path} ${x.auth ?? ""}`)).toEqual([
      "POST /api/accounts/login/ ",
      "GET /api/vm/web01.lab/ token",
      "GET /api/vm/web01.lab/replica/?full=true token",
    ]);
  });

  it("a token Danube no longer takes (another login replaced it; it expired) → one new login, the call repeated", async () => {
    const c = login();
    await c.getVm("web01.lab");
    // someone else logs in as the same user: Danube replaces the token
    lab.model.login(lab.model.users.get(lab.username)!);
    expect((await c.getVm("web01.lab"))?.hostname).toBe("web01.lab");
    lab.model.expireTokens();
    expect((await c.getVm("web01.lab"))?.hostname).toBe("web01.lab");
    expect(lab.calls.filter((x) => x.operation === "login")).toHaveLength(3);
    expect(lab.calls.filter((x) => x.status === 403).map((x) => x.operation)).toEqual([
      "vm_manage",
      "vm_manage",
    ]);
  });

  it("an API key goes as ES-API-KEY, no login; a bad one is Danube's 403", async () => {
    await keyed().getVm("web01.lab");
    expect(lab.calls.map((x) => x.auth)).toEqual(["api-key"]);
    const bad = new DanubeClient(danubeSettingsSchema.parse({ api_url: lab.url, api_key: "nope" }));
    const e = await bad.getVm("web01.lab").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(403);
    expect((e as ApiError).apiMessage).toBe("Invalid API key");
  });

  it("a refused login says Danube's words and what to check", async () => {
    const c = new DanubeClient(
      danubeSettingsSchema.parse({ api_url: lab.url, username: "admin", password: "no" }),
    );
    const e = (await c.getVm("web01.lab").catch((x: unknown) => x)) as ApiError;
    expect(e.apiMessage).toBe("Unable to log in with provided credentials.");
    expect(e.fix).toMatch(/ES_USERNAME/);
  });
});

describe("reads", () => {
  it("dc goes in the query of a GET; an unknown dc is Danube's 404", async () => {
    const c = keyed();
    expect(await c.getVm("web01.lab", "lab-b")).toBeUndefined();
    expect(lab.calls.at(-1)?.path).toBe("/api/vm/web01.lab/?dc=lab-b");
    const e = (await c.getVm("web01.lab", "nope").catch((x: unknown) => x)) as ApiError;
    expect([e.status, e.apiMessage]).toEqual([404, "Datacenter not found"]);
  });

  it("missing objects read as undefined; the replicas of a VM, the VM's status with its tasks", async () => {
    const c = keyed();
    expect(await c.getVm("nope.lab")).toBeUndefined();
    expect(await c.listReplicas("nope.lab")).toBeUndefined();
    expect(await c.getReplica("web01.lab", "dr9")).toBeUndefined();
    expect((await c.listReplicas("app01.lab"))?.map((r) => [r.repname, r.node, r.reinit_required])).toEqual([
      ["dr1", "node01.lab", true],
    ]);
    const t = lab.model.addPendingTask("web01.lab", "vm_snapshot", "POST");
    expect((await c.getVmStatus("web01.lab"))?.tasks).toEqual({
      [t.id]: expect.objectContaining({ view: "vm_snapshot", method: "POST" }),
    });
    lab.model.release(t.id);
  });

  it("resources observed together share list calls: three VMs, one GET /vm/ and one GET /vm/status/", async () => {
    const c = keyed();
    const found = await Promise.all(["web01.lab", "db01.lab", "app01.lab"].map((h) => c.vmWithStatus(h)));
    expect(found.map((f) => [f.vm?.hostname, f.status?.hostname])).toEqual([
      ["web01.lab", "web01.lab"],
      ["db01.lab", "db01.lab"],
      ["app01.lab", "app01.lab"],
    ]);
    await Promise.all([c.nodesOf(), c.nodesOf()]);
    expect(lab.calls.map((x) => x.operation).sort()).toEqual(["node_list", "vm_list", "vm_status_list"]);
  });

  it("in one batch, a datacenter that fails fails only its own resources", async () => {
    const c = keyed();
    const [bad, good] = await Promise.allSettled([
      c.vmWithStatus("web01.lab", "nope"),
      c.vmWithStatus("db01.lab"),
    ]);
    expect(bad.status).toBe("rejected");
    expect(((bad as PromiseRejectedResult).reason as ApiError).apiMessage).toBe("Datacenter not found");
    expect(good.status === "fulfilled" && good.value.vm?.hostname).toBe("db01.lab");
  });

  it("reads are retried on 5xx and 429; a reset connection too", async () => {
    const c = keyed();
    lab.faults.inject({ kind: "status", status: 503, times: 2, commands: ["vm_manage"] });
    lab.faults.inject({ kind: "reset", times: 1, commands: ["vm_manage"] });
    expect((await c.getVm("web01.lab"))?.hostname).toBe("web01.lab");
    expect(lab.calls.filter((x) => x.operation === "vm_manage")).toHaveLength(4);
  });
});

describe("writes and tasks", () => {
  it("create: dc in the body, 201 and a task id, polled at /task/<id>/status/ to Danube's result", async () => {
    const c = keyed();
    const out = await c.createReplica(web().uuid, "dr1", { node: "node02.lab", sleep_time: 90 }, "main");
    expect(out).toEqual({ task: expect.stringMatching(/^1e1d1-/) });
    const create = lab.calls.at(-1)!;
    expect(create).toMatchObject({
      operation: "vm_replica_create",
      path: `/api/vm/${web().uuid}/replica/dr1/`,
      dc: "main",
    });
    // ferry never asks Danube to hold the connection (ES-STREAM)
    expect(create.stream).toBeUndefined();
    const progress: string[] = [];
    const result = await c.waitTask((out as { task: string }).task, {
      what: "vm_replica_create of web01.lab",
      deadline: deadline(),
      onProgress: (m) => progress.push(m),
    });
    expect(result).toMatchObject({ message: "Server replica was successfully initialized", sleep_time: 90 });
    expect(progress.at(-1)).toBe("Server replica was successfully initialized");
  });

  it("a failed task: JOB_FAILED with Danube's message and detail", async () => {
    const c = keyed();
    lab.model.failures.push({ operation: "vm_replica_create", returncode: 4, msg: "zfs recv failed" });
    const out = (await c.createReplica(web().uuid, "dr1", { node: "node02.lab" })) as { task: string };
    const e = (await c
      .waitTask(out.task, { what: "create", deadline: deadline() })
      .catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe("JOB_FAILED");
    expect(e.apiMessage).toBe(
      "Got bad return code (4) — Got bad return code (4). Error: repname='dr1', msg='zfs recv failed', rc=4",
    );
  });

  it("a reserve_resources-only update is done at once (205), its body not relied upon", async () => {
    const c = keyed();
    await c.waitTask(
      ((await c.createReplica(web().uuid, "dr1", { node: "node02.lab" })) as { task: string }).task,
      {
        what: "create",
        deadline: deadline(),
      },
    );
    expect(await c.updateReplica(web().uuid, "dr1", { reserve_resources: false })).toEqual({
      done: true,
      status: 205,
    });
  });

  it("Danube's refusals as ApiError in its own words: field errors, the lock, 423, 428", async () => {
    const c = keyed();
    const field = (await c
      .createReplica(web().uuid, "dr1", { node: "node01.lab" })
      .catch((x: unknown) => x)) as ApiError;
    expect([field.status, field.apiCode, field.apiMessage]).toEqual([
      400,
      "FAILURE",
      "node: Target node is the same as current node.",
    ]);
    await c.createReplica(web().uuid, "dr1", { node: "node02.lab" });
    await lab.settle();
    await c.updateReplica(web().uuid, "dr1", { sleep_time: 10 });
    const lock = (await c
      .updateReplica(web().uuid, "dr1", { sleep_time: 20 })
      .catch((x: unknown) => x)) as ApiError;
    expect(lock.apiMessage).toBe("Task did not acquire lock");
    await lab.settle();
    lab.model.setNodeStatus("node02.lab", "unreachable");
    const node = (await c.deleteReplica(web().uuid, "dr1").catch((x: unknown) => x)) as ApiError;
    expect([node.status, node.apiMessage]).toEqual([423, "Node is not operational"]);
    lab.model.setNodeStatus("node02.lab", "online");
    const reinit = (await c.reinit(web().uuid, "dr1").catch((x: unknown) => x)) as ApiError;
    expect([reinit.status, reinit.apiMessage]).toEqual([428, "Reinitialization is not required"]);
  });

  it("a write answered 5xx is ambiguous (never retried); a write refused with 429 is sent again", async () => {
    const c = keyed();
    lab.faults.inject({ kind: "status-after", status: 502, commands: ["vm_replica_create"] });
    const e = (await c
      .createReplica(web().uuid, "dr1", { node: "node02.lab" })
      .catch((x: unknown) => x)) as FerryError;
    expect(e.code).toBe("AMBIGUOUS_WRITE");
    expect(lab.calls.filter((x) => x.operation === "vm_replica_create")).toHaveLength(1);
    await lab.settle();
    lab.faults.inject({ kind: "ratelimit", retryAfterSeconds: 0, commands: ["vm_replica_update"] });
    expect(await c.updateReplica(web().uuid, "dr1", { sleep_time: 5 })).toMatchObject({
      task: expect.any(String),
    });
    expect(lab.calls.filter((x) => x.operation === "vm_replica_update").map((x) => x.status)).toEqual([
      429, 201,
    ]);
  });

  it("writes address the VM by UUID: after a failover the old UUID is no longer a master", async () => {
    const c = keyed();
    const old = web().uuid;
    await c.createReplica(old, "dr1", { node: "node02.lab" });
    await lab.settle();
    lab.model.failoverByHand("web01.lab", "dr1");
    const e = (await c.failover(old, "dr1", false).catch((x: unknown) => x)) as ApiError;
    expect([e.status, e.apiMessage]).toEqual([404, "VM not found"]);
  });

  it("a task Danube no longer knows has ended: the wait returns", async () => {
    const c = keyed();
    expect(
      await c.waitTask("1e1d1-00000000-0000-0000-0000", { what: "x", deadline: deadline() }),
    ).toBeUndefined();
  });
});
