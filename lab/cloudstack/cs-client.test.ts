// Debian's `cs` client (python3-cs) is a real, independent implementation of CloudStack's signing and job
// polling; the lab must accept it exactly as a CloudStack management server would.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Lab, startLab } from "../index.ts";
import { findPeer } from "../../test/support/peers.ts";
import { VM_IDS } from "./default-ids.ts";

const run = promisify(execFile);

/** The first Python that can import cs: the one on PATH, else Debian's own (python3-cs installs there). */
async function pythonWithCs(): Promise<string | undefined> {
  for (const python of ["python3", "/usr/bin/python3"]) {
    try {
      await run(python, ["-c", "import cs"]);
      return python;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

const PYTHON = await pythonWithCs();
// Skipped with the install command where absent; in CI (FERRY_REQUIRE_PEERS=1) a missing peer fails.
const { available } = findPeer("Debian's python3-cs", () => {
  if (PYTHON === undefined) throw new Error("python3-cs missing");
});

describe.skipIf(!available)("Debian's cs client against the lab", () => {
  let lab: Lab;
  beforeEach(async () => {
    lab = await startLab({ jobDurationMs: 50 });
  });
  afterEach(() => lab.stop());

  const cs = async (...args: string[]) => {
    const { stdout } = await run(PYTHON!, ["-m", "cs", "--quiet", ...args], {
      env: {
        PATH: process.env["PATH"] ?? "",
        HOME: process.env["HOME"] ?? "",
        CLOUDSTACK_ENDPOINT: lab.cloudstack.url,
        CLOUDSTACK_KEY: lab.cloudstack.apiKey,
        CLOUDSTACK_SECRET: lab.cloudstack.secretKey,
      },
      timeout: 20_000,
    });
    // cs prints nothing for an empty ({}) response
    return (stdout.trim() === "" ? {} : JSON.parse(stdout)) as Record<string, unknown>;
  };

  it("lists with GET and with POST, signatureVersion=3 and expires", async () => {
    const get = await cs("listVirtualMachines", "name=web-01");
    expect((get["virtualmachine"] as Record<string, unknown>[])[0]).toMatchObject({ id: VM_IDS["web-01"] });
    const post = await cs("--post", "listVolumes", "type=ROOT", "keyword=web 01");
    expect(post).toEqual({});
    expect(lab.cloudstack.calls.map((c) => c.httpStatus)).toEqual([200, 200]);
  });

  it("runs an async command to its end through queryAsyncJobResult", async () => {
    const result = await cs("stopVirtualMachine", `id=${VM_IDS["web-01"]}`);
    // cs waits for the job and prints its jobresult
    expect(result).toMatchObject({ virtualmachine: { id: VM_IDS["web-01"], state: "Stopped" } });
    expect(lab.cloudstack.count("queryAsyncJobResult")).toBeGreaterThan(0);
  });
});
