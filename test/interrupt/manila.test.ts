/**
 * The interruption matrix (test/support/interrupt-matrix.ts) of ferry_manila_share_server_host under
 * terraform itself, against the Manila lab: a share server moved with `complete = true` in one apply
 * (migration_start and its phase 1, then migration_complete: the switch-over), cut at the boundary and
 * in each phase, by SIGINT and SIGKILL, then applied again. Skipped (with the reason) without a
 * `terraform` CLI.
 */
import { expect } from "vitest";
import type { Lab } from "../../lab/index.ts";
import { MANILA_LAB_IDS } from "../../lab/manila/index.ts";
import { matrixSuite, type MatrixKind, stable } from "../support/interrupt-matrix.ts";

const STEP_MS = 60;

const kind: MatrixKind = {
  title: "ferry_manila_share_server_host: phase 1 and the switch-over in one apply",
  lab: { manilaStepMs: STEP_MS },
  jobMs: STEP_MS,
  longJobMs: 3000,
  service: (lab: Lab) => ({
    faults: lab.manila.faults,
    count: (op) => lab.manila.count(op),
    settle: () => lab.manila.settle(),
    clearCalls: () => lab.manila.clearCalls(),
    setJobMs: (ms) => {
      lab.manila.stepMs = ms;
    },
  }),
  env: (lab) => ({ MANILA_ENDPOINT: lab.manila.url, OS_TOKEN: lab.manila.token }),
  config: `resource "ferry_manila_share_server_host" "fs" {
  share_server_id = "${MANILA_LAB_IDS.server}"
  host            = "manila-peer@dummy2"
  complete        = true
}

output "current_host" { value = ferry_manila_share_server_host.fs.current_host }
output "status" { value = ferry_manila_share_server_host.fs.status }
output "task_state" { value = ferry_manila_share_server_host.fs.task_state }
output "ready_to_complete" { value = ferry_manila_share_server_host.fs.ready_to_complete }
`,
  ops: ["migration_start", "migration_complete"],
  jobs: ["migration_start", "migration_complete"],
  // Manila makes up the destination's id: servers are compared by host and status, shares by server host.
  snapshot: (lab) => {
    const m = lab.manila.model;
    const hostOf = (id: string) => m.servers.get(id)?.host ?? `gone`;
    return {
      servers: [...m.servers.values()]
        .map((s) =>
          stable(
            s,
            /^(id|created_at|updated_at|epoch|ip|identifier|source_share_server_id|share_network_subnet_id)$/,
          ),
        )
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      shares: [...m.shares.values()].map((s) => ({
        id: s.id,
        status: s.status,
        on: hostOf(s.share_server_id),
      })),
    };
  },
};

matrixSuite([kind], {
  reference: (_k, out) => expect(out.outputs).toMatchObject({ current_host: "manila-peer@dummy2" }),
});
