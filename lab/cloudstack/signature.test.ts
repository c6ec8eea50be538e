import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Lab, startLab } from "../index.ts";
import {
  computeSignature,
  javaUrlEncode,
  parseExpires,
  stringToSign,
  verifyRequest,
  type VerifyOptions,
} from "./signature.ts";
import { TestApi } from "./test-client.ts";

// The documented test vector (apis.md §1.1, from the CloudStack developer guide).
const SECRET = "VDaACYb0LV9eNjTetIOElcVQkvJck_J_QljX_FcHRj87ZKiy0z0ty0ZsYBkoXkY9b7eq1EhwJaw7FF3akA3KBQ";
const API_KEY = "plgWJfZK4gyS3mOMTVmjUVg-X-jlWlnfaUJ9GAbBbf9EdM-kAYMmAiLqzzq1ElZLYq_u38zCm0bewzGUdP66mg";
const VECTOR: [string, string][] = [
  ["apikey", API_KEY],
  ["command", "listUsers"],
  ["response", "json"],
];

describe("signature (unit)", () => {
  it("reproduces the documented test vector", () => {
    expect(stringToSign(VECTOR)).toBe(
      "apikey=plgwjfzk4gys3momtvmjuvg-x-jlwlnfauj9gabbbf9edm-kaymmailqzzq1elzlyq_u38zcm0bewzgudp66mg" +
        "&command=listusers&response=json",
    );
    expect(computeSignature(VECTOR, SECRET)).toBe("TTpdDq/7j/J58XCRHomKoQXEQds=");
  });

  it("ignores the signature parameter and the order of parameters", () => {
    const shuffled: [string, string][] = [VECTOR[2]!, ["signature", "x"], VECTOR[0]!, VECTOR[1]!];
    expect(computeSignature(shuffled, SECRET)).toBe("TTpdDq/7j/J58XCRHomKoQXEQds=");
  });

  it("encodes values like Java's URLEncoder, then + as %20", () => {
    expect(javaUrlEncode("a b*c.d-e_f~g!h'(i)/é")).toBe("a+b*c.d-e_f%7Eg%21h%27%28i%29%2F%C3%A9");
    expect(stringToSign([["name", "a b"]])).toBe("name=a%20b");
  });

  it("sorts names case-sensitively as received", () => {
    expect(
      stringToSign([
        ["b", "1"],
        ["Z", "2"],
        ["a", "3"],
      ]),
    ).toBe("z=2&a=3&b=1");
  });

  it("parses expires with a numeric zone or Z", () => {
    expect(parseExpires("2011-10-10T12:00:00+0530")?.toISOString()).toBe("2011-10-10T06:30:00.000Z");
    expect(parseExpires("2011-10-10T12:00:00+05:30")?.toISOString()).toBe("2011-10-10T06:30:00.000Z");
    expect(parseExpires("2011-10-10T12:00:00Z")?.toISOString()).toBe("2011-10-10T12:00:00.000Z");
    expect(parseExpires("2011-10-10 12:00:00")).toBeUndefined();
    expect(parseExpires("2011-10-10T12:00:00")).toBeUndefined();
  });

  const options = (over: Partial<VerifyOptions> = {}): VerifyOptions => ({
    method: "GET",
    now: new Date("2024-01-01T00:00:00Z"),
    apiKey: API_KEY,
    secretKey: SECRET,
    enforcePostAndTimestamps: false,
    ...over,
  });
  const signed = (extra: [string, string][]): [string, string][] => {
    const params = [...VECTOR, ...extra];
    return [...params, ["signature", computeSignature(params, SECRET)]];
  };

  it("accepts a correct signature, with apiKey spelled either way", () => {
    expect(verifyRequest(signed([]), options())).toEqual({ ok: true });
    const camel: [string, string][] = [["apiKey", API_KEY], VECTOR[1]!, VECTOR[2]!];
    expect(verifyRequest([...camel, ["signature", computeSignature(camel, SECRET)]], options())).toEqual({
      ok: true,
    });
  });

  it("rejects a wrong signature, a wrong key and missing parts", () => {
    expect(verifyRequest([...VECTOR, ["signature", "TTpdDq/7j/J58XCRHomKoQXEQdX="]], options()).ok).toBe(
      false,
    );
    expect(verifyRequest(signed([]), options({ apiKey: "other" })).ok).toBe(false);
    expect(verifyRequest(VECTOR, options()).ok).toBe(false);
    expect(
      verifyRequest(
        signed([]).filter(([n]) => n !== "apikey"),
        options(),
      ).ok,
    ).toBe(false);
  });

  it("checks expires only with signatureversion=3", () => {
    const past = "2023-12-31T23:00:00Z";
    expect(verifyRequest(signed([["expires", past]]), options()).ok).toBe(true);
    expect(
      verifyRequest(
        signed([
          ["signatureversion", "3"],
          ["expires", past],
        ]),
        options(),
      ),
    ).toEqual({
      ok: false,
      reason: `expired at ${past}`,
    });
    expect(verifyRequest(signed([["signatureversion", "3"]]), options()).ok).toBe(false);
    expect(
      verifyRequest(
        signed([
          ["signatureversion", "3"],
          ["expires", "tomorrow"],
        ]),
        options(),
      ).ok,
    ).toBe(false);
  });

  it("with enforcement: POST, signatureversion=3 and at most 15 minutes ahead", () => {
    const enforce = (over: Partial<VerifyOptions> = {}) =>
      options({ enforcePostAndTimestamps: true, ...over });
    const in10 = [
      ["signatureversion", "3"],
      ["expires", "2024-01-01T00:10:00Z"],
    ] as [string, string][];
    const in20 = [
      ["signatureversion", "3"],
      ["expires", "2024-01-01T00:20:00+0000"],
    ] as [string, string][];
    expect(verifyRequest(signed(in10), enforce({ method: "POST" })).ok).toBe(true);
    expect(verifyRequest(signed(in10), enforce({ method: "GET" })).ok).toBe(false);
    expect(verifyRequest(signed(in20), enforce({ method: "POST" })).ok).toBe(false);
    expect(verifyRequest(signed([]), enforce({ method: "POST" })).ok).toBe(false);
  });
});

