/**
 * Input validation at the edge: zod issues → InputIssues that name the attribute, what was given and
 * what is allowed. Used for resource inputs and provider settings alike.
 */
import type * as z from "zod";
import { type InputIssue, InvalidInputError } from "./errors.ts";
import { redactor } from "./redact.ts";

function describeGiven(input: unknown, sensitive: boolean): string {
  if (sensitive) return "(sensitive value)";
  if (input === undefined) return "nothing";
  if (input === null) return "null";
  if (typeof input === "string") return JSON.stringify(redactor.redact(input));
  if (typeof input === "number" || typeof input === "boolean") return String(input);
  if (Array.isArray(input)) return "a list";
  return "an object";
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

function allowedText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${issue.expected}`;
    case "invalid_value":
      return `allowed: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "unrecognized_keys":
      return `unknown attribute${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
    default:
      return issue.message;
  }
}

export function issuesFromZod(
  error: z.ZodError,
  input: unknown,
  sensitivePaths: Set<string> = new Set(),
): InputIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)) as (string | number)[];
    if (issue.code === "unrecognized_keys") return { path, message: allowedText(issue) };
    // A map key the schema does not allow: the issue sits at the key; name it and the key's rule.
    if (issue.code === "invalid_key") {
      const rule = issue.issues.map((i) => i.message).join("; ") || issue.message;
      return { path, message: `key ${JSON.stringify(String(path.at(-1) ?? ""))} is not allowed: ${rule}` };
    }
    const given = valueAt(input, issue.path);
    // A value inside a sensitive attribute is sensitive too.
    const sensitive = path.some((_, i) => sensitivePaths.has(path.slice(0, i + 1).join(".")));
    const required = given === undefined && issue.code === "invalid_type";
    return {
      path,
      message: required
        ? `is required (${allowedText(issue)})`
        : `got ${describeGiven(given, sensitive)}; ${allowedText(issue)}`,
    };
  });
}

/** Parse input with a schema or throw InvalidInputError naming every bad attribute. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
  sensitivePaths?: Set<string>,
): z.output<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new InvalidInputError(what, issuesFromZod(r.error, input, sensitivePaths));
}
