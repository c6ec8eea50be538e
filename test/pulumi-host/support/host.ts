/**
 * An engine stand-in for Pulumi's dynamic-provider host: it starts @pulumi/pulumi's own
 * `cmd/dynamic-provider` from the package root (as `pulumi up` runs `pulumi-resource-pulumi-nodejs`
 * from the program's directory), reads the port it prints, and calls it over gRPC with the client stubs
 * shipped in @pulumi/pulumi — Configure, Check, Diff, Create, Read, Update, Delete — as the engine does.
 * It also runs Pulumi programs under setMocks (run-program.ts) to capture the registrations, the
 * serialized provider included.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as providerGrpc from "@pulumi/pulumi/proto/provider_grpc_pb.js";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb.js";

const require = createRequire(import.meta.url);
const grpc = require("@grpc/grpc-js") as typeof grpcTypes;
const pb = require("@pulumi/pulumi/proto/provider_pb") as typeof providerPb;
const stubs = require("@pulumi/pulumi/proto/provider_grpc_pb") as typeof providerGrpc;
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as {
  Struct: { fromJavaScript(v: Record<string, unknown>): unknown };
};

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const PROJECT = "ferryproj";

export type Props = Record<string, unknown>;

export interface Registration {
  type: string;
  name: string;
  inputs: Props;
  /** additionalSecretOutputs of the registration: kept secret in state by the engine. */
  secretOutputs: string[];
  /** The registration's deleteBeforeReplace option; undefined when unset (the provider's diff decides). */
  deleteBeforeReplace: boolean | undefined;
}

/** Run a program under setMocks in a child process; resolves with its registrations by name. */
export function runProgram(
  program: string,
  args: unknown,
  opts: { preview?: boolean } = {},
): Promise<Map<string, Registration>> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [
        "bin/run-ts.mjs",
        "test/pulumi-host/support/run-program.ts",
        program,
        ...(opts.preview ? ["--preview"] : []),
      ],
      {
        cwd: ROOT,
        env: { ...process.env, FERRY_PROGRAM_ARGS: JSON.stringify(args) },
        timeout: 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`program failed: ${err.message}\n${stderr}`));
        const regs = new Map<string, Registration>();
        const options = new Map<string, { secrets: string[]; deleteBeforeReplace?: boolean }>();
        for (const line of stdout.split("\n")) {
          if (!line.startsWith("{")) continue;
          const r = JSON.parse(line) as Registration & {
            optionsOf?: string;
            secrets?: string[];
            deleteBeforeReplace?: boolean;
          };
          if (r.optionsOf !== undefined)
            options.set(r.optionsOf, {
              secrets: r.secrets ?? [],
              deleteBeforeReplace: r.deleteBeforeReplace,
            });
          else {
            const o = options.get(r.name);
            regs.set(r.name, {
              ...r,
              secretOutputs: o?.secrets ?? [],
              deleteBeforeReplace: o?.deleteBeforeReplace,
            });
          }
        }
        resolvePromise(regs);
      },
    );
  });
}

export interface HostError extends Error {
  code?: number;
  details?: string;
}

type Unary<Req, Res> = (req: Req, cb: (err: grpcTypes.ServiceError | null, res: Res) => void) => unknown;

