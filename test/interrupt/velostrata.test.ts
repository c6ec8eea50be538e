/**
 * The interruption matrix (test/support/interrupt-matrix.ts) of ferry_velostrata_vm_detach under
 * terraform itself: a VM running from Velostrata's cache taken all the way (migrate, preparetodetach
 * with its exporter passes, detach: the cutover, cleanup) cut at every step boundary and in every
 * task, by SIGINT and SIGKILL, then applied again. Skipped (with the reason) without a `terraform` CLI.
 */
import { expect } from "vitest";
import type { Lab } from "../../lab/index.ts";
import { matrixSuite, type MatrixKind, stable } from "../support/interrupt-matrix.ts";

const TASK_MS = 60;

const kind: MatrixKind = {
  title: "ferry_velostrata_vm_detach: cache on demand to cleaned up",
  lab: { velostrataTaskMs: TASK_MS },
  jobMs: TASK_MS,
  longJobMs: 3000,
  service: (lab: Lab) => ({
    faults: lab.velostrata.faults,
    count: (op) => lab.velostrata.count(op),
    settle: () => lab.velostrata.settle(),
    clearCalls: () => lab.velostrata.clearCalls(),
    setJobMs: (ms) => {
      lab.velostrata.model.taskMs = ms;
    },
  }),
  env: (lab) => ({
    VELOSTRATA_URL: lab.velostrata.url,
    VELOSTRATA_SUBSCRIPTION_ID: lab.velostrata.subscriptionId,
  }),
  config: `resource "ferry_velostrata_vm_detach" "web" {
  vm_id         = "vm-1"
  stage         = "cleaned_up"
  storage       = { aws = { storage_type = "gp2" } }
  allow_cutover = true
  allow_cleanup = true
}

output "migration_state" { value = ferry_velostrata_vm_detach.web.migration_state }
output "state" { value = ferry_velostrata_vm_detach.web.state }
output "power_state" { value = ferry_velostrata_vm_detach.web.power_state }
output "instance_type" { value = ferry_velostrata_vm_detach.web.instance_type }
`,
  ops: ["migrate", "preparetodetach", "detach", "cleanup"],
  jobs: ["migrate", "preparetodetach", "detach", "cleanup"],
  snapshot: (lab) => stable(lab.velostrata.model.vms.get("vm-1"), /^activeTasks$/),
};

matrixSuite([kind], {
  reference: (_k, out) => expect(out.outputs).toMatchObject({ migration_state: "None" }),
});
