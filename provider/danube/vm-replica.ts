/**
 * danube_vm_replica — "VM W (by hostname) is replicated as R to node N, and its master runs on node M"
 * (seed 004: Danube Cloud's VM replica API — create, update, delete, failover, reinit).
 *
 * Identity: the VM's hostname is the only name that survives a failover. Danube swaps hostnames: the
 * replica, a VM with its own UUID, takes the hostname and becomes the master; the old master becomes
 * the replica (on the node the master ran on) and needs a reinit. So every read goes by hostname, and a
 * refresh after a failover made by hand shows the swap (a new `vm_uuid`, the nodes exchanged), never a
 * missing VM. Every write goes by the UUID observed just before it: a request that arrives after the
 * roles changed cannot act on the wrong VM (Danube never finds a replica by its UUID), and the reinit
 * before a fail-back and the one after it are different requests.
 *
 * Plans follow Danube's views (erigones/esdc-ce api/vm/replica): the preconditions of each operation
 * in Danube's own words, checked before anything runs; a replica task found in flight on the VM is
 * awaited, never issued again (all replica tasks of a VM share one lock).
 */
import * as z from "zod";
import { kindSpec } from "../engine/common.ts";
import { ApiError, type Blocker, FerryError } from "../engine/errors.ts";
import type { Kind, Next, RunOptions, Step } from "../engine/kind.ts";
import type { Logger } from "../engine/log.ts";
import { type DanubeReplica, HVM_OSTYPES, NOTREADY_STATUSES, REPLICA_VIEWS } from "./api.ts";
import type { DanubeClient, WriteOutcome } from "./client.ts";

const NAME = /^[A-Za-z0-9._-]+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const REPNAME_RULE =
  'must be 1–24 characters — letters, digits, ".", "_" and "-" — starting with a letter or a digit (Danube\'s rule ^[A-Za-z0-9][A-Za-z0-9._-]*$)';

const nodeName = (description: string) =>
  z
    .string()
    .regex(NAME, { message: 'must be a compute node\'s hostname such as "node02.example.com"' })
    .meta({ description });

export const vmReplicaSpec = kindSpec({
  vm: z
    .string()
    .regex(NAME, { message: 'must be a VM hostname such as "web01.example.com"' })
    .refine((v) => !UUID.test(v), {
      message:
        "must be the VM's hostname, not its UUID: a failover gives the VM a new UUID, the hostname stays",
    })
    .meta({
      description:
        "The VM (the master), by hostname: the only name that survives a failover (the UUID behind it changes).",
      forceNew: true,
    }),
  repname: z
    .string()
    .min(1, { message: REPNAME_RULE })
    .max(24, { message: REPNAME_RULE })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: REPNAME_RULE })
    .meta({ description: "The replica's name (Danube's `repname`), e.g. `dr1`.", forceNew: true }),
  dc: z
    .string()
    .regex(NAME, { message: 'must be a virtual datacenter name such as "main"' })
    .optional()
    .meta({
      description: "The virtual datacenter of the VM (sent as `dc`). Unset: the user's current datacenter.",
      forceNew: true,
    }),
  replica_node: nodeName(
    "The compute node the replica lives on. Moving it to another node destroys the replica and creates a new one there (a full initial sync). Set it to the master's node together with `master_node` set to the replica's node to fail over.",
  ),
  master_node: nodeName(
    "The compute node the VM (the master) runs on. Unset: wherever it runs. Set to the replica's node — with `replica_node` set to the master's node — to fail over (needs `allow_failover`).",
  ).optional(),
  root_zpool: z
    .string()
    .min(1)
    .max(64, { message: "must be a zpool name of at most 64 characters" })
    .optional()
    .meta({
      description:
        "The zpool on the replica's node for the VM's zone or OS disk (create only: Danube keeps it). Unset: the master's zpool.",
      forceNew: true,
    }),
  disk_zpools: z
    .record(
      z.string().regex(/^[12]$/, {
        message: 'must be a disk id, "1" or "2" (Danube replicates the zpools of the first two disks)',
      }),
      z.string().min(1).max(64, { message: "must be a zpool name of at most 64 characters" }),
    )
    .optional()
    .meta({
      description:
        'The zpool of each disk on the replica\'s node, by disk id (`{ "1" = "zones-ssd" }`); HVM VMs only (create only). Unset disks: the master\'s zpools.',
      forceNew: true,
    }),
  sleep_time: z
    .number()
    .int({ message: "must be a whole number of seconds" })
    .min(0, { message: "must be 0–86400 seconds" })
    .max(86400, { message: "must be 0–86400 seconds" })
    .default(60)
    .meta({ description: "Seconds between two syncs. Default 60." }),
  enabled: z.boolean().default(true).meta({
    description:
      "Whether the replication service runs. Changing only this pauses (svc-disable) or resumes (svc-enable) it. Default true.",
  }),
  bwlimit: z
    .number()
    .int({ message: "must be a whole number of bytes per second" })
    .min(0, { message: "must be 0–2147483647 bytes per second" })
    .max(2147483647, { message: "must be 0–2147483647 bytes per second" })
    .optional()
    .meta({ description: "Transfer limit in bytes per second. Unset: no limit." }),
  reserve_resources: z.boolean().optional().meta({
    description:
      "Reserve the VM's vCPUs and RAM on the replica's node. Unset: the datacenter's default at create (Danube ships true) and not managed afterwards. When false, the resources must be free at failover.",
  }),
  reinit: z.boolean().default(true).meta({
    description:
      "After a failover, reinitialize the replica (the former master) so replication runs the other way. Default true.",
  }),
  allow_failover: z.boolean().default(false).meta({
    description:
      "Allow a failover: Danube force-stops the master and promotes the replica (downtime). Without it, a plan that needs one is blocked.",
  }),
  force: z.boolean().default(false).meta({
    description:
      'Fail over even if the master has pending tasks: Danube deletes them. Default false (the failover is refused: "VM has pending tasks").',
  }),
});
export type VmReplicaSpec = z.output<typeof vmReplicaSpec>;

