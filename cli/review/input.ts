/**
 * Reading plan output: terraform's saved-plan JSON (`terraform show -json plan.out`), terraform's
 * machine-readable log (`terraform plan -json`), and Pulumi's `pulumi preview --json`. Each is
 * detected from its content and checked with zod; what ferry emitted (operation_details, the
 * `ferry-plan:` lines) becomes one list of reviewed resources.
 */
import * as z from "zod";
import {
  type OperationDetail,
  operationDetail,
  type PlanDescription,
  parsePlanLines,
  pulumiTypeToken,
} from "../../provider/engine/describe.ts";
import { backends } from "../../provider/index.ts";

export class ReviewInputError extends Error {}

export type Action = "create" | "update" | "replace" | "destroy" | "no-op" | "read" | "blocked";

export interface ReviewedResource {
  address: string;
  type: string;
  action: Action;
  operations: OperationDetail[];
  /** The operations are known only after apply (a wait on an operation already in flight). */
  unsettled: boolean;
  blockers: PlanDescription["blockers"];
  warnings: string[];
}

export interface Review {
  tool: string;
  ferry: ReviewedResource[];
  /** Resources of other providers in the same plan that change. */
  others: number;
}

const showJson = z.object({
  format_version: z.string(),
  terraform_version: z.string().optional(),
  resource_changes: z
    .array(
      z.object({
        address: z.string(),
        type: z.string(),
        provider_name: z.string().optional(),
        change: z.object({
          actions: z.array(z.string()),
          after: z.unknown().optional(),
          after_unknown: z.unknown().optional(),
        }),
      }),
    )
    .optional(),
});

