// Fault injection: make the next N matching requests fail the way networks and busy management servers do,
// so clients can be tested on retries, ambiguous writes and back-off.
//   status        HTTP 5xx with a CloudStack error envelope (errorcode 530); the command is NOT executed
//   status-after  the command IS executed (an async job exists), then HTTP 5xx: the client never saw the jobid
//   reset         the connection is destroyed before (or, with after: true, after) executing the command
//   ratelimit     HTTP 429 with Retry-After and an errorcode 429 envelope; not executed
//   latency       the answer is delayed by ms (combines with the others)
//   hold          (faults.hold(commands), not inject) the next matching request waits, unexecuted, until
//                 the test releases it; when its client goes away first it is dropped, never executed —
//                 so a test can stop a client exactly between two operations
// `commands` limits a fault to those command names (case-insensitive); without it every command matches.
// `times` counts the requests a fault applies to; latency without `times` applies until cleared.
import * as z from "zod";

const commands = z
  .array(z.string().min(1))
  .optional()
  .describe("Command names the fault applies to (case-insensitive); all when omitted.");
const times = z.number().int().min(1).default(1).describe("How many matching requests the fault hits.");
const status = z.number().int().min(500).max(599).default(503).describe("HTTP status to answer.");

export const faultSpecSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("status"), status, times, commands }).strict(),
  z.object({ kind: z.literal("status-after"), status, times, commands }).strict(),
  z
    .object({
      kind: z.literal("reset"),
      times,
      commands,
      after: z.boolean().default(false).describe("Destroy the socket after executing the command."),
    })
    .strict(),
  z
    .object({
      kind: z.literal("ratelimit"),
      retryAfterSeconds: z.number().int().min(0).default(1),
      times,
      commands,
    })
    .strict(),
  z
    .object({
      kind: z.literal("latency"),
      ms: z.number().int().min(0).max(600_000),
      times: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe("Requests to delay; every request until cleared if omitted."),
      commands,
    })
    .strict(),
]);

export type FaultSpec = z.input<typeof faultSpecSchema>;
type ActiveFault = z.output<typeof faultSpecSchema>;

/** What happens to one request: a delay, then possibly a failure before or after executing the command. */
export interface FaultPlan {
  latencyMs: number;
  before?:
    | { kind: "status"; status: number }
    | { kind: "ratelimit"; retryAfterSeconds: number }
    | { kind: "reset" };
  after?: { kind: "status-after"; status: number } | { kind: "reset" };
  /** Short description for the call log, e.g. "status-after 503" or "latency 200ms". */
  label?: string;
  /** The request is held (see FaultInjector.hold): the server awaits hold.wait before executing it. */
  hold?: Hold;
}

/** Where a held request went: released by the test, or dropped because its client went away. */
export type HoldOutcome = "released" | "dropped";

/**
 * One held request. `arrived` resolves when a matching request is held; the server then awaits
 * `wait(res)`, which resolves "released" on release() and "dropped" when the response's connection
 * closes first (a client killed while it waits: the request never executes).
 */
export class Hold {
  readonly arrived: Promise<void>;
  /** Resolves with what became of the held request. */
  readonly settled: Promise<HoldOutcome>;
  private arrive!: () => void;
  private settle!: (o: HoldOutcome) => void;
  private released = false;

  constructor(readonly commands: readonly string[]) {
    this.arrived = new Promise((r) => {
      this.arrive = r;
    });
    this.settled = new Promise((r) => {
      this.settle = r;
    });
  }

  matches(command: string): boolean {
    return this.commands.some((c) => c.toLowerCase() === command.toLowerCase());
  }

  /** Lets the held request (or the next one to arrive) run. */
  release(): void {
    this.released = true;
    this.settle("released");
  }

  /** Called by the server with the held request's response; resolves when it may run or must be dropped. */
  wait(res: {
    once(event: "close", fn: () => void): unknown;
    writableEnded?: boolean;
  }): Promise<HoldOutcome> {
    this.arrive();
    if (!this.released) res.once("close", () => this.settle("dropped"));
    return this.settled;
  }
}

export class FaultInjector {
  private faults: ActiveFault[] = [];

  /** Adds a fault (validated); faults apply in the order they were injected. */
  inject(spec: FaultSpec): void {
    this.faults.push(faultSpecSchema.parse(spec));
  }

  /** Removes every fault (held requests are released). */
  clear(): void {
    this.faults = [];
    for (const h of this.holds) h.release();
    this.holds = [];
  }

  /** Holds the next request for one of `commands` before it executes (see Hold). */
  hold(...commands: string[]): Hold {
    const h = new Hold(commands);
    this.holds.push(h);
    return h;
  }

  private holds: Hold[] = [];

  /** Faults not yet used up. */
  pending(): readonly ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Takes the faults that apply to a request for `command`, consuming one use of each. */
  plan(command: string): FaultPlan {
    const matches = (f: ActiveFault) =>
      f.commands === undefined || f.commands.some((c) => c.toLowerCase() === command.toLowerCase());
    const plan: FaultPlan = { latencyMs: 0 };
    const labels: string[] = [];
    const held = this.holds.find((h) => h.matches(command));
    if (held) {
      this.holds = this.holds.filter((h) => h !== held);
      plan.hold = held;
      labels.push("hold");
    }
    for (const fault of this.faults.filter((f) => f.kind === "latency" && matches(f))) {
      if (fault.kind !== "latency") continue;
      plan.latencyMs += fault.ms;
      labels.push(`latency ${fault.ms}ms`);
      this.use(fault);
    }
    const failure = this.faults.find((f) => f.kind !== "latency" && matches(f));
    if (failure) {
      this.use(failure);
      switch (failure.kind) {
        case "status":
          plan.before = { kind: "status", status: failure.status };
          labels.push(`status ${failure.status}`);
          break;
        case "status-after":
          plan.after = { kind: "status-after", status: failure.status };
          labels.push(`status-after ${failure.status}`);
          break;
        case "reset":
          if (failure.after) plan.after = { kind: "reset" };
          else plan.before = { kind: "reset" };
          labels.push(failure.after ? "reset-after" : "reset");
          break;
        case "ratelimit":
          plan.before = { kind: "ratelimit", retryAfterSeconds: failure.retryAfterSeconds };
          labels.push(`ratelimit ${failure.retryAfterSeconds}s`);
          break;
        case "latency":
          break;
      }
    }
    if (labels.length > 0) plan.label = labels.join(", ");
    return plan;
  }

  private use(fault: ActiveFault): void {
    if (fault.times === undefined) return;
    fault.times -= 1;
    if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
  }
}
