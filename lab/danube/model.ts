// The Danube Cloud lab's estate and its replica tasks, following erigones/esdc-ce: VMs (masters and
// the slave VMs behind replicas), SlaveVm rows, nodes and their resources, users and tokens, and
// tasks that end after `taskMs` with the effects of Danube's callbacks (api/vm/replica/tasks.py).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { DanubeInventory } from "./inventory.ts";

export type NodeStatus = "online" | "maintenance" | "unreachable" | "unlicensed";
/** Node status codes as Danube stores them (Node.STATUS_DB). */
export const NODE_STATUS_CODES: Record<NodeStatus, number> = {
  maintenance: 1,
  online: 2,
  unreachable: 3,
  unlicensed: 9,
};

export interface LabNode {
  hostname: string;
  uuid: string;
  address: string;
  status: NodeStatus;
  cpu: number;
  ram: number;
  zpools: Record<string, { size: number }>;
  dcs: string[] | undefined;
}

export interface LabVm {
  uuid: string;
  hostname: string;
  alias: string;
  dc: string;
  node: string;
  status: string;
  ostype: number;
  vcpus: number;
  ram: number;
  zpool: string;
  disks: { size: number; zpool: string }[];
  changed: boolean;
  owner: string;
  created: string;
  statusChange: string;
  /** The status before `set_notready` (a create or a failover in flight). */
  beforeNotready?: string | undefined;
}

/** Danube's SlaveVm: the replica row (vm = the slave VM, master = the master VM). */
export interface LabSlave {
  vm: string;
  master: string;
  name: string;
  repId: number;
  /** 0 disabled (no service), 1 paused, 2 enabled. */
  syncStatus: 0 | 1 | 2;
  lastSync: string | null;
  reinitRequired: boolean;
  sleepTime: number;
  bwlimit: number | null;
  enabled: boolean;
  reserve: boolean;
}

export type TaskState = "PENDING" | "STARTED" | "SUCCESS" | "FAILURE" | "REVOKED";

export interface LabTask {
  id: string;
  userId: number;
  dc: string;
  /** The master the task was issued for (its pending tasks show it). */
  vm: string;
  view: string;
  method: string;
  apiview: Record<string, unknown>;
  state: TaskState;
  result: unknown;
  /** Runs the effect of Danube's callback; returns the task result or throws a failure result. */
  effect: () => unknown;
  /** A task that ends only when released (tests: "a task of another kind is pending"). */
  held?: boolean;
  /** The esrep command line Danube would run (lab only: tests read which one a change chose). */
  command?: string;
}

/** A failure the next task of one operation meets (esrep's return code and message). */
export interface InjectedFailure {
  operation: string;
  returncode?: number;
  msg?: string;
  /** Create: esrep initialised the slave before failing, so the replica row is kept. */
  keepReplica?: boolean;
}

export class TaskFailure {
  constructor(readonly result: Record<string, unknown>) {}
}

export interface LabUser {
  id: number;
  username: string;
  password: string;
  apiKey: string;
  admin: boolean;
  apiAccess: boolean;
  token?: { key: string; created: number } | undefined;
}

const iso = (d = new Date()) => d.toISOString().replace(/\.\d+Z$/, "Z");
const isoMicro = (d = new Date()) => d.toISOString().replace(/Z$/, "000Z");
const hex = (n: number) =>
  randomBytes(Math.ceil(n / 2))
    .toString("hex")
    .slice(0, n);

export const REPLICA_PREFIX = "_replica-";

export class DanubeModel {
  readonly dcs: string[];
  readonly users = new Map<string, LabUser>();
  readonly nodes = new Map<string, LabNode>();
  /** Every VM by UUID: masters and slave VMs. */
  readonly vms = new Map<string, LabVm>();
  readonly slaves: LabSlave[] = [];
  readonly tasks = new Map<string, LabTask>();
  /** Replica task locks (`vm_replica vm:<master uuid>`). */
  readonly locks = new Set<string>();
  readonly failures: InjectedFailure[] = [];
  taskMs: number;
  replicaLimit: number;
  replicationEnabled: boolean;
  tokenTtlMs: number;
  streamNapMs: number;
  /** Manual clock: tasks end only on `advance()` (tests that must not depend on timing). */
  manual = false;
  private timers = new Map<string, NodeJS.Timeout[]>();
  private idleWaiters: (() => void)[] = [];

