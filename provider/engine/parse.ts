/**
 * An API answer's body parsed against its zod schema at the edge; an answer that is not what the API
 * documents is an error naming the backend and the operation, never a value passed on unchecked.
 */
import type * as z from "zod";
import { FerryError } from "./errors.ts";
import type { HttpResponse } from "./http.ts";
import { redactor } from "./redact.ts";

export function parseResponse<T extends z.ZodType>(
  schema: T,
  res: HttpResponse,
  where: { backend: string; operation: string; fix: string },
): z.output<T> {
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch {
    json = undefined;
  }
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  throw new FerryError("UNEXPECTED_RESPONSE", {
    what: `${where.backend} ${where.operation}: the answer (HTTP ${res.status}) is not what the API documents.`,
    why: redactor.redact(res.text.slice(0, 300)) || "(empty body)",
    fix: where.fix,
  });
}
