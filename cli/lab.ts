/**
 * `ferry lab [--inventory FILE] [--json] [--port N] [--danube-inventory FILE] [--danube-port N]
 * [--velostrata-inventory FILE] [--velostrata-port N]`: starts
 * the lab simulators on loopback, prints their endpoints, credentials and the environment to export,
 * and runs until SIGINT or SIGTERM.
 * Exit codes: 0 after a clean stop, 2 for bad arguments or a bad inventory, 1 when the lab cannot start.
 */
import { readFile } from "node:fs/promises";
import * as z from "zod";
import { DanubeInventoryError, InventoryError, startLab, VelostrataInventoryError } from "../lab/index.ts";

const USAGE =
  "usage: ferry lab [--inventory FILE] [--json] [--port N] [--danube-inventory FILE] [--danube-port N]\n" +
  "                 [--velostrata-inventory FILE] [--velostrata-port N]\n";

export interface LabCliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Resolves when the lab should stop; SIGINT or SIGTERM by default. */
  untilStopped?: () => Promise<unknown>;
}

const portSchema = z.coerce.number().int().min(0).max(65535);

interface LabArgs {
  inventoryPath?: string;
  json: boolean;
  port?: number;
  danubeInventoryPath?: string;
  danubePort?: number;
  velostrataInventoryPath?: string;
  velostrataPort?: number;
}

export async function runLab(
  argv: string[],
  io: LabCliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const fail = (message: string, code = 2) => {
    io.stderr.write(`ferry lab: ${message}\n`);
    return code;
  };

  const parsed = parseArgs(argv);
  if ("help" in parsed) {
    io.stdout.write(USAGE);
    return 0;
  }
  if ("error" in parsed) return fail(`${parsed.error}\n${USAGE}`);

  const inventory = parsed.inventoryPath !== undefined ? await readJson(parsed.inventoryPath) : undefined;
  if (inventory && "error" in inventory) return fail(inventory.error);
  const danubeInventory =
    parsed.danubeInventoryPath !== undefined ? await readJson(parsed.danubeInventoryPath) : undefined;
  if (danubeInventory && "error" in danubeInventory) return fail(danubeInventory.error);
  const velostrataInventory =
    parsed.velostrataInventoryPath !== undefined ? await readJson(parsed.velostrataInventoryPath) : undefined;
  if (velostrataInventory && "error" in velostrataInventory) return fail(velostrataInventory.error);

  let lab: Awaited<ReturnType<typeof startLab>>;
  try {
    lab = await startLab({
      ...(inventory !== undefined ? { inventory: inventory.value } : {}),
      ...(parsed.port !== undefined ? { port: parsed.port } : {}),
      ...(danubeInventory !== undefined ? { danubeInventory: danubeInventory.value } : {}),
      ...(parsed.danubePort !== undefined ? { danubePort: parsed.danubePort } : {}),
      ...(velostrataInventory !== undefined ? { velostrataInventory: velostrataInventory.value } : {}),
      ...(parsed.velostrataPort !== undefined ? { velostrataPort: parsed.velostrataPort } : {}),
    });
  } catch (error) {
    if (error instanceof InventoryError) {
      return fail(`invalid inventory ${parsed.inventoryPath}:\n${error.message}`);
    }
    if (error instanceof DanubeInventoryError) {
      return fail(`invalid Danube inventory ${parsed.danubeInventoryPath}:\n${error.message}`);
    }
    if (error instanceof VelostrataInventoryError) {
      return fail(`invalid Velostrata inventory ${parsed.velostrataInventoryPath}:\n${error.message}`);
    }
    return fail(`cannot start the lab: ${error instanceof Error ? error.message : String(error)}`, 1);
  }

  const { url, apiKey, secretKey } = lab.cloudstack;
  if (parsed.json) {
    const m = lab.manila;
    io.stdout.write(
      `${JSON.stringify({
        cloudstack: { url, apiKey, secretKey },
        manila: {
          url: m.url,
          token: m.token,
          project: m.project,
          authUrl: m.authUrl,
          username: m.username,
          password: m.password,
        },
        danube: {
          url: lab.danube.url,
          username: lab.danube.username,
          password: lab.danube.password,
          apiKey: lab.danube.apiKey,
        },
        velostrata: {
          url: lab.velostrata.url,
          user: lab.velostrata.user,
          subscriptionId: lab.velostrata.subscriptionId,
          apiVersion: lab.velostrata.apiVersion,
        },
      })}\n`,
    );
  } else {
    io.stdout.write(
      humanBanner(url, apiKey, secretKey) +
        danubeBanner(lab.danube) +
        velostrataBanner(lab.velostrata) +
        manilaBanner(lab.manila),
    );
  }

  await (io.untilStopped ?? untilSignal)();
  await lab.stop();
  if (!parsed.json) io.stdout.write("ferry lab: stopped\n");
  return 0;
}

