/**
 * manila_share_server_host — "share server S (and every share on it) lives on back end H" (seed 003:
 * Manila share-server migration, API ≥ 2.57, experimental, admin-only).
 *
 * The move is Manila's two phases: `migration_start` copies (phase 1, long, shares stay available and
 * — with `writable` — writable) up to `migration_driver_phase1_done`; `migration_complete` switches over
 * (phase 2, disruptive: clients may need to reconnect). Phase 2 runs only with `complete = true`.
 *
 * Identity: `share_server_id` names the server the resource was created for. After completion Manila
 * deletes that server and the destination serves the shares; observe follows the chain through
 * `GET /share-servers?source_share_server_id=…`, so read and import still work once the source is gone.
 */
import * as z from "zod";
import { kindSpec, uuidSchema } from "../engine/common.ts";
import { FerryError } from "../engine/errors.ts";
import type { Blocker } from "../engine/errors.ts";
import type { Kind, Next, RunOptions, Step } from "../engine/kind.ts";
import type { Logger } from "../engine/log.ts";
import { waitFor } from "../engine/wait.ts";
import { type CheckResult, PHASE1_DONE, PHASE1_RUNNING, type ShareServer } from "./api.ts";
import type { CheckOutcome, ManilaClient, MigrationParams } from "./client.ts";

export const shareServerHostSpec = kindSpec({
  share_server_id: uuidSchema.meta({
    description:
      "The share server to place (its shares move with it). After a completed move Manila replaces it by the destination server; the resource follows (output `current_share_server_id`).",
    forceNew: true,
  }),
  host: z
    .string()
    .regex(/^[^@#\s]+@[^@#\s]+$/, {
      message:
        'must be a Manila back end as "host@backend" (e.g. "manila-1@netapp2"); a pool ("#pool") is refused by Manila: "The destination host can not contain pool information."',
    })
    .meta({ description: "The back end that serves the share server, as `host@backend` (no `#pool`)." }),
  new_share_network_id: uuidSchema
    .optional()
    .meta({ description: "Move to this share network too. Unset: the share network stays (sent as null)." }),
  writable: z.boolean().default(true).meta({
    description:
      "Keep the shares writable during phase 1. Default true; if the driver cannot, migration_check reports it incompatible and the plan is blocked — set false to accept read-only shares while data is copied.",
  }),
  nondisruptive: z.boolean().default(false).meta({
    description:
      "Require a move that does not disrupt clients at completion. Default false: few drivers can (a real Manila even accepts migration_start with true and fails later — ferry checks first).",
  }),
  preserve_snapshots: z.boolean().default(true).meta({
    description:
      "Move the shares' snapshots too. Default true (nothing is lost silently); set false when the driver cannot preserve them and losing them is acceptable.",
  }),
  complete: z.boolean().default(false).meta({
    description:
      "Run phase 2 (migration_complete): the switch-over, after which clients may need to reconnect. Default false: apply stops when phase 1 is done (output `ready_to_complete`); set true later to finish. The plan warns of the one window no API field can record: Manila shows a switch-over only once the destination's share service takes it, so after an interruption right after migration_complete is sent, wait until `manila share-server-show` shows a task_state other than `migration_driver_phase1_done` before running again.",
  }),
});
export type ShareServerHostSpec = z.output<typeof shareServerHostSpec>;

export const shareServerHostOutputs = z.object({
  current_share_server_id: z.string().meta({
    description: "The share server that serves the shares now (the destination after a completed move).",
  }),
  current_host: z.string().meta({ description: "The back end of that server (`host@backend`)." }),
  status: z.string().meta({ description: "Its status (active, server_migrating …)." }),
  task_state: z.string().meta({ description: "Its migration task_state (empty when none)." }),
  total_progress: z.number().meta({ description: "Progress of phase 1 in percent (100 once it is done)." }),
  destination_share_server_id: z
    .string()
    .meta({ description: "The destination of a move in flight or ready to complete (empty otherwise)." }),
  ready_to_complete: z
    .boolean()
    .meta({ description: "Phase 1 is done and the move waits for `complete = true`." }),
});
export type ShareServerHostOutputs = z.output<typeof shareServerHostOutputs>;

