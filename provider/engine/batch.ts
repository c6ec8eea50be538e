/**
 * Batched observation. Resources refreshed together in one process (terraform refreshes up to ten at
 * a time; a Pulumi program many more) ask for objects one id at a time; a Batcher gathers the ids asked
 * for within a short window and answers them all from one list call (plus one per page).
 * Nothing is cached beyond the window: every observation is fresh.
 */
export class Batcher<V> {
  private pending: { key: string; resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Number of loads issued (tests and benchmarks read it). */
  loads = 0;

  constructor(
    private readonly loadMany: (keys: string[]) => Promise<Map<string, V>>,
    private readonly windowMs = 3,
  ) {}

  get(key: string): Promise<V | undefined> {
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
    this.loads++;
    Promise.resolve()
      .then(() => this.loadMany(keys))
      .then(
        (found) => {
          for (const b of batch) b.resolve(found.get(b.key));
        },
        (e: unknown) => {
          for (const b of batch) b.reject(e);
        },
      );
  }
}
