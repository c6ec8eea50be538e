/**
 * resolveSettings with a real backend schema: CloudStack's provider settings.
 */
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { cloudStackSettingsSchema } from "../cloudstack/settings.ts";
import { InvalidInputError } from "./errors.ts";
import { redactor } from "./redact.ts";
import { resolveSettings, settingMeta } from "./settings.ts";

const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

function minimalEnv(): {
  CLOUDSTACK_API_URL: string;
  CLOUDSTACK_API_KEY: string;
  CLOUDSTACK_SECRET_KEY: string;
} {
  return {
    CLOUDSTACK_API_URL: "https://cloud.example.com/client/api",
    CLOUDSTACK_API_KEY: unique("key"),
    CLOUDSTACK_SECRET_KEY: unique("secret"),
  };
}

function resolve(given: Record<string, unknown>, env: NodeJS.ProcessEnv) {
  return resolveSettings(cloudStackSettingsSchema, given, env, "cloudstack provider settings");
}

function configError(given: Record<string, unknown>, env: NodeJS.ProcessEnv): InvalidInputError {
  try {
    resolve(given, env);
  } catch (e) {
    if (e instanceof InvalidInputError) return e;
    throw e;
  }
  throw new Error("expected InvalidInputError");
}

describe("resolveSettings", () => {
  it("fills unset attributes from the environment and applies defaults", () => {
    const env = minimalEnv();
    expect(resolve({}, env)).toEqual({
      api_url: env.CLOUDSTACK_API_URL,
      api_key: env.CLOUDSTACK_API_KEY,
      secret_key: env.CLOUDSTACK_SECRET_KEY,
      http_timeout: 60,
      insecure: false,
    });
  });

  it("takes the first variable that is set, in the order the schema lists them", () => {
    const env = {
      ...minimalEnv(),
      CLOUDSTACK_API_URL: "https://first.example.com/client/api",
      CLOUDSTACK_ENDPOINT: "https://second.example.com/client/api",
    };
    expect(resolve({}, env).api_url).toBe("https://first.example.com/client/api");
    const { CLOUDSTACK_API_URL: _drop, ...withoutFirst } = env;
    expect(resolve({}, withoutFirst).api_url).toBe("https://second.example.com/client/api");
  });

  it("an empty variable counts as unset and the next one is used", () => {
    const key = unique("fallback-key");
    const env = { ...minimalEnv(), CLOUDSTACK_API_KEY: "", CLOUDSTACK_KEY: key };
    expect(resolve({}, env).api_key).toBe(key);
  });

  it("coerces numbers from environment strings (optional and defaulted attributes)", () => {
    const s = resolve({}, { ...minimalEnv(), CLOUDSTACK_TIMEOUT: "900", CLOUDSTACK_HTTP_TIMEOUT: "15" });
    expect(s.timeout).toBe(900);
    expect(s.http_timeout).toBe(15);
  });

  it.each([
    ["true", true],
    ["TRUE", true],
    ["1", true],
    ["yes", true],
    ["on", true],
    [" true ", true],
    ["false", false],
    ["0", false],
    ["no", false],
    ["off", false],
  ])("coerces boolean %j from the environment to %s", (raw, value) => {
    expect(resolve({}, { ...minimalEnv(), CLOUDSTACK_INSECURE: raw }).insecure).toBe(value);
  });

  it("keeps strings as strings even when they look like numbers", () => {
    const s = resolve({}, { ...minimalEnv(), CLOUDSTACK_API_KEY: "123456789" });
    expect(s.api_key).toBe("123456789");
  });

  it("given values beat the environment; null / undefined given values do not", () => {
    const env = { ...minimalEnv(), CLOUDSTACK_TIMEOUT: "900", CLOUDSTACK_INSECURE: "true" };
    const givenKey = unique("given-key");
    const s = resolve(
      { api_key: givenKey, timeout: 30, insecure: false, http_timeout: null, ca_cert: undefined },
      env,
    );
    expect(s.api_key).toBe(givenKey);
    expect(s.timeout).toBe(30);
    expect(s.insecure).toBe(false);
    expect(s.http_timeout).toBe(60);
    expect(s.secret_key).toBe(env.CLOUDSTACK_SECRET_KEY);
  });

  it("a missing required attribute → INVALID_CONFIG naming the attribute", () => {
    const { CLOUDSTACK_SECRET_KEY: _drop, ...env } = minimalEnv();
    const e = configError({}, env);
    expect(e.code).toBe("INVALID_CONFIG");
    expect(e.issues).toEqual([{ path: ["secret_key"], message: "is required (expected string)" }]);
    expect(e.message).toContain("cloudstack provider settings");
    expect(e.message).toContain("secret_key: is required");
  });

  it("names every missing attribute when nothing is configured", () => {
    const e = configError({}, {});
    expect(e.issues.map((i) => i.path.join("."))).toEqual(["api_url", "api_key", "secret_key"]);
  });

  it("an invalid value from the environment → INVALID_CONFIG naming the attribute", () => {
    const e = configError({}, { ...minimalEnv(), CLOUDSTACK_TIMEOUT: "ten minutes" });
    expect(e.code).toBe("INVALID_CONFIG");
    expect(e.issues.map((i) => i.path.join("."))).toEqual(["timeout"]);
    const url = configError({}, { ...minimalEnv(), CLOUDSTACK_API_URL: "ftp://cloud.example.com" });
    expect(url.message).toMatch(/api_url: got "ftp:\/\/cloud.example.com"; must be an http\(s\) URL/);
  });

  it("an invalid number from the environment is reported as given, not as NaN", () => {
    const e = configError({}, { ...minimalEnv(), CLOUDSTACK_TIMEOUT: "ten minutes" });
    expect(e.message).not.toContain("NaN");
    expect(e.message).toContain("ten minutes");
  });

  it("an invalid sensitive value is described as (sensitive value), never shown", () => {
    const bad = 987_654_321;
    const e = configError({ secret_key: bad }, minimalEnv());
    expect(e.issues).toEqual([{ path: ["secret_key"], message: "got (sensitive value); expected string" }]);
    expect(e.message).not.toContain(String(bad));
  });

  it("unknown attributes are refused", () => {
    const e = configError({ api_secret: "x" }, minimalEnv());
    expect(e.code).toBe("INVALID_CONFIG");
    expect(e.message).toContain("unknown attribute api_secret");
  });

  it("registers sensitive values (from the environment or given) with the redactor, not the others", () => {
    const env = minimalEnv();
    const givenSecret = unique("given-secret");
    const apiUrl = `https://${unique("host")}.example.com/client/api`;
    const before = redactor.redact(`${env.CLOUDSTACK_API_KEY} ${givenSecret}`);
    expect(before).toBe(`${env.CLOUDSTACK_API_KEY} ${givenSecret}`);
    resolve({ secret_key: givenSecret, api_url: apiUrl }, env);
    expect(redactor.redact(`k=${env.CLOUDSTACK_API_KEY} s=${givenSecret}`)).toBe("k=*** s=***");
    expect(redactor.redact(apiUrl)).toBe(apiUrl);
  });

  it("reads env lists and sensitivity from the attribute metadata", () => {
    expect(settingMeta(cloudStackSettingsSchema.shape.api_url).env).toEqual([
      "CLOUDSTACK_API_URL",
      "CLOUDSTACK_ENDPOINT",
    ]);
    expect(settingMeta(cloudStackSettingsSchema.shape.secret_key).sensitive).toBe(true);
    expect(settingMeta(z.string())).toEqual({});
  });
});
