/**
 * Writes the Pulumi classes and their typed args/outputs (pulumi/generated/<backend>.ts) from the
 * backends and kinds: attribute names, types, docs, required/optional, secrets. Nothing is copied by
 * hand; `npm run generate` rewrites them and a test fails when they are stale.
 */
import { execFileSync } from "node:child_process";
import type * as z from "zod";
import type { Backend } from "../provider/engine/backend.ts";
import type { AnyKind } from "../provider/engine/kind.ts";
import { camelCase, configKey } from "./names.ts";

interface Meta {
  description?: string;
  sensitive?: boolean;
  forceNew?: boolean;
  env?: string[];
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: z.ZodType[];
}

const def = (s: z.ZodType) => s._zod.def as unknown as Def;

function metaOf(s: z.ZodType): Meta {
  // Metadata may sit on the optional/default wrapper or on the inner schema.
  let cur: z.ZodType | undefined = s;
  const merged: Meta = {};
  for (let i = 0; cur && i < 5; i++) {
    const m = (cur.meta() ?? {}) as Meta;
    for (const [k, v] of Object.entries(m)) if (!(k in merged)) (merged as Record<string, unknown>)[k] = v;
    cur = def(cur).innerType;
  }
  return merged;
}

/** Whether an input may be left out (optional or defaulted). */
function isOptional(s: z.ZodType): boolean {
  const t = def(s).type;
  return t === "optional" || t === "default" || t === "prefault";
}

/** The TypeScript type of a schema's values (inputs: `wrap` puts pulumi.Input<> around each level). */
function tsType(s: z.ZodType, wrap: boolean, indent: string): string {
  const d = def(s);
  switch (d.type) {
    case "optional":
    case "default":
    case "prefault":
    case "nullable":
    case "readonly":
      return tsType(d.innerType as z.ZodType, wrap, indent);
    case "string":
      return "string";
    case "number":
    case "int":
      return "number";
    case "boolean":
      return "boolean";
    case "enum":
      return Object.values(d.entries ?? {})
        .map((v) => JSON.stringify(v))
        .join(" | ");
    case "literal":
      return (d.values ?? []).map((v) => JSON.stringify(v)).join(" | ");
    case "array": {
      const el = tsType(d.element as z.ZodType, wrap, indent);
      return wrap ? `pulumi.Input<${el}>[]` : `${el}[]`;
    }
    case "record": {
      const value = tsType(d.valueType as z.ZodType, wrap, indent);
      return `{ [key: string]: ${wrap ? `pulumi.Input<${value}>` : value} }`;
    }
    case "object":
      return objectType(d.shape ?? {}, wrap, indent);
    default:
      return "unknown";
  }
}

function docComment(text: string | undefined, indent: string, extra: string[] = []): string {
  const lines = [...(text ? text.split("\n") : []), ...extra];
  if (lines.length === 0) return "";
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ""}`).join("\n")}\n${indent} */\n`;
}

function objectType(shape: Record<string, z.ZodType>, wrap: boolean, indent: string): string {
  const inner = `${indent}  `;
  const fields = Object.entries(shape).map(([name, attr]) => {
    const t = tsType(attr, wrap, inner);
    return `${docComment(metaOf(attr).description, inner)}${inner}${camelCase(name)}${isOptional(attr) ? "?" : ""}: ${wrap ? `pulumi.Input<${t}>` : t};`;
  });
  return `{\n${fields.join("\n")}\n${indent}}`;
}

/** Attribute names in doc text (`allow_stop`) → the names a Pulumi program uses (`allowStop`). */
function camelNames(text: string, names: string[]): string {
  let out = text;
  for (const name of names) {
    if (name.includes("_")) out = out.replace(new RegExp(`\\b${name}\\b`, "g"), camelCase(name));
  }
  return out;
}

