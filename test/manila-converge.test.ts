/**
 * manila_share_server_host against the Manila lab: the two phases (complete = false stops at phase 1,
 * complete = true finishes and the resource follows the destination), a migration found in flight
 * adopted, a killed run resumed, injected faults, destroy with cancel + cleanup, Keystone auth, and bad
 * inputs — counting in the lab's call log that no migration action runs twice.
 */
import { type ChildEvent, runChildUntil as runChild } from "./support/run-child.ts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LAB_IDS, type ManilaLab, startManilaLab } from "../lab/manila/index.ts";
import type { LabShare, MigrationRequest } from "../lab/manila/model.ts";
import { FerryError, PlanBlockedError } from "../provider/engine/errors.ts";
import { applyResource, parseSpec, planResource, readResource } from "../provider/engine/resource.ts";
import { ManilaClient } from "../provider/manila/client.ts";
import { manilaSettingsSchema } from "../provider/manila/settings.ts";
import { shareServerHost } from "../provider/manila/share-server-host.ts";

const SRC = LAB_IDS.server;
const move = { share_server_id: SRC, host: "manila-peer@dummy2" };
/** A move started around ferry (by hand, or by another tool). */
const BY_HAND: MigrationRequest = {
  host: "manila-peer@dummy2",
  writable: true,
  nondisruptive: false,
  preserve_snapshots: true,
  new_share_network_id: null,
};
const ACTIONS = [
  "migration_check",
  "migration_start",
  "migration_complete",
  "migration_cancel",
  "reset_status",
  "delete_share_server",
];

let lab: ManilaLab;
let client: ManilaClient;

function fixedSettings() {
  return { endpoint: lab.url, token: lab.token };
}

beforeEach(async () => {
  lab = await startManilaLab({ stepMs: 40 });
  client = new ManilaClient(manilaSettingsSchema.parse(fixedSettings()));
});
afterEach(async () => {
  await lab.stop();
});

function counts(): Record<string, number> {
  return Object.fromEntries(ACTIONS.map((a) => [a, lab.count(a)]).filter(([, n]) => (n as number) > 0));
}

async function planOps(input: Record<string, unknown>, destroy = false): Promise<string[]> {
  const { plan } = await planResource(shareServerHost, client, parseSpec(shareServerHost, input), {
    destroy,
  });
  if (plan.blockers.length) throw new PlanBlockedError("test", plan.blockers);
  return plan.steps.map((s) => `${s.step.action}:${s.step.operation}`);
}

function apply(input: Record<string, unknown>, destroy = false) {
  return applyResource(shareServerHost, client, parseSpec(shareServerHost, input), {
    phase: destroy ? "delete" : "update",
    destroy,
  });
}