  constructor(inv: DanubeInventory) {
    this.taskMs = inv.settings.taskMs;
    this.replicaLimit = inv.settings.replicaLimit;
    this.replicationEnabled = inv.settings.replicationEnabled;
    this.tokenTtlMs = inv.settings.tokenTtlSeconds * 1000;
    this.streamNapMs = inv.settings.streamNapMs;
    this.dcs = [...inv.dcs];
    inv.users.forEach((u, i) => {
      this.users.set(u.username, {
        id: i + 1,
        username: u.username,
        password: u.password,
        apiKey: u.apiKey ?? hex(40),
        admin: u.admin,
        apiAccess: u.apiAccess,
      });
    });
    for (const n of inv.nodes)
      this.nodes.set(n.hostname, {
        hostname: n.hostname,
        uuid: randomUUID(),
        address: n.address,
        status: n.status,
        cpu: n.cpu,
        ram: n.ram,
        zpools: structuredClone(n.zpools),
        dcs: n.dcs,
      });
    const created = isoMicro(new Date(Date.now() - 86_400_000));
    for (const v of inv.vms) {
      const vm: LabVm = {
        uuid: v.uuid ?? randomUUID(),
        hostname: v.hostname,
        alias: v.hostname.split(".")[0] ?? v.hostname,
        dc: v.dc ?? this.dcs[0]!,
        node: v.node,
        status: v.status,
        ostype: v.ostype,
        vcpus: v.vcpus,
        ram: v.ram,
        zpool: v.zpool,
        disks: structuredClone(v.disks),
        changed: v.changed,
        owner: "admin",
        created,
        statusChange: created,
      };
      this.vms.set(vm.uuid, vm);
    }
    for (const r of inv.replicas) {
      const master = this.master(this.dcOf(r.vm), r.vm)!;
      const slave = this.newSlaveVm(master, this.slavesOf(master).length + 1, r.node, r.uuid);
      slave.status = "stopped";
      this.slaves.push({
        vm: slave.uuid,
        master: master.uuid,
        name: r.repname,
        repId: this.slavesOf(master).length + 1,
        syncStatus: r.enabled ? 2 : r.reinitRequired ? 0 : 1,
        lastSync: r.lastSync,
        reinitRequired: r.reinitRequired,
        sleepTime: r.sleepTime,
        bwlimit: r.bwlimit,
        enabled: r.enabled,
        reserve: r.reserveResources,
      });
    }
  }

  private dcOf(hostname: string): string {
    return [...this.vms.values()].find((v) => v.hostname === hostname)?.dc ?? this.dcs[0]!;
  }

  // -------------------------------------------------------------------------------------------------
  // lookups

  isSlave(vm: LabVm): boolean {
    return this.slaves.some((s) => s.vm === vm.uuid);
  }

  /** A master VM by hostname or UUID in a datacenter (slave VMs are never found, as in Danube). */
  master(dc: string, hostnameOrUuid: string): LabVm | undefined {
    for (const vm of this.vms.values())
      if (vm.dc === dc && (vm.hostname === hostnameOrUuid || vm.uuid === hostnameOrUuid) && !this.isSlave(vm))
        return vm;
    return undefined;
  }

  masters(dc: string): LabVm[] {
    return [...this.vms.values()]
      .filter((v) => v.dc === dc && !this.isSlave(v))
      .sort((a, b) => a.hostname.localeCompare(b.hostname));
  }

  slavesOf(master: LabVm): LabSlave[] {
    return this.slaves.filter((s) => s.master === master.uuid).sort((a, b) => a.name.localeCompare(b.name));
  }

  slave(master: LabVm, repname: string): LabSlave | undefined {
    return this.slaves.find((s) => s.master === master.uuid && s.name === repname);
  }

  nodesOf(dc: string): LabNode[] {
    return [...this.nodes.values()]
      .filter((n) => !n.dcs || n.dcs.includes(dc))
      .sort((a, b) => a.hostname.localeCompare(b.hostname));
  }

  /** Free vCPUs and RAM of a node: what its masters and its reserving slave VMs do not take. */
  free(node: string): { cpu: number; ram: number } {
    const n = this.nodes.get(node);
    if (!n) return { cpu: 0, ram: 0 };
    let cpu = n.cpu;
    let ram = n.ram;
    for (const vm of this.vms.values()) {
      if (vm.node !== node) continue;
      const slave = this.slaves.find((s) => s.vm === vm.uuid);
      if (slave && !slave.reserve) continue;
      cpu -= vm.vcpus;
      ram -= vm.ram;
    }
    return { cpu, ram };
  }

