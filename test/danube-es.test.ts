/**
 * Danube Cloud's own command-line client, `es` (erigones/esdc-ce bin/es), against the Danube lab —
 * with ferry planning on the same lab in between: what a user rehearses with the tool they know.
 *
 * `es` is in neither npm nor Debian, so this runs where FERRY_ES_CLI names a copy of bin/es (or `es`
 * is on the PATH) and python3 has `requests` (Debian: python3-requests); elsewhere it is skipped with
 * that reason. `es` keeps its API URL and token file in its own configuration block (no variables),
 * so the test runs a copy of it, in a temporary directory, with those two lines pointed at the lab.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DanubeLab, startDanubeLab } from "../lab/danube/index.ts";
import { DanubeClient } from "../provider/danube/client.ts";
import { danubeSettingsSchema } from "../provider/danube/settings.ts";
import { vmReplica } from "../provider/danube/vm-replica.ts";
import { planResource, parseSpec, readResource } from "../provider/engine/resource.ts";

function findEs(): { path?: string; skip?: string } {
  const path =
    process.env.FERRY_ES_CLI ??
    (() => {
      try {
        return execFileSync("sh", ["-c", "command -v es"], { encoding: "utf8" }).trim() || undefined;
      } catch {
        return undefined;
      }
    })();
  const reason =
    "Danube's `es` client is not available: set FERRY_ES_CLI to erigones/esdc-ce's bin/es (python3 with python3-requests) to run it against the lab";
  if (!path) return { skip: reason };
  try {
    if (!/Danube Cloud API/.test(readFileSync(path, "utf8").slice(0, 400)))
      return { skip: `${path} is not Danube's es; ${reason}` };
    execFileSync("python3", ["-c", "import requests"], { stdio: "ignore", timeout: 20_000 });
  } catch {
    return { skip: `python3 with requests is missing; ${reason}` };
  }
  return { path };
}

const es = findEs();
if (es.skip) console.warn(`skipping: ${es.skip}`);

interface EsOut {
  code: number;
  out: { method: string; url: string; status: number; text: Record<string, unknown> };
  stderr: string;
}

describe.skipIf(!es.path)("Danube's es client against the lab", () => {
  let lab: DanubeLab;
  let dir: string;
  let script: string;
  let client: DanubeClient;

  function run(args: string[], env: Record<string, string> = {}): Promise<EsOut> {
    return new Promise((resolve, reject) => {
      execFile(
        "python3",
        [script, ...args],
        { env: { ...process.env, ...env }, timeout: 60_000 },
        (err, stdout, stderr) => {
          const code = err ? ((err as { code?: number }).code ?? -1) : 0;
          try {
            resolve({ code: typeof code === "number" ? code : -1, out: JSON.parse(stdout), stderr });
          } catch {
            reject(new Error(`es ${args.join(" ")}: ${stdout}\n${stderr}`));
          }
        },
      );
    });
  }

  beforeAll(async () => {
    lab = await startDanubeLab({ taskMs: 400, streamNapMs: 100 });
    dir = mkdtempSync(join(tmpdir(), "ferry-es-"));
    script = join(dir, "es");
    const original = readFileSync(es.path!, "utf8");
    writeFileSync(
      script,
      original
        .replace(/^API_URL = .*$/m, `API_URL = ${JSON.stringify(lab.url)}`)
        .replace(/^TOKEN_STORE = .*$/m, `TOKEN_STORE = ${JSON.stringify(join(dir, "esdc.session"))}`),
    );
    client = new DanubeClient(danubeSettingsSchema.parse({ api_url: lab.url, api_key: lab.apiKey }));
  });

  afterAll(async () => {
    await lab?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const spec = (extra: Record<string, unknown> = {}) =>
    parseSpec(vmReplica, { vm: "web01.lab", repname: "dr1", replica_node: "node02.lab", ...extra });

  it("es login keeps the token; es get reads the task envelope; a bad API key is Danube's 403", async () => {
    const login = await run(["login", "-username", lab.username, "-password", lab.password]);
    expect(login.code).toBe(0);
    expect(login.out.text).toMatchObject({ detail: "Welcome to Danube Cloud API." });
    const vms = await run(["get", "/vm/"]);
    expect(vms.out.status).toBe(200);
    expect(vms.out.text.result).toEqual(["app01.lab", "db01.lab", "web01.lab", "zone01.lab"]);
    const bad = await run(["get", "/vm/"], { ES_API_KEY: "nope" });
    expect([bad.code, bad.out.status, bad.out.text]).toEqual([1, 403, { detail: "Invalid API key" }]);
  });

  it("es create waits on the streamed task (ES-STREAM) and prints its result; ferry then finds nothing to do", async () => {
    const r = await run(["create", "/vm/web01.lab/replica/dr1", "-node", "node02.lab", "-sleep_time", "60"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Waiting for pending task 1e1d1-/);
    expect(r.out.status).toBe(200);
    expect(r.out.text).toMatchObject({
      status: "SUCCESS",
      result: { message: "Server replica was successfully initialized" },
    });
    expect(lab.calls.find((c) => c.operation === "vm_replica_create")).toMatchObject({
      stream: true,
      auth: "token",
    });
    const { plan } = await planResource(vmReplica, client, spec());
    expect(plan.steps).toEqual([]);
  });

  it("a failover with es: ferry's refresh shows the swap; es reinit; ferry in sync with the new roles", async () => {
    const before = (await readResource(vmReplica, client, spec())).outputs.vm_uuid;
    const f = await run(["set", "/vm/web01.lab/replica/dr1/failover", "-force", "false"], {
      ES_API_KEY: lab.apiKey,
    });
    expect(f.out.text).toMatchObject({
      result: { message: "Server replica was successfully promoted to master" },
    });
    const read = await readResource(vmReplica, client, spec());
    expect(read.outputs).toMatchObject({
      current_master_node: "node02.lab",
      current_replica_node: "node01.lab",
      reinit_required: true,
    });
    expect(read.outputs.vm_uuid).not.toBe(before);
    const accepted = spec({ master_node: "node02.lab", replica_node: "node01.lab" });
    expect((await planResource(vmReplica, client, accepted)).plan.steps.map((s) => s.step.operation)).toEqual(
      ["vm_replica_reinit"],
    );
    const again = await run(["set", "/vm/web01.lab/replica/dr1/failover"]);
    expect([again.code, again.out.status, again.out.text]).toEqual([
      1,
      428,
      { detail: "Reinitialization is required" },
    ]);
    const reinit = await run(["set", "/vm/web01.lab/replica/dr1/reinit"]);
    expect(reinit.out.status).toBe(200);
    expect((await planResource(vmReplica, client, accepted)).plan.steps).toEqual([]);
  });

  it("es delete, then ferry plans a create again", async () => {
    const d = await run(["delete", "/vm/web01.lab/replica/dr1"]);
    expect(d.out.text).toMatchObject({ result: { message: "Server replica was successfully destroyed" } });
    const { plan } = await planResource(
      vmReplica,
      client,
      spec({ master_node: "node02.lab", replica_node: "node01.lab" }),
    );
    expect(plan.steps.map((s) => s.step.operation)).toEqual(["vm_replica_create"]);
    const logout = await run(["logout"]);
    expect(logout.out.text).toEqual({ detail: "Bye." });
  });
});