export const vmReplicaOutputs = z.object({
  vm_uuid: z.string().meta({ description: "The UUID of the VM (the master) now; a failover changes it." }),
  current_master_node: z.string().meta({ description: "The node the VM runs on now." }),
  vm_status: z
    .string()
    .meta({ description: "The VM's status (running, stopped, `running-` while Danube holds it …)." }),
  current_replica_node: z
    .string()
    .meta({ description: "The node the replica is on now (empty without a replica)." }),
  node_status: z
    .string()
    .meta({ description: "The status of the replica's node (online, maintenance, unreachable …)." }),
  last_sync: z
    .string()
    .meta({ description: "When the replica was last synced (ISO 8601; empty before the first sync)." }),
  reinit_required: z
    .boolean()
    .meta({ description: "The replica is a former master left by a failover and needs a reinit." }),
  replication_enabled: z.boolean().meta({
    description: "Whether Danube shows the replication service running (false when paused or absent).",
  }),
});
export type VmReplicaOutputs = z.output<typeof vmReplicaOutputs>;

export interface ObservedVm {
  hostname: string;
  uuid: string;
  node: string;
  status: string;
  node_status: string;
  changed: boolean;
  vcpus: number | undefined;
  ram: number | undefined;
}

export interface ObservedTask {
  id: string;
  view: string;
  method: string;
  repname?: string | undefined;
}

export interface ObservedNode {
  status: string;
  cpu_free?: number | undefined;
  ram_free?: number | undefined;
}

/** What a create needs to know beyond the VM: read only when a create is next. */
export interface CreateFacts {
  ostype: number;
  zpool?: string | undefined;
  /** The zpool of each disk, in order (disk_id = index + 1). */
  disks: (string | undefined)[];
  /** The zpools of the replica's node. */
  target_zpools?: string[] | undefined;
}

export interface VmReplicaObserved {
  dc?: string | undefined;
  /** Danube answered "Datacenter not found" for `dc`. */
  dc_missing?: boolean;
  /** Danube answered "Not found" for the replica views: replication is switched off. */
  replication_off?: boolean;
  vm: ObservedVm | undefined;
  /** The master's pending tasks. */
  tasks: ObservedTask[];
  replica: DanubeReplica | undefined;
  /** The VM's other replicas, by name. */
  others: string[];
  nodes: Record<string, ObservedNode>;
  /** VMS_VM_REPLICA_LIMIT as configured for ferry. */
  limit: number;
  create?: CreateFacts | undefined;
}

/** The UUID a failover gives the VM is Danube's to choose: plans show this until it is known. */
export const UUID_AFTER_FAILOVER = "(new UUID after the failover)";

const OPERATIONAL = ["running", "stopped", "stopping"];

function vmRef(vm: ObservedVm): string {
  return vm.uuid === UUID_AFTER_FAILOVER ? `(the new UUID of ${vm.hostname})` : vm.uuid;
}

function path(vm: ObservedVm, repname: string, action = ""): string {
  return `/api/vm/${vmRef(vm)}/replica/${repname}/${action ? `${action}/` : ""}`;
}

function withDc(spec: VmReplicaSpec, body: Record<string, unknown>): Record<string, unknown> {
  return spec.dc ? { ...body, dc: spec.dc } : body;
}

function call(
  spec: VmReplicaSpec,
  vm: ObservedVm,
  operation: string,
  method: string,
  action: string,
  body: Record<string, unknown>,
  title: string,
  extra: Pick<Step, "disruption" | "warnings"> = {},
): Step {
  return {
    operation,
    action: "call",
    request: `${method} ${path(vm, spec.repname, action)} ${JSON.stringify(withDc(spec, body))}`,
    params: {
      vm: vm.hostname,
      vm_uuid: vm.uuid,
      repname: spec.repname,
      dc: spec.dc ?? null,
      body: JSON.stringify(body),
    },
    title,
    ...extra,
  };
}

function blocked(...blockers: Blocker[]): Next<VmReplicaObserved> {
  return { kind: "blocked", blockers };
}

function operationOf(task: ObservedTask): string {
  if (task.view !== "vm_replica") return task.view;
  return (
    { POST: "vm_replica_create", PUT: "vm_replica_update", DELETE: "vm_replica_delete" }[task.method] ??
    task.view
  );
}

/** A replica task on the master: it holds the VM's replica lock, so it is awaited first. */
function replicaTask(o: VmReplicaObserved): ObservedTask | undefined {
  return o.tasks.find((t) => REPLICA_VIEWS.includes(t.view));
}

