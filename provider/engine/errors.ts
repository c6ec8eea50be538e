/**
 * Typed errors. Every error ferry raises has a stable `code` (callers branch on it, never on text) and
 * says what happened, why, and how to fix it. Messages never carry secrets: everything that reaches a
 * message goes through the redactor first (see redact.ts).
 */

export type ErrorCode =
  | "INVALID_INPUT"
  | "INVALID_CONFIG"
  | "PLAN_BLOCKED"
  | "API_ERROR"
  | "JOB_FAILED"
  | "TRANSPORT"
  | "AMBIGUOUS_WRITE"
  | "TIMEOUT"
  | "CANCELLED"
  | "NO_PROGRESS"
  | "NOT_FOUND"
  | "UNEXPECTED_RESPONSE";

export interface ErrorDetail {
  /** What happened, in one sentence. */
  what: string;
  /** Why it happened (the API's own message where there is one). */
  why?: string;
  /** What the user can do about it. */
  fix?: string;
}

export class FerryError extends Error {
  readonly code: ErrorCode;
  readonly what: string;
  readonly why: string | undefined;
  readonly fix: string | undefined;

  constructor(code: ErrorCode, detail: ErrorDetail, options?: { cause?: unknown }) {
    super(formatMessage(detail), options);
    this.name = "FerryError";
    this.code = code;
    this.what = detail.what;
    this.why = detail.why;
    this.fix = detail.fix;
  }
}

function formatMessage(d: ErrorDetail): string {
  return [d.what, d.why ? `Why: ${d.why}` : "", d.fix ? `Fix: ${d.fix}` : ""].filter(Boolean).join("\n");
}

/** One problem with user input, addressed by attribute path. */
export interface InputIssue {
  /** Attribute path, e.g. ["timeouts", "create"]. */
  path: (string | number)[];
  /** What was wrong, naming what was given and what is allowed. */
  message: string;
}

export class InvalidInputError extends FerryError {
  readonly issues: InputIssue[];
  constructor(
    resource: string,
    issues: InputIssue[],
    code: "INVALID_INPUT" | "INVALID_CONFIG" = "INVALID_INPUT",
  ) {
    super(code, {
      what: `Invalid ${resource}: ${issues.map((i) => `${pathText(i.path)}: ${i.message}`).join("; ")}`,
      fix: "Correct the attributes named above.",
    });
    this.name = "InvalidInputError";
    this.issues = issues;
  }
}

export function pathText(path: (string | number)[]): string {
  if (path.length === 0) return "(resource)";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** A reason the API would refuse the change, found before anything runs. */
export interface Blocker {
  /** Stable code, e.g. "VM_RUNNING", "MANAGED_STORAGE". */
  code: string;
  /** What stands in the way, quoting the API's rule. */
  message: string;
  /** The input that resolves it, when one does (e.g. "allow_stop"). */
  attribute?: string;
  /** How to resolve it. */
  fix?: string;
}

export class PlanBlockedError extends FerryError {
  readonly blockers: Blocker[];
  constructor(resource: string, blockers: Blocker[]) {
    super("PLAN_BLOCKED", {
      what: `${resource}: the change cannot be made as configured (${blockers.length} blocker${blockers.length === 1 ? "" : "s"}).`,
      why: blockers.map((b) => `[${b.code}] ${b.message}${b.fix ? ` — ${b.fix}` : ""}`).join("\n  "),
      fix: "Nothing was changed. Resolve the blockers above and plan again.",
    });
    this.name = "PlanBlockedError";
    this.blockers = blockers;
  }
}

/** The API answered with an error envelope. */
export class ApiError extends FerryError {
  readonly backend: string;
  readonly operation: string;
  readonly status: number | undefined;
  readonly apiCode: string | number | undefined;
  readonly apiMessage: string;
  constructor(args: {
    backend: string;
    operation: string;
    status?: number;
    apiCode?: string | number;
    apiMessage: string;
    fix?: string;
    code?: "API_ERROR" | "JOB_FAILED" | "NOT_FOUND";
  }) {
    super(args.code ?? "API_ERROR", {
      what: `${args.backend} ${args.operation} failed${args.status ? ` (HTTP ${args.status}${args.apiCode !== undefined ? `, code ${args.apiCode}` : ""})` : args.apiCode !== undefined ? ` (code ${args.apiCode})` : ""}.`,
      why: args.apiMessage,
      fix: args.fix ?? "Check the message from the API above; plan again to see the current state.",
    });
    this.name = "ApiError";
    this.backend = args.backend;
    this.operation = args.operation;
    this.status = args.status;
    this.apiCode = args.apiCode;
    this.apiMessage = args.apiMessage;
  }
}

export class TimeoutError extends FerryError {
  constructor(what: string, inFlight: string) {
    super("TIMEOUT", {
      what,
      why: `${inFlight} continues on the server side; ferry stopped waiting for it, it did not cancel it.`,
      fix: "Run again (apply / up): ferry finds the operation in flight, waits for it and carries on. Raise the resource's `timeouts` if this is expected to take longer.",
    });
    this.name = "TimeoutError";
  }
}

export class CancelledError extends FerryError {
  constructor(what: string) {
    super("CANCELLED", {
      what,
      why: "The run was interrupted. An operation already accepted by the API continues there.",
      fix: "Run again: ferry observes where the API is and picks up from there; nothing is issued twice.",
    });
    this.name = "CancelledError";
  }
}

export function isFerryError(e: unknown): e is FerryError {
  return e instanceof FerryError;
}
