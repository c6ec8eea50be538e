/**
 * Every backend ferry ships, as a door that serves one kind at a time needs them: each backend's name
 * and settings schema at hand (a stack's config names settings of any backend), and the backend itself
 * — its kinds, its client — loaded on first use. Pulumi's host answers for one resource type per
 * provider process, so it loads that type's backend and no other.
 *
 * The same backends, in the same order, as `backends` in index.ts (a test checks they agree); a kind's
 * type starts with its backend's name.
 */
import type * as z from "zod";
import { cloudStackSettingsSchema } from "./cloudstack/settings.ts";
import { danubeSettingsSchema } from "./danube/settings.ts";
import type { Backend } from "./engine/backend.ts";
import type { AnyKind } from "./engine/kind.ts";
import { manilaSettingsSchema } from "./manila/settings.ts";
import { velostrataSettingsSchema } from "./velostrata/settings.ts";

export interface CatalogEntry {
  /** The backend's name: its settings' config prefix and its kinds' type prefix. */
  name: string;
  settings: z.ZodObject;
  /** The backend, its modules loaded once. */
  load(): Promise<Backend>;
}

export const catalog: CatalogEntry[] = [
  {
    name: "cloudstack",
    settings: cloudStackSettingsSchema,
    load: async () => (await import("./cloudstack/index.ts")).cloudstack as Backend,
  },
  {
    name: "manila",
    settings: manilaSettingsSchema,
    load: async () => (await import("./manila/index.ts")).manila as Backend,
  },
  {
    name: "danube",
    settings: danubeSettingsSchema,
    load: async () => (await import("./danube/index.ts")).danube as Backend,
  },
  {
    name: "velostrata",
    settings: velostrataSettingsSchema,
    load: async () => (await import("./velostrata/index.ts")).velostrata as Backend,
  },
];

/** The kind of a type (`cloudstack_root_volume` or `ferry_cloudstack_root_volume`), its backend loaded. */
export async function loadKind(type: string): Promise<{ kind: AnyKind; backend: Backend } | undefined> {
  const bare = type.startsWith("ferry_") ? type.slice("ferry_".length) : type;
  const entry = catalog.find((e) => bare.startsWith(`${e.name}_`));
  if (!entry) return undefined;
  const backend = await entry.load();
  const kind = backend.kinds.find((k) => k.type === bare);
  return kind ? { kind, backend } : undefined;
}
