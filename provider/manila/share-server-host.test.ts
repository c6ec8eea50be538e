/** Planner tables for manila_share_server_host: every path's steps and every blocker (pure: no I/O). */
import { describe, expect, it } from "vitest";
import { ApiError } from "../engine/errors.ts";
import { planSequence } from "../engine/plan.ts";
import { parseSpec } from "../engine/resource.ts";
import type { ShareServer } from "./api.ts";
import {
  nextShareServerHostDestroy,
  type ShareServerHostObserved,
  type ShareServerHostSpec,
  shareServerHost,
} from "./share-server-host.ts";

const SRC = "21edf01e-575e-43c0-9c34-1a10237013bf";
const DST = "c75d6538-22c0-4d78-9444-9132c6414ddb";
const NET = "49674223-f815-4332-b4ee-3029a3373521";

function spec(extra: Record<string, unknown> = {}): ShareServerHostSpec {
  return parseSpec(shareServerHost, { share_server_id: SRC, host: "manila-peer@dummy2", ...extra });
}
function srv(patch: Partial<ShareServer> = {}): ShareServer {
  return {
    id: SRC,
    status: "active",
    host: "manila-peer@dummy1",
    share_network_id: NET,
    task_state: null,
    ...patch,
  };
}
function dst(patch: Partial<ShareServer> = {}): ShareServer {
  return {
    id: DST,
    status: "server_migrating_to",
    host: "manila-peer@dummy2",
    source_share_server_id: SRC,
    ...patch,
  };
}
const compatible = {
  ok: true as const,
  result: {
    compatible: true,
    requested_capabilities: {
      writable: true,
      nondisruptive: false,
      preserve_snapshots: true,
      share_network_id: null,
      host: "manila-peer@dummy2",
    },
    supported_capabilities: {
      writable: true,
      nondisruptive: false,
      preserve_snapshots: true,
      share_network_id: NET,
      migration_cancel: true,
      migration_get_progress: true,
    },
  },
};
function observed(patch: Partial<ShareServerHostObserved> = {}): ShareServerHostObserved {
  return { current: srv(), destination: undefined, leftovers: [], check: compatible, ...patch };
}
function ops(s: ShareServerHostSpec, o: ShareServerHostObserved, destroy = false) {
  const plan = planSequence(s, o, destroy ? nextShareServerHostDestroy : shareServerHost.next);
  return {
    steps: plan.steps.map((x) => `${x.step.action}:${x.step.operation}`),
    blockers: plan.blockers,
    warnings: plan.warnings,
    plan,
  };
}

describe("plan", () => {
  it.each<[string, Record<string, unknown>, Partial<ShareServerHostObserved>, string[]]>([
    ["already on host", { host: "manila-peer@dummy1" }, {}, []],
    ["phase 1 only (complete = false)", {}, {}, ["call:migration_start", "wait:migration_start"]],
    [
      "both phases",
      { complete: true },
      {},
      ["call:migration_start", "wait:migration_start", "call:migration_complete", "wait:migration_complete"],
    ],
    [
      "adopt phase 1 in flight",
      {},
      {
        current: srv({ status: "server_migrating", task_state: "migration_driver_in_progress" }),
        destination: dst({ task_state: "migration_driver_in_progress" }),
        check: undefined,
      },
      ["wait:migration_start"],
    ],
    [
      "adopt a start before the destination exists",
      { complete: true },
      { current: srv({ status: "server_migrating", task_state: "migration_starting" }), check: undefined },
      ["wait:migration_start", "call:migration_complete", "wait:migration_complete"],
    ],
    [
      "phase 1 done, complete = false",
      {},
      {
        current: srv({ status: "server_migrating", task_state: "migration_driver_phase1_done" }),
        destination: dst({ task_state: "migration_driver_phase1_done" }),
      },
      [],
    ],
    [
      "phase 1 done, complete = true",
      { complete: true },
      {
        current: srv({ status: "server_migrating", task_state: "migration_driver_phase1_done" }),
        destination: dst({ task_state: "migration_driver_phase1_done" }),
      },
      ["call:migration_complete", "wait:migration_complete"],
    ],
    [
      "completing in flight",
      { complete: true },
      {
        current: srv({ status: "server_migrating", task_state: "migration_completing" }),
        destination: dst({ task_state: "migration_completing" }),
      },
      ["wait:migration_complete"],
    ],
    [
      "moved: the destination serves",
      {},
      { current: dst({ status: "active", task_state: "migration_success" }) },
      [],
    ],
    [
      "a cancelled move left a destination behind",
      {},
      {
        current: srv({ task_state: "migration_cancelled" }),
        leftovers: [
          dst({
            id: "c89d02cb-c7e2-4b87-9f54-60ba5e9f8ce3",
            status: "inactive",
            task_state: "migration_cancelled",
          }),
        ],
        check: undefined,
      },
      ["call:reset_status", "call:delete_share_server", "call:migration_start", "wait:migration_start"],
    ],
    [
      "a cancel in flight",
      {},
      {
        current: srv({ status: "server_migrating", task_state: "migration_cancel_in_progress" }),
        destination: dst(),
        check: undefined,
      },
      [
        "wait:migration_cancel",
        "call:reset_status",
        "call:delete_share_server",
        "call:migration_start",
        "wait:migration_start",
      ],
    ],
  ])("%s", (_name, input, o, expected) => {
    expect(ops(spec(input), observed(o)).steps).toEqual(expected);
  });

  it("the completion is a disruption and the start sends every flag and new_share_network_id null", () => {
    const r = ops(spec({ complete: true }), observed());
    // The disruption, then the window no API field can record (a queued switch-over).
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/reconnect/);
    expect(r.warnings[1]).toMatch(
      /^migration_complete: Manila queues migration_complete .* no API field can record it/,
    );
    expect(r.warnings[1]).toContain("manila share-server-show");
    expect(r.plan.steps[0]?.step.request).toBe(
      `POST /v2/share-servers/${SRC}/action {"migration_start":{"host":"manila-peer@dummy2","writable":true,"nondisruptive":false,"preserve_snapshots":true,"new_share_network_id":null}}`,
    );
    expect(r.plan.final.current?.host).toBe("manila-peer@dummy2");
    expect(r.plan.final.current?.task_state).toBe("migration_success");
  });

  it("same host, new share network: a move", () => {
    const other = "58b42231-d5bb-4c63-ab66-5ffcaa9fcaf0";
    expect(ops(spec({ host: "manila-peer@dummy1", new_share_network_id: other }), observed()).steps).toEqual([
      "call:migration_start",
      "wait:migration_start",
    ]);
  });
});