const logLine = z.object({
  "@level": z.string(),
  type: z.string(),
  terraform: z.string().optional(),
  diagnostic: z
    .object({
      severity: z.string(),
      summary: z.string(),
      detail: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  change: z
    .object({
      resource: z.object({ addr: z.string(), resource_type: z.string() }),
      action: z.string(),
    })
    .optional(),
});

/** Pulumi's engine events / `preview --json` output (see docs/review.md for the fields used). */
const pulumiPreview = z.object({
  changeSummary: z.record(z.string(), z.number()).optional(),
  steps: z
    .array(
      z.object({
        op: z.string(),
        urn: z.string(),
        newState: z.object({ type: z.string(), id: z.string().optional() }).optional(),
        oldState: z.object({ type: z.string(), id: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  diagnostics: z
    .array(
      z.object({
        urn: z.string().optional(),
        message: z.string().optional(),
        severity: z.string().optional(),
      }),
    )
    .optional(),
});

/** ferry's Pulumi classes are dynamic resources: their tokens are known only from the kinds. */
const PULUMI_TYPES = new Set(backends.flatMap((b) => b.kinds.map(pulumiTypeToken)));

function isFerryType(t: string): boolean {
  return t.startsWith("ferry_") || PULUMI_TYPES.has(t);
}

/** Pulumi's colour tags (`<{%reset%}>`) and ANSI escapes, which diagnostics may carry. */
function plain(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes are what is removed.
  return s.replace(/<\{%[^%]*%\}>/g, "").replace(/\u001b\[[0-9;]*m/g, "");
}

function terraformAction(actions: string[]): Action {
  const a = [...actions].sort().join(",");
  if (a === "create") return "create";
  if (a === "update") return "update";
  if (a === "delete") return "destroy";
  if (a === "create,delete") return "replace";
  if (a === "read") return "read";
  return "no-op";
}

const logAction: Record<string, Action> = {
  create: "create",
  update: "update",
  delete: "destroy",
  replace: "replace",
  read: "read",
  noop: "no-op",
};

function empty(address: string, type: string, action: Action): ReviewedResource {
  return { address, type, action, operations: [], unsettled: false, blockers: [], warnings: [] };
}

/** One input document → what it tells about each resource. Several documents merge (`combine`). */
export function parseInput(text: string, name: string): Review {
  const trimmed = text.trim();
  if (!trimmed) throw new ReviewInputError(`${name}: empty input — expected terraform or Pulumi plan JSON`);
  // A whole JSON document: terraform show -json, or pulumi preview --json.
  if (trimmed.startsWith("{") && !trimmed.includes('\n{"@level"')) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch (e) {
      // A single log line is a whole document too; anything else that starts with "{" is broken JSON.
      if (!trimmed.startsWith('{"@level"'))
        throw new ReviewInputError(
          `${name}: not valid JSON (${e instanceof Error ? e.message : String(e)}) — a truncated file?`,
        );
    }
    if (doc !== undefined) {
      const show = showJson.safeParse(doc);
      if (show.success) return fromShow(show.data);
      const pulumi = pulumiPreview.safeParse(doc);
      if (pulumi.success && (pulumi.data.steps || pulumi.data.diagnostics || pulumi.data.changeSummary))
        return fromPulumi(pulumi.data);
      if (!logLine.safeParse(doc).success)
        throw new ReviewInputError(
          `${name}: JSON, but not a plan — expected \`terraform show -json plan.out\`, \`terraform plan -json\` or \`pulumi preview --json\``,
        );
    }
  }
  return fromLog(trimmed, name);
}

function fromShow(doc: z.infer<typeof showJson>): Review {
  const ferry: ReviewedResource[] = [];
  let others = 0;
  for (const rc of doc.resource_changes ?? []) {
    const action = terraformAction(rc.change.actions);
    if (!isFerryType(rc.type)) {
      if (action !== "no-op" && action !== "read") others++;
      continue;
    }
    const r = empty(rc.address, rc.type, action);
    const after = z
      .object({ operation_details: z.array(operationDetail).nullish() })
      .safeParse(rc.change.after ?? {});
    const unknown = z
      .object({ operation_details: z.boolean().optional() })
      .safeParse(rc.change.after_unknown ?? {});
    if (after.success && after.data.operation_details) r.operations = after.data.operation_details;
    if (unknown.success && unknown.data.operation_details) r.unsettled = true;
    ferry.push(r);
  }
  return { tool: `terraform ${doc.terraform_version ?? ""}`.trim(), ferry, others };
}

function fromLog(text: string, name: string): Review {
  const ferry = new Map<string, ReviewedResource>();
  const orphans: PlanDescription[] = [];
  let others = 0;
  let tool = "terraform";
  let lines = 0;
  for (const [i, raw] of text.split("\n").entries()) {
    if (!raw.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new ReviewInputError(
        `${name}: line ${i + 1} is not JSON — expected one JSON object per line (\`terraform plan -json\`); a truncated file?`,
      );
    }
    const l = logLine.safeParse(json);
    if (!l.success)
      throw new ReviewInputError(
        `${name}: line ${i + 1} is not a terraform log message (no "@level" and "type")`,
      );
    lines++;
    const m = l.data;
    if (m.type === "version" && m.terraform) tool = `terraform ${m.terraform}`;
    if (m.type === "planned_change" && m.change) {
      const { addr, resource_type } = m.change.resource;
      const action = logAction[m.change.action] ?? "no-op";
      if (!isFerryType(resource_type)) {
        if (action !== "no-op" && action !== "read") others++;
        continue;
      }
      const r = ferry.get(addr) ?? empty(addr, resource_type, action);
      r.action = action;
      ferry.set(addr, r);
    }
    if (m.type === "diagnostic" && m.diagnostic) {
      for (const d of parsePlanLines(m.diagnostic.detail ?? "")) {
        const addr = m.diagnostic.address ?? d.address;
        if (!addr) {
          orphans.push(d);
          continue;
        }
        mergeDescription(ferry, addr, d);
      }
    }
  }
  if (lines === 0) throw new ReviewInputError(`${name}: no terraform log messages`);
  for (const d of orphans) mergeDescription(ferry, `${d.type} (address not reported)`, d);
  return { tool, ferry: [...ferry.values()], others };
}

function mergeDescription(into: Map<string, ReviewedResource>, address: string, d: PlanDescription): void {
  const r =
    into.get(address) ??
    empty(address, d.type, d.blockers.length ? "blocked" : d.destroy ? "destroy" : "update");
  if (d.blockers.length) r.action = "blocked";
  if (r.operations.length === 0) r.operations = d.operations;
  r.blockers = d.blockers;
  r.warnings = d.warnings;
  r.unsettled ||= d.unsettled;
  into.set(address, r);
}

const pulumiOp: Record<string, Action> = {
  create: "create",
  update: "update",
  delete: "destroy",
  replace: "replace",
  "create-replacement": "replace",
  same: "no-op",
  read: "read",
  refresh: "read",
};

function fromPulumi(doc: z.infer<typeof pulumiPreview>): Review {
  const ferry = new Map<string, ReviewedResource>();
  let others = 0;
  for (const s of doc.steps ?? []) {
    const type = s.newState?.type ?? s.oldState?.type ?? s.urn.split("::")[2]?.split("$").pop() ?? "";
    // The replaced object's delete belongs to the replacement; nothing else to show for it.
    if (s.op === "delete-replaced" || s.op === "discard" || s.op === "discard-replaced") continue;
    const action = pulumiOp[s.op] ?? "no-op";
    if (!isFerryType(type)) {
      if (action !== "no-op" && action !== "read") others++;
      continue;
    }
    const had = ferry.get(s.urn);
    if (had) {
      if (action === "replace") had.action = "replace";
      continue;
    }
    ferry.set(s.urn, empty(s.urn, type, action));
  }
  // ferry's lines come from the dynamic provider's output, which Pulumi reports as diagnostics
  // without a URN; the description names the resource by its id (ids of existing objects are in the
  // steps' states), else it is the one ferry resource of its type in the preview.
  const ids = new Map<string, string>();
  for (const s of doc.steps ?? [])
    for (const id of [s.oldState?.id, s.newState?.id]) if (id) ids.set(id, s.urn);
  // A blocked resource has no step (its diff failed): its error diagnostic has the URN and the id.
  for (const d of doc.diagnostics ?? []) {
    const type = d.urn?.split("::")[2]?.split("$").pop() ?? "";
    if (!d.urn || !isFerryType(type)) continue;
    for (const m of (d.message ?? "").matchAll(/"([^"]+)"/g))
      if (m[1] && !ids.has(m[1])) ids.set(m[1], d.urn);
  }
  for (const d of doc.diagnostics ?? []) {
    for (const p of parsePlanLines(plain(d.message ?? ""))) {
      const id = p.address?.replace(/ \(replacement\)$/, "");
      const ofType = [...ferry.values()].filter((r) => r.type === p.type);
      const urn =
        d.urn ||
        (id ? ids.get(id) : undefined) ||
        (ofType.length === 1 ? ofType[0]?.address : undefined) ||
        `${p.type} ${id ?? ""}`.trim();
      mergeDescription(ferry, urn, p);
    }
  }
  // `type::name`: the stack and project are the same for every resource of one preview.
  const short = (urn: string) => (urn.startsWith("urn:pulumi:") ? urn.split("::").slice(2).join("::") : urn);
  return {
    tool: "pulumi",
    ferry: [...ferry.values()].map((r) => ({ ...r, address: short(r.address) })),
    others,
  };
}

/** Several inputs (a saved plan and its log) → one review; the saved plan's actions win. */
export function combine(reviews: Review[]): Review {
  const ferry = new Map<string, ReviewedResource>();
  let others = 0;
  for (const rv of reviews) {
    others = Math.max(others, rv.others);
    for (const r of rv.ferry) {
      const had = ferry.get(r.address);
      if (!had) {
        ferry.set(r.address, { ...r });
        continue;
      }
      if (r.operations.length && !had.operations.length) had.operations = r.operations;
      if (r.blockers.length) {
        had.blockers = r.blockers;
        had.action = "blocked";
      }
      if (r.warnings.length) had.warnings = r.warnings;
      had.unsettled ||= r.unsettled;
    }
  }
  const sorted = [...ferry.values()].sort((a, b) =>
    a.address < b.address ? -1 : a.address > b.address ? 1 : 0,
  );
  return { tool: reviews.map((r) => r.tool).find(Boolean) ?? "", ferry: sorted, others };
}
