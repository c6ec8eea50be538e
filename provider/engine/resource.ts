/**
 * The engine's entry points for the doors: validate a spec, plan (observe + pure plan), apply
 * (converge), read, import. Doors translate their protocol to these calls and back; nothing here
 * knows about terraform or Pulumi.
 */
import { timeoutFor } from "./common.ts";
import { type ConvergeResult, converge } from "./converge.ts";
import type { Kind, Phase, Plan, Progress, Step } from "./kind.ts";
import { type Logger, silentLogger } from "./log.ts";
import { planSequence } from "./plan.ts";
import { parseInput } from "./validate.ts";

/** Parse resource inputs: every bad attribute named, with what was given and what is allowed. */
export function parseSpec<S extends object>(kind: Kind<S, unknown, object, unknown>, input: unknown): S {
  const sensitive = new Set<string>();
  for (const [name, attr] of Object.entries(kind.spec.shape)) {
    if ((attr.meta() as { sensitive?: boolean } | undefined)?.sensitive) sensitive.add(name);
  }
  return parseInput(kind.spec, input, `${kind.type} arguments`, sensitive) as S;
}

export interface PlanOptions<S, Out> {
  destroy?: boolean;
  prior?: Out | undefined;
  /** The spec of the object this change replaces (destroyed before this one is made). */
  replacing?: S | undefined;
  log?: Logger;
}

export interface PlannedChange<S, O> {
  observed: O;
  plan: Plan<O>;
  /** The spec with state-dependent defaults resolved (what apply must use to do what was planned). */
  spec: S;
}

/** Observe, then plan the whole sequence (pure). Nothing is changed. */
export async function planResource<S extends object, O, Out extends object, C>(
  kind: Kind<S, O, Out, C>,
  client: C,
  desired: S,
  o: PlanOptions<S, Out> = {},
): Promise<PlannedChange<S, O>> {
  let base = o.destroy && kind.destroySpec ? kind.destroySpec(desired, o.prior) : desired;
  let live: O = await kind.observe(client, base, o.log ?? silentLogger);
  const target = o.destroy && kind.resolveDestroySpec ? kind.resolveDestroySpec(base, live, o.prior) : base;
  if (!sameSpec(target, base)) {
    base = target;
    live = await kind.observe(client, base, o.log ?? silentLogger);
  }
  const observed = o.replacing && kind.withoutReplaced ? kind.withoutReplaced(live, o.replacing) : live;
  const spec = kind.resolveSpec ? kind.resolveSpec(base, observed) : base;
  const plan = planSequence<S, O>(
    spec,
    observed,
    o.destroy ? (s, obs) => kind.nextDestroy(s, obs, o.prior) : kind.next,
  );
  return { observed, plan, spec };
}

export const sameSpec = (a: object, b: object): boolean => JSON.stringify(a) === JSON.stringify(b);

export interface ApplyOptions<Out> {
  phase: Phase;
  destroy?: boolean;
  prior?: Out | undefined;
  /** Provider-level default limit (e.g. CLOUDSTACK_TIMEOUT) when the resource sets no timeouts. */
  defaultTimeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: Progress) => void) | undefined;
  onStep?: ((s: Step) => void) | undefined;
  log?: Logger;
}

export function resourceTimeout<S extends object>(
  kind: Kind<S, unknown, object, unknown>,
  spec: S,
  phase: Phase,
  providerDefaultMs?: number,
): number {
  const timeouts = (spec as { timeouts?: Record<Phase, string | undefined> }).timeouts;
  const defaults = providerDefaultMs
    ? { create: providerDefaultMs, update: providerDefaultMs, delete: providerDefaultMs }
    : kind.defaultTimeouts;
  return timeoutFor(timeouts, phase, defaults);
}

/** Converge the live object onto the spec (or run the destroy plan). */
export function applyResource<S extends object, O, Out extends object, C>(
  kind: Kind<S, O, Out, C>,
  client: C,
  spec: S,
  o: ApplyOptions<Out>,
): Promise<ConvergeResult<O, Out>> {
  return converge(kind, client, spec, {
    phase: o.phase,
    timeoutMs: resourceTimeout(kind as Kind<S, unknown, object, unknown>, spec, o.phase, o.defaultTimeoutMs),
    destroy: o.destroy,
    prior: o.prior,
    signal: o.signal,
    onProgress: o.onProgress,
    onStep: o.onStep,
    log: o.log,
  });
}

/** Read the live object: outputs for state, and whether the desired state still holds (drift). */
export async function readResource<S extends object, O, Out extends object, C>(
  kind: Kind<S, O, Out, C>,
  client: C,
  spec: S,
  prior?: Out,
  log: Logger = silentLogger,
): Promise<{ observed: O; outputs: Out; inSync: boolean; plan: Plan<O> }> {
  const observed: O = await kind.observe(client, spec, log);
  const plan = planSequence<S, O>(
    kind.resolveSpec ? kind.resolveSpec(spec, observed) : spec,
    observed,
    kind.next,
  );
  return {
    observed,
    outputs: kind.outputsOf(spec, observed, { prior }),
    inSync: plan.steps.length === 0 && plan.blockers.length === 0,
    plan,
  };
}