describe("signature (over HTTP)", () => {
  let lab: Lab;
  let api: TestApi;
  beforeEach(async () => {
    lab = await startLab({ jobDurationMs: 50 });
    api = new TestApi(lab.cloudstack);
  });
  afterEach(() => lab.stop());

  const unauthorized = (key: string) => ({
    [key]: {
      uuidList: [],
      errorcode: 401,
      errortext: "unable to verify user credentials and/or request signature",
    },
  });

  it("accepts GET and POST requests signed by an independent client", async () => {
    expect((await api.call("listZones")).status).toBe(200);
    expect((await api.call("listZones", {}, { method: "POST" })).status).toBe(200);
    expect((await api.call("listZones", { name: "zone 1 *~!" }, { apiKeyName: "apiKey" })).status).toBe(200);
  });

  it("answers a bad signature with the 401 envelope", async () => {
    const result = await api.call("listVolumes", {}, { secretKey: "wrong" });
    expect(result.status).toBe(401);
    expect(result.json).toEqual(unauthorized("listvolumesresponse"));
    expect(lab.cloudstack.calls.at(-1)).toMatchObject({ httpStatus: 401, executed: false });
  });

  it("answers a missing signature with 401", async () => {
    const result = await api.call("listVolumes", {}, { unsigned: true });
    expect(result.status).toBe(401);
    expect(result.json).toEqual(unauthorized("listvolumesresponse"));
  });

  it("rejects an expired request and accepts an unexpired one", async () => {
    const past = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, "Z");
    const soon = new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z$/, "Z");
    expect((await api.call("listZones", {}, { expires: past })).status).toBe(401);
    expect((await api.call("listZones", {}, { expires: soon })).status).toBe(200);
  });

  it("enforces POST and timestamps when the setting is on", async () => {
    lab.cloudstack.settings.enforcePostAndTimestamps = true;
    const soon = new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z$/, "Z");
    const late = new Date(Date.now() + 30 * 60_000).toISOString().replace(/\.\d+Z$/, "Z");
    expect((await api.call("listZones", {}, { expires: soon })).status).toBe(401); // GET
    expect((await api.call("listZones", {}, { method: "POST" })).status).toBe(401); // no expires
    expect((await api.call("listZones", {}, { method: "POST", expires: late })).status).toBe(401);
    expect((await api.call("listZones", {}, { method: "POST", expires: soon })).status).toBe(200);
  });
});
