// CloudStack async jobs (apis.md §1.3). A job is created when an async command is accepted; it waits until
// no earlier unfinished job holds one of its locks (CloudStack runs the work of one VM through a per-VM
// queue, so a second operation on the same VM waits for the first), then its checks run (a refusal fails
// the job: jobstatus 2, jobresultcode 530, jobresult {errorcode, errortext}), the transitional state is set,
// and jobDurationMs later the final state is applied and the job succeeds (jobstatus 1).
import { randomUUID } from "node:crypto";
import { CloudStackError, ErrorCode } from "./errors.ts";
import { formatDate, type Json, OWNER } from "./views.ts";

/** What a job does. The runner calls start, then (after jobDurationMs) finish, then result. */
export interface JobWork {
  /** The business-rule checks and the transitional state (e.g. volume Migrating). Throw to fail the job. */
  start(): void;
  /** The final state. Throw to fail the job; undo() then restores what start() changed. */
  finish(): void;
  /** The jobresult of a successful job, e.g. {"volume": {…}} as the object is listed now. */
  result(): Json;
  /** Puts back what start() changed, after a failure in finish() or when the lab stops mid-job. */
  undo?(): void;
}

export interface JobSpec {
  /** The Java class of the command, reported as `cmd`. */
  cmd: string;
  /** The API command name, for the lab's own bookkeeping. */
  command: string;
  instanceType: "Volume" | "VirtualMachine";
  /** The object the job works on; shown as jobid on that object while the job is pending. */
  instanceId: string | null;
  /** Ids of the VMs and volumes the job needs to itself (FIFO per id). */
  locks: string[];
  work: JobWork;
}

export interface AsyncJobRecord {
  id: string;
  cmd: string;
  command: string;
  instanceType: "Volume" | "VirtualMachine";
  instanceId: string | null;
  locks: string[];
  /** 0 pending (queued or running), 1 succeeded, 2 failed. */
  status: 0 | 1 | 2;
  /** "queued" until its locks are free, then "running", then "done". */
  phase: "queued" | "running" | "done";
  resultCode: 0 | 530;
  result?: Json;
  created: Date;
  completed?: Date;
  work: JobWork;
}

export class JobRunner {
  private readonly jobs = new Map<string, AsyncJobRecord>();
  private readonly timers = new Set<NodeJS.Timeout | NodeJS.Immediate>();
  private idleWaiters: (() => void)[] = [];
  private stopped = false;
  /** While paused, running jobs do not finish; their completions wait here for resume(). */
  private paused: (() => void)[] | undefined;

  constructor(
    /** How long a running job stays pending; read when each job starts, so it can change at run time. */
    public durationMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  submit(spec: JobSpec): AsyncJobRecord {
    const job: AsyncJobRecord = {
      ...spec,
      id: randomUUID(),
      status: 0,
      phase: "queued",
      resultCode: 0,
      created: this.now(),
    };
    this.jobs.set(job.id, job);
    // Start on the next turn so the command's response (the jobid) leaves before any work happens.
    this.later(0, () => this.pump());
    return job;
  }

  get(id: string): AsyncJobRecord | undefined {
    return this.jobs.get(id.toLowerCase());
  }

  list(): AsyncJobRecord[] {
    return [...this.jobs.values()];
  }

  /** The oldest pending job whose instance is `instanceId`. */
  pendingFor(instanceId: string): AsyncJobRecord | undefined {
    for (const job of this.jobs.values()) if (job.status === 0 && job.instanceId === instanceId) return job;
    return undefined;
  }

  /** Resolves when no job is queued or running. */
  idle(): Promise<void> {
    if (this.stopped || !this.busy()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Running jobs stop short of finishing until resume() (jobs still start): a test can keep a job
   * running for as long as it needs, e.g. across a client's restart.
   */
  pause(): void {
    this.paused ??= [];
  }

  /** Lets the jobs held by pause() finish (each at once if its time is up, else when it is). */
  resume(): void {
    const held = this.paused ?? [];
    this.paused = undefined;
    for (const finish of held) finish();
  }

  /** Cancels every timer; running jobs are undone and left pending forever (the server is gone anyway). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) {
      clearTimeout(timer as NodeJS.Timeout);
      clearImmediate(timer as NodeJS.Immediate);
    }
    this.timers.clear();
    for (const job of this.jobs.values()) if (job.phase === "running") job.work.undo?.();
    this.notifyIdle(true);
  }

  private busy(): boolean {
    for (const job of this.jobs.values()) if (job.status === 0) return true;
    return false;
  }

  /** Starts every queued job whose locks no earlier unfinished job holds. */
  private pump(): void {
    if (this.stopped) return;
    const held = new Set<string>();
    for (const job of this.jobs.values()) {
      if (job.phase === "done") continue;
      const free = job.locks.every((lock) => !held.has(lock));
      for (const lock of job.locks) held.add(lock);
      if (job.phase === "queued" && free) this.run(job);
    }
    this.notifyIdle(false);
  }

  private run(job: AsyncJobRecord): void {
    job.phase = "running";
    try {
      job.work.start();
    } catch (error) {
      this.fail(job, error);
      return;
    }
    const finish = () => {
      if (this.paused) {
        this.paused.push(finish);
        return;
      }
      try {
        job.work.finish();
      } catch (error) {
        job.work.undo?.();
        this.fail(job, error);
        return;
      }
      job.phase = "done";
      job.status = 1;
      job.completed = this.now();
      job.result = job.work.result();
      this.pump();
    };
    this.later(this.durationMs, finish);
  }

  private fail(job: AsyncJobRecord, error: unknown): void {
    const known = error instanceof CloudStackError;
    job.phase = "done";
    job.status = 2;
    job.resultCode = 530;
    job.completed = this.now();
    job.result = {
      errorcode: known ? error.errorcode : ErrorCode.internalError,
      errortext: error instanceof Error ? error.message : String(error),
    };
    // pump() runs on the next turn: fail() can be called from inside pump().
    this.later(0, () => this.pump());
  }

  private later(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const done = () => {
      this.timers.delete(timer);
      fn();
    };
    const timer = ms <= 0 ? setImmediate(done) : setTimeout(done, ms);
    this.timers.add(timer);
  }

  private notifyIdle(force: boolean): void {
    if (!force && this.busy()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** The queryAsyncJobResult / listAsyncJobs view of a job. */
export function jobView(job: AsyncJobRecord): Json {
  return {
    jobid: job.id,
    ...OWNER,
    userid: "a3c0d6e2-1f4b-4c8d-9e7a-2b5f6c1d0e9f",
    accountid: "0f6d3c1e-7a2b-4d9e-8c5f-1e3a2b4c6d8e",
    domainpath: "/",
    cmd: job.cmd,
    jobstatus: job.status,
    jobprocstatus: 0,
    jobresultcode: job.resultCode,
    jobresulttype: "object",
    ...(job.result ? { jobresult: job.result } : {}),
    jobinstancetype: job.instanceType,
    ...(job.instanceId ? { jobinstanceid: job.instanceId } : {}),
    created: formatDate(job.created),
    ...(job.completed ? { completed: formatDate(job.completed) } : {}),
  };
}
