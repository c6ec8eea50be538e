/**
 * The built provider executable, driven the way terraform core drives it: handshake with AutoMTLS,
 * then GetProviderSchema → ConfigureProvider → PlanResourceChange → ApplyResourceChange → ReadResource
 * → ImportResourceState → destroy, against the CloudStack lab. dist/ is built by the global setup.
 */
import { parsePlanLines } from "../../provider/engine/describe.ts";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POOL_IDS, VM_IDS, VOLUME_IDS } from "../../lab/cloudstack/default-ids.ts";
import { type Lab, startLab } from "../../lab/index.ts";
import { rootVolume } from "../../provider/cloudstack/root-volume.ts";
import { volumeAttachment } from "../../provider/cloudstack/volume-attachment.ts";
import { volumeStorage } from "../../provider/cloudstack/volume-storage.ts";
import { parseSpec } from "../../provider/engine/resource.ts";
import {
  type CtyType,
  type CtyValue,
  decodeMsgpack,
  encodeMsgpack,
  isUnknown,
  UNKNOWN,
} from "../../provider/terraform/codec.ts";
import { blockType, providerBlock, resourceBlock } from "../../provider/terraform/schema.ts";
import { backends } from "../../provider/index.ts";
import { type CoreLikeClient, connect, coreEnv, EXECUTABLE } from "../../cli/terraform-client.ts";

type Obj = Record<string, CtyValue>;
const TYPE = "ferry_cloudstack_volume_storage";
const resourceType = blockType(resourceBlock(volumeStorage));
const providerType = blockType(providerBlock(backends));
const dv = (t: CtyType, v: CtyValue) => ({ msgpack: encodeMsgpack(t, v) });
const val = (t: CtyType, d: { msgpack: Buffer } | null | undefined) =>
  d ? (decodeMsgpack(t, d.msgpack) as Obj | null) : null;

interface Diag {
  severity: number;
  summary: string;
  detail: string;
  attribute: { steps: { attribute_name?: string }[] } | null;
}

function errors(res: { diagnostics?: Diag[] }): Diag[] {
  return (res.diagnostics ?? []).filter((d) => d.severity === 1);
}

let lab: Lab;
let tf: CoreLikeClient;

beforeAll(async () => {
  lab = await startLab({ jobDurationMs: 50 });
  tf = await connect();
});

afterAll(async () => {
  tf?.close();
  await lab?.stop();
});

describe("terraform door: handshake", () => {
  it("prints go-plugin's line with an unpadded base64 DER certificate", () => {
    const [core, version, network, address, protocol, cert] = tf.launched.fields;
    expect([core, version, network, protocol]).toEqual(["1", "6", "unix", "grpc"]);
    expect(address).toMatch(/plugin[0-9a-f]+$/);
    expect(cert!.length).toBeGreaterThan(50);
    expect(cert).toMatch(/^[A-Za-z0-9+/]+$/);
  });

  it("answers health checks for 'plugin'", async () => {
    expect((await tf.health()).status).toBe(1);
  });

  it("answers UNIMPLEMENTED (12) for an RPC it does not serve", async () => {
    const err = await tf.raw("/tfplugin6.Provider/GetResourceIdentitySchemas");
    expect(err?.code).toBe(12);
  });

  it("refuses a client certificate other than the one in PLUGIN_CLIENT_CERT", async () => {
    const stranger = await connect({}, coreEnv().client);
    try {
      await expect(stranger.call("GetProviderSchema")).rejects.toThrow();
    } finally {
      stranger.close();
    }
  });
});

