/**
 * Plans and progress for people: what `ferry demo` prints (and what a review of a pull request shows).
 */
import type { Blocker } from "../provider/engine/errors.ts";
import type { Plan, Progress, Step } from "../provider/engine/kind.ts";

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (s: string) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
export const bold = paint("1");
export const dim = paint("2");
export const red = paint("31");
export const green = paint("32");
export const yellow = paint("33");
export const cyan = paint("36");

export function heading(text: string): string {
  return `\n${bold(cyan(`▌ ${text}`))}`;
}

export function renderPlan(address: string, summary: string, plan: Plan<unknown>): string {
  const lines = [`${bold(address)}  ${dim(summary)}`];
  if (plan.blockers.length > 0) {
    lines.push(`  ${red("✗ blocked")} — nothing will run:`);
    for (const b of plan.blockers) lines.push(...renderBlocker(b));
    return lines.join("\n");
  }
  if (plan.steps.length === 0) {
    lines.push(`  ${green("✓ no changes")} — the API already shows the desired state`);
    return lines.join("\n");
  }
  plan.steps.forEach(({ step }, i) => {
    lines.push(`  ${String(i + 1).padStart(2)}. ${step.title}`);
    lines.push(`      ${dim(step.action === "wait" ? `wait for ${step.request}` : step.request)}`);
    if (step.disruption) lines.push(`      ${yellow(`⚠ disruptive: ${step.disruption}`)}`);
    for (const w of step.warnings ?? []) lines.push(`      ${yellow(`⚠ ${w}`)}`);
  });
  if (plan.unsettled) {
    lines.push(
      `      ${dim("… the rest is planned once this finishes: what follows depends on its outcome")}`,
    );
  }
  const n = plan.steps.filter((s) => s.step.action === "call").length;
  const d = plan.steps.filter((s) => s.step.disruption).length;
  const w = plan.steps.reduce((sum, s) => sum + (s.step.warnings?.length ?? 0), 0);
  lines.push(
    `  ${dim(`${n} operation${n === 1 ? "" : "s"}${d ? `, ${d} disruptive` : ", none disruptive"}${w ? `, ${w} warning${w === 1 ? "" : "s"}` : ""}`)}`,
  );
  return lines.join("\n");
}

export function renderBlocker(b: Blocker): string[] {
  const out = [`    ${red("•")} ${b.message}`];
  if (b.attribute) out.push(`      ${dim("input:")} ${b.attribute}`);
  if (b.fix) out.push(`      ${dim("fix:")} ${b.fix}`);
  return out;
}

/** A progress printer: one line per step start, then status updates for that step. */
export function progressPrinter(write: (line: string) => void = (l) => console.log(l)) {
  let current: Step | undefined;
  let last = "";
  const started = Date.now();
  const t = () => dim(`${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`);
  return {
    onStep(step: Step) {
      current = step;
      last = "";
      write(`  ${t()} ${step.action === "wait" ? "…" : "→"} ${step.title}`);
    },
    onProgress(p: Progress) {
      if (p.step !== current || p.message === last) return;
      last = p.message;
      write(`  ${t()}   ${dim(p.percent !== undefined ? `${p.message} (${p.percent}%)` : p.message)}`);
    },
  };
}