describe("two phases", () => {
  it("complete = false stops at phase 1; complete = true finishes; the resource follows the destination", async () => {
    expect(await planOps(move)).toEqual(["call:migration_start", "wait:migration_start"]);
    const first = await apply(move);
    expect(first.ran.map((s) => s.operation)).toEqual(["migration_start", "migration_start"]);
    expect(first.outputs).toMatchObject({
      current_share_server_id: SRC,
      status: "server_migrating",
      task_state: "migration_driver_phase1_done",
      total_progress: 100,
      ready_to_complete: true,
    });
    const destination = first.outputs.destination_share_server_id;
    expect(destination).toMatch(/^[0-9a-f-]{36}$/);
    expect(await planOps(move)).toEqual([]);

    const finish = { ...move, complete: true };
    const { plan } = await planResource(shareServerHost, client, parseSpec(shareServerHost, finish));
    expect(plan.steps.map((s) => s.step.operation)).toEqual(["migration_complete", "migration_complete"]);
    expect(plan.warnings.join(" ")).toMatch(/reconnect/);
    const second = await apply(finish);
    expect(second.outputs).toMatchObject({
      current_share_server_id: destination,
      current_host: "manila-peer@dummy2",
      status: "active",
      task_state: "migration_success",
      ready_to_complete: false,
    });
    await lab.settle();
    expect(lab.model.servers.has(SRC)).toBe(false);
    // Read and import still work with the source id once the source is deleted.
    const read = await readResource(shareServerHost, client, parseSpec(shareServerHost, finish));
    expect(read.inSync).toBe(true);
    expect(read.outputs.current_share_server_id).toBe(destination);
    expect(
      await shareServerHost.importSpec(client, SRC, (await import("../provider/engine/log.ts")).silentLogger),
    ).toMatchObject({
      share_server_id: SRC,
      host: "manila-peer@dummy2",
    });
    // One migration_check at plan time, one in the first observation of the apply.
    expect(counts()).toEqual({ migration_check: 2, migration_start: 1, migration_complete: 1 });
  });

  it("a move found in flight is adopted and awaited, never started again", async () => {
    const src = lab.model.servers.get(SRC)!;
    lab.model.start(src, BY_HAND);
    const r = await apply({ ...move, complete: true });
    // The switch-over's own wait runs only when the share service has not finished it by the time
    // the call returns (the call itself waits until the service takes the request).
    expect(r.ran.map((s) => `${s.action}:${s.operation}`).slice(0, 2)).toEqual([
      "wait:migration_start",
      "call:migration_complete",
    ]);
    expect(r.ran.filter((s) => s.action === "call").map((s) => s.operation)).toEqual(["migration_complete"]);
    expect(lab.count("migration_start")).toBe(0);
    expect(r.outputs.current_host).toBe("manila-peer@dummy2");
  });

  it("a start accepted with 202 and failed later (nondisruptive) is reported with what to do", async () => {
    const src = lab.model.servers.get(SRC)!;
    lab.model.start(src, { ...BY_HAND, nondisruptive: true });
    const err = await apply(move).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FerryError);
    expect((err as FerryError).code).toBe("JOB_FAILED");
    expect((err as FerryError).fix).toMatch(/reset_task_state/);
    const blocked = await planOps(move).catch((e: unknown) => e);
    expect((blocked as PlanBlockedError).blockers.map((b) => b.code)).toEqual(["MIGRATION_ERROR"]);
  });
});

describe("blocked at plan time by migration_check", () => {
  it.each<[Record<string, unknown>, string, string | undefined]>([
    [{ host: "nosuchhost@nosuchbackend" }, "UNKNOWN_HOST", "host"],
    [{ host: "manila-peer@dummy1" }, "", undefined],
    [{ nondisruptive: true }, "INCOMPATIBLE", "nondisruptive"],
    [
      { new_share_network_id: "00000000-0000-0000-0000-000000000000" },
      "MIGRATION_REFUSED",
      "new_share_network_id",
    ],
  ])("%j", async (extra, code, attribute) => {
    const r = await planResource(shareServerHost, client, parseSpec(shareServerHost, { ...move, ...extra }));
    if (!code) {
      expect(r.plan.steps).toEqual([]);
      expect(r.plan.blockers).toEqual([]);
      return;
    }
    expect(r.plan.blockers.map((b) => [b.code, b.attribute])).toEqual([[code, attribute]]);
    expect(lab.count("migration_start")).toBe(0);
  });

  it.each<[string, Partial<LabShare>, RegExp]>([
    ["a soft-deleted share", { soft_deleted: true }, /has at least one share that has been soft deleted/],
    ["a share in a share group", { share_group_id: "g1" }, /related to a share group/],
    [
      "a share not available",
      { status: "extending" },
      /status must be available, but current status is: extending/,
    ],
    ["a share with replicas", { has_replicas: true }, /has replicas\. Remove the replicas/],
    [
      "a snapshot not available",
      { snapshots: ["available", "creating"] },
      /All snapshots must have 'available' status/,
    ],
    ["access rules in error", { access_rules_status: "error" }, /access rules status must not be in error/],
  ])("Manila's precondition: %s blocks the plan in Manila's words", async (_name, patch, message) => {
    Object.assign(lab.model.shares.get(LAB_IDS.share)!, patch);
    const r = await planResource(shareServerHost, client, parseSpec(shareServerHost, move));
    expect(r.plan.blockers.map((b) => b.code)).toEqual(["MIGRATION_REFUSED"]);
    expect(r.plan.blockers[0]?.message).toMatch(message);
    expect(r.plan.steps).toEqual([]);
    expect(lab.count("migration_start")).toBe(0);
  });

  it("same host and same network is refused with Manila's own words (an idle server on another host)", async () => {
    lab.model.addServer({
      id: "0b5e3c1a-1111-4222-8333-444455556666",
      host: "manila-peer@dummy2",
      withShare: true,
    });
    const r = await planResource(
      shareServerHost,
      client,
      parseSpec(shareServerHost, {
        share_server_id: "0b5e3c1a-1111-4222-8333-444455556666",
        host: "manila-peer@dummy2",
      }),
    );
    expect(r.plan.steps).toEqual([]);
  });
});

