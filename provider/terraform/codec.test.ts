import { describe, expect, it } from "vitest";
import {
  type CtyType,
  decodeJson,
  Dynamic,
  decodeMsgpack,
  encodeMsgpack,
  isUnknown,
  UNKNOWN,
  Unknown,
} from "./codec.ts";

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");
const str = (s: string) => Buffer.from(s).toString("hex");

describe("cty msgpack", () => {
  it("writes a wholly unknown value as ext 0 (d4 00 00)", () => {
    expect(encodeMsgpack("string", UNKNOWN).toString("hex")).toBe("d40000");
    expect(isUnknown(decodeMsgpack("string", hex("d4 00 00")))).toBe(true);
  });

  it("reads a refined unknown (ext 12) and any other extension as unknown", () => {
    const v = decodeMsgpack("string", hex("c7 03 0c 81 01 c2"));
    expect(v).toBeInstanceOf(Unknown);
    expect(isUnknown(decodeMsgpack("string", hex(`c7 09 0c 82 01 c2 02 a4 ${str("arn:")}`)))).toBe(true);
    expect(isUnknown(decodeMsgpack("number", hex("d5 07 00 00")))).toBe(true);
  });

  it("writes objects with every attribute, keys sorted, null as c0 — byte-identical to go-cty", () => {
    const t: CtyType = ["object", { name: "string", arn: "string", capacity: "number" }];
    const bytes = encodeMsgpack(t, { name: UNKNOWN, capacity: 10 });
    expect(bytes.toString("hex")).toBe(
      `83 a3 ${str("arn")} c0 a8 ${str("capacity")} 0a a4 ${str("name")} d4 00 00`.replace(/\s+/g, ""),
    );
    expect(decodeMsgpack(t, bytes)).toEqual({ arn: null, capacity: 10, name: UNKNOWN });
  });

  it("keeps integers beyond 2^53 exact both ways", () => {
    const big = 2n ** 53n + 1n;
    const bytes = encodeMsgpack("number", big);
    expect(bytes.toString("hex")).toBe("cf0020000000000001");
    expect(decodeMsgpack("number", bytes)).toBe(big);
    expect(decodeMsgpack("number", hex("d3 ff df ff ff ff ff ff ff"))).toBe(-(2n ** 53n) - 1n);
    // beyond 64 bits: a decimal string, as go-cty writes it
    const huge = 2n ** 70n;
    expect(decodeMsgpack("number", encodeMsgpack("number", huge))).toBe(huge);
  });

  it("accepts numbers as decimal strings and floats", () => {
    expect(decodeMsgpack("number", hex(`a4 ${str("1.25")}`))).toBe(1.25);
    expect(decodeMsgpack("number", hex(`b0 ${str("9007199254740993")}`))).toBe(9007199254740993n);
    expect(decodeMsgpack("number", hex("cb 3f f8 00 00 00 00 00 00"))).toBe(1.5);
    expect(encodeMsgpack("number", 1.5).toString("hex")).toBe("cb3ff8000000000000");
    expect(encodeMsgpack("number", -1).toString("hex")).toBe("ff");
    // as go-cty: 0.1 is not exactly a float64, so it travels as its decimal string
    expect(encodeMsgpack("number", 0.1).toString("hex")).toBe(`a3${str("0.1")}`);
    expect(decodeMsgpack("number", hex(`a3${str("0.1")}`))).toBe(0.1);
    // integers beyond int64 too (go-cty never writes uint64)
    expect(encodeMsgpack("number", 12345678901234567891n).toString("hex")).toBe(
      `b4${str("12345678901234567891")}`,
    );
  });

  it("reads dynamic values as [type JSON, value]", () => {
    const bytes = hex(`92 c4 11 ${str('["list","string"]')} 91 a1 ${str("a")}`);
    const v = decodeMsgpack("dynamic", bytes);
    expect(v).toEqual(new Dynamic(["list", "string"], ["a"]));
    expect(encodeMsgpack("dynamic", v).toString("hex")).toBe(bytes.toString("hex"));
    expect(decodeMsgpack("dynamic", encodeMsgpack("dynamic", { a: "x", n: 1 }))).toEqual(
      new Dynamic(["object", { a: "string", n: "number" }], { a: "x", n: 1 }),
    );
  });

  it("round-trips lists, maps, nested objects and null", () => {
    const t: CtyType = [
      "object",
      { tags: ["map", "string"], ops: ["list", "string"], timeouts: ["object", { create: "string" }] },
    ];
    const v = { tags: { b: "2", a: "1" }, ops: ["x", "y"], timeouts: null };
    expect(decodeMsgpack(t, encodeMsgpack(t, v))).toEqual(v);
    expect(decodeMsgpack(t, hex("c0"))).toBeNull();
  });

  it("reports a type mismatch with the attribute path", () => {
    const t: CtyType = ["object", { a: "bool" }];
    expect(() => decodeMsgpack(t, hex(`81 a1 ${str("a")} a1 ${str("x")}`))).toThrow(/a: expected a bool/);
  });
});

describe("raw state JSON", () => {
  it("conforms state of an earlier schema to the current type", () => {
    const t: CtyType = ["object", { id: "string", kept: "bool", added: "string" }];
    expect(decodeJson(t, '{"id":"x","kept":true,"removed":"old"}')).toEqual({
      id: "x",
      kept: true,
      added: null,
    });
  });
});
