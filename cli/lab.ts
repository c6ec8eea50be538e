/**
 * `ferry lab [--inventory FILE] [--json] [--port N]`: starts the lab simulators on loopback, prints their
 * endpoints, credentials and the environment to export, and runs until SIGINT or SIGTERM.
 * Exit codes: 0 after a clean stop, 2 for bad arguments or a bad inventory, 1 when the lab cannot start.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { InventoryError, startLab } from "../lab/index.ts";

const USAGE = "usage: ferry lab [--inventory FILE] [--json] [--port N]\n";

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

  let inventory: unknown;
  if (parsed.inventoryPath !== undefined) {
    const path = parsed.inventoryPath;
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      return fail(`cannot read inventory ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      inventory = JSON.parse(text);
    } catch (error) {
      return fail(
        `inventory ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  let lab: Awaited<ReturnType<typeof startLab>>;
  try {
    lab = await startLab({
      ...(inventory !== undefined ? { inventory } : {}),
      ...(parsed.port !== undefined ? { port: parsed.port } : {}),
    });
  } catch (error) {
    if (error instanceof InventoryError) {
      return fail(`invalid inventory ${parsed.inventoryPath}:\n${error.message}`);
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
      })}\n`,
    );
  } else {
    io.stdout.write(humanBanner(url, apiKey, secretKey) + manilaBanner(lab.manila));
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
