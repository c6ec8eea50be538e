// The bench's Pulumi program as `pulumi new typescript` runs one (CommonJS): the same ferry resource, so
// the provider serialized into state is the one compiled to CommonJS.
const ferry = require("@ferry-iac/ferry/pulumi");

const args = JSON.parse(process.env.FERRY_PROGRAM_ARGS ?? "{}");

exports.archive = new ferry.cloudstack.VolumeStorage("archive", args.volumeStorage);
