/** The cdktf and cdktn bindings are generated from the provider schema: the committed files must be what the generator writes. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { FLAVOURS, GENERATED_DIR, generateCdkSources } from "../../cdktf/generate.ts";
import { backends } from "../../provider/index.ts";
import { resourceTypeName } from "../../provider/terraform/schema.ts";

const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");

function committed(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...committed(p));
    else out.push(relative(ROOT, p));
  }
  return out.sort();
}

describe("cdktf/generated", () => {
  let files: Map<string, string>;
  beforeAll(async () => {
    files = await generateCdkSources(backends, ROOT);
  }, 60_000);

  it("the committed files are what `npm run generate` writes, and no others", () => {
    expect(committed(resolve(ROOT, GENERATED_DIR))).toEqual([...files.keys()].sort());
    for (const [path, text] of files) expect(readFileSync(resolve(ROOT, path), "utf8"), path).toBe(text);
  });

  it("has a construct per kind in each flavour, importing only that flavour", () => {
    for (const flavour of FLAVOURS) {
      const index = files.get(`${GENERATED_DIR}/${flavour.name}/index.ts`)!;
      for (const b of backends)
        for (const k of b.kinds) {
          const folder = resourceTypeName(k)
            .replace(/^ferry_/, "")
            .replaceAll("_", "-");
          const text = files.get(`${GENERATED_DIR}/${flavour.name}/${folder}/index.ts`);
          expect(text, `${flavour.name} ${resourceTypeName(k)}`).toContain(
            `public static readonly tfResourceType = "${resourceTypeName(k)}";`,
          );
          expect(index).toContain(`from './${folder}/index.ts';`);
        }
      const other = flavour.name === "cdktf" ? "cdktn" : "cdktf";
      for (const [path, text] of files)
        if (path.startsWith(`${GENERATED_DIR}/${flavour.name}/`)) expect(text).not.toContain(`'${other}'`);
    }
  });

  it("cdktn's bindings are cdktf's but for the import name, the product's name in a comment, a docs link and a list's constructor", () => {
    const link = {
      cdktf: "https://cdk.tf/complex-object-as-configuration",
      cdktn: "https://cdktn.io/docs/concepts/resources#references",
    };
    for (const [path, text] of files) {
      if (!path.startsWith(`${GENERATED_DIR}/cdktf/`)) continue;
      const twin = files.get(path.replace("/cdktf/", "/cdktn/"))!;
      // cdktn's generator no longer redeclares a list of objects' (ComplexList's) fields as constructor
      // parameter properties; the constructor is otherwise the same.
      const complexList = (t: string) =>
        t.replace(
          /constructor\(protected override terraformResource: (\w+)\.IInterpolatingParent, protected override terraformAttribute: string, protected override wrapsSet: boolean\) \{\n {4}super\(terraformResource, terraformAttribute, wrapsSet\)\n/g,
          "constructor(terraformResource: $1.IInterpolatingParent, terraformAttribute: string, wrapsSet: boolean) {\n    super(terraformResource, terraformAttribute, wrapsSet);\n",
        );
      expect(
        twin
          .replaceAll(link.cdktn, link.cdktf)
          .replace(/\bcdktn\b/g, "cdktf")
          .replace(/\bCDKTN\b/g, "CDKTF"),
        path,
      ).toBe(complexList(text));
    }
  });
});

describe("examples/cdktn", () => {
  it("is examples/cdktf with CDK Terrain's names, and nothing else changed", () => {
    const asCdktf = (text: string) =>
      text
        .replace("CDK Terrain (cdktn)", "cdktf")
        .replace(/\bcdktn\b/g, "cdktf")
        .replace(/-cdktn"/g, '-cdktf"');
    for (const file of ["main.ts", "cdktf.json"])
      expect(asCdktf(readFileSync(join(ROOT, "examples/cdktn", file), "utf8")), file).toBe(
        readFileSync(join(ROOT, "examples/cdktf", file), "utf8"),
      );
  });
});
