/**
 * The provider schema, derived from the kinds and backends (one source of truth):
 *  - a resource type `ferry_<kind.type>` per kind: its inputs (required unless optional or defaulted;
 *    sensitive and Markdown descriptions from `.meta()`), `timeouts` as a nested attribute, its outputs
 *    as computed attributes, plus the computed `id`, `operations` (the plan's operations, in order) and
 *    `operation_details` (the same, structured: titles, requests, disruptions);
 *  - a provider block with one nested block per backend, whose attributes are the backend settings
 *    (all optional: each falls back to the environment variables it names).
 * Rendered both as tfplugin6 `Schema` messages and in `terraform providers schema -json` format.
 */
import type * as z from "zod";
import type { Backend } from "../engine/backend.ts";
import type { AnyKind } from "../engine/kind.ts";
import type { CtyType } from "./codec.ts";

export const PROVIDER_NAME = "ferry";
export const PROVIDER_SOURCE = "registry.terraform.io/ferry-iac/ferry";
/** Bump with an upgrade in UpgradeResourceState when a kind's state changes incompatibly. */
export const SCHEMA_VERSION = 0;

export interface AttrSchema {
  name: string;
  type: CtyType;
  description: string;
  required: boolean;
  optional: boolean;
  computed: boolean;
  sensitive: boolean;
  /** Nested attribute (nesting SINGLE), e.g. `timeouts`. */
  nested?: AttrSchema[];
  /** Changing it replaces the resource. */
  forceNew: boolean;
  /** Declared with a default in the kind (null in state means "the default"). */
  defaultValue?: unknown;
}

export interface BlockSchema {
  description: string;
  attributes: AttrSchema[];
  blocks: { name: string; block: BlockSchema }[];
}

interface ZodInfo {
  type: CtyType;
  optional: boolean;
  hasDefault: boolean;
  defaultValue?: unknown;
  meta: { description?: string; forceNew?: boolean; sensitive?: boolean; env?: string[] };
  object?: z.ZodObject;
}

function inspect(schema: z.ZodType): ZodInfo {
  let s = schema as z.ZodType;
  let optional = false;
  let hasDefault = false;
  let defaultValue: unknown;
  const meta: ZodInfo["meta"] = {};
  const collect = (x: z.ZodType) => {
    const m = (x.meta() ?? {}) as ZodInfo["meta"];
    for (const [k, v] of Object.entries(m))
      if ((meta as Record<string, unknown>)[k] === undefined) (meta as Record<string, unknown>)[k] = v;
  };
  for (let i = 0; i < 16; i++) {
    collect(s);
    const def = s._zod.def as { type: string; innerType?: z.ZodType; defaultValue?: unknown; in?: z.ZodType };
    if (def.type === "optional" || def.type === "nullable") optional = true;
    else if (def.type === "default" || def.type === "prefault") {
      hasDefault = true;
      defaultValue =
        typeof def.defaultValue === "function" ? (def.defaultValue as () => unknown)() : def.defaultValue;
    } else if (def.type === "pipe" && def.in) {
      s = def.in;
      continue;
    } else break;
    s = def.innerType as z.ZodType;
  }
  const def = s._zod.def as { type: string; element?: z.ZodType; valueType?: z.ZodType };
  let type: CtyType;
  let object: z.ZodObject | undefined;
  switch (def.type) {
    case "string":
    case "enum":
    case "literal":
      type = "string";
      break;
    case "number":
    case "int":
    case "bigint":
      type = "number";
      break;
    case "boolean":
      type = "bool";
      break;
    case "array":
      type = ["list", inspect(def.element as z.ZodType).type];
      break;
    case "record":
      type = ["map", inspect(def.valueType as z.ZodType).type];
      break;
    case "object": {
      object = s as z.ZodObject;
      const attrs: Record<string, CtyType> = {};
      for (const [k, v] of Object.entries(object.shape)) attrs[k] = inspect(v as z.ZodType).type;
      type = ["object", attrs];
      break;
    }
    default:
      type = "dynamic";
  }
  return {
    type,
    optional,
    hasDefault,
    ...(hasDefault ? { defaultValue } : {}),
    meta,
    ...(object ? { object } : {}),
  };
}

