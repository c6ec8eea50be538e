/**
 * Errors → tfplugin6 diagnostics. Input problems and blockers carry the attribute path they are about,
 * so terraform points at the line in the configuration.
 */
import { type Blocker, FerryError, InvalidInputError, PlanBlockedError } from "../engine/errors.ts";
import { redactor } from "../engine/redact.ts";

export const SEVERITY_ERROR = 1;
export const SEVERITY_WARNING = 2;

export interface AttributePathStep {
  attribute_name?: string;
  element_key_string?: string;
  element_key_int?: number;
}

export interface Diagnostic {
  severity: number;
  summary: string;
  detail: string;
  attribute?: { steps: AttributePathStep[] } | null;
}

export function attributePath(path: (string | number)[]): { steps: AttributePathStep[] } {
  return {
    steps: path.map((p) => (typeof p === "number" ? { element_key_int: p } : { attribute_name: p })),
  };
}

export function errorDiagnostic(summary: string, detail = "", path?: (string | number)[]): Diagnostic {
  return {
    severity: SEVERITY_ERROR,
    summary: redactor.redact(summary),
    detail: redactor.redact(detail),
    attribute: path?.length ? attributePath(path) : null,
  };
}

export function warningDiagnostic(summary: string, detail = "", path?: (string | number)[]): Diagnostic {
  return { ...errorDiagnostic(summary, detail, path), severity: SEVERITY_WARNING };
}

export function blockerDiagnostic(resource: string, b: Blocker, prefix: string[] = []): Diagnostic {
  return errorDiagnostic(
    `${resource}: ${b.message}`,
    [`[${b.code}] The API would refuse this change; nothing was changed.`, b.fix ? `Fix: ${b.fix}` : ""]
      .filter(Boolean)
      .join("\n"),
    b.attribute ? [...prefix, b.attribute] : undefined,
  );
}

/** Any error → diagnostics (one per input issue / blocker where the error has several). */
export function diagnosticsOf(e: unknown, resource = "ferry", prefix: string[] = []): Diagnostic[] {
  if (e instanceof InvalidInputError)
    return e.issues.map((i) =>
      errorDiagnostic(`Invalid ${i.path.map(String).join(".") || "configuration"}`, i.message, [
        ...prefix,
        ...i.path,
      ]),
    );
  if (e instanceof PlanBlockedError) return e.blockers.map((b) => blockerDiagnostic(resource, b, prefix));
  if (e instanceof FerryError)
    return [
      errorDiagnostic(
        e.what,
        [e.why ? `Why: ${e.why}` : "", e.fix ? `Fix: ${e.fix}` : "", `(${e.code})`]
          .filter(Boolean)
          .join("\n"),
      ),
    ];
  const message = e instanceof Error ? e.message : String(e);
  return [errorDiagnostic("ferry: internal error", message)];
}
