// A Pulumi program with one resource of every CloudStack kind, arguments from FERRY_PROGRAM_ARGS.
import * as ferry from "@ferry-iac/ferry/pulumi";

const args = JSON.parse(process.env.FERRY_PROGRAM_ARGS ?? "{}");

export const rootVolume = new ferry.cloudstack.RootVolume("web", args.rootVolume);
export const vmStorage = new ferry.cloudstack.VmStorage("db", args.vmStorage);
export const volumeStorage = new ferry.cloudstack.VolumeStorage("archive", args.volumeStorage);
export const volumeAttachment = new ferry.cloudstack.VolumeAttachment("rescue", args.volumeAttachment);
