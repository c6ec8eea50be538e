import { describe, expect, it, vi } from "vitest";
import { ApiError, CancelledError, FerryError, TimeoutError } from "./errors.ts";
import {
  type Backoff,
  backoffDelay,
  DEFAULT_BACKOFF,
  pollDelay,
  type StatusReport,
  sleep,
  waitFor,
} from "./wait.ts";

/** A fake clock: `sleep` advances `now` by exactly the time asked for, instantly. */
function fakeClock(start = 1_000_000) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** A refresh that answers the given statuses in order, then repeats the last one (bounded by the caller). */
function scripted(statuses: string[], extra: Partial<StatusReport<string>>[] = []) {
  let i = 0;
  const refresh = vi.fn(async (_signal: AbortSignal): Promise<StatusReport<string>> => {
    const n = Math.min(i, statuses.length - 1);
    i++;
    return { status: statuses[n] as string, value: `value-${n}`, ...(extra[n] ?? {}) };
  });
  return refresh;
}

const noJitter = () => 0.5;

describe("waitFor", () => {
  it("returns the value once a target status is reached, sleeping with backoff in between", async () => {
    const clock = fakeClock();
    const refresh = scripted(["PENDING", "PENDING", "PENDING", "SUCCEEDED"]);
    const value = await waitFor({
      what: "job 1 (detachVolume)",
      refresh,
      pending: ["PENDING"],
      target: ["SUCCEEDED"],
      deadline: clock.now() + 60_000,
      backoff: { initialMs: 100, factor: 2, maxMs: 10_000, jitter: 0.2, fraction: 0 },
      now: clock.now,
      sleep: clock.sleep,
      random: noJitter,
    });
    expect(value).toBe("value-3");
    expect(refresh).toHaveBeenCalledTimes(4);
    expect(clock.sleeps).toEqual([100, 200, 400]);
  });

  it("returns at once when the first report is already a target status", async () => {
    const clock = fakeClock();
    const refresh = scripted(["done"]);
    const value = await waitFor({
      what: "x",
      refresh,
      pending: ["running"],
      target: ["done", "also-done"],
      deadline: clock.now() + 1000,
      now: clock.now,
      sleep: clock.sleep,
      random: noJitter,
    });
    expect(value).toBe("value-0");
    expect(clock.sleeps).toEqual([]);
  });

  it("by default polls after 8 % of the time waited, at least 250 ms and at most 15 s apart", async () => {
    const clock = fakeClock();
    await waitFor({
      what: "x",
      refresh: scripted(["p", "p", "p", "t"]),
      pending: ["p"],
      target: ["t"],
      deadline: clock.now() + 3_600_000,
      now: clock.now,
      sleep: clock.sleep,
      random: noJitter,
    });
    expect(DEFAULT_BACKOFF).toEqual({
      initialMs: 250,
      maxMs: 15_000,
      factor: 1.6,
      jitter: 0.2,
      fraction: 0.08,
    });
    expect(clock.sleeps).toEqual([250, 250, 250]);
    expect(pollDelay(10_000, DEFAULT_BACKOFF, noJitter)).toBe(800);
    expect(pollDelay(60_000, DEFAULT_BACKOFF, noJitter)).toBe(4800);
    expect(pollDelay(3_600_000, DEFAULT_BACKOFF, noJitter)).toBe(15_000);
    expect(pollDelay(60_000, DEFAULT_BACKOFF, () => 0)).toBe(3840);
  });

  it("sees a job that ends at T by T × 1.08 (+ the 250 ms floor), for jobs of every length", async () => {
    for (const jobMs of [700, 1500, 6000, 60_000, 600_000]) {
      const clock = fakeClock();
      const start = clock.now();
      await waitFor({
        what: "x",
        refresh: async () => ({ status: clock.now() - start >= jobMs ? "t" : "p", value: 1 }),
        pending: ["p"],
        target: ["t"],
        deadline: start + 3_600_000,
        now: clock.now,
        sleep: clock.sleep,
        random: () => 1,
      });
      const seen = clock.now() - start;
      expect(seen).toBeGreaterThanOrEqual(jobMs);
      expect(seen).toBeLessThanOrEqual(jobMs * 1.08 * 1.2 + 250);
    }
  });

  it("fails on an unexpected status, naming it and the expected statuses", async () => {
    const clock = fakeClock();
    const refresh = scripted(["migrating", "error_deleting"]);
    const p = waitFor({
      what: "share server abc (migration_start)",
      refresh,
      pending: ["migrating", "migrating_to"],
      target: ["active"],
      deadline: clock.now() + 60_000,
      now: clock.now,
      sleep: clock.sleep,
      random: noJitter,
    });
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(FerryError);
    const fe = e as FerryError;
    expect(fe.code).toBe("UNEXPECTED_RESPONSE");
    expect(fe.message).toContain('"error_deleting"');
    expect(fe.message).toContain("share server abc (migration_start)");
    for (const s of ["migrating", "migrating_to", "active"]) expect(fe.message).toContain(`"${s}"`);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it("ends the wait with the report's own failure, even when the status is a pending one", async () => {
    const clock = fakeClock();
    const failure = new ApiError({
      backend: "CloudStack",
      operation: "migrateVolume",
      apiCode: 530,
      apiMessage: "Storage pool is in maintenance",
      code: "JOB_FAILED",
    });
    const refresh = scripted(["0", "0"], [{}, { failure }]);
    const onProgress = vi.fn();
    await expect(
      waitFor({
        what: "job 7",
        refresh,
        pending: ["0"],
        target: ["1"],
        deadline: clock.now() + 60_000,
        now: clock.now,
        sleep: clock.sleep,
        random: noJitter,
        onProgress,
      }),
    ).rejects.toBe(failure);
    expect(refresh).toHaveBeenCalledTimes(2);
    // progress is still reported for the failing poll
    expect(onProgress).toHaveBeenCalledTimes(2);
  });

  it("a failure wins over a target status in the same report", async () => {
    const clock = fakeClock();
    const failure = new FerryError("JOB_FAILED", { what: "the job failed" });
    await expect(
      waitFor({
        what: "job 8",
        refresh: scripted(["1"], [{ failure }]),
        pending: ["0"],
        target: ["1"],
        deadline: clock.now() + 60_000,
        now: clock.now,
        sleep: clock.sleep,
      }),
    ).rejects.toBe(failure);
  });

  it("stops at the deadline with TimeoutError (TIMEOUT) saying the operation continues and the next run resumes it", async () => {
    const clock = fakeClock();
    const start = clock.now();
    const refresh = scripted(["InProgress"]);
    const e = await waitFor({
      what: "task 42 (preparetodetach)",
      refresh,
      pending: ["InProgress"],
      target: ["Completed"],
      deadline: start + 10_000,
      backoff: { initialMs: 1000, factor: 2, maxMs: 4000, jitter: 0, fraction: 0 },
      now: clock.now,
      sleep: clock.sleep,
    }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(TimeoutError);
    const te = e as TimeoutError;
    expect(te.code).toBe("TIMEOUT");
    expect(te.message).toContain("task 42 (preparetodetach)");
    expect(te.message).toMatch(/continues on the server side/);
    expect(te.message).toMatch(/did not cancel/);
    expect(te.message).toMatch(/Run again/);
    expect(te.message).toMatch(/finds the operation in flight/);
    // sleeps 1000, 2000, 4000, then the last one is clipped to what remains: never past the deadline
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 3000]);
    expect(clock.now()).toBe(start + 10_000);
    expect(refresh).toHaveBeenCalledTimes(5);
  });

  it("a deadline already passed still allows one poll, then times out without sleeping", async () => {
    const clock = fakeClock();
    const refresh = scripted(["p"]);
    await expect(
      waitFor({
        what: "late",
        refresh,
        pending: ["p"],
        target: ["t"],
        deadline: clock.now() - 1,
        now: clock.now,
        sleep: clock.sleep,
      }),
    ).rejects.toMatchObject({ code: "TIMEOUT" });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(clock.sleeps).toEqual([]);
  });

  it("propagates an error thrown by refresh unchanged when not cancelled", async () => {
    const clock = fakeClock();
    const boom = new FerryError("API_ERROR", { what: "listAsyncJobs failed" });
    await expect(
      waitFor({
        what: "x",
        refresh: async () => {
          throw boom;
        },
        pending: ["p"],
        target: ["t"],
        deadline: clock.now() + 1000,
        now: clock.now,
        sleep: clock.sleep,
      }),
    ).rejects.toBe(boom);
  });

  it("calls onProgress once per poll with each report", async () => {
    const clock = fakeClock();
    const refresh = scripted(
      ["running", "running", "running", "done"],
      [{ percent: 10 }, { percent: 40 }, { percent: 90 }, {}],
    );
    const seen: (number | undefined)[] = [];
    await waitFor({
      what: "x",
      refresh,
      pending: ["running"],
      target: ["done"],
      deadline: clock.now() + 60_000,
      now: clock.now,
      sleep: clock.sleep,
      random: noJitter,
      onProgress: (r) => seen.push(r.percent),
    });
    expect(seen).toEqual([10, 40, 90, undefined]);
  });

  describe("cancellation (real timers)", () => {
    it("an abort during the sleep ends the wait promptly with CancelledError", async () => {
      const ac = new AbortController();
      const refresh = scripted(["p"]);
      const started = Date.now();
      setTimeout(() => ac.abort(new Error("ctrl-c")), 50);
      const e = await waitFor({
        what: "job 9",
        refresh,
        pending: ["p"],
        target: ["t"],
        deadline: Date.now() + 60_000,
        // a long first sleep: only the abort can end it in time
        backoff: { initialMs: 30_000, maxMs: 30_000, jitter: 0 },
        signal: ac.signal,
      }).then(
        () => undefined,
        (err: unknown) => err,
      );
      const elapsed = Date.now() - started;
      expect(e).toBeInstanceOf(CancelledError);
      expect((e as CancelledError).code).toBe("CANCELLED");
      expect((e as CancelledError).message).toContain("job 9");
      expect(elapsed).toBeLessThan(5_000);
      expect(refresh).toHaveBeenCalledTimes(1);
    });

    it("an abort while refresh is running yields CancelledError, not the raw abort error", async () => {
      const ac = new AbortController();
      const refresh = (signal: AbortSignal) =>
        new Promise<StatusReport<string>>((_resolve, reject) => {
          const t = setTimeout(() => reject(new Error("refresh never answered")), 10_000);
          signal.addEventListener("abort", () => {
            clearTimeout(t);
            reject(new DOMException("aborted", "AbortError"));
          });
        });
      setTimeout(() => ac.abort(), 30);
      const started = Date.now();
      await expect(
        waitFor({
          what: "x",
          refresh,
          pending: ["p"],
          target: ["t"],
          deadline: Date.now() + 60_000,
          signal: ac.signal,
        }),
      ).rejects.toMatchObject({ code: "CANCELLED" });
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it("an already-aborted signal ends the wait before any poll", async () => {
      const ac = new AbortController();
      ac.abort();
      const refresh = scripted(["t"]);
      await expect(
        waitFor({
          what: "x",
          refresh,
          pending: ["p"],
          target: ["t"],
          deadline: Date.now() + 1000,
          signal: ac.signal,
        }),
      ).rejects.toBeInstanceOf(CancelledError);
      expect(refresh).not.toHaveBeenCalled();
    });

    it("sleep resolves after the delay and rejects at once with the abort reason", async () => {
      const started = Date.now();
      await sleep(20);
      expect(Date.now() - started).toBeGreaterThanOrEqual(15);
      const ac = new AbortController();
      const reason = new Error("stop");
      setTimeout(() => ac.abort(reason), 10);
      const t0 = Date.now();
      await expect(sleep(30_000, ac.signal)).rejects.toBe(reason);
      expect(Date.now() - t0).toBeLessThan(5_000);
      await expect(sleep(10, ac.signal)).rejects.toBe(reason);
    });
  });
});

describe("backoffDelay", () => {
  const b: Backoff = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.2 };

  it.each([
    // attempt, no jitter (random 0.5), lowest (random 0), highest (random → 1)
    [0, 100, 80, 120],
    [1, 200, 160, 240],
    [2, 400, 320, 480],
    [3, 800, 640, 960],
    [4, 1000, 800, 1000],
    [5, 1000, 800, 1000],
    [30, 1000, 800, 1000],
  ])("attempt %i: %i ms, jitter within [%i, %i]", (attempt, mid, low, high) => {
    expect(backoffDelay(attempt, b, () => 0.5)).toBe(mid);
    expect(backoffDelay(attempt, b, () => 0)).toBe(low);
    expect(backoffDelay(attempt, b, () => 0.999_999)).toBe(high);
  });

  it("grows by the factor until the ceiling", () => {
    const delays = Array.from({ length: 8 }, (_, i) =>
      backoffDelay(i, { ...b, factor: 1.5, maxMs: 100_000, jitter: 0 }),
    );
    for (let i = 1; i < delays.length; i++) {
      expect((delays[i] as number) / (delays[i - 1] as number)).toBeCloseTo(1.5, 1);
    }
  });

  it("never exceeds maxMs nor goes negative, whatever the attempt and random value", () => {
    const randoms = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999_999];
    for (let attempt = 0; attempt < 200; attempt++) {
      for (const r of randoms) {
        const d = backoffDelay(attempt, { initialMs: 500, maxMs: 15_000, factor: 1.6, jitter: 0.5 }, () => r);
        expect(Number.isFinite(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(15_000);
      }
    }
  });

  it("jitter stays within ±jitter of the base delay", () => {
    let seed = 7;
    const lcg = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const d = backoffDelay(2, b, lcg);
      seen.add(d);
      expect(d).toBeGreaterThanOrEqual(320);
      expect(d).toBeLessThanOrEqual(480);
    }
    // jitter actually spreads the delays
    expect(seen.size).toBeGreaterThan(20);
  });
});
