/**
 * The interruption matrix (test/support/interrupt-matrix.ts) inside the jobs that write and clear the
 * CloudStack intent record (createTags, deleteTags are async jobs too) of a root swap and of a VM storage
 * move, under terraform itself, by SIGINT and SIGKILL: the job left to finish, then applied again.
 * The other cuts of these changes are in cloudstack-root-volume and cloudstack-vm-storage.
 */
import { DEFAULT_IDS } from "../../lab/index.ts";
import { rootSwap, vmStorageMove } from "../support/cloudstack-matrix.ts";
import { type MatrixKind, matrixSuite } from "../support/interrupt-matrix.ts";

const tags = ["createTags", "deleteTags"];
const OLD = DEFAULT_IDS.volumes["web-01-root"];
const NEW = DEFAULT_IDS.volumes["web-01-root-v2"];

// A root swap interrupted inside its closing deleteTags job is done, but the record naming the old root
// is gone before terraform stored the resource. When the resource was in state before (the swap is an
// update of volume_id), the rerun takes previous_volume_id from the root the state last saw
// (root_volume_id). A swap made by the resource's create, SIGKILLed there, leaves nothing that names
// the old root (the docs of previous_volume_id say so): those two cells are not here.
const rootSwapUpdate: MatrixKind = {
  ...rootSwap,
  title: `${rootSwap.title}, an update of volume_id`,
  setup: [rootSwap.config.replace(NEW, OLD)],
};
const withTagJobs = (k: MatrixKind): MatrixKind => ({ ...k, jobs: [...k.jobs, ...tags] });

matrixSuite([rootSwap, rootSwapUpdate, vmStorageMove].map(withTagJobs), {
  only: (cell, kind) =>
    kind.title === rootSwap.title
      ? cell.during === "createTags"
      : kind.title === rootSwapUpdate.title
        ? cell.during === "deleteTags"
        : tags.includes(cell.during ?? ""),
});
