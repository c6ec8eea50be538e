/**
 * Go-style duration strings ("90s", "20m", "1h30m"), the format terraform's `timeouts` use.
 */
import * as z from "zod";

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION_RE = /^(\d+(?:\.\d+)?(?:ms|s|m|h))+$/;

export function parseDuration(text: string): number | undefined {
  if (!DURATION_RE.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
    total += Number(m[1]) * (UNIT_MS[m[2] as string] ?? 0);
  return total;
}

export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

export const durationSchema = z
  .string()
  .refine((s) => parseDuration(s) !== undefined && parseDuration(s)! > 0, {
    message: 'must be a duration such as "90s", "20m" or "1h30m" (units ms, s, m, h)',
  });
