// A Pulumi program with a root_volume "web" and a volume_attachment "rescue", each registered when
// FERRY_PROGRAM_ARGS has its arguments; `deleteBeforeReplace` among them is the resource option.
import * as ferry from "@ferry-iac/ferry/pulumi";

const args = JSON.parse(process.env.FERRY_PROGRAM_ARGS ?? "{}");
const split = ({ deleteBeforeReplace, ...rest }: Record<string, unknown>) => ({
  rest,
  opts: deleteBeforeReplace === undefined ? {} : { deleteBeforeReplace: deleteBeforeReplace === true },
});

if (args.web) {
  const { rest, opts } = split(args.web);
  new ferry.cloudstack.RootVolume("web", rest as unknown as ferry.cloudstack.RootVolumeArgs, opts);
}
if (args.rescue) {
  const { rest, opts } = split(args.rescue);
  new ferry.cloudstack.VolumeAttachment(
    "rescue",
    rest as unknown as ferry.cloudstack.VolumeAttachmentArgs,
    opts,
  );
}
