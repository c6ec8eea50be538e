import { describe, expect, it } from "vitest";
import type { Next, Step } from "./kind.ts";
import { planSequence, renderStep } from "./plan.ts";

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

describe("warnings", () => {
  const call = (over: Partial<Step>): Step => ({
    operation: "failover",
    action: "call",
    request: "PUT /x/failover/",
    params: {},
    title: "",
    ...over,
  });

  it("a step's disruption and its other warnings are all plan warnings, in order", () => {
    const steps = [
      call({ disruption: "the VM is down", warnings: ["pending tasks are deleted"] }),
      call({ operation: "delete", request: "DELETE /x/", warnings: ["a full resync follows"] }),
    ];
    const next = (_s: unknown, o: number): Next<number> =>
      o < steps.length ? { kind: "step", step: steps[o]!, after: o + 1 } : { kind: "done" };
    expect(planSequence({}, 0, next).warnings).toEqual([
      "failover: the VM is down",
      "failover: pending tasks are deleted",
      "delete: a full resync follows",
    ]);
  });

  it("renderStep marks disruptions and warnings", () => {
    expect(renderStep(call({ disruption: "down", warnings: ["tasks deleted"] }))).toBe(
      "PUT /x/failover/  [disruptive: down] [warning: tasks deleted]",
    );
    expect(renderStep(call({}))).toBe("PUT /x/failover/");
  });
});
