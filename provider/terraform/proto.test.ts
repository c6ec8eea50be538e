import { describe, expect, it } from "vitest";
import { descriptor } from "./descriptor.gen.ts";
import { ProtoRegistry } from "./proto.ts";

const registry = new ProtoRegistry(descriptor as never);

describe("protobuf codec from the generated descriptor", () => {
  it("encodes scalars, enums and nested messages with the field numbers of the .proto", () => {
    const diag = registry.type("tfplugin6.Diagnostic");
    const bytes = diag.encode({ severity: 1, summary: "x", attribute: { steps: [{ attribute_name: "a" }] } });
    expect(bytes.toString("hex")).toBe("0801120178" + "2205" + "0a03" + "0a0161");
    expect(diag.decode(bytes)).toEqual({
      severity: 1,
      summary: "x",
      attribute: { steps: [{ attribute_name: "a" }] },
    });
  });

  it("round-trips maps, repeated messages, bytes and negative int64", () => {
    const res = registry.type("tfplugin6.GetProviderSchema.Response");
    const msg = {
      provider: {
        version: 0,
        block: { attributes: [{ name: "a", type: Buffer.from('"string"'), optional: true }] },
      },
      resource_schemas: { ferry_x: { version: 3, block: { description: "d" } } },
      server_capabilities: { plan_destroy: true, get_provider_schema_optional: true },
    };
    const back = res.decode(res.encode(msg));
    expect(back["resource_schemas"]).toEqual({
      ferry_x: { version: 3, block: { attributes: [], block_types: [], description: "d" } },
    });
    expect(back["server_capabilities"]).toEqual({ plan_destroy: true, get_provider_schema_optional: true });
    const step = registry.type("tfplugin6.AttributePath.Step");
    expect(step.decode(step.encode({ element_key_int: -2 }))).toEqual({ element_key_int: -2 });
  });

  it("skips fields it does not know (newer terraform versions send more)", () => {
    const req = registry.type("tfplugin6.ReadResource.Request");
    // type_name="t", then an unknown field 6 (current_identity), length-delimited
    const bytes = Buffer.from("0a0174" + "3202" + "0a00", "hex");
    expect(req.decode(bytes)).toEqual({ type_name: "t" });
  });
});