function awaitTask(o: VmReplicaObserved, task: ObservedTask): Next<VmReplicaObserved> {
  const vm = o.vm!;
  const op = operationOf(task);
  return {
    kind: "step",
    step: {
      operation: op,
      action: "wait",
      request: `GET /api/task/${task.id}/status/`,
      params: { task_id: task.id, vm: vm.hostname },
      title: `Await ${op}${task.repname ? ` of replica ${task.repname}` : ""} on ${vm.hostname}, found in flight (task ${task.id})`,
    },
    // What follows depends on how the task ends: the plan stops here and converge takes it on.
    after: o,
  };
}

function masterNodeBlockers(o: VmReplicaObserved): Blocker[] {
  const vm = o.vm!;
  if (vm.node_status === "online") return [];
  return [
    {
      code: "MASTER_NODE_NOT_OPERATIONAL",
      message: `"Node is not operational": ${vm.hostname} runs on ${vm.node}, which is ${vm.node_status}; Danube needs the master's node online for this (HTTP 423).`,
      fix: `Bring ${vm.node} back online (\`es get /node/${vm.node}/\`), then plan again. A failover does not need it.`,
    },
  ];
}

function replicaNodeBlockers(o: VmReplicaObserved, node: string): Blocker[] {
  const status = o.nodes[node]?.status ?? "unknown";
  if (status === "online") return [];
  return [
    {
      code: "REPLICA_NODE_NOT_OPERATIONAL",
      message: `"Node is not operational": the replica's node ${node} is ${status} (HTTP 423).`,
      fix: `Bring ${node} back online, then plan again.`,
    },
  ];
}

function operationalBlockers(o: VmReplicaObserved): Blocker[] {
  const vm = o.vm!;
  if (OPERATIONAL.includes(vm.status)) return [];
  return [
    {
      code: "VM_NOT_OPERATIONAL",
      message: `"VM is not operational": ${vm.hostname} is ${vm.status}; Danube changes a replica only while the master is running, stopped or stopping (HTTP 423).`,
      fix: NOTREADY_STATUSES.includes(vm.status)
        ? `Another operation holds ${vm.hostname} (\`es get /vm/${vm.hostname}/status/\`); plan again once it is done.`
        : `Bring ${vm.hostname} to running or stopped, then plan again.`,
    },
  ];
}

function pendingTaskText(tasks: ObservedTask[]): string {
  return tasks.map((t) => `${t.id} (${t.method} ${t.view})`).join(", ");
}

function lacksResources(o: VmReplicaObserved, node: string): boolean {
  const n = o.nodes[node];
  const vm = o.vm!;
  if (!n) return false;
  return (
    (n.cpu_free !== undefined && vm.vcpus !== undefined && n.cpu_free < vm.vcpus) ||
    (n.ram_free !== undefined && vm.ram !== undefined && n.ram_free < vm.ram)
  );
}

function createBlockers(spec: VmReplicaSpec, o: VmReplicaObserved): Blocker[] {
  const vm = o.vm!;
  const r = spec.replica_node;
  const blockers: Blocker[] = [...masterNodeBlockers(o)];
  if (!["running", "stopped"].includes(vm.status))
    blockers.push({
      code: "VM_STATUS",
      message: `"VM is not stopped or running": ${vm.hostname} is ${vm.status} (HTTP 423).`,
      fix: NOTREADY_STATUSES.includes(vm.status)
        ? `Another operation holds ${vm.hostname}; plan again once it is done.`
        : `Start or stop ${vm.hostname}, then plan again.`,
    });
  if (vm.changed)
    blockers.push({
      code: "VM_CHANGED",
      message: `"VM definition has changed; Update first": ${vm.hostname}'s definition differs from what runs on ${vm.node} (HTTP 428).`,
      fix: `Deploy the change first (\`es set /vm/${vm.hostname}/\`); once a replica exists the definition is locked.`,
    });
  const node = o.nodes[r];
  if (!node)
    blockers.push({
      code: "NODE_UNKNOWN",
      message: `node: "Object with hostname=${r} does not exist." (no compute node ${r} in this datacenter)`,
      attribute: "replica_node",
      fix: `Set replica_node to one of: ${Object.keys(o.nodes).join(", ") || "(no nodes)"}.`,
    });
  else if (r === vm.node)
    blockers.push({
      code: "SAME_NODE",
      message: `node: "Target node is the same as current node." (${vm.hostname} runs on ${r})`,
      attribute: "replica_node",
      fix: "Set replica_node to another compute node: a replica protects the VM from the loss of its node.",
    });
  else if (node.status !== "online")
    blockers.push({
      code: "NODE_NOT_ONLINE",
      message: `node: "Target node is not in online state." (${r} is ${node.status})`,
      attribute: "replica_node",
      fix: `Bring ${r} online or choose another node.`,
    });
  const f = o.create;
  if (f && spec.disk_zpools && Object.keys(spec.disk_zpools).length > 0) {
    if (!HVM_OSTYPES.includes(f.ostype))
      blockers.push({
        code: "DISK_ZPOOLS_NOT_HVM",
        message: `${vm.hostname} is not an HVM VM (ostype ${f.ostype}): Danube drops disk_zpools for it without a word.`,
        attribute: "disk_zpools",
        fix: "Unset disk_zpools; root_zpool places a zone's data.",
      });
    else {
      const bad = Object.keys(spec.disk_zpools).filter((id) => Number(id) > f.disks.length);
      if (bad.length)
        blockers.push({
          code: "INVALID_DISK_ID",
          message: `disk_zpools: "Invalid disk_id." (${vm.hostname} has ${f.disks.length} disk${f.disks.length === 1 ? "" : "s"}; given ${bad.join(", ")})`,
          attribute: "disk_zpools",
          fix: `Use disk ids 1–${f.disks.length}.`,
        });
    }
  }
  if (f?.target_zpools && node && r !== vm.node) {
    const wanted: [string, string][] = [];
    const root = spec.root_zpool ?? f.zpool;
    if (root) wanted.push([root, spec.root_zpool ? "root_zpool" : "replica_node"]);
    if (HVM_OSTYPES.includes(f.ostype))
      f.disks.forEach((z, i) => {
        const chosen = spec.disk_zpools?.[String(i + 1)];
        const zp = chosen ?? z;
        if (zp) wanted.push([zp, chosen ? "disk_zpools" : "replica_node"]);
      });
    for (const [zp, attribute] of new Map(wanted))
      if (!f.target_zpools.includes(zp))
        blockers.push({
          code: "ZPOOL_MISSING",
          message: `node: "Storage with zpool=${zp} does not exist on target node." (${r} has ${f.target_zpools.join(", ") || "no storage"})`,
          attribute,
          fix:
            attribute === "replica_node"
              ? `Set root_zpool / disk_zpools to zpools ${r} has, or choose a node with ${zp}.`
              : `Use one of ${f.target_zpools.join(", ")}.`,
        });
  }
  if ((spec.reserve_resources ?? true) && node && r !== vm.node && lacksResources(o, r))
    blockers.push({
      code: "NOT_ENOUGH_RESOURCES",
      message: `node: "Not enough free resources on target node." (${vm.hostname} needs ${vm.vcpus} vCPUs and ${vm.ram} MB; ${r} has ${node.cpu_free} and ${node.ram_free} MB free)`,
      attribute: "replica_node",
      fix: "Choose a node with room, or set reserve_resources = false (then the resources must be free at failover).",
    });
  if (o.others.length >= o.limit)
    blockers.push({
      code: "REPLICA_LIMIT",
      message: `"Maximum number of server replicas reached.": ${vm.hostname} already has ${o.others.join(", ")} (the installation allows ${o.limit} per VM).`,
      attribute: "repname",
      fix: `Manage the existing replica (set repname = "${o.others[0]}") or delete it first; if the installation's VMS_VM_REPLICA_LIMIT is higher, set replica_limit in the provider.`,
    });
  const pending = o.tasks.filter((t) => !REPLICA_VIEWS.includes(t.view));
  if (pending.length)
    blockers.push({
      code: "PENDING_TASKS",
      message: `"VM has pending tasks" (HTTP 409): ${pendingTaskText(pending)}.`,
      fix: `Wait until they finish (\`es get /vm/${vm.hostname}/status/\`), then plan again.`,
    });
  return blockers;
}