export interface ShareServerHostObserved {
  /** The server that serves the shares now: the spec's server, or its successful destination(s). */
  current: ShareServer | undefined;
  /** The destination of a move from `current` in flight / ready to complete. */
  destination: ShareServer | undefined;
  /** Destinations left behind by a cancelled or failed move (inactive / error) that still point at `current`. */
  leftovers: ShareServer[];
  /** migration_check's answer, made at observe time when a migration_start would be next. */
  check?: CheckOutcome | undefined;
  /** migration_get_progress, read while the driver copies. */
  progress?: number | undefined;
}

const RUNNING: readonly string[] = PHASE1_RUNNING;
const CANCELLABLE = ["migration_driver_in_progress", PHASE1_DONE];

function base(id: string): string {
  return `POST /v2/share-servers/${id}/action`;
}

function migrationParams(spec: ShareServerHostSpec): MigrationParams {
  return {
    host: spec.host,
    writable: spec.writable,
    nondisruptive: spec.nondisruptive,
    preserve_snapshots: spec.preserve_snapshots,
    new_share_network_id: spec.new_share_network_id ?? null,
  };
}

function server(s: ShareServer, patch: Partial<ShareServer>): ShareServer {
  return { ...s, ...patch };
}

/** Steps that clean up a destination left behind by a cancel (inactive) or a failed move (error). */
function cleanupLeftover(o: ShareServerHostObserved): Next<ShareServerHostObserved> | undefined {
  const left = o.leftovers[0];
  if (!left) return undefined;
  if (left.status !== "error")
    return {
      kind: "step",
      step: {
        operation: "reset_status",
        action: "call",
        request: `${base(left.id)} {"reset_status": {"status": "error"}}`,
        params: { server_id: left.id },
        title: `Mark the left-behind destination ${left.id} (${left.status}) as error so it can be deleted`,
      },
      after: { ...o, leftovers: [server(left, { status: "error" }), ...o.leftovers.slice(1)] },
    };
  return {
    kind: "step",
    step: {
      operation: "delete_share_server",
      action: "call",
      request: `DELETE /v2/share-servers/${left.id}`,
      params: { server_id: left.id },
      title: `Delete the left-behind destination share server ${left.id}`,
    },
    after: { ...o, leftovers: o.leftovers.slice(1) },
  };
}

function waitStep(
  c: ShareServer,
  operation: string,
  title: string,
  target: string[],
  extra: Record<string, string> = {},
): Step {
  return {
    operation,
    action: "wait",
    request: `GET /v2/share-servers/${c.id} until task_state ∈ {${target.join(", ")}}`,
    params: { server_id: c.id, target: target.join(","), ...extra },
    title,
  };
}