describe("a switch-over the share service does not take", () => {
  it("times out saying the request is queued in Manila and a rerun would send it again; sent once", async () => {
    lab.model.manual = true;
    const src = lab.model.servers.get(SRC)!;
    lab.model.start(src, BY_HAND);
    for (let i = 0; i < 10 && src.task_state !== "migration_driver_phase1_done"; i++) lab.model.advance();
    // The share service never takes the request: the lab's clock is stopped.
    const err = await apply({ ...move, complete: true, timeouts: { update: "2s" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FerryError);
    expect((err as FerryError).code).toBe("TIMEOUT");
    expect((err as FerryError).message).toMatch(/accepted migration_complete .* has not acted on it yet/);
    expect((err as FerryError).fix).toMatch(/would send migration_complete again/);
    expect(lab.count("migration_complete")).toBe(1);
  });
});

describe("destroy", () => {
  it("cancels a move in flight and cleans up the inactive destination Manila leaves behind", async () => {
    await apply(move);
    expect(await planOps(move, true)).toEqual([
      "call:migration_cancel",
      "wait:migration_cancel",
      "call:reset_status",
      "call:delete_share_server",
    ]);
    const r = await apply(move, true);
    expect(r.ran.filter((s) => s.action === "call").map((s) => s.operation)).toEqual([
      "migration_cancel",
      "reset_status",
      "delete_share_server",
    ]);
    await lab.settle();
    expect([...lab.model.servers.values()].map((s) => [s.id, s.status, s.task_state])).toEqual([
      [SRC, "active", "migration_cancelled"],
    ]);
    expect(await planOps(move, true)).toEqual([]);
  });

  it("without a move in flight it forgets", async () => {
    expect(await planOps(move, true)).toEqual([]);
  });
});

describe("refresh of many resources together", () => {
  it("shares two list calls (servers, then destinations) instead of two calls per resource", async () => {
    const ids = Array.from(
      { length: 40 },
      () => lab.model.addServer({ host: "manila-peer@dummy1", withShare: true }).id,
    );
    lab.clearCalls();
    const reads = await Promise.all(
      ids.map((id) =>
        readResource(
          shareServerHost,
          client,
          parseSpec(shareServerHost, { share_server_id: id, host: "manila-peer@dummy1" }),
        ),
      ),
    );
    expect(reads.map((r) => r.outputs.current_share_server_id)).toEqual(ids);
    expect(reads.every((r) => r.inSync)).toBe(true);
    expect(lab.calls.map((c) => c.operation)).toEqual(["list_share_servers", "list_share_servers"]);
  });

  it("one resource alone reads its own server, not the whole list", async () => {
    lab.clearCalls();
    await readResource(
      shareServerHost,
      client,
      parseSpec(shareServerHost, { share_server_id: SRC, host: "manila-peer@dummy1" }),
    );
    expect(lab.calls.map((c) => [c.operation, c.path.includes("source_share_server_id")])).toEqual([
      ["show_share_server", false],
      ["list_share_servers", true],
    ]);
  });
});

describe("faults", () => {
  it("reads ride out 503, 429 and resets", async () => {
    lab.faults.inject({ kind: "status", status: 503, commands: ["show_share_server"] });
    lab.faults.inject({ kind: "ratelimit", retryAfterSeconds: 0, commands: ["list_share_servers"] });
    lab.faults.inject({ kind: "reset", commands: ["migration_check"] });
    expect(await planOps(move)).toEqual(["call:migration_start", "wait:migration_start"]);
  });

  it("a start answered 503 after it took effect: observed, adopted, not sent twice", async () => {
    lab.faults.inject({ kind: "status-after", status: 503, commands: ["migration_start"] });
    const r = await apply(move);
    expect(lab.count("migration_start")).toBe(1);
    expect(r.outputs.ready_to_complete).toBe(true);
  });

  it("a connection reset before the start: nothing happened, the start is sent once more", async () => {
    lab.faults.inject({ kind: "reset", commands: ["migration_start"] });
    const r = await apply(move);
    expect(lab.count("migration_start")).toBe(1);
    expect(r.outputs.ready_to_complete).toBe(true);
  });

  it("latency does not change the outcome", async () => {
    lab.faults.inject({ kind: "latency", ms: 30, times: 5 });
    const r = await apply(move);
    expect(r.outputs.ready_to_complete).toBe(true);
  });
});

describe("auth", () => {
  it("Keystone v3 password auth finds the sharev2 endpoint in the catalog", async () => {
    const k = new ManilaClient(
      manilaSettingsSchema.parse({
        auth_url: lab.authUrl,
        username: lab.username,
        password: lab.password,
        project_name: "admin",
      }),
    );
    const r = await planResource(shareServerHost, k, parseSpec(shareServerHost, move));
    expect(r.plan.steps.map((s) => s.step.operation)).toEqual(["migration_start", "migration_start"]);
    expect(lab.count("keystone_auth")).toBe(1);
  });

  it("a wrong password is a clear error", async () => {
    const k = new ManilaClient(
      manilaSettingsSchema.parse({
        auth_url: lab.authUrl,
        username: lab.username,
        password: "wrong",
        project_name: "admin",
      }),
    );
    const err = await planResource(shareServerHost, k, parseSpec(shareServerHost, move)).catch(
      (e: unknown) => e,
    );
    expect((err as FerryError).message).toMatch(/Keystone authentication failed \(HTTP 401/);
    expect((err as FerryError).message).not.toContain("wrong");
  });

  it("settings name what is missing", () => {
    const r = manilaSettingsSchema.safeParse({ endpoint: lab.url });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/auth_url/);
  });
});

/** Run converge in a child process against the lab and SIGKILL it when `killWhen` matches an event. */
function runChildUntil(input: Record<string, unknown>, killWhen: (ev: ChildEvent) => boolean) {
  return runChild("manila_share_server_host", input, killWhen, {
    env: { LAB_SETTINGS: JSON.stringify(fixedSettings()) },
  });
}

describe("crash and resume", () => {
  it("killed while awaiting phase 1: the rerun adopts the move and never starts it again", async () => {
    lab.stepMs = 400;
    const { killed } = await runChildUntil(
      { ...move, complete: true },
      (ev) => ev.event === "progress" && ev.operation === "migration_start",
    );
    expect(killed).toBe(true);
    expect(lab.count("migration_start")).toBe(1);
    lab.stepMs = 40;
    const r = await apply({ ...move, complete: true });
    // The rerun begins by awaiting what the killed run left in flight (phase 1, or on a slow machine
    // the switch-over it had already asked for); it never starts the move again.
    expect(r.ran[0]?.action).toBe("wait");
    expect(counts()).toMatchObject({ migration_start: 1, migration_complete: 1 });
    expect(r.outputs.current_host).toBe("manila-peer@dummy2");
  });
});
