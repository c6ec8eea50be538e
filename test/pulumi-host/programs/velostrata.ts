// A Pulumi program with one Velostrata VM detach, arguments from FERRY_PROGRAM_ARGS.
import * as ferry from "@ferry-iac/ferry/pulumi";

const args = JSON.parse(process.env.FERRY_PROGRAM_ARGS ?? "{}");

export const db = new ferry.velostrata.VmDetach("db", args.db);