function checkBlockers(spec: ShareServerHostSpec, check: CheckOutcome): Blocker[] {
  if (!check.ok) {
    const e = check.error;
    const msg = e.apiMessage;
    const attribute =
      /ServiceNotFound|pool information|Service .* is down|availability zone|no difference between/.test(msg)
        ? "host"
        : /[Ss]hare network/.test(msg)
          ? "new_share_network_id"
          : undefined;
    return [
      {
        code: e.status === 404 && /ServiceNotFound/.test(msg) ? "UNKNOWN_HOST" : "MIGRATION_REFUSED",
        message: `migration_check refused the move to ${spec.host} (HTTP ${e.status}): "${msg}"`,
        ...(attribute ? { attribute } : {}),
        fix:
          attribute === "host"
            ? "Set host to a back end Manila runs (`manila service-list --binary manila-share`, as host@backend without #pool) that differs from the current one, or set new_share_network_id."
            : attribute === "new_share_network_id"
              ? "Set new_share_network_id to an existing, active share network (or unset it)."
              : "Resolve what Manila names above, then plan again.",
      },
    ];
  }
  const r: CheckResult = check.result;
  if (r.compatible) return [];
  const flags = ["writable", "nondisruptive", "preserve_snapshots"] as const;
  const mismatched = flags.filter(
    (f) => isTrue(r.requested_capabilities[f]) && !isTrue(r.supported_capabilities[f]),
  );
  const show = (caps: Record<string, unknown>) =>
    Object.entries(caps)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(", ");
  return [
    {
      code: "INCOMPATIBLE",
      message: `migration_check: the driver cannot move share server ${spec.share_server_id} to ${spec.host} as requested. Requested: ${show(r.requested_capabilities)}. Supported: ${show(r.supported_capabilities)}.`,
      ...(mismatched[0] ? { attribute: mismatched[0] } : {}),
      fix: mismatched.length
        ? `Set ${mismatched.map((m) => `${m} = false`).join(" and ")} (the destination does not support it), or choose another host.`
        : "Choose another host or share network.",
    },
  ];
}

function isTrue(v: unknown): boolean {
  return v === true || (typeof v === "string" && ["true", "1", "yes", "on"].includes(v.toLowerCase()));
}

