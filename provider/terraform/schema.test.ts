import { describe, expect, it } from "vitest";
import { backends } from "../index.ts";
import { blockType, providerBlock, providersSchemaJson, resourceBlock, resourceTypeName } from "./schema.ts";

const kinds = backends.flatMap((b) => b.kinds);

describe("schema from the kinds", () => {
  it.each(kinds.map((k) => [resourceTypeName(k), k] as const))(
    "%s: inputs, outputs, id, operations, timeouts",
    (_name, kind) => {
      const block = resourceBlock(kind);
      const byName = new Map(block.attributes.map((a) => [a.name, a]));
      expect(byName.get("id")).toMatchObject({ computed: true, type: "string" });
      expect(byName.get("operations")).toMatchObject({ computed: true, type: ["list", "string"] });
      const timeouts = byName.get("timeouts")!;
      expect(timeouts.optional).toBe(true);
      expect(timeouts.nested?.map((n) => n.name)).toEqual(["create", "update", "delete"]);
      for (const name of Object.keys(kind.spec.shape)) expect(byName.get(name)?.computed).toBe(false);
      for (const name of Object.keys(kind.outputs.shape)) expect(byName.get(name)?.computed).toBe(true);
      for (const a of block.attributes) expect(a.description.length).toBeGreaterThan(0);
      expect(blockType(block)[0]).toBe("object");
    },
  );

  it("the provider block has one nested block per backend, every setting optional, secrets sensitive, env named", () => {
    const block = providerBlock(backends);
    expect(block.blocks.map((b) => b.name)).toEqual(backends.map((b) => b.name));
    const cs = block.blocks.find((b) => b.name === "cloudstack")!.block;
    expect(cs.attributes.every((a) => a.optional && !a.required)).toBe(true);
    expect(cs.attributes.find((a) => a.name === "secret_key")?.sensitive).toBe(true);
    expect(cs.attributes.find((a) => a.name === "api_url")?.description).toMatch(/`CLOUDSTACK_API_URL`/);
  });

  it("renders the `terraform providers schema -json` format", () => {
    const json = providersSchemaJson(backends) as {
      format_version: string;
      provider_schemas: Record<
        string,
        { resource_schemas: Record<string, { block: { attributes: object } }> }
      >;
    };
    expect(json.format_version).toBe("1.0");
    const p = json.provider_schemas["registry.terraform.io/ferry-iac/ferry"]!;
    expect(Object.keys(p.resource_schemas)).toEqual(kinds.map(resourceTypeName).sort());
    expect(p.resource_schemas["ferry_cloudstack_root_volume"]!.block.attributes).toMatchObject({
      timeouts: { nested_type: { nesting_mode: "single" }, optional: true },
      operations: { type: ["list", "string"], computed: true },
    });
  });
});
