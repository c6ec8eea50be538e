// The Danube Cloud lab's views: what api/vm/replica (vm_replica.py, vm_replica_action.py,
// serializers.py, tasks.py), api/vm, api/node and api/task answer — checks in Danube's order, with its
// HTTP codes and texts, and the task envelope on every answer. Texts Danube takes from Django (the
// RegexField and length messages) are Django's defaults [I: not read in esdc's copy].
import {
  type DanubeModel,
  isoMicro,
  type LabNode,
  type LabSlave,
  type LabTask,
  type LabUser,
  type LabVm,
  NODE_STATUS_CODES,
  TaskFailure,
} from "./model.ts";

export class Answer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
    /** A task the answer started (201): an ES-STREAM client waits for it on the same connection. */
    readonly task?: LabTask,
  ) {}
}

export interface ViewContext {
  model: DanubeModel;
  user: LabUser;
  dc: string;
  data: Record<string, unknown>;
}

export function detail(status: number, text: unknown): Answer {
  return new Answer(status, { detail: text });
}

function dummy(ctx: ViewContext, state: "SUCCESS" | "FAILURE", result: unknown, status: number): Answer {
  const id = ctx.model.taskId(ctx.user, ctx.dc, true);
  return new Answer(status, { task_id: id, status: state, result }, { es_task_id: id });
}

export function success(ctx: ViewContext, result: unknown, status = 200): Answer {
  return dummy(ctx, "SUCCESS", result, status);
}

export function failure(ctx: ViewContext, result: unknown, status = 400): Answer {
  return dummy(ctx, "FAILURE", result, status);
}

function taskAnswer(task: LabTask): Answer {
  return new Answer(
    201,
    { task_id: task.id, status: task.state, result: null },
    { es_task_id: task.id, es_task_response: "true" },
    task,
  );
}

const TRUE = ["true", "True", "t", "1", "yes", "on"];
const FALSE = ["false", "False", "f", "0", "no", "off"];

function truthy(v: unknown): boolean {
  return v === true || (typeof v === "string" && TRUE.includes(v)) || v === 1;
}

// -------------------------------------------------------------------------------------------------
// serializer fields (api/fields.py messages)

type Errors = Record<string, string[]>;

function intField(errors: Errors, key: string, v: unknown, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n =
    typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n)) errors[key] = ["Enter a whole number."];
  else if (n < min) errors[key] = [`Ensure this value is greater than or equal to ${min}.`];
  else if (n > max) errors[key] = [`Ensure this value is less than or equal to ${max}.`];
  else return n;
  return undefined;
}

function boolField(errors: Errors, key: string, v: unknown): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && TRUE.includes(v)) return true;
  if (typeof v === "string" && FALSE.includes(v)) return false;
  errors[key] = [`'${String(v)}' value must be either True or False.`];
  return undefined;
}

function nodeView(model: DanubeModel, n: LabNode): Record<string, unknown> {
  const free = model.free(n.hostname);
  return {
    hostname: n.hostname,
    address: n.address,
    status: NODE_STATUS_CODES[n.status],
    node_status: n.status,
    owner: "admin",
    is_head: n.hostname === [...model.nodes.keys()][0],
    cpu: n.cpu,
    ram: n.ram,
    cpu_free: free.cpu,
    ram_free: free.ram,
    ram_kvm_overhead: 0,
  };
}

export function vmView(model: DanubeModel, vm: LabVm): Record<string, unknown> {
  return {
    hostname: vm.hostname,
    uuid: vm.uuid,
    alias: vm.alias,
    node: vm.node,
    owner: vm.owner,
    status: vm.status,
    node_status: model.nodes.get(vm.node)?.status ?? "unknown",
    vcpus: vm.vcpus,
    ram: vm.ram,
    disk: vm.disks.reduce((a, d) => a + d.size, 0),
    ips: [],
    uptime: vm.status === "running" ? 3600 : 0,
    locked: model.slavesOf(vm).length > 0,
    tags: [],
    changed: vm.changed,
  };
}

