/**
 * The interruption matrix (test/support/interrupt-matrix.ts) of ferry_cloudstack_root_volume under
 * terraform itself: the root swap of a Running VM (createTags of the intent record, stopVirtualMachine,
 * detachVolume, attachVolume, startVirtualMachine, deleteTags) cut at every step boundary and in every
 * job, by SIGINT and SIGKILL, then applied again. Skipped (with the reason) without a `terraform` CLI.
 */
import { expect } from "vitest";
import { DEFAULT_IDS } from "../../lab/index.ts";
import { rootSwap } from "../support/cloudstack-matrix.ts";
import { matrixSuite } from "../support/interrupt-matrix.ts";

matrixSuite([rootSwap], {
  overlap: true,
  reference: (_k, out) =>
    expect(out.outputs).toMatchObject({
      vm_state: "Running",
      previous_volume_id: DEFAULT_IDS.volumes["web-01-root"],
      volume_id: DEFAULT_IDS.volumes["web-01-root-v2"],
    }),
});
