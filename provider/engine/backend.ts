/**
 * A backend: its settings schema, how to build a client from settings, and its kinds. The doors see
 * backends only through this interface.
 */
import type * as z from "zod";
import type { ReadScope } from "./batch.ts";
import type { AnyKind } from "./kind.ts";
import type { Logger } from "./log.ts";

export interface ClientOptions {
  scope?: ReadScope | undefined;
}

export interface Backend<C = unknown> {
  /** "cloudstack": the provider block name and the type prefix. */
  name: string;
  /** Human name for docs: "Apache CloudStack". */
  title: string;
  settings: z.ZodObject;
  /**
   * `options.scope`: the door's ReadScope — the client's batched reads and its writes go through it,
   * so that reads of separate requests share list calls and a write clears what they hold.
   */
  createClient(settings: Record<string, unknown>, log: Logger, options?: ClientOptions): C;
  kinds: AnyKind[];
  /** The default operation limit from settings, if the backend has one (e.g. CLOUDSTACK_TIMEOUT), ms. */
  defaultTimeoutMs?(settings: Record<string, unknown>): number | undefined;
}