function apiErr(status: number, kind: string, message: string) {
  return {
    ok: false as const,
    error: new ApiError({
      backend: "Manila",
      operation: "migration_check",
      status,
      apiCode: kind,
      apiMessage: message,
    }),
  };
}

describe("blockers", () => {
  it.each<[string, Record<string, unknown>, Partial<ShareServerHostObserved>, string, string | undefined]>([
    ["server not found", {}, { current: undefined }, "NOT_FOUND", "share_server_id"],
    [
      "unknown host",
      {},
      {
        check: apiErr(
          404,
          "itemNotFound",
          "ServiceNotFound: Service nosuchhost@nosuchbackend could not be found.",
        ),
      },
      "UNKNOWN_HOST",
      "host",
    ],
    [
      "same host and network",
      {},
      {
        check: apiErr(
          409,
          "conflictingRequest",
          "Invalid share server: There is no difference between source and destination backends and between source and destination share networks. Share server migration will not proceed.",
        ),
      },
      "MIGRATION_REFUSED",
      "host",
    ],
    [
      "unknown share network",
      { new_share_network_id: "00000000-0000-0000-0000-000000000000" },
      { check: apiErr(400, "badRequest", "Share network 00000000-0000-0000-0000-000000000000 not found.") },
      "MIGRATION_REFUSED",
      "new_share_network_id",
    ],
    [
      "incompatible (nondisruptive)",
      { nondisruptive: true },
      {
        check: {
          ok: true,
          result: {
            ...compatible.result,
            compatible: false,
            requested_capabilities: { ...compatible.result.requested_capabilities, nondisruptive: true },
            supported_capabilities: {
              writable: false,
              nondisruptive: false,
              preserve_snapshots: false,
              share_network_id: null,
              migration_cancel: false,
              migration_get_progress: false,
            },
          },
        },
      },
      "INCOMPATIBLE",
      "writable",
    ],
    ["server not active", {}, { current: srv({ status: "creating" }) }, "SERVER_STATUS", undefined],
    [
      "failed move (migration_error)",
      {},
      { current: srv({ task_state: "migration_error" }) },
      "MIGRATION_ERROR",
      undefined,
    ],
    [
      "phase-2 error",
      {},
      { current: srv({ status: "error", task_state: "migration_error" }) },
      "MIGRATION_ERROR",
      undefined,
    ],
    [
      "a move to another host in flight",
      {},
      {
        current: srv({ status: "server_migrating", task_state: "migration_driver_in_progress" }),
        destination: dst({ host: "manila-peer@dummy3" }),
      },
      "MIGRATION_ELSEWHERE",
      "host",
    ],
    ["encrypted", {}, { current: srv({ encryption_key_ref: "barbican://x" }) }, "ENCRYPTED", undefined],
  ])("%s", (_name, input, o, code, attribute) => {
    const r = ops(spec(input), observed(o));
    expect(r.steps).toEqual([]);
    expect(r.blockers.map((b) => b.code)).toEqual([code]);
    expect(r.blockers[0]?.attribute).toBe(attribute);
  });

  it("incompatible shows requested vs supported and the migration_error fix names reset_task_state", () => {
    const r = ops(
      spec({ nondisruptive: true }),
      observed({
        check: {
          ok: true,
          result: {
            ...compatible.result,
            compatible: false,
            requested_capabilities: { ...compatible.result.requested_capabilities, nondisruptive: true },
          },
        },
      }),
    );
    expect(r.blockers[0]?.message).toMatch(
      /Requested: .*nondisruptive=true.*Supported: .*nondisruptive=false/,
    );
    expect(r.blockers[0]?.attribute).toBe("nondisruptive");
    const e = ops(spec(), observed({ current: srv({ task_state: "migration_error" }) }));
    expect(e.blockers[0]?.fix).toMatch(/reset_task_state/);
  });
});

