/**
 * The interruption matrix (test/support/interrupt-matrix.ts) of ferry_danube_vm_replica under
 * terraform itself: the replica enabled (vm_replica_create, one long task) and a failover to it
 * (vm_replica_failover, then vm_replica_reinit of the former master), cut at every step boundary and
 * in every task, by SIGINT and SIGKILL, then applied again. Skipped (with the reason) without a
 * `terraform` CLI.
 */
import type { Lab } from "../../lab/index.ts";
import { matrixSuite, type MatrixKind, stable } from "../support/interrupt-matrix.ts";

const TASK_MS = 60;

function replica(attrs: string): string {
  return `resource "ferry_danube_vm_replica" "web" {
  vm      = "web01.lab"
  repname = "dr1"
${attrs}
}

output "current_master_node" { value = ferry_danube_vm_replica.web.current_master_node }
output "current_replica_node" { value = ferry_danube_vm_replica.web.current_replica_node }
output "vm_status" { value = ferry_danube_vm_replica.web.vm_status }
output "reinit_required" { value = ferry_danube_vm_replica.web.reinit_required }
output "replication_enabled" { value = ferry_danube_vm_replica.web.replication_enabled }
`;
}

/** The estate by hostname and node (Danube makes up a new UUID for every replica VM). */
function estate(lab: Lab) {
  const m = lab.danube.model;
  const host = (uuid: string) => `${m.vms.get(uuid)?.hostname}@${m.vms.get(uuid)?.node}`;
  return {
    vms: [...m.vms.values()]
      .map((v) => stable(v, /^(uuid|created|changed|statusChange)$/))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    replicas: m.slaves
      .map((s) => ({
        ...(stable(s, /^(vm|master|lastSync|repId)$/) as object),
        vm: host(s.vm),
        master: host(s.master),
      }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  };
}

const base = {
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
  env: (lab: Lab) => ({ ES_API_URL: lab.danube.url, ES_API_KEY: lab.danube.apiKey }),
  snapshot: estate,
};

const kinds: MatrixKind[] = [
  {
    ...base,
    title: "ferry_danube_vm_replica: replica enabled",
    config: replica('  replica_node = "node02.lab"'),
    ops: ["vm_replica_create"],
    jobs: ["vm_replica_create"],
  },
  {
    ...base,
    title: "ferry_danube_vm_replica: failover to the replica",
    setup: [replica('  replica_node = "node02.lab"')],
    config: replica(
      '  replica_node   = "node01.lab"\n  master_node    = "node02.lab"\n  allow_failover = true',
    ),
    ops: ["vm_replica_failover", "vm_replica_reinit"],
    jobs: ["vm_replica_failover", "vm_replica_reinit"],
  },
];

matrixSuite(kinds);
