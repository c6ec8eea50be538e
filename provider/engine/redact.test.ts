import { describe, expect, it } from "vitest";
import { Redactor, redactor } from "./redact.ts";

describe("Redactor", () => {
  it("masks every occurrence of a registered secret in text", () => {
    const r = new Redactor();
    r.addSecret("s3cr3t-K3y-value");
    expect(r.redact("key s3cr3t-K3y-value and again s3cr3t-K3y-value.")).toBe("key *** and again ***.");
  });

  it("masks several registered secrets", () => {
    const r = new Redactor();
    r.addSecret("first-secret-1");
    r.addSecret("second-secret-2");
    const out = r.redact("a=first-secret-1 b=second-secret-2");
    expect(out).not.toContain("first-secret-1");
    expect(out).not.toContain("second-secret-2");
  });

  it("masks the URL-encoded form of a registered secret", () => {
    const r = new Redactor();
    const secret = "p@ss word/with+=chars";
    r.addSecret(secret);
    const encoded = encodeURIComponent(secret);
    expect(encoded).not.toBe(secret);
    expect(r.redact(`https://api.example.com/x?user=bob&pw=${encoded}&next=1`)).toBe(
      "https://api.example.com/x?user=bob&pw=***&next=1",
    );
    expect(r.redact(`plain ${secret}`)).toBe("plain ***");
  });

  it("does not register very short or empty values (< 4 chars)", () => {
    const r = new Redactor();
    r.addSecret("abc");
    r.addSecret("");
    r.addSecret(undefined);
    expect(r.redact("abc and abcd")).toBe("abc and abcd");
    r.addSecret("abcd");
    expect(r.redact("abc and abcd")).toBe("abc and ***");
  });

  it("leaves text without secrets alone", () => {
    const r = new Redactor();
    r.addSecret("registered-secret");
    const text = "listVolumes id=3f1c2a9e-8b4d-4c1e-9f2a-0b1c2d3e4f5a page=1&pagesize=500";
    expect(r.redact(text)).toBe(text);
  });

  it.each([
    [
      "command=listVolumes&apikey=AKIAEXAMPLE&signature=abc%2Fdef%3D",
      "command=listVolumes&apikey=***&signature=***",
    ],
    [
      "https://cloud.example.com/client/api?apikey=AK1&command=x",
      "https://cloud.example.com/client/api?apikey=***&command=x",
    ],
    ["user=bob&password=hunter2", "user=bob&password=***"],
    ["password=hunter2 at the start", "password=*** at the start"],
    ["login failed with password=hunter2 for bob", "login failed with password=*** for bob"],
    ["a=1&token=t0k3n&b=2", "a=1&token=***&b=2"],
    ["Cookie: lang=en; token=abc123", "Cookie: lang=en; token=***"],
    ["?ApiKey=MixedCase&SIGNATURE=Upper", "?ApiKey=***&SIGNATURE=***"],
    ['"url":"?password=hunter2"', '"url":"?password=***"'],
  ])("masks secret query/form parameters: %s", (text, expected) => {
    expect(new Redactor().redact(text)).toBe(expected);
  });

  it.each([
    ["mypassword=visible", "mypassword=visible"],
    ["apikeys=visible", "apikeys=visible"],
    ["command=listVolumes&id=123", "command=listVolumes&id=123"],
  ])("does not mask parameters whose name merely resembles a secret one: %s", (text, expected) => {
    expect(new Redactor().redact(text)).toBe(expected);
  });

  it("addParamName adds a masked parameter name, case-insensitively", () => {
    const r = new Redactor();
    expect(r.redact("sessionkey=abc")).toBe("sessionkey=abc");
    r.addParamName("SessionKey");
    expect(r.isSecretParam("SESSIONKEY")).toBe(true);
    expect(r.redact("a=1&sessionKey=abc")).toBe("a=1&sessionKey=***");
  });

  it("isSecretParam knows the built-in names", () => {
    const r = new Redactor();
    for (const n of ["signature", "apikey", "secretkey", "password", "token", "ApiKey"])
      expect(r.isSecretParam(n)).toBe(true);
    expect(r.isSecretParam("command")).toBe(false);
  });

  it("redactParams masks secret parameters and registered secrets in the other values", () => {
    const r = new Redactor();
    r.addSecret("registered-value");
    const input = {
      command: "deployVirtualMachine",
      apikey: "AKIA",
      userdata: "x registered-value y",
      id: "1",
    };
    expect(r.redactParams(input)).toEqual({
      command: "deployVirtualMachine",
      apikey: "***",
      userdata: "x *** y",
      id: "1",
    });
    // the input is left as it was
    expect(input.apikey).toBe("AKIA");
  });

  it("the process-wide redactor is a Redactor", () => {
    expect(redactor).toBeInstanceOf(Redactor);
  });

  it("masks a secret parameter that follows a ';'-separated pair", () => {
    expect(new Redactor().redact("x=1;secretkey=XYZ")).toBe("x=1;secretkey=***");
  });

  it("a secret that contains another registered secret is masked whole", () => {
    const r = new Redactor();
    r.addSecret("abcd1234");
    r.addSecret("abcd1234efgh5678");
    const out = r.redact("key: abcd1234efgh5678");
    expect(out).not.toContain("efgh5678");
    expect(out).toBe("key: ***");
  });
});
