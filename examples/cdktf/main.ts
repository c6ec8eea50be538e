// ferry on cdktf against the lab (`npx ferry lab`): web-01's root disk swapped (ferry may stop the VM
// for it and starts it again) and the detached volume archive-01 moved to pool ds-gold-02.
// The provider reads the CLOUDSTACK_* environment `ferry lab` prints.
// `cdktf synth` writes cdktf.out/stacks/lab/cdk.tf.json; see README.md for deploy.
import { pathToFileURL } from "node:url";
import { cloudstackRootVolume, cloudstackVolumeStorage, provider } from "@ferry-iac/ferry/cdktf";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";

// Ids of the lab's demo estate (lab/cloudstack/default-inventory.json).
const web01 = "7ea77a03-7355-40bd-82c9-3d6f55b7c526";
const web01RootV2 = "3e51ec74-27ea-4292-8a6c-339655a2befe";
const archive01 = "eda0f856-3169-4c6d-83d9-e5d96faefd23";
const dsGold02 = "f345f76f-9789-404f-96a5-d84f3ea8a4b3";

export class LabMoves extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new provider.FerryProvider(this, "ferry", {});
    const web = new cloudstackRootVolume.CloudstackRootVolume(this, "web", {
      virtualMachineId: web01,
      volumeId: web01RootV2,
      allowStop: true,
      timeouts: { update: "20m" },
    });
    const archive = new cloudstackVolumeStorage.CloudstackVolumeStorage(this, "archive", {
      volumeId: archive01,
      storagePoolId: dsGold02,
    });
    new TerraformOutput(this, "previous_root", { value: web.previousVolumeId });
    new TerraformOutput(this, "archive_pool", { value: archive.storagePoolName });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const app = new App();
  new LabMoves(app, "lab");
  app.synth();
}
