/**
 * The interruption matrix (test/support/interrupt-matrix.ts) inside the jobs that write and clear the
 * CloudStack intent record (createTags, deleteTags are async jobs too) of a root swap and of a VM storage
 * move, under terraform itself, by SIGINT and SIGKILL: the job left to finish, then applied again.
 * The other cuts of these changes are in cloudstack-root-volume and cloudstack-vm-storage.
 */
import { rootSwap, vmStorageMove } from "../support/cloudstack-matrix.ts";
import { matrixSuite } from "../support/interrupt-matrix.ts";

const tags = ["createTags", "deleteTags"];

matrixSuite(
  [rootSwap, vmStorageMove].map((k) => ({ ...k, jobs: [...k.jobs, ...tags] })),
  { only: (cell) => tags.includes(cell.during ?? "") },
);
