/**
 * The finder/status/wait trio. A backend supplies `refresh` (find the object and report its status);
 * `waitFor` polls it until a target status, failing on an unexpected status, on the deadline or on
 * cancellation. Progress is reported on every poll.
 *
 * The schedule is proportional to the time already waited: the next poll comes after `fraction` of
 * the elapsed time (8 % by default), never sooner than `initialMs` (250 ms) nor later than `maxMs`.
 * A job that ends at time T is so seen by T × (1 + fraction) at the latest — 1.5 s jobs at ≈ 1.6 s
 * rather than the 2.6 s of a ×1.6 backoff — while a job of an hour is polled no more often than the
 * API's own clients poll (cloudmonkey and Ansible's CloudStack modules every 2 s; ferry's ceilings are
 * those or longer).
 */
import { CancelledError, FerryError, TimeoutError } from "./errors.ts";

export interface Backoff {
  /** First delay between polls. @default 500 */
  initialMs: number;
  /** Ceiling of the delay. @default 15000 (CloudStack's own SDK caps at 15 s) */
  maxMs: number;
  /** Growth factor per poll. @default 1.6 */
  factor: number;
  /** Random spread, as a fraction of the delay (0.2 = ±20 %). @default 0.2 */
  jitter: number;
  /**
   * waitFor only: the delay is this fraction of the time waited so far (clamped to initialMs…maxMs),
   * instead of initialMs × factor^attempt. @default 0.08
   */
  fraction?: number;
}

export const DEFAULT_BACKOFF: Backoff = {
  initialMs: 250,
  maxMs: 15_000,
  factor: 1.6,
  jitter: 0.2,
  fraction: 0.08,
};

/** The delay of waitFor's proportional schedule after `elapsedMs` of waiting. Exposed for tests. */
export function pollDelay(elapsedMs: number, b: Backoff, random: () => number = Math.random): number {
  const base = (b.fraction ?? 0) * Math.max(0, elapsedMs);
  const spread = base * b.jitter * (random() * 2 - 1);
  return Math.round(Math.max(b.initialMs, Math.min(b.maxMs, base + spread)));
}

export interface StatusReport<T> {
  /** The status string the wait decides on (a job status, a task_state, a task state …). */
  status: string;
  /** The object found, handed back when the target is reached. */
  value: T;
  /** 0–100 where the API reports it. */
  percent?: number;
  /** A short human text for progress output. */
  message?: string;
  /** When the API says the operation failed: its own message. Ends the wait with an error. */
  failure?: FerryError;
}

export interface WaitOptions<T> {
  /** What is being waited for, for messages: "job 5c0e… (detachVolume)". */
  what: string;
  refresh: (signal: AbortSignal) => Promise<StatusReport<T>>;
  pending: readonly string[];
  target: readonly string[];
  /** Absolute deadline (epoch ms). */
  deadline: number;
  signal?: AbortSignal | undefined;
  backoff?: Partial<Backoff> | undefined;
  onProgress?: ((r: StatusReport<T>) => void) | undefined;
  /** Injected clock and sleep, for tests. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The delay before poll number `attempt` (0-based). Exposed for tests. */
export function backoffDelay(attempt: number, b: Backoff, random: () => number = Math.random): number {
  const base = Math.min(b.maxMs, b.initialMs * b.factor ** attempt);
  const spread = base * b.jitter * (random() * 2 - 1);
  return Math.max(0, Math.min(b.maxMs, Math.round(base + spread)));
}

export async function waitFor<T>(o: WaitOptions<T>): Promise<T> {
  const b: Backoff = { ...DEFAULT_BACKOFF, ...o.backoff };
  const now = o.now ?? Date.now;
  const doSleep = o.sleep ?? sleep;
  const random = o.random ?? Math.random;
  const signal = o.signal ?? new AbortController().signal;
  const started = now();
  for (let attempt = 0; ; attempt++) {
    if (signal.aborted) throw new CancelledError(`Stopped waiting for ${o.what}.`);
    let report: StatusReport<T>;
    try {
      report = await o.refresh(signal);
    } catch (e) {
      if (signal.aborted) throw new CancelledError(`Stopped waiting for ${o.what}.`);
      throw e;
    }
    o.onProgress?.(report);
    if (report.failure) throw report.failure;
    if (o.target.includes(report.status)) return report.value;
    if (!o.pending.includes(report.status)) {
      throw new FerryError("UNEXPECTED_RESPONSE", {
        what: `While waiting for ${o.what}, it reached the unexpected status "${report.status}".`,
        why: `Expected one of ${[...o.pending, ...o.target].map((s) => `"${s}"`).join(", ")}.`,
        fix: "Plan again to see the current state; the change may have been altered outside ferry.",
      });
    }
    const delay =
      (b.fraction ?? 0) > 0 ? pollDelay(now() - started, b, random) : backoffDelay(attempt, b, random);
    const remaining = o.deadline - now();
    if (remaining <= 0) throw new TimeoutError(`Timed out waiting for ${o.what}.`, o.what);
    try {
      await doSleep(Math.min(delay, remaining), signal);
    } catch {
      throw new CancelledError(`Stopped waiting for ${o.what}.`);
    }
  }
}
