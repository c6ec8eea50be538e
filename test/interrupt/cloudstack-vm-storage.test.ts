/**
 * The interruption matrix (test/support/interrupt-matrix.ts) of ferry_cloudstack_vm_storage under
 * terraform itself: the storage move of a Running VM (createTags of the intent record,
 * stopVirtualMachine, migrateVirtualMachine, startVirtualMachine, deleteTags) cut at every step
 * boundary and in every job, by SIGINT and SIGKILL, then applied again. Skipped (with the reason)
 * without a `terraform` CLI.
 */
import { expect } from "vitest";
import { vmStorageMove } from "../support/cloudstack-matrix.ts";
import { matrixSuite } from "../support/interrupt-matrix.ts";

matrixSuite([vmStorageMove], {
  overlap: true,
  reference: (_k, out) =>
    expect(out.outputs).toMatchObject({ vm_state: "Running", storage_pool_name: "ds-gold-02" }),
});
