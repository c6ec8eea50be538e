/**
 * Attributes every kind has: `timeouts` (input) and `operations` (computed: the documented operations
 * of the change, as shown in the plan). Kinds build their spec with `kindSpec`, so these are declared once.
 */
import * as z from "zod";
import { durationSchema, parseDuration } from "./duration.ts";
import type { Phase } from "./kind.ts";

export const timeoutsSchema = z
  .object({
    create: durationSchema.optional().meta({ description: 'Limit for create, e.g. "30m".' }),
    update: durationSchema.optional().meta({ description: 'Limit for update, e.g. "30m".' }),
    delete: durationSchema.optional().meta({ description: 'Limit for delete, e.g. "10m".' }),
  })
  .strict()
  .meta({
    description:
      "How long ferry waits for the operations of each phase. When a limit is reached ferry stops waiting — the API keeps working — and the next run picks the operation up where it is.",
  });

export type Timeouts = z.infer<typeof timeoutsSchema>;

export function kindSpec<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.object({ ...shape, timeouts: timeoutsSchema.optional() }).strict();
}

export function timeoutFor(
  timeouts: Timeouts | undefined,
  phase: Phase,
  defaults: Record<Phase, number>,
): number {
  const text = timeouts?.[phase];
  return (text && parseDuration(text)) || defaults[phase];
}

/** CloudStack / OpenStack style UUIDs. */
export const uuidSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
    message: "must be a UUID such as 3f1c2a9e-8b4d-4c1e-9f2a-0b1c2d3e4f5a",
  });

/**
 * An object of alternatives of which exactly one must be set (`storage { aws {…} }` — not two clouds,
 * not none): the error sits at the object and names what was set and what is allowed.
 */
export function exactlyOneOf<T extends z.ZodObject>(object: T): T {
  const keys = Object.keys(object.shape);
  return object.superRefine((value, ctx) => {
    const set = keys.filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    if (set.length === 1) return;
    ctx.addIssue({
      code: "custom",
      message:
        set.length === 0
          ? `set exactly one of ${keys.join(", ")} (none is set)`
          : `set exactly one of ${keys.join(", ")} (${set.join(" and ")} are set)`,
    });
  }) as unknown as T;
}
