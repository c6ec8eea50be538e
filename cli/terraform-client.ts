/**
 * A core-like client for the built provider executable: launches it with the environment terraform
 * core passes (magic cookie, PLUGIN_PROTOCOL_VERSIONS, PLUGIN_CLIENT_CERT), reads the handshake line,
 * and speaks gRPC over mTLS the way go-plugin does (the provider's certificate as the only root,
 * server name "localhost", our client certificate).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join, sep } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import { fromJSON } from "@grpc/proto-loader";
import { descriptor } from "../provider/terraform/descriptor.gen.ts";
import { MAGIC_COOKIE_VALUE } from "../provider/terraform/handshake.ts";
import { generateServerCertificate } from "../provider/terraform/tls.ts";

const here = fileURLToPath(new URL(".", import.meta.url));
/** Run from the compiled CLI (dist/esm/cli/) of an installed package, rather than from the sources. */
const COMPILED = here.endsWith(`${sep}dist${sep}esm${sep}cli${sep}`);
/**
 * The provider terraform would launch: from the sources, the executable `npm run build` writes
 * (dist/terraform-provider-ferry); from the installed package, the same entry compiled (run by node).
 */
export const EXECUTABLE = COMPILED
  ? join(here, "..", "provider", "terraform", "main.js")
  : join(here, "..", "dist", "terraform-provider-ferry");

const pkg = fromJSON(descriptor as unknown as Parameters<typeof fromJSON>[0], {
  keepCase: true,
  longs: Number,
  enums: Number,
  defaults: true,
  oneofs: true,
});
const loaded = grpc.loadPackageDefinition(pkg) as unknown as {
  tfplugin6: { Provider: grpc.ServiceClientConstructor };
  plugin: { GRPCController: grpc.ServiceClientConstructor };
  grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
};

export interface Launched {
  child: ChildProcess;
  line: string;
  fields: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the provider (`executable`: another build of it, started directly as terraform does). */
export function launch(
  env: NodeJS.ProcessEnv,
  timeoutMs = 15_000,
  executable?: string,
  executableArgs: string[] = [],
): Promise<Launched> {
  const [file, args] = executable
    ? [executable, executableArgs]
    : [COMPILED ? process.execPath : EXECUTABLE, COMPILED ? [EXECUTABLE] : []];
  const child = spawn(file, args, {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (l) => stderr.push(l));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no handshake line within ${timeoutMs} ms; stderr: ${stderr.join("\n")}`));
    }, timeoutMs);
    const rl = createInterface({ input: child.stdout! });
    rl.once("line", (line) => {
      clearTimeout(timer);
      resolve({ child, line, fields: line.split("|"), stderr, exited });
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`exited with ${code} before the handshake`), { code, stderr }));
    });
  });
}

export interface CoreLikeClient {
  launched: Launched;
  call<T = Record<string, unknown>>(method: string, request?: object): Promise<T>;
  health(): Promise<{ status: number }>;
  shutdown(): Promise<void>;
  /** A raw unary call (for RPCs the proto does not declare). */
  raw(path: string): Promise<grpc.ServiceError | null>;
  close(): void;
}

export function coreEnv(extra: NodeJS.ProcessEnv = {}): {
  env: NodeJS.ProcessEnv;
  client: { certPem: string; keyPem: string };
} {
  const client = generateServerCertificate(new Date(), "P-521");
  return {
    client,
    env: {
      PATH: process.env["PATH"],
      HOME: process.env["HOME"],
      TMPDIR: process.env["TMPDIR"],
      TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
      PLUGIN_MIN_PORT: "10000",
      PLUGIN_MAX_PORT: "25000",
      PLUGIN_PROTOCOL_VERSIONS: "5,6",
      PLUGIN_CLIENT_CERT: client.certPem,
      ...extra,
    },
  };
}

function pemOf(b64raw: string): string {
  const der = Buffer.from(b64raw, "base64");
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

export async function connect(
  extra: NodeJS.ProcessEnv = {},
  clientCert?: { certPem: string; keyPem: string },
  executable?: string,
): Promise<CoreLikeClient> {
  const { env, client } = coreEnv(extra);
  const launched = await launch(env, 15_000, executable);
  const [, , network, address, , cert] = launched.fields;
  const target = network === "unix" ? `unix://${address}` : `${address}`;
  const mine = clientCert ?? client;
  const creds =
    cert && cert.length > 50
      ? grpc.credentials.createSsl(
          Buffer.from(pemOf(cert)),
          Buffer.from(mine.keyPem),
          Buffer.from(mine.certPem),
        )
      : grpc.credentials.createInsecure();
  const options = { "grpc.ssl_target_name_override": "localhost", "grpc.default_authority": "localhost" };
  const provider = new loaded.tfplugin6.Provider(target, creds, options);
  const controller = new loaded.plugin.GRPCController(target, creds, options);
  const health = new loaded.grpc.health.v1.Health(target, creds, options);
  const raw = new grpc.Client(target, creds, options);
  const unary = <T>(c: grpc.Client, method: string, request: object): Promise<T> =>
    new Promise((resolve, reject) => {
      const fn = (c as unknown as Record<string, (...a: unknown[]) => void>)[method];
      if (!fn) return reject(new Error(`no method ${method}`));
      fn.call(c, request, { deadline: Date.now() + 60_000 }, (err: grpc.ServiceError | null, res: T) =>
        err ? reject(err) : resolve(res),
      );
    });
  return {
    launched,
    call: (method, request = {}) => unary(provider, method, request),
    health: () => unary(health, "Check", { service: "plugin" }),
    shutdown: async () => {
      await unary(controller, "Shutdown", {});
    },
    raw: (path) =>
      new Promise((resolve) => {
        raw.makeUnaryRequest(
          path,
          (b: Buffer) => b,
          (b: Buffer) => b,
          Buffer.alloc(0),
          { deadline: Date.now() + 10_000 },
          (err) => resolve(err),
        );
      }),
    close: () => {
      for (const c of [provider, controller, health, raw]) c.close();
      if (launched.child.exitCode === null) launched.child.kill("SIGKILL");
    },
  };
}
