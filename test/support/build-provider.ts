/**
 * Vitest global setup: build dist/terraform-provider-ferry (and the release layout) once before the
 * tests that launch the provider executable (esbuild takes about a second), and compile dist/esm and
 * dist/cjs — what `@ferry-iac/ferry/pulumi` resolves to, in the Pulumi tests as for users — when the
 * sources changed since they were last compiled (tsc, some 15 s).
 */
import { buildProvider, ensurePackageBuilt } from "../../scripts/build.ts";

export async function setup(): Promise<void> {
  ensurePackageBuilt();
  await buildProvider();
}
