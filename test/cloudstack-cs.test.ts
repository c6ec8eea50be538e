/**
 * A real peer for CloudStack signing: Debian's `cs` package (the `cloudstack` command and the
 * python3-cs library), an independent client. ferry's signer must produce the same signatures as it and
 * as the documented test vector. (That `cs` lists and runs async jobs against the lab is tested with the
 * lab: lab/cloudstack/cs-client.test.ts.)
 */
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VM_IDS } from "../lab/cloudstack/default-ids.ts";
import { type Lab, startLab } from "../lab/index.ts";
import { sign } from "../provider/cloudstack/sign.ts";
import { commandWorks, findPeer } from "./support/peers.ts";

const run = promisify(execFile);
const PYTHON = "/usr/bin/python3";
const cs = findPeer("Debian's cs package (cloudstack command, python3-cs)", () => {
  commandWorks("cloudstack", ["--help"])();
  commandWorks(PYTHON, ["-c", "import cs"])();
});

/** python3-cs's own signature for a parameter map. */
function pythonSign(params: Record<string, string>, secret: string): string {
  const script = [
    "import json, sys",
    "from cs.client import CloudStack",
    "p = json.loads(sys.argv[1])",
    "c = CloudStack(endpoint='http://127.0.0.1/client/api', key='k', secret=sys.argv[2])",
    "c._sign(p)",
    "print(p['signature'])",
  ].join("\n");
  return execFileSync(PYTHON, ["-c", script, JSON.stringify(params), secret], { encoding: "utf8" }).trim();
}

describe.skipIf(!cs.available)("Debian's cs client as a real peer", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ jobDurationMs: 100 });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  const env = () => ({
    ...process.env,
    CLOUDSTACK_ENDPOINT: lab.cloudstack.url,
    CLOUDSTACK_KEY: lab.cloudstack.apiKey,
    CLOUDSTACK_SECRET: lab.cloudstack.secretKey,
    HOME: process.env.HOME ?? "",
  });

  it.each([
    [
      "the documented vector",
      {
        apikey: "plgWJfZK4gyS3mOMTVmjUVg-X-jlWlnfaUJ9GAbBbf9EdM-kAYMmAiLqzzq1ElZLYq_u38zCm0bewzGUdP66mg",
        command: "listUsers",
        response: "json",
      },
    ],
    [
      "spaces and punctuation",
      { apikey: "k", command: "listVolumes", keyword: "web 01 (old)!", response: "json" },
    ],
    [
      "unicode and reserved characters",
      { apikey: "k", command: "listVolumes", name: "würfel/ä+b=c&d", response: "json" },
    ],
    [
      "signature version 3 with expiry",
      {
        apikey: "k",
        command: "detachVolume",
        id: VM_IDS["web-01"],
        signatureversion: "3",
        expires: "2031-01-01T00:00:00+0000",
        response: "json",
      },
    ],
    [
      "a star and a comma list",
      { apikey: "k", command: "listVolumes", ids: "a,b,c", keyword: "a*b", response: "json" },
    ],
  ])("ferry signs %s exactly as python3-cs does", (_name, params) => {
    const secret = "VDaACYb0LV9eNjTetIOElcVQkvJck_J_QljX_FcHRj87ZKiy0z0ty0ZsYBkoXkY9b7eq1EhwJaw7FF3akA3KBQ";
    expect(sign(params, secret)).toBe(pythonSign(params, secret));
  });

  it("the documented test vector", () => {
    const secret = "VDaACYb0LV9eNjTetIOElcVQkvJck_J_QljX_FcHRj87ZKiy0z0ty0ZsYBkoXkY9b7eq1EhwJaw7FF3akA3KBQ";
    const params = {
      apikey: "plgWJfZK4gyS3mOMTVmjUVg-X-jlWlnfaUJ9GAbBbf9EdM-kAYMmAiLqzzq1ElZLYq_u38zCm0bewzGUdP66mg",
      command: "listUsers",
      response: "json",
    };
    expect(pythonSign(params, secret)).toBe("TTpdDq/7j/J58XCRHomKoQXEQds=");
    expect(sign(params, secret)).toBe("TTpdDq/7j/J58XCRHomKoQXEQds=");
  });

  it("a wrong secret is refused by the lab with CloudStack's 401 envelope", async () => {
    const err = await run("cloudstack", ["listZones"], {
      env: { ...env(), CLOUDSTACK_SECRET: "wrong-secret" },
      timeout: 20_000,
    }).then(
      () => undefined,
      (e: { stdout?: string; stderr?: string }) => e,
    );
    expect(err).toBeDefined();
    expect(`${err?.stdout ?? ""}${err?.stderr ?? ""}`).toMatch(
      /unable to verify user credentials and\/or request signature/,
    );
  });
});
