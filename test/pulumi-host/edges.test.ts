/**
 * The Pulumi door's edges, inside Pulumi's dynamic-provider host against the lab: a create interrupted
 * mid-operation (the host killed) and retried, a preview with unknown inputs, a per-resource connection
 * with secrets, missing settings, bad arguments and blocked plans.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POOL_IDS, VM_IDS, VOLUME_IDS } from "../../lab/cloudstack/default-ids.ts";
import { type Lab, startLab } from "../../lab/index.ts";
import {
  Host,
  isSecret,
  type Props,
  type Registration,
  runProgram,
  toWire,
  UNKNOWN,
  urnOf,
} from "./support/host.ts";
import { labConfig, writeCounts } from "./support/lab.ts";

let lab: Lab;
let regs: Map<string, Registration>;
let previewRegs: Map<string, Registration>;
const started: Host[] = [];

async function startHost(config: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): Promise<Host> {
  const host = await Host.start(env);
  started.push(host);
  await host.configure(config);
  return host;
}

const NO_ENV = {
  CLOUDSTACK_API_URL: "",
  CLOUDSTACK_ENDPOINT: "",
  CLOUDSTACK_API_KEY: "",
  CLOUDSTACK_KEY: "",
  CLOUDSTACK_SECRET_KEY: "",
  CLOUDSTACK_SECRET: "",
};

function programArgs() {
  return {
    rootVolume: { virtualMachineId: VM_IDS["web-01"], volumeId: VOLUME_IDS["web-01-root-v2"] },
    vmStorage: { virtualMachineId: VM_IDS["db-01"], storagePoolId: POOL_IDS["ds-gold-02"] },
    volumeStorage: { volumeId: VOLUME_IDS["archive-01"], storagePoolId: POOL_IDS["ds-gold-02"] },
    volumeAttachment: { volumeId: VOLUME_IDS["broken-01-root"], virtualMachineId: VM_IDS["rescue-01"] },
  };
}

beforeAll(async () => {
  lab = await startLab({ jobDurationMs: 100 });
  const connection = {
    apiUrl: lab.cloudstack.url,
    apiKey: lab.cloudstack.apiKey,
    secretKey: lab.cloudstack.secretKey,
  };
  [regs, previewRegs] = await Promise.all([
    runProgram("test/pulumi-host/programs/all-kinds.ts", programArgs()),
    runProgram(
      "test/pulumi-host/programs/preview.ts",
      {
        vmStorage: programArgs().vmStorage,
        volumeId: VOLUME_IDS["archive-01"],
        storagePoolId: POOL_IDS["ds-gold-02"],
        connection,
      },
      { preview: true },
    ),
  ]);
});

afterEach(() => {
  lab.cloudstack.jobDurationMs = 100;
});

afterAll(async () => {
  await Promise.all(started.map((h) => h.stop()));
  await lab?.stop();
});

describe("the serialized provider", () => {
  it("is one small provider per kind that captures no schemas, clients or agents", () => {
    const texts = new Set([...regs.values()].map((r) => r.inputs.__provider as string));
    expect(texts.size).toBe(4);
    for (const text of texts) {
      expect(text.length).toBeLessThan(8_000);
      expect(text).toMatch(/__provider\.type = "cloudstack_\w+";/);
      expect(text).toContain('"@ferry-iac/ferry/pulumi/runtime"');
      expect(text).not.toMatch(/zod|undici|ZodObject|Agent|CloudStackClient/);
    }
  });
});

describe("a create interrupted mid-operation", () => {
  it("the host is killed while migrateVolume runs; the retried create awaits the job and issues nothing twice", async () => {
    // Long enough to outlast the kill and the start of a second host (its first call loads ferry).
    lab.cloudstack.jobDurationMs = 6000;
    const reg = regs.get("archive")!;
    const first = await startHost(labConfig(lab));
    const inputs = (await first.check(urnOf(reg), {}, reg.inputs)).inputs;
    const creating = first.create(urnOf(reg), inputs).then(
      () => "finished",
      (e: Error) => e.message,
    );
    const deadline = Date.now() + 20_000;
    while (!first.stdout.some((l) => /migrateVolume: .*running/.test(l)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
    expect(first.stdout.join("\n")).toMatch(/migrateVolume: .*running/);
    await first.stop("SIGKILL");
    expect(await creating).not.toBe("finished");
    expect(writeCounts(lab)).toEqual({ migrateVolume: 1 });

    const second = await startHost(labConfig(lab));
    const created = await second.create(urnOf(reg), inputs);
    expect(created.props).toMatchObject({ storagePoolName: "ds-gold-02", operations: [] });
    expect(await second.output(/already running on volume archive-01/)).toMatch(
      /: wait for job [-0-9a-f]+ already running on volume archive-01/,
    );
    expect(writeCounts(lab)).toEqual({ migrateVolume: 1 });
  });
});

describe("the timeouts argument", () => {
  it("an update that outlasts timeouts.update stops waiting (the job goes on); the next up resumes it", async () => {
    const host = await startHost(labConfig(lab));
    const reg = regs.get("db")!;
    const urn = urnOf(reg);
    const inputs = toWire(reg.inputs) as Props;
    const created = await host.create(urn, inputs);
    lab.cloudstack.clearCalls();
    lab.cloudstack.jobDurationMs = 2500;
    const news = { ...inputs, storagePoolId: POOL_IDS["ds-gold-01"], timeouts: { update: "1s" } };
    const err = await host.update(urn, created.id, created.props, news).then(
      () => undefined,
      (e: { details?: string }) => e.details ?? String(e),
    );
    expect(err).toMatch(/ferry TIMEOUT: .*\n.*continues on the server side/);
    const resumed = await host.update(urn, created.id, created.props, {
      ...news,
      timeouts: { update: "30s" },
    });
    expect(resumed.props).toMatchObject({ storagePoolName: "ds-gold-01", timeouts: { update: "30s" } });
    expect(writeCounts(lab)).toEqual({ migrateVirtualMachine: 1 });
  });
});

describe("preview with unknown inputs, and a per-resource connection", () => {
  it("the program keeps the connection secret, and its pool is unknown at preview", () => {
    const archive = previewRegs.get("archive")!;
    expect(isSecret(archive.inputs.connection)).toBe(true);
    // Every ferry resource asks the engine to keep its connection secret in state.
    expect(archive.secretOutputs).toContain("connection");
    expect(regs.get("web")!.secretOutputs).toContain("connection");
    expect((toWire(archive.inputs) as Props).storagePoolId).toBe(UNKNOWN);
  });

  it("a connection given as plain values is registered as a secret input, so state keeps it encrypted", async () => {
    const connection = {
      apiUrl: lab.cloudstack.url,
      apiKey: lab.cloudstack.apiKey,
      secretKey: lab.cloudstack.secretKey,
    };
    const plain = await runProgram("test/pulumi-host/programs/all-kinds.ts", {
      ...programArgs(),
      volumeStorage: { ...programArgs().volumeStorage, connection },
    });
    const archive = plain.get("archive")!;
    expect(isSecret(archive.inputs.connection)).toBe(true);
    expect(JSON.stringify(archive.inputs.connection)).toContain(lab.cloudstack.secretKey);
    expect(archive.secretOutputs).toContain("connection");
    // Without a connection, nothing is added to the inputs.
    expect(plain.get("db")!.inputs).not.toHaveProperty("connection");
  });

  it("check accepts the unknown value; diff reports a change without planning; no API call", async () => {
    const host = await startHost({}, NO_ENV);
    const archive = previewRegs.get("archive")!;
    const news = toWire(archive.inputs) as Props;
    const checked = await host.check(urnOf(archive), {}, news);
    expect(checked.failures).toEqual([]);
    expect(checked.inputs.storagePoolId).toBe(UNKNOWN);
    const writes = lab.cloudstack.calls.length;
    const prior = { ...news, storagePoolId: POOL_IDS["ds-gold-01"], storagePoolName: "ds-gold-01" };
    const diff = await host.diff(urnOf(archive), VOLUME_IDS["archive-01"], prior, news);
    expect(diff).toEqual({ changes: "some", replaces: [] });
    expect(lab.cloudstack.calls.length).toBe(writes);
    expect(await host.output(/planned once every input is known/)).toMatch(
      /planned once every input is known/,
    );
  });

  it("with the value known, the resource's own connection is used (no stack config, no env)", async () => {
    const host = await startHost({}, NO_ENV);
    const archive = previewRegs.get("archive")!;
    const news = { ...(toWire(archive.inputs) as Props), storagePoolId: POOL_IDS["ds-gold-01"] };
    lab.cloudstack.clearCalls();
    const created = await host.create(urnOf(archive), news);
    expect(created.props).toMatchObject({ storagePoolName: "ds-gold-01" });
    expect(writeCounts(lab)).toEqual({ migrateVolume: 1 });
    // Secrets are not printed by the door.
    const printed = `${await host.output(/in place after/)}\n${host.stderr.join("\n")}`;
    expect(printed).not.toContain(lab.cloudstack.secretKey);
    expect(printed).not.toContain(lab.cloudstack.apiKey);
  });

  it("without any settings, create says which config keys (or env vars) to set", async () => {
    const host = await startHost({ "ferry:cloudstackTimeout": "0" }, NO_ENV);
    const reg = regs.get("db")!;
    const err = await host.create(urnOf(reg), toWire(reg.inputs) as Props).then(
      () => undefined,
      (e: { details?: string }) => e.details ?? String(e),
    );
    expect(err).toMatch(
      /ferry:cloudstackApiUrl \(or the resource's connection\.apiUrl, or CLOUDSTACK_API_URL/,
    );
    expect(err).toMatch(/ferry:cloudstackSecretKey/);
    expect(err).toMatch(/ferry:cloudstackTimeout .*must be a positive number/);
    expect(err).toMatch(/pulumi config set/);
  });
});

describe("stack config", () => {
  it("a misspelt ferry: key is warned about with the nearest known key; other namespaces are not", async () => {
    const host = await startHost({
      ...labConfig(lab),
      "ferry:cloudstackApiUrll": "http://127.0.0.1:1",
      "ferry:cloudStackTimout": "5",
      "ferry:region": "eu",
      "ferryproj:cloudstackApiUrll": "not ferry's",
    });
    const reg = regs.get("db")!;
    const checked = await host.check(urnOf(reg), {}, toWire(reg.inputs) as Props);
    expect(checked.failures).toEqual([]);
    const deadline = Date.now() + 5_000;
    while (host.stderr.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(host.stderr).toHaveLength(3);
    const warnings = host.stderr.join("\n");
    expect(warnings).toMatch(
      /ferry:cloudstackApiUrll is not one ferry reads; it is ignored\. Did you mean ferry:cloudstackApiUrl\?/,
    );
    expect(warnings).toMatch(/ferry:cloudStackTimout .*Did you mean ferry:cloudstackTimeout\?/);
    expect(warnings).toMatch(/ferry:region .*Known keys: ferry:cloudstackApiUrl, /);
    expect(warnings).not.toMatch(/ferryproj:/);
  });
});

describe("refresh of a resource whose object is gone", () => {
  it("read returns no id, so Pulumi drops it from state", async () => {
    const host = await startHost(labConfig(lab));
    const reg = regs.get("archive")!;
    const gone = "00000000-0000-4000-8000-000000000000";
    const props = { ...(toWire(reg.inputs) as Props), volumeId: gone, storagePoolName: "ds-gold-02" };
    const read = await host.read(urnOf(reg), gone, props);
    expect(read.id).toBe("");
    expect(await host.output(/Removed from the stack's state/)).toMatch(/Removed from the stack's state/);
  });
});

describe("bad arguments and blocked plans", () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost(labConfig(lab));
  });

  it("check names every bad property, in the program's names", async () => {
    const reg = regs.get("web")!;
    const { __provider } = reg.inputs;
    const checked = await host.check(
      urnOf(reg),
      {},
      {
        __provider,
        virtualMachineId: "web-01",
        allowStop: "yes",
        timeouts: { create: "soon" },
        restoreOnDestroy: true,
        bogus: 1,
        connection: { apiUrl: "http://x", region: "eu" },
      },
    );
    const byProperty = Object.fromEntries(checked.failures.map((f) => [f.property, f.reason]));
    expect(Object.keys(byProperty).sort()).toEqual([
      "allowStop",
      "bogus",
      "connection.region",
      "timeouts.create",
      "virtualMachineId",
      "volumeId",
    ]);
    expect(byProperty.virtualMachineId).toMatch(/got "web-01"; must be a UUID/);
    expect(byProperty.volumeId).toMatch(/is required/);
    expect(byProperty.allowStop).toMatch(/got "yes"; expected boolean/);
    expect(byProperty["timeouts.create"]).toMatch(/duration such as "90s"/);
    expect(byProperty.bogus).toMatch(/unknown argument; known: virtualMachineId, volumeId, allowStop/);
    expect(byProperty["connection.region"]).toMatch(/unknown setting; known: apiUrl, apiKey, secretKey/);
  });

  it("a plan CloudStack would refuse fails the preview (diff) and the up (create), naming allowStop", async () => {
    const reg = regs.get("web")!;
    const inputs = toWire(reg.inputs) as Props;
    lab.cloudstack.clearCalls();
    const createErr = await host.create(urnOf(reg), inputs).then(
      () => undefined,
      (e: { details?: string }) => e.details ?? String(e),
    );
    expect(createErr).toMatch(/ferry PLAN_BLOCKED/);
    expect(createErr).toMatch(/allowStop/);
    expect(createErr).not.toMatch(/allow_stop/);
    const prior = { ...inputs, volumeId: VOLUME_IDS["web-01-root"] };
    const diffErr = await host.diff(urnOf(reg), VM_IDS["web-01"], prior, inputs).then(
      () => undefined,
      (e: { details?: string }) => e.details ?? String(e),
    );
    expect(diffErr).toMatch(/ferry PLAN_BLOCKED: .*\n {2}- \[\w+\] \(allowStop\)/);
    expect(writeCounts(lab)).toEqual({});
  });

  it("a preview of a create (check, no prior state) fails on the blocker, once, clean, naming allowStop", async () => {
    const own = await startHost(labConfig(lab));
    const reg = regs.get("web")!;
    lab.cloudstack.clearCalls();
    const checked = await own.check(urnOf(reg), {}, toWire(reg.inputs) as Props);
    expect(checked.failures).toHaveLength(1);
    const [failure] = checked.failures;
    expect(failure!.property).toBe("allowStop");
    expect(failure!.reason).toMatch(
      /^ferry PLAN_BLOCKED: cloudstack_root_volume "[-0-9a-f]+": .*nothing was changed\. \[\w+\] /,
    );
    expect(failure!.reason).toMatch(/allowStop/);
    expect(failure!.reason).not.toMatch(/allow_stop/);
    expect(writeCounts(lab)).toEqual({});
    // A check failure is shown once by Pulumi, as the resource's problem: the host prints nothing else.
    await new Promise((r) => setTimeout(r, 200));
    expect(own.stderr).toEqual([]);
    expect(own.stdout.join("\n")).not.toMatch(/PLAN_BLOCKED|\n\s+at /);
  });

  it("an update's preview fails in check as well, so the blocked plan is printed once, without a stack trace", async () => {
    const own = await startHost(labConfig(lab));
    const reg = regs.get("web")!;
    const inputs = toWire(reg.inputs) as Props;
    const olds = { ...inputs, volumeId: VOLUME_IDS["web-01-root"] };
    const checked = await own.check(urnOf(reg), olds, inputs);
    expect(checked.failures.map((f) => f.property)).toEqual(["allowStop"]);
    await new Promise((r) => setTimeout(r, 200));
    expect(own.stderr).toEqual([]);
  });

  it("a create that can go ahead prints ferry's plan at check: the operations and the disruptions", async () => {
    const own = await startHost(labConfig(lab));
    const reg = regs.get("web")!;
    const inputs = { ...(toWire(reg.inputs) as Props), allowStop: true };
    lab.cloudstack.clearCalls();
    const checked = await own.check(urnOf(reg), {}, inputs);
    expect(checked.failures).toEqual([]);
    const printed = await own.output(/operations? planned:(\n.*)*\n {2}! /);
    expect(printed).toMatch(/cloudstack_root_volume "[-0-9a-f]+ \(create\)": \d+ operations planned:/);
    expect(printed).toMatch(
      / {2}1\. Record on VM [^\n]*: createTags [^\n]*\n {2}2\. Stop VM [^\n]*: stopVirtualMachine .*\[disruptive/,
    );
    expect(printed).toMatch(/\n {2}! /);
    expect(writeCounts(lab)).toEqual({});
  });
});
