/**
 * The interruption matrix (test/support/interrupt-matrix.ts) of ferry_cloudstack_root_volume under
 * terraform itself: the root swap of a Running VM (createTags of the intent record, stopVirtualMachine,
 * detachVolume, attachVolume, startVirtualMachine, deleteTags) cut at every step boundary and in every
 * job, by SIGINT and SIGKILL, then applied again. Skipped (with the reason) without a `terraform` CLI.
 */
import { expect } from "vitest";
import { DEFAULT_IDS } from "../../lab/index.ts";
import {
  cloudstackEnv,
  cloudstackService,
  JOB_MS,
  vmSnapshot,
  volumeSnapshot,
} from "../support/cloudstack-matrix.ts";
import { matrixSuite, type MatrixKind } from "../support/interrupt-matrix.ts";

const VM = DEFAULT_IDS.vms["web-01"];
const OLD = DEFAULT_IDS.volumes["web-01-root"];
const NEW = DEFAULT_IDS.volumes["web-01-root-v2"];

const kind: MatrixKind = {
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

matrixSuite([kind], {
  overlap: true,
  reference: (_k, out) =>
    expect(out.outputs).toMatchObject({ vm_state: "Running", previous_volume_id: OLD, volume_id: NEW }),
});
