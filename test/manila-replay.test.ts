/**
 * Replays the captures of a real Manila 15.1 (research/manila-samples/<version>/, one JSON per call)
 * against the Manila lab, in their order: the same request gets the same status code and the same body
 * — modulo ids (mapped as they appear), timestamps and addresses. Polls of the timeline are replayed
 * once the lab's source server is in the state the capture names (the lab's clock is manual here).
 * This keeps the lab from drifting from the real thing.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LAB_IDS, type ManilaLab, startManilaLab } from "../lab/manila/index.ts";

const ROOT = join(import.meta.dirname, "..", "research", "manila-samples");

interface Sample {
  step: string;
  request: { method: string; path: string; headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

/** Calls on shares, snapshots, networks, services, pools and versions: outside the lab's scope. */
const OUT_OF_SCOPE =
  /\/shares($|\?|\/[^/]+\/)|\/(snapshots|share-networks|services|scheduler-stats|types|share-access-rules)(\/|\?|$)|^\/(v2\/?)?$/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Polls where the real services raced the capture (the state changed between two calls of one poll). */
const RACES = new Set([
  // The failed start had already reset the source (and its share) when the poll's later calls ran.
  "asyncfail__src_server_migrating_migration_in_progress__get_progress",
  "asyncfail__src_server_migrating_migration_in_progress__get_share",
]);
const STATUSES = ["server_migrating", "active", "deleting", "gone"];

function normalize(v: unknown, key = ""): unknown {
  // List order is the database's: compared as a set.
  if (Array.isArray(v) && key === "share_servers")
    return v.map((x) => normalize(x)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (Array.isArray(v)) return v.map((x) => normalize(x));
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x, k)]));
  if (typeof v === "string") {
    if (key.endsWith("_at")) return "<ts>";
    if (key === "href") return "<href>";
    return v
      .replace(UUID, "<id>")
      .replace(/\b\d+\.\d+\.\d+\.\d+\b/g, "<ip>")
      .replace(/\d{8}T\d{6}Z/g, "<stamp>");
  }
  if (key === "total_progress" && v !== 100) return "<0-99>";
  return v;
}

/** Pairs the uuids of the capture with the lab's, in the order both bodies show them. */
function learnIds(sample: unknown, lab: unknown, ids: Map<string, string>, key = "") {
  if (key === "share_servers" && Array.isArray(sample) && Array.isArray(lab)) {
    // Lists come in the database's order: pair servers by what they are, not by position.
    const sig = (x: Record<string, unknown>) => `${x.host} ${x.status} ${x.task_state}`;
    for (const x of sample as Record<string, unknown>[])
      learnIds(
        x,
        (lab as Record<string, unknown>[]).find((y) => sig(y) === sig(x)),
        ids,
      );
    return;
  }
  if (typeof sample === "string" && typeof lab === "string") {
    const a = sample.match(UUID) ?? [];
    const b = lab.match(UUID) ?? [];
    a.forEach((x, i) => {
      if (!ids.has(x) && b[i]) ids.set(x, b[i]);
    });
  } else if (Array.isArray(sample) && Array.isArray(lab))
    sample.forEach((x, i) => {
      learnIds(x, lab[i], ids);
    });
  else if (sample && lab && typeof sample === "object" && typeof lab === "object")
    for (const [k, x] of Object.entries(sample)) learnIds(x, (lab as Record<string, unknown>)[k], ids, k);
}

function mapIds(text: string, ids: Map<string, string>): string {
  return text.replace(UUID, (u) => ids.get(u) ?? u);
}

/** "phase1__src_server_migrating_migration_driver_in_progress__list_servers" → the state to wait for. */
function awaitedState(step: string): { status: string; task: string } | undefined {
  const m = /__src_(.+?)__/.exec(step);
  if (!m?.[1]) return undefined;
  const status = STATUSES.find((s) => m[1] === s || m[1]!.startsWith(`${s}_`));
  if (!status) return undefined;
  return { status, task: m[1].slice(status.length + 1) };
}

