/**
 * tfcore's own checks (its Go unit tests; a fake provider with one bug at a time, served by go-plugin's
 * own server, must be caught with core's message), and the provider's cty codec against byte vectors produced by go-cty
 * (`tfcore cty-vectors`): every vector must decode and re-encode to the very same bytes, and values
 * built in JS must encode to go-cty's bytes.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type CtyType,
  type CtyValue,
  decodeMsgpack,
  encodeMsgpack,
  UNKNOWN,
} from "../../provider/terraform/codec.ts";
import { join } from "node:path";
import { buildTfcore, ROOT, tfcorePeer } from "./harness.ts";

const peer = tfcorePeer();

interface Vector {
  name: string;
  type: CtyType;
  hex: string;
}

describe.skipIf(!peer.available)("tfcore (terraform-core stand-in)", () => {
  let tfcore: string;
  let vectors: Vector[];

  beforeAll(() => {
    tfcore = buildTfcore();
    vectors = JSON.parse(execFileSync(tfcore, ["cty-vectors"], { encoding: "utf8" })) as Vector[];
  });

  it("tfcore's own Go unit tests pass (ProposedNew, plan validity, compatibility, config reading)", () => {
    const out = execFileSync("bash", [join(ROOT, "test", "terraform-core", "build.sh"), "test"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(out).toMatch(/^ok\s+tfcore/m);
  });

  it.each([
    ["plan-mutates-config", "Provider produced invalid plan", "name"],
    ["replace-bad-path", "Provider produced invalid plan", undefined],
    ["computed-null", "Provider produced inconsistent result after apply", "id"],
    ["apply-changes-known", "Provider produced inconsistent result after apply", "name"],
    ["apply-unknown", "Provider returned invalid result object after apply", undefined],
    ["final-plan-differs", "Provider produced inconsistent final plan", "tags[0]"],
  ])("catches a provider whose bug is %s: %s", (bug, summary, attribute) => {
    const dir = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), "ferry-tfcore-fake-"));
    try {
      writeFileSync(
        join(dir, "main.tf"),
        'provider "fake" {}\nresource "fake_thing" "a" {\n  name = "n"\n}\n',
      );
      const r = spawnSync(
        tfcore,
        [
          "-provider",
          `${tfcore} fake-provider ${bug}`,
          "-config",
          dir,
          "-state",
          join(dir, "s.json"),
          "-json",
          "apply",
        ],
        { encoding: "utf8", timeout: 60_000 },
      );
      expect(r.status).toBe(1);
      const report = JSON.parse(r.stdout) as { diagnostics: { summary: string; attribute?: string }[] };
      expect(report.diagnostics.at(-1)).toMatchObject({ summary, ...(attribute ? { attribute } : {}) });
      expect(r.stderr).toContain(`Error: ${summary}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a well-behaved provider (go-plugin's own server) walks apply, plan again, destroy", () => {
    const dir = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), "ferry-tfcore-fake-"));
    try {
      writeFileSync(
        join(dir, "main.tf.json"),
        JSON.stringify({
          provider: { fake: {} },
          resource: { fake_thing: { a: { name: "n", size: 12345678901234567891n.toString() } } },
        }),
      );
      const run = (...args: string[]) =>
        spawnSync(
          tfcore,
          [
            "-provider",
            `${tfcore} fake-provider none`,
            "-config",
            dir,
            "-state",
            join(dir, "s.json"),
            ...args,
          ],
          {
            encoding: "utf8",
            timeout: 60_000,
          },
        );
      expect(run("apply").status).toBe(0);
      expect(run("-detailed-exitcode", "plan").status).toBe(0);
      const state = readFileSync(join(dir, "s.json"), "utf8");
      expect(state).toContain('"size": 12345678901234567891');
      expect(run("destroy").status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("proto-check: the provider's tfplugin6.proto has protocol 6.10's field numbers", () => {
    expect(execFileSync(tfcore, ["proto-check"], { encoding: "utf8" })).toMatch(/matches protocol 6.10/);
  });

  it("go-cty writes what the protocol documents (sanity of the vectors themselves)", () => {
    const hex = Object.fromEntries(vectors.map((v) => [v.name, v.hex]));
    expect(hex["null object"]).toBe("c0");
    expect(hex["unknown string"]).toBe("d40000");
    expect(hex["int 2^53+1"]).toBe("cf0020000000000001");
    expect(hex["int 12345678901234567891"]).toBe("b4" + Buffer.from("12345678901234567891").toString("hex"));
    expect(hex["float 1.5"]).toBe("cb3ff8000000000000");
    expect(hex["dynamic string"]).toBe("92c408" + Buffer.from('"string"').toString("hex") + "a178");
  });

  it("every go-cty vector decodes and re-encodes to the same bytes", () => {
    const failures: string[] = [];
    for (const v of vectors) {
      try {
        const value = decodeMsgpack(v.type, Buffer.from(v.hex, "hex"));
        const back = encodeMsgpack(v.type, value).toString("hex");
        if (back !== v.hex) failures.push(`${v.name}: go-cty ${v.hex}, provider ${back}`);
      } catch (err) {
        failures.push(`${v.name}: ${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("values built in JS encode to go-cty's bytes", () => {
    const obj: CtyType = ["object", { id: "string", size: "number", tags: ["map", "string"], ready: "bool" }];
    const cases: [string, CtyType, CtyValue][] = [
      ["null string", "string", null],
      ["unknown object", obj, UNKNOWN],
      ["string unicode", "string", "ßü→🚢"],
      ["negative int", "number", -33],
      ["int 70000", "number", 70000],
      ["int 2^53+1", "number", 2n ** 53n + 1n],
      ["int -2^53-1", "number", -(2n ** 53n) - 1n],
      ["int 12345678901234567891", "number", 12345678901234567891n],
      ["float 1.5", "number", 1.5],
      ["true", "bool", true],
      ["set of strings", ["set", "string"], ["a", "b"]],
      ["map", ["map", "string"], { zone: "z1", env: "dev" }],
      ["object", obj, { ready: true, tags: { env: "dev" }, size: 20, id: "v-1" }],
      ["object with nulls and unknowns", obj, { id: UNKNOWN, size: null, tags: null, ready: UNKNOWN }],
      ["list with unknown", ["list", "string"], ["a", UNKNOWN]],
      ["dynamic unknown", "dynamic", UNKNOWN],
    ];
    const hex = Object.fromEntries(vectors.map((v) => [v.name, v.hex]));
    for (const [name, type, value] of cases) {
      expect(`${name}: ${encodeMsgpack(type, value).toString("hex")}`).toBe(`${name}: ${hex[name]}`);
    }
  });

  it("go-cty reads what the provider writes, and would write the very same bytes", () => {
    const obj: CtyType = ["object", { id: "string", size: "number", tags: ["map", "string"], ready: "bool" }];
    const cases: [string, CtyType, CtyValue][] = [
      ["object", obj, { id: "v-1", size: 20, tags: { b: "2", a: "1" }, ready: false }],
      ["object partly unknown", obj, { id: UNKNOWN, size: 2n ** 60n + 1n, tags: null, ready: true }],
      ["big decimal", "number", 12345678901234567891n],
      ["float", "number", 0.5],
      ["set of numbers", ["set", "number"], [2, 10]],
      ["list of objects", ["list", ["object", { n: "number" }]], [{ n: 1 }, { n: -1 }]],
      ["dynamic", "dynamic", "x"],
    ];
    const input = cases.map(([name, type, value]) => ({
      name,
      type,
      hex: encodeMsgpack(type, value).toString("hex"),
    }));
    const out = JSON.parse(
      execFileSync(tfcore, ["cty-decode"], { input: JSON.stringify(input), encoding: "utf8" }),
    ) as {
      name: string;
      ok: boolean;
      error?: string;
      hex: string;
    }[];
    for (const [i, r] of out.entries()) {
      expect(`${r.name}: ${r.ok ? r.hex : r.error}`).toBe(`${r.name}: ${input[i]!.hex}`);
    }
    // a set in another order is the same set to go-cty (it re-sorts; bytes may differ)
    const unordered = [
      {
        name: "set unordered",
        type: ["set", "number"],
        hex: encodeMsgpack(["set", "number"], [10, 2]).toString("hex"),
      },
    ];
    const [u] = JSON.parse(
      execFileSync(tfcore, ["cty-decode"], { input: JSON.stringify(unordered), encoding: "utf8" }),
    ) as {
      ok: boolean;
      hex: string;
    }[];
    expect(u).toMatchObject({ ok: true, hex: "92020a" });
  });

  it("numbers beyond 2^53 survive decoding exactly", () => {
    const v = vectors.find((x) => x.name === "int 2^53+1")!;
    expect(decodeMsgpack("number", Buffer.from(v.hex, "hex"))).toBe(2n ** 53n + 1n);
  });
});
