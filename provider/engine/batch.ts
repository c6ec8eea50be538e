/**
 * Batched observation. Resources refreshed together in one process (terraform refreshes up to ten at
 * a time; a Pulumi program many more) ask for objects one id at a time; a Batcher gathers the ids asked
 * for within a short window and answers them all from one list call (plus one per page).
 *
 * terraform asks in separate calls, spread over time (ReadResource, then PlanResourceChange, per
 * resource, `-parallelism` at a time): a window of milliseconds catches only a few. A ReadScope lets
 * the door say "these reads may share": inside `scope.shared(fn)`, an answer loaded at most `ttlMs` ago
 * is reused (the door warms it by observing, all at once, the resources it expects). Outside it —
 * every read of an apply — nothing is reused beyond the window; any write clears what the scope holds.
 */
import { AsyncLocalStorage } from "node:async_hooks";

interface Held {
  value: unknown;
  at: number;
}

export class ReadScope {
  private readonly active = new AsyncLocalStorage<true>();
  /** Loaded answers by batcher name, then key. */
  private readonly held = new Map<string, Map<string, Held>>();
  /** Answers being loaded, by batcher name, then key: a request arriving meanwhile joins the load. */
  private readonly loading = new Map<string, Map<string, Promise<unknown>>>();

  constructor(
    readonly ttlMs = 30_000,
    readonly now: () => number = Date.now,
  ) {}

  /** Run fn with reuse of answers allowed (terraform's refresh and plan). */
  shared<T>(fn: () => Promise<T>): Promise<T> {
    return this.active.run(true, fn);
  }

  get sharing(): boolean {
    return this.active.getStore() === true;
  }

  /** Forget everything held: called on every write, so that nothing read before it is reused. */
  clear(): void {
    this.held.clear();
    this.loading.clear();
  }

  /** @internal */ lookup(batcher: string, key: string): Held | undefined {
    const h = this.held.get(batcher)?.get(key);
    if (h && this.now() - h.at <= this.ttlMs) return h;
    return undefined;
  }

  /** @internal */ inFlight(batcher: string, key: string): Promise<unknown> | undefined {
    return this.loading.get(batcher)?.get(key);
  }

  /** @internal */ started(batcher: string, keys: string[], load: Promise<Map<string, unknown>>): void {
    const m = this.loading.get(batcher) ?? new Map<string, Promise<unknown>>();
    this.loading.set(batcher, m);
    for (const k of keys) {
      const p = load.then((found) => found.get(k));
      p.catch(() => undefined); // a failed load fails the requests that joined it, nothing else
      m.set(k, p);
      const done = () => {
        if (this.loading.get(batcher)?.get(k) === p) this.loading.get(batcher)?.delete(k);
      };
      p.then(done, done);
    }
  }

  /** @internal */ store(batcher: string, keys: string[], found: Map<string, unknown>, at: number): void {
    const m = this.held.get(batcher) ?? new Map<string, Held>();
    this.held.set(batcher, m);
    for (const k of keys) m.set(k, { value: found.get(k), at });
  }
}

export interface BatcherOptions {
  windowMs?: number;
  /** Shares answers across separate requests (see ReadScope); `name` identifies this batcher in it. */
  scope?: ReadScope | undefined;
  name?: string;
}

export class Batcher<V> {
  private pending: { key: string; resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly windowMs: number;
  private readonly scope: ReadScope | undefined;
  private readonly name: string;
  /** Number of loads issued (tests and benchmarks read it). */
  loads = 0;

  constructor(
    private readonly loadMany: (keys: string[]) => Promise<Map<string, V>>,
    options: number | BatcherOptions = {},
  ) {
    const o: BatcherOptions = typeof options === "number" ? { windowMs: options } : options;
    this.windowMs = o.windowMs ?? 3;
    this.scope = o.scope;
    this.name = o.name ?? "";
    if (this.scope && !o.name) throw new Error("a Batcher in a ReadScope needs a name");
  }

  get(key: string): Promise<V | undefined> {
    if (this.scope?.sharing) {
      const h = this.scope.lookup(this.name, key);
      if (h) return Promise.resolve(h.value as V | undefined);
      const joining = this.scope.inFlight(this.name, key);
      if (joining) return joining as Promise<V | undefined>;
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.timer = undefined;
    const keys = [...new Set(batch.map((b) => b.key))];
    const scope = this.scope;
    const at = scope ? scope.now() : 0;
    this.loads++;
    const load = Promise.resolve().then(() => this.loadMany(keys));
    scope?.started(this.name, keys, load);
    load.then(
      (found) => {
        scope?.store(this.name, keys, found, at);
        for (const b of batch) b.resolve(found.get(b.key));
      },
      (e: unknown) => {
        for (const b of batch) b.reject(e);
      },
    );
  }
}
