/**
 * A real OpenStack Manila (Debian's packages, started by scripts/manila-peer.sh) for the real-peer
 * tests: start/stop, the fixtures a share-server move needs (a share type, share networks, shares —
 * each share on a new network gets its own share server), and a recording proxy between ferry and
 * Manila that counts the write actions ferry sends.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as z from "zod";
import { commandWorks, findPeer } from "../support/peers.ts";

const run = promisify(execFile);
const SCRIPT = "scripts/manila-peer.sh";

export const peer = findPeer(
  "A real OpenStack Manila (Debian's manila-api, manila-scheduler, manila-share, rabbitmq-server, mariadb-server, python3-pymysql)",
  commandWorks("bash", [SCRIPT, "check"]),
);

async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((ok) => srv.listen(0, "127.0.0.1", ok));
  const address = srv.address();
  await new Promise<void>((ok) => srv.close(() => ok()));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

const shareSchema = z.object({
  id: z.string(),
  status: z.string(),
  host: z.string().nullable().optional(),
  share_server_id: z.string().nullable().optional(),
});
const serverSchema = z.object({
  id: z.string(),
  host: z.string(),
  status: z.string(),
  task_state: z.string().nullable().optional(),
  share_network_id: z.string().nullable().optional(),
  source_share_server_id: z.string().nullable().optional(),
});
export type PeerServer = z.output<typeof serverSchema>;

export interface ShareOnServer {
  shareId: string;
  serverId: string;
  /** host@backend of the server. */
  host: string;
  /** The other back end of the peer: where a move goes. */
  other: string;
  networkId: string;
}

export class ManilaPeer {
  private constructor(
    readonly endpoint: string,
    readonly token: string,
    private readonly state: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async start(): Promise<ManilaPeer> {
    const state = mkdtempSync(join(tmpdir(), "ferry-manila-peer-"));
    const env = {
      ...process.env,
      MANILA_PEER_API_PORT: String(await freePort()),
      MANILA_PEER_AMQP_PORT: String(await freePort()),
      MANILA_PEER_DIST_PORT: String(await freePort()),
      MANILA_PEER_EPMD_PORT: String(await freePort()),
      // If this test process dies before afterAll, the peer stops itself.
      MANILA_PEER_OWNER: String(process.pid),
    };
    try {
      const { stdout } = await run("bash", [SCRIPT, "start", state], { env, timeout: 300_000 });
      const out = Object.fromEntries(
        stdout
          .trim()
          .split("\n")
          .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
      );
      return new ManilaPeer(z.string().parse(out.endpoint), z.string().parse(out.token), state, env);
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new Error(`the Manila peer did not start: ${err.message}\n${err.stderr ?? ""}`);
    }
  }

  async stop(): Promise<void> {
    await run("bash", [SCRIPT, "stop", this.state], { env: this.env, timeout: 120_000 });
    rmSync(this.state, { recursive: true, force: true });
  }

  /** Manila's API at 2.57 with the experimental header, answers parsed as JSON (null when empty). */
  async api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${this.endpoint}/${path}`, {
      method,
      headers: {
        "X-Auth-Token": this.token,
        "X-OpenStack-Manila-API-Version": "2.57",
        "X-OpenStack-Manila-API-Experimental": "True",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  }

  async ok(method: string, path: string, body?: unknown): Promise<unknown> {
    const r = await this.api(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async server(id: string): Promise<PeerServer | undefined> {
    const r = await this.api("GET", `share-servers/${id}`);
    if (r.status === 404) return undefined;
    return z.object({ share_server: serverSchema }).parse(r.body).share_server;
  }

  async share(id: string) {
    return z.object({ share: shareSchema }).parse(await this.ok("GET", `shares/${id}`)).share;
  }

  /** Starts a move around ferry, straight at Manila (not through any proxy). */
  async startByHand(serverId: string, host: string, nondisruptive = false): Promise<void> {
    await this.ok("POST", `share-servers/${serverId}/action`, {
      migration_start: {
        host,
        writable: true,
        nondisruptive,
        preserve_snapshots: true,
        new_share_network_id: null,
      },
    });
  }

  /** Polls `probe` every 500 ms until it returns a value, for at most `seconds`. */
  async until<T>(what: string, seconds: number, probe: () => Promise<T | undefined>): Promise<T> {
    const end = Date.now() + seconds * 1000;
    for (;;) {
      const v = await probe();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`timed out after ${seconds}s waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** The share type that the peer's config names as default (driver_handles_share_servers = True). */
  async createShareType(): Promise<void> {
    await this.ok("POST", "types", {
      share_type: {
        name: "dhss_true",
        extra_specs: { driver_handles_share_servers: "True", snapshot_support: "True" },
      },
    });
  }

  async createNetwork(name: string): Promise<string> {
    const body = await this.ok("POST", "share-networks", { share_network: { name } });
    return z.object({ share_network: z.object({ id: z.string() }) }).parse(body).share_network.id;
  }

  /** A share on a new share network: Manila creates a new share server for it. */
  async createShareOnNewServer(name: string): Promise<ShareOnServer> {
    const networkId = await this.createNetwork(`sn-${name}`);
    const created = await this.ok("POST", "shares", {
      share: { share_proto: "NFS", size: 1, name, share_type: "dhss_true", share_network_id: networkId },
    });
    const shareId = z.object({ share: shareSchema }).parse(created).share.id;
    const share = await this.until(`share ${name} to become available`, 120, async () => {
      const s = await this.share(shareId);
      if (s.status === "error") throw new Error(`share ${name} went to error`);
      return s.status === "available" ? s : undefined;
    });
    const serverId = z.string().parse(share.share_server_id);
    const host = z.string().parse(share.host).split("#")[0] ?? "";
    const other = host.endsWith("@dummy1") ? "manila-peer@dummy2" : "manila-peer@dummy1";
    return { shareId, serverId, host, other, networkId };
  }
}

/** One write as the proxy saw it: the action name (`migration_start` …, `delete_share_server`). */
export interface RecordedWrite {
  action: string;
  path: string;
  status: number;
}

/**
 * An HTTP proxy on loopback in front of the peer that records every write ferry sends through it, so
 * a test can count `migration_start` as the lab's call log would.
 */
export class RecordingProxy {
  readonly writes: RecordedWrite[] = [];
  /**
   * Faults for the next request with a given action: `reset-after` forwards it to Manila and then
   * drops the connection (the answer is lost; the action happened), `503-before` answers 503 without
   * forwarding (the action did not happen; only the writes forwarded are recorded).
   */
  private readonly faults: { action: string; serverId: string; fault: "reset-after" | "503-before" }[] = [];