export function vmStatusView(model: DanubeModel, vm: LabVm): Record<string, unknown> {
  return {
    hostname: vm.hostname,
    uuid: vm.uuid,
    alias: vm.alias,
    status: vm.status,
    status_change: vm.statusChange,
    node_status: model.nodes.get(vm.node)?.status ?? "unknown",
    tasks: Object.fromEntries(model.pendingOf(vm).map((t) => [t.id, t.apiview])),
    uptime: vm.status === "running" ? 3600 : 0,
  };
}

/** VmReplicaSerializer: the replica as GET shows it, fields in Danube's order. */
export function replicaView(model: DanubeModel, s: LabSlave): Record<string, unknown> {
  const master = model.vms.get(s.master)!;
  const vm = model.vms.get(s.vm)!;
  const hvm = [1, 2, 3, 4].includes(vm.ostype);
  return {
    hostname: master.hostname,
    repname: s.name,
    node: vm.node,
    root_zpool: vm.zpool !== master.zpool ? vm.zpool : null,
    disk_zpools: hvm
      ? Object.fromEntries(
          vm.disks.flatMap((d, i) => (d.zpool !== master.disks[i]?.zpool ? [[String(i + 1), d.zpool]] : [])),
        )
      : {},
    reserve_resources: s.reserve,
    sleep_time: s.sleepTime,
    enabled: s.syncStatus === 2,
    bwlimit: s.bwlimit,
    last_sync: s.lastSync,
    reinit_required: s.reinitRequired,
    node_status: model.nodes.get(vm.node)?.status ?? "unknown",
    created: vm.created,
  };
}

/** The task result of a replica task that succeeded (`_update_task_result_success`). */
function taskResult(
  model: DanubeModel,
  s: LabSlave,
  method: string,
  message: string,
): Record<string, unknown> {
  const master = model.vms.get(s.master)!;
  const base = {
    returncode: 0,
    message,
    detail: `repname='${s.name}', msg='Successfully ${method === "DELETE" ? "destroyed" : "done"}', rc=0, time_elapsed=${(model.taskMs / 1000).toFixed(1)}`,
    hostname: master.hostname,
    repname: s.name,
  };
  if (method === "DELETE") return { ...base, last_sync: null, enabled: null };
  return {
    ...base,
    node: model.vms.get(s.vm)!.node,
    reserve_resources: s.reserve,
    sleep_time: s.sleepTime,
    enabled: s.syncStatus === 2,
    reinit_required: s.reinitRequired,
    last_sync: s.lastSync,
  };
}

function taskFailed(s: { name: string }, returncode: number, msg: string): TaskFailure {
  const detailText = `repname='${s.name}', msg='${msg}', rc=${returncode}`;
  return new TaskFailure({
    returncode,
    message: `Got bad return code (${returncode})`,
    detail: `Got bad return code (${returncode}). Error: ${detailText}`,
  });
}

// -------------------------------------------------------------------------------------------------
// replica views

const OPERATIONAL = ["running", "stopped", "stopping"];

interface Lookup {
  vm: LabVm;
  slave: LabSlave | undefined;
}

/** VmReplicaBaseView.__init__: get_vm (with the master node check for writes), then the slave. */
function lookup(
  ctx: ViewContext,
  host: string,
  repname: string | undefined,
  checkNode: boolean,
): Lookup | Answer {
  const vm = ctx.model.master(ctx.dc, host);
  if (!vm) return detail(404, "VM not found");
  if (checkNode && ctx.model.nodes.get(vm.node)?.status !== "online")
    return detail(423, "Node is not operational");
  return { vm, slave: repname === undefined ? undefined : ctx.model.slave(vm, repname) };
}

/** The lookup of a view on one existing replica (GET, PUT, DELETE, failover, reinit). */
function lookupReplica(
  ctx: ViewContext,
  host: string,
  repname: string,
  checkNode: boolean,
): { vm: LabVm; slave: LabSlave } | Answer {
  const l = lookup(ctx, host, repname, checkNode);
  if (l instanceof Answer) return l;
  return l.slave ? { vm: l.vm, slave: l.slave } : detail(404, "Slave VM not found");
}

