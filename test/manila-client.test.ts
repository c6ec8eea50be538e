/**
 * The Manila client against the lab: the headers every call carries, Keystone v3 (password, token,
 * application credential) and the catalog, the fixed-endpoint mode, OpenStack's environment names,
 * Manila's fault envelope surfaced, and secrets kept out of errors.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LAB_IDS, type ManilaLab, startManilaLab } from "../lab/manila/index.ts";
import { ApiError, type FerryError } from "../provider/engine/errors.ts";
import { resolveSettings } from "../provider/engine/settings.ts";
import { ManilaClient } from "../provider/manila/client.ts";
import { manilaSettingsSchema } from "../provider/manila/settings.ts";

let lab: ManilaLab;
beforeAll(async () => {
  lab = await startManilaLab({ stepMs: 20 });
});
afterAll(async () => {
  await lab.stop();
});
beforeEach(() => lab.clearCalls());

const params = {
  host: "manila-peer@dummy2",
  writable: true,
  nondisruptive: false,
  preserve_snapshots: true,
  new_share_network_id: null,
};

function fixed(extra: Record<string, unknown> = {}) {
  return new ManilaClient(manilaSettingsSchema.parse({ endpoint: lab.url, token: lab.token, ...extra }));
}

describe("headers", () => {
  it("the microversion on every call, the experimental header on migration actions only", async () => {
    const c = fixed();
    await c.getServer(LAB_IDS.server);
    await c.listServers({ source_share_server_id: LAB_IDS.server });
    const check = await c.migrationCheck(LAB_IDS.server, params);
    expect(check.ok).toBe(true);
    expect(lab.calls.map((x) => [x.operation, x.version, x.experimental ?? false])).toEqual([
      ["show_share_server", "2.57", false],
      ["list_share_servers", "2.57", false],
      ["migration_check", "2.57", true],
    ]);
  });

  it("api_version below 2.57 is refused by the settings", () => {
    const r = manilaSettingsSchema.safeParse({ endpoint: lab.url, token: lab.token, api_version: "2.56" });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/at least 2\.57/);
    expect(
      manilaSettingsSchema.parse({ endpoint: lab.url, token: lab.token, api_version: "2.73" }).api_version,
    ).toBe("2.73");
  });
});

describe("Keystone v3", () => {
  it.each<[string, Record<string, unknown>]>([
    ["password", { username: "admin", password: "lab-password", project_name: "admin" }],
    [
      "token",
      { token: "admin:5a7e6b1c0d2f4e3a9b8c7d6e5f4a3b2c", project_id: "5a7e6b1c0d2f4e3a9b8c7d6e5f4a3b2c" },
    ],
    [
      "application credential",
      { application_credential_id: "lab-app-cred", application_credential_secret: "lab-password" },
    ],
  ])(
    "%s: a scoped token, the sharev2 endpoint from the catalog, one auth per client",
    async (_name, creds) => {
      const c = new ManilaClient(manilaSettingsSchema.parse({ auth_url: lab.authUrl, ...creds }));
      expect((await c.getServer(LAB_IDS.server))?.host).toBe("manila-peer@dummy1");
      expect(await c.getServer(LAB_IDS.server)).toBeDefined();
      expect(lab.count("keystone_auth")).toBe(1);
    },
  );

  it("a region the catalog does not offer is a config error naming what it offers", async () => {
    const c = new ManilaClient(
      manilaSettingsSchema.parse({
        auth_url: lab.authUrl,
        username: "admin",
        password: "lab-password",
        project_name: "admin",
        region: "Mars",
      }),
    );
    const e = await c.getServer(LAB_IDS.server).catch((x: unknown) => x);
    expect((e as FerryError).code).toBe("INVALID_CONFIG");
    expect((e as FerryError).message).toMatch(/public\/RegionOne/);
  });

  it("endpoint overrides the catalog", async () => {
    const c = new ManilaClient(
      manilaSettingsSchema.parse({
        auth_url: lab.authUrl,
        username: "admin",
        password: "lab-password",
        project_name: "admin",
        endpoint: lab.url,
        region: "Mars",
      }),
    );
    expect(await c.getServer(LAB_IDS.server)).toBeDefined();
  });
});

describe("settings from OpenStack's environment", () => {
  it("an openrc's variables are enough; the password is sensitive", () => {
    const s = resolveSettings(
      manilaSettingsSchema,
      {},
      {
        OS_AUTH_URL: lab.authUrl,
        OS_USERNAME: "admin",
        OS_PASSWORD: "s3cret-pw",
        OS_PROJECT_NAME: "admin",
        OS_USER_DOMAIN_NAME: "Default",
        OS_PROJECT_DOMAIN_NAME: "Default",
        OS_REGION_NAME: "RegionOne",
        OS_INSECURE: "true",
        OS_CACERT: "ca.pem",
      },
      "manila provider",
    );
    expect(s).toMatchObject({
      auth_url: lab.authUrl,
      username: "admin",
      project_name: "admin",
      region: "RegionOne",
      insecure: true,
      ca_cert: "ca.pem",
    });
    expect(
      resolveSettings(
        manilaSettingsSchema,
        {},
        { MANILA_ENDPOINT: lab.url, OS_TOKEN: lab.token },
        "manila provider",
      ),
    ).toMatchObject({
      endpoint: lab.url,
    });
  });

  it("a password without a user is named", () => {
    expect(() =>
      resolveSettings(
        manilaSettingsSchema,
        {},
        { OS_AUTH_URL: lab.authUrl, OS_PASSWORD: "x" },
        "manila provider",
      ),
    ).toThrow(/username/);
  });
});

describe("faults", () => {
  it("Manila's fault envelope is surfaced with its kind and message", async () => {
    const e = await fixed()
      .migrationComplete(LAB_IDS.server)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(400);
    expect((e as ApiError).apiCode).toBe("badRequest");
    expect((e as ApiError).apiMessage).toBe(
      `Invalid share server: Share server ${LAB_IDS.server} is not migrating`,
    );
  });

  it("a refused check is a value (plan-time blocker), not an exception", async () => {
    const r = await fixed().migrationCheck(LAB_IDS.server, { ...params, host: "nosuchhost@nosuchbackend" });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.apiMessage).toBe(
        "ServiceNotFound: Service nosuchhost@nosuchbackend could not be found.",
      );
  });

  it("a write answered 5xx is ambiguous (observe before anything else)", async () => {
    lab.faults.inject({ kind: "status", status: 503, commands: ["migration_cancel"] });
    const e = await fixed()
      .migrationCancel(LAB_IDS.server)
      .catch((x: unknown) => x);
    expect((e as FerryError).code).toBe("AMBIGUOUS_WRITE");
    expect(lab.count("migration_cancel")).toBe(0);
  });

  it("a refused token: 401 with a hint, the token not shown", async () => {
    const c = new ManilaClient(manilaSettingsSchema.parse({ endpoint: lab.url, token: "not-a-valid-token" }));
    const e = await c.getServer(LAB_IDS.server).catch((x: unknown) => x);
    expect((e as ApiError).status).toBe(401);
    expect((e as FerryError).message).not.toContain("not-a-valid-token");
  });
});

describe("the lab answers like Manila's casts", () => {
  it.each([
    ["migration_complete", "migration_completing"],
    ["migration_cancel", "migration_cancel_in_progress"],
  ] as const)("%s is answered before the share service takes it", async (action, taken) => {
    const manual = await startManilaLab({ stepMs: 20 });
    manual.model.manual = true;
    try {
      const c = new ManilaClient(manilaSettingsSchema.parse({ endpoint: manual.url, token: manual.token }));
      const id = LAB_IDS.server;
      await c.migrationStart(id, params);
      for (let i = 0; i < 20 && (await c.getServer(id))?.task_state !== "migration_driver_phase1_done"; i++)
        manual.model.advance();
      await (action === "migration_complete" ? c.migrationComplete(id) : c.migrationCancel(id));
      // Answered, yet nothing changed: the request waits in the share service's queue.
      expect((await c.getServer(id))?.task_state).toBe("migration_driver_phase1_done");
      manual.model.advance();
      expect((await c.getServer(id))?.task_state).toBe(taken);
    } finally {
      await manual.stop();
    }
  });
});
