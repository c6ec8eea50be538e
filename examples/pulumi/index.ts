// ferry on Pulumi against the lab (`npx ferry lab`): the lab's demo estate, four desired states.
// Settings come from the stack config (ferry:cloudstackApiUrl, ferry:cloudstackApiKey,
// ferry:cloudstackSecretKey) or the CLOUDSTACK_* environment `ferry lab` prints.
import * as ferry from "@ferry-iac/ferry/pulumi";

// Ids of the lab's demo estate (lab/cloudstack/default-inventory.json).
const vm = { web01: "7ea77a03-7355-40bd-82c9-3d6f55b7c526", db01: "7394f0f6-0e25-4a79-9923-59a2dc2c59d8" };
const rescue01 = "4be79296-f8c6-4701-970a-4c4cf4c6119c";
const volume = {
  web01RootV2: "3e51ec74-27ea-4292-8a6c-339655a2befe",
  archive01: "eda0f856-3169-4c6d-83d9-e5d96faefd23",
  broken01Root: "134031fb-736d-4b53-8963-bdfd122235e2",
};
const dsGold02 = "f345f76f-9789-404f-96a5-d84f3ea8a4b3";

// web-01 boots from the new image; ferry may stop it for the swap and starts it again.
const web = new ferry.cloudstack.RootVolume("web", {
  virtualMachineId: vm.web01,
  volumeId: volume.web01RootV2,
  allowStop: true,
  timeouts: { update: "20m" },
});

// The stopped db-01 moves to datastore ds-gold-02.
const db = new ferry.cloudstack.VmStorage("db", { virtualMachineId: vm.db01, storagePoolId: dsGold02 });

// The detached volume archive-01 moves to pool ds-gold-02.
const archive = new ferry.cloudstack.VolumeStorage("archive", {
  volumeId: volume.archive01,
  storagePoolId: dsGold02,
});

// broken-01's root disk is attached to rescue-01 as a data disk; destroy detaches it again.
const rescue = new ferry.cloudstack.VolumeAttachment("rescue", {
  volumeId: volume.broken01Root,
  virtualMachineId: rescue01,
  detachOnDestroy: true,
});

export const previousRoot = web.previousVolumeId;
export const dbPool = db.storagePoolName;
export const archivePool = archive.storagePoolName;
export const rescueDisk = rescue.volumeName;
export const pending = archive.operations;