function kindClass(backend: Backend, kind: AnyKind): string {
  const spec = kind.spec.shape as Record<string, z.ZodType>;
  const outputs = kind.outputs.shape as Record<string, z.ZodType>;
  const names = [...Object.keys(spec), ...Object.keys(outputs)];
  const doc = (text: string | undefined, indent: string, extra: string[] = []) =>
    docComment(
      text === undefined ? undefined : camelNames(text, names),
      indent,
      extra.map((l) => camelNames(l, names)),
    );
  const secrets = [
    ...Object.entries(spec)
      .filter(([, a]) => metaOf(a).sensitive)
      .map(([n]) => camelCase(n)),
    ...Object.entries(outputs)
      .filter(([, a]) => metaOf(a).sensitive)
      .map(([n]) => camelCase(n)),
  ];
  const info = {
    type: kind.type,
    backend: backend.name,
    className: kind.className,
    outputs: Object.keys(outputs).map(camelCase),
    secrets,
    ...(kind.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
  };
  const c = kind.className;
  const connectionType = `${pascal(backend.name)}Connection`;

  const args = Object.entries(spec).map(([name, attr]) => {
    const m = metaOf(attr);
    const t = tsType(attr, true, "  ");
    const notes = [
      ...(m.forceNew ? ["", "Changing it replaces the resource."] : []),
      ...(m.sensitive ? ["", "Secret: kept secret in state."] : []),
    ];
    return `${doc(m.description, "  ", notes)}  ${camelCase(name)}${isOptional(attr) ? "?" : ""}: pulumi.Input<${t}>;`;
  });
  args.push(
    `${doc("Connection settings for this resource only; unset ones come from the stack config (`ferry:…`) and the environment. Kept secret in state.", "  ")}  connection?: pulumi.Input<${connectionType}>;`,
  );

  const fields = [
    ...Object.entries(spec).map(
      ([name, attr]) =>
        `${doc(metaOf(attr).description, "  ")}  declare readonly ${camelCase(name)}: pulumi.Output<${tsType(attr, false, "  ")}${isOptional(attr) ? " | undefined" : ""}>;`,
    ),
    ...Object.entries(outputs).map(
      ([name, attr]) =>
        `${doc(metaOf(attr).description, "  ")}  declare readonly ${camelCase(name)}: pulumi.Output<${tsType(attr, false, "  ")}>;`,
    ),
  ];

  return `${doc(`Arguments of {@link ${c}}.`, "")}export interface ${c}Args {
${args.join("\n")}
}

const ${lowerFirst(c)}Info: KindInfo = ${JSON.stringify(info)};

${doc(kind.description, "", [
  "",
  `Destroy: ${kind.destroyDoc}`,
  ...(kind.deleteBeforeReplace
    ? [
        "",
        "Replaced delete-first: the old object's destroy runs before the replacement is created (`pulumi up --replace` too), unless the resource option `deleteBeforeReplace: false` says otherwise.",
      ]
    : []),
  "",
  `Import id: ${kind.importDoc}`,
])}export class ${c} extends FerryResource {
${fields.join("\n")}

  constructor(name: string, args: ${c}Args, opts?: pulumi.CustomResourceOptions) {
    super(${lowerFirst(c)}Info, name, args, opts);
  }
}
`;
}

function pascal(s: string): string {
  const c = camelCase(s);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function connectionInterface(backend: Backend): string {
  const shape = backend.settings.shape as Record<string, z.ZodType>;
  const fields = Object.entries(shape).map(([name, attr]) => {
    const m = metaOf(attr);
    const notes = [
      "",
      `Stack config: \`${configKey(backend.name, name)}\`${m.env?.length ? `; environment: ${m.env.map((e) => `\`${e}\``).join(", ")}` : ""}.`,
    ];
    return `${docComment(m.description, "  ", notes)}  ${camelCase(name)}?: pulumi.Input<${tsType(attr, true, "  ")}>;`;
  });
  return `${docComment(`${backend.title} connection settings of one resource (see {@link RootVolumeArgs.connection}).`, "")}export interface ${pascal(backend.name)}Connection {
${fields.join("\n")}
}
`.replace("{@link RootVolumeArgs.connection}", "the `connection` argument");
}

/** The generated source of every backend: path (relative to the package root) → text. */
export function generatePulumiSources(backends: Backend[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const backend of backends) {
    const text = `// Generated from ferry's ${backend.title} kinds by \`npm run generate\` (pulumi/generate.ts). Do not edit.
import type * as pulumi from "@pulumi/pulumi";
import { FerryResource, type KindInfo } from "../resource.ts";

${connectionInterface(backend)}
${backend.kinds.map((k) => kindClass(backend, k)).join("\n")}`;
    files.set(`pulumi/generated/${backend.name}.ts`, text);
  }
  files.set(
    "pulumi/generated/index.ts",
    `// Generated by \`npm run generate\` (pulumi/generate.ts). Do not edit.
${backends.map((b) => `export * as ${camelCase(b.name)} from "./${b.name}.ts";`).join("\n")}
`,
  );
  return files;
}

/** The generated text as the repository's formatter writes it (biome, from the package root). */
export function formatGenerated(path: string, text: string, root: string): string {
  return execFileSync(
    process.execPath,
    [`${root}/node_modules/@biomejs/biome/bin/biome`, "format", `--stdin-file-path=${path}`],
    {
      cwd: root,
      input: text,
      encoding: "utf8",
    },
  );
}