function parseArgs(argv: string[]): LabArgs | { help: true } | { error: string } {
  const args: LabArgs = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--json":
        args.json = true;
        break;
      case "--inventory": {
        const path = value();
        if (!path) return { error: "--inventory needs a FILE" };
        args.inventoryPath = path;
        break;
      }
      case "--port": {
        const port = portSchema.safeParse(value());
        if (!port.success) return { error: "--port needs a number from 0 to 65535" };
        args.port = port.data;
        break;
      }
      case "--danube-inventory": {
        const path = value();
        if (!path) return { error: "--danube-inventory needs a FILE" };
        args.danubeInventoryPath = path;
        break;
      }
      case "--danube-port": {
        const port = portSchema.safeParse(value());
        if (!port.success) return { error: "--danube-port needs a number from 0 to 65535" };
        args.danubePort = port.data;
        break;
      }
      case "--velostrata-inventory": {
        const path = value();
        if (!path) return { error: "--velostrata-inventory needs a FILE" };
        args.velostrataInventoryPath = path;
        break;
      }
      case "--velostrata-port": {
        const port = portSchema.safeParse(value());
        if (!port.success) return { error: "--velostrata-port needs a number from 0 to 65535" };
        args.velostrataPort = port.data;
        break;
      }
      case "--help":
      case "-h":
        return { help: true };
      default:
        return { error: `unknown argument "${arg}"` };
    }
  }
  return args;
}

function humanBanner(url: string, apiKey: string, secretKey: string): string {
  const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;
  return [
    "ferry lab: simulators running on loopback",
    "",
    `CloudStack  ${url}`,
    `  api key     ${apiKey}`,
    `  secret key  ${secretKey}`,
    "",
    "# for ferry and the CloudStack SDKs:",
    `export CLOUDSTACK_API_URL=${quote(url)}`,
    `export CLOUDSTACK_API_KEY=${quote(apiKey)}`,
    `export CLOUDSTACK_SECRET_KEY=${quote(secretKey)}`,
    "# for Debian's cs client:",
    `export CLOUDSTACK_ENDPOINT=${quote(url)}`,
    `export CLOUDSTACK_KEY=${quote(apiKey)}`,
    `export CLOUDSTACK_SECRET=${quote(secretKey)}`,
    "",
    "",
  ].join("\n");
}

function manilaBanner(m: Awaited<ReturnType<typeof startLab>>["manila"]): string {
  const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;
  return [
    `Manila      ${m.url}  (share servers; migration API 2.57+)`,
    `  token       ${m.token}  (noauth style)`,
    `  keystone    ${m.authUrl}  (user ${m.username}, password ${m.password}, project admin)`,
    "",
    "# for ferry (fixed endpoint + token):",
    `export MANILA_ENDPOINT=${quote(m.url)}`,
    `export OS_TOKEN=${quote(m.token)}`,
    "# or through Keystone:",
    `export OS_AUTH_URL=${quote(m.authUrl)} OS_USERNAME=${m.username} OS_PASSWORD=${quote(m.password)} OS_PROJECT_NAME=admin`,
    "",
    "Stop with Ctrl-C (SIGINT) or SIGTERM.",
    "",
  ].join("\n");
}

/** A JSON file's content, or the message saying why it cannot be read. */
async function readJson(path: string): Promise<{ value: unknown } | { error: string }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return {
      error: `cannot read inventory ${path}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      error: `inventory ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function danubeBanner(d: Awaited<ReturnType<typeof startLab>>["danube"]): string {
  const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;
  return [
    `Danube Cloud ${d.url}  (VMs, nodes, replicas; serves Danube's es client too)`,
    `  user        ${d.username}, password ${d.password}`,
    `  api key     ${d.apiKey}`,
    "",
    "# for ferry:",
    `export ES_API_URL=${quote(d.url)}`,
    `export ES_API_KEY=${quote(d.apiKey)}`,
    `# for Danube's es (bin/es): set API_URL = ${quote(d.url)} in its configuration block (or start the`,
    "# lab with --danube-port 8000, es' default), then ES_API_KEY above or",
    `#   es login -username ${d.username} -password ${quote(d.password)}`,
    "",
    "",
  ].join("\n");
}

function velostrataBanner(v: Awaited<ReturnType<typeof startLab>>["velostrata"]): string {
  const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;
  return [
    `Velostrata ${v.url}/velostrata/api/${v.apiVersion}/  (a manager: VMs in the cloud, detach tasks)`,
    `  user        ${v.user}, password (subscription id) ${v.subscriptionId}`,
    "",
    "# for ferry:",
    `export VELOSTRATA_URL=${quote(v.url)}`,
    `export VELOSTRATA_SUBSCRIPTION_ID=${quote(v.subscriptionId)}`,
    `export VELOSTRATA_API_VERSION=${quote(v.apiVersion)}`,
    "",
    "",
  ].join("\n");
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
