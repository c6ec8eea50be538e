/**
 * The interruption matrix under terraform itself: one multi-step change of a kind, cut at every step
 * boundary (operation k done, operation k+1 about to be sent) and in the middle of every job
 * (operation k accepted, its job still running), by SIGINT (Ctrl-C) and by SIGKILL of terraform, then
 * `terraform apply` again. Each cell asserts what an uninterrupted run of the same change gives: the
 * same API state (power state, placement, attachment, intent tags gone) and outputs, each operation
 * exactly once in the lab's call log, and an empty plan afterwards.
 *
 * The cut is exact, not timed: the lab holds the request of operation k+1 before executing it (a
 * `hold` of its fault injector) and terraform is signalled once it is held; the held request is then
 * dropped when the provider's connection goes away, so it never runs in the interrupted apply. For a
 * mid-job cut, operation k's request is held, the lab's jobs are made long, the request is released,
 * and terraform is signalled as soon as the call log shows it accepted — the cell fails if the job
 * could have ended before the signal. After a SIGKILL the orphaned provider must stop by itself: the
 * cell waits for that process (found through /proc) to exit before the rerun, bounded.
 */
import { cpSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FaultInjector, Lab, LabOptions } from "../../lab/index.ts";
import { startLab } from "../../lab/index.ts";
import { collect, REQUIRED_PROVIDERS, TerraformWorkspace, terraformCli } from "./terraform-cli.ts";

/** The part of one backend's lab a cell needs. */
export interface LabService {
  faults: FaultInjector;
  /** Executed requests of `op`. */
  count(op: string): number;
  settle(): Promise<void>;
  clearCalls(): void;
  /** How long each job (task, migration step) runs from now on. */
  setJobMs(ms: number): void;
  /** Where the lab can keep a job running at will: running jobs do not finish until resume. */
  pauseJobs?(): void;
  resumeJobs?(): void;
  /** Executed polls of a job's result so far (CloudStack's queryAsyncJobResult). */
  polls?(): number;
  /** Jobs queued or running now. */
  pending?(): number;
  /** The call log in brief, for failure messages. */
  log?(): string[];
}

export interface MatrixKind {
  /** "ferry_cloudstack_root_volume: root swap of a Running VM" */
  title: string;
  lab: LabOptions;
  service(lab: Lab): LabService;
  env(lab: Lab): Record<string, string>;
  /** Configurations applied, uninterrupted, before the change (e.g. a replica that is then failed over). */
  setup?: string[];
  /** The configuration of the change (resources and outputs, without the terraform/provider blocks). */
  config: string;
  /** The write operations the change issues, in order (as the lab's call log names them). */
  ops: string[];
  /** The operations among `ops` that run as a job; each gets a mid-job cut. */
  jobs: string[];
  /** The API state a cell compares with the uninterrupted run's. */
  snapshot(lab: Lab): unknown;
  /** How long jobs run (kind.lab sets the same); restored after a mid-job cut. */
  jobMs: number;
  /** How long jobs run for a mid-job cut (long enough that the signal lands inside it). */
  longJobMs?: number;
}

export interface Cell {
  cut: string;
  signal: "SIGINT" | "SIGKILL";
  /** Hold this operation's request: the boundary before it. */
  before?: string;
  /** Signal while this operation's job runs. */
  during?: string;
  /** The job still runs when the rerun starts: the rerun must find it and wait, not issue it again. */
  overlap?: boolean;
}

/**
 * Every cut of a kind, by both signals; where the lab can keep a job running (`overlap`), every job
 * once more with the rerun starting while it still runs.
 */
export function cells(kind: MatrixKind, o: { overlap?: boolean } = {}): Cell[] {
  const cuts: Omit<Cell, "signal">[] = [];
  kind.ops.forEach((op, i) => {
    if (i > 0) cuts.push({ cut: `after ${kind.ops[i - 1]}, before ${op}`, before: op });
    if (kind.jobs.includes(op)) cuts.push({ cut: `during the ${op} job`, during: op });
    if (kind.jobs.includes(op) && o.overlap)
      cuts.push({ cut: `during the ${op} job, rerun while it runs`, during: op, overlap: true });
  });
  return cuts.flatMap((c) => (["SIGINT", "SIGKILL"] as const).map((signal) => ({ ...c, signal })));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The processes whose parent is `pid` (Linux /proc), read at the moment of the call. */
function children(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // pid (comm) state ppid …; comm may hold spaces and parentheses: split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (bounded) for `cond`, checking every 5 ms. */
async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(5);
  }
}

export interface Outcome {
  snapshot: unknown;
  outputs: unknown;
  writes: Record<string, number>;
}