function createStep(spec: VmReplicaSpec, o: VmReplicaObserved): Next<VmReplicaObserved> {
  const vm = o.vm!;
  if (spec.master_node && spec.master_node !== vm.node)
    return blocked({
      code: "MASTER_ELSEWHERE",
      message: `master_node is ${spec.master_node}, but ${vm.hostname} runs on ${vm.node} and has no replica yet: only a failover to its replica moves the master.`,
      attribute: "master_node",
      fix: `Set master_node = "${vm.node}" (or unset it) to create the replica; fail over in a later change.`,
    });
  const blockers = createBlockers(spec, o);
  if (blockers.length) return { kind: "blocked", blockers };
  const body: Record<string, unknown> = {
    node: spec.replica_node,
    ...(spec.root_zpool ? { root_zpool: spec.root_zpool } : {}),
    ...(spec.disk_zpools && Object.keys(spec.disk_zpools).length ? { disk_zpools: spec.disk_zpools } : {}),
    ...(spec.reserve_resources !== undefined ? { reserve_resources: spec.reserve_resources } : {}),
    sleep_time: spec.sleep_time,
    enabled: spec.enabled,
    ...(spec.bwlimit !== undefined ? { bwlimit: spec.bwlimit } : {}),
  };
  const replica: DanubeReplica = {
    hostname: vm.hostname,
    repname: spec.repname,
    node: spec.replica_node,
    root_zpool: spec.root_zpool ?? null,
    disk_zpools: spec.disk_zpools ?? {},
    reserve_resources: spec.reserve_resources ?? true,
    sleep_time: spec.sleep_time,
    enabled: spec.enabled,
    bwlimit: spec.bwlimit ?? null,
    last_sync: null,
    reinit_required: false,
    node_status: o.nodes[spec.replica_node]?.status ?? "online",
  };
  return {
    kind: "step",
    step: call(
      spec,
      vm,
      "vm_replica_create",
      "POST",
      "",
      body,
      `Create replica ${spec.repname} of ${vm.hostname} on ${spec.replica_node} (a full initial sync, then replication every ${spec.sleep_time} s${spec.enabled ? "" : "; the service stays paused"})`,
    ),
    after: { ...o, replica, create: undefined },
  };
}