export function nextShareServerHost(
  spec: ShareServerHostSpec,
  o: ShareServerHostObserved,
): Next<ShareServerHostObserved> {
  const c = o.current;
  if (!c)
    return {
      kind: "blocked",
      blockers: [
        {
          code: "NOT_FOUND",
          message: `Share server ${spec.share_server_id} could not be found (nor a destination that replaced it).`,
          attribute: "share_server_id",
          fix: "Check the id with `manila share-server-list` (admin).",
        },
      ],
    };
  const task = c.task_state ?? "";
  const d = o.destination;
  const elsewhere = d && d.host !== spec.host;
  if (c.status === "server_migrating") {
    if (elsewhere)
      return {
        kind: "blocked",
        blockers: [
          {
            code: "MIGRATION_ELSEWHERE",
            message: `Share server ${c.id} is being moved to ${d.host} (task_state ${task}), not to ${spec.host}.`,
            attribute: "host",
            fix: `Set host = "${d.host}" to adopt that move, or cancel it (migration_cancel) first.`,
          },
        ],
      };
    const destHost = d?.host ?? spec.host;
    if (RUNNING.includes(task))
      return {
        kind: "step",
        step: waitStep(
          c,
          "migration_start",
          `Await phase 1 of the move of share server ${c.id} to ${destHost}`,
          [PHASE1_DONE],
        ),
        after: {
          ...o,
          current: server(c, { task_state: PHASE1_DONE }),
          destination: server(d ?? { id: "(destination)", host: destHost, status: "server_migrating_to" }, {
            status: "server_migrating_to",
            task_state: PHASE1_DONE,
            source_share_server_id: c.id,
          }),
          progress: 100,
        },
      };
    if (task === PHASE1_DONE) {
      if (!spec.complete) return { kind: "done" };
      const dest = d ?? { id: "(destination)", host: destHost, status: "server_migrating_to" };
      return {
        kind: "step",
        step: {
          operation: "migration_complete",
          action: "call",
          request: `${base(c.id)} {"migration_complete": null}`,
          params: { server_id: c.id },
          title: `Complete the move of share server ${c.id} to ${destHost} (switch-over)`,
          disruption: `Completing the move of share server ${c.id} to ${destHost} switches its shares to the destination server ${dest.id}: export locations change and clients may need to reconnect.`,
          warnings: [QUEUED_SWITCH_OVER(c.id)],
        },
        after: {
          ...o,
          current: server(c, { task_state: "migration_completing" }),
          destination: server(dest, { task_state: "migration_completing" }),
          progress: 100,
        },
      };
    }
    if (task === "migration_completing")
      return {
        kind: "step",
        step: waitStep(
          c,
          "migration_complete",
          `Await the switch-over of share server ${c.id} to ${destHost}`,
          ["migration_success"],
        ),
        after: {
          ...o,
          current: server(d ?? { id: "(destination)", host: destHost, status: "active" }, {
            status: "active",
            task_state: "migration_success",
          }),
          destination: undefined,
        },
      };
    if (task === "migration_cancel_in_progress")
      return {
        kind: "step",
        step: waitStep(c, "migration_cancel", `Await the cancel of the move of share server ${c.id}`, [
          "migration_cancelled",
        ]),
        after: {
          ...o,
          current: server(c, { status: "active", task_state: "migration_cancelled" }),
          destination: undefined,
          leftovers: d
            ? [server(d, { status: "inactive", task_state: "migration_cancelled" }), ...o.leftovers]
            : o.leftovers,
        },
      };
  }
  if (
    c.host === spec.host &&
    c.status === "active" &&
    (!spec.new_share_network_id || c.share_network_id === spec.new_share_network_id)
  )
    return { kind: "done" };
  if (task === "migration_error" || c.status === "error")
    return {
      kind: "blocked",
      blockers: [
        {
          code: "MIGRATION_ERROR",
          message: `The last migration of share server ${c.id} failed: status ${c.status}, task_state ${task || "null"}. Manila keeps shares on the source after a phase-1 error; a phase-2 error needs a manual fix.`,
          fix: `Find the cause in the manila-share logs of the destination host, then clear the state: POST /v2/share-servers/${c.id}/action {"reset_task_state": {"task_state": null}}${c.status === "error" ? ' (and {"reset_status": {"status": "active"}} once the server is healthy)' : ""} — \`manila share-server-reset-task-state ${c.id}\` — and plan again.`,
        },
      ],
    };
  if (c.status !== "active")
    return {
      kind: "blocked",
      blockers: [
        {
          code: "SERVER_STATUS",
          message: `Share server ${c.id} status must be active, but current status is: ${c.status}.`,
          fix: "Wait until the share server is active (or fix it in Manila), then plan again.",
        },
      ],
    };
  if (c.encryption_key_ref)
    return {
      kind: "blocked",
      blockers: [
        { code: "ENCRYPTED", message: "Cannot migrate the share server containing encryption key reference" },
      ],
    };
  const cleanup = cleanupLeftover(o);
  if (cleanup) return cleanup;
  if (o.check) {
    const blockers = checkBlockers(spec, o.check);
    if (blockers.length) return { kind: "blocked", blockers };
  }
  const p = migrationParams(spec);
  return {
    kind: "step",
    step: {
      operation: "migration_start",
      action: "call",
      request: `${base(c.id)} ${JSON.stringify({ migration_start: p })}`,
      params: { server_id: c.id, ...p },
      title: `Start moving share server ${c.id} from ${c.host} to ${spec.host} (phase 1: copy)`,
    },
    after: {
      ...o,
      current: server(c, { status: "server_migrating", task_state: "migration_starting" }),
      destination: undefined,
      check: undefined,
      progress: 0,
    },
  };
}

export function nextShareServerHostDestroy(
  _spec: ShareServerHostSpec,
  o: ShareServerHostObserved,
): Next<ShareServerHostObserved> {
  const c = o.current;
  if (!c) return { kind: "done" };
  const task = c.task_state ?? "";
  if (c.status === "server_migrating") {
    if (CANCELLABLE.includes(task))
      return {
        kind: "step",
        step: {
          operation: "migration_cancel",
          action: "call",
          request: `${base(c.id)} {"migration_cancel": null}`,
          params: { server_id: c.id },
          title: `Cancel the move of share server ${c.id}; its shares stay on ${c.host}`,
          warnings: [QUEUED_REQUEST("migration_cancel", c.id, task)],
        },
        after: { ...o, current: server(c, { task_state: "migration_cancel_in_progress" }) },
      };
    if (RUNNING.includes(task))
      return {
        kind: "step",
        // Manila refuses a cancel until the driver started: wait for that, then cancel.
        step: waitStep(
          c,
          "migration_start",
          `Await the driver start of the move of share server ${c.id} (it can be cancelled from then on)`,
          CANCELLABLE,
        ),
        after: { ...o, current: server(c, { task_state: "migration_driver_in_progress" }) },
      };
    if (task === "migration_cancel_in_progress" || task === "migration_completing")
      return nextShareServerHost({ ..._spec, complete: true }, o);
  }
  return cleanupLeftover(o) ?? { kind: "done" };
}

