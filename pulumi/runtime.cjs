// The Pulumi door's runtime, loaded by the serialized provider inside Pulumi's dynamic-provider host
// (a CommonJS process): `require("@ferry-iac/ferry/pulumi/runtime").load()`. ferry's sources are
// TypeScript ES modules, imported here through tsx once per process.
const { pathToFileURL } = require("node:url");

let loading;

exports.load = function load() {
  loading ??= import("tsx/esm/api").then(({ tsImport }) =>
    tsImport("./runtime.ts", pathToFileURL(__filename).href),
  );
  return loading;
};
