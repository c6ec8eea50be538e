/**
 * A backend: its settings schema, how to build a client from settings, and its kinds. The doors see
 * backends only through this interface.
 */
import type { z } from "zod";
import type { AnyKind } from "./kind.ts";
import type { Logger } from "./log.ts";

export interface Backend<C = unknown> {
  /** "cloudstack": the provider block name and the type prefix. */
  name: string;
  /** Human name for docs: "Apache CloudStack". */
  title: string;
  settings: z.ZodObject;
  createClient(settings: Record<string, unknown>, log: Logger): C;
  kinds: AnyKind[];
  /** The default operation limit from settings, if the backend has one (e.g. CLOUDSTACK_TIMEOUT), ms. */
  defaultTimeoutMs?(settings: Record<string, unknown>): number | undefined;
}
