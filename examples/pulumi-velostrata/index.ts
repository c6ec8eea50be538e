// A Velostrata VM moved onto native cloud disks with ferry and Pulumi, against the lab (`npx ferry
// lab`): the lab's vm-2 (db-01, AWS) is fully cached. Settings come from the stack config
// (ferry:velostrataUrl, ferry:velostrataSubscriptionId) or the VELOSTRATA_* environment `ferry lab`
// prints.
//
// The first `pulumi up` prepares the detach (native EBS volumes, kept in sync). The cutover is a
// second change: `pulumi config set cutover true`, then `pulumi preview` lists the detach as
// disruptive and `pulumi up` runs it.
import * as pulumi from "@pulumi/pulumi";
import * as ferry from "@ferry-iac/ferry/pulumi";

const cutover = new pulumi.Config().getBoolean("cutover") ?? false;

const db = new ferry.velostrata.VmDetach("db", {
  vmId: "vm-2",
  stage: cutover ? "detached" : "ready_to_detach",
  storage: { aws: { storageType: "gp2" } },
  allowCutover: cutover,
  timeouts: { create: "24h", update: "24h" },
});

export const migrationState = db.migrationState;
export const instanceType = db.instanceType;
export const powerState = db.powerState;
