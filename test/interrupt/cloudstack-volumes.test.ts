/**
 * The interruption matrix (test/support/interrupt-matrix.ts) of the CloudStack volume kinds under
 * terraform itself: ferry_cloudstack_volume_attachment moving a data disk to another VM (detachVolume,
 * attachVolume) and ferry_cloudstack_volume_storage moving a detached volume to another pool (one
 * migrateVolume, a long job), cut at every step boundary and in every job, by SIGINT and SIGKILL, then
 * applied again. Skipped (with the reason) without a `terraform` CLI.
 */
import { DEFAULT_IDS } from "../../lab/index.ts";
import {
  cloudstackEnv,
  cloudstackService,
  JOB_MS,
  vmSnapshot,
  volumeSnapshot,
} from "../support/cloudstack-matrix.ts";
import { matrixSuite, type MatrixKind } from "../support/interrupt-matrix.ts";

const DATA = DEFAULT_IDS.volumes["db-01-data"];
const FROM = DEFAULT_IDS.vms["db-01"];
const TO = DEFAULT_IDS.vms["rescue-01"];
const ARCHIVE = DEFAULT_IDS.volumes["archive-01"];
const POOL = DEFAULT_IDS.storagePools["ds-gold-02"];

const kinds: MatrixKind[] = [
  {
    title: "ferry_cloudstack_volume_attachment: a data disk moved to another VM",
    lab: { jobDurationMs: JOB_MS },
    jobMs: JOB_MS,
    service: cloudstackService,
    env: cloudstackEnv,
    config: `resource "ferry_cloudstack_volume_attachment" "data" {
  volume_id          = "${DATA}"
  virtual_machine_id = "${TO}"
}

output "attached_device_id" { value = ferry_cloudstack_volume_attachment.data.attached_device_id }
output "virtual_machine_name" { value = ferry_cloudstack_volume_attachment.data.virtual_machine_name }
`,
    ops: ["detachVolume", "attachVolume"],
    jobs: ["detachVolume", "attachVolume"],
    snapshot: (lab) => ({
      volume: volumeSnapshot(lab, [DATA]),
      from: vmSnapshot(lab, FROM),
      to: vmSnapshot(lab, TO),
    }),
  },
  {
    title: "ferry_cloudstack_volume_storage: a detached volume moved to another pool",
    lab: { jobDurationMs: JOB_MS },
    jobMs: JOB_MS,
    service: cloudstackService,
    env: cloudstackEnv,
    config: `resource "ferry_cloudstack_volume_storage" "archive" {
  volume_id       = "${ARCHIVE}"
  storage_pool_id = "${POOL}"
}

output "storage_pool_name" { value = ferry_cloudstack_volume_storage.archive.storage_pool_name }
output "volume_state" { value = ferry_cloudstack_volume_storage.archive.volume_state }
`,
    ops: ["migrateVolume"],
    jobs: ["migrateVolume"],
    snapshot: (lab) => volumeSnapshot(lab, [ARCHIVE]),
  },
];

matrixSuite(kinds, { overlap: true });