function inputAttribute(name: string, schema: z.ZodType): AttrSchema {
  const info = inspect(schema);
  const optional = info.optional || info.hasDefault;
  const attr: AttrSchema = {
    name,
    type: info.type,
    description: info.meta.description ?? "",
    required: !optional,
    optional,
    computed: false,
    sensitive: !!info.meta.sensitive,
    forceNew: !!info.meta.forceNew,
    ...(info.hasDefault ? { defaultValue: info.defaultValue } : {}),
  };
  if (info.object)
    attr.nested = Object.entries(info.object.shape).map(([k, v]) => inputAttribute(k, v as z.ZodType));
  return attr;
}

function computedAttribute(name: string, type: CtyType, description: string, sensitive = false): AttrSchema {
  return {
    name,
    type,
    description,
    required: false,
    optional: false,
    computed: true,
    sensitive,
    forceNew: false,
  };
}

/** The cty type of `operation_details`: one object per operation (see engine/describe.ts). */
export const OPERATION_DETAILS_TYPE: CtyType = [
  "list",
  [
    "object",
    {
      title: "string",
      operation: "string",
      action: "string",
      request: "string",
      disruptive: "bool",
      disruption: "string",
      warnings: ["list", "string"],
    },
  ],
];

export function resourceTypeName(kind: AnyKind): string {
  return `${PROVIDER_NAME}_${kind.type}`;
}

export function resourceBlock(kind: AnyKind): BlockSchema {
  const inputs = Object.entries(kind.spec.shape).map(([k, v]) => inputAttribute(k, v as z.ZodType));
  const outputs = Object.entries(kind.outputs.shape).map(([k, v]) => {
    const info = inspect(v as z.ZodType);
    return computedAttribute(k, info.type, info.meta.description ?? "", !!info.meta.sensitive);
  });
  return {
    description: [kind.description, `**Destroy:** ${kind.destroyDoc}`, `**Import:** ${kind.importDoc}`].join(
      "\n\n",
    ),
    attributes: [
      computedAttribute("id", "string", "The identifier of the resource in terraform state."),
      ...inputs,
      ...outputs,
      computedAttribute(
        "operations",
        ["list", "string"],
        "The documented API operations of the change, in the order ferry runs them (known at plan time). Disruptive operations are marked `[disruptive: …]`. In a plan: what this apply will run. In state: what the last apply ran — a refresh keeps it while the live object is as desired and empties it when the object has drifted, so the next plan's operations always show as a change. Known after apply where they cannot be known at plan time: the plan stops at an operation already in flight, or the object replaces one whose destroy changes the live object first (`restore_on_destroy`, `detach_on_destroy` with `-replace` or an attribute that forces replacement); apply plans them again once that destroy has run and shows them.",
      ),
      computedAttribute(
        "operation_details",
        OPERATION_DETAILS_TYPE,
        'The same operations as `operations`, structured for tools such as `ferry review`: per operation its `title` with names ("Stop VM web-01"), the API `operation`, `action` (`call` or `wait`), the exact `request`, `disruptive` with the `disruption` text, and its other `warnings`.',
      ),
    ],
    blocks: [],
  };
}

