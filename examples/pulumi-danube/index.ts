// A DR drill on Danube Cloud with ferry and Pulumi, against the lab (`npx ferry lab`): web01.lab is
// replicated to node02.lab. Settings come from the stack config (ferry:danubeApiUrl,
// ferry:danubeApiKey) or the ES_API_URL / ES_API_KEY environment `ferry lab` prints.
//
// The drill: `pulumi config set drill true`, then `pulumi preview` lists the failover as disruptive
// (the master is force-stopped, the replica promoted) and the reinit after it; `pulumi up` runs them.
// `pulumi config set drill false` and another `up` fails back.
import * as pulumi from "@pulumi/pulumi";
import * as ferry from "@ferry-iac/ferry/pulumi";

const drill = new pulumi.Config().getBoolean("drill") ?? false;
const [master, replica] = drill ? ["node02.lab", "node01.lab"] : ["node01.lab", "node02.lab"];

const web = new ferry.danube.VmReplica("web", {
  vm: "web01.lab", // the hostname: a failover changes the UUID behind it, the resource follows it
  repname: "dr1",
  masterNode: master,
  replicaNode: replica,
  allowFailover: true,
  sleepTime: 120,
  timeouts: { create: "6h" },
});

export const vmUuid = web.vmUuid;
export const runsOn = web.currentMasterNode;
export const replicatedTo = web.currentReplicaNode;
export const lastSync = web.lastSync;
