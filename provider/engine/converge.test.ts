/**
 * converge() and planSequence() against a FAKE kind: an in-memory "shelf" whose item sits at a
 * position. Moving it needs the item to be stopped first (a disruptive step, opt-in via allow_stop),
 * then `move`, then `start`. `run` mutates the in-memory world and counts calls, so tests can see
 * exactly which operations were issued and how often.
 */
import { describe, expect, it, vi } from "vitest";
import * as z from "zod";
import { converge, MAX_AMBIGUOUS_RETRIES, MAX_CONVERGE_ROUNDS, stepKey } from "./converge.ts";
import { ApiError, FerryError, PlanBlockedError, TimeoutError } from "./errors.ts";
import type { Kind, Next, Progress, RunOptions, Step } from "./kind.ts";
import { MemorySink, Logger } from "./log.ts";
import { MAX_PLAN_STEPS, planSequence, renderOperations, renderStep } from "./plan.ts";

interface Spec {
  name: string;
  position: number;
  allow_stop?: boolean;
}

interface Observed {
  position: number;
  stopped: boolean;
  /** An operation found in flight on the "API". */
  inFlight?: { operation: string; to: number; pollsLeft: number } | undefined;
}

interface Outputs {
  position: number;
  initial_position: number | undefined;
  prior_position: number | undefined;
}

type Fault =
  /** The request reached the API and was applied, but the answer was lost. */
  | "ambiguous-applied"
  /** The request never reached the API. */
  | "ambiguous-lost"
  /** The request was accepted and is now in flight; the answer was lost. */
  | "ambiguous-in-flight"
  /** The API says OK but does nothing. */
  | "no-effect"
  /** The API refuses. */
  | "api-error";

class World {
  position = 0;
  stopped = false;
  inFlight: Observed["inFlight"];
  calls: Record<string, number> = {};
  observations = 0;
  /** Faults to inject, by operation, consumed in order. */
  faults: Record<string, Fault[]> = {};
  /** Advances the injected clock each time an operation runs. */
  onRun?: (step: Step, opts: RunOptions) => void;

  count(op: string): number {
    return this.calls[op] ?? 0;
  }
}

function ambiguous(op: string): FerryError {
  return new FerryError("AMBIGUOUS_WRITE", {
    what: `${op}: the connection failed before an answer arrived.`,
    why: "socket hang up. The request may or may not have been executed.",
  });
}

function callStep(operation: string, request: string, title: string, disruption?: string): Step {
  return { operation, action: "call", request, params: {}, title, ...(disruption ? { disruption } : {}) };
}

function nextFor(spec: Spec, o: Observed, verb = "move"): Next<Observed> {
  if (o.inFlight) {
    return {
      kind: "step",
      step: {
        operation: o.inFlight.operation,
        action: "wait",
        request: `${o.inFlight.operation} to=${o.inFlight.to}`,
        params: {},
        title: `Wait for ${o.inFlight.operation}`,
      },
      after: { position: o.inFlight.to, stopped: o.stopped },
    };
  }
  if (o.position === spec.position) {
    if (o.stopped)
      return {
        kind: "step",
        step: callStep("start", `start name=${spec.name}`, "Start"),
        after: { ...o, stopped: false },
      };
    return { kind: "done" };
  }
  if (!o.stopped) {
    if (!spec.allow_stop) {
      return {
        kind: "blocked",
        blockers: [
          {
            code: "ITEM_RUNNING",
            message: "The item must be stopped before it can move.",
            attribute: "allow_stop",
            fix: "Set allow_stop = true.",
          },
        ],
      };
    }
    return {
      kind: "step",
      step: callStep(
        "stop",
        `stop name=${spec.name}`,
        "Stop",
        "the item is unavailable until it is started again",
      ),
      after: { ...o, stopped: true },
    };
  }
  return {
    kind: "step",
    step: callStep(verb, `${verb} name=${spec.name} to=${spec.position}`, `Move to ${spec.position}`),
    after: { ...o, position: spec.position },
  };
}

