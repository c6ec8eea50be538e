/**
 * Drives tfcore (test/terraform-core/*.go, the terraform-core stand-in built from Debian's Go packages)
 * from vitest: builds it, finds the provider executable, writes .tf / .tf.json configurations into a
 * temporary directory and runs tfcore commands asynchronously (the lab serves from this same process).
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { backends } from "../../provider/index.ts";
import { findPeer, type Peer } from "../support/peers.ts";

/** The provider block's nested blocks: one per backend. */
const PROVIDER_BLOCKS = new Set(backends.map((b) => b.name));

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const PROVIDER_EXE = join(ROOT, "dist", "terraform-provider-ferry");
const GOCODE = "/usr/share/gocode/src";

/** The Go toolchain, protoc and the Go libraries tfcore is built from. */
export function tfcorePeer(): Peer {
  return findPeer(
    "the Go toolchain and libraries for test/terraform-core (golang-go, protoc, go-plugin, go-cty, hcl)",
    () => {
      execFileSync("go", ["version"], { stdio: "ignore", timeout: 10_000 });
      for (const tool of ["protoc", "protoc-gen-go", "protoc-gen-go-grpc"]) {
        execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
      }
      for (const dep of [
        "github.com/hashicorp/go-plugin",
        "github.com/zclconf/go-cty/cty/msgpack",
        "github.com/hashicorp/hcl/v2/hcldec",
        "google.golang.org/grpc",
        "google.golang.org/protobuf/proto",
        "github.com/golang/protobuf/proto",
      ]) {
        if (!existsSync(join(GOCODE, dep))) throw new Error(`${dep} missing`);
      }
    },
  );
}