function deleteStep(spec: VmReplicaSpec, o: VmReplicaObserved, warnings?: string[]): Next<VmReplicaObserved> {
  const vm = o.vm!;
  const rep = o.replica!;
  const blockers = [...masterNodeBlockers(o), ...operationalBlockers(o), ...replicaNodeBlockers(o, rep.node)];
  if (blockers.length) return { kind: "blocked", blockers };
  const what = rep.reinit_required
    ? `the former master left on ${rep.node} by a failover (Danube runs destroy-clear)`
    : `the replica VM on ${rep.node} and its replication service`;
  return {
    kind: "step",
    step: call(
      spec,
      vm,
      "vm_replica_delete",
      "DELETE",
      "",
      {},
      `Destroy replica ${rep.repname} of ${vm.hostname}: ${what}`,
      warnings ? { warnings } : {},
    ),
    after: { ...o, replica: undefined },
  };
}

function reinitStep(spec: VmReplicaSpec, o: VmReplicaObserved): Next<VmReplicaObserved> {
  const vm = o.vm!;
  const rep = o.replica!;
  const blockers = [...masterNodeBlockers(o), ...operationalBlockers(o), ...replicaNodeBlockers(o, rep.node)];
  if (blockers.length) return { kind: "blocked", blockers };
  return {
    kind: "step",
    step: call(
      spec,
      vm,
      "vm_replica_reinit",
      "PUT",
      "reinit",
      {},
      `Reinitialize replica ${rep.repname}: the former master on ${rep.node} becomes the replica of ${vm.hostname} on ${vm.node} (replication reversed, service enabled)`,
    ),
    after: { ...o, replica: { ...rep, reinit_required: false, enabled: true } },
  };
}

function failoverStep(spec: VmReplicaSpec, o: VmReplicaObserved): Next<VmReplicaObserved> {
  const vm = o.vm!;
  const rep = o.replica!;
  const blockers: Blocker[] = [];
  if (!spec.allow_failover)
    blockers.push({
      code: "FAILOVER_NOT_ALLOWED",
      message: `Moving ${vm.hostname}'s master to ${rep.node} is a failover: Danube force-stops the VM on ${vm.node} and promotes its replica ${rep.repname} (downtime).`,
      attribute: "allow_failover",
      fix: "Set allow_failover = true to let ferry fail over; the plan then lists the failover as disruptive.",
    });
  if (rep.reserve_resources === false && lacksResources(o, rep.node))
    blockers.push({
      code: "NOT_ENOUGH_RESOURCES",
      message: `"Not enough free resources on target node" (HTTP 428): the replica does not reserve resources and ${rep.node} lacks the ${vm.vcpus} vCPUs and ${vm.ram} MB ${vm.hostname} needs.`,
      fix: `Free resources on ${rep.node}, then plan again.`,
    });
  const pending = o.tasks.filter((t) => !REPLICA_VIEWS.includes(t.view));
  if (pending.length && !spec.force)
    blockers.push({
      code: "PENDING_TASKS",
      message: `"VM has pending tasks" (HTTP 409): ${pendingTaskText(pending)}.`,
      attribute: "force",
      fix: "Wait until they finish and plan again, or set force = true: Danube then deletes them once the failover succeeds.",
    });
  blockers.push(...replicaNodeBlockers(o, rep.node));
  if (blockers.length) return { kind: "blocked", blockers };
  const warnings = spec.force
    ? [
        `force = true: once the failover succeeds Danube deletes every other pending task of ${vm.hostname} (${pending.length ? pendingTaskText(pending) : "none now"}).`,
      ]
    : undefined;
  const running = vm.status === "running";
  return {
    kind: "step",
    step: call(
      spec,
      vm,
      "vm_replica_failover",
      "PUT",
      "failover",
      { force: spec.force },
      `Fail ${vm.hostname} over to replica ${rep.repname} on ${rep.node}`,
      {
        disruption: `${vm.hostname} (UUID ${vm.uuid}) on ${vm.node} is force-stopped (vmadm stop -F) and replica ${rep.repname} on ${rep.node} is promoted to master under the same hostname with a new UUID; ${running ? "the VM is down until the promoted replica has started" : "the VM stays stopped"}. Replication stops until the replica is reinitialized; data written since the last sync (${rep.last_sync ?? "none yet"}) is not on the replica.`,
        ...(warnings ? { warnings } : {}),
      },
    ),
    after: {
      ...o,
      vm: {
        ...vm,
        uuid: UUID_AFTER_FAILOVER,
        node: rep.node,
        node_status: rep.node_status,
        status: running ? "running" : "stopped",
      },
      replica: { ...rep, node: vm.node, node_status: vm.node_status, reinit_required: true, enabled: false },
      tasks: spec.force ? [] : o.tasks,
    },
  };
}

/** The update fields Danube's PUT takes, where the live replica differs from the spec. */
function changes(spec: VmReplicaSpec, rep: DanubeReplica): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  if (spec.reserve_resources !== undefined && rep.reserve_resources !== spec.reserve_resources)
    c.reserve_resources = spec.reserve_resources;
  if (rep.sleep_time !== spec.sleep_time) c.sleep_time = spec.sleep_time;
  if (rep.enabled !== spec.enabled) c.enabled = spec.enabled;
  if ((rep.bwlimit ?? null) !== (spec.bwlimit ?? null)) c.bwlimit = spec.bwlimit ?? null;
  return c;
}