function makeKind(overrides: Partial<Kind<Spec, Observed, Outputs, World>> = {}) {
  const kind: Kind<Spec, Observed, Outputs, World> = {
    type: "fake_shelf_item",
    backend: "fake",
    className: "ShelfItem",
    description: "A fake kind for engine tests.",
    spec: z.object({ name: z.string(), position: z.number(), allow_stop: z.boolean().optional() }),
    outputs: z.object({ position: z.number() }),
    defaultTimeouts: { create: 60_000, update: 60_000, delete: 60_000 },
    destroyDoc: "Moves the item back to where it was.",
    importDoc: "The item name.",
    id: (spec) => spec.name,
    observe: async (world) => {
      world.observations++;
      return {
        position: world.position,
        stopped: world.stopped,
        ...(world.inFlight ? { inFlight: { ...world.inFlight } } : {}),
      };
    },
    next: (spec, observed) => nextFor(spec, observed),
    destroySpec: (spec, prior) => ({ ...spec, position: prior?.initial_position ?? 0 }),
    nextDestroy: (spec, observed) => nextFor(spec, observed, "restore"),
    outputsOf: (_spec, observed, history) => ({
      position: observed.position,
      initial_position: history.initial?.position,
      prior_position: history.prior?.position,
    }),
    run: async (world, step, opts) => {
      world.calls[step.operation] = world.count(step.operation) + 1;
      world.onRun?.(step, opts);
      if (step.action === "wait") {
        // poll the in-flight operation until done (bounded)
        for (let i = 0; i < 10 && world.inFlight; i++) {
          opts.onProgress({ step, message: "in progress", percent: i * 10 });
          world.inFlight.pollsLeft--;
          if (world.inFlight.pollsLeft <= 0) {
            world.position = world.inFlight.to;
            world.inFlight = undefined;
          }
        }
        return;
      }
      const fault = world.faults[step.operation]?.shift();
      if (fault === "ambiguous-lost") throw ambiguous(step.operation);
      if (fault === "api-error") {
        throw new ApiError({
          backend: "Fake",
          operation: step.operation,
          status: 431,
          apiMessage: "refused",
        });
      }
      if (fault === "no-effect") return;
      const to = Number(/to=(\d+)/.exec(step.request)?.[1]);
      if (fault === "ambiguous-in-flight") {
        world.inFlight = { operation: step.operation, to, pollsLeft: 3 };
        throw ambiguous(step.operation);
      }
      opts.onProgress({ step, message: `${step.operation} done`, percent: 100 });
      if (step.operation === "stop") world.stopped = true;
      else if (step.operation === "start") world.stopped = false;
      else world.position = to;
      if (fault === "ambiguous-applied") throw ambiguous(step.operation);
    },
    importSpec: async (_world, id) => ({ name: id, position: 0 }),
    ...overrides,
  };
  return kind;
}

const spec: Spec = { name: "item-1", position: 5, allow_stop: true };

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
}

