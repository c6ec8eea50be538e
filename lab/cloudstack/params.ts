// Request parameters of one command, validated with zod and refused the way CloudStack's dispatcher
// (ParamProcessWorker) refuses them: synchronously, HTTP 431, before any job exists.
//   missing required  → "Unable to execute API command <cmd> due to missing parameter <name>"
//   unknown uuid      → "… due to invalid value. Invalid parameter <name> value=<v> due to incorrect long value
//                        format, or entity does not exist or due to incorrect parameter annotation for the
//                        field in api cmd class."
//   not a number      → "… due to invalid value <v> for parameter <name>"
// Booleans follow Java's Boolean.valueOf: "true" (any case) is true, anything else is false, never an error.
import * as z from "zod";
import { invalidParameter, paramError } from "./errors.ts";

/** Parameters of one request: lowercased names → first value. */
export type RawParams = ReadonlyMap<string, string>;

export type EntityKind = "zone" | "cluster" | "host" | "pool" | "diskoffering" | "vm" | "volume" | "job";

/** What parameter parsing needs to know of the model: whether an id exists. */
export interface EntityLookup {
  exists(kind: EntityKind, id: string): boolean;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BAD_UUID = "bad-uuid";
const BAD_NUMBER = "bad-number";

/** Field schemas bound to the current model (uuid parameters must name an existing entity). */
export function paramFields(lookup: EntityLookup) {
  // Lookups are case-insensitive like CloudStack's database; the id is returned lowercased.
  const resolve = (kind: EntityKind, token: string, ctx: z.RefinementCtx): string | undefined => {
    const id = token.toLowerCase();
    if (UUID_PATTERN.test(id) && lookup.exists(kind, id)) return id;
    ctx.addIssue({ code: "custom", message: BAD_UUID, params: { token } });
    return undefined;
  };
  return {
    uuid: (kind: EntityKind) => z.string().transform((value, ctx) => resolve(kind, value, ctx) ?? z.NEVER),
    uuidList: (kind: EntityKind) =>
      z.string().transform((value, ctx) => {
        const ids: string[] = [];
        for (const token of value.split(",").filter((t) => t !== "")) {
          const id = resolve(kind, token, ctx);
          if (id === undefined) return z.NEVER;
          ids.push(id);
        }
        return ids;
      }),
    long: () =>
      z
        .string()
        .regex(/^[+-]?\d{1,18}$/, BAD_NUMBER)
        .transform(Number),
    bool: () => z.string().transform((value) => value.toLowerCase() === "true"),
    text: () => z.string(),
  };
}

export type ParamFields = ReturnType<typeof paramFields>;

/** Parses `raw` with `schema`; the first problem becomes CloudStack's 431 error for `command`. */
export function parseParams<S extends z.ZodType>(command: string, schema: S, raw: RawParams): z.output<S> {
  const result = schema.safeParse(Object.fromEntries(raw));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? "");
  const cmd = command.toLowerCase();
  const value = raw.get(name);
  if (value === undefined)
    throw paramError(`Unable to execute API command ${cmd} due to missing parameter ${name}`);
  if (issue.message === BAD_UUID) {
    const token =
      issue.code === "custom" && typeof issue.params?.["token"] === "string" ? issue.params["token"] : value;
    throw paramError(
      `Unable to execute API command ${cmd} due to invalid value. Invalid parameter ${name} value=${token}` +
        " due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation" +
        " for the field in api cmd class.",
    );
  }
  throw paramError(
    `Unable to execute API command ${cmd} due to invalid value ${value} for parameter ${name}`,
  );
}

export const DEFAULT_PAGE_SIZE = 500;

export interface Paging {
  page?: number | undefined;
  pagesize?: number | undefined;
}

/**
 * The slice of `items` a list command returns. `page` is 1-based; pagesize defaults to and may not exceed
 * 500 (default.page.size); -1 means unlimited. [I: the texts of the paging errors are recalled.]
 */
export function pageOf<T>(items: readonly T[], paging: Paging): T[] {
  const size = paging.pagesize ?? DEFAULT_PAGE_SIZE;
  if (size === -1) return [...items];
  if (size > DEFAULT_PAGE_SIZE) {
    throw invalidParameter(`Page size can't exceed max allowed page size value: ${DEFAULT_PAGE_SIZE}`);
  }
  if (size < 1) throw paramError("Invalid value provided for API arg: pagesize");
  const page = paging.page ?? 1;
  if (page < 1) throw paramError("Invalid value provided for API arg: page");
  return items.slice((page - 1) * size, page * size);
}
