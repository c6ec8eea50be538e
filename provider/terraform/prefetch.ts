/**
 * Prefetch hints between the provider processes of one terraform command. terraform launches the
 * provider anew for each walk (validate, plan, apply) and asks for one resource at a time; what one
 * process was asked about tells the next one what it will be asked about, so that it can observe them
 * all at once (one list call per kind instead of one per ten resources).
 *
 * Hints are the resources' inputs (ids and names, never a sensitive attribute: kinds with one are not
 * recorded), kept in a per-user directory only its owner can read, one file per terraform process
 * (the provider's parent), removed after an hour. FERRY_TERRAFORM_PREFETCH=off switches this off.
 */
import { mkdirSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as z from "zod";
import type { Logger } from "../engine/log.ts";

const MAX_AGE_MS = 60 * 60_000;
const MAX_HINTS = 20_000;

const fileSchema = z.object({
  version: z.literal(1),
  hints: z.array(z.object({ type: z.string(), spec: z.record(z.string(), z.unknown()) })).max(MAX_HINTS),
});

export interface Hint {
  type: string;
  spec: Record<string, unknown>;
}

export class PrefetchHints {
  private readonly file: string | undefined;
  private readonly seen = new Map<string, Hint>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    env: NodeJS.ProcessEnv,
    private readonly log: Logger,
    parentPid: number = process.ppid,
    dir: string = join(tmpdir(), `ferry-terraform-${process.getuid?.() ?? "user"}`),
  ) {
    if ((env.FERRY_TERRAFORM_PREFETCH ?? "").toLowerCase() === "off" || parentPid <= 1) return;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const st = lstatSync(dir);
      // Only a real directory of ours that nobody else can read or write.
      if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid()) || (st.mode & 0o077) !== 0) {
        this.log.debug("prefetch hints off: the hint directory is not private", { dir });
        return;
      }
      this.file = join(dir, `${parentPid}.json`);
      this.sweep(dir);
      // terraform stops the provider at the end of each walk: what is noted is written before exit.
      process.once("exit", () => this.flush());
    } catch (e) {
      this.log.debug("prefetch hints off", { error: (e as Error).message });
    }
  }

  /** The hints left by earlier provider processes of the same terraform command. */
  load(): Hint[] {
    if (!this.file) return [];
    try {
      const r = fileSchema.safeParse(JSON.parse(readFileSync(this.file, "utf8")));
      return r.success ? r.data.hints : [];
    } catch {
      return [];
    }
  }

  /** Record a resource this process was asked about (written shortly after, in one go). */
  note(type: string, spec: object): void {
    if (!this.file) return;
    const key = `${type} ${JSON.stringify(spec)}`;
    if (this.seen.has(key) || this.seen.size >= MAX_HINTS) return;
    this.seen.set(key, { type, spec: spec as Record<string, unknown> });
    this.timer ??= setTimeout(() => this.flush(), 20);
    this.timer.unref();
  }

  /** Write what was noted (merged with what the file holds). */
  flush(): void {
    this.timer = undefined;
    if (!this.file || this.seen.size === 0) return;
    try {
      const all = new Map<string, Hint>();
      for (const h of [...this.load(), ...this.seen.values()])
        all.set(`${h.type} ${JSON.stringify(h.spec)}`, h);
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version: 1, hints: [...all.values()].slice(-MAX_HINTS) }), {
        mode: 0o600,
      });
      renameSync(tmp, this.file);
    } catch (e) {
      this.log.debug("prefetch hints not written", { error: (e as Error).message });
    }
  }

  private sweep(dir: string): void {
    const now = Date.now();
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      try {
        if (now - lstatSync(p).mtimeMs > MAX_AGE_MS) rmSync(p, { force: true });
      } catch {
        // another process removed it
      }
    }
  }
}
