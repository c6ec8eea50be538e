// The Manila lab's estate and its share-server migration state machine, timed like a real Manila 15.1
// (dummy driver): every transition below is one observed step of the captures, `stepMs` apart.
import { randomUUID } from "node:crypto";

export const LAB_PROJECT = "5a7e6b1c0d2f4e3a9b8c7d6e5f4a3b2c";
export const LAB_IDS = {
  server: "21edf01e-575e-43c0-9c34-1a10237013bf",
  network: "49674223-f815-4332-b4ee-3029a3373521",
  secondNetwork: "58b42231-d5bb-4c63-ab66-5ffcaa9fcaf0",
  subnet: "7e837bf1-66c7-4387-9e21-34e04933fe42",
  share: "3532b23d-f645-4c25-bc60-ff14deaf40d9",
} as const;
export const LAB_HOSTS = ["manila-peer@dummy1", "manila-peer@dummy2"] as const;

export interface LabServer {
  id: string;
  project_id: string;
  status: string;
  host: string;
  share_network_id: string;
  share_network_subnet_id: string;
  created_at: string;
  updated_at: string | null;
  task_state: string | null;
  source_share_server_id: string | null;
  ip: number;
  /** null while the server is being created. */
  identifier: string | null;
  /** Changes whenever a migration of this server is started, completed or cancelled; stale timers stop. */
  epoch: number;
  /** Driver-reported phase-1 progress. */
  progress: number;
}

export interface LabShare {
  id: string;
  name: string;
  status: string;
  share_server_id: string;
  created_at: string;
  /** The conditions below make Manila refuse a share-server migration (409, in its own words). */
  soft_deleted?: boolean;
  has_replicas?: boolean;
  share_group_id?: string | null;
  /** Status of each snapshot of the share. */
  snapshots?: string[];
  access_rules_status?: string;
}

export interface MigrationRequest {
  host: string;
  writable: boolean;
  nondisruptive: boolean;
  preserve_snapshots: boolean;
  new_share_network_id: string | null;
}

/** Lab-side knowledge of a back end: what its driver supports. */
export interface LabBackend {
  host: string;
  up: boolean;
  writable: boolean;
  nondisruptive: boolean;
  preserve_snapshots: boolean;
}

interface Pending {
  /** Steps after the operation that scheduled it. */
  due: number;
  seq: number;
  timer?: NodeJS.Timeout;
  run: () => void;
}

function stamp(): string {
  return new Date().toISOString().replace("Z", "").padEnd(26, "0");
}

export class ManilaModel {
  readonly servers = new Map<string, LabServer>();
  readonly shares = new Map<string, LabShare>();
  readonly networks = new Map<string, { id: string; name: string; status: string }>();
  readonly backends = new Map<string, LabBackend>();
  private pending = new Set<Pending>();
  private seq = 0;
  private idleWaiters: (() => void)[] = [];
  private nextIp = 10;

  constructor(public stepMs: number) {
    for (const host of LAB_HOSTS)
      this.backends.set(host, {
        host,
        up: true,
        writable: true,
        nondisruptive: false,
        preserve_snapshots: true,
      });
    this.networks.set(LAB_IDS.network, {
      id: LAB_IDS.network,
      name: "sn-20261122T032859Z",
      status: "active",
    });
    this.networks.set(LAB_IDS.secondNetwork, {
      id: LAB_IDS.secondNetwork,
      name: "sn2-20261122T032859Z",
      status: "active",
    });
    this.addServer({ id: LAB_IDS.server, host: "manila-peer@dummy1" });
    this.shares.set(LAB_IDS.share, {
      id: LAB_IDS.share,
      name: "share-20261122T032859Z",
      status: "available",
      share_server_id: LAB_IDS.server,
      created_at: stamp(),
    });
  }

  /** Adds a share server (with one share when `withShare`). Drift: servers appear behind ferry's back. */
  addServer(p: {
    id?: string;
    host: string;
    status?: string;
    network?: string;
    withShare?: boolean;
  }): LabServer {
    const id = p.id ?? randomUUID();
    const creating = p.status === "creating";
    const s: LabServer = {
      id,
      identifier: creating ? null : id,
      project_id: LAB_PROJECT,
      status: p.status ?? "active",
      host: p.host,
      share_network_id: p.network ?? LAB_IDS.network,
      share_network_subnet_id: LAB_IDS.subnet,
      created_at: stamp(),
      updated_at: creating ? null : stamp(),
      task_state: null,
      source_share_server_id: null,
      ip: this.nextIp++,
      epoch: 0,
      progress: 0,
    };
    this.servers.set(s.id, s);
    if (p.withShare && p.id !== LAB_IDS.server) {
      const share = randomUUID();
      this.shares.set(share, {
        id: share,
        name: `share-${share.slice(0, 8)}`,
        status: "available",
        share_server_id: s.id,
        created_at: stamp(),
      });
    }
    return s;
  }

  sharesOf(serverId: string): LabShare[] {
    return [...this.shares.values()].filter((s) => s.share_server_id === serverId);
  }

