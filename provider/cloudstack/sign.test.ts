/**
 * CloudStack request signing against the documented test vector (apis.md §1.1, from the CloudStack
 * developer guide), and Java URLEncoder parity where it differs from encodeURIComponent.
 */
import { describe, expect, it } from "vitest";
import { expiresAt, javaUrlEncode, sign, signedQuery, stringToSign } from "./sign.ts";

const SECRET = "VDaACYb0LV9eNjTetIOElcVQkvJck_J_QljX_FcHRj87ZKiy0z0ty0ZsYBkoXkY9b7eq1EhwJaw7FF3akA3KBQ";
const API_KEY = "plgWJfZK4gyS3mOMTVmjUVg-X-jlWlnfaUJ9GAbBbf9EdM-kAYMmAiLqzzq1ElZLYq_u38zCm0bewzGUdP66mg";
const PARAMS = { apikey: API_KEY, command: "listUsers", response: "json" };
const STRING_TO_SIGN =
  "apikey=plgwjfzk4gys3momtvmjuvg-x-jlwlnfauj9gabbbf9edm-kaymmailqzzq1elzlyq_u38zcm0bewzgudp66mg&command=listusers&response=json";
const SIGNATURE = "TTpdDq/7j/J58XCRHomKoQXEQds=";

describe("the documented test vector", () => {
  it("string to sign: sorted by name, Java-encoded, lowercased", () => {
    expect(stringToSign(PARAMS)).toBe(STRING_TO_SIGN);
  });

  it("signature: HMAC-SHA1 with the secret key, Base64", () => {
    expect(sign(PARAMS, SECRET)).toBe(SIGNATURE);
  });

  it("the order the parameters are given in does not matter", () => {
    expect(sign({ response: "json", command: "listUsers", apikey: API_KEY }, SECRET)).toBe(SIGNATURE);
  });

  it("the docs' camel-case apiKey signs the same (the string is lowercased after sorting)", () => {
    expect(sign({ apiKey: API_KEY, command: "listUsers", response: "json" }, SECRET)).toBe(SIGNATURE);
  });

  it("a signature parameter already present is left out of the string to sign", () => {
    expect(stringToSign({ ...PARAMS, signature: "whatever" })).toBe(STRING_TO_SIGN);
    expect(sign({ ...PARAMS, signature: "whatever" }, SECRET)).toBe(SIGNATURE);
  });

  it("another secret gives another signature", () => {
    expect(sign(PARAMS, `${SECRET}x`)).not.toBe(SIGNATURE);
  });

  it("signedQuery: lowercase names, sorted, values as given (not lowercased), signature URL-encoded last", () => {
    expect(signedQuery({ command: "listUsers", apiKey: API_KEY, response: "json" }, SECRET)).toBe(
      `apikey=${API_KEY}&command=listUsers&response=json&signature=TTpdDq%2F7j%2FJ58XCRHomKoQXEQds%3D`,
    );
  });
});

describe("javaUrlEncode: Java's URLEncoder with + as %20", () => {
  it.each([
    // where Java and encodeURIComponent differ
    { name: "space", value: " ", encoded: "%20" },
    { name: "asterisk (unreserved in Java)", value: "*", encoded: "*" },
    { name: "tilde", value: "~", encoded: "%7E" },
    { name: "exclamation mark", value: "!", encoded: "%21" },
    { name: "apostrophe", value: "'", encoded: "%27" },
    { name: "opening parenthesis", value: "(", encoded: "%28" },
    { name: "closing parenthesis", value: ")", encoded: "%29" },
    // where they agree
    { name: "unreserved letters, digits and . - _", value: "AZaz09.-_", encoded: "AZaz09.-_" },
    { name: "plus (a literal +, not a space)", value: "+", encoded: "%2B" },
    { name: "reserved characters", value: "/?#&=:;,@$%", encoded: "%2F%3F%23%26%3D%3A%3B%2C%40%24%25" },
    { name: "two-byte UTF-8", value: "é", encoded: "%C3%A9" },
    { name: "three-byte UTF-8", value: "€", encoded: "%E2%82%AC" },
    { name: "four-byte UTF-8 (surrogate pair)", value: "😀", encoded: "%F0%9F%98%80" },
    { name: "a mixed value", value: "web 01 (copy)*~", encoded: "web%2001%20%28copy%29*%7E" },
  ])("$name: $value → $encoded", ({ value, encoded }) => {
    expect(javaUrlEncode(value)).toBe(encoded);
  });

  it("encoded values enter the string to sign lowercased", () => {
    expect(stringToSign({ name: "Web 01 (Copy)*~!'", command: "listVirtualMachines" })).toBe(
      "command=listvirtualmachines&name=web%2001%20%28copy%29*%7e%21%27",
    );
  });
});

describe("expiresAt", () => {
  it.each([
    { ms: 0, text: "1970-01-01T00:00:00+0000" },
    { ms: Date.UTC(2024, 0, 15, 9, 30, 5, 123), text: "2024-01-15T09:30:05+0000" },
  ])("$ms → $text (ISO-8601 with offset, no milliseconds)", ({ ms, text }) => {
    expect(expiresAt(ms)).toBe(text);
  });
});
