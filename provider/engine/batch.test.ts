import { afterEach, describe, expect, it, vi } from "vitest";
import { Batcher, ReadScope } from "./batch.ts";

function recordingLoader(data: Record<string, number>) {
  const calls: string[][] = [];
  const load = async (keys: string[]) => {
    calls.push([...keys]);
    return new Map(keys.filter((k) => k in data).map((k) => [k, data[k] as number]));
  };
  return { calls, load };
}

describe("Batcher", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("ids asked for in the same window → one load with all ids, deduplicated", async () => {
    const { calls, load } = recordingLoader({ a: 1, b: 2, c: 3 });
    const batcher = new Batcher(load);
    const got = await Promise.all([
      batcher.get("a"),
      batcher.get("b"),
      batcher.get("a"),
      batcher.get("c"),
      batcher.get("b"),
    ]);
    expect(got).toEqual([1, 2, 1, 3, 2]);
    expect(calls).toEqual([["a", "b", "c"]]);
    expect(batcher.loads).toBe(1);
  });

  it("ids asked for in separate windows → separate loads", async () => {
    const { calls, load } = recordingLoader({ a: 1, b: 2 });
    const batcher = new Batcher(load);
    expect(await batcher.get("a")).toBe(1);
    expect(await batcher.get("b")).toBe(2);
    expect(await batcher.get("a")).toBe(1);
    expect(calls).toEqual([["a"], ["b"], ["a"]]);
    expect(batcher.loads).toBe(3);
  });

  it("gathers ids for windowMs, not longer (fake timers)", async () => {
    vi.useFakeTimers();
    const { calls, load } = recordingLoader({ a: 1, b: 2, c: 3 });
    const batcher = new Batcher(load, 50);
    const pa = batcher.get("a");
    await vi.advanceTimersByTimeAsync(30);
    const pb = batcher.get("b");
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(20);
    expect(calls).toEqual([["a", "b"]]);
    const pc = batcher.get("c");
    await vi.advanceTimersByTimeAsync(49);
    expect(calls).toEqual([["a", "b"]]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([["a", "b"], ["c"]]);
    expect(await Promise.all([pa, pb, pc])).toEqual([1, 2, 3]);
  });

  it("nothing is cached beyond the window: a later get loads again and sees new data", async () => {
    const data: Record<string, number> = { a: 1 };
    const { load } = recordingLoader(data);
    const batcher = new Batcher(load);
    expect(await batcher.get("a")).toBe(1);
    data.a = 2;
    expect(await batcher.get("a")).toBe(2);
  });

  it("a load error rejects every waiter of that window", async () => {
    const boom = new Error("listVolumes failed");
    const load = vi.fn(async (_keys: string[]): Promise<Map<string, number>> => {
      throw boom;
    });
    const batcher = new Batcher(load);
    const all = Promise.allSettled([batcher.get("a"), batcher.get("b"), batcher.get("a")]);
    const results = await Promise.race([
      all,
      new Promise((r) => setTimeout(() => r("a waiter never settled"), 2_000)),
    ]);
    expect(results).toEqual([
      { status: "rejected", reason: boom },
      { status: "rejected", reason: boom },
      { status: "rejected", reason: boom },
    ]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("a load error does not poison the next window", async () => {
    let fail = true;
    const batcher = new Batcher(async (keys: string[]) => {
      if (fail) throw new Error("transient");
      return new Map(keys.map((k) => [k, k.length]));
    });
    await expect(batcher.get("abc")).rejects.toThrow("transient");
    fail = false;
    expect(await batcher.get("abc")).toBe(3);
  });

  it("a key the load does not return → undefined, the others still resolve", async () => {
    const { load } = recordingLoader({ a: 1 });
    const batcher = new Batcher(load);
    const [a, missing] = await Promise.all([batcher.get("a"), batcher.get("missing")]);
    expect(a).toBe(1);
    expect(missing).toBeUndefined();
  });

  it("a loader that throws synchronously still rejects every waiter", async () => {
    vi.useFakeTimers();
    const boom = new Error("bad arguments");
    const batcher = new Batcher<number>(() => {
      throw boom;
    });
    const settled: PromiseSettledResult<number | undefined>[] = [];
    const all = Promise.allSettled([batcher.get("a"), batcher.get("b")]).then((r) => settled.push(...r));
    try {
      vi.advanceTimersByTime(10);
    } catch {
      // the current code throws here, out of the timer
    }
    vi.useRealTimers();
    await Promise.race([all, new Promise((r) => setTimeout(r, 100))]);
    expect(settled).toEqual([
      { status: "rejected", reason: boom },
      { status: "rejected", reason: boom },
    ]);
  });
});

describe("ReadScope", () => {
  it("inside shared(): separate requests reuse one load; outside it every request loads again", async () => {
    const { calls, load } = recordingLoader({ a: 1, b: 2 });
    const scope = new ReadScope();
    const batcher = new Batcher(load, { scope, name: "t" });
    await scope.shared(() => Promise.all([batcher.get("a"), batcher.get("b")]));
    expect(await scope.shared(() => batcher.get("b"))).toBe(2);
    expect(calls).toEqual([["a", "b"]]);
    expect(await batcher.get("b")).toBe(2);
    expect(calls).toEqual([["a", "b"], ["b"]]);
  });

  it("a request arriving while its key is being loaded joins that load", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const calls: string[][] = [];
    const scope = new ReadScope();
    const batcher = new Batcher(
      async (keys: string[]) => {
        calls.push(keys);
        await gate;
        return new Map(keys.map((k) => [k, k.length]));
      },
      { scope, name: "t" },
    );
    const first = scope.shared(() => Promise.all([batcher.get("aa"), batcher.get("bbb")]));
    await new Promise((r) => setTimeout(r, 10));
    const late = scope.shared(() => batcher.get("bbb"));
    release();
    expect(await first).toEqual([2, 3]);
    expect(await late).toBe(3);
    expect(calls).toEqual([["aa", "bbb"]]);
  });

  it("answers older than the ttl, and everything after clear() (a write), are loaded again", async () => {
    const { calls, load } = recordingLoader({ a: 1 });
    let now = 1000;
    const scope = new ReadScope(100, () => now);
    const batcher = new Batcher(load, { scope, name: "t" });
    await scope.shared(() => batcher.get("a"));
    now += 50;
    await scope.shared(() => batcher.get("a"));
    expect(calls.length).toBe(1);
    scope.clear();
    await scope.shared(() => batcher.get("a"));
    expect(calls.length).toBe(2);
    now += 1_000_000;
    await scope.shared(() => batcher.get("a"));
    expect(calls.length).toBe(3);
  });

  it("a missing object is an answer too (not asked again), a failed load is not kept", async () => {
    let fail = true;
    const calls: string[][] = [];
    const scope = new ReadScope();
    const batcher = new Batcher(
      async (keys: string[]) => {
        calls.push(keys);
        if (fail) throw new Error("down");
        return new Map<string, number>();
      },
      { scope, name: "t" },
    );
    await expect(scope.shared(() => batcher.get("x"))).rejects.toThrow("down");
    fail = false;
    expect(await scope.shared(() => batcher.get("x"))).toBeUndefined();
    expect(await scope.shared(() => batcher.get("x"))).toBeUndefined();
    expect(calls).toEqual([["x"], ["x"]]);
  });
});
