/**
 * Vitest global setup: build dist/terraform-provider-ferry (and the release layout) once before the
 * tests that launch the provider executable. esbuild takes about a second.
 */
import { buildProvider } from "../../scripts/build.ts";

export async function setup(): Promise<void> {
  await buildProvider();
}