/** Reads are batched across resources observed together (client.servers / client.serversFrom). */
async function followChain(client: ManilaClient, id: string): Promise<ShareServer | undefined> {
  let s = await client.servers.get(id);
  let from = id;
  // A completed move deletes the source; its destination (source_share_server_id = from) serves on.
  for (let hop = 0; hop < 8; hop++) {
    if (s && !(s.task_state === "migration_success" && ["deleting", "inactive"].includes(s.status))) return s;
    const next = ((await client.serversFrom.get(from)) ?? []).find(
      (d) => d.task_state === "migration_success" && d.status === "active",
    );
    if (!next) return s && s.status !== "deleting" ? s : undefined;
    s = next;
    from = next.id;
  }
  return s;
}

async function observeShareServerHost(
  client: ManilaClient,
  spec: ShareServerHostSpec,
  log?: Logger,
  attempt = 0,
): Promise<ShareServerHostObserved> {
  const current = await followChain(client, spec.share_server_id);
  if (!current) return { current, destination: undefined, leftovers: [] };
  const pointing = ((await client.serversFrom.get(current.id)) ?? []).filter((d) => d.id !== current.id);
  const destination = pointing.find((d) => ["server_migrating_to", "creating"].includes(d.status));
  const leftovers = pointing.filter((d) => d !== destination && ["inactive", "error"].includes(d.status));
  const o: ShareServerHostObserved = { current, destination, leftovers };
  const task = current.task_state ?? "";
  if (current.status === "server_migrating" && task === "migration_driver_in_progress")
    o.progress = (await client.migrationProgress(current.id))?.total_progress;
  else if (current.status === "server_migrating" && task === PHASE1_DONE) o.progress = 100;
  // migration_check at plan time — read-only — when a start would be next.
  const startNext =
    current.status === "active" &&
    !current.encryption_key_ref &&
    task !== "migration_error" &&
    leftovers.length === 0 &&
    (current.host !== spec.host ||
      (!!spec.new_share_network_id && current.share_network_id !== spec.new_share_network_id));
  if (startNext) {
    o.check = await client.migrationCheck(current.id, migrationParams(spec));
    // The server was active when read and is no longer when checked: a move started in between (by
    // hand, or by a run that was killed as it sent migration_start). Observe again instead of blocking.
    if (
      !o.check.ok &&
      o.check.error.status === 409 &&
      /status must be active/.test(o.check.error.apiMessage) &&
      attempt < 3
    ) {
      log?.debug("share server changed while observing; observing again", { id: current.id });
      return observeShareServerHost(client, spec, log, attempt + 1);
    }
  }
  return o;
}

