// `ferry lab` as a real process: start, read its one JSON line, use the endpoint, SIGTERM, exit 0.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLab } from "../cli/lab.ts";
import { defaultInventory } from "./cloudstack/inventory.ts";
import { TestApi } from "./cloudstack/test-client.ts";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const cliUrl = new URL("../cli/lab.ts", import.meta.url).href;

/** Runs runLab(args) in a child node process (TypeScript through tsx). */
function spawnLab(args: string[]): ChildProcess {
  const script = `const { runLab } = await import(${JSON.stringify(cliUrl)}); process.exitCode = await runLab(process.argv.slice(1));`;
  return spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, "--", ...args], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function firstLine(child: ChildProcess, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(() => reject(new Error(`no output line within ${timeoutMs} ms`)), timeoutMs);
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      const newline = buffer.indexOf("\n");
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(buffer.slice(0, newline));
      }
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code} before printing a line`)));
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ferry-lab-cli-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("ferry lab (process)", () => {
  it("prints one JSON line with the endpoint, serves it, and exits 0 on SIGTERM", async () => {
    const child = spawnLab(["--json"]);
    const exit = exitOf(child);
    const line = await firstLine(child);
    const endpoint = JSON.parse(line) as { cloudstack: { url: string; apiKey: string; secretKey: string } };
    expect(Object.keys(endpoint)).toEqual(["cloudstack", "manila", "danube", "velostrata"]);
    expect(endpoint.cloudstack.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/client\/api$/);

    const volumes = await new TestApi(endpoint.cloudstack).list("listVolumes", "volume");
    expect(volumes).toHaveLength(10);

    child.kill("SIGTERM");
    const { code, stdout, stderr } = await exit;
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toEqual([line]);
    expect(stderr).toBe("");
  });

  it("exits 2 naming the path inside a bad inventory file", async () => {
    const inventory = defaultInventory();
    (inventory.volumes[2] as { pool: string | null }).pool = "ds-nowhere";
    const path = join(dir, "bad.json");
    await writeFile(path, JSON.stringify(inventory));
    const { code, stdout, stderr } = await exitOf(spawnLab(["--inventory", path, "--json"]));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(`invalid inventory ${path}`);
    expect(stderr).toContain("volumes[2].pool");
    expect(stderr).toContain('unknown storage pool "ds-nowhere"');
  });
});

describe("runLab (in process)", () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: {
        stdout: { write: (text: string) => out.push(text) },
        stderr: { write: (text: string) => err.push(text) },
        untilStopped: () => Promise.resolve(),
      },
    };
  };

  it("prints endpoints, credentials and the env lines for ferry and Debian's cs", async () => {
    const { out, io } = capture();
    expect(await runLab(["--port", "0"], io)).toBe(0);
    const text = out.join("");
    for (const name of [
      "CLOUDSTACK_API_URL",
      "CLOUDSTACK_API_KEY",
      "CLOUDSTACK_SECRET_KEY",
      "CLOUDSTACK_ENDPOINT",
      "CLOUDSTACK_KEY",
      "CLOUDSTACK_SECRET",
    ]) {
      expect(text).toMatch(new RegExp(`^export ${name}='[^']+'$`, "m"));
    }
    expect(text).toContain("/client/api");
    for (const name of ["ES_API_URL", "ES_API_KEY"])
      expect(text).toMatch(new RegExp(`^export ${name}='[^']+'$`, "m"));
    expect(text).toMatch(/es login -username admin/);
  });

  it("a Danube inventory of one's own, and the Danube API on a chosen port", async () => {
    const { defaultDanubeInventory } = await import("./danube/inventory.ts");
    const inv = defaultDanubeInventory();
    inv.users[0]!.apiKey = "danube-key";
    const path = join(dir, "danube.json");
    await writeFile(path, JSON.stringify(inv));
    const { out, io } = capture();
    expect(await runLab(["--danube-inventory", path, "--danube-port", "0", "--json"], io)).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({
      danube: {
        apiKey: "danube-key",
        username: "admin",
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api$/),
      },
    });

    (inv.replicas[0] as { node: string }).node = "node99.lab";
    await writeFile(path, JSON.stringify(inv));
    const bad = capture();
    expect(await runLab(["--danube-inventory", path], bad.io)).toBe(2);
    expect(bad.err.join("")).toContain(`invalid Danube inventory ${path}`);
    expect(bad.err.join("")).toContain("replicas.0.node: no node node99.lab");
  });

  it("a Velostrata manager in the banner and the JSON line; an inventory of one's own", async () => {
    const human = capture();
    expect(await runLab([], human.io)).toBe(0);
    const text = human.out.join("");
    expect(text).toMatch(/^Velostrata http:\/\/127\.0\.0\.1:\d+\/velostrata\/api\/v42\/ /m);
    expect(text).toContain("user        apiuser, password (subscription id) lab-subscription-0001");
    for (const name of ["VELOSTRATA_URL", "VELOSTRATA_SUBSCRIPTION_ID", "VELOSTRATA_API_VERSION"])
      expect(text).toMatch(new RegExp(`^export ${name}='[^']+'$`, "m"));

    const { defaultVelostrataInventory } = await import("./velostrata/inventory.ts");
    const inv = defaultVelostrataInventory();
    inv.subscriptionId = "my-subscription";
    const path = join(dir, "velostrata.json");
    await writeFile(path, JSON.stringify(inv));
    const { out, io } = capture();
    expect(await runLab(["--velostrata-inventory", path, "--velostrata-port", "0", "--json"], io)).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({
      velostrata: {
        user: "apiuser",
        subscriptionId: "my-subscription",
        apiVersion: "v42",
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      },
    });

    (inv.vms[1] as { migrationState: string }).migrationState = "Detachd";
    await writeFile(path, JSON.stringify(inv));
    const bad = capture();
    expect(await runLab(["--velostrata-inventory", path], bad.io)).toBe(2);
    expect(bad.err.join("")).toContain(`invalid Velostrata inventory ${path}`);
    expect(bad.err.join("")).toContain("vms.1.migrationState:");
  });

  it("starts from an inventory file", async () => {
    const path = join(dir, "good.json");
    const inventory = defaultInventory();
    inventory.settings.apiKey = "lab-key";
    inventory.settings.secretKey = "lab-secret";
    await writeFile(path, JSON.stringify(inventory));
    const { out, io } = capture();
    expect(await runLab(["--inventory", path, "--json"], io)).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ cloudstack: { apiKey: "lab-key", secretKey: "lab-secret" } });
  });

  it("exits 2 on unreadable files, bad JSON and bad arguments", async () => {
    const missing = capture();
    expect(await runLab(["--inventory", join(dir, "missing.json")], missing.io)).toBe(2);
    expect(missing.err.join("")).toContain("cannot read inventory");

    const path = join(dir, "not.json");
    await writeFile(path, "{ zones: ");
    const notJson = capture();
    expect(await runLab(["--inventory", path], notJson.io)).toBe(2);
    expect(notJson.err.join("")).toContain("is not valid JSON");

    const badPort = capture();
    expect(await runLab(["--port", "http"], badPort.io)).toBe(2);
    expect(badPort.err.join("")).toContain("--port");

    const unknown = capture();
    expect(await runLab(["--colour"], unknown.io)).toBe(2);
    expect(unknown.err.join("")).toContain('unknown argument "--colour"');
  });
});