for (const version of ["2.57", "2.73"]) {
  describe(`replay of the Manila ${version} captures`, () => {
    let lab: ManilaLab;
    const ids = new Map<string, string>();
    const dir = join(ROOT, version);
    const files = readdirSync(dir)
      .filter((f) => /^\d{3}_.*\.json$/.test(f))
      .sort();
    const samples = files.map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Sample);
    const seen = new Set<string>();
    let source = "";
    let replayed = 0;

    beforeAll(async () => {
      lab = await startManilaLab({ stepMs: 150 });
      // The lab's transitions run when the replay asks for them: no dependence on the machine's speed.
      lab.model.manual = true;
      // The captured estate's ids are the lab's (2.57) or are mapped onto them (2.73).
      const summary = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"));
      ids.set(summary.source_share_server_id, LAB_IDS.server);
      ids.set(summary.share_id, LAB_IDS.share);
      const networks = samples
        .filter((s) => s.step.startsWith("share_network_create"))
        .map((s) => (s.response.body as { share_network: { id: string } }).share_network.id);
      if (networks[0]) ids.set(networks[0], LAB_IDS.network);
      if (networks[1]) ids.set(networks[1], LAB_IDS.secondNetwork);
    });
    afterAll(async () => {
      await lab.stop();
    });

    /** Advances the lab's migration until the source is in `state` (the capture's poll). */
    function reach(state: { status: string; task: string }) {
      for (let i = 0; i < 50; i++) {
        const s = lab.model.servers.get(source);
        if (state.status === "gone" ? !s : s?.status === state.status && (s.task_state ?? "") === state.task)
          return true;
        if (!lab.model.advance()) return false;
      }
      return false;
    }

    it.each(samples.map((s, i) => [files[i]!, s] as const))("%s", async (_file, sample) => {
      const { request, response } = sample;
      if (RACES.has(sample.step)) return;
      if (request.method !== "GET" && /\/shares\//.test(request.path)) return;
      if (OUT_OF_SCOPE.test(request.path.replace(/^\/v2\/[0-9a-f]+/, ""))) return;
      // Which server is "src" in the capture: the one the last migration_start was sent to.
      const path = mapIds(request.path, ids);
      const body =
        request.body === null
          ? undefined
          : typeof request.body === "string"
            ? request.body
            : mapIds(JSON.stringify(request.body), ids);
      if (body?.includes("migration_start")) source = /share-servers\/([^/]+)/.exec(path)?.[1] ?? source;
      const state = awaitedState(sample.step);
      if (state) {
        // Timeline polls: once per state and kind (the real periodic tasks race; the lab's steps do not).
        if (seen.has(sample.step)) return;
        seen.add(sample.step);
        expect(reach(state), `lab reached ${state.status}/${state.task}`).toBe(true);
      } else if (
        /^(phase1_done|after|cancelled|asyncfail_src|reset)_/.test(sample.step) ||
        /^(get_progress_phase1_done|err_cancel_after|err_get_progress_after|cleanup_cancelled_dest_show_gone|asyncfail_check_again|cleanup_delete)/.test(
          sample.step,
        )
      ) {
        await lab.settle();
      }
      const url = new URL(path, lab.url);
      const res = await fetch(url, {
        method: request.method,
        headers: request.headers,
        ...(body !== undefined ? { body } : {}),
      });
      const text = await res.text();
      replayed++;
      const got = text ? JSON.parse(text) : null;
      expect(res.status, `${request.method} ${request.path}: ${text}`).toBe(response.status);
      learnIds(response.body, got, ids);
      expect(normalize(got)).toEqual(normalize(response.body));
      expect(res.headers.get("x-openstack-manila-api-version")).toBe(
        request.headers["X-OpenStack-Manila-API-Version"] ?? null,
      );
      expect(res.headers.get("x-openstack-manila-api-experimental")).toBe(
        response.headers["X-Openstack-Manila-Api-Experimental"] ?? null,
      );
    });

    it("replayed the captures of share servers, their migration and shares", () => {
      expect(replayed).toBeGreaterThan(100);
      expect(lab.count("show_share")).toBeGreaterThan(10);
      expect(lab.count("migration_complete")).toBe(1);
      expect(lab.count("migration_cancel")).toBe(1);
    });
  });
}
