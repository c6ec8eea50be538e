import { describe, expect, it } from "vitest";
import type { Next, Step } from "./kind.ts";
import { planSequence } from "./plan.ts";

const wait: Step = {
  operation: "queryAsyncJobResult",
  action: "wait",
  request: "job 1",
  params: {},
  title: "",
};

describe("planSequence", () => {
  it("ends unsettled at a wait whose outcome the kind does not predict", () => {
    const state = { job: "1" };
    const next = (_s: unknown, o: typeof state): Next<typeof state> => ({
      kind: "step",
      step: wait,
      after: o,
    });
    const plan = planSequence({}, state, next);
    expect(plan.steps.map((s) => s.step.operation)).toEqual(["queryAsyncJobResult"]);
    expect(plan.unsettled).toBe(true);
  });
});