describe("terraform door: resource lifecycle against the lab", () => {
  const config: Obj = {
    volume_id: VOLUME_IDS["archive-01"],
    storage_pool_id: POOL_IDS["ds-gold-02"],
    timeouts: null,
  };
  let state: Obj;

  it("serves the schema derived from the kinds", async () => {
    const res = await tf.call<{
      provider: { block: { block_types: { type_name: string }[] } };
      resource_schemas: Record<string, { block: { attributes: { name: string; computed: boolean }[] } }>;
      server_capabilities: { plan_destroy: boolean; get_provider_schema_optional: boolean };
    }>("GetProviderSchema");
    expect(res.server_capabilities).toMatchObject({ plan_destroy: true, get_provider_schema_optional: true });
    expect(res.provider.block.block_types.map((b) => b.type_name)).toContain("cloudstack");
    const attrs = res.resource_schemas[TYPE]!.block.attributes;
    expect(attrs.find((a) => a.name === "operations")?.computed).toBe(true);
    expect(attrs.map((a) => a.name)).toEqual(expect.arrayContaining(["id", "timeouts", "volume_id"]));
  });

  it("validates and configures the provider", async () => {
    const cs = lab.cloudstack;
    const cfg = {
      cloudstack: { api_url: cs.url, api_key: cs.apiKey, secret_key: cs.secretKey },
    };
    const bad = await tf.call<{ diagnostics: Diag[] }>("ValidateProviderConfig", {
      config: dv(providerType, { cloudstack: { api_url: "ftp://x" } }),
    });
    expect(errors(bad)[0]?.attribute?.steps.map((s) => s.attribute_name)).toEqual(["cloudstack", "api_url"]);
    expect(errors(await tf.call("ValidateProviderConfig", { config: dv(providerType, cfg) }))).toEqual([]);
    expect(
      errors(
        await tf.call("ConfigureProvider", { terraform_version: "1.15.9", config: dv(providerType, cfg) }),
      ),
    ).toEqual([]);
  });

  it("validates a manila block attribute by attribute; rules across attributes wait for ConfigureProvider", async () => {
    const m = lab.manila;
    const bad = await tf.call<{ diagnostics: Diag[] }>("ValidateProviderConfig", {
      config: dv(providerType, { manila: { endpoint: m.url, api_version: "2.10" } }),
    });
    expect(errors(bad).map((d) => d.attribute?.steps.map((s) => s.attribute_name))).toEqual([
      ["manila", "api_version"],
    ]);
    expect(errors(bad)[0]?.detail).toMatch(/at least 2\.57/);
    // endpoint without token is fine here: OS_TOKEN may give it at configure time
    expect(
      errors(
        await tf.call("ValidateProviderConfig", {
          config: dv(providerType, { manila: { endpoint: m.url } }),
        }),
      ),
    ).toEqual([]);
    const cfg = { manila: { endpoint: m.url, token: m.token } };
    expect(errors(await tf.call("ValidateProviderConfig", { config: dv(providerType, cfg) }))).toEqual([]);
  });

  it("validates resource config, tolerating unknowns", async () => {
    const bad = await tf.call<{ diagnostics: Diag[] }>("ValidateResourceConfig", {
      type_name: TYPE,
      config: dv(resourceType, { ...config, volume_id: "not-a-uuid" }),
    });
    expect(errors(bad)[0]?.attribute?.steps[0]?.attribute_name).toBe("volume_id");
    const unknown = await tf.call<{ diagnostics: Diag[] }>("ValidateResourceConfig", {
      type_name: TYPE,
      config: dv(resourceType, { ...config, storage_pool_id: UNKNOWN }),
    });
    expect(errors(unknown)).toEqual([]);
  });

  let planned: Obj;
  let plannedPrivate: Buffer;

  it("plans: operations known at plan time, outputs known after apply", async () => {
    const res = await tf.call<{
      planned_state: { msgpack: Buffer };
      planned_private: Buffer;
      requires_replace: unknown[];
      diagnostics: Diag[];
    }>("PlanResourceChange", {
      type_name: TYPE,
      prior_state: dv(resourceType, null),
      proposed_new_state: dv(resourceType, config),
      config: dv(resourceType, config),
    });
    expect(errors(res)).toEqual([]);
    planned = val(resourceType, res.planned_state)!;
    plannedPrivate = res.planned_private;
    expect(planned["id"]).toBe(VOLUME_IDS["archive-01"]);
    expect(planned["operations"]).toEqual([expect.stringMatching(/migrateVolume/)]);
    expect(planned["operation_details"]).toEqual([
      {
        title: "Move volume archive-01 to pool ds-gold-02",
        operation: "migrateVolume",
        action: "call",
        request: planned["operations"] && (planned["operations"] as string[])[0],
        disruptive: false,
        disruption: "",
        warnings: [],
      },
    ]);
    expect(isUnknown(planned["storage_pool_name"])).toBe(true);
    expect(isUnknown(planned["volume_name"])).toBe(true);
    expect(res.requires_replace).toEqual([]);
  });

  it("applies: the result is consistent with the plan", async () => {
    const res = await tf.call<{ new_state: { msgpack: Buffer }; diagnostics: Diag[] }>(
      "ApplyResourceChange",
      {
        type_name: TYPE,
        prior_state: dv(resourceType, null),
        planned_state: dv(resourceType, planned),
        config: dv(resourceType, config),
        planned_private: plannedPrivate,
      },
    );
    expect(errors(res)).toEqual([]);
    state = val(resourceType, res.new_state)!;
    for (const [k, v] of Object.entries(planned)) if (!isUnknown(v)) expect(state[k]).toEqual(v);
    for (const v of Object.values(state)) expect(isUnknown(v)).toBe(false);
    expect(state["storage_pool_name"]).toBe("ds-gold-02");
  });

  it("reads (refresh), then plans no change", async () => {
    const res = await tf.call<{ new_state: { msgpack: Buffer }; diagnostics: Diag[] }>("ReadResource", {
      type_name: TYPE,
      current_state: dv(resourceType, state),
    });
    expect(errors(res)).toEqual([]);
    const refreshed = val(resourceType, res.new_state)!;
    expect(refreshed).toEqual(state); // no drift right after apply
    state = refreshed;
    const plan = await tf.call<{ planned_state: { msgpack: Buffer }; diagnostics: Diag[] }>(
      "PlanResourceChange",
      {
        type_name: TYPE,
        prior_state: dv(resourceType, state),
        proposed_new_state: dv(resourceType, state),
        config: dv(resourceType, config),
      },
    );
    expect(errors(plan)).toEqual([]);
    expect(val(resourceType, plan.planned_state)).toEqual(state);
  });

  it("marks forceNew attributes as requires_replace", async () => {
    const other = { ...state, volume_id: VOLUME_IDS["web-01-root-v2"] };
    const plan = await tf.call<{ requires_replace: { steps: { attribute_name: string }[] }[] }>(
      "PlanResourceChange",
      {
        type_name: TYPE,
        prior_state: dv(resourceType, state),
        proposed_new_state: dv(resourceType, other),
        config: dv(resourceType, { ...config, volume_id: VOLUME_IDS["web-01-root-v2"] }),
      },
    );
    expect(plan.requires_replace).toMatchObject([{ steps: [{ attribute_name: "volume_id" }] }]);
  });

  it("upgrades raw JSON state of an earlier schema", async () => {
    const res = await tf.call<{ upgraded_state: { msgpack: Buffer }; diagnostics: Diag[] }>(
      "UpgradeResourceState",
      {
        type_name: TYPE,
        version: 0,
        raw_state: { json: Buffer.from(JSON.stringify({ ...stateJson(state), gone: "x" })) },
      },
    );
    expect(errors(res)).toEqual([]);
    expect(val(resourceType, res.upgraded_state)).toEqual(state);
  });

  it("imports by id", async () => {
    const res = await tf.call<{
      imported_resources: { type_name: string; state: { msgpack: Buffer } }[];
      diagnostics: Diag[];
    }>("ImportResourceState", { type_name: TYPE, id: VOLUME_IDS["archive-01"] });
    expect(errors(res)).toEqual([]);
    const imported = val(resourceType, res.imported_resources[0]!.state)!;
    expect(imported).toMatchObject({
      id: VOLUME_IDS["archive-01"],
      volume_id: VOLUME_IDS["archive-01"],
      storage_pool_id: POOL_IDS["ds-gold-02"],
      timeouts: null,
    });
  });

  it("destroys: planned null, applied null", async () => {
    const plan = await tf.call<{
      planned_state: { msgpack: Buffer };
      planned_private: Buffer;
      diagnostics: Diag[];
    }>("PlanResourceChange", {
      type_name: TYPE,
      prior_state: dv(resourceType, state),
      proposed_new_state: dv(resourceType, null),
      config: dv(resourceType, null),
    });
    expect(errors(plan)).toEqual([]);
    expect(val(resourceType, plan.planned_state)).toBeNull();
    const res = await tf.call<{ new_state: { msgpack: Buffer }; diagnostics: Diag[] }>(
      "ApplyResourceChange",
      {
        type_name: TYPE,
        prior_state: dv(resourceType, state),
        planned_state: dv(resourceType, null),
        config: dv(resourceType, null),
        planned_private: plan.planned_private,
      },
    );
    expect(errors(res)).toEqual([]);
    expect(val(resourceType, res.new_state)).toBeNull();
  });

  it("the new half of a replacement: operations unknown when the old object's destroy runs first, an error when that destroy is blocked", async () => {
    const ROOT_TYPE = "ferry_cloudstack_root_volume";
    const rootType = blockType(resourceBlock(rootVolume));
    const cfg = (over: Obj): Obj => {
      const out: Obj = {};
      for (const a of resourceBlock(rootVolume).attributes) out[a.name] = null;
      return {
        ...out,
        virtual_machine_id: VM_IDS["web-01"],
        volume_id: VOLUME_IDS["web-01-root"],
        restore_on_destroy: true,
        ...over,
      };
    };
    lab.cloudstack.clearCalls();
    // As terraform does: the second call has no prior, and the first call's planned_private.
    const second = (allowStop: boolean) =>
      tf.call<{ planned_state: { msgpack: Buffer }; diagnostics: Diag[] }>("PlanResourceChange", {
        type_name: ROOT_TYPE,
        prior_state: dv(rootType, null),
        proposed_new_state: dv(rootType, cfg({ allow_stop: true })),
        config: dv(rootType, cfg({ allow_stop: true })),
        prior_private: Buffer.from(
          JSON.stringify({
            spec: {},
            replaced: {
              spec: parseSpec(rootVolume, {
                virtual_machine_id: VM_IDS["web-01"],
                volume_id: VOLUME_IDS["web-01-root"],
                restore_on_destroy: true,
                allow_stop: allowStop,
              }),
              prior: {
                root_volume_name: "web-01-root",
                previous_volume_id: VOLUME_IDS["web-01-root-v2"],
                vm_state: "Running",
                hypervisor: "VMware",
              },
            },
          }),
        ),
      });
    const ok = await second(true);
    expect(errors(ok)).toEqual([]);
    expect(isUnknown(val(rootType, ok.planned_state)?.["operations"])).toBe(true);
    const blocked = await second(false);
    expect(
      errors(blocked)
        .map((d) => d.detail)
        .join("\n"),
    ).toMatch(/VM_RUNNING/);
    expect(lab.cloudstack.writeCounts()).toEqual({});
  });

  it("a destroy after a create of the same id in this process: the object created here is destroyed, an old one (create_before_destroy) is left to it", async () => {
    const ATT = "ferry_cloudstack_volume_attachment";
    const attType = blockType(resourceBlock(volumeAttachment));
    const cfg: Obj = {};
    for (const a of resourceBlock(volumeAttachment).attributes) cfg[a.name] = null;
    Object.assign(cfg, {
      volume_id: VOLUME_IDS["archive-01"],
      virtual_machine_id: VM_IDS["rescue-01"],
      detach_on_destroy: true,
    });
    type Planned = { planned_state: { msgpack: Buffer }; planned_private: Buffer; diagnostics: Diag[] };
    type Applied = { new_state: { msgpack: Buffer }; private: Buffer; diagnostics: Diag[] };
    const create = async () => {
      const plan = await tf.call<Planned>("PlanResourceChange", {
        type_name: ATT,
        prior_state: dv(attType, null),
        proposed_new_state: dv(attType, cfg),
        config: dv(attType, cfg),
      });
      expect(errors(plan)).toEqual([]);
      const res = await tf.call<Applied>("ApplyResourceChange", {
        type_name: ATT,
        prior_state: dv(attType, null),
        planned_state: plan.planned_state,
        config: dv(attType, cfg),
        planned_private: plan.planned_private,
      });
      expect(errors(res)).toEqual([]);
      return { state: val(attType, res.new_state)!, priv: res.private };
    };
    const destroy = async (state: Obj, priv: Buffer) => {
      // As terraform does: a refresh keeps the private data, the destroy plan gets it as prior_private.
      const read = await tf.call<{ new_state: { msgpack: Buffer }; private: Buffer }>("ReadResource", {
        type_name: ATT,
        current_state: dv(attType, state),
        private: priv,
      });
      const plan = await tf.call<Planned>("PlanResourceChange", {
        type_name: ATT,
        prior_state: read.new_state,
        proposed_new_state: dv(attType, null),
        config: dv(attType, null),
        prior_private: read.private,
      });
      return tf.call<Applied>("ApplyResourceChange", {
        type_name: ATT,
        prior_state: read.new_state,
        planned_state: dv(attType, null),
        config: dv(attType, null),
        planned_private: plan.planned_private,
      });
    };
    const attachedTo = () => lab.cloudstack.model.volume(VOLUME_IDS["archive-01"]).vmId;

    // Created, then destroyed, in one process (a `terraform test` run and its cleanup): the detach runs.
    const first = await create();
    expect(attachedTo()).toBe(VM_IDS["rescue-01"]);
    lab.cloudstack.clearCalls();
    const destroyed = await destroy(first.state, first.priv);
    expect(errors(destroyed)).toEqual([]);
    await lab.cloudstack.settle();
    expect(lab.cloudstack.writeCounts()).toEqual({ detachVolume: 1 });
    expect(attachedTo()).toBe(null);

    // A replacement created first (create_before_destroy), then the old object's destroy: it carries
    // another create's mark, or none (made by an earlier process), and leaves the volume to the new one.
    const old = await create();
    const replacement = await create();
    expect(replacement.state["id"]).toBe(old.state["id"]);
    lab.cloudstack.clearCalls();
    for (const priv of [old.priv, Buffer.from(JSON.stringify({ spec: {} }))]) {
      const left = await destroy(old.state, priv);
      expect(errors(left)).toEqual([]);
      expect(left.diagnostics.map((d) => d.summary).join("\n")).toMatch(
        /left the live object to its replacement/,
      );
    }
    expect(lab.cloudstack.writeCounts()).toEqual({});
    expect(attachedTo()).toBe(VM_IDS["rescue-01"]);
    // The object that replaced it is still destroyed as configured.
    const last = await destroy(replacement.state, replacement.priv);
    expect(errors(last)).toEqual([]);
    await lab.cloudstack.settle();
    expect(attachedTo()).toBe(null);
  });

  it("shows blockers as errors with the attribute path", async () => {
    const res = await tf.call<{ diagnostics: Diag[] }>("PlanResourceChange", {
      type_name: TYPE,
      prior_state: dv(resourceType, null),
      proposed_new_state: dv(resourceType, { ...config, volume_id: VOLUME_IDS["db-01-data"] }),
      config: dv(resourceType, { ...config, volume_id: VOLUME_IDS["db-01-data"] }),
    });
    const blocker = errors(res).find((d) => d.detail.includes("VOLUME_ATTACHED"));
    expect(blocker?.attribute?.steps[0]?.attribute_name).toBe("volume_id");
    // The structured description `ferry review` reads from `terraform plan -json`.
    const [description] = parsePlanLines(blocker?.detail ?? "");
    expect(description).toMatchObject({
      format: 1,
      type: TYPE,
      destroy: false,
      operations: [],
      blockers: [expect.objectContaining({ code: "VOLUME_ATTACHED", attribute: "volume_id" })],
    });
  });

  it("exits promptly on GRPCController.Shutdown", async () => {
    const t0 = Date.now();
    await tf.shutdown();
    const { code } = await tf.launched.exited;
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe("terraform door: process", () => {
  it("with a wrong magic cookie prints the plugin message and exits 1", async () => {
    const child = spawn(EXECUTABLE, [], {
      env: { PATH: process.env["PATH"], TF_PLUGIN_MAGIC_COOKIE: "nope" },
    });
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    expect(code).toBe(1);
    expect(err).toMatch(/This binary is a plugin/);
  });

  it("falls back to tcp on 127.0.0.1 within the port range when no unix socket can be made", async () => {
    const client = await connect({
      PLUGIN_UNIX_SOCKET_DIR: "/nonexistent-dir-for-ferry-sockets",
      PLUGIN_MIN_PORT: "21000",
      PLUGIN_MAX_PORT: "21999",
    });
    try {
      const [, , network, address] = client.launched.fields;
      expect(network).toBe("tcp");
      expect(address).toMatch(/^127\.0\.0\.1:21\d{3}$/);
      expect((await client.health()).status).toBe(1);
      expect(
        (await client.call<{ resource_schemas: object }>("GetProviderSchema")).resource_schemas,
      ).toHaveProperty(TYPE);
      await client.shutdown();
      expect((await client.launched.exited).code).toBe(0);
    } finally {
      client.close();
    }
  });

  it("serves plaintext when TF_DISABLE_PLUGIN_TLS is set, for versions offered as 6,5", async () => {
    const client = await connect({
      TF_DISABLE_PLUGIN_TLS: "1",
      PLUGIN_CLIENT_CERT: undefined,
      PLUGIN_PROTOCOL_VERSIONS: "6,5",
    });
    try {
      expect(client.launched.line.endsWith("|grpc|")).toBe(true);
      expect(client.launched.fields[1]).toBe("6");
      expect((await client.health()).status).toBe(1);
      await client.shutdown();
      expect((await client.launched.exited).code).toBe(0);
    } finally {
      client.close();
    }
  });
});

function stateJson(s: Obj): Record<string, unknown> {
  return JSON.parse(JSON.stringify(s, (_k, v) => (typeof v === "bigint" ? v.toString() : v))) as Record<
    string,
    unknown
  >;
}

describe("terraform door: StopProvider", () => {
  it("cancels an in-flight wait promptly; the next apply resumes the job instead of issuing it again", async () => {
    const slow = await startLab({ jobDurationMs: 4000 });
    const client = await connect();
    try {
      const cs = slow.cloudstack;
      const cfg = { cloudstack: { api_url: cs.url, api_key: cs.apiKey, secret_key: cs.secretKey } };
      await client.call("ConfigureProvider", { config: dv(providerType, cfg) });
      const config: Obj = {
        volume_id: VOLUME_IDS["archive-01"],
        storage_pool_id: POOL_IDS["ds-gold-02"],
        timeouts: null,
      };
      const plan = async () =>
        client.call<{ planned_state: { msgpack: Buffer }; planned_private: Buffer }>("PlanResourceChange", {
          type_name: TYPE,
          prior_state: dv(resourceType, null),
          proposed_new_state: dv(resourceType, config),
          config: dv(resourceType, config),
        });
      const apply = (p: { planned_state: { msgpack: Buffer }; planned_private: Buffer }) =>
        client.call<{ new_state: { msgpack: Buffer }; diagnostics: Diag[] }>("ApplyResourceChange", {
          type_name: TYPE,
          prior_state: dv(resourceType, null),
          planned_state: p.planned_state,
          config: dv(resourceType, config),
          planned_private: p.planned_private,
        });
      const first = apply(await plan());
      await new Promise((r) => setTimeout(r, 500));
      const t0 = Date.now();
      expect(await client.call("StopProvider")).toEqual({ Error: "" });
      const stopped = await first;
      expect(Date.now() - t0).toBeLessThan(1500);
      expect(errors(stopped)[0]?.detail).toMatch(/CANCELLED/);

      const replan = await plan();
      expect(errors(replan as { diagnostics?: Diag[] })).toEqual([]);
      // the job is still running: what follows it is known after apply
      expect(isUnknown(val(resourceType, replan.planned_state)?.["operations"])).toBe(true);
      const second = await apply(replan);
      expect(errors(second)).toEqual([]);
      expect(val(resourceType, second.new_state)?.["storage_pool_name"]).toBe("ds-gold-02");
      const migrations = cs.calls.filter((c) => c.command === "migrateVolume");
      expect(migrations).toHaveLength(1);
    } finally {
      client.close();
      await slow.stop();
    }
  });
});
