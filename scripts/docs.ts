/**
 * Registry-style reference pages, generated from the provider schema (the kinds and backends) and
 * examples/: docs/index.md (the provider) and docs/resources/<type>.md (one per resource type).
 * `npm run docs` writes them; `--check` (and a test) fails when they are not up to date.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { backends } from "../provider/index.ts";
import {
  type AttrSchema,
  type BlockSchema,
  backendBlock,
  PROVIDER_NAME,
  providerBlock,
  resourceBlock,
  resourceTypeName,
} from "../provider/terraform/schema.ts";
import type { CtyType } from "../provider/terraform/codec.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

function example(path: string): string | undefined {
  const file = join(ROOT, "examples", path);
  return existsSync(file) ? readFileSync(file, "utf8").trimEnd() : undefined;
}

function typeText(t: CtyType): string {
  if (typeof t === "string") return t === "bool" ? "Boolean" : t[0]!.toUpperCase() + t.slice(1);
  const [k, inner] = t;
  if (k === "list" || k === "set" || k === "map")
    return `${k[0]!.toUpperCase()}${k.slice(1)} of ${typeText(inner as CtyType)}`;
  return k === "object" ? "Object" : "Tuple";
}

function firstLine(text: string): string {
  return text.split("\n")[0]!.replace(/"/g, "'");
}

function attrLine(a: AttrSchema, anchor: string): string {
  const kind = a.nested
    ? `Attributes${a.sensitive ? ", Sensitive" : ""}`
    : `${typeText(a.type)}${a.sensitive ? ", Sensitive" : ""}`;
  const more = a.nested ? ` (see [below for nested schema](#${anchor}--${a.name}))` : "";
  const replace = a.forceNew ? " Changing it replaces the resource." : "";
  return `- \`${a.name}\` (${kind}) ${a.description}${replace}${more}`;
}

function schemaSection(block: BlockSchema, anchor: string, heading = "##"): string {
  const groups: [string, AttrSchema[]][] = [
    ["Required", block.attributes.filter((a) => a.required)],
    ["Optional", block.attributes.filter((a) => a.optional)],
    ["Read-Only", block.attributes.filter((a) => a.computed && !a.optional)],
  ];
  const out: string[] = [];
  for (const [title, attrs] of groups) {
    if (!attrs.length) continue;
    out.push(`${heading}# ${title}`, "", ...attrs.map((a) => attrLine(a, anchor)), "");
  }
  for (const b of block.blocks) {
    out.push(`${heading}# Block \`${b.name}\``, "", b.block.description, "");
    out.push(schemaSection(b.block, `${anchor}--${b.name}`, `${heading}#`));
  }
  for (const a of block.attributes.filter((x) => x.nested)) {
    out.push(`<a id="${anchor}--${a.name}"></a>`, `${heading}# Nested Schema for \`${a.name}\``, "");
    out.push(
      schemaSection(
        { description: "", attributes: a.nested!, blocks: [] },
        `${anchor}--${a.name}`,
        `${heading}#`,
      ),
    );
  }
  return out.join("\n").trimEnd() + "\n";
}

export function docsFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const provider = providerBlock(backends);
  const providerExample = example("provider/provider.tf");
  files.set(
    "docs/index.md",
    [
      "---",
      `page_title: "Provider: ${PROVIDER_NAME}"`,
      `description: |-`,
      `  ${firstLine(provider.description)}`,
      "---",
      "",
      `# ${PROVIDER_NAME} Provider`,
      "",
      provider.description,
      "",
      "Resource types: " +
        backends
          .flatMap((b) => b.kinds.map((k) => `[\`${resourceTypeName(k)}\`](resources/${k.type}.md)`))
          .join(", ") +
        ".",
      "",
      ...(providerExample ? ["## Example Usage", "", "```terraform", providerExample, "```", ""] : []),
      "## Schema",
      "",
      ...backends.flatMap((b) => [
        `### Block \`${b.name}\` (${b.title})`,
        "",
        backendBlock(b).description,
        "",
        schemaSection(backendBlock(b), `nestedblock--${b.name}`, "###"),
      ]),
    ]
      .join("\n")
      .trimEnd() + "\n",
  );
  for (const backend of backends) {
    for (const kind of backend.kinds) {
      const type = resourceTypeName(kind);
      const tf = example(`resources/${type}/resource.tf`);
      const imp = example(`resources/${type}/import.sh`);
      files.set(
        `docs/resources/${kind.type}.md`,
        [
          "---",
          `page_title: "${type} Resource - ${PROVIDER_NAME}"`,
          `subcategory: "${backend.title}"`,
          "description: |-",
          `  ${firstLine(kind.description)}`,
          "---",
          "",
          `# ${type} (Resource)`,
          "",
          kind.description,
          "",
          ...(tf ? ["## Example Usage", "", "```terraform", tf, "```", ""] : []),
          "## Schema",
          "",
          schemaSection(resourceBlock(kind), "nestedatt"),
          "## Destroy",
          "",
          kind.destroyDoc,
          "",
          "## Import",
          "",
          kind.importDoc,
          ...(imp ? ["", "```shell", imp, "```"] : []),
        ]
          .join("\n")
          .trimEnd() + "\n",
      );
    }
  }
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes("--check");
  const stale: string[] = [];
  for (const [path, content] of docsFiles()) {
    const file = join(ROOT, path);
    if (check) {
      if (!existsSync(file) || readFileSync(file, "utf8") !== content) stale.push(path);
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
  if (stale.length) {
    console.error(`out of date: ${stale.join(", ")} — run npm run docs`);
    process.exit(1);
  }
}