async function runShareServerHostStep(client: ManilaClient, step: Step, opts: RunOptions): Promise<void> {
  const id = String(step.params.server_id);
  const signal = opts.signal;
  if (step.action === "wait") {
    const target = String(step.params.target).split(",");
    await waitFor<ShareServer | undefined>({
      what: `share server ${id} (${step.operation})`,
      deadline: opts.deadline,
      signal,
      backoff: { initialMs: 250, maxMs: 5000 },
      pending: ["pending"],
      target: ["done"],
      refresh: async (sig) => {
        const s = await client.getServer(id, sig);
        const task = s?.task_state ?? "";
        if (!s || task === "migration_success" || target.includes(task))
          return { status: "done", value: s, percent: 100 };
        if (task === "migration_error" || s.status === "error")
          return {
            status: "failed",
            value: s,
            failure: new FerryError("JOB_FAILED", {
              what: `The move of share server ${id} failed (status ${s.status}, task_state ${task}).`,
              why: "Manila reports migration_error; the manila-share log of the destination host has the driver's reason.",
              fix: `Fix the cause, then POST /v2/share-servers/${id}/action {"reset_task_state": {"task_state": null}} and run again.`,
            }),
          };
        if (s.status !== "server_migrating") return { status: "done", value: s };
        const percent =
          task === "migration_driver_in_progress"
            ? (await client.migrationProgress(id, sig))?.total_progress
            : undefined;
        return {
          status: "pending",
          value: s,
          message: `${s.status} / ${task}`,
          ...(percent !== undefined ? { percent } : {}),
        };
      },
      onProgress: (r) =>
        opts.onProgress({
          step,
          message: r.message ?? r.status,
          ...(r.percent !== undefined ? { percent: r.percent } : {}),
        }),
    });
    return;
  }
  switch (step.operation) {
    case "migration_start":
      return client.migrationStart(
        id,
        {
          host: String(step.params.host),
          writable: step.params.writable === true,
          nondisruptive: step.params.nondisruptive === true,
          preserve_snapshots: step.params.preserve_snapshots === true,
          new_share_network_id: (step.params.new_share_network_id as string | null) ?? null,
        },
        signal,
      );
    case "migration_complete":
      await client.migrationComplete(id, signal);
      return awaitPickup(client, step, opts, (s) => s.task_state !== PHASE1_DONE);
    case "migration_cancel":
      await client.migrationCancel(id, signal);
      return awaitPickup(
        client,
        step,
        opts,
        (s) => s.status !== "server_migrating" || !CANCELLABLE.includes(s.task_state ?? ""),
      );
    case "reset_status":
      return client.resetStatus(id, "error", signal);
    case "delete_share_server":
      return client.deleteServer(id, signal);
    default:
      throw new Error(`manila: no runner for ${step.operation}`);
  }
}

/**
 * The one window in which an interruption can lose what was asked: no API field holds a queued
 * migration_complete or migration_cancel, so ferry cannot record it anywhere (unlike CloudStack's
 * intent tags). The plan of either says so.
 */
export const QUEUED_REQUEST = (
  operation: "migration_complete" | "migration_cancel",
  id: string,
  taskState: string,
): string =>
  `Manila queues ${operation} for the destination's share service and shows nothing of it until that service takes it (usually well under a second); no API field can record it. If this run is stopped in that window (Ctrl-C, a killed process, a timeout), wait until \`manila share-server-show ${id}\` shows a task_state other than ${taskState} before running again: a run started while it is still queued would send ${operation} a second time.`;

/** The switch-over's window (see QUEUED_REQUEST). */
export const QUEUED_SWITCH_OVER = (id: string): string =>
  QUEUED_REQUEST("migration_complete", id, PHASE1_DONE);

/**
 * Manila's API answers migration_complete (200) and migration_cancel (202) before anything changes: it
 * only casts the request to the share service of the destination host, which sets the task_state when
 * it takes the request (measured on Manila 15.1: 0.11–0.35 s on an idle service, longer while it is
 * busy). Until then the share server looks exactly as before the call, so the step is not over when
 * the API answers: it waits until the share service shows it took the request. Otherwise the next
 * observation would ask for the same call again.
 */
