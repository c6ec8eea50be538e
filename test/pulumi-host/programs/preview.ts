// A program whose arguments are not all known at preview: a pool id that comes from another
// resource's output, and a per-resource connection with secret keys.
import * as pulumi from "@pulumi/pulumi";
import * as ferry from "@ferry-iac/ferry/pulumi";

const args = JSON.parse(process.env.FERRY_PROGRAM_ARGS ?? "{}");

const db = new ferry.cloudstack.VmStorage("db", args.vmStorage);

export const archive = new ferry.cloudstack.VolumeStorage("archive", {
  volumeId: args.volumeId,
  storagePoolId: db.id.apply(() => args.storagePoolId as string),
  connection: {
    apiUrl: args.connection.apiUrl,
    apiKey: pulumi.secret(args.connection.apiKey as string),
    secretKey: pulumi.secret(args.connection.secretKey as string),
  },
});
