/**
 * The review as GitHub-flavoured Markdown (for a PR comment) or plain text (for a terminal).
 * Deterministic: the same review gives the same bytes. No ANSI, no wide tables: a narrow PR column.
 */
import type { Review, ReviewedResource } from "./input.ts";

export interface Verdict {
  changes: number;
  disruptive: number;
  blocked: number;
}

export function verdictOf(r: Review): Verdict {
  const changing = r.ferry.filter((x) => x.action !== "no-op" && x.action !== "read");
  return {
    changes: changing.length,
    disruptive: changing.filter(isDisruptive).length,
    blocked: changing.filter((x) => x.blockers.length > 0).length,
  };
}

function isDisruptive(r: ReviewedResource): boolean {
  return r.operations.some((o) => o.disruptive);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function verdictLine(v: Verdict): string {
  return `${plural(v.changes, "change")}, ${v.disruptive} disruptive, ${v.blocked} blocked`;
}

/** Markdown table cells: pipes escaped, line breaks flattened. */
function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** Inline code that survives backticks in the text. */
function code(s: string): string {
  const fence = s.includes("`") ? "``" : "`";
  return `${fence}${s.includes("`") ? ` ${s} ` : s}${fence}`;
}

function operationsCount(r: ReviewedResource): string {
  return r.unsettled ? `${r.operations.length}+` : String(r.operations.length);
}

export function renderMarkdown(review: Review): string {
  const v = verdictOf(review);
  const icon = v.blocked ? "⛔" : v.disruptive ? "⚠️" : "✅";
  const out: string[] = [`### ${icon} ferry review: ${verdictLine(v)}`, ""];
  const shown = review.ferry.filter((x) => x.action !== "no-op" && x.action !== "read");
  if (shown.length) {
    out.push("| Resource | Action | Ops | Disruptive | Blocked |", "|---|---|---|---|---|");
    for (const r of shown)
      out.push(
        `| ${code(cell(r.address))} | ${r.action} | ${operationsCount(r)} | ${isDisruptive(r) ? "**yes**" : "no"} | ${r.blockers.length ? "**yes**" : "no"} |`,
      );
    out.push("");
  } else out.push("No ferry resource changes.", "");
  for (const r of shown) {
    out.push(`#### ${code(r.address)} — ${r.action}`, "");
    for (const b of r.blockers) {
      out.push(`> [!CAUTION]`, `> **Blocked [${b.code}]:** ${b.message}`);
      if (b.attribute) out.push(`> Fixed by: ${code(b.attribute)}`);
      if (b.fix) out.push(`> ${b.fix}`);
      out.push("");
    }
    if (r.operations.length === 0 && r.blockers.length > 0) continue;
    if (r.operations.length === 0) {
      out.push(
        r.unsettled
          ? "_Operations are known after apply (an operation already in flight decides them)._"
          : "_No API operations._",
        "",
      );
      continue;
    }
    r.operations.forEach((op, i) => {
      const mark = op.disruptive ? " ⚠️ **disruptive**" : "";
      out.push(`${i + 1}. ${op.title}${mark}`);
      if (op.disruptive) out.push(`   > ${op.disruption}`);
      for (const w of op.warnings) out.push(`   > Warning: ${w}`);
      out.push(
        `   <details><summary>request</summary>`,
        "",
        "   ```",
        `   ${op.request}`,
        "   ```",
        "",
        "   </details>",
      );
    });
    if (r.unsettled) out.push("", "_More operations may follow: they depend on the operation in flight._");
    out.push("");
  }
  out.push(
    `${plural(review.others, "other resource")} (not ferry) change${review.others === 1 ? "s" : ""} in this plan.`,
  );
  return `${out.join("\n")}\n`;
}

export function renderText(review: Review): string {
  const v = verdictOf(review);
  const out: string[] = [`ferry review: ${verdictLine(v)}`, ""];
  const shown = review.ferry.filter((x) => x.action !== "no-op" && x.action !== "read");
  for (const r of shown) {
    const flags = [isDisruptive(r) ? "DISRUPTIVE" : "", r.blockers.length ? "BLOCKED" : ""].filter(Boolean);
    out.push(
      `${r.address}: ${r.action}, ${plural(r.operations.length, "operation")}${flags.length ? ` [${flags.join(", ")}]` : ""}`,
    );
    for (const b of r.blockers) {
      out.push(`  blocked [${b.code}]: ${b.message}`);
      if (b.attribute) out.push(`    fixed by: ${b.attribute}`);
      if (b.fix) out.push(`    ${b.fix}`);
    }
    r.operations.forEach((op, i) => {
      out.push(`  ${i + 1}. ${op.title}${op.disruptive ? "  [disruptive]" : ""}`);
      out.push(`       ${op.request}`);
      if (op.disruptive) out.push(`       disruption: ${op.disruption}`);
      for (const w of op.warnings) out.push(`       warning: ${w}`);
    });
    if (r.unsettled) out.push("  (more operations may follow: they depend on the operation in flight)");
    out.push("");
  }
  out.push(
    `${plural(review.others, "other resource")} (not ferry) change${review.others === 1 ? "s" : ""} in this plan.`,
  );
  return `${out.join("\n")}\n`;
}
