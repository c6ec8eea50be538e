// A Pulumi program with one Danube Cloud VM replica, arguments from FERRY_PROGRAM_ARGS.
import * as ferry from "@ferry-iac/ferry/pulumi";

const args = JSON.parse(process.env.FERRY_PROGRAM_ARGS ?? "{}");

export const web = new ferry.danube.VmReplica("web", args.web);