/** A terraform workspace for `kind`, initialised from a template directory (no init per cell). */
export class KindRunner {
  private template: TerraformWorkspace | undefined;

  constructor(readonly kind: MatrixKind) {}

  private files(config: string) {
    return { "main.tf": `${REQUIRED_PROVIDERS}\nprovider "ferry" {}\n\n${config}\n` };
  }

  /** One `terraform init` for the whole file; its .terraform is copied into every cell's workspace. */
  async init(): Promise<void> {
    this.template = new TerraformWorkspace({ files: this.files(this.kind.config) });
    await this.template.init();
  }

  private async workspace(lab: Lab): Promise<TerraformWorkspace> {
    if (!this.template) throw new Error("init() first");
    const ws = new TerraformWorkspace({ env: this.kind.env(lab), files: this.files(this.kind.config) });
    cpSync(join(this.template.dir, ".terraform"), join(ws.dir, ".terraform"), {
      recursive: true,
      verbatimSymlinks: true,
    });
    cpSync(join(this.template.dir, ".terraform.lock.hcl"), join(ws.dir, ".terraform.lock.hcl"));
    return ws;
  }

  private writes(svc: LabService): Record<string, number> {
    const out: Record<string, number> = {};
    for (const op of new Set(this.kind.ops)) if (svc.count(op) > 0) out[op] = svc.count(op);
    return out;
  }

  private async prepare(): Promise<{ lab: Lab; svc: LabService; ws: TerraformWorkspace }> {
    const lab = await startLab(this.kind.lab);
    const svc = this.kind.service(lab);
    const ws = await this.workspace(lab);
    for (const config of this.kind.setup ?? []) {
      ws.write("main.tf", this.files(config)["main.tf"]);
      await ws.ok(["apply", "-no-color", "-auto-approve"]);
      await svc.settle();
    }
    ws.write("main.tf", this.files(this.kind.config)["main.tf"]);
    svc.clearCalls();
    return { lab, svc, ws };
  }

  private async finish(lab: Lab, svc: LabService, ws: TerraformWorkspace): Promise<Outcome> {
    await svc.settle();
    const outputs = JSON.parse((await ws.ok(["output", "-json"])).stdout) as Record<
      string,
      { value: unknown }
    >;
    const again = await ws.run(["plan", "-no-color", "-detailed-exitcode"]);
    expect(again.code, `the plan after the run is not empty:\n${again.stdout}${again.stderr}`).toBe(0);
    return {
      snapshot: this.kind.snapshot(lab),
      outputs: Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value])),
      writes: this.writes(svc),
    };
  }

  /** The change applied without interruption. */
  async uninterrupted(): Promise<Outcome> {
    const { lab, svc, ws } = await this.prepare();
    try {
      await ws.ok(["apply", "-no-color", "-auto-approve"]);
      const out = await this.finish(lab, svc, ws);
      expect(out.writes, "the uninterrupted run issues the kind's operations, each once").toEqual(
        Object.fromEntries(this.kind.ops.map((o) => [o, 1])),
      );
      return out;
    } finally {
      ws.cleanup();
      await lab.stop();
    }
  }

  /** One cell: the change interrupted at `cell`, then applied again. */
  async interrupted(cell: Cell): Promise<Outcome> {
    const { lab, svc, ws } = await this.prepare();
    try {
      const hold = svc.faults.hold((cell.before ?? cell.during) as string);
      const child = ws.spawn(["apply", "-no-color", "-auto-approve"]);
      const done = collect(child, 120_000, "terraform apply (to be interrupted)");
      const pid = child.pid as number;
      const early = await Promise.race([hold.arrived.then(() => undefined), done]);
      if (early) throw new Error(`terraform ended before the cut:\n${early.stdout}\n${early.stderr}`);
      let released = 0;
      const longMs = this.kind.longJobMs ?? 2500;
      if (cell.during) {
        const op = cell.during;
        const before = svc.count(op);
        if (cell.overlap) {
          if (!svc.pauseJobs) throw new Error("this lab cannot keep a job running");
          svc.pauseJobs();
        } else svc.setJobMs(longMs);
        released = Date.now();
        hold.release();
        await until(() => svc.count(op) > before, 10_000, `${op} accepted`);
      }
      const providers = children(pid);
      child.kill(cell.signal);
      if (cell.during && !cell.overlap)
        expect(Date.now() - released, "the signal landed while the job still ran").toBeLessThan(longMs / 2);
      const first = await done;
      expect(first.code, "the interrupted apply does not claim success").not.toBe(0);
      // SIGINT: terraform stops its provider; SIGKILL: the orphaned provider must stop by itself.
      await until(() => providers.every((p) => !alive(p)), 30_000, "the provider to exit");
      if (cell.before)
        expect(await hold.settled, `${cell.before} was not sent in the interrupted run`).toBe("dropped");
      const next = cell.before ?? this.kind.ops[this.kind.ops.indexOf(cell.during as string) + 1];
      if (next) expect(svc.count(next), `${next} was not issued by the interrupted run`).toBe(0);
      svc.setJobMs(this.kind.jobMs);
      if (cell.overlap) {
        // The job still runs: the rerun must find it and wait for it. It ends once the rerun polls it
        // (or, should the rerun never poll, 60 s after the rerun started: the cell then shows why).
        expect(svc.pending?.(), "the job still runs when the rerun starts").toBe(1);
        const polls = svc.polls?.() ?? 0;
        const rerun = collect(
          ws.spawn(["apply", "-no-color", "-auto-approve"]),
          120_000,
          "terraform apply (rerun)",
        );
        let ended = false;
        void rerun.finally(() => {
          ended = true;
        });
        const deadline = Date.now() + 60_000;
        await until(
          () => ended || Date.now() > deadline || (svc.polls?.() ?? 0) > polls,
          65_000,
          "the rerun",
        );
        const waited = (svc.polls?.() ?? 0) > polls;
        svc.resumeJobs?.();
        const r = await rerun;
        expect(
          waited,
          `the rerun found the running job and polled it:\n${r.stdout}\n${r.stderr}\n${svc.log?.().join("\n")}`,
        ).toBe(true);
        expect(r.code, `the rerun failed:\n${r.stdout}\n${r.stderr}`).toBe(0);
        return await this.finish(lab, svc, ws);
      }
      await svc.settle();

      await ws.ok(["apply", "-no-color", "-auto-approve"]);
      return await this.finish(lab, svc, ws);
    } finally {
      ws.cleanup();
      await lab.stop();
    }
  }

  cleanup(): void {
    this.template?.cleanup();
  }
}