/** Builds tfcore (fast when warm) and returns the binary's path. */
export function buildTfcore(): string {
  const out = execFileSync("bash", [join(ROOT, "test", "terraform-core", "build.sh")], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 300_000,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return out.trim().split("\n").pop()!;
}

/**
 * dist/terraform-provider-ferry, built once with `npm run build` when it is missing.
 * FERRY_TF_PROVIDER names another executable (e.g. a copy of a known build).
 */
export function providerExecutable(): string {
  const override = process.env.FERRY_TF_PROVIDER;
  if (override) return override;
  if (!existsSync(PROVIDER_EXE)) {
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit", timeout: 300_000 });
  }
  return PROVIDER_EXE;
}

export interface Diagnostic {
  severity: "error" | "warning";
  summary: string;
  detail?: string;
  address?: string;
  attribute?: string;
}

export interface PlannedChange {
  address: string;
  action: "create" | "update" | "replace" | "delete" | "no-op";
  requires_replace?: string[];
  replaced_by?: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changed?: string[];
}

export interface Report {
  command: string;
  ok: boolean;
  changes: PlannedChange[];
  drift: { address: string; action: string; attributes?: string[] }[];
  applied: string[];
  diagnostics: Diagnostic[];
  rpcs: string[];
  launches: number;
}

export interface RunResult {
  code: number;
  report: Report;
  stderr: string;
  /** Provider processes started, by walk, in order. */
  providers: { walk: string; pid: number }[];
}

export interface Workspace {
  dir: string;
  statePath: string;
  /** Replaces the configuration: main.tf.json or main.tf (the other one is removed). */
  write(config: ConfigDoc, format: "json" | "hcl"): void;
  run(args: string[], opts?: RunOptions): Promise<RunResult>;
  state(): StateDoc;
  remove(): void;
}

export interface RunOptions {
  /** Called for each provider start (tfcore's stderr line), e.g. to kill it at a chosen moment. */
  onProvider?: (p: { walk: string; pid: number }) => void;
  env?: Record<string, string>;
}

export interface StateDoc {
  version: number;
  serial: number;
  resources: {
    type: string;
    name: string;
    instances: { attributes: Record<string, unknown>; private?: string; dependencies?: string[] }[];
  }[];
}

/** A configuration: provider settings and resources, each attribute a literal or a `${ref}`. */
export interface ConfigDoc {
  provider: Record<string, unknown>;
  resources: { type: string; name: string; attrs: Record<string, unknown>; dependsOn?: string[] }[];
}

export function workspace(tfcore: string, provider: string): Workspace {
  const dir = mkdtempSync(join(process.env.TMPDIR ?? tmpdir(), "ferry-tfcore-"));
  const statePath = join(dir, "terraform.tfstate");
  return {
    dir,
    statePath,
    write(config, format) {
      rmSync(join(dir, "main.tf"), { force: true });
      rmSync(join(dir, "main.tf.json"), { force: true });
      if (format === "json") writeFileSync(join(dir, "main.tf.json"), tfJson(config));
      else writeFileSync(join(dir, "main.tf"), tfHcl(config));
    },
    run: (args, opts) => runTfcore(tfcore, provider, dir, statePath, args, opts),
    state: () => JSON.parse(readFileSync(statePath, "utf8")) as StateDoc,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function runTfcore(
  tfcore: string,
  provider: string,
  dir: string,
  statePath: string,
  args: string[],
  opts: RunOptions = {},
): Promise<RunResult> {
  const [command, ...rest] = args;
  const argv = [
    "-provider",
    provider,
    "-config",
    dir,
    "-state",
    statePath,
    "-json",
    ...rest.filter((a) => a.startsWith("-")),
    command!,
    ...rest.filter((a) => !a.startsWith("-")),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(tfcore, argv, {
      cwd: dir,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const providers: { walk: string; pid: number }[] = [];
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    createInterface({ input: child.stderr }).on("line", (line) => {
      stderr += line + "\n";
      const m = /^tfcore: provider started walk=(\S+) pid=(\d+)/.exec(line);
      if (m) {
        const p = { walk: m[1]!, pid: Number(m[2]) };
        providers.push(p);
        opts.onProvider?.(p);
      }
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`tfcore ${args.join(" ")} did not finish in 90 s; stderr:\n${stderr}`));
    }, 90_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      let report: Report;
      try {
        report = JSON.parse(stdout) as Report;
      } catch {
        reject(
          new Error(
            `tfcore ${args.join(" ")} exited ${code} without a report; stderr:\n${stderr}\nstdout:\n${stdout}`,
          ),
        );
        return;
      }
      resolve({ code: code ?? -1, report, stderr, providers });
    });
  });
}

// ---- configuration writers ----

/** JSON syntax as cdktf synthesises it: "//" metadata, the provider as an array, refs as "${…}". */
export function tfJson(c: ConfigDoc): string {
  const resource: Record<string, Record<string, unknown>> = {};
  for (const r of c.resources) {
    resource[r.type] ??= {};
    resource[r.type]![r.name] = {
      ...r.attrs,
      ...(r.dependsOn ? { depends_on: r.dependsOn } : {}),
      "//": { metadata: { path: `stack/${r.name}`, uniqueId: r.name } },
    };
  }
  return JSON.stringify(
    {
      "//": { metadata: { backend: "local", stackName: "ferry", version: "0.21.0" } },
      terraform: { required_providers: { ferry: { source: "ferry-iac/ferry", version: "0.1.0" } } },
      provider: { ferry: [c.provider] },
      resource,
    },
    null,
    2,
  );
}

/** Native syntax: references become bare traversals when a whole value is one reference. */
export function tfHcl(c: ConfigDoc): string {
  const lines = [
    "terraform {",
    "  required_providers {",
    '    ferry = { source = "ferry-iac/ferry" }',
    "  }",
    "}",
    "",
    'provider "ferry" {',
  ];
  lines.push(...hclBody(c.provider, "  "), "}");
  for (const r of c.resources) {
    lines.push("", `resource "${r.type}" "${r.name}" {`, ...hclBody(r.attrs, "  "));
    if (r.dependsOn) lines.push(`  depends_on = [${r.dependsOn.join(", ")}]`);
    lines.push("}");
  }
  return lines.join("\n") + "\n";
}

function hclBody(attrs: Record<string, unknown>, indent: string): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && typeof v === "object" && !Array.isArray(v) && PROVIDER_BLOCKS.has(k)) {
      out.push(`${indent}${k} {`, ...hclBody(v as Record<string, unknown>, indent + "  "), `${indent}}`);
    } else {
      out.push(`${indent}${k} = ${hclValue(v)}`);
    }
  }
  return out;
}

function hclValue(v: unknown): string {
  if (typeof v === "string") {
    const whole = /^\$\{([a-z0-9_.]+)\}$/.exec(v);
    if (whole) return whole[1]!;
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map(hclValue).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    // Keys that are not identifiers (a map's "1") are written quoted.
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k)} = ${hclValue(x)}`)
      .join(", ")} }`;
  }
  return JSON.stringify(v);
}
