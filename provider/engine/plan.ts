/**
 * plan(): pure. Applies the kind's `next` to its own predictions until nothing is left, so the whole
 * sequence of operations — and every disruption — is known before anything runs.
 */
import { FerryError } from "./errors.ts";
import type { Next, Plan, Step } from "./kind.ts";

/** No kind needs more; a longer chain means `next` does not converge on its own prediction. */
export const MAX_PLAN_STEPS = 16;

export function planSequence<S, O>(spec: S, observed: O, next: (spec: S, observed: O) => Next<O>): Plan<O> {
  const steps: { step: Step; after: O }[] = [];
  let state = observed;
  for (let i = 0; i <= MAX_PLAN_STEPS; i++) {
    const n = next(spec, state);
    if (n.kind === "done") return { steps, blockers: [], warnings: warningsOf(steps), final: state };
    if (n.kind === "blocked")
      return { steps, blockers: n.blockers, warnings: warningsOf(steps), final: state };
    steps.push({ step: n.step, after: n.after });
    // A wait on an operation already in flight whose outcome the kind does not predict (it returns
    // the state unchanged): what follows depends on that outcome, so the plan ends here, marked
    // unsettled. converge() takes it from there after the wait.
    if (n.step.action === "wait" && n.after === state)
      return { steps, blockers: [], warnings: warningsOf(steps), final: state, unsettled: true };
    state = n.after;
  }
  throw new FerryError("NO_PROGRESS", {
    what: `The planner did not settle within ${MAX_PLAN_STEPS} operations.`,
    why: `Planned so far: ${steps.map((s) => s.step.operation).join(" → ")}`,
    fix: "This is a bug in ferry; please report it with the plan above.",
  });
}

/** What a reviewer must see about one step: its disruption first, then its other warnings. */
export function stepWarnings(step: Step): string[] {
  return [...(step.disruption ? [step.disruption] : []), ...(step.warnings ?? [])];
}

function warningsOf(steps: { step: Step }[]): string[] {
  return steps.flatMap((s) => stepWarnings(s.step).map((w) => `${s.step.operation}: ${w}`));
}

/** One line per operation, as shown in the `operations` attribute and in reviews. */
export function renderStep(step: Step): string {
  const base = step.action === "wait" ? `wait for ${step.request}` : step.request;
  const marks = [
    ...(step.disruption ? [`[disruptive: ${step.disruption}]`] : []),
    ...(step.warnings ?? []).map((w) => `[warning: ${w}]`),
  ];
  return marks.length ? `${base}  ${marks.join(" ")}` : base;
}

export function renderOperations(plan: Plan<unknown>): string[] {
  return plan.steps.map((s) => renderStep(s.step));
}
