/**
 * converge(): observe → next → run that one step → observe again …, until `next` says done.
 *
 * Level-triggered, like a controller: every decision is taken on a fresh observation, never on memory.
 * An operation found in flight is awaited (the kind plans a "wait" step for it), never issued again.
 * That is what makes a crash, a Ctrl-C or a timeout safe: the next run picks up where the API is.
 *
 * Guards:
 *  - no operation is issued twice in one run: a `call` step planned again after it ran means the API
 *    did not do what it said, and converge stops with NO_PROGRESS instead of looping;
 *  - after an ambiguous write (connection lost, 5xx: the request may or may not have been executed)
 *    converge does not retry the request: it observes again. If the API shows the operation (in
 *    flight or done), it carries on from there; only if the API shows no trace of it is it issued again;
 *  - a deadline (the resource's timeout for this phase) and an AbortSignal bound every wait.
 */
import { CancelledError, FerryError, PlanBlockedError, TimeoutError } from "./errors.ts";
import type { Kind, Next, Phase, Progress, Step } from "./kind.ts";
import { type Logger, silentLogger } from "./log.ts";

export const MAX_CONVERGE_ROUNDS = 32;
/** How often one step may come back after ambiguous failures before converge gives up. */
export const MAX_AMBIGUOUS_RETRIES = 3;

export interface ConvergeOptions<Out = unknown> {
  phase: Phase;
  timeoutMs: number;
  destroy?: boolean;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: Progress) => void) | undefined;
  /** Called once per step before it runs. */
  onStep?: ((step: Step) => void) | undefined;
  log?: Logger | undefined;
  /** Outputs recorded by the previous run, if any. */
  prior?: Out | undefined;
  now?: () => number;
}

export interface ConvergeResult<O, Out> {
  observed: O;
  outputs: Out;
  /** The steps that ran, in order (calls and waits). */
  ran: Step[];
}

export function stepKey(step: Step): string {
  return `${step.operation} ${step.request}`;
}

export async function converge<S extends object, O, Out extends object, C>(
  kind: Kind<S, O, Out, C>,
  client: C,
  desired: S,
  o: ConvergeOptions<Out>,
): Promise<ConvergeResult<O, Out>> {
  let spec = o.destroy && kind.destroySpec ? kind.destroySpec(desired, o.prior) : desired;
  const now = o.now ?? Date.now;
  const log = o.log ?? silentLogger;
  const deadline = now() + o.timeoutMs;
  const signal = o.signal ?? new AbortController().signal;
  const issued = new Set<string>();
  const ambiguous = new Map<string, number>();
  const ran: Step[] = [];
  const resource = `${kind.type} "${kind.id(spec)}"`;
  let initial: O | undefined;
  let destroyResolved = false;

  for (let round = 0; round < MAX_CONVERGE_ROUNDS; round++) {
    if (signal.aborted) throw new CancelledError(`Stopped converging ${resource}.`);
    if (now() > deadline) {
      throw new TimeoutError(
        `Timed out converging ${resource}.`,
        ran.at(-1)?.request ?? "The last operation",
      );
    }
    const observed = await kind.observe(client, spec, log);
    if (initial === undefined && o.destroy && kind.resolveDestroySpec && !destroyResolved) {
      destroyResolved = true;
      const target = kind.resolveDestroySpec(spec, observed, o.prior);
      if (JSON.stringify(target) !== JSON.stringify(spec)) {
        spec = target;
        continue;
      }
    }
    if (initial === undefined) {
      initial = observed;
      if (kind.resolveSpec) spec = kind.resolveSpec(spec, observed);
    }
    const n: Next<O> = o.destroy ? kind.nextDestroy(spec, observed, o.prior) : kind.next(spec, observed);
    if (n.kind === "done")
      return { observed, outputs: kind.outputsOf(spec, observed, { initial, prior: o.prior }), ran };
    if (n.kind === "blocked") throw new PlanBlockedError(resource, n.blockers);

    const step = n.step;
    const key = stepKey(step);
    if (step.action === "call" && issued.has(key)) {
      throw new FerryError("NO_PROGRESS", {
        what: `${resource}: ${step.operation} ran, but the API does not show its effect.`,
        why: `The next operation would be "${step.request}" again; ferry never issues an operation twice in one run.`,
        fix: "Check the object in the API (it may have been changed while ferry ran), then run again.",
      });
    }
    issued.add(key);
    o.onStep?.(step);
    log.info(`${step.action === "wait" ? "awaiting" : "running"} ${step.operation}`, {
      resource: kind.type,
      id: kind.id(spec),
      request: step.request,
    });
    try {
      await kind.run(client, step, {
        deadline,
        signal,
        log,
        onProgress: (p) => o.onProgress?.(p),
      });
      ran.push(step);
    } catch (e) {
      if (e instanceof FerryError && e.code === "AMBIGUOUS_WRITE") {
        const count = (ambiguous.get(key) ?? 0) + 1;
        ambiguous.set(key, count);
        if (count > MAX_AMBIGUOUS_RETRIES) throw e;
        log.warn(`${step.operation}: the outcome is unknown; observing before anything else`, {
          resource: kind.type,
          reason: e.why ?? e.what,
        });
        // Not retried: the next round observes. If the API shows the operation, we follow it; if it
        // shows no trace, the request did not take effect and may be issued once more.
        issued.delete(key);
        continue;
      }
      throw e;
    }
  }
  throw new FerryError("NO_PROGRESS", {
    what: `${resource} did not converge within ${MAX_CONVERGE_ROUNDS} operations.`,
    why: `Operations so far: ${ran.map((s) => s.operation).join(" → ")}`,
    fix: "Something keeps changing the object while ferry works on it; check the API and run again.",
  });
}
