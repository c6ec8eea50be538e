/**
 * The structured description of a plan: what a reviewer needs to read a change without the API —
 * per operation its title with names ("Stop VM web-01"), the exact request, whether it disrupts and
 * how; every blocker with the rule it quotes and the input that fixes it; the warnings.
 *
 * Doors emit it beside their own plan output (terraform: the `operation_details` attribute and a
 * `ferry-plan: {json}` line in diagnostics; Pulumi: the same line in its diagnostics), and
 * `ferry review` reads it back. The format is versioned: readers refuse a format they do not know.
 */
import * as z from "zod";
import type { Blocker } from "./errors.ts";
import type { AnyKind, Plan, Step } from "./kind.ts";
import { renderStep, stepWarnings } from "./plan.ts";

export const DESCRIPTION_FORMAT = 1;
/** The prefix of the line that carries a description inside a diagnostic's detail. */
export const PLAN_LINE_PREFIX = "ferry-plan: ";

export const operationDetail = z.object({
  /** One line for people, with names: "Stop VM web-01". */
  title: z.string(),
  /** The API's operation name. */
  operation: z.string(),
  /** "call" issues a request; "wait" awaits an operation already in flight. */
  action: z.enum(["call", "wait"]),
  /** The exact request, as in `operations`. */
  request: z.string(),
  disruptive: z.boolean(),
  /** What the disruption is; empty when not disruptive. */
  disruption: z.string(),
  warnings: z.array(z.string()),
});
export type OperationDetail = z.infer<typeof operationDetail>;

export const blockerDetail = z.object({
  code: z.string(),
  /** What stands in the way, quoting the API's rule. */
  message: z.string(),
  /** The input that resolves it; empty when none does. */
  attribute: z.string(),
  fix: z.string(),
});
export type BlockerDetail = z.infer<typeof blockerDetail>;

export const planDescription = z.object({
  format: z.literal(DESCRIPTION_FORMAT),
  /** The resource type as the door names it: "ferry_cloudstack_root_volume", "ferry:cloudstack:RootVolume". */
  type: z.string(),
  /** The resource's address where the door knows it (terraform does not tell providers). */
  address: z.string().optional(),
  destroy: z.boolean(),
  /** The plan stops at a wait whose outcome is not predicted; more operations may follow. */
  unsettled: z.boolean(),
  operations: z.array(operationDetail),
  blockers: z.array(blockerDetail),
  /** Each operation's disruption and warnings, prefixed with the operation. */
  warnings: z.array(z.string()),
});
export type PlanDescription = z.infer<typeof planDescription>;

/** The Pulumi type token of a kind's resources: ferry's classes are dynamic resources. */
export function pulumiTypeToken(kind: Pick<AnyKind, "backend" | "className">): string {
  return `pulumi-nodejs:dynamic/${kind.backend}:${kind.className}`;
}

export function describeStep(step: Step): OperationDetail {
  return {
    title: step.title,
    operation: step.operation,
    action: step.action,
    request: renderRequest(step),
    disruptive: !!step.disruption,
    disruption: step.disruption ?? "",
    warnings: step.warnings ?? [],
  };
}

/** The request without the marks `renderStep` adds (they are in `disruption` and `warnings`). */
function renderRequest(step: Step): string {
  return step.action === "wait" ? `wait for ${step.request}` : step.request;
}

export function describeBlocker(b: Blocker): BlockerDetail {
  return { code: b.code, message: b.message, attribute: b.attribute ?? "", fix: b.fix ?? "" };
}

export function describePlan(
  plan: Plan<unknown>,
  o: { type: string; address?: string | undefined; destroy?: boolean | undefined },
): PlanDescription {
  return {
    format: DESCRIPTION_FORMAT,
    type: o.type,
    ...(o.address ? { address: o.address } : {}),
    destroy: !!o.destroy,
    unsettled: !!plan.unsettled,
    operations: plan.steps.map((s) => describeStep(s.step)),
    blockers: plan.blockers.map(describeBlocker),
    warnings: plan.steps.flatMap((s) => stepWarnings(s.step).map((w) => `${s.step.operation}: ${w}`)),
  };
}

/** The one line a door puts in a diagnostic (or prints) so that `ferry review` can read the plan. */
export function planLine(d: PlanDescription): string {
  return `${PLAN_LINE_PREFIX}${JSON.stringify(d)}`;
}

/**
 * What a door prints for people and machines at once: the operations, numbered, with their marks,
 * then the `ferry-plan:` line. Used by every door that shows a plan as text.
 */
export function renderDescription(d: PlanDescription): string[] {
  const lines = d.operations.map((op, i) => {
    const marks = [
      ...(op.disruptive ? [`[disruptive: ${op.disruption}]`] : []),
      ...op.warnings.map((w) => `[warning: ${w}]`),
    ];
    return `${i + 1}. ${op.title}: ${op.request}${marks.length ? `  ${marks.join(" ")}` : ""}`;
  });
  for (const b of d.blockers) lines.push(`blocked [${b.code}]: ${b.message}${b.fix ? ` — ${b.fix}` : ""}`);
  lines.push(planLine(d));
  return lines;
}

/** Every description found in a text (a diagnostic detail, a log line); lines that do not parse are skipped. */
export function parsePlanLines(text: string): PlanDescription[] {
  const out: PlanDescription[] = [];
  for (const line of text.split("\n")) {
    const at = line.indexOf(PLAN_LINE_PREFIX);
    if (at < 0) continue;
    let json: unknown;
    try {
      json = JSON.parse(line.slice(at + PLAN_LINE_PREFIX.length));
    } catch {
      continue;
    }
    const r = planDescription.safeParse(json);
    if (r.success) out.push(r.data);
  }
  return out;
}

/** Re-exported for doors that keep both renderings side by side. */
export { renderStep };
