/**
 * `import * as ferry from "@ferry-iac/ferry/pulumi"`: one Pulumi dynamic resource class per kind,
 * grouped by backend (ferry.cloudstack.RootVolume …), generated from the kinds.
 */
export * from "./generated/index.ts";
export { FerryResource, type KindInfo } from "./resource.ts";
