/**
 * terraform-provider-ferry: the entry point terraform launches (3–4 times per command).
 *
 * Start-up is kept short: gRPC is served by a small server on node:http2 with a protobuf codec
 * driven by a descriptor generated at build time, and the certificate is written by hand. The
 * provider itself (kinds, backends, zod, HTTP) takes most of a start to load. The bundle carries
 * GetProviderSchema's answer, encoded when it was built (FERRY_PROVIDER_SCHEMA): terraform's first
 * call is answered without it, one launch in each command (the one that reads the schemas) never
 * loads it, and the others load it at their first call that needs it. Run from dist/esm (no answer
 * built in), the provider is loaded right after the handshake line is out, while terraform connects.
 */
import { existsSync, unlinkSync } from "node:fs";
import { descriptor } from "./descriptor.gen.ts";
import { EncodedMessage, GrpcServer, type TlsOptions } from "./grpc.ts";
import {
  cookieValid,
  handshakeLine,
  type ListenAddress,
  listenAddress,
  NOT_A_PLUGIN_MESSAGE,
  negotiateVersion,
} from "./handshake.ts";
import { terraformLogger } from "./log.ts";
import { ProtoRegistry } from "./proto.ts";
import { generateServerCertificate, handshakeCertField } from "./tls.ts";

type Provider = import("./server.ts").TerraformProvider;

/** tfplugin6.GetProviderSchema.Response, encoded and base64'd, defined by the bundle's build. */
declare const FERRY_PROVIDER_SCHEMA: string | undefined;
const BUILT_SCHEMA =
  typeof FERRY_PROVIDER_SCHEMA === "string" ? Buffer.from(FERRY_PROVIDER_SCHEMA, "base64") : undefined;
type Request = Record<string, unknown>;

/** Methods of tfplugin6.Provider ferry serves; every other RPC answers UNIMPLEMENTED. */
const PROVIDER_METHODS: Record<string, (p: Provider, r: never) => unknown> = {
  GetProviderSchema: (p) => p.getProviderSchema(),
  ValidateProviderConfig: (p, r) => p.validateProviderConfig(r),
  ValidateResourceConfig: (p, r) => p.validateResourceConfig(r),
  UpgradeResourceState: (p, r) => p.upgradeResourceState(r),
  ConfigureProvider: (p, r) => p.configureProvider(r),
  ReadResource: (p, r) => p.readResource(r),
  PlanResourceChange: (p, r) => p.planResourceChange(r),
  ApplyResourceChange: (p, r) => p.applyResourceChange(r),
  ImportResourceState: (p, r) => p.importResourceState(r),
  StopProvider: (p) => p.stopProvider(),
};

async function listen(server: GrpcServer, addr: ListenAddress): Promise<string> {
  if (addr.network === "unix") {
    await server.listen({ path: addr.path });
    return addr.path;
  }
  for (let port = addr.minPort; port <= addr.maxPort; port++) {
    try {
      await server.listen({ host: addr.host, port });
      return `${addr.host}:${port}`;
    } catch {
      // taken: try the next one
    }
  }
  throw new Error(`no free port in ${addr.minPort}-${addr.maxPort}`);
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!cookieValid(env)) {
    process.stderr.write(NOT_A_PLUGIN_MESSAGE);
    process.exit(1);
  }
  const started = performance.now();
  // Go plugins ignore Ctrl-C: terraform receives it and calls StopProvider, then closes the provider.
  process.on("SIGINT", () => {});
  const log = terraformLogger(env);
  const version = negotiateVersion(env);

  let providerPromise: Promise<Provider> | undefined;
  const provider = () => {
    providerPromise ??= import("./server.ts").then((m) => new m.TerraformProvider({ env, log }));
    return providerPromise;
  };

  const clientCert = env["PLUGIN_CLIENT_CERT"];
  const tlsDisabled = env["TF_DISABLE_PLUGIN_TLS"] !== undefined && env["TF_DISABLE_PLUGIN_TLS"] !== "";
  let certField = "";
  let tls: TlsOptions | undefined;
  if (clientCert && !tlsDisabled) {
    const cert = generateServerCertificate();
    tls = { keyPem: cert.keyPem, certPem: cert.certPem, clientCaPem: clientCert };
    certField = handshakeCertField(cert.der);
  }

  const server = new GrpcServer(new ProtoRegistry(descriptor as never), tls);
  const handlers: Record<string, (r: Request) => Promise<unknown>> = {};
  for (const [name, fn] of Object.entries(PROVIDER_METHODS)) {
    handlers[name] = async (request) => {
      log.debug("rpc", { method: name });
      if (name === "GetProviderSchema" && BUILT_SCHEMA) return new EncodedMessage(BUILT_SCHEMA);
      return fn(await provider(), request as never);
    };
  }
  server.addService("tfplugin6.Provider", handlers);
  server.addService("grpc.health.v1.Health", {
    Check: () => ({ status: 1 }),
    Watch: { stream: (_req, s) => s.write({ status: 1 }) },
  });

  let address: ListenAddress | undefined;
  const exit = (code: number) => {
    server.close();
    if (address?.network === "unix" && existsSync(address.path)) {
      try {
        unlinkSync(address.path);
      } catch {
        // already gone
      }
    }
    process.exit(code);
  };
  server.addService("plugin.GRPCController", {
    Shutdown: () => {
      log.debug("shutdown requested");
      setTimeout(() => exit(0), 5);
      return {};
    },
  });
  // terraform gone (SIGKILLed, its machine's session closed): this process is re-parented. Nothing
  // would read its answers, so it stops at the next safe point — the waits are cancelled, no further
  // operation is issued — and exits; the next run carries on from what the API shows.
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    log.warn("terraform is gone: stopping at the next safe point; the next run carries on from the API");
    void (providerPromise ?? Promise.resolve(undefined)).then((p) => {
      p?.stopProvider();
      setTimeout(() => exit(0), 1000).unref();
    });
  }, 250);
  watch.unref();
  // ferry writes its logs to stderr itself: the stdio stream stays open and silent; the broker too.
  server.addService("plugin.GRPCStdio", { StreamStdio: { stream: () => {} } });
  server.addService("plugin.GRPCBroker", { StartStream: { stream: () => {} } });

  address = listenAddress(env);
  let where: string;
  try {
    where = await listen(server, address);
  } catch (e) {
    if (address.network !== "unix") throw e;
    // No unix socket here (a missing or unwritable directory, a path too long): tcp on loopback.
    log.warn("unix socket unavailable; listening on tcp", {
      error: e instanceof Error ? e.message : String(e),
    });
    address = listenAddress(env, "win32");
    where = await listen(server, address);
  }
  process.stdout.write(handshakeLine(version, address.network, where, certField));
  log.debug("plugin started", {
    ms: Math.round((performance.now() - started) * 10) / 10,
    network: address.network,
    tls: certField !== "",
  });
  // Without a built-in schema answer, load the provider while terraform connects: its first call is
  // GetProviderSchema.
  if (!BUILT_SCHEMA)
    setImmediate(() => {
      provider().catch((e: unknown) => log.error("loading the provider failed", { error: String(e) }));
    });
  for (const sig of ["SIGTERM", "SIGHUP"] as const) process.on(sig, () => exit(0));
}

main().catch((e: unknown) => {
  process.stderr.write(`terraform-provider-ferry: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
