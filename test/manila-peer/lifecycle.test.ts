/**
 * manila_share_server_host against a real OpenStack Manila (Debian's 15.1 packages, dummy driver, two
 * back ends that handle share servers): migration_check at plan time (compatible and not), the two
 * phases with progress, the resource following the destination, cancel with the left-behind
 * destination cleaned up, a move started by hand adopted, a start accepted and failed later, and a run
 * killed in flight then resumed — counting through a recording proxy that no migration_start is sent
 * twice.
 *
 * Each test moves its own share server (one share on its own share network), so the tests do not
 * depend on each other's leftovers.
 */
import { type ChildEvent, runChildUntil as runChild } from "../support/run-child.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FerryError, PlanBlockedError } from "../../provider/engine/errors.ts";
import type { Progress } from "../../provider/engine/kind.ts";
import { silentLogger } from "../../provider/engine/log.ts";
import { applyResource, parseSpec, planResource, readResource } from "../../provider/engine/resource.ts";
import { ManilaClient } from "../../provider/manila/client.ts";
import { manilaSettingsSchema } from "../../provider/manila/settings.ts";
import { shareServerHost } from "../../provider/manila/share-server-host.ts";
import { ManilaPeer, peer, RecordingProxy, type ShareOnServer } from "./peer.ts";

const MOVE_S = 240_000;
/** Actions that only read (POSTed to /action like the writes). */
const READ_ACTIONS = ["migration_check", "migration_get_progress"];