/** `_check_slave_vm_node` then `execute(…, lock=…)`: the last checks before a task is sent. */
function execute(
  ctx: ViewContext,
  vm: LabVm,
  slave: LabSlave,
  view: string,
  method: string,
  effect: () => unknown,
  command: string,
  extra: Record<string, unknown> = {},
): Answer {
  const slaveVm = ctx.model.vms.get(slave.vm)!;
  if (ctx.model.nodes.get(slaveVm.node)?.status !== "online") return detail(423, "Node is not operational");
  const lock = `vm_replica vm:${vm.uuid}`;
  if (ctx.model.locks.has(lock)) return failure(ctx, "Task did not acquire lock");
  const task = ctx.model.startTask({
    user: ctx.user,
    dc: ctx.dc,
    vm,
    view,
    method,
    apiview: { view, method, hostname: vm.hostname, repname: slave.name, ...extra },
    effect,
    lock,
    command,
  });
  return taskAnswer(task);
}

export function replicaList(ctx: ViewContext, host: string): Answer {
  const l = lookup(ctx, host, undefined, false);
  if (l instanceof Answer) return l;
  const slaves = ctx.model.slavesOf(l.vm);
  return success(
    ctx,
    truthy(ctx.data.full) ? slaves.map((s) => replicaView(ctx.model, s)) : slaves.map((s) => s.name),
  );
}

export function replicaGet(ctx: ViewContext, host: string, repname: string): Answer {
  const l = lookupReplica(ctx, host, repname, false);
  return l instanceof Answer ? l : success(ctx, replicaView(ctx.model, l.slave));
}

const REPNAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function replicaCreate(ctx: ViewContext, host: string, repname: string): Answer {
  const { model, data } = ctx;
  const l = lookup(ctx, host, repname, true);
  if (l instanceof Answer) return l;
  const { vm } = l;
  if (l.slave) return detail(406, "Slave VM already exists");
  if (!["stopped", "running"].includes(vm.status)) return detail(423, "VM is not stopped or running");
  if (vm.changed) return detail(428, "VM definition has changed; Update first");

  // VmReplicaSerializer (POST)
  const errors: Errors = {};
  if (repname.length > 24)
    errors.repname = [`Ensure this value has at most 24 characters (it has ${repname.length}).`];
  else if (!REPNAME.test(repname)) errors.repname = ["Enter a valid value."];
  const hvm = [1, 2, 3, 4].includes(vm.ostype);
  let node: LabNode | undefined;
  if (data.node === undefined || data.node === null || data.node === "")
    errors.node = ["This field is required."];
  else {
    node = model.nodesOf(ctx.dc).find((n) => n.hostname === String(data.node));
    if (!node) errors.node = [`Object with hostname=${String(data.node)} does not exist.`];
    else if (node.hostname === vm.node) errors.node = ["Target node is the same as current node."];
    else if (node.status !== "online") errors.node = ["Target node is not in online state."];
  }
  let rootZpool: string | undefined;
  if (data.root_zpool !== undefined && data.root_zpool !== null) {
    rootZpool = String(data.root_zpool);
    if (rootZpool.length > 64)
      errors.root_zpool = [`Ensure this value has at most 64 characters (it has ${rootZpool.length}).`];
  }
  const diskZpools: Record<number, string> = {};
  if (hvm && data.disk_zpools !== undefined && data.disk_zpools !== null) {
    const dz = data.disk_zpools;
    if (typeof dz !== "object" || Array.isArray(dz)) errors.disk_zpools = ["Enter a valid value."];
    else {
      const entries = Object.entries(dz as Record<string, unknown>);
      if (entries.length > vm.disks.length)
        errors.disk_zpools = [
          `Ensure this value has at most ${vm.disks.length} items (it has ${entries.length}).`,
        ];
      for (const [k, z] of entries) {
        if (!/^\d+$/.test(k)) errors.disk_zpools = ["Enter a whole number."];
        else if (Number(k) < 1) errors.disk_zpools = ["Ensure this value is greater than or equal to 1."];
        else if (Number(k) > 2) errors.disk_zpools = ["Ensure this value is less than or equal to 2."];
        else diskZpools[Number(k)] = String(z);
      }
      if (!errors.disk_zpools && Object.keys(diskZpools).some((k) => Number(k) > vm.disks.length))
        errors.disk_zpools = ["Invalid disk_id."];
    }
  }
  const reserve = boolField(errors, "reserve_resources", data.reserve_resources) ?? true;
  const sleepTime = intField(errors, "sleep_time", data.sleep_time, 0, 86400) ?? 60;
  const enabled = boolField(errors, "enabled", data.enabled) ?? true;
  const bwlimit =
    data.bwlimit === null ? null : (intField(errors, "bwlimit", data.bwlimit, 0, 2147483647) ?? null);
  // validate(): the replica limit, then _validate_create on the target node
  const total = model.slavesOf(vm).length;
  if (total >= model.replicaLimit) errors.non_field_errors = ["Maximum number of server replicas reached."];
  else if (node && !errors.node) {
    const root = rootZpool ?? vm.zpool;
    const wanted = [root, ...(hvm ? vm.disks.map((d, i) => diskZpools[i + 1] ?? d.zpool) : [])];
    const missing = wanted.find((z) => !node.zpools[z]);
    if (missing) errors.node = [`Storage with zpool=${missing} does not exist on target node.`];
    else {
      const free = model.free(node.hostname);
      if (reserve && (free.cpu < vm.vcpus || free.ram < vm.ram))
        errors.node = ["Not enough free resources on target node."];
      else {
        const need = new Map<string, number>();
        (hvm ? vm.disks : []).forEach((d, i) => {
          const z = diskZpools[i + 1] ?? d.zpool;
          need.set(z, (need.get(z) ?? 0) + d.size);
        });
        for (const [z, size] of need)
          if (size > model.zpoolFree(node.hostname, z))
            errors.node = [`Not enough free disk space on target storage with zpool=${z}.`];
      }
    }
  }
  if (Object.keys(errors).length) return failure(ctx, errors);
  if (model.pendingOf(vm).length) return detail(409, "VM has pending tasks");

  // vm.set_notready(); the slave VM is saved before the task is sent
  model.setNotready(vm);
  const slaveVm = model.newSlaveVm(vm, total + 1, node!.hostname);
  slaveVm.zpool = rootZpool ?? vm.zpool;
  slaveVm.disks = vm.disks.map((d, i) => ({ size: d.size, zpool: diskZpools[i + 1] ?? d.zpool }));
  const slave: LabSlave = {
    vm: slaveVm.uuid,
    master: vm.uuid,
    name: repname,
    repId: total + 1,
    syncStatus: 0,
    lastSync: null,
    reinitRequired: false,
    sleepTime,
    bwlimit,
    enabled,
    reserve,
  };
  model.slaves.push(slave);
  const answer = execute(
    ctx,
    vm,
    slave,
    "vm_replica",
    "POST",
    () => {
      model.revertNotready(vm);
      const fail = model.takeFailure("vm_replica_create");
      if (fail) {
        if (fail.keepReplica) {
          slaveVm.status = "stopped";
          slave.lastSync = new Date().toISOString().replace(/\.\d+Z$/, "Z");
        } else model.removeSlave(slave);
        throw taskFailed(slave, fail.returncode ?? 1, fail.msg ?? "esrep init failed");
      }
      slaveVm.status = "stopped";
      slave.lastSync = new Date().toISOString().replace(/\.\d+Z$/, "Z");
      slave.syncStatus = enabled ? 2 : 1;
      return taskResult(model, slave, "POST", "Server replica was successfully initialized");
    },
    "esrep init && esrep svc-create",
  );
  if (answer.status !== 201) {
    model.revertNotready(vm);
    model.removeSlave(slave);
  }
  return answer;
}

