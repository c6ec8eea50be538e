/**
 * The interruption matrix through the Pulumi door: the dynamic-provider host SIGKILLed (what a lost
 * `pulumi up`, an OOM kill or a CI runner's cancellation does to it: the provider runs inside it) at
 * every step boundary and in every job of one change, then `pulumi up` again from a new host. Pulumi
 * keeps a create that never answered as a pending operation and creates again; an update that never
 * answered leaves the old outputs in state and is diffed and updated again — both done here as the
 * engine does. Each cell asserts what an uninterrupted `up` gives: the same API state and outputs,
 * each operation once in the lab's call log, and nothing to do on a further up.
 *
 * The cuts are the terraform matrix's (test/support/interrupt-matrix.ts): a request held in the lab
 * before it runs (dropped once the killed host's connection is gone), or a job known to be running.
 */
import { describe, expect, it } from "vitest";
import type { Lab, LabOptions } from "../../../lab/index.ts";
import { startLab } from "../../../lab/index.ts";
import type { Cell, LabService } from "../../support/interrupt-matrix.ts";
import { Host, type Props, runProgram, urnOf } from "./host.ts";

export interface PulumiKind {
  title: string;
  lab: LabOptions;
  service(lab: Lab): LabService;
  /** What Configure carries (the stack's `ferry:` config). */
  config(lab: Lab): Record<string, unknown>;
  program: string;
  /** The resource's name in the program. */
  name: string;
  /** Its key in FERRY_PROGRAM_ARGS (the name when unset). */
  argsKey?: string;
  /** Arguments of an uninterrupted `up` before the change (the change is then an update). */
  setup?: Record<string, unknown>;
  args: Record<string, unknown>;
  ops: string[];
  jobs: string[];
  snapshot(lab: Lab): unknown;
  /** Output keys compared with the uninterrupted run's (ids the API makes up anew are left out). */
  outputs: string[];
  jobMs: number;
  longJobMs?: number;
}

/**
 * The SIGKILL cells of a kind: every step boundary and every job; where the lab can keep a job
 * running (`overlap`), every job once more with the next up starting while it still runs.
 */
export function hostCells(kind: PulumiKind, o: { overlap?: boolean } = {}): Cell[] {
  const out: Cell[] = [];
  kind.ops.forEach((op, i) => {
    if (i > 0) out.push({ cut: `after ${kind.ops[i - 1]}, before ${op}`, before: op, signal: "SIGKILL" });
    if (kind.jobs.includes(op)) out.push({ cut: `during the ${op} job`, during: op, signal: "SIGKILL" });
    if (kind.jobs.includes(op) && o.overlap)
      out.push({
        cut: `during the ${op} job, up again while it runs`,
        during: op,
        overlap: true,
        signal: "SIGKILL",
      });
  });
  return out;
}

export interface HostOutcome {
  snapshot: unknown;
  outputs: Props;
  writes: Record<string, number>;
}

interface State {
  urn: string;
  id: string;
  outputs: Props;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(5);
  }
}

export class HostRunner {
  private regs = new Map<string, { urn: string; inputs: Props }>();

  constructor(readonly kind: PulumiKind) {}

  /** Runs the program once per argument set (under mocks) for the registrations every cell sends. */
  async init(): Promise<void> {
    for (const [key, args] of [
      ["setup", this.kind.setup],
      ["change", this.kind.args],
    ] as const) {
      if (!args) continue;
      const reg = (await runProgram(this.kind.program, { [this.kind.argsKey ?? this.kind.name]: args })).get(
        this.kind.name,
      );
      if (!reg) throw new Error(`the program registered no resource ${this.kind.name}`);
      this.regs.set(key, { urn: urnOf(reg), inputs: reg.inputs });
    }
  }

  private async host(lab: Lab): Promise<Host> {
    const host = await Host.start();
    await host.configure(this.kind.config(lab));
    return host;
  }

  /** `pulumi up` of the one resource: Check, then Create — or Diff, then Update. */
  private async up(host: Host, key: "setup" | "change", state: State | undefined): Promise<State | "same"> {
    const reg = this.regs.get(key);
    if (!reg) throw new Error("init() first");
    const checked = await host.check(reg.urn, {}, reg.inputs);
    expect(checked.failures).toEqual([]);
    if (!state) {
      const created = await host.create(reg.urn, checked.inputs);
      return { urn: reg.urn, id: created.id, outputs: created.props };
    }
    const diff = await host.diff(reg.urn, state.id, state.outputs, checked.inputs);
    if (diff.changes !== "some") return "same";
    expect(diff.replaces, "the change is an update in place").toEqual([]);
    const updated = await host.update(reg.urn, state.id, state.outputs, checked.inputs);
    return { ...state, outputs: updated.props };
  }

  private writes(svc: LabService): Record<string, number> {
    const out: Record<string, number> = {};
    for (const op of new Set(this.kind.ops)) if (svc.count(op) > 0) out[op] = svc.count(op);
    return out;
  }