function updateStep(
  spec: VmReplicaSpec,
  o: VmReplicaObserved,
  body: Record<string, unknown>,
): Next<VmReplicaObserved> {
  const vm = o.vm!;
  const rep = o.replica!;
  const blockers = [...masterNodeBlockers(o), ...operationalBlockers(o), ...replicaNodeBlockers(o, rep.node)];
  if (body.reserve_resources === true && lacksResources(o, rep.node))
    blockers.push({
      code: "NOT_ENOUGH_RESOURCES",
      message: `node: "Not enough free resources on target node." (${rep.node} cannot reserve ${vm.vcpus} vCPUs and ${vm.ram} MB for the replica)`,
      attribute: "reserve_resources",
      fix: `Free resources on ${rep.node}, or keep reserve_resources = false.`,
    });
  if (blockers.length) return { kind: "blocked", blockers };
  const keys = Object.keys(body);
  const shown = keys.map((k) => `${k} = ${JSON.stringify(body[k])}`).join(", ");
  const title =
    keys.length === 1 && keys[0] === "reserve_resources"
      ? `Set reserve_resources = ${body.reserve_resources} on replica ${rep.repname} of ${vm.hostname} (saved at once: Danube answers 205, no task)`
      : keys.length === 1 && keys[0] === "enabled"
        ? body.enabled
          ? `Resume the replication service of ${rep.repname} (svc-enable; Danube creates the service if it is absent)`
          : `Pause the replication service of ${rep.repname} (svc-disable)`
        : `Re-create the replication service of ${rep.repname} with ${shown} (svc-remove, svc-create)${keys.includes("reserve_resources") ? "; reserve_resources is saved at once" : ""}`;
  return {
    kind: "step",
    step: call(spec, vm, "vm_replica_update", "PUT", "", body, title),
    after: { ...o, replica: { ...rep, ...(body as Partial<DanubeReplica>) } },
  };
}

export function nextVmReplica(spec: VmReplicaSpec, o: VmReplicaObserved): Next<VmReplicaObserved> {
  if (o.dc_missing)
    return blocked({
      code: "DC_NOT_FOUND",
      message: `"Datacenter not found": ${spec.dc ?? "the user's current datacenter"} is not a datacenter this user can use.`,
      attribute: "dc",
      fix: "Set dc to a virtual datacenter the user can use (`es get /dc/`).",
    });
  if (o.replication_off)
    return blocked({
      code: "REPLICATION_DISABLED",
      message: `Danube answers "Not found" for ${spec.vm}'s replicas: VM replication (VMS_VM_REPLICATION_ENABLED) is switched off for this datacenter.`,
      fix: "Enable VM replication in the datacenter settings, then plan again.",
    });
  const vm = o.vm;
  if (!vm)
    return blocked({
      code: "NOT_FOUND",
      message: `"VM not found": no VM ${spec.vm}${spec.dc ? ` in datacenter ${spec.dc}` : ""} (replicas are found only by their master's hostname).`,
      attribute: "vm",
      fix: "Check the hostname (`es get /vm/`).",
    });
  const rep = o.replica;
  const m = spec.master_node;
  const r = spec.replica_node;
  if (m && m === r) {
    const toFailOver = rep !== undefined && r === rep.node;
    return blocked({
      code: "CONTRADICTORY",
      message: `master_node and replica_node are both ${r}: a replica never lives on its master's node.`,
      attribute: toFailOver ? "replica_node" : "master_node",
      fix: toFailOver
        ? `To fail over to ${r}, set replica_node = "${vm.node}" (the master's node now).`
        : `Set master_node = "${vm.node}" (or unset it) and replica_node to another node.`,
    });
  }
  const inflight = replicaTask(o);
  if (inflight) return awaitTask(o, inflight);
  if (!rep) return createStep(spec, o);

  // The master belongs where the replica is: a failover (after a reinit it still needs).
  if (m && m === rep.node) {
    if (rep.reinit_required) {
      if (!spec.reinit)
        return blocked({
          code: "REINIT_REQUIRED",
          message: `"Reinitialization is required" (HTTP 428): replica ${rep.repname} on ${rep.node} is a former master; Danube fails over only to a reinitialized replica.`,
          attribute: "reinit",
          fix: "Set reinit = true: ferry reinitializes the replica first, then fails over.",
        });
      return reinitStep(spec, o);
    }
    return failoverStep(spec, o);
  }
  if (m && m !== vm.node)
    return blocked({
      code: "MASTER_ELSEWHERE",
      message: `master_node is ${m}, but ${vm.hostname} runs on ${vm.node} and its replica ${rep.repname} is on ${rep.node}: a failover moves the master only to its replica's node.`,
      attribute: "master_node",
      fix: `Set master_node = "${vm.node}" (or unset it); to run the VM on ${m}, first move the replica there (replica_node = "${m}"), then fail over.`,
    });
  if (rep.node !== r) {
    if (r === vm.node)
      return blocked({
        code: "REPLICA_ON_MASTER_NODE",
        message: `replica_node is ${r}, where ${vm.hostname} runs now (UUID ${vm.uuid}); its replica ${rep.repname} is on ${rep.node}${rep.reinit_required ? " and needs a reinit: the VM was failed over" : ""}. Danube: "Target node is the same as current node."`,
        attribute: "replica_node",
        fix: `To keep ${vm.hostname} on ${vm.node}, set master_node = "${vm.node}" and replica_node = "${rep.node}"; to fail back to ${rep.node}, set master_node = "${rep.node}" and allow_failover = true.`,
      });
    return deleteStep(spec, o, [
      `replica ${rep.repname} moves from ${rep.node} to ${r}: Danube destroys it and creates a new one — a full initial sync of every disk of ${vm.hostname}; until it completes the VM has no replica.`,
    ]);
  }
  if (rep.reinit_required) {
    if (spec.reinit) return reinitStep(spec, o);
    if (Object.keys(changes(spec, rep)).length)
      return blocked({
        code: "REINIT_REQUIRED",
        message: `"Reinitialization is required" (HTTP 428): replica ${rep.repname} is a former master; Danube changes its replication only after a reinit.`,
        attribute: "reinit",
        fix: "Set reinit = true, or leave the replication parameters as they are.",
      });
    return { kind: "done" };
  }
  const body = changes(spec, rep);
  if (Object.keys(body).length) return updateStep(spec, o, body);
  return { kind: "done" };
}