const UPDATE_FIELDS = ["reserve_resources", "sleep_time", "enabled", "bwlimit"];

export function replicaUpdate(ctx: ViewContext, host: string, repname: string): Answer {
  const { model, data } = ctx;
  const l = lookupReplica(ctx, host, repname, true);
  if (l instanceof Answer) return l;
  const { vm, slave } = l;
  if (!OPERATIONAL.includes(vm.status)) return detail(423, "VM is not operational");
  if (slave.reinitRequired) return detail(428, "Reinitialization is required");
  const serviceExists = slave.syncStatus !== 0;
  const errors: Errors = {};
  const reserve = boolField(errors, "reserve_resources", data.reserve_resources);
  const sleepTime = intField(errors, "sleep_time", data.sleep_time, 0, 86400);
  const enabled = boolField(errors, "enabled", data.enabled);
  const bwlimit = data.bwlimit === null ? null : intField(errors, "bwlimit", data.bwlimit, 0, 2147483647);
  const reserveChanged = reserve !== undefined && reserve !== slave.reserve;
  if (reserveChanged && reserve) {
    const free = model.free(model.vms.get(slave.vm)!.node);
    if (free.cpu < vm.vcpus || free.ram < vm.ram) errors.node = ["Not enough free resources on target node."];
  }
  if (Object.keys(errors).length) return failure(ctx, errors);
  const sent = UPDATE_FIELDS.filter((k) => k in data);
  const onlyOne = sent.length === 1;
  if (reserveChanged) {
    slave.reserve = reserve!;
    if (onlyOne) return success(ctx, replicaView(model, slave), 205);
  }
  const next = {
    sleepTime: sleepTime ?? slave.sleepTime,
    enabled: enabled ?? slave.enabled,
    bwlimit: "bwlimit" in data ? (bwlimit ?? null) : slave.bwlimit,
  };
  // svc-enable / svc-disable when only `enabled` was sent to an existing service; else re-created
  const command =
    serviceExists && onlyOne && sent[0] === "enabled"
      ? next.enabled
        ? "esrep svc-enable"
        : "esrep svc-disable"
      : `${serviceExists ? "esrep svc-remove && " : ""}esrep svc-create`;
  return execute(
    ctx,
    vm,
    slave,
    "vm_replica",
    "PUT",
    () => {
      const fail = model.takeFailure("vm_replica_update");
      if (fail) throw taskFailed(slave, fail.returncode ?? 1, fail.msg ?? "esrep svc-create failed");
      slave.sleepTime = next.sleepTime;
      slave.bwlimit = next.bwlimit;
      slave.enabled = next.enabled;
      slave.syncStatus = next.enabled ? 2 : 1;
      return taskResult(model, slave, "PUT", "Server replication service was successfully updated");
    },
    command,
  );
}

export function replicaDelete(ctx: ViewContext, host: string, repname: string): Answer {
  const { model } = ctx;
  const l = lookupReplica(ctx, host, repname, true);
  if (l instanceof Answer) return l;
  const { vm, slave } = l;
  if (!OPERATIONAL.includes(vm.status)) return detail(423, "VM is not operational");
  return execute(
    ctx,
    vm,
    slave,
    "vm_replica",
    "DELETE",
    () => {
      const fail = model.takeFailure("vm_replica_delete");
      if (fail) throw taskFailed(slave, fail.returncode ?? 1, fail.msg ?? "esrep destroy failed");
      const result = taskResult(model, slave, "DELETE", "Server replica was successfully destroyed");
      model.removeSlave(slave);
      return result;
    },
    slave.reinitRequired
      ? "esrep destroy-clear"
      : `${slave.syncStatus ? "esrep svc-remove && " : ""}esrep destroy`,
    {
      force: slave.reinitRequired,
    },
  );
}