export function backendBlock(backend: Backend): BlockSchema {
  return {
    description: `Connection settings for ${backend.title}.`,
    attributes: Object.entries(backend.settings.shape).map(([k, v]) => {
      const info = inspect(v as z.ZodType);
      const env = info.meta.env ?? [];
      const description = [
        info.meta.description ?? "",
        env.length ? `Environment: ${env.map((e) => `\`${e}\``).join(", ")} (first set wins).` : "",
      ]
        .filter(Boolean)
        .join(" ");
      return {
        name: k,
        type: info.type,
        description,
        required: false,
        optional: true,
        computed: false,
        sensitive: !!info.meta.sensitive,
        forceNew: false,
      };
    }),
    blocks: [],
  };
}

export function providerBlock(backends: Backend[]): BlockSchema {
  return {
    description:
      "ferry: desired state for VM and storage moves. One block per backend; every setting falls back to the environment variables it names.",
    attributes: [],
    blocks: backends.map((b) => ({ name: b.name, block: backendBlock(b) })),
  };
}

/** The cty type of an object described by a block (nested attributes and single blocks as objects). */
export function blockType(block: BlockSchema): CtyType {
  const attrs: Record<string, CtyType> = {};
  for (const a of block.attributes) attrs[a.name] = attrType(a);
  for (const b of block.blocks) attrs[b.name] = blockType(b.block);
  return ["object", attrs];
}

export function attrType(a: AttrSchema): CtyType {
  if (!a.nested) return a.type;
  const attrs: Record<string, CtyType> = {};
  for (const n of a.nested) attrs[n.name] = attrType(n);
  return ["object", attrs];
}

// ---------------------------------------------------------------------------------------------------
// tfplugin6 messages

const MARKDOWN = 1;
const NESTING_SINGLE = 1;

function protoAttribute(a: AttrSchema): Record<string, unknown> {
  return {
    name: a.name,
    type: a.nested ? Buffer.alloc(0) : Buffer.from(JSON.stringify(a.type)),
    ...(a.nested
      ? { nested_type: { attributes: a.nested.map(protoAttribute), nesting: NESTING_SINGLE } }
      : {}),
    description: a.description,
    description_kind: MARKDOWN,
    required: a.required,
    optional: a.optional,
    computed: a.computed,
    sensitive: a.sensitive,
  };
}

export function protoBlock(block: BlockSchema): Record<string, unknown> {
  return {
    version: SCHEMA_VERSION,
    attributes: block.attributes.map(protoAttribute),
    block_types: block.blocks.map((b) => ({
      type_name: b.name,
      block: protoBlock(b.block),
      nesting: NESTING_SINGLE,
    })),
    description: block.description,
    description_kind: MARKDOWN,
  };
}

// ---------------------------------------------------------------------------------------------------
// `terraform providers schema -json`

function jsonAttribute(a: AttrSchema): Record<string, unknown> {
  return {
    ...(a.nested
      ? {
          nested_type: {
            attributes: Object.fromEntries(a.nested.map((n) => [n.name, jsonAttribute(n)])),
            nesting_mode: "single",
          },
        }
      : { type: a.type }),
    description: a.description,
    description_kind: "markdown",
    ...(a.required ? { required: true } : {}),
    ...(a.optional ? { optional: true } : {}),
    ...(a.computed ? { computed: true } : {}),
    ...(a.sensitive ? { sensitive: true } : {}),
  };
}

export function jsonBlock(block: BlockSchema): Record<string, unknown> {
  return {
    ...(block.attributes.length
      ? { attributes: Object.fromEntries(block.attributes.map((a) => [a.name, jsonAttribute(a)])) }
      : {}),
    ...(block.blocks.length
      ? {
          block_types: Object.fromEntries(
            block.blocks.map((b) => [b.name, { nesting_mode: "single", block: jsonBlock(b.block) }]),
          ),
        }
      : {}),
    description: block.description,
    description_kind: "markdown",
  };
}

export function providersSchemaJson(backends: Backend[]): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  for (const b of backends)
    for (const k of b.kinds)
      resources[resourceTypeName(k)] = { version: SCHEMA_VERSION, block: jsonBlock(resourceBlock(k)) };
  return {
    format_version: "1.0",
    provider_schemas: {
      [PROVIDER_SOURCE]: {
        provider: { version: 0, block: jsonBlock(providerBlock(backends)) },
        resource_schemas: Object.fromEntries(
          Object.entries(resources).sort(([a], [b]) => a.localeCompare(b)),
        ),
      },
    },
  };
}