export function nextVmReplicaDestroy(spec: VmReplicaSpec, o: VmReplicaObserved): Next<VmReplicaObserved> {
  if (o.dc_missing || o.replication_off || !o.vm) return { kind: "done" };
  const inflight = replicaTask(o);
  if (inflight) return awaitTask(o, inflight);
  if (!o.replica) return { kind: "done" };
  return deleteStep(spec, o);
}

function isNotFound(e: unknown, detail: string): boolean {
  return e instanceof ApiError && e.status === 404 && e.apiMessage === detail;
}

async function observeVmReplica(
  client: DanubeClient,
  spec: VmReplicaSpec,
  log?: Logger,
  attempt = 0,
): Promise<VmReplicaObserved> {
  const dc = spec.dc;
  const base = { dc, limit: client.settings.replica_limit };
  let found: Awaited<ReturnType<DanubeClient["vmWithStatus"]>>;
  let nodes: Awaited<ReturnType<DanubeClient["nodesOf"]>>;
  let replicas: DanubeReplica[] | undefined;
  try {
    [found, nodes, replicas] = await Promise.all([
      client.vmWithStatus(spec.vm, dc),
      client.nodesOf(dc),
      client.listReplicas(spec.vm, dc),
    ]);
  } catch (e) {
    const empty = { ...base, vm: undefined, tasks: [], replica: undefined, others: [], nodes: {} };
    if (isNotFound(e, "Datacenter not found")) return { ...empty, dc_missing: true };
    if (isNotFound(e, "Not found")) return { ...empty, replication_off: true };
    throw e;
  }
  const { vm, status } = found;
  // A failover between two reads: the hostname now names another UUID. Read again.
  if (vm && status && vm.uuid !== status.uuid && attempt < 3) {
    log?.debug("the VM changed between two reads (a failover?); observing again", { vm: spec.vm });
    return observeVmReplica(client, spec, log, attempt + 1);
  }
  const nodeMap: Record<string, ObservedNode> = {};
  for (const n of nodes)
    nodeMap[n.hostname] = {
      status: n.node_status,
      ...(typeof n.cpu_free === "number" ? { cpu_free: n.cpu_free } : {}),
      ...(typeof n.ram_free === "number" ? { ram_free: n.ram_free } : {}),
    };
  const observedVm: ObservedVm | undefined = vm
    ? {
        hostname: vm.hostname,
        uuid: vm.uuid,
        node: vm.node ?? "",
        status: vm.status,
        node_status: vm.node_status ?? nodeMap[vm.node ?? ""]?.status ?? "unknown",
        changed: vm.changed === true,
        vcpus: vm.vcpus ?? undefined,
        ram: vm.ram ?? undefined,
      }
    : undefined;
  const tasks: ObservedTask[] = Object.entries(status?.tasks ?? {}).map(([id, a]) => ({
    id,
    view: a.view ?? "",
    method: a.method ?? "",
    repname: a.repname,
  }));
  const replica = replicas?.find((r) => r.repname === spec.repname);
  const o: VmReplicaObserved = {
    ...base,
    vm: observedVm,
    tasks,
    replica,
    others: (replicas ?? []).filter((r) => r.repname !== spec.repname).map((r) => r.repname),
    nodes: nodeMap,
  };
  // What only a create needs (disks, zpools), read when a create is what comes next.
  if (
    observedVm &&
    !replica &&
    !tasks.some((t) => REPLICA_VIEWS.includes(t.view)) &&
    nodeMap[spec.replica_node]
  ) {
    const [define, disks, storages] = await Promise.all([
      client.getVmDefine(spec.vm, dc),
      client.getVmDisks(spec.vm, dc),
      spec.replica_node !== observedVm.node ? client.nodeStorages(spec.replica_node, dc) : undefined,
    ]);
    if (define)
      o.create = {
        ostype: define.ostype,
        zpool: define.zpool,
        disks: (disks ?? []).map((d) => d.zpool),
        ...(storages ? { target_zpools: storages.map((s) => s.zpool) } : {}),
      };
  }
  return o;
}