describe("destroy", () => {
  it.each<[string, Partial<ShareServerHostObserved>, string[]]>([
    ["nothing in flight: forget", {}, []],
    [
      "phase 1 running: cancel, await, clean up",
      {
        current: srv({ status: "server_migrating", task_state: "migration_driver_in_progress" }),
        destination: dst(),
      },
      ["call:migration_cancel", "wait:migration_cancel", "call:reset_status", "call:delete_share_server"],
    ],
    [
      "too early to cancel: await the driver first",
      { current: srv({ status: "server_migrating", task_state: "migration_in_progress" }) },
      ["wait:migration_start", "call:migration_cancel", "wait:migration_cancel"],
    ],
    [
      "phase 1 done: cancel",
      {
        current: srv({ status: "server_migrating", task_state: "migration_driver_phase1_done" }),
        destination: dst(),
      },
      ["call:migration_cancel", "wait:migration_cancel", "call:reset_status", "call:delete_share_server"],
    ],
    [
      "a leftover only",
      { current: srv({ task_state: "migration_cancelled" }), leftovers: [dst({ status: "inactive" })] },
      ["call:reset_status", "call:delete_share_server"],
    ],
    ["gone", { current: undefined }, []],
  ])("%s", (_name, o, expected) => {
    expect(ops(spec(), observed(o), true).steps).toEqual(expected);
  });

  it("the cancel warns of the window no API field can record, naming the task_state to wait past", () => {
    const r = ops(
      spec(),
      observed({
        current: srv({ status: "server_migrating", task_state: "migration_driver_phase1_done" }),
        destination: dst(),
      }),
      true,
    );
    expect(r.warnings).toEqual([
      expect.stringMatching(
        /^migration_cancel: Manila queues migration_cancel .* no API field can record it/,
      ),
    ]);
    expect(r.warnings[0]).toContain(
      `manila share-server-show ${SRC}\` shows a task_state other than migration_driver_phase1_done`,
    );
  });
});

describe("inputs", () => {
  it.each<[Record<string, unknown>, string, RegExp]>([
    [{ host: "manila-peer@dummy2#pool" }, "host", /pool/],
    [{ host: "manila-peer" }, "host", /host@backend/],
    [{ writable: "maybe" }, "writable", /boolean/i],
    [{ nondisruptive: "yes" }, "nondisruptive", /boolean/i],
    [{ preserve_snapshots: 1 }, "preserve_snapshots", /boolean/i],
    [{ complete: "true" }, "complete", /boolean/i],
    [{ share_server_id: "nope" }, "share_server_id", /UUID/],
    [{ new_share_network_id: "x" }, "new_share_network_id", /UUID/],
  ])("%j is refused naming %s", (input, attribute, message) => {
    let err: unknown;
    try {
      spec(input);
    } catch (e) {
      err = e;
    }
    const issues = (err as { issues?: { path: string[]; message: string }[] }).issues ?? [];
    expect(issues.map((i) => i.path[0])).toContain(attribute);
    expect(issues.find((i) => i.path[0] === attribute)?.message).toMatch(message);
  });
});

describe("observe", () => {
  it("a move started between the read and migration_check is observed again, not blocked", async () => {
    // The first read shows the server active; before ferry's migration_check arrives, a move starts
    // (by hand, or the killed run's migration_start lands): Manila answers the check 409.
    let started = false;
    let reads = 0;
    const client = {
      servers: {
        async get() {
          reads++;
          return started ? srv({ status: "server_migrating", task_state: "migration_in_progress" }) : srv();
        },
      },
      serversFrom: {
        async get() {
          return [];
        },
      },
      async migrationProgress() {
        return undefined;
      },
      async migrationCheck() {
        started = true;
        return {
          ok: false as const,
          error: new ApiError({
            backend: "manila",
            operation: "migration_check",
            status: 409,
            apiMessage: `Invalid share server: Share server ${SRC} status must be active, but current status is: server_migrating.`,
          }),
        };
      },
    };
    const o = await shareServerHost.observe(client as never, spec(), undefined as never);
    expect(reads).toBe(2);
    expect(o.check).toBeUndefined();
    expect(shareServerHost.next(spec(), o)).toMatchObject({ kind: "step", step: { action: "wait" } });
  });
});