  private set(s: LabServer, patch: Partial<LabServer>) {
    Object.assign(s, patch, { updated_at: stamp() });
  }

  private setShares(serverId: string, status: string) {
    for (const sh of this.sharesOf(serverId)) sh.status = status;
  }

  /** Runs `fn` after `steps` ticks, unless the server's migration epoch changed meanwhile. */
  private later(s: LabServer, steps: number, fn: () => void) {
    const epoch = s.epoch;
    const p: Pending = {
      due: steps,
      seq: this.seq++,
      run: () => {
        this.pending.delete(p);
        if (p.timer) clearTimeout(p.timer);
        if (s.epoch === epoch && this.servers.get(s.id) === s) fn();
        if (this.pending.size === 0) for (const w of this.idleWaiters.splice(0)) w();
      },
    };
    this.pending.add(p);
    if (!this.manual) p.timer = setTimeout(p.run, this.stepMs * steps);
  }

  /**
   * Manual clock (tests that must not depend on timing): transitions wait for `advance()`, which runs
   * the next one in the order the real services make them.
   */
  manual = false;

  /** Runs the next pending transition; false when none is pending. */
  advance(): boolean {
    const next = [...this.pending].sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
    if (!next) return false;
    next.run();
    return true;
  }

  /** Phase 1, as the captures show it (the API, the share manager, the driver and the periodic task). */
  start(src: LabServer, req: MigrationRequest) {
    src.epoch++;
    this.set(src, { status: "server_migrating", task_state: "migration_starting" });
    this.setShares(src.id, "server_migrating");
    if (req.nondisruptive && !this.backends.get(req.host)?.nondisruptive) {
      // Accepted with 202, then failed asynchronously: no destination, source back to active.
      this.set(src, { task_state: "migration_in_progress" });
      this.later(src, 2, () => {
        this.set(src, { status: "active", task_state: "migration_error" });
        this.setShares(src.id, "available");
      });
      return;
    }
    // The share manager picks the request up at once — a show right after the 202 already says
    // in_progress, so the lab does it before answering — and creates the destination, not yet
    // linked to the source.
    this.set(src, { task_state: "migration_in_progress" });
    const dst = this.addServer({
      host: req.host,
      status: "creating",
      network: req.new_share_network_id ?? src.share_network_id,
      withShare: false,
    });
    const both = (patch: Partial<LabServer>) => {
      this.set(src, patch);
      this.set(dst, patch);
    };
    this.later(src, 1, () => {
      both({ task_state: "migration_driver_starting" });
      this.set(dst, { status: "server_migrating_to", source_share_server_id: src.id, identifier: dst.id });
    });
    this.later(src, 2, () => both({ task_state: "migration_driver_in_progress", progress: 0 }));
    this.later(src, 3, () => both({ progress: 50 }));
    this.later(src, 4, () => both({ task_state: "migration_driver_phase1_done", progress: 100 }));
  }

  destinationOf(src: LabServer): LabServer | undefined {
    return [...this.servers.values()].find(
      (d) => d.source_share_server_id === src.id && d.status === "server_migrating_to",
    );
  }

  // The API answers migration_complete and migration_cancel before anything changes: it casts the
  // request to the destination's share manager, which sets the task_state when it takes it (a real
  // Manila 15.1 showed the server unchanged for 0.11–0.35 s when idle). The lab takes it one step later.
  complete(src: LabServer, dst: LabServer) {
    src.epoch++;
    this.later(src, 1, () => {
      this.set(src, { task_state: "migration_completing" });
      this.set(dst, { task_state: "migration_completing" });
    });
    this.later(src, 2, () => {
      this.set(src, { status: "deleting", task_state: "migration_success" });
      this.set(dst, { status: "active", task_state: "migration_success" });
      for (const sh of this.sharesOf(src.id)) {
        sh.share_server_id = dst.id;
        sh.status = "available";
      }
    });
    this.later(src, 3, () => this.servers.delete(src.id));
  }

  cancel(src: LabServer) {
    const dst = this.destinationOf(src);
    src.epoch++;
    this.later(src, 1, () => this.set(src, { task_state: "migration_cancel_in_progress" }));
    this.later(src, 2, () => {
      if (dst) this.set(dst, { status: "inactive", task_state: "migration_cancelled" });
      this.set(src, { status: "active", task_state: "migration_cancelled" });
      this.setShares(src.id, "available");
    });
  }

  /** DELETE: the server goes through deleting and is gone one step later. */
  delete(s: LabServer) {
    this.set(s, { status: "deleting" });
    s.epoch++;
    this.later(s, 1, () => this.servers.delete(s.id));
  }

  resetStatus(s: LabServer, status: string) {
    this.set(s, { status });
  }

  resetTaskState(s: LabServer, task: string | null) {
    this.set(s, { task_state: task });
  }

  /** Resolves when no transition is pending. */
  idle(): Promise<void> {
    if (this.manual)
      while (this.advance()) {
        // bounded: every transition runs once, and a run schedules at most a few later ones
      }
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop() {
    for (const p of this.pending) if (p.timer) clearTimeout(p.timer);
    this.pending.clear();
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