/**
 * A deep copy of `x` without the keys `drop` matches (timestamps, ids the API makes up anew in every
 * run, timers), for comparing the API state of two runs.
 */
export function stable(x: unknown, drop: RegExp): unknown {
  if (Array.isArray(x)) return x.map((v) => stable(v, drop));
  if (x instanceof Map) return stable(Object.fromEntries(x), drop);
  if (x instanceof Set) return [...x].map((v) => stable(v, drop));
  if (typeof x !== "object" || x === null) return x;
  return Object.fromEntries(
    Object.entries(x)
      .filter(
        ([k, v]) =>
          !drop.test(k) && typeof v !== "function" && !(v instanceof Object && "ref" in v && "unref" in v),
      )
      .map(([k, v]) => [k, stable(v, drop)]),
  );
}

/**
 * The vitest suite of a file's kinds under terraform: one `terraform init` and one uninterrupted
 * reference run per kind (shared by its cells, started by the first), every cell of every kind
 * concurrently, each in its own lab and workspace. Prints the cell count.
 */
export function matrixSuite(
  kinds: MatrixKind[],
  o: {
    overlap?: boolean;
    reference?: (kind: MatrixKind, out: Outcome) => void;
    /** Only the cells it accepts (a file may take a part of a kind's matrix). */
    only?: (cell: Cell, kind: MatrixKind) => boolean;
  } = {},
): void {
  const tf = terraformCli();
  const all = kinds.flatMap((kind) => {
    const runner = new KindRunner(kind);
    let expected: Promise<Outcome> | undefined;
    const reference = () => {
      expected ??= runner
        .init()
        .then(() => runner.uninterrupted())
        .then((out) => {
          o.reference?.(kind, out);
          return out;
        });
      return expected;
    };
    const list = cells(kind, o).filter((c) => o.only?.(c, kind) ?? true);
    console.log(`${kind.title}: ${list.length} cells`);
    return list.map((cell) => ({ ...cell, title: kind.title, runner, reference }));
  });
  console.log(`the terraform matrix in this file: ${all.length} cells`);

  describe.skipIf(!tf.available)(`terraform ${tf.version} interrupted, then applied again`, () => {
    afterAll(() => {
      for (const r of new Set(all.map((c) => c.runner))) r.cleanup();
    });
    describe.concurrent("each cell equals the uninterrupted run", () => {
      for (const { runner, reference, title, ...cell } of all)
        it(`${title}: ${cell.cut} (${cell.signal})`, async () => {
          const expected = await reference();
          expect(await runner.interrupted(cell)).toEqual(expected);
        }, 150_000);
    });
  });
}
