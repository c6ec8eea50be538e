/**
 * terraform itself, where a `terraform` CLI is on the PATH (it cannot be installed from the registries
 * these machines reach, so it is never a test dependency). Tests that use it run whenever it is there —
 * CI included — and say they skipped when it is not; the Go harness (test/terraform-core) keeps
 * running everywhere.
 *
 * A workspace is a temporary directory with a CLI configuration that installs ferry from the unpacked
 * filesystem mirror `npm run build` writes (dist/mirror), and nothing from the network: the same
 * way a user installs a provider that is not on a registry.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const MIRROR = join(ROOT, "dist", "mirror");
/** The source address every configuration uses (OpenTofu's default registry differs: always in full). */
export const PROVIDER_SOURCE = "registry.terraform.io/ferry-iac/ferry";

export interface TerraformCli {
  available: boolean;
  /** "1.11.4" */
  version: string;
  /** Why the tests that need it are skipped. */
  skipReason: string;
}

function probe(): TerraformCli {
  try {
    const out = execFileSync("terraform", ["version", "-json"], {
      encoding: "utf8",
      timeout: 20_000,
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "ignore"],
    });
    const version = (JSON.parse(out) as { terraform_version?: string }).terraform_version ?? "unknown";
    return { available: true, version, skipReason: "" };
  } catch {
    return {
      available: false,
      version: "",
      skipReason:
        "no `terraform` CLI on the PATH: the tests that run terraform itself are skipped (test/terraform-core drives the provider with terraform's own Go libraries instead)",
    };
  }
}

let cached: TerraformCli | undefined;

/** Whether terraform is on the PATH; prints the skip reason once when it is not. */
export function terraformCli(): TerraformCli {
  if (!cached) {
    cached = probe();
    if (!cached.available) console.warn(`skipping: ${cached.skipReason}`);
  }
  return cached;
}

/** The `terraform { required_providers }` block every workspace configuration starts with. */
export const REQUIRED_PROVIDERS = `terraform {
  required_providers {
    ferry = { source = "${PROVIDER_SOURCE}" }
  }
}
`;

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface WorkspaceOptions {
  /** Files written into the workspace: name → content (`main.tf`, `lab.auto.tfvars` …). */
  files?: Record<string, string>;
  /** Extra environment for every command (e.g. CLOUDSTACK_API_URL of a lab). */
  env?: Record<string, string>;
  /** The filesystem mirror ferry is installed from (dist/mirror by default). */
  mirror?: string;
}

export class TerraformWorkspace {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;

  constructor(o: WorkspaceOptions = {}) {
    this.dir = mkdtempSync(join(tmpdir(), "ferry-tf-"));
    const cliConfig = join(this.dir, ".terraformrc");
    writeFileSync(
      cliConfig,
      `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(o.mirror ?? MIRROR)}
    include = ["registry.terraform.io/ferry-iac/*"]
  }
  direct {
    exclude = ["registry.terraform.io/ferry-iac/*"]
  }
}
`,
    );
    const env: NodeJS.ProcessEnv = { ...process.env };
    // Nothing of the developer's own terraform setup leaks in.
    for (const k of Object.keys(env)) if (k.startsWith("TF_")) delete env[k];
    this.env = {
      ...env,
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
      ...o.env,
    };
    for (const [name, content] of Object.entries(o.files ?? {})) this.write(name, content);
  }

  write(name: string, content: string): void {
    writeFileSync(join(this.dir, name), content);
  }

  read(name: string): string {
    return readFileSync(join(this.dir, name), "utf8");
  }

  /** Starts `terraform ARGS` in the workspace; the caller may signal the child (interruption tests). */
  spawn(args: string[], env: Record<string, string> = {}): ChildProcess {
    return spawn("terraform", args, {
      cwd: this.dir,
      env: { ...this.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  /** Runs `terraform ARGS` to its end (bounded by timeoutMs: the child is killed past it). */
  run(args: string[], o: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<RunResult> {
    const child = this.spawn(args, o.env);
    return collect(child, o.timeoutMs ?? 180_000, `terraform ${args.join(" ")}`);
  }

  /** Like run, but a non-zero exit throws with terraform's output. */
  async ok(args: string[], o: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<RunResult> {
    const r = await this.run(args, o);
    if (r.code !== 0)
      throw new Error(`terraform ${args.join(" ")} exited ${r.code ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
    return r;
  }

  init(): Promise<RunResult> {
    return this.ok(["init", "-no-color", "-input=false"]);
  }

  /** `terraform show -json [FILE]`, parsed. */
  async showJson(file?: string): Promise<Record<string, unknown>> {
    const r = await this.ok(["show", "-json", "-no-color", ...(file ? [file] : [])]);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Waits for the child's end; kills it (SIGKILL) when it outlives `timeoutMs`. */
export function collect(child: ChildProcess, timeoutMs: number, what: string): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${what} did not finish within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
