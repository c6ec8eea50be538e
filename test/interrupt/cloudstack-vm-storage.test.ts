/**
 * The interruption matrix (test/support/interrupt-matrix.ts) of ferry_cloudstack_vm_storage under
 * terraform itself: the storage move of a Running VM (createTags of the intent record,
 * stopVirtualMachine, migrateVirtualMachine, startVirtualMachine, deleteTags) cut at every step
 * boundary and in every job, by SIGINT and SIGKILL, then applied again. Skipped (with the reason)
 * without a `terraform` CLI.
 */
import { expect } from "vitest";
import { DEFAULT_IDS } from "../../lab/index.ts";
import { cloudstackEnv, cloudstackService, JOB_MS, vmSnapshot } from "../support/cloudstack-matrix.ts";
import { matrixSuite, type MatrixKind } from "../support/interrupt-matrix.ts";

const VM = DEFAULT_IDS.vms["web-01"];
const POOL = DEFAULT_IDS.storagePools["ds-gold-02"];

const kind: MatrixKind = {
  title: "ferry_cloudstack_vm_storage: storage move of a Running VM",
  lab: { jobDurationMs: JOB_MS },
  jobMs: JOB_MS,
  service: cloudstackService,
  env: cloudstackEnv,
  config: `resource "ferry_cloudstack_vm_storage" "web" {
  virtual_machine_id = "${VM}"
  storage_pool_id    = "${POOL}"
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

matrixSuite([kind], {
  overlap: true,
  reference: (_k, out) =>
    expect(out.outputs).toMatchObject({ vm_state: "Running", storage_pool_name: "ds-gold-02" }),
});
