import { describe, expect, it } from "vitest";
import * as z from "zod";
import { InvalidInputError, pathText } from "./errors.ts";
import { redactor } from "./redact.ts";
import { issuesFromZod, parseInput } from "./validate.ts";

const schema = z
  .object({
    name: z.string(),
    size_gb: z.number().int().positive(),
    mode: z.enum(["live", "offline"]),
    password: z.string().min(12),
    tags: z.array(z.string()).optional(),
    timeouts: z
      .object({ create: z.string().regex(/^\d+m$/) })
      .strict()
      .optional(),
  })
  .strict();

const sensitive = new Set(["password"]);

function invalid(input: unknown, paths: Set<string> = sensitive): InvalidInputError {
  try {
    parseInput(schema, input, "fake_thing arguments", paths);
  } catch (e) {
    if (e instanceof InvalidInputError) return e;
    throw e;
  }
  throw new Error("expected InvalidInputError");
}

function issue(e: InvalidInputError, path: string): string {
  const found = e.issues.find((i) => i.path.join(".") === path);
  if (!found) throw new Error(`no issue at ${path}: ${JSON.stringify(e.issues)}`);
  return found.message;
}

const good = { name: "web-01", size_gb: 20, mode: "live", password: "a-long-enough-password" };

describe("parseInput", () => {
  it("returns the parsed value when the input is valid", () => {
    expect(parseInput(schema, good, "x")).toEqual(good);
  });

  it("throws InvalidInputError (INVALID_INPUT) naming the resource and every bad attribute", () => {
    const e = invalid({ ...good, name: 7, size_gb: -1 });
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toContain("Invalid fake_thing arguments");
    expect(e.issues.map((i) => i.path.join("."))).toEqual(["name", "size_gb"]);
    expect(e.message).toMatch(/name: got 7; expected string/);
    expect(e.message).toMatch(/size_gb: got -1; /);
  });

  it("a missing attribute is 'required' with the expected type", () => {
    const { name: _drop, ...rest } = good;
    expect(issue(invalid(rest), "name")).toBe("is required (expected string)");
  });

  it("a wrong type names what was given and what is expected", () => {
    expect(issue(invalid({ ...good, size_gb: "twenty" }), "size_gb")).toBe('got "twenty"; expected number');
    expect(issue(invalid({ ...good, name: null }), "name")).toBe("got null; expected string");
    expect(issue(invalid({ ...good, name: ["a"] }), "name")).toBe("got a list; expected string");
    expect(issue(invalid({ ...good, name: { a: 1 } }), "name")).toBe("got an object; expected string");
    expect(issue(invalid({ ...good, name: true }), "name")).toBe("got true; expected string");
  });

  it("an enum names the allowed values", () => {
    expect(issue(invalid({ ...good, mode: "hot" }), "mode")).toBe('got "hot"; allowed: "live", "offline"');
  });

  it("a failed check gives the check's message", () => {
    const msg = issue(invalid({ ...good, size_gb: 0 }), "size_gb");
    expect(msg.startsWith("got 0; ")).toBe(true);
    expect(msg).toMatch(/>0/);
  });

  it("nested attributes are named by path", () => {
    const e = invalid({ ...good, timeouts: { create: "soon" } });
    expect(e.issues[0]?.path).toEqual(["timeouts", "create"]);
    expect(e.message).toContain('timeouts.create: got "soon"');
    const list = invalid({ ...good, tags: ["ok", 3] });
    expect(list.issues[0]?.path).toEqual(["tags", 1]);
    expect(list.message).toContain("tags[1]: got 3; expected string");
  });

  it("unknown attributes are named", () => {
    const e = invalid({ ...good, colour: "blue", size: 3 });
    expect(e.issues).toEqual([{ path: [], message: "unknown attributes colour, size" }]);
    expect(e.message).toContain("(resource): unknown attributes colour, size");
    const one = invalid({ ...good, timeouts: { create: "5m", cretae: "5m" } });
    expect(one.issues).toEqual([{ path: ["timeouts"], message: "unknown attribute cretae" }]);
  });

  it('a sensitive value is shown as "(sensitive value)", never the value', () => {
    const e = invalid({ ...good, password: "hunter2" });
    expect(issue(e, "password")).toMatch(/^got \(sensitive value\); /);
    expect(issue(e, "password")).toMatch(/12/);
    expect(e.message).not.toContain("hunter2");
    const wrongType = invalid({ ...good, password: 123_456_789 });
    expect(issue(wrongType, "password")).toBe("got (sensitive value); expected string");
    expect(wrongType.message).not.toContain("123456789");
  });

  it("the same value is shown when the attribute is not marked sensitive", () => {
    const e = invalid({ ...good, password: "hunter2" }, new Set());
    expect(issue(e, "password")).toContain('"hunter2"');
  });

  it("a given string containing a registered secret is redacted", () => {
    const secret = `validate-secret-${Math.random().toString(36).slice(2)}`;
    redactor.addSecret(secret);
    const e = invalid({ ...good, mode: `x ${secret}` });
    expect(e.message).not.toContain(secret);
    expect(issue(e, "mode")).toContain('got "x ***"');
  });

  it("a value nested inside a sensitive attribute is not shown either", () => {
    const credentials = z.object({ credentials: z.object({ password: z.string().min(12) }) });
    let message = "";
    try {
      parseInput(credentials, { credentials: { password: "hunter2" } }, "x", new Set(["credentials"]));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("credentials.password");
    expect(message).not.toContain("hunter2");
  });
});

describe("issuesFromZod", () => {
  it("maps every zod issue to a path and a message", () => {
    const r = schema.safeParse({ size_gb: 1.5, mode: "live", password: "x" });
    expect(r.success).toBe(false);
    const issues = issuesFromZod(
      r.error as z.ZodError,
      { size_gb: 1.5, mode: "live", password: "x" },
      sensitive,
    );
    expect(issues.map((i) => pathText(i.path))).toEqual(["name", "size_gb", "password"]);
    expect(issues[0]?.message).toBe("is required (expected string)");
    expect(issues[1]?.message).toMatch(/^got 1\.5; /);
    expect(issues[2]?.message).toMatch(/^got \(sensitive value\); /);
  });
});

describe("pathText", () => {
  it.each([
    [[], "(resource)"],
    [["name"], "name"],
    [["timeouts", "create"], "timeouts.create"],
    [["tags", 0], "tags[0]"],
    [["disks", 2, "size"], "disks[2].size"],
  ] as [(string | number)[], string][])("%j → %s", (path, text) => {
    expect(pathText(path)).toBe(text);
  });
});

describe("map keys", () => {
  const maps = z
    .object({
      zpools: z
        .record(z.string().regex(/^[12]$/, { message: "must be a disk id: 1 or 2" }), z.string().max(8))
        .optional(),
    })
    .strict();

  it("a key the schema refuses is named with the key's own rule, at the key's path", () => {
    const r = maps.safeParse({ zpools: { "1": "zones", "3": "zones" } });
    expect(r.success).toBe(false);
    const issues = issuesFromZod(r.error!, { zpools: { "1": "zones", "3": "zones" } });
    expect(issues).toEqual([
      { path: ["zpools", "3"], message: 'key "3" is not allowed: must be a disk id: 1 or 2' },
    ]);
  });

  it("a bad value under a good key names the value", () => {
    const input = { zpools: { "1": "much-too-long" } };
    const issues = issuesFromZod(maps.safeParse(input).error!, input);
    expect(issues[0]?.path).toEqual(["zpools", "1"]);
    expect(issues[0]?.message).toMatch(/^got "much-too-long"; /);
  });
});