  private async prepare(): Promise<{ lab: Lab; svc: LabService; host: Host; state: State | undefined }> {
    const lab = await startLab(this.kind.lab);
    const svc = this.kind.service(lab);
    const host = await this.host(lab);
    let state: State | undefined;
    if (this.kind.setup) {
      const s = await this.up(host, "setup", undefined);
      if (s === "same") throw new Error("setup: nothing created");
      state = s;
      await svc.settle();
    }
    svc.clearCalls();
    return { lab, svc, host, state };
  }

  private async finish(lab: Lab, svc: LabService, host: Host, state: State): Promise<HostOutcome> {
    await svc.settle();
    expect(await this.up(host, "change", state), "a further up has nothing to do").toBe("same");
    return {
      snapshot: this.kind.snapshot(lab),
      outputs: Object.fromEntries(this.kind.outputs.map((k) => [k, state.outputs[k]])),
      writes: this.writes(svc),
    };
  }

  async uninterrupted(): Promise<HostOutcome> {
    const { lab, svc, host, state } = await this.prepare();
    try {
      const done = await this.up(host, "change", state);
      if (done === "same") throw new Error("the change has nothing to do");
      const out = await this.finish(lab, svc, host, done);
      expect(out.writes, "the uninterrupted up issues the kind's operations, each once").toEqual(
        Object.fromEntries(this.kind.ops.map((o) => [o, 1])),
      );
      return out;
    } finally {
      await host.stop();
      await lab.stop();
    }
  }

  async interrupted(cell: Cell): Promise<HostOutcome> {
    const { lab, svc, host, state } = await this.prepare();
    let second: Host | undefined;
    try {
      const hold = svc.faults.hold((cell.before ?? cell.during) as string);
      const running = this.up(host, "change", state).then(
        () => "answered" as const,
        () => "lost" as const,
      );
      const early = await Promise.race([hold.arrived.then(() => undefined), running]);
      if (early) throw new Error(`the up ended (${early}) before the cut`);
      const longMs = this.kind.longJobMs ?? 2500;
      let released = 0;
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
      await host.stop("SIGKILL");
      if (cell.during && !cell.overlap)
        expect(Date.now() - released, "the kill landed while the job still ran").toBeLessThan(longMs / 2);
      expect(await running, "the killed host never answered").toBe("lost");
      if (cell.before)
        expect(await hold.settled, `${cell.before} was not sent before the kill`).toBe("dropped");
      const next = cell.before ?? this.kind.ops[this.kind.ops.indexOf(cell.during as string) + 1];
      if (next) expect(svc.count(next), `${next} was not issued before the kill`).toBe(0);
      svc.setJobMs(this.kind.jobMs);
      // The next `pulumi up`: a new host; the state is what it was before the lost call.
      let done: State | "same";
      if (cell.overlap) {
        // The job still runs: the next up must find it and wait for it; it ends once polled.
        expect(svc.pending?.(), "the job still runs when the next up starts").toBe(1);
        second = await this.host(lab);
        const polls = svc.polls?.() ?? 0;
        let ended = false;
        const again = this.up(second, "change", state).finally(() => {
          ended = true;
        });
        const deadline = Date.now() + 60_000;
        await until(() => ended || Date.now() > deadline || (svc.polls?.() ?? 0) > polls, 65_000, "the up");
        const waited = (svc.polls?.() ?? 0) > polls;
        svc.resumeJobs?.();
        done = await again;
        expect(waited, "the up found the running job and polled it").toBe(true);
      } else {
        await svc.settle();
        second = await this.host(lab);
        done = await this.up(second, "change", state);
      }
      if (done === "same") throw new Error("the rerun found nothing to do");
      return await this.finish(lab, svc, second, done);
    } finally {
      await second?.stop();
      await lab.stop();
    }
  }
}

/**
 * The vitest suite of a file's kinds through the Pulumi host: one reference run per kind (shared by
 * its cells, started by the first), every cell of every kind concurrently. Prints the cell count.
 */
export function hostSuite(kinds: PulumiKind[], o: { overlap?: boolean } = {}): void {
  const all = kinds.flatMap((kind) => {
    const runner = new HostRunner(kind);
    let expected: Promise<HostOutcome> | undefined;
    const reference = () => {
      expected ??= runner.init().then(() => runner.uninterrupted());
      return expected;
    };
    const cells = hostCells(kind, o);
    console.log(`${kind.title}: ${cells.length} cells`);
    return cells.map((cell) => ({ ...cell, title: kind.title, runner, reference }));
  });
  console.log(`the Pulumi host's matrix in this file: ${all.length} cells`);

  describe.concurrent("the Pulumi host killed, then up again: each cell equals an uninterrupted up", () => {
    for (const { runner, reference, title, ...cell } of all)
      it(`${title}: ${cell.cut} (${cell.signal})`, async () => {
        const expected = await reference();
        expect(await runner.interrupted(cell)).toEqual(expected);
      }, 150_000);
  });
}