  zpoolFree(node: string, zpool: string): number {
    const size = this.nodes.get(node)?.zpools[zpool]?.size ?? 0;
    let used = 0;
    for (const vm of this.vms.values())
      if (vm.node === node) for (const d of vm.disks) if (d.zpool === zpool) used += d.size;
    return size - used;
  }

  /** Pending tasks of a VM (its UserTasks entries), in the order they were issued. */
  pendingOf(vm: LabVm): LabTask[] {
    return [...this.tasks.values()].filter(
      (t) => t.vm === vm.uuid && (t.state === "PENDING" || t.state === "STARTED"),
    );
  }

  // -------------------------------------------------------------------------------------------------
  // ids and users

  taskId(user: LabUser, dc: string, dummy: boolean): string {
    const dcId = this.dcs.indexOf(dc) + 1;
    const first = dummy ? createHash("md5").update(String(user.id)).digest("hex").slice(-8) : hex(8);
    return `${user.id}${dummy ? "d" : "e"}1d${dcId}-${first}-${hex(4)}-${hex(4)}-${hex(4)}`;
  }

  login(user: LabUser): { key: string; expires: string } {
    // A new login deletes the user's token and makes a new one.
    const key = hex(40);
    user.token = { key, created: Date.now() };
    return { key, expires: new Date(user.token.created + this.tokenTtlMs).toISOString() };
  }

  /** Makes every token look older than AUTHTOKEN_DURATION (tests: a token that expired mid-run). */
  expireTokens(): void {
    for (const u of this.users.values()) if (u.token) u.token.created -= this.tokenTtlMs + 1000;
  }

  // -------------------------------------------------------------------------------------------------
  // notready (the master's `-` statuses)

  setNotready(vm: LabVm): void {
    vm.beforeNotready = vm.status;
    vm.status =
      { stopped: "stopped-", running: "running-", frozen: "frozen-", notcreated: "notcreated-" }[vm.status] ??
      "notready";
    vm.statusChange = isoMicro();
  }

  revertNotready(vm: LabVm): void {
    if (vm.beforeNotready === undefined) return;
    vm.status = vm.status === "notready" && vm.beforeNotready === "notready" ? "notready" : vm.beforeNotready;
    vm.beforeNotready = undefined;
    vm.statusChange = isoMicro();
  }

  // -------------------------------------------------------------------------------------------------
  // slave VMs

  newSlaveVm(master: LabVm, repId: number, node: string, uuid?: string): LabVm {
    const vm: LabVm = {
      ...structuredClone(master),
      uuid: uuid ?? randomUUID(),
      hostname: `${REPLICA_PREFIX}${repId}-${master.hostname}`,
      node,
      status: "notcreated",
      created: isoMicro(),
      statusChange: isoMicro(),
      changed: false,
      beforeNotready: undefined,
    };
    this.vms.set(vm.uuid, vm);
    return vm;
  }

  removeSlave(slave: LabSlave): void {
    const i = this.slaves.indexOf(slave);
    if (i >= 0) this.slaves.splice(i, 1);
    this.vms.delete(slave.vm);
  }

  /** Danube's `fail_over()`: the slave VM takes the hostname and becomes the master. */
  swap(slave: LabSlave): LabVm {
    const oldMaster = this.vms.get(slave.master)!;
    const newMaster = this.vms.get(slave.vm)!;
    [newMaster.hostname, oldMaster.hostname] = [oldMaster.hostname, newMaster.hostname];
    [newMaster.created, oldMaster.created] = [oldMaster.created, newMaster.created];
    slave.master = newMaster.uuid;
    slave.vm = oldMaster.uuid;
    slave.reinitRequired = true;
    return newMaster;
  }

  /** A failover done by hand (or by another tool): the effect of a successful failover task. */
  failoverByHand(hostname: string, repname: string, dc = this.dcs[0]!): void {
    const master = this.master(dc, hostname);
    const slave = master && this.slave(master, repname);
    if (!master || !slave) throw new Error(`no replica ${repname} of ${hostname}`);
    const wasRunning = master.status === "running";
    slave.syncStatus = 0;
    master.status = "stopped";
    const promoted = this.swap(slave);
    promoted.status = wasRunning ? "running" : "stopped";
  }

