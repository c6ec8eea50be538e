import { describe, expect, it } from "vitest";
import * as z from "zod";
import { exactlyOneOf, kindSpec, timeoutFor, timeoutsSchema, uuidSchema } from "./common.ts";

const defaults = { create: 1_800_000, update: 1_200_000, delete: 600_000 };

describe("timeoutFor", () => {
  it("uses the resource's own limit for the phase", () => {
    expect(timeoutFor({ create: "45m" }, "create", defaults)).toBe(2_700_000);
    expect(timeoutFor({ update: "90s", delete: "1h" }, "delete", defaults)).toBe(3_600_000);
  });

  it("falls back to the default when the phase (or timeouts) is unset", () => {
    expect(timeoutFor(undefined, "update", defaults)).toBe(1_200_000);
    expect(timeoutFor({ create: "45m" }, "delete", defaults)).toBe(600_000);
    expect(timeoutFor({}, "create", defaults)).toBe(1_800_000);
  });
});

describe("timeoutsSchema / kindSpec", () => {
  const spec = kindSpec({ name: z.string() });

  it("adds an optional timeouts block to every kind's spec", () => {
    expect(spec.safeParse({ name: "a" }).success).toBe(true);
    expect(spec.safeParse({ name: "a", timeouts: { create: "30m", delete: "10m" } }).success).toBe(true);
  });

  it("refuses bad durations and unknown phases", () => {
    expect(spec.safeParse({ name: "a", timeouts: { create: "30 minutes" } }).success).toBe(false);
    expect(spec.safeParse({ name: "a", timeouts: { create: "0s" } }).success).toBe(false);
    expect(timeoutsSchema.safeParse({ read: "5m" }).success).toBe(false);
  });

  it("is strict: unknown attributes are refused", () => {
    const r = spec.safeParse({ name: "a", nmae: "b" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.code).toBe("unrecognized_keys");
  });
});

describe("uuidSchema", () => {
  it.each(["3f1c2a9e-8b4d-4c1e-9f2a-0b1c2d3e4f5a", "3F1C2A9E-8B4D-4C1E-9F2A-0B1C2D3E4F5A"])(
    "accepts %s",
    (id) => {
      expect(uuidSchema.safeParse(id).success).toBe(true);
    },
  );

  it.each([
    "",
    "web-01",
    "3f1c2a9e-8b4d-4c1e-9f2a-0b1c2d3e4f5",
    "3f1c2a9e8b4d4c1e9f2a0b1c2d3e4f5a",
    " 3f1c2a9e-8b4d-4c1e-9f2a-0b1c2d3e4f5a",
  ])("refuses %j with an example in the message", (id) => {
    const r = uuidSchema.safeParse(id);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/must be a UUID such as/);
  });
});

describe("exactlyOneOf", () => {
  const storage = exactlyOneOf(
    z.object({ aws: z.object({ t: z.string() }).optional(), gcp: z.object({ t: z.string() }).optional() }),
  );
  it("takes exactly one alternative", () => {
    expect(storage.safeParse({ aws: { t: "gp2" } }).success).toBe(true);
  });
  it("refuses none and two, naming what is set and what is allowed", () => {
    const none = storage.safeParse({});
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.message).toBe("set exactly one of aws, gcp (none is set)");
    const two = storage.safeParse({ aws: { t: "gp2" }, gcp: { t: "standard" } });
    expect(two.error?.issues[0]?.message).toBe("set exactly one of aws, gcp (aws and gcp are set)");
  });
  it("keeps the object's shape for the doors", () => {
    expect(Object.keys(storage.shape)).toEqual(["aws", "gcp"]);
  });
});
