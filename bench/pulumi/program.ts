// The bench's Pulumi program: one ferry resource (volume storage) and a minimal dynamic resource whose
// provider does nothing but answer, as the baseline for size and host round-trips.
import * as pulumi from "@pulumi/pulumi";
import * as ferry from "@ferry-iac/ferry/pulumi";

const args = JSON.parse(process.env.FERRY_PROGRAM_ARGS ?? "{}");

const minimalProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds, news) {
    return { inputs: news };
  },
  async diff(_id, olds, news) {
    return { changes: olds.value !== news.value };
  },
  async create(inputs) {
    return { id: "minimal", outs: inputs };
  },
  async read(id, props) {
    return { id, props };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
  async delete() {},
};

class Minimal extends pulumi.dynamic.Resource {
  constructor(name: string, value: string) {
    super(minimalProvider, name, { value }, {}, "bench", "Minimal");
  }
}

export const minimal = new Minimal("minimal", "v1");
export const archive = new ferry.cloudstack.VolumeStorage("archive", args.volumeStorage);