export function replicaFailover(ctx: ViewContext, host: string, repname: string): Answer {
  const { model, data } = ctx;
  // _check_node_status = None: the master's node may be down (that is what a failover is for)
  const l = lookupReplica(ctx, host, repname, false);
  if (l instanceof Answer) return l;
  const { vm, slave } = l;
  if (slave.reinitRequired) return detail(428, "Reinitialization is required");
  const slaveVm = model.vms.get(slave.vm)!;
  if (!slave.reserve) {
    const free = model.free(slaveVm.node);
    if (free.cpu < vm.vcpus || free.ram < vm.ram)
      return detail(428, "Not enough free resources on target node");
  }
  const pending = model.pendingOf(vm);
  const force = pending.length > 0 && truthy(data.force);
  if (pending.length && !force) return detail(409, "VM has pending tasks");
  const origStatus = vm.status;
  model.setNotready(vm);
  const answer = execute(
    ctx,
    vm,
    slave,
    "vm_replica_failover",
    "PUT",
    () => {
      const fail = model.takeFailure("vm_replica_failover");
      if (fail) {
        model.revertNotready(vm);
        throw taskFailed(slave, fail.returncode ?? 1, fail.msg ?? "esrep failover failed");
      }
      // With force, the master's other pending tasks are deleted.
      if (force)
        for (const t of model.pendingOf(vm)) if (t.view !== "vm_replica_failover") model.tasks.delete(t.id);
      slave.syncStatus = 0; // svc-remove && failover
      model.revertNotready(vm);
      vm.status = "stopped"; // vmadm stop -F of the old master
      vm.statusChange = isoMicro();
      const promoted = model.swap(slave);
      promoted.status = origStatus === "running" ? "running" : "stopped";
      promoted.statusChange = isoMicro();
      return taskResult(model, slave, "PUT", "Server replica was successfully promoted to master");
    },
    `${slave.syncStatus ? "esrep svc-remove && " : ""}esrep failover`,
    { force, orig_status: origStatus },
  );
  if (answer.status !== 201) model.revertNotready(vm);
  return answer;
}

export function replicaReinit(ctx: ViewContext, host: string, repname: string): Answer {
  const { model } = ctx;
  const l = lookupReplica(ctx, host, repname, true);
  if (l instanceof Answer) return l;
  const { vm, slave } = l;
  if (!OPERATIONAL.includes(vm.status)) return detail(423, "VM is not operational");
  if (!slave.reinitRequired) return detail(428, "Reinitialization is not required");
  return execute(
    ctx,
    vm,
    slave,
    "vm_replica_reinit",
    "PUT",
    () => {
      const fail = model.takeFailure("vm_replica_reinit");
      if (fail) throw taskFailed(slave, fail.returncode ?? 1, fail.msg ?? "esrep reinit failed");
      slave.reinitRequired = false;
      slave.lastSync = new Date().toISOString().replace(/\.\d+Z$/, "Z");
      slave.enabled = true;
      slave.syncStatus = 2;
      return taskResult(model, slave, "PUT", "Server replica was successfully reinitialized");
    },
    "esrep reinit && esrep svc-create -e",
  );
}

// -------------------------------------------------------------------------------------------------
// VM, node and task views

export function vmList(ctx: ViewContext): Answer {
  const vms = ctx.model.masters(ctx.dc);
  return success(
    ctx,
    truthy(ctx.data.full) ? vms.map((v) => vmView(ctx.model, v)) : vms.map((v) => v.hostname),
  );
}

/** A view of one VM (a master, by hostname or UUID): Danube's 404 "VM not found" otherwise. */
function oneVm(ctx: ViewContext, host: string, view: (vm: LabVm) => unknown): Answer {
  const vm = ctx.model.master(ctx.dc, host);
  return vm ? success(ctx, view(vm)) : detail(404, "VM not found");
}

export function vmGet(ctx: ViewContext, host: string): Answer {
  return oneVm(ctx, host, (vm) => vmView(ctx.model, vm));
}

