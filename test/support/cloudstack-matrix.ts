/** The CloudStack side of the interruption matrix: the lab service and the state a cell compares. */
import type { Lab } from "../../lab/index.ts";
import type { LabService } from "./interrupt-matrix.ts";

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
