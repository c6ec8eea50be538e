/** The CloudStack side of the interruption matrix: the lab service and the state a cell compares. */
import { DEFAULT_IDS, type Lab } from "../../lab/index.ts";
import type { LabService, MatrixKind } from "./interrupt-matrix.ts";

export const JOB_MS = 100;

export function cloudstackService(lab: Lab): LabService {
  const cs = lab.cloudstack;
  return {
    faults: cs.faults,
    count: (op) => cs.count(op),
    settle: () => cs.settle(),
    clearCalls: () => cs.clearCalls(),
    setJobMs: (ms) => {
      cs.jobDurationMs = ms;
    },
    pauseJobs: () => cs.pauseJobs(),
    resumeJobs: () => cs.resumeJobs(),
    polls: () => cs.count("queryAsyncJobResult"),
    pending: () => cs.pendingJobs(),
    log: () =>
      cs.calls.map(
        (c) =>
          `${c.seq} ${c.command} ${c.executed ? "executed" : "not executed"} ${c.jobid ?? c.params.jobid ?? ""}`,
      ),
  };
}

export function cloudstackEnv(lab: Lab): Record<string, string> {
  return {
    CLOUDSTACK_API_URL: lab.cloudstack.url,
    CLOUDSTACK_API_KEY: lab.cloudstack.apiKey,
    CLOUDSTACK_SECRET_KEY: lab.cloudstack.secretKey,
  };
}

/** A VM as the API shows it: power state, tags (the intent record), volumes with slot and pool. */
export function vmSnapshot(lab: Lab, vm: string) {
  const m = lab.cloudstack.model;
  const v = m.vm(vm);
  return {
    state: v.state,
    tags: Object.fromEntries(v.tags),
    volumes: m
      .volumesOf(vm)
      .map((x) => ({ id: x.id, deviceId: x.deviceId, poolId: x.poolId, type: x.type, state: x.state }))
      .sort((a, b) => String(a.id).localeCompare(String(b.id))),
  };
}

/** Volumes as the API shows them: where they are attached, in which slot, on which pool. */
export function volumeSnapshot(lab: Lab, ids: string[]) {
  const m = lab.cloudstack.model;
  return ids.map((id) => {
    const x = m.volume(id);
    return { id, vmId: x.vmId, deviceId: x.deviceId, poolId: x.poolId, type: x.type, state: x.state };
  });
}

const VM = DEFAULT_IDS.vms["web-01"];
const OLD = DEFAULT_IDS.volumes["web-01-root"];
const NEW = DEFAULT_IDS.volumes["web-01-root-v2"];

const GOLD2 = DEFAULT_IDS.storagePools["ds-gold-02"];

/** A root swap of a Running VM: the intent record written, the VM stopped, the roots swapped, started, the record cleared. */
export const rootSwap: MatrixKind = {
  title: "ferry_cloudstack_root_volume: root swap of a Running VM",
  lab: { jobDurationMs: JOB_MS },
  jobMs: JOB_MS,
  service: cloudstackService,
  env: cloudstackEnv,
  config: `resource "ferry_cloudstack_root_volume" "web" {
  virtual_machine_id = "${VM}"
  volume_id          = "${NEW}"
  allow_stop         = true
}

output "vm_state" { value = ferry_cloudstack_root_volume.web.vm_state }
output "previous_volume_id" { value = ferry_cloudstack_root_volume.web.previous_volume_id }
output "volume_id" { value = ferry_cloudstack_root_volume.web.volume_id }
`,
  ops: [
    "createTags",
    "stopVirtualMachine",
    "detachVolume",
    "attachVolume",
    "startVirtualMachine",
    "deleteTags",
  ],
  jobs: ["stopVirtualMachine", "detachVolume", "attachVolume", "startVirtualMachine"],
  snapshot: (lab) => ({ vm: vmSnapshot(lab, VM), volumes: volumeSnapshot(lab, [OLD, NEW]) }),
};

/** A storage move of a Running VM: the intent record written, the VM stopped, migrated, started, the record cleared. */
export const vmStorageMove: MatrixKind = {
  title: "ferry_cloudstack_vm_storage: storage move of a Running VM",
  lab: { jobDurationMs: JOB_MS },
  jobMs: JOB_MS,
  service: cloudstackService,
  env: cloudstackEnv,
  config: `resource "ferry_cloudstack_vm_storage" "web" {
  virtual_machine_id = "${VM}"
  storage_pool_id    = "${GOLD2}"
  allow_stop         = true
}

output "vm_state" { value = ferry_cloudstack_vm_storage.web.vm_state }
output "storage_pool_name" { value = ferry_cloudstack_vm_storage.web.storage_pool_name }
output "volume_ids" { value = ferry_cloudstack_vm_storage.web.volume_ids }
`,
  ops: ["createTags", "stopVirtualMachine", "migrateVirtualMachine", "startVirtualMachine", "deleteTags"],
  jobs: ["stopVirtualMachine", "migrateVirtualMachine", "startVirtualMachine"],
  snapshot: (lab) => vmSnapshot(lab, VM),
};