describe.skipIf(!peer.available)("manila_share_server_host against a real Manila", () => {
  let manila: ManilaPeer;
  let proxy: RecordingProxy;
  let client: ManilaClient;
  const fixtures: Record<string, ShareOnServer> = {};

  const settings = () => ({ endpoint: proxy.url, token: manila.token });

  beforeAll(async () => {
    manila = await ManilaPeer.start();
    proxy = await RecordingProxy.start(manila.endpoint);
    client = new ManilaClient(manilaSettingsSchema.parse(settings()));
    await manila.createShareType();
    // Share servers are created one per (share network, back end): one share per test, made up front
    // and in parallel (each takes a few seconds of the dummy driver's delays).
    const names = ["check", "phases", "cancel", "adopt", "failed", "crash", "crash-start", "lost", "refused"];
    const made = await Promise.all(names.map((n) => manila.createShareOnNewServer(`ferry-${n}`)));
    names.forEach((n, i) => {
      fixtures[n] = made[i] as ShareOnServer;
    });
  }, 400_000);

  afterAll(async () => {
    await proxy?.stop();
    await manila?.stop();
  }, 120_000);

  function fixture(name: string): ShareOnServer {
    const f = fixtures[name];
    if (!f) throw new Error(`no fixture ${name}`);
    return f;
  }

  function moveOf(f: ShareOnServer, extra: Record<string, unknown> = {}) {
    return { share_server_id: f.serverId, host: f.other, ...extra };
  }

  async function plan(input: Record<string, unknown>, destroy = false) {
    return (await planResource(shareServerHost, client, parseSpec(shareServerHost, input), { destroy })).plan;
  }

  function apply(input: Record<string, unknown>, destroy = false, onProgress?: (p: Progress) => void) {
    return applyResource(shareServerHost, client, parseSpec(shareServerHost, input), {
      phase: destroy ? "delete" : "update",
      destroy,
      onProgress,
    });
  }

  function writesFor(serverIds: string[]): string[] {
    return proxy.writes
      .filter((w) => serverIds.some((id) => w.path.includes(id)) && !READ_ACTIONS.includes(w.action))
      .map((w) => `${w.action}:${w.status}`);
  }

  /** Runs converge in a child process through the proxy and SIGKILLs it when `killWhen` matches. */
  function runChildUntil(input: Record<string, unknown>, killWhen: (ev: ChildEvent) => boolean) {
    return runChild("manila_share_server_host", input, killWhen, {
      env: { LAB_SETTINGS: JSON.stringify(settings()) },
      timeoutMs: 120_000,
    });
  }

  describe("migration_check at plan time", () => {
    it("compatible: the plan is start + await phase 1, nothing runs", async () => {
      const f = fixture("check");
      const p = await plan(moveOf(f));
      expect(p.blockers).toEqual([]);
      expect(p.steps.map((s) => `${s.step.action}:${s.step.operation}`)).toEqual([
        "call:migration_start",
        "wait:migration_start",
      ]);
      expect(writesFor([f.serverId])).toEqual([]);
    });

    it.each<[string, (f: ShareOnServer) => Record<string, unknown>, string, string | undefined, RegExp]>([
      [
        "nondisruptive the driver cannot do",
        (f) => moveOf(f, { nondisruptive: true }),
        "INCOMPATIBLE",
        "nondisruptive",
        /Requested: .*nondisruptive=true.*Supported: .*nondisruptive=false/,
      ],
      [
        "a host Manila does not run",
        (f) => moveOf(f, { host: "nosuchhost@nosuchbackend" }),
        "UNKNOWN_HOST",
        "host",
        /ServiceNotFound: Service nosuchhost@nosuchbackend could not be found/,
      ],
      [
        "a share network that does not exist",
        (f) => moveOf(f, { new_share_network_id: "00000000-0000-4000-8000-000000000000" }),
        "MIGRATION_REFUSED",
        "new_share_network_id",
        /Share network 00000000-0000-4000-8000-000000000000 not found/,
      ],
    ])("refused: %s", async (_name, input, code, attribute, message) => {
      const f = fixture("check");
      const p = await plan(input(f));
      expect(p.blockers.map((b) => [b.code, b.attribute])).toEqual([[code, attribute]]);
      expect(p.blockers[0]?.message).toMatch(message);
      expect(p.steps).toEqual([]);
    });

    it("already on the host: nothing to do, and Manila is not asked to check", async () => {
      const f = fixture("check");
      const before = proxy.count("migration_check");
      const p = await plan({ share_server_id: f.serverId, host: f.host });
      expect(p.steps).toEqual([]);
      expect(p.blockers).toEqual([]);
      expect(proxy.count("migration_check")).toBe(before);
    });

    it("Manila's own preconditions block the plan in its words: a share that is not available", async () => {
      const f = fixture("check");
      await manila.ok("POST", `shares/${f.shareId}/action`, { reset_status: { status: "error" } });
      try {
        const p = await plan(moveOf(f));
        expect(p.blockers.map((b) => b.code)).toEqual(["MIGRATION_REFUSED"]);
        expect(p.blockers[0]?.message).toContain(
          `Share ${f.shareId} status must be available, but current status is: error.`,
        );
        expect(p.steps).toEqual([]);
      } finally {
        await manila.ok("POST", `shares/${f.shareId}/action`, { reset_status: { status: "available" } });
      }
      expect((await plan(moveOf(f))).blockers).toEqual([]);
    });

    it("Manila's own preconditions block the plan in its words: a snapshot that is not available", async () => {
      const f = fixture("check");
      const created = await manila.ok("POST", "snapshots", {
        snapshot: { share_id: f.shareId, name: "ferry-check-snap", force: false },
      });
      const snapshotId = String((created as { snapshot: { id: string } }).snapshot.id);
      await manila.until("the snapshot to become available", 120, async () => {
        const s = (await manila.ok("GET", `snapshots/${snapshotId}`)) as { snapshot: { status: string } };
        return s.snapshot.status === "available" ? true : undefined;
      });
      await manila.ok("POST", `snapshots/${snapshotId}/action`, { reset_status: { status: "error" } });
      try {
        const p = await plan(moveOf(f));
        expect(p.blockers.map((b) => b.code)).toEqual(["MIGRATION_REFUSED"]);
        expect(p.blockers[0]?.message).toContain(
          `All snapshots must have 'available' status to be migrated by the driver along with share ${f.shareId}.`,
        );
      } finally {
        await manila.ok("POST", `snapshots/${snapshotId}/action`, { reset_status: { status: "available" } });
      }
      expect((await plan(moveOf(f))).blockers).toEqual([]);
    });

    it("a pool in host and a non-boolean flag are refused before any call", () => {
      const f = fixture("check");
      expect(() =>
        parseSpec(shareServerHost, moveOf(f, { host: `${f.other}#fake_pool_for_DUMMY2` })),
      ).toThrow(/host.*pool information/s);
      expect(() => parseSpec(shareServerHost, moveOf(f, { writable: "maybe" }))).toThrow(/writable/);
    });
  });

  // The moves are independent (one share server each) and run in parallel, as terraform applies
  // independent resources: about a minute instead of several.
  describe.concurrent("moves", () => {
    it(
      "two phases: complete = false stops at phase 1; complete = true switches over; the resource follows the destination",
      async () => {
        const f = fixture("phases");
        const progress: Progress[] = [];
        const first = await apply(moveOf(f), false, (p) => progress.push(p));
        // Phase 1 reports the share server's task_state and the driver's progress as it goes.
        const phase1 = progress.filter((p) => p.step.operation === "migration_start");
        expect(phase1.map((p) => p.message)).toEqual(
          expect.arrayContaining(["server_migrating / migration_driver_in_progress"]),
        );
        expect(phase1.some((p) => p.percent !== undefined && p.percent < 100)).toBe(true);
        expect(phase1.at(-1)?.percent).toBe(100);
        expect(first.ran.map((s) => `${s.action}:${s.operation}`)).toEqual([
          "call:migration_start",
          "wait:migration_start",
        ]);
        expect(first.outputs).toMatchObject({
          current_share_server_id: f.serverId,
          current_host: f.host,
          status: "server_migrating",
          task_state: "migration_driver_phase1_done",
          total_progress: 100,
          ready_to_complete: true,
        });
        const destination = String(first.outputs.destination_share_server_id);
        expect(await manila.server(destination)).toMatchObject({
          host: f.other,
          status: "server_migrating_to",
          source_share_server_id: f.serverId,
        });
        // The share stays on the source until the switch-over.
        expect((await manila.share(f.shareId)).share_server_id).toBe(f.serverId);
        expect((await plan(moveOf(f))).steps).toEqual([]);

        const finish = moveOf(f, { complete: true });
        const p = await plan(finish);
        expect(p.steps.map((s) => `${s.step.action}:${s.step.operation}`)).toEqual([
          "call:migration_complete",
          "wait:migration_complete",
        ]);
        expect(p.warnings.join(" ")).toMatch(/clients may need to reconnect/);
        const second = await apply(finish);
        expect(second.outputs).toMatchObject({
          current_share_server_id: destination,
          current_host: f.other,
          status: "active",
          task_state: "migration_success",
          ready_to_complete: false,
        });
        // Manila deleted the source; the share now lives on the destination, same id.
        await manila.until("the source to be deleted", 60, async () =>
          (await manila.server(f.serverId)) === undefined ? true : undefined,
        );
        const share = await manila.until("the share to be available", 60, async () => {
          const s = await manila.share(f.shareId);
          return s.status === "available" ? s : undefined;
        });
        expect(share.share_server_id).toBe(destination);
        expect(share.host?.split("#")[0]).toBe(f.other);

        // Read and import by the original id still work, and a new plan is empty.
        const read = await readResource(shareServerHost, client, parseSpec(shareServerHost, finish));
        expect(read.inSync).toBe(true);
        expect(read.outputs.current_share_server_id).toBe(destination);
        expect(await shareServerHost.importSpec(client, f.serverId, silentLogger)).toMatchObject({
          share_server_id: f.serverId,
          host: f.other,
        });
        expect((await plan(finish)).steps).toEqual([]);
        expect(writesFor([f.serverId, destination])).toEqual([
          "migration_start:202",
          "migration_complete:200",
        ]);
      },
      MOVE_S,
    );

    it(
      "destroy during phase 1 cancels, then cleans up the inactive destination Manila leaves behind",
      async () => {
        const f = fixture("cancel");
        const first = await apply(moveOf(f));
        const destination = String(first.outputs.destination_share_server_id);
        const p = await plan(moveOf(f), true);
        expect(p.steps.map((s) => `${s.step.action}:${s.step.operation}`)).toEqual([
          "call:migration_cancel",
          "wait:migration_cancel",
          "call:reset_status",
          "call:delete_share_server",
        ]);
        const r = await apply(moveOf(f), true);
        expect(r.ran.filter((s) => s.action === "call").map((s) => s.operation)).toEqual([
          "migration_cancel",
          "reset_status",
          "delete_share_server",
        ]);
        expect(await manila.server(f.serverId)).toMatchObject({
          host: f.host,
          status: "active",
          task_state: "migration_cancelled",
        });
        await manila.until("the destination to be deleted", 60, async () =>
          (await manila.server(destination)) === undefined ? true : undefined,
        );
        expect((await manila.share(f.shareId)).share_server_id).toBe(f.serverId);
        expect((await plan(moveOf(f), true)).steps).toEqual([]);
        expect(writesFor([f.serverId, destination])).toEqual([
          "migration_start:202",
          "migration_cancel:202",
          "reset_status:202",
          "delete_share_server:202",
        ]);
        // A cancelled move can be planned again from the start.
        expect((await plan(moveOf(f))).steps.map((s) => s.step.operation)).toEqual([
          "migration_start",
          "migration_start",
        ]);
      },
      MOVE_S,
    );

    it(
      "a move started by hand is adopted and awaited, never started again",
      async () => {
        const f = fixture("adopt");
        // Started around ferry, straight at Manila (not through the recording proxy).
        await manila.startByHand(f.serverId, f.other);
        const p = await plan(moveOf(f, { complete: true }));
        expect(p.steps.map((s) => `${s.step.action}:${s.step.operation}`)).toEqual([
          "wait:migration_start",
          "call:migration_complete",
          "wait:migration_complete",
        ]);
        const r = await apply(moveOf(f, { complete: true }));
        // The switch-over's own wait runs only when the share service has not finished it by the time
        // the call returns (the call itself waits until the service takes the request).
        expect(r.ran.map((s) => `${s.action}:${s.operation}`).slice(0, 2)).toEqual([
          "wait:migration_start",
          "call:migration_complete",
        ]);
        expect(r.ran.filter((s) => s.action === "call").map((s) => s.operation)).toEqual([
          "migration_complete",
        ]);
        expect(r.outputs.current_host).toBe(f.other);
        expect(writesFor([f.serverId])).toEqual(["migration_complete:200"]);
      },
      MOVE_S,
    );

    it(
      "a start Manila accepts (202) and fails later is reported with what to do",
      async () => {
        const f = fixture("failed");
        // migration_check would refuse nondisruptive; a start by hand goes through and fails later.
        await manila.startByHand(f.serverId, f.other, true);
        const err = await apply(moveOf(f)).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(FerryError);
        // Manila fails the start within a second or two: ferry either finds it still running and
        // reports the failure when it comes (JOB_FAILED), or finds it failed already and blocks the
        // plan (MIGRATION_ERROR). Both say how to clear it.
        if (err instanceof PlanBlockedError) {
          expect(err.blockers.map((b) => b.code)).toEqual(["MIGRATION_ERROR"]);
          expect(err.blockers[0]?.fix).toMatch(/reset_task_state/);
        } else {
          expect((err as FerryError).code).toBe("JOB_FAILED");
          expect((err as FerryError).fix).toMatch(/reset_task_state/);
        }
        const p = await plan(moveOf(f));
        expect(p.blockers.map((b) => b.code)).toEqual(["MIGRATION_ERROR"]);
        expect(() => {
          if (p.blockers.length) throw new PlanBlockedError("manila_share_server_host", p.blockers);
        }).toThrow(/migration_error/);
        // The fix the message gives works: clear the task state and the move plans again.
        expect(
          (
            await manila.api("POST", `share-servers/${f.serverId}/action`, {
              reset_task_state: { task_state: null },
            })
          ).status,
        ).toBe(202);
        expect((await plan(moveOf(f))).steps.map((s) => s.step.operation)).toEqual([
          "migration_start",
          "migration_start",
        ]);
        expect(writesFor([f.serverId])).toEqual([]);
      },
      MOVE_S,
    );

    describe("faults between ferry and Manila", () => {
      it(
        "the answer to migration_start is lost after Manila took it: ferry observes, adopts, does not send it again",
        async () => {
          const f = fixture("lost");
          proxy.inject("migration_start", f.serverId, "reset-after");
          const r = await apply(moveOf(f));
          expect(r.outputs.ready_to_complete).toBe(true);
          expect(writesFor([f.serverId])).toEqual(["migration_start:202"]);
        },
        MOVE_S,
      );

      it(
        "migration_start answered 503 without reaching Manila: no trace, so it is sent once more",
        async () => {
          const f = fixture("refused");
          proxy.inject("migration_start", f.serverId, "503-before");
          const r = await apply(moveOf(f));
          expect(r.outputs.ready_to_complete).toBe(true);
          expect(writesFor([f.serverId])).toEqual(["migration_start:202"]);
        },
        MOVE_S,
      );
    });

    it(
      "killed while awaiting phase 1: the rerun adopts the move and never starts it again",
      async () => {
        const f = fixture("crash");
        const { killed } = await runChildUntil(
          moveOf(f, { complete: true }),
          (ev) => ev.event === "progress" && ev.operation === "migration_start",
        );
        expect(killed).toBe(true);
        expect(writesFor([f.serverId])).toEqual(["migration_start:202"]);
        const r = await apply(moveOf(f, { complete: true }));
        expect(r.ran[0]?.action).toBe("wait");
        expect(r.outputs.current_host).toBe(f.other);
        expect(writesFor([f.serverId])).toEqual(["migration_start:202", "migration_complete:200"]);
      },
      MOVE_S,
    );

    it(
      "killed the moment it sends migration_start: the rerun finds the move (or none) and starts it at most once",
      async () => {
        const f = fixture("crash-start");
        const { killed } = await runChildUntil(
          moveOf(f),
          (ev) => ev.event === "step" && ev.operation === "migration_start" && ev.action === "call",
        );
        expect(killed).toBe(true);
        const r = await apply(moveOf(f));
        expect(r.outputs.ready_to_complete).toBe(true);
        expect(
          proxy.writes.filter((w) => w.path.includes(f.serverId) && w.action === "migration_start"),
        ).toHaveLength(1);
        await apply(moveOf(f), true);
      },
      MOVE_S,
    );
  });
});
