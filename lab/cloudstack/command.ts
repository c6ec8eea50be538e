// What every command handler shares: its context, its outcome, and the list-response shape.
import type * as z from "zod";
import type { JobRunner } from "./jobs.ts";
import type { CloudStackModel } from "./model.ts";
import { type ParamFields, pageOf, parseParams, type Paging, type RawParams } from "./params.ts";
import type { RuleSettings } from "./rules.ts";
import type { Json, ViewContext } from "./views.ts";

export interface CommandContext extends ViewContext {
  model: CloudStackModel;
  jobs: JobRunner;
  settings: RuleSettings;
  /** Parameter schemas bound to the current model and jobs (uuid parameters must exist). */
  fields: ParamFields;
}

export interface CommandOutcome {
  /** The object under the `<cmd>response` key. */
  body: Json;
  /** Set when the command created an async job. */
  jobid?: string;
}

export interface CommandDefinition {
  /** The canonical (camelCase) name; lookups are case-insensitive. */
  name: string;
  /** The response key, `<lowercased name>response` unless the command says otherwise. */
  responseKey: string;
  run(raw: RawParams, ctx: CommandContext): CommandOutcome;
}

/** Declares a command whose parameters are parsed by `schema` before `run` sees them. */
export function defineCommand<S extends z.ZodType>(
  name: string,
  schema: (fields: ParamFields) => S,
  run: (params: z.output<S>, ctx: CommandContext) => CommandOutcome,
  responseKey = `${name.toLowerCase()}response`,
): CommandDefinition {
  return {
    name,
    responseKey,
    run: (raw, ctx) => run(parseParams(name, schema(ctx.fields), raw), ctx),
  };
}

/**
 * A list response: `{"count": <total matches>, "<itemKey>": [<this page>]}`. CloudStack leaves out `count`
 * when it is 0 and the array when it is empty, so an empty list is `{}` (apis.md §1.2); a page past the end
 * keeps the count [I].
 */
export function listBody(itemKey: string, items: readonly Json[], paging: Paging): Json {
  const page = pageOf(items, paging);
  return {
    ...(items.length > 0 ? { count: items.length } : {}),
    ...(page.length > 0 ? { [itemKey]: page } : {}),
  };
}
