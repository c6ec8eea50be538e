/**
 * terraform-provider-ferry: the entry point terraform launches (3–4 times per command).
 *
 * Start-up is kept short: the gRPC services come from a descriptor generated at build time, the
 * certificate is written by hand, and the provider itself (kinds, backends, zod, HTTP) is loaded
 * right after the handshake line is out, while terraform connects.
 */
import { existsSync, unlinkSync } from "node:fs";
import * as grpc from "@grpc/grpc-js";
import { fromJSON } from "@grpc/proto-loader";
import { descriptor } from "./descriptor.gen.ts";
import {
  cookieValid,
  handshakeLine,
  type ListenAddress,
  listenAddress,
  NOT_A_PLUGIN_MESSAGE,
  negotiateVersion,
} from "./handshake.ts";
import { terraformLogger } from "./log.ts";
import { generateServerCertificate, handshakeCertField } from "./tls.ts";

type Provider = import("./server.ts").TerraformProvider;

const LOAD_OPTIONS = { keepCase: true, longs: Number, enums: Number, defaults: true, oneofs: true };

/** Methods of tfplugin6.Provider ferry serves; every other RPC answers UNIMPLEMENTED. */
const PROVIDER_METHODS = {
  GetProviderSchema: (p: Provider) => p.getProviderSchema(),
  ValidateProviderConfig: (p: Provider, r: never) => p.validateProviderConfig(r),
  ValidateResourceConfig: (p: Provider, r: never) => p.validateResourceConfig(r),
  UpgradeResourceState: (p: Provider, r: never) => p.upgradeResourceState(r),
  ConfigureProvider: (p: Provider, r: never) => p.configureProvider(r),
  ReadResource: (p: Provider, r: never) => p.readResource(r),
  PlanResourceChange: (p: Provider, r: never) => p.planResourceChange(r),
  ApplyResourceChange: (p: Provider, r: never) => p.applyResourceChange(r),
  ImportResourceState: (p: Provider, r: never) => p.importResourceState(r),
  StopProvider: (p: Provider) => p.stopProvider(),
} as const;

async function bind(
  server: grpc.Server,
  addr: ListenAddress,
  creds: grpc.ServerCredentials,
): Promise<string> {
  const bindAsync = (target: string) =>
    new Promise<number>((resolve, reject) =>
      server.bindAsync(target, creds, (err, port) => (err ? reject(err) : resolve(port))),
    );
  if (addr.network === "unix") {
    await bindAsync(`unix:${addr.path}`);
    return addr.path;
  }
  for (let port = addr.minPort; port <= addr.maxPort; port++) {
    try {
      await bindAsync(`${addr.host}:${port}`);
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

  const pkg = fromJSON(descriptor as unknown as Parameters<typeof fromJSON>[0], LOAD_OPTIONS);
  const service = (name: string) => pkg[name] as grpc.ServiceDefinition;
  const server = new grpc.Server({ "grpc.max_receive_message_length": 256 << 20 });

  const handlers: grpc.UntypedServiceImplementation = {};
  for (const [name, fn] of Object.entries(PROVIDER_METHODS)) {
    handlers[name] = (
      call: grpc.ServerUnaryCall<unknown, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) => {
      log.debug("rpc", { method: name });
      provider()
        .then((p) => (fn as (p: Provider, r: unknown) => unknown)(p, call.request))
        .then(
          (res) => callback(null, res),
          (e: unknown) =>
            callback({ code: grpc.status.INTERNAL, details: e instanceof Error ? e.message : String(e) }),
        );
    };
  }
  server.addService(service("tfplugin6.Provider"), handlers);

  server.addService(service("grpc.health.v1.Health"), {
    Check: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, { status: 1 }),
    Watch: (call: grpc.ServerWritableStream<unknown, unknown>) => call.write({ status: 1 }),
  });

  let address: ListenAddress | undefined;
  const exit = (code: number) => {
    server.forceShutdown();
    if (address?.network === "unix" && existsSync(address.path)) {
      try {
        unlinkSync(address.path);
      } catch {
        // already gone
      }
    }
    process.exit(code);
  };
  server.addService(service("plugin.GRPCController"), {
    Shutdown: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => {
      log.debug("shutdown requested");
      cb(null, {});
      setTimeout(() => exit(0), 5);
    },
  });
  // ferry writes its logs to stderr itself; the stdio stream stays open and silent.
  server.addService(service("plugin.GRPCStdio"), {
    StreamStdio: () => {},
  });
  server.addService(service("plugin.GRPCBroker"), {
    StartStream: (call: grpc.ServerDuplexStream<unknown, unknown>) => {
      call.on("data", () => {});
      call.on("end", () => call.end());
    },
  });

  const clientCert = env["PLUGIN_CLIENT_CERT"];
  const tlsDisabled = env["TF_DISABLE_PLUGIN_TLS"] !== undefined && env["TF_DISABLE_PLUGIN_TLS"] !== "";
  let certField = "";
  let creds = grpc.ServerCredentials.createInsecure();
  if (clientCert && !tlsDisabled) {
    const cert = generateServerCertificate();
    creds = grpc.ServerCredentials.createSsl(
      Buffer.from(clientCert),
      [{ private_key: Buffer.from(cert.keyPem), cert_chain: Buffer.from(cert.certPem) }],
      true,
    );
    certField = handshakeCertField(cert.der);
  }

  address = listenAddress(env);
  const where = await bind(server, address, creds);
  process.stdout.write(handshakeLine(version, address.network, where, certField));
  log.debug("plugin started", {
    ms: Math.round((performance.now() - started) * 10) / 10,
    network: address.network,
    tls: certField !== "",
  });
  // Load the provider while terraform connects; its first call is GetProviderSchema.
  setImmediate(() => {
    provider().catch((e: unknown) => log.error("loading the provider failed", { error: String(e) }));
  });
  for (const sig of ["SIGTERM", "SIGHUP"] as const) process.on(sig, () => exit(0));
}

main().catch((e: unknown) => {
  process.stderr.write(`terraform-provider-ferry: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