export function vmStatusList(ctx: ViewContext): Answer {
  return success(
    ctx,
    ctx.model.masters(ctx.dc).map((v) => vmStatusView(ctx.model, v)),
  );
}

export function vmStatus(ctx: ViewContext, host: string): Answer {
  return oneVm(ctx, host, (vm) => vmStatusView(ctx.model, vm));
}

export function vmDefine(ctx: ViewContext, host: string): Answer {
  return oneVm(ctx, host, (vm) => ({
    hostname: vm.hostname,
    uuid: vm.uuid,
    alias: vm.alias,
    template: null,
    ostype: vm.ostype,
    vcpus: vm.vcpus,
    ram: vm.ram,
    note: "",
    owner: vm.owner,
    node: vm.node,
    tags: [],
    monitored: true,
    installed: true,
    zpool: vm.zpool,
  }));
}

export function vmDefineDisks(ctx: ViewContext, host: string): Answer {
  return oneVm(ctx, host, (vm) =>
    vm.disks.map((d, i) => ({
      size: d.size,
      boot: i === 0,
      model: "virtio",
      compression: "lz4",
      zpool: d.zpool,
      image: null,
    })),
  );
}

export function nodeList(ctx: ViewContext): Answer {
  const nodes = ctx.model.nodesOf(ctx.dc);
  return success(
    ctx,
    truthy(ctx.data.full) ? nodes.map((n) => nodeView(ctx.model, n)) : nodes.map((n) => n.hostname),
  );
}

export function nodeGet(ctx: ViewContext, host: string): Answer {
  const n = ctx.model.nodes.get(host);
  return n ? success(ctx, nodeView(ctx.model, n)) : detail(404, "Node not found");
}

export function nodeStorageList(ctx: ViewContext, host: string): Answer {
  const n = ctx.model.nodes.get(host);
  if (!n) return detail(404, "Node not found");
  const zpools = Object.keys(n.zpools).sort();
  return success(
    ctx,
    truthy(ctx.data.full)
      ? zpools.map((z) => ({
          node: n.hostname,
          zpool: z,
          alias: z,
          owner: "admin",
          access: 3,
          type: 1,
          size: n.zpools[z]!.size,
          size_coef: "1.0",
          size_free: ctx.model.zpoolFree(n.hostname, z),
          desc: "",
        }))
      : zpools,
  );
}

const STATE_CODE = { PENDING: 201, STARTED: 201, SUCCESS: 200, FAILURE: 400, REVOKED: 410 } as const;

export function taskStatusAnswer(ctx: ViewContext, taskId: string): Answer {
  if (!/^\d+[deamif]\d+[du]\d+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/.test(taskId))
    return detail(403, "Permission denied");
  const t = ctx.model.tasks.get(taskId);
  if (!t) return detail(404, "Task does not exist (anymore)");
  if (t.userId !== ctx.user.id && !ctx.user.admin) return detail(403, "Permission denied");
  const pending = t.state === "PENDING" || t.state === "STARTED";
  return new Answer(STATE_CODE[t.state], {
    task_id: t.id,
    status: t.state,
    result: pending ? null : t.result,
  });
}

export function taskList(ctx: ViewContext): Answer {
  return success(
    ctx,
    [...ctx.model.tasks.values()]
      .filter((t) => (t.state === "PENDING" || t.state === "STARTED") && t.dc === ctx.dc)
      .map((t) => t.id),
  );
}

export function taskDetails(ctx: ViewContext, taskId: string): Answer {
  const t = ctx.model.tasks.get(taskId);
  if (!t || !(t.state === "PENDING" || t.state === "STARTED")) return detail(404, "Task does not exist");
  return success(ctx, { ...t.apiview, task_id: t.id });
}

export function taskDone(ctx: ViewContext, taskId: string): Answer {
  const t = ctx.model.tasks.get(taskId);
  return new Answer(200, { task_id: taskId, done: !t || !(t.state === "PENDING" || t.state === "STARTED") });
}