  /** The next `action` on share server `serverId` meets `fault` (once). */
  inject(action: string, serverId: string, fault: "reset-after" | "503-before"): void {
    this.faults.push({ action, serverId, fault });
  }
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(endpoint: string): Promise<RecordingProxy> {
    const target = new URL(endpoint);
    let self: RecordingProxy | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const action = actionOf(req.method ?? "", req.url ?? "", body);
        const at = self?.faults.findIndex((f) => f.action === action && req.url?.includes(f.serverId)) ?? -1;
        const fault = at >= 0 ? self?.faults.splice(at, 1)[0]?.fault : undefined;
        if (fault === "503-before") {
          res.writeHead(503, { "content-type": "text/plain" });
          res.end("Service Unavailable");
          return;
        }
        const up = request(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: target.host },
          },
          (upRes) => {
            const status = upRes.statusCode ?? 0;
            if (req.method !== "GET" && req.method !== "HEAD") {
              self?.writes.push({ action, path: req.url ?? "", status });
            }
            if (fault === "reset-after") {
              upRes.resume();
              upRes.on("end", () => res.socket?.destroy());
              return;
            }
            res.writeHead(status, upRes.headers);
            upRes.pipe(res);
          },
        );
        up.on("error", () => res.destroy());
        up.end(body);
      });
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const address = server.address();
    if (typeof address !== "object" || address === null) throw new Error("no port");
    self = new RecordingProxy(server, `http://127.0.0.1:${address.port}${target.pathname}`);
    return self;
  }

  count(action: string): number {
    return this.writes.filter((w) => w.action === action).length;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }
}

function actionOf(method: string, url: string, body: Buffer): string {
  if (method === "DELETE" && /\/share-servers\/[^/]+$/.test(url)) return "delete_share_server";
  if (method === "POST" && url.endsWith("/action")) {
    try {
      const parsed = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
      return Object.keys(parsed)[0] ?? "action";
    } catch {
      return "action";
    }
  }
  return `${method} ${url}`;
}
