/**
 * `ferry review` over real terraform 1.11.4 output (test/review/fixtures, recorded by record.ts from
 * lab plans) and over Pulumi preview JSON written from Pulumi's documented format. Golden Markdown in
 * test/review/golden (FERRY_UPDATE_GOLDEN=1 rewrites it). Where terraform is on the PATH, the
 * fixtures are recorded again and must still match.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT, runReview } from "../../cli/review/index.ts";
import { terraformCli } from "../support/terraform-cli.ts";
import { FIXTURES, recordAll, SCENARIOS } from "./record.ts";

const GOLDEN = join(FIXTURES, "..", "golden");

function review(args: string[], stdin = ""): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = runReview(args, {
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
    readStdin: () => stdin,
    readFile: (p) => readFileSync(existsSync(p) ? p : join(FIXTURES, p), "utf8"),
  });
  return { code, out, err };
}

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env["FERRY_UPDATE_GOLDEN"] === "1") writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

/** fixture inputs → golden file and exit status */
const cases: { name: string; files: string[]; code: number; disruptive?: boolean }[] = [
  {
    name: "root-swap",
    files: ["root-swap.show.json", "root-swap.plan.jsonl"],
    code: EXIT.clean,
    disruptive: true,
  },
  { name: "blocked-swap", files: ["blocked-swap.plan.jsonl"], code: EXIT.blocked },
  {
    name: "manila-switch-over",
    files: ["manila-switch-over.show.json", "manila-switch-over.plan.jsonl"],
    code: EXIT.clean,
    disruptive: true,
  },
  {
    name: "restore-on-destroy",
    files: ["restore-on-destroy.show.json", "restore-on-destroy.plan.jsonl"],
    code: EXIT.clean,
    disruptive: true,
  },
  { name: "mixed", files: ["mixed.show.json", "mixed.plan.jsonl"], code: EXIT.clean, disruptive: false },
  { name: "pulumi-preview", files: ["pulumi-preview.json"], code: EXIT.blocked },
];

describe("ferry review: golden Markdown and text", () => {
  it.each(cases)("$name", ({ name, files, code }) => {
    const md = review(files);
    expect(md.err).toBe("");
    expect(md.code).toBe(code);
    golden(`${name}.md`, md.out);
    expect(md.out).not.toContain("\u001b[");
    const text = review(["--format", "text", ...files]);
    expect(text.code).toBe(code);
    golden(`${name}.txt`, text.out);
  });

  it.each(cases.filter((c) => c.disruptive !== undefined))(
    "$name: --fail-on-disruptive exits 4 only when an operation disrupts",
    ({ files, disruptive }) => {
      expect(review(["--fail-on-disruptive", ...files]).code).toBe(disruptive ? EXIT.disruptive : EXIT.clean);
    },
  );

  it("is deterministic and does not depend on the order of its inputs", () => {
    const a = review(["root-swap.show.json", "root-swap.plan.jsonl"]).out;
    expect(review(["root-swap.plan.jsonl", "root-swap.show.json"]).out).toBe(a);
    expect(review(["root-swap.show.json", "root-swap.plan.jsonl"]).out).toBe(a);
  });

  it("reads standard input", () => {
    const log = readFileSync(join(FIXTURES, "blocked-swap.plan.jsonl"), "utf8");
    const r = review(["-"], log);
    expect(r.code).toBe(EXIT.blocked);
    expect(r.out).toContain("Fixed by: `allow_stop`");
  });

  it("the saved plan alone has the operations; the log alone has them too (from the diagnostics)", () => {
    const show = review(["root-swap.show.json"]);
    const log = review(["root-swap.plan.jsonl"]);
    expect(show.out).toContain("2. Stop VM web-01 ⚠️ **disruptive**");
    expect(log.out).toContain("2. Stop VM web-01 ⚠️ **disruptive**");
  });
});

describe("ferry review: bad input and arguments get one line and a non-zero exit", () => {
  const root = readFileSync(join(FIXTURES, "root-swap.show.json"), "utf8");
  const log = readFileSync(join(FIXTURES, "root-swap.plan.jsonl"), "utf8");
  const otherOnly = JSON.stringify({
    format_version: "1.2",
    terraform_version: "1.11.4",
    resource_changes: [
      { address: "aws_instance.a", type: "aws_instance", change: { actions: ["create"], after: {} } },
    ],
  });
  it.each([
    ["empty input", "", /empty input/],
    ["not JSON", "Plan: 1 to add", /line 1 is not JSON/],
    ["a truncated saved plan", root.slice(0, root.length / 2), /not valid JSON .*truncated/],
    ["a truncated log", log.slice(0, log.length - 40), /line 4 is not JSON/],
    ["JSON that is not a plan", '{"hello": "world"}', /not a plan/],
    [
      "a plan of another provider only",
      otherOnly,
      /no ferry resource in this plan \(1 resource of other providers change\)/,
    ],
  ])("%s", (_what, input, message) => {
    const r = review(["-"], input);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.out).toBe("");
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("a missing file", () => {
    const r = review(["/nonexistent/plan.json"]);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.err).toBe("ferry review: /nonexistent/plan.json: cannot read (ENOENT)\n");
  });

  it.each([[[]], [["--format", "html", "x"]], [["--nope", "x"]]])("bad arguments %j exit 2", (args) => {
    expect(review(args).code).toBe(EXIT.badArguments);
  });
});

const tf = terraformCli();

describe.skipIf(!tf.available)(`the fixtures are what terraform ${tf.version} produces`, () => {
  it("records every scenario again and finds the same bytes", { timeout: 240_000 }, async () => {
    const recorded = await recordAll();
    expect(recorded.map((r) => r.name)).toEqual(SCENARIOS.map((s) => s.name));
    for (const r of recorded) {
      expect(r.log, `${r.name}.plan.jsonl`).toBe(
        readFileSync(join(FIXTURES, `${r.name}.plan.jsonl`), "utf8"),
      );
      const show = join(FIXTURES, `${r.name}.show.json`);
      if (r.show) expect(r.show, `${r.name}.show.json`).toBe(readFileSync(show, "utf8"));
      else expect(existsSync(show), `${r.name}: no plan file when planning fails`).toBe(false);
    }
  });
});
