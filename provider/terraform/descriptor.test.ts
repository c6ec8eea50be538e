import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DESCRIPTOR_FILE, descriptorSource } from "../../scripts/protocol-descriptor.ts";

describe("protocol descriptor", () => {
  it("descriptor.gen.ts is generated from the current .proto files (npm run build regenerates it)", () => {
    expect(readFileSync(DESCRIPTOR_FILE, "utf8")).toBe(descriptorSource());
  });
});
