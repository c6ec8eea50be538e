/**
 * The interruption matrix (test/support/interrupt-matrix.ts) of ferry_velostrata_vm_detach under
 * terraform itself: a VM running from Velostrata's cache taken all the way (migrate, preparetodetach
 * with its exporter passes, detach: the cutover, cleanup) cut at every step boundary and in every
 * task, by SIGINT and SIGKILL, then applied again. Skipped (with the reason) without a `terraform` CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lab } from "../../lab/index.ts";
import { cells, KindRunner, type MatrixKind, type Outcome, stable } from "../support/interrupt-matrix.ts";
import { terraformCli } from "../support/terraform-cli.ts";

const tf = terraformCli();
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

const matrix = cells(kind);
console.log(`${kind.title}: ${matrix.length} cells`);

describe.skipIf(!tf.available)(`terraform ${tf.version}: ${kind.title}, interrupted`, () => {
  const runner = new KindRunner(kind);
  let expected: Outcome;
  beforeAll(async () => {
    await runner.init();
    expected = await runner.uninterrupted();
    expect(expected.outputs).toMatchObject({ migration_state: "None" });
  }, 120_000);
  afterAll(() => runner.cleanup());

  describe.concurrent("each cell: interrupted, applied again, equal to the uninterrupted run", () => {
    it.each(matrix)(
      "$cut ($signal)",
      async (cell) => {
        expect(await runner.interrupted(cell)).toEqual(expected);
      },
      150_000,
    );
  });
});