/** One running dynamic-provider host and a gRPC client to it. */
export class Host {
  /** Lines the host printed after its port (what `pulumi up` shows), and its stderr. */
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: providerGrpc.ResourceProviderClient,
    readonly port: number,
  ) {}

  /** `cwd`: the program's directory (the package root by default); its @pulumi/pulumi runs the host. */
  static async start(env: NodeJS.ProcessEnv = {}, opts: { cwd?: string } = {}): Promise<Host> {
    const cwd = opts.cwd ?? ROOT;
    const child = spawn(
      process.execPath,
      // The engine passes its own address; the host ignores it but requires one.
      [
        createRequire(resolve(cwd, "program.js")).resolve("@pulumi/pulumi/cmd/dynamic-provider"),
        "127.0.0.1:1",
      ],
      {
        cwd,
        env: { ...process.env, PULUMI_NODEJS_PROJECT: PROJECT, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const stdout: string[] = [];
    const stderr: string[] = [];
    createInterface({ input: child.stderr! }).on("line", (l) => stderr.push(l));
    const port = await new Promise<number>((ok, fail) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        fail(new Error(`the host printed no port within 30 s: ${stderr.join("\n")}`));
      }, 30_000);
      let first = true;
      createInterface({ input: child.stdout! }).on("line", (line) => {
        if (first) {
          first = false;
          clearTimeout(timer);
          ok(Number(line.trim()));
        } else stdout.push(line);
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        fail(new Error(`the host exited (${code}) before printing its port: ${stderr.join("\n")}`));
      });
    });
    const client = new stubs.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const host = new Host(child, client, port);
    host.stdout.push(...stdout);
    createInterface({ input: child.stdout! }).on("line", (l) => host.stdout.push(l));
    child.stderr!.removeAllListeners("data");
    createInterface({ input: child.stderr! }).on("line", (l) => host.stderr.push(l));
    return host;
  }

  /**
   * The host's console from line `from` on, once it shows `pattern` (or after `timeoutMs`): its lines
   * come through a pipe and may arrive after the gRPC answer of the call that printed them.
   */
  async output(pattern: RegExp, from = 0, timeoutMs = 5_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.stdout.slice(from).join("\n");
      if (pattern.test(text) || Date.now() > deadline) return text;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private call<Req, Res>(method: Unary<Req, Res>, req: Req): Promise<Res> {
    return new Promise((ok, fail) => {
      method.call(this.client, req, (err, res) => (err ? fail(err) : ok(res)));
    });
  }

  async configure(config: Record<string, unknown>): Promise<void> {
    const req = new pb.ConfigureRequest();
    req.setArgs(Struct.fromJavaScript(config) as never);
    await this.call<typeof req, unknown>(this.client.configure as never, req);
  }

  async check(urn: string, olds: Props, news: Props) {
    const req = new pb.CheckRequest();
    req.setUrn(urn);
    req.setOlds(Struct.fromJavaScript(olds) as never);
    req.setNews(Struct.fromJavaScript(news) as never);
    const res = await this.call<typeof req, providerPb.CheckResponse>(this.client.check as never, req);
    return {
      inputs: (res.getInputs()?.toJavaScript() ?? {}) as Props,
      failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(urn: string, id: string, olds: Props, news: Props) {
    const req = new pb.DiffRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setOlds(Struct.fromJavaScript(olds) as never);
    req.setNews(Struct.fromJavaScript(news) as never);
    const res = await this.call<typeof req, providerPb.DiffResponse>(this.client.diff as never, req);
    const changes = res.getChanges();
    return {
      changes:
        changes === pb.DiffResponse.DiffChanges.DIFF_SOME
          ? "some"
          : changes === pb.DiffResponse.DiffChanges.DIFF_NONE
            ? "none"
            : "unknown",
      replaces: res.getReplacesList(),
      // only when set, so that tests comparing a diff of other kinds see what they always saw
      deleteBeforeReplace: res.getDeletebeforereplace() || undefined,
    };
  }

  async create(urn: string, props: Props) {
    const req = new pb.CreateRequest();
    req.setUrn(urn);
    req.setProperties(Struct.fromJavaScript(props) as never);
    const res = await this.call<typeof req, providerPb.CreateResponse>(this.client.create as never, req);
    return { id: res.getId(), props: (res.getProperties()?.toJavaScript() ?? {}) as Props };
  }

  async read(urn: string, id: string, props: Props) {
    const req = new pb.ReadRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setProperties(Struct.fromJavaScript(props) as never);
    const res = await this.call<typeof req, providerPb.ReadResponse>(this.client.read as never, req);
    return { id: res.getId(), props: (res.getProperties()?.toJavaScript() ?? {}) as Props };
  }

  async update(urn: string, id: string, olds: Props, news: Props) {
    const req = new pb.UpdateRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setOlds(Struct.fromJavaScript(olds) as never);
    req.setNews(Struct.fromJavaScript(news) as never);
    const res = await this.call<typeof req, providerPb.UpdateResponse>(this.client.update as never, req);
    return { props: (res.getProperties()?.toJavaScript() ?? {}) as Props };
  }

  async delete(urn: string, id: string, props: Props): Promise<void> {
    const req = new pb.DeleteRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setProperties(Struct.fromJavaScript(props) as never);
    await this.call<typeof req, unknown>(this.client.delete as never, req);
  }

  /** Stop the host as the engine does (SIGINT), SIGKILL after 5 s. */
  async stop(signal: NodeJS.Signals = "SIGINT"): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((ok) => {
      const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
      this.child.once("exit", () => {
        clearTimeout(timer);
        ok();
      });
      this.child.kill(signal);
    });
  }
}

export function urnOf(r: Registration): string {
  return `urn:pulumi:dev::${PROJECT}::${r.type}::${r.name}`;
}

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Whether a registered value is wrapped as a secret (Pulumi's wire format). */
export function isSecret(v: unknown): boolean {
  return typeof v === "object" && v !== null && (v as Props)[SIG] === SECRET_SIG;
}

/**
 * Registered inputs as the engine sends them to this host: it accepts no secrets (so they arrive
 * unwrapped) and no previews (unknown values arrive as the UNKNOWN string).
 */
export function toWire(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toWire);
  if (typeof v !== "object" || v === null) return v;
  const o = v as Props;
  if (o.__pulumiUnknown === true) return UNKNOWN;
  if (isSecret(o)) return toWire(o.value);
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, toWire(x)]));
}