async function runVmReplicaStep(client: DanubeClient, step: Step, opts: RunOptions): Promise<void> {
  const p = step.params;
  const dc = typeof p.dc === "string" ? p.dc : undefined;
  const progress = (message: string) => opts.onProgress({ step, message });
  if (step.action === "wait") {
    await client.waitTask(String(p.task_id), {
      what: `${step.operation} of ${p.vm}`,
      deadline: opts.deadline,
      signal: opts.signal,
      onProgress: progress,
    });
    return;
  }
  const vm = String(p.vm_uuid);
  const repname = String(p.repname);
  const body = JSON.parse(String(p.body)) as Record<string, unknown>;
  let out: WriteOutcome;
  switch (step.operation) {
    case "vm_replica_create":
      out = await client.createReplica(vm, repname, body, dc, opts.signal);
      break;
    case "vm_replica_update":
      out = await client.updateReplica(vm, repname, body, dc, opts.signal);
      break;
    case "vm_replica_delete":
      out = await client.deleteReplica(vm, repname, dc, opts.signal);
      break;
    case "vm_replica_failover":
      out = await client.failover(vm, repname, body.force === true, dc, opts.signal);
      break;
    case "vm_replica_reinit":
      out = await client.reinit(vm, repname, dc, opts.signal);
      break;
    default:
      throw new Error(`danube: no runner for ${step.operation}`);
  }
  if ("task" in out) {
    progress(`task ${out.task} accepted`);
    await client.waitTask(out.task, {
      what: `${step.operation} of ${p.vm}`,
      deadline: opts.deadline,
      signal: opts.signal,
      onProgress: progress,
    });
  } else progress(`done at once (HTTP ${out.status})`);
}

function parseId(id: string): { dc?: string; vm: string; repname: string } {
  const parts = id.split("/");
  if (parts.length === 2) return { vm: parts[0]!, repname: parts[1]! };
  if (parts.length === 3) return { dc: parts[0]!, vm: parts[1]!, repname: parts[2]! };
  throw new FerryError("INVALID_INPUT", {
    what: `"${id}" is not a danube_vm_replica import id.`,
    fix: "Import with <vm hostname>/<repname>, or <dc>/<vm hostname>/<repname>, e.g. web01.example.com/dr1.",
  });
}

export const vmReplica: Kind<VmReplicaSpec, VmReplicaObserved, VmReplicaOutputs, DanubeClient> = {
  type: "danube_vm_replica",
  backend: "danube",
  className: "VmReplica",
  description:
    "A replica of a Danube Cloud VM on another compute node, and which node runs the master. Creating it runs Danube's replica create (a full initial sync, then the replication service); changing the replication parameters updates the service (an `enabled`-only change pauses or resumes it; a `reserve_resources`-only change is saved at once); `replica_node` moved to a third node destroys the replica and creates a new one there. Setting `master_node` to the replica's node and `replica_node` to the master's fails over (only with `allow_failover`: the master is force-stopped and the replica promoted under the same hostname with a new UUID), then reinitializes the replica so replication runs the other way (`reinit`). The VM is addressed by hostname, so the resource follows it through a failover made by hand too. While a VM has a replica, Danube locks its definition: changes to the VM (define, update, migrate, delete, snapshot or backup restore into it) are refused with \"VM is locked or has slave VMs\" until the replica is deleted.",
  spec: vmReplicaSpec,
  outputs: vmReplicaOutputs,
  defaultTimeouts: { create: 6 * 60 * 60_000, update: 2 * 60 * 60_000, delete: 60 * 60_000 },
  destroyDoc:
    "Deletes the replica (DELETE): Danube destroys the replica VM on its node and its replication service — for a replica that needs a reinit (a former master left by a failover) Danube's destroy-clear. The VM itself stays where it runs. A replica task in flight is awaited first.",
  importDoc:
    "`<vm hostname>/<repname>`, or `<dc>/<vm hostname>/<repname>` outside the user's current datacenter: `terraform import ferry_danube_vm_replica.web web01.example.com/dr1`.",
  deleteBeforeReplace: true,
  id: (spec) => `${spec.dc ? `${spec.dc}/` : ""}${spec.vm}/${spec.repname}`,
  observe: (client, spec, log) => observeVmReplica(client, spec, log),
  withoutReplaced: (o, replaced) => {
    if (!o.vm || replaced.vm !== o.vm.hostname || (replaced.dc ?? undefined) !== (o.dc ?? undefined))
      return o;
    return {
      ...o,
      replica: o.replica?.repname === replaced.repname ? undefined : o.replica,
      others: o.others.filter((n) => n !== replaced.repname),
    };
  },
  next: nextVmReplica,
  nextDestroy: (spec, o) => nextVmReplicaDestroy(spec, o),
  outputsOf: (_spec, o) => ({
    vm_uuid: o.vm?.uuid ?? "",
    current_master_node: o.vm?.node ?? "",
    vm_status: o.vm?.status ?? "",
    current_replica_node: o.replica?.node ?? "",
    node_status: o.replica?.node_status ?? "",
    last_sync: o.replica?.last_sync ?? "",
    reinit_required: o.replica?.reinit_required ?? false,
    replication_enabled: o.replica?.enabled ?? false,
  }),
  run: (client, step, opts) => runVmReplicaStep(client, step, opts),
  async importSpec(client, id) {
    const { dc, vm, repname } = parseId(id);
    const rep = await client.getReplica(vm, repname, dc);
    if (!rep)
      throw new FerryError("NOT_FOUND", {
        what: `Danube Cloud has no replica ${repname} of VM ${vm}${dc ? ` in datacenter ${dc}` : ""}.`,
        fix: `List the VM's replicas with \`es get /vm/${vm}/replica/\`.`,
      });
    return vmReplicaSpec.parse({
      vm,
      repname,
      ...(dc ? { dc } : {}),
      replica_node: rep.node,
      sleep_time: rep.sleep_time,
      enabled: rep.enabled,
      ...(rep.bwlimit !== null && rep.bwlimit !== undefined ? { bwlimit: rep.bwlimit } : {}),
      reserve_resources: rep.reserve_resources,
    });
  },
};
