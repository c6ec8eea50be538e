/**
 * `require("@ferry-iac/ferry/pulumi/runtime").load()`: what the serialized provider (provider.ts) calls
 * inside Pulumi's dynamic-provider host, a CommonJS process. The door is compiled JavaScript; `load`
 * stays a promise so the serialized methods need not know how it is loaded.
 */
import * as door from "./runtime.ts";

export function load(): Promise<typeof door> {
  return Promise.resolve(door);
}