  // -------------------------------------------------------------------------------------------------
  // drift: the estate changed behind the client's back

  setNodeStatus(hostname: string, status: NodeStatus): void {
    const n = this.nodes.get(hostname);
    if (!n) throw new Error(`no node ${hostname}`);
    n.status = status;
  }

  setVmStatus(hostname: string, status: string, dc = this.dcs[0]!): void {
    const vm = this.master(dc, hostname);
    if (!vm) throw new Error(`no VM ${hostname}`);
    vm.status = status;
  }

  /** A task of another kind on the VM (a snapshot, a backup …): Danube's "VM has pending tasks". */
  addPendingTask(hostname: string, view: string, method: string, dc = this.dcs[0]!): LabTask {
    const vm = this.master(dc, hostname);
    if (!vm) throw new Error(`no VM ${hostname}`);
    const admin = [...this.users.values()].find((u) => u.admin)!;
    const task = this.startTask({
      user: admin,
      dc,
      vm,
      view,
      method,
      apiview: { view, method, hostname: vm.hostname },
      effect: () => ({ returncode: 0, message: "done" }),
      held: true,
    });
    return task;
  }

  /** Ends a held task successfully. */
  release(taskId: string): void {
    const t = this.tasks.get(taskId);
    if (t) {
      t.held = false;
      this.finish(t);
    }
  }

  // -------------------------------------------------------------------------------------------------
  // tasks

  startTask(p: {
    user: LabUser;
    dc: string;
    vm: LabVm;
    view: string;
    method: string;
    apiview: Record<string, unknown>;
    effect: () => unknown;
    lock?: string;
    held?: boolean;
    command?: string;
  }): LabTask {
    const task: LabTask = {
      id: this.taskId(p.user, p.dc, false),
      userId: p.user.id,
      dc: p.dc,
      vm: p.vm.uuid,
      view: p.view,
      method: p.method,
      apiview: { ...p.apiview, time: isoMicro() },
      state: "PENDING",
      result: null,
      effect: p.effect,
      ...(p.held ? { held: true } : {}),
      ...(p.command ? { command: p.command } : {}),
    };
    this.tasks.set(task.id, task);
    if (p.lock) this.locks.add(p.lock);
    const lock = p.lock;
    const done = () => {
      if (lock) this.locks.delete(lock);
    };
    task.effect = () => {
      try {
        return p.effect();
      } finally {
        done();
      }
    };
    if (!this.manual && !p.held) this.schedule(task);
    return task;
  }

  private schedule(task: LabTask): void {
    const started = setTimeout(
      () => {
        if (task.state === "PENDING") task.state = "STARTED";
      },
      Math.floor(this.taskMs / 3),
    );
    const ended = setTimeout(() => this.finish(task), this.taskMs);
    this.timers.set(task.id, [started, ended]);
  }

  private finish(task: LabTask): void {
    if (task.state !== "PENDING" && task.state !== "STARTED") return;
    for (const t of this.timers.get(task.id) ?? []) clearTimeout(t);
    this.timers.delete(task.id);
    try {
      task.result = task.effect();
      task.state = "SUCCESS";
    } catch (e) {
      if (!(e instanceof TaskFailure)) throw e;
      task.result = e.result;
      task.state = "FAILURE";
    }
    if (this.running().length === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  /** Tasks still running (held ones excepted). */
  running(): LabTask[] {
    return [...this.tasks.values()].filter(
      (t) => (t.state === "PENDING" || t.state === "STARTED") && !t.held,
    );
  }

  /** Ends the oldest running task; false when none runs. */
  advance(): boolean {
    const next = this.running()[0];
    if (!next) return false;
    this.finish(next);
    return true;
  }

  /** Resolves when no task runs (in manual mode: runs them all). */
  idle(): Promise<void> {
    if (this.manual)
      while (this.advance()) {
        // bounded: every task ends once and starts no other
      }
    if (this.running().length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  takeFailure(operation: string): InjectedFailure | undefined {
    const i = this.failures.findIndex((f) => f.operation === operation);
    return i >= 0 ? this.failures.splice(i, 1)[0] : undefined;
  }

  stop(): void {
    for (const ts of this.timers.values()) for (const t of ts) clearTimeout(t);
    this.timers.clear();
    for (const w of this.idleWaiters.splice(0)) w();
  }
}

export { iso, isoMicro };
