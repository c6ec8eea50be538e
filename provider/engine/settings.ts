/**
 * Backend settings (the provider block of each backend): a zod object whose attributes carry
 * `.meta({ description, env: [...], sensitive })`. `resolveSettings` fills attributes the user left
 * unset from the environment variables named in `env` (first set wins), then validates, so every door
 * (terraform provider block, Pulumi stack config) behaves the same.
 */
import * as z from "zod";
import { InvalidInputError } from "./errors.ts";
import { redactor } from "./redact.ts";
import { issuesFromZod } from "./validate.ts";

export interface SettingMeta {
  description?: string;
  env?: string[];
  sensitive?: boolean;
}

export function settingMeta(schema: z.ZodType): SettingMeta {
  return (schema.meta() ?? {}) as SettingMeta;
}

/** Coerce an environment string to what the attribute expects (numbers and booleans). */
function fromEnv(raw: string, schema: z.ZodType): unknown {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType };
  const type =
    def.type === "optional" || def.type === "default" ? (def.innerType?._zod.def.type ?? def.type) : def.type;
  // Anything that does not read as the expected type is passed on as written, so the error shows it.
  if (type === "number") return raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  if (type === "boolean") {
    const v = raw.trim().toLowerCase();
    if (["1", "true", "yes", "on"].includes(v)) return true;
    if (["0", "false", "no", "off"].includes(v)) return false;
    return raw;
  }
  return raw;
}

export function resolveSettings<T extends z.ZodObject>(
  schema: T,
  given: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  what: string,
): z.output<T> {
  const merged: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(given)) if (v !== undefined && v !== null) merged[k] = v;
  const sensitive = new Set<string>();
  for (const [name, attr] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const meta = settingMeta(attr);
    if (meta.sensitive) sensitive.add(name);
    if (merged[name] !== undefined) continue;
    for (const variable of meta.env ?? []) {
      const raw = env[variable];
      if (raw !== undefined && raw !== "") {
        merged[name] = fromEnv(raw, attr);
        break;
      }
    }
  }
  const r = schema.safeParse(merged);
  if (!r.success)
    throw new InvalidInputError(what, issuesFromZod(r.error, merged, sensitive), "INVALID_CONFIG");
  for (const name of sensitive) {
    const v = (r.data as Record<string, unknown>)[name];
    if (typeof v === "string") redactor.addSecret(v);
  }
  return r.data;
}

/**
 * The HTTP and TLS settings every backend has (`http_timeout`, `ca_cert`, `insecure`), declared once;
 * each backend names its own environment variables for them.
 */
export function connectionSettings(env: { httpTimeout: string[]; caCert: string[]; insecure: string[] }) {
  return {
    http_timeout: z
      .number()
      .int()
      .positive({ message: "must be a positive number of seconds" })
      .default(60)
      .meta({ description: "Limit in seconds for one HTTP request. Default 60.", env: env.httpTimeout }),
    ca_cert: z
      .string()
      .optional()
      .meta({ description: "PEM text of a CA to trust, or the path of a PEM file.", env: env.caCert }),
    insecure: z.boolean().default(false).meta({
      description: "Skip TLS certificate verification. Only for labs; never the default.",
      env: env.insecure,
    }),
  };
}
