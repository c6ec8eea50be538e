/**
 * Writes the cdktf and CDK Terrain (cdktn) bindings (cdktf/generated/<flavour>/) from ferry's own
 * provider schema, with each flavour's own provider generator: the same classes `cdktf get` and
 * `cdktn get` use (CodeMaker, TerraformProviderGenerator, TerraformProviderConstraint,
 * ConstructsMakerProviderTarget), fed the document `terraform providers schema -json` prints for ferry.
 * A new kind appears here without any change: it is in the schema.
 *
 * The raw output is kept as the generator writes it except for what this repository's strict
 * tsconfig needs (`override` on the members that override, `.ts` on relative imports); per-resource
 * READMEs and the lazy index are left out (the docs are in docs/).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import * as z from "zod";
import type { Backend } from "../provider/engine/backend.ts";
import { providersSchemaJson } from "../provider/terraform/schema.ts";

export interface Flavour {
  /** The construct library the bindings import (`cdktf` or `cdktn`); also the folder name. */
  name: "cdktf" | "cdktn";
  /** The flavour's provider generator package and where its TerraformProviderGenerator lives. */
  generator: string;
  generatorModule: string;
  commons: string;
}

export const FLAVOURS: readonly Flavour[] = [
  {
    name: "cdktf",
    generator: "@cdktf/provider-generator",
    generatorModule: "lib/get/generator/provider-generator",
    commons: "@cdktf/commons",
  },
  {
    name: "cdktn",
    generator: "@cdktn/provider-generator",
    generatorModule: "build/get/generator/provider-generator",
    commons: "@cdktn/commons",
  },
];

export const GENERATED_DIR = "cdktf/generated";

// The few entry points of the generator packages this script calls, checked where they are loaded.
type Ctor = new (...args: unknown[]) => Record<string, (...args: unknown[]) => unknown>;
const ctor = z.custom<Ctor>((v) => typeof v === "function", "a class");
const GeneratorModule = z.object({ TerraformProviderGenerator: ctor });
const CommonsModule = z.object({
  TerraformProviderConstraint: ctor,
  ConstructsMakerProviderTarget: ctor,
  Language: z.object({ TYPESCRIPT: z.string() }),
});
const CodeMakerModule = z.object({ CodeMaker: ctor });

/** Sorted keys at every level, so that the output does not depend on the order the schema was built in. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, x]) => [k, sortKeys(x)]),
    );
  return v;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/**
 * What this repository's tsconfig (noImplicitOverride, NodeNext with `.ts` imports) needs of the
 * generator's TypeScript. Nothing else is changed.
 */
export function postProcess(text: string): string {
  return (
    text
      // Relative imports name their file: `./x` and `./x/index` are the folder's index.ts.
      .replace(/from '(\.{1,2}\/[^']+?)(\/index)?'/g, (_m, p: string) => `from '${p}/index.ts'`)
      // Members that override TerraformResource's and TerraformProvider's.
      .replace(
        /^ {2}protected (synthesizeAttributes|synthesizeHclAttributes)\(/gm,
        "  protected override $1(",
      )
      .replace(/^ {2}public (get|set) alias\(/gm, "  public override $1 alias(")
      // A list of objects (ComplexList) takes its parent's fields as constructor parameter properties.
      .replace(
        /^ {2}constructor\(protected terraformResource: (\w+)\.IInterpolatingParent, protected terraformAttribute: string, protected wrapsSet: boolean\)/gm,
        "  constructor(protected override terraformResource: $1.IInterpolatingParent, protected override terraformAttribute: string, protected override wrapsSet: boolean)",
      )
  );
}

/** The generated files of one flavour: path under the repository → text. */
export async function generateFlavour(
  flavour: Flavour,
  backends: Backend[],
  root: string,
): Promise<Map<string, string>> {
  // @cdktf/commons looks at `terraform version` and HashiCorp's checkpoint service when loaded.
  process.env.CHECKPOINT_DISABLE = "1";
  const require = createRequire(join(root, "package.json"));
  const generatorPath = require.resolve(`${flavour.generator}/${flavour.generatorModule}`);
  const fromGenerator = createRequire(generatorPath);
  const { TerraformProviderGenerator } = GeneratorModule.parse(fromGenerator(generatorPath));
  const { CodeMaker } = CodeMakerModule.parse(fromGenerator("codemaker"));
  const commons = CommonsModule.parse(fromGenerator(flavour.commons));

  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, sortKeys(providersSchemaJson(backends)));
  const constraint = new commons.TerraformProviderConstraint({
    name: "ferry",
    source: "ferry-iac/ferry",
  });
  const target = new commons.ConstructsMakerProviderTarget(constraint, commons.Language.TYPESCRIPT);
  generator.generate!(target);

  const tmp = mkdtempSync(join(tmpdir(), `ferry-${flavour.name}-`));
  try {
    await code.save!(tmp);
    const base = join(tmp, "providers", "ferry");
    const files = new Map<string, string>();
    for (const file of listFiles(base)) {
      const rel = relative(base, file);
      if (!rel.endsWith(".ts") || rel === "lazy-index.ts") continue;
      files.set(`${GENERATED_DIR}/${flavour.name}/${rel}`, postProcess(readFileSync(file, "utf8")));
    }
    return files;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Both flavours' files. */
export async function generateCdkSources(backends: Backend[], root: string): Promise<Map<string, string>> {
  const all = new Map<string, string>();
  for (const flavour of FLAVOURS)
    for (const [path, text] of await generateFlavour(flavour, backends, resolve(root))) all.set(path, text);
  return all;
}