describe("converge", () => {
  it("converges in the planned order and reports outputs from the final observation", async () => {
    const world = new World();
    const kind = makeKind();
    const plan = planSequence(spec, await kind.observe(world, spec, new Logger(new MemorySink())), kind.next);
    world.observations = 0;
    const result = await converge(kind, world, spec, { phase: "update", timeoutMs: 60_000 });
    expect(result.ran.map((s) => s.operation)).toEqual(["stop", "move", "start"]);
    expect(result.ran).toEqual(plan.steps.map((s) => s.step));
    expect(world.calls).toEqual({ stop: 1, move: 1, start: 1 });
    expect(result.observed).toEqual({ position: 5, stopped: false });
    expect(result.outputs.position).toBe(5);
    // observe → run, three times, then the final observation
    expect(world.observations).toBe(4);
  });

  it("stops when done: nothing is run when the object is already as desired", async () => {
    const world = new World();
    world.position = 5;
    const run = vi.fn();
    const result = await converge(makeKind({ run }), world, spec, { phase: "update", timeoutMs: 60_000 });
    expect(run).not.toHaveBeenCalled();
    expect(result.ran).toEqual([]);
    expect(world.observations).toBe(1);
  });

  it("stops when done part-way: an object already stopped is only moved and started", async () => {
    const world = new World();
    world.stopped = true;
    const result = await converge(makeKind(), world, spec, { phase: "update", timeoutMs: 60_000 });
    expect(result.ran.map((s) => s.operation)).toEqual(["move", "start"]);
    expect(world.count("stop")).toBe(0);
  });

  it("throws PlanBlockedError carrying the blockers, and changes nothing", async () => {
    const world = new World();
    const e = await rejection(
      converge(makeKind(), world, { name: "item-1", position: 5 }, { phase: "update", timeoutMs: 60_000 }),
    );
    expect(e).toBeInstanceOf(PlanBlockedError);
    const pe = e as PlanBlockedError;
    expect(pe.code).toBe("PLAN_BLOCKED");
    expect(pe.blockers).toEqual([expect.objectContaining({ code: "ITEM_RUNNING", attribute: "allow_stop" })]);
    expect(pe.message).toContain('fake_shelf_item "item-1"');
    expect(pe.message).toContain("[ITEM_RUNNING]");
    expect(world.calls).toEqual({});
  });

  it("a call step planned again after it ran → NO_PROGRESS, and the operation was issued once only", async () => {
    const world = new World();
    world.stopped = true;
    world.faults.move = ["no-effect", "no-effect", "no-effect"];
    const e = await rejection(converge(makeKind(), world, spec, { phase: "update", timeoutMs: 60_000 }));
    expect(e).toBeInstanceOf(FerryError);
    expect((e as FerryError).code).toBe("NO_PROGRESS");
    expect((e as FerryError).message).toContain("move name=item-1 to=5");
    expect(world.count("move")).toBe(1);
  });

  it("an operation found in flight is awaited (a wait step), never issued", async () => {
    const world = new World();
    world.stopped = true;
    world.inFlight = { operation: "move", to: 5, pollsLeft: 2 };
    const progress: Progress[] = [];
    const result = await converge(makeKind(), world, spec, {
      phase: "update",
      timeoutMs: 60_000,
      onProgress: (p) => progress.push(p),
    });
    expect(result.ran.map((s) => `${s.action} ${s.operation}`)).toEqual(["wait move", "call start"]);
    expect(world.position).toBe(5);
    expect(progress.some((p) => p.step.action === "wait")).toBe(true);
  });

  describe("ambiguous writes", () => {
    it("applied by the API: converge observes and does NOT issue the operation again", async () => {
      const world = new World();
      world.stopped = true;
      world.faults.move = ["ambiguous-applied"];
      const sink = new MemorySink();
      const result = await converge(makeKind(), world, spec, {
        phase: "update",
        timeoutMs: 60_000,
        log: new Logger(sink, "warn"),
      });
      expect(world.count("move")).toBe(1);
      expect(world.count("start")).toBe(1);
      expect(world.position).toBe(5);
      expect(result.outputs.position).toBe(5);
      // the outcome was unknown: it is logged as a warning
      expect(sink.entries.some((e) => e.level === "warn" && e.message.includes("move"))).toBe(true);
    });

    it("accepted and in flight: converge awaits it instead of issuing it again", async () => {
      const world = new World();
      world.stopped = true;
      world.faults.move = ["ambiguous-in-flight"];
      const result = await converge(makeKind(), world, spec, { phase: "update", timeoutMs: 60_000 });
      // one call run (the ambiguous one) + one wait run, both counted under "move"
      expect(result.ran.map((s) => `${s.action} ${s.operation}`)).toEqual(["wait move", "call start"]);
      expect(world.count("move")).toBe(2);
      expect(world.position).toBe(5);
    });

    it("not applied by the API: the operation is issued again exactly once more", async () => {
      const world = new World();
      world.stopped = true;
      world.faults.move = ["ambiguous-lost"];
      const onStep = vi.fn((_step: Step) => undefined);
      const result = await converge(makeKind(), world, spec, { phase: "update", timeoutMs: 60_000, onStep });
      expect(world.count("move")).toBe(2);
      expect(world.position).toBe(5);
      expect(result.ran.map((s) => s.operation)).toEqual(["move", "start"]);
      expect(onStep.mock.calls.map(([s]) => s.operation)).toEqual(["move", "move", "start"]);
    });

    it(`more than MAX_AMBIGUOUS_RETRIES (${MAX_AMBIGUOUS_RETRIES}) → the AMBIGUOUS_WRITE is rethrown`, async () => {
      const world = new World();
      world.stopped = true;
      world.faults.move = Array.from({ length: 10 }, () => "ambiguous-lost" as const);
      const e = await rejection(converge(makeKind(), world, spec, { phase: "update", timeoutMs: 60_000 }));
      expect(e).toBeInstanceOf(FerryError);
      expect((e as FerryError).code).toBe("AMBIGUOUS_WRITE");
      expect(world.count("move")).toBe(MAX_AMBIGUOUS_RETRIES + 1);
      expect(world.position).toBe(0);
    });

    it("exactly MAX_AMBIGUOUS_RETRIES lost attempts still converge", async () => {
      const world = new World();
      world.stopped = true;
      world.faults.move = Array.from({ length: MAX_AMBIGUOUS_RETRIES }, () => "ambiguous-lost" as const);
      await converge(makeKind(), world, spec, { phase: "update", timeoutMs: 60_000 });
      expect(world.count("move")).toBe(MAX_AMBIGUOUS_RETRIES + 1);
      expect(world.position).toBe(5);
    });
  });

  it("other errors from run are rethrown unchanged and nothing further runs", async () => {
    const world = new World();
    world.faults.stop = ["api-error"];
    const e = await rejection(converge(makeKind(), world, spec, { phase: "update", timeoutMs: 60_000 }));
    expect(e).toBeInstanceOf(ApiError);
    expect(world.count("stop")).toBe(1);
    expect(world.count("move")).toBe(0);
  });

  it("destroy uses destroySpec and nextDestroy (never next)", async () => {
    const world = new World();
    world.position = 5;
    const kind = makeKind();
    const next = vi.spyOn(kind, "next");
    const nextDestroy = vi.spyOn(kind, "nextDestroy");
    const destroySpec = vi.spyOn(kind as Required<typeof kind>, "destroySpec");
    const prior: Outputs = { position: 5, initial_position: 2, prior_position: undefined };
    const result = await converge(kind, world, spec, {
      phase: "delete",
      timeoutMs: 60_000,
      destroy: true,
      prior,
    });
    expect(destroySpec).toHaveBeenCalledWith(spec, prior);
    expect(next).not.toHaveBeenCalled();
    expect(nextDestroy).toHaveBeenCalled();
    expect(nextDestroy.mock.calls[0]?.[0]).toEqual({ ...spec, position: 2 });
    expect(nextDestroy.mock.calls[0]?.[2]).toBe(prior);
    expect(result.ran.map((s) => s.operation)).toEqual(["stop", "restore", "start"]);
    expect(world.position).toBe(2);
    expect(result.outputs.prior_position).toBe(5);
  });

  it("outputsOf gets the initial observation (before anything changed) and the prior outputs", async () => {
    const world = new World();
    world.position = 3;
    const kind = makeKind();
    const outputsOf = vi.spyOn(kind, "outputsOf");
    const prior: Outputs = { position: 3, initial_position: 1, prior_position: undefined };
    const result = await converge(kind, world, spec, { phase: "update", timeoutMs: 60_000, prior });
    expect(outputsOf).toHaveBeenCalledTimes(1);
    const history = outputsOf.mock.calls[0]?.[2];
    expect(history?.initial).toEqual({ position: 3, stopped: false });
    expect(history?.prior).toBe(prior);
    expect(result.outputs).toEqual({ position: 5, initial_position: 3, prior_position: 3 });
  });

  it("resolveSpec is applied once, to the first observation, and its spec drives every later decision", async () => {
    const world = new World();
    world.position = 1;
    const kind = makeKind({
      // the target depends on where the item was when the change began
      resolveSpec: (s, initial) => ({ ...s, position: initial.position + 4 }),
    });
    const resolveSpec = vi.spyOn(kind as Required<typeof kind>, "resolveSpec");
    const next = vi.spyOn(kind, "next");
    const result = await converge(
      kind,
      world,
      { ...spec, position: 99 },
      { phase: "update", timeoutMs: 60_000 },
    );
    expect(resolveSpec).toHaveBeenCalledTimes(1);
    expect(resolveSpec.mock.calls[0]?.[1]).toEqual({ position: 1, stopped: false });
    expect(next.mock.calls.every(([s]) => s.position === 5)).toBe(true);
    expect(world.position).toBe(5);
    expect(result.outputs.position).toBe(5);
  });

  it("calls onStep once per step before it runs, and forwards onProgress from run", async () => {
    const world = new World();
    const order: string[] = [];
    world.onRun = (step) => order.push(`run ${step.operation}`);
    const progress: Progress[] = [];
    await converge(makeKind(), world, spec, {
      phase: "update",
      timeoutMs: 60_000,
      onStep: (s) => order.push(`step ${s.operation}`),
      onProgress: (p) => progress.push(p),
    });
    expect(order).toEqual(["step stop", "run stop", "step move", "run move", "step start", "run start"]);
    expect(progress.map((p) => p.message)).toEqual(["stop done", "move done", "start done"]);
    expect(progress.every((p) => p.percent === 100)).toBe(true);
  });

  it("hands run the deadline (now + timeout) and the signal", async () => {
    const world = new World();
    world.position = 5;
    world.stopped = true;
    const ac = new AbortController();
    const seen: RunOptions[] = [];
    world.onRun = (_s, opts) => seen.push(opts);
    await converge(makeKind(), world, spec, {
      phase: "update",
      timeoutMs: 7_000,
      now: () => 1_000,
      signal: ac.signal,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.deadline).toBe(8_000);
    expect(seen[0]?.signal).toBe(ac.signal);
  });

  it("deadline exceeded between steps → TimeoutError (TIMEOUT) naming the last operation", async () => {
    const world = new World();
    let clock = 0;
    world.onRun = () => {
      clock += 1_000;
    };
    const e = await rejection(
      converge(makeKind(), world, spec, { phase: "update", timeoutMs: 1_500, now: () => clock }),
    );
    expect(e).toBeInstanceOf(TimeoutError);
    const te = e as TimeoutError;
    expect(te.code).toBe("TIMEOUT");
    expect(te.message).toContain('fake_shelf_item "item-1"');
    expect(te.message).toContain("move name=item-1 to=5");
    expect(te.message).toMatch(/continues on the server side/);
    expect(world.calls).toEqual({ stop: 1, move: 1 });
  });

  it(`a wait that never ends stops after MAX_CONVERGE_ROUNDS (${MAX_CONVERGE_ROUNDS}) with NO_PROGRESS`, async () => {
    const world = new World();
    world.stopped = true;
    // the in-flight operation never finishes: run's bounded poll loop leaves it in flight
    world.inFlight = { operation: "move", to: 5, pollsLeft: Number.POSITIVE_INFINITY };
    const e = await rejection(converge(makeKind(), world, spec, { phase: "update", timeoutMs: 60_000 }));
    expect((e as FerryError).code).toBe("NO_PROGRESS");
    expect(world.observations).toBe(MAX_CONVERGE_ROUNDS);
  });

  it("does not start another operation once the signal is aborted", async () => {
    const world = new World();
    const ac = new AbortController();
    // Ctrl-C arrives while `stop` runs; this run (like a quick call that already got its answer) does not look at it
    world.onRun = (step) => {
      if (step.operation === "stop") ac.abort();
    };
    const e = await rejection(
      converge(makeKind(), world, spec, { phase: "update", timeoutMs: 60_000, signal: ac.signal }),
    );
    expect(e).toMatchObject({ code: "CANCELLED" });
    expect(world.count("move")).toBe(0);
  });

  it("stepKey combines operation and request", () => {
    expect(stepKey(callStep("stop", "stop name=a", "Stop"))).toBe("stop stop name=a");
  });
});

describe("planSequence", () => {
  it("plans the whole sequence with the predicted state after each step", () => {
    const plan = planSequence<Spec, Observed>(spec, { position: 0, stopped: false }, nextFor);
    expect(plan.steps.map((s) => s.step.operation)).toEqual(["stop", "move", "start"]);
    expect(plan.steps.map((s) => s.after)).toEqual([
      { position: 0, stopped: true },
      { position: 5, stopped: true },
      { position: 5, stopped: false },
    ]);
    expect(plan.final).toEqual({ position: 5, stopped: false });
    expect(plan.blockers).toEqual([]);
  });

  it("lists a warning for every disruptive step", () => {
    const plan = planSequence<Spec, Observed>(spec, { position: 0, stopped: false }, nextFor);
    expect(plan.warnings).toEqual(["stop: the item is unavailable until it is started again"]);
    const quiet = planSequence<Spec, Observed>(spec, { position: 0, stopped: true }, nextFor);
    expect(quiet.warnings).toEqual([]);
  });

  it("an object already as desired plans nothing", () => {
    const plan = planSequence<Spec, Observed>(spec, { position: 5, stopped: false }, nextFor);
    expect(plan.steps).toEqual([]);
    expect(plan.final).toEqual({ position: 5, stopped: false });
  });

  it("returns the blockers (and the steps before them)", () => {
    const plan = planSequence<Spec, Observed>(
      { name: "a", position: 1 },
      { position: 0, stopped: false },
      nextFor,
    );
    expect(plan.steps).toEqual([]);
    expect(plan.blockers.map((b) => b.code)).toEqual(["ITEM_RUNNING"]);
    const next = (_s: Spec, o: Observed): Next<Observed> =>
      o.stopped
        ? { kind: "blocked", blockers: [{ code: "LATER", message: "blocked after one step" }] }
        : {
            kind: "step",
            step: callStep("stop", "stop", "Stop", "downtime"),
            after: { ...o, stopped: true },
          };
    const partial = planSequence<Spec, Observed>(spec, { position: 0, stopped: false }, next);
    expect(partial.steps.map((s) => s.step.operation)).toEqual(["stop"]);
    expect(partial.blockers.map((b) => b.code)).toEqual(["LATER"]);
    expect(partial.warnings).toEqual(["stop: downtime"]);
  });

  it(`allows exactly MAX_PLAN_STEPS (${MAX_PLAN_STEPS}) steps and throws NO_PROGRESS beyond`, () => {
    const counting =
      (limit: number) =>
      (_s: null, n: number): Next<number> =>
        n >= limit
          ? { kind: "done" }
          : { kind: "step", step: callStep(`op${n}`, `op${n}`, `op ${n}`), after: n + 1 };
    expect(planSequence(null, 0, counting(MAX_PLAN_STEPS)).steps).toHaveLength(MAX_PLAN_STEPS);
    let calls = 0;
    const forever = (_s: null, n: number): Next<number> => {
      calls++;
      return { kind: "step", step: callStep("again", "again", "again"), after: n + 1 };
    };
    let err: unknown;
    try {
      planSequence(null, 0, forever);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FerryError);
    expect((err as FerryError).code).toBe("NO_PROGRESS");
    expect((err as FerryError).message).toContain(`${MAX_PLAN_STEPS} operations`);
    expect(calls).toBe(MAX_PLAN_STEPS + 1);
    expect(() => planSequence(null, 0, counting(MAX_PLAN_STEPS + 1))).toThrow(FerryError);
  });
});

describe("renderStep / renderOperations", () => {
  it("renders a call as its request", () => {
    expect(renderStep(callStep("detachVolume", "detachVolume id=v-1", "Detach"))).toBe("detachVolume id=v-1");
  });

  it("renders a wait as 'wait for <request>'", () => {
    const step: Step = {
      operation: "migrateVolume",
      action: "wait",
      request: "job 5c0e (migrateVolume)",
      params: {},
      title: "w",
    };
    expect(renderStep(step)).toBe("wait for job 5c0e (migrateVolume)");
  });

  it("marks disruptive steps", () => {
    expect(
      renderStep(callStep("stopVirtualMachine", "stopVirtualMachine id=vm-1", "Stop", "downtime of web-01")),
    ).toBe("stopVirtualMachine id=vm-1  [disruptive: downtime of web-01]");
    const wait: Step = {
      operation: "failover",
      action: "wait",
      request: "task t-1",
      params: {},
      title: "w",
      disruption: "reconnects",
    };
    expect(renderStep(wait)).toBe("wait for task t-1  [disruptive: reconnects]");
  });

  it("renders every step of a plan in order", () => {
    const plan = planSequence<Spec, Observed>(spec, { position: 0, stopped: false }, nextFor);
    expect(renderOperations(plan)).toEqual([
      "stop name=item-1  [disruptive: the item is unavailable until it is started again]",
      "move name=item-1 to=5",
      "start name=item-1",
    ]);
  });
});
