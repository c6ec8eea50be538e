/**
 * Errors → tfplugin6 diagnostics. Input problems and blockers carry the attribute path they are about,
 * so terraform points at the line in the configuration.
 */
import { type Blocker, FerryError, InvalidInputError, PlanBlockedError } from "../engine/errors.ts";
import { redactor } from "../engine/redact.ts";
import type { CtyType } from "./codec.ts";

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

/**
 * A path as terraform addresses it. With the cty type of the object the path starts at, a step into a
 * map is its element key (`disk_zpools["3"]`), a step into a list its index, a step into an object
 * its attribute; without it, strings are attribute names and numbers indexes.
 */
export function attributePath(path: (string | number)[], type?: CtyType): { steps: AttributePathStep[] } {
  let t: CtyType | undefined = type;
  const steps: AttributePathStep[] = [];
  for (const p of path) {
    const kind = Array.isArray(t) ? t[0] : undefined;
    if (kind === "map") {
      steps.push({ element_key_string: String(p) });
      t = (t as ["map", CtyType])[1];
    } else if (kind === "list" || kind === "set" || kind === "tuple") {
      steps.push({ element_key_int: Number(p) });
      const inner = (t as [string, CtyType | CtyType[]])[1];
      t = Array.isArray(inner) && kind === "tuple" ? (inner as CtyType[])[Number(p)] : (inner as CtyType);
    } else if (typeof p === "number" && kind !== "object") {
      steps.push({ element_key_int: p });
      t = undefined;
    } else {
      steps.push({ attribute_name: String(p) });
      t = kind === "object" ? (t as ["object", Record<string, CtyType>])[1][String(p)] : undefined;
    }
  }
  return { steps };
}

export function errorDiagnostic(
  summary: string,
  detail = "",
  path?: (string | number)[],
  type?: CtyType,
): Diagnostic {
  return {
    severity: SEVERITY_ERROR,
    summary: redactor.redact(summary),
    detail: redactor.redact(detail),
    attribute: path?.length ? attributePath(path, type) : null,
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

/**
 * Any error → diagnostics (one per input issue / blocker where the error has several). `type` is the
 * cty type the paths start at (the resource's object), so map keys are addressed as keys.
 */
export function diagnosticsOf(
  e: unknown,
  resource = "ferry",
  prefix: string[] = [],
  type?: CtyType,
): Diagnostic[] {
  if (e instanceof InvalidInputError)
    return e.issues.map((i) =>
      errorDiagnostic(
        `Invalid ${i.path.map(String).join(".") || "configuration"}`,
        i.message,
        [...prefix, ...i.path],
        type,
      ),
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