async function awaitPickup(
  client: ManilaClient,
  step: Step,
  opts: RunOptions,
  taken: (s: ShareServer) => boolean,
): Promise<void> {
  const id = String(step.params.server_id);
  const unseen = (e: FerryError) =>
    new FerryError(e.code, {
      what: `Manila accepted ${step.operation} for share server ${id}, but its share service has not acted on it yet (${e.code === "TIMEOUT" ? "timed out" : "stopped"} while waiting).`,
      why: "Manila queues the request for the destination host's manila-share service and shows nothing of it until that service takes it; the request stays queued.",
      fix: `Check that manila-share on the destination host is running and watch \`manila share-server-show ${id}\`: the task_state leaves ${step.operation === "migration_complete" ? PHASE1_DONE : "its phase-1 state"} once the request is taken. Run again after that; a run started while the request is still queued cannot see it and would send ${step.operation} again.`,
    });
  try {
    await waitFor<ShareServer | undefined>({
      what: `the share service to take ${step.operation} for share server ${id}`,
      deadline: opts.deadline,
      signal: opts.signal,
      backoff: { initialMs: 250, maxMs: 2000 },
      pending: ["queued"],
      target: ["taken"],
      refresh: async (sig) => {
        const s = await client.getServer(id, sig);
        if (!s || taken(s))
          return {
            status: "taken",
            value: s,
            message: `the share service took it (${s?.task_state ?? "done"})`,
          };
        return {
          status: "queued",
          value: s,
          message: `accepted; queued for the share service (${s.task_state ?? ""})`,
        };
      },
      onProgress: (r) => opts.onProgress({ step, message: r.message ?? r.status }),
    });
  } catch (e) {
    if (e instanceof FerryError && (e.code === "TIMEOUT" || e.code === "CANCELLED")) throw unseen(e);
    throw e;
  }
}

export const shareServerHost: Kind<
  ShareServerHostSpec,
  ShareServerHostObserved,
  ShareServerHostOutputs,
  ManilaClient
> = {
  type: "manila_share_server_host",
  backend: "manila",
  className: "ShareServerHost",
  description:
    "The back end (`host@backend`) that serves a Manila share server and all its shares. Changing `host` runs Manila's share-server migration (API ≥ 2.57, admin): migration_check at plan time (incompatible → blocked, with requested vs supported capabilities), migration_start, a wait for phase 1, and — only with `complete = true`, because clients may need to reconnect — migration_complete. A migration found in flight is adopted, never started twice.",
  spec: shareServerHostSpec,
  outputs: shareServerHostOutputs,
  defaultTimeouts: { create: 6 * 60 * 60_000, update: 6 * 60 * 60_000, delete: 60 * 60_000 },
  destroyDoc:
    "Cancels a move in flight (migration_cancel; the shares stay on the source) and cleans up the destination Manila leaves behind (reset_status error, then DELETE). Without a move in flight it only forgets the resource.",
  importDoc:
    "The share server id (the original source id also works after a completed move): `terraform import ferry_manila_share_server_host.fs <share-server-uuid>`.",
  id: (spec) => spec.share_server_id,
  observe: (client, spec, log) => observeShareServerHost(client, spec, log),
  next: nextShareServerHost,
  nextDestroy: (spec, o) => nextShareServerHostDestroy(spec, o),
  outputsOf: (_spec, o) => {
    const c = o.current;
    const task = c?.task_state ?? "";
    return {
      current_share_server_id: c?.id ?? "",
      current_host: c?.host ?? "",
      status: c?.status ?? "",
      task_state: task,
      total_progress: o.progress ?? (task === "migration_success" ? 100 : 0),
      destination_share_server_id: c?.status === "server_migrating" ? (o.destination?.id ?? "") : "",
      ready_to_complete: c?.status === "server_migrating" && task === PHASE1_DONE,
    };
  },
  run: (client, step, opts) => runShareServerHostStep(client, step, opts),
  async importSpec(client, id) {
    const c = await followChain(client, id);
    if (!c)
      throw new FerryError("NOT_FOUND", {
        what: `Share server ${id} could not be found.`,
        fix: "Import with the id of an existing share server (`manila share-server-list`).",
      });
    const dest =
      c.status === "server_migrating"
        ? (await client.listServers({ source_share_server_id: c.id })).find(
            (d) => d.status === "server_migrating_to",
          )
        : undefined;
    return shareServerHostSpec.parse({ share_server_id: id, host: dest?.host ?? c.host });
  },
};
