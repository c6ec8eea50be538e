/**
 * The interruption matrix through the Pulumi door (support/interrupt.ts) for Velostrata, Danube Cloud
 * and Manila: the dynamic-provider host SIGKILLed at every step boundary and in every task of a VM
 * taken from Velostrata's cache to cleaned up, a Danube replica enabled and failed over, and a Manila
 * share server moved with its switch-over, then `pulumi up` again from a new host.
 */
import type { Lab } from "../../lab/index.ts";
import { MANILA_LAB_IDS } from "../../lab/manila/index.ts";
import { stable } from "../support/interrupt-matrix.ts";
import { hostSuite, type PulumiKind } from "./support/interrupt.ts";
import { secret } from "./support/lab.ts";

const TASK_MS = 60;
const sorted = <T>(xs: T[]) => xs.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** The Danube estate by hostname and node (Danube makes up a new UUID for every replica VM). */
function danubeEstate(lab: Lab) {
  const m = lab.danube.model;
  const host = (uuid: string) => `${m.vms.get(uuid)?.hostname}@${m.vms.get(uuid)?.node}`;
  return {
    vms: sorted([...m.vms.values()].map((v) => stable(v, /^(uuid|created|changed|statusChange)$/))),
    replicas: sorted(
      m.slaves.map((s) => ({
        ...(stable(s, /^(vm|master|lastSync|repId)$/) as object),
        vm: host(s.vm),
        master: host(s.master),
      })),
    ),
  };
}

const danube = {
  lab: { danubeTaskMs: TASK_MS },
  jobMs: TASK_MS,
  longJobMs: 3000,
  service: (lab: Lab) => ({
    faults: lab.danube.faults,
    count: (op: string) => lab.danube.count(op),
    settle: () => lab.danube.settle(),
    clearCalls: () => lab.danube.clearCalls(),
    setJobMs: (ms: number) => {
      lab.danube.taskMs = ms;
    },
  }),
  config: (lab: Lab) => ({
    "ferry:danubeApiUrl": lab.danube.url,
    "ferry:danubeApiKey": secret(lab.danube.apiKey),
  }),
  program: "test/pulumi-host/programs/danube.ts",
  name: "web",
  snapshot: danubeEstate,
  outputs: ["currentMasterNode", "currentReplicaNode", "vmStatus", "reinitRequired", "replicationEnabled"],
};

const kinds: PulumiKind[] = [
  {
    title: "ferry.velostrata.VmDetach: cache on demand to cleaned up",
    lab: { velostrataTaskMs: TASK_MS },
    jobMs: TASK_MS,
    longJobMs: 3000,
    service: (lab) => ({
      faults: lab.velostrata.faults,
      count: (op) => lab.velostrata.count(op),
      settle: () => lab.velostrata.settle(),
      clearCalls: () => lab.velostrata.clearCalls(),
      setJobMs: (ms) => {
        lab.velostrata.model.taskMs = ms;
      },
    }),
    config: (lab) => ({
      "ferry:velostrataUrl": lab.velostrata.url,
      "ferry:velostrataSubscriptionId": secret(lab.velostrata.subscriptionId),
    }),
    program: "test/pulumi-host/programs/velostrata.ts",
    name: "db",
    args: {
      vmId: "vm-1",
      stage: "cleaned_up",
      storage: { aws: { storageType: "gp2" } },
      allowCutover: true,
      allowCleanup: true,
    },
    ops: ["migrate", "preparetodetach", "detach", "cleanup"],
    jobs: ["migrate", "preparetodetach", "detach", "cleanup"],
    snapshot: (lab) => stable(lab.velostrata.model.vms.get("vm-1"), /^activeTasks$/),
    outputs: ["migrationState", "state", "powerState", "instanceType"],
  },
  {
    ...danube,
    title: "ferry.danube.VmReplica: replica enabled",
    args: { vm: "web01.lab", repname: "dr1", replicaNode: "node02.lab" },
    ops: ["vm_replica_create"],
    jobs: ["vm_replica_create"],
  },
  {
    ...danube,
    title: "ferry.danube.VmReplica: failover to the replica",
    setup: { vm: "web01.lab", repname: "dr1", replicaNode: "node02.lab" },
    args: {
      vm: "web01.lab",
      repname: "dr1",
      replicaNode: "node01.lab",
      masterNode: "node02.lab",
      allowFailover: true,
    },
    ops: ["vm_replica_failover", "vm_replica_reinit"],
    jobs: ["vm_replica_failover", "vm_replica_reinit"],
  },
  {
    title: "ferry.manila.ShareServerHost: phase 1 and the switch-over in one up",
    lab: { manilaStepMs: TASK_MS },
    jobMs: TASK_MS,
    longJobMs: 3000,
    service: (lab) => ({
      faults: lab.manila.faults,
      count: (op) => lab.manila.count(op),
      settle: () => lab.manila.settle(),
      clearCalls: () => lab.manila.clearCalls(),
      setJobMs: (ms) => {
        lab.manila.stepMs = ms;
      },
    }),
    config: (lab) => ({
      "ferry:manilaEndpoint": lab.manila.url,
      "ferry:manilaToken": secret(lab.manila.token),
    }),
    program: "test/pulumi-host/programs/manila.ts",
    name: "fs",
    args: { shareServerId: MANILA_LAB_IDS.server, host: "manila-peer@dummy2", complete: true },
    ops: ["migration_start", "migration_complete"],
    jobs: ["migration_start", "migration_complete"],
    snapshot: (lab) => {
      const m = lab.manila.model;
      return {
        servers: sorted(
          [...m.servers.values()].map((s) =>
            stable(
              s,
              /^(id|created_at|updated_at|epoch|ip|identifier|source_share_server_id|share_network_subnet_id)$/,
            ),
          ),
        ),
        shares: [...m.shares.values()].map((s) => ({
          id: s.id,
          status: s.status,
          on: m.servers.get(s.share_server_id)?.host ?? "gone",
        })),
      };
    },
    outputs: ["currentHost", "status", "taskState", "readyToComplete"],
  },
];

hostSuite(kinds);
