import { describe, expect, it } from "vitest";
import type { CtyType } from "./codec.ts";
import { attributePath } from "./diagnostics.ts";

describe("attributePath", () => {
  const type: CtyType = [
    "object",
    {
      disk_zpools: ["map", "string"],
      timeouts: ["object", { create: "string" }],
      tags: ["list", "string"],
    },
  ];

  it("with the resource's type: a map key is an element key, a nested attribute an attribute, a list index an index", () => {
    expect(attributePath(["disk_zpools", "3"], type).steps).toEqual([
      { attribute_name: "disk_zpools" },
      { element_key_string: "3" },
    ]);
    expect(attributePath(["timeouts", "create"], type).steps).toEqual([
      { attribute_name: "timeouts" },
      { attribute_name: "create" },
    ]);
    expect(attributePath(["tags", 1], type).steps).toEqual([
      { attribute_name: "tags" },
      { element_key_int: 1 },
    ]);
  });

  it("without a type: strings are attributes, numbers indexes", () => {
    expect(attributePath(["cloudstack", "api_url"]).steps).toEqual([
      { attribute_name: "cloudstack" },
      { attribute_name: "api_url" },
    ]);
    expect(attributePath(["tags", 0]).steps).toEqual([{ attribute_name: "tags" }, { element_key_int: 0 }]);
  });
});
