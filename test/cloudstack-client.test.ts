/**
 * Contract tests of ferry's CloudStack client against the lab: envelopes, empty lists, paging, error
 * envelopes, async jobs and their failures (with CloudStack's own message), signing and batching.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POOL_IDS, VM_IDS, VOLUME_IDS } from "../lab/cloudstack/default-ids.ts";
import { type Lab, startLab } from "../lab/index.ts";
import { volumeSchema } from "../provider/cloudstack/api.ts";
import { CloudStackClient, PAGE_SIZE } from "../provider/cloudstack/client.ts";
import { cloudStackSettingsSchema } from "../provider/cloudstack/settings.ts";
import { ApiError, FerryError } from "../provider/engine/errors.ts";

let lab: Lab;
let client: CloudStackClient;
const settings = (over: Record<string, unknown> = {}) =>
  cloudStackSettingsSchema.parse({
    api_url: lab.cloudstack.url,
    api_key: lab.cloudstack.apiKey,
    secret_key: lab.cloudstack.secretKey,
    ...over,
  });

beforeAll(async () => {
  lab = await startLab({ jobDurationMs: 100 });
  client = new CloudStackClient(settings());
});
afterAll(async () => {
  await lab.stop();
});

const deadline = () => Date.now() + 20_000;

describe("reads", () => {
  it("lists parse CloudStack's envelope; an empty list `{}` is an empty array", async () => {
    const vols = await client.list(
      "listVolumes",
      "volume",
      { virtualmachineid: VM_IDS["web-01"] },
      volumeSchema,
    );
    expect(vols.map((v) => v.name).sort()).toEqual(["web-01-root"]);
    const empty = { virtualmachineid: VM_IDS["web-01"], type: "DATADISK" };
    expect(await client.list("listVolumes", "volume", empty, volumeSchema)).toEqual([]);
    expect(await client.call("listVolumes", empty)).toEqual({});
    // An id that names nothing is a 431 at dispatch in CloudStack; the batched reader answers "not found".
    expect(await client.vmVolumes.get(VOLUME_IDS["archive-01"])).toEqual([]);
  });

  it("batched reads: ids asked for together share one list call", async () => {
    const before = lab.cloudstack.count("listVolumes");
    const ids = Object.values(VOLUME_IDS);
    const found = await Promise.all(ids.map((id) => client.volumes.get(id)));
    expect(found.every(Boolean)).toBe(true);
    expect(lab.cloudstack.count("listVolumes") - before).toBe(1);
    expect(await client.volumes.get("00000000-0000-4000-8000-000000000000")).toBeUndefined();
  });

  it("an API error envelope becomes an ApiError carrying errorcode/cserrorcode and errortext", async () => {
    const err = await client.call("listVolumes", { id: "not-a-uuid" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(431);
    expect((err as ApiError).apiMessage.length).toBeGreaterThan(0);
    const unknown = await client.call("frobnicate", {}).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ status: 432 });
  });

  it("a wrong secret gets CloudStack's 401 and a fix that names the settings, without the secret", async () => {
    const bad = new CloudStackClient(settings({ secret_key: "wrong-secret-value" }));
    const err = (await bad.call("listZones", {}).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(401);
    expect(err.apiMessage).toBe("unable to verify user credentials and/or request signature");
    expect(err.message).toMatch(/secret_key/);
    expect(err.message).not.toContain("wrong-secret-value");
  });
});

describe("paging", () => {
  it(`reads every page (page size ${PAGE_SIZE})`, async () => {
    const n = PAGE_SIZE + 37;
    const big = await startLab({
      inventory: {
        zones: [{ name: "z" }],
        clusters: [{ name: "c", hypervisor: "KVM" }],
        storagePools: [{ name: "p", cluster: "c" }],
        volumes: Array.from({ length: n }, (_, i) => ({ name: `v-${i}`, pool: "p" })),
      },
    });
    try {
      const c = new CloudStackClient(
        cloudStackSettingsSchema.parse({
          api_url: big.cloudstack.url,
          api_key: big.cloudstack.apiKey,
          secret_key: big.cloudstack.secretKey,
        }),
      );
      const all = await c.list("listVolumes", "volume", { listall: "true" }, volumeSchema);
      expect(all).toHaveLength(n);
      expect(new Set(all.map((v) => v.id)).size).toBe(n);
      expect(big.cloudstack.count("listVolumes")).toBe(2);
    } finally {
      await big.stop();
    }
  });
});

describe("async jobs", () => {
  it("a job is awaited through queryAsyncJobResult and returns its result", async () => {
    const jobid = await client.startJob("migrateVolume", {
      volumeid: VOLUME_IDS["archive-01"],
      storageid: POOL_IDS["ds-gold-02"],
    });
    const job = await client.waitJob(jobid, { what: "migrateVolume", deadline: deadline() });
    expect(job.jobstatus).toBe(1);
    expect(job.jobresult).toMatchObject({
      volume: { id: VOLUME_IDS["archive-01"], storageid: POOL_IDS["ds-gold-02"] },
    });
  });

  it("a business rule refused inside the job surfaces CloudStack's own message", async () => {
    // Bypassing the planner on purpose: attach at device 0 to a Running VM.
    const jobid = await client.startJob("attachVolume", {
      id: VOLUME_IDS["kvm-disk"],
      virtualmachineid: VM_IDS["rescue-01"],
      deviceid: "0",
    });
    const err = (await client
      .waitJob(jobid, { what: "attachVolume", deadline: deadline() })
      .catch((e: unknown) => e)) as FerryError;
    expect(err).toBeInstanceOf(FerryError);
    expect(err.code).toBe("JOB_FAILED");
    expect((err as ApiError).apiMessage.length).toBeGreaterThan(10);
    expect(err.message).toContain((err as ApiError).apiMessage);
  });

  it("the VM shows the job id while the job runs (how ferry finds operations in flight)", async () => {
    lab.cloudstack.jobDurationMs = 800;
    const jobid = await client.startJob("stopVirtualMachine", { id: VM_IDS["rescue-01"] });
    const vm = await client.virtualMachines.get(VM_IDS["rescue-01"]);
    expect(vm).toMatchObject({ jobid, jobstatus: 0 });
    await client.waitJob(jobid, { what: "stop", deadline: deadline() });
    const after = await client.virtualMachines.get(VM_IDS["rescue-01"]);
    expect(after?.state).toBe("Stopped");
    expect(after?.jobid).toBeUndefined();
    lab.cloudstack.jobDurationMs = 100;
  });

  it("requests are POSTed with signatureversion=3 and an expiry, never with the secret", async () => {
    await client.call("listZones", {});
    const last = lab.cloudstack.calls.at(-1);
    expect(last?.params).toMatchObject({ signatureversion: "3" });
    expect(last?.params.expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    expect(JSON.stringify(lab.cloudstack.calls)).not.toContain(lab.cloudstack.secretKey);
  });
});
