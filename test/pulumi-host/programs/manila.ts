// A Pulumi program with one Manila share server placement, arguments from FERRY_PROGRAM_ARGS.
import * as ferry from "@ferry-iac/ferry/pulumi";

const args = JSON.parse(process.env.FERRY_PROGRAM_ARGS ?? "{}");

export const fs = new ferry.manila.ShareServerHost("fs", args.fs);
