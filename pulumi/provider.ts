/**
 * The dynamic provider that Pulumi serializes into state (`__provider`) and runs inside its provider
 * host. It is deliberately tiny: one plain field (the kind's type) and methods that load ferry at run
 * time through `require`, so the serialized text captures no schemas, clients or agents, and a newer
 * ferry installed next to the program is the one that runs.
 *
 * Everything the methods do is in runtime.ts, loaded by runtime-load.ts (compiled CommonJS) in the host
 * process.
 */
import type * as pulumi from "@pulumi/pulumi";

type Door = typeof import("./runtime.ts");

/**
 * Loads the door by the package's name, resolved from the program's directory (the host's working
 * directory): the ferry installed next to the program, or the package itself when the program lives in
 * its root. Serialized by value with the methods; `require` calls are kept as written.
 */
function loadDoor(): Promise<Door> {
  const { createRequire } = require("node:module");
  const { join } = require("node:path");
  return createRequire(join(process.cwd(), "pulumi-program.js"))("@ferry-iac/ferry/pulumi/runtime").load();
}

export class FerryProvider implements pulumi.dynamic.ResourceProvider {
  /** The kind's type, e.g. "cloudstack_root_volume". Serialized by value. */
  readonly type: string;

  constructor(type: string) {
    this.type = type;
  }

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    const door = await loadDoor();
    door.configure(req.config);
  }

  async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
    const door = await loadDoor();
    return door.check(this.type, olds, news);
  }

  async diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    const door = await loadDoor();
    return door.diff(this.type, id, olds, news);
  }

  async create(inputs: Record<string, unknown>) {
    const door = await loadDoor();
    return door.create(this.type, inputs);
  }

  async read(id: string, props: Record<string, unknown>) {
    const door = await loadDoor();
    return door.read(this.type, id, props);
  }

  async update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    const door = await loadDoor();
    return door.update(this.type, id, olds, news);
  }

  async delete(id: string, props: Record<string, unknown>) {
    const door = await loadDoor();
    await door.delete(this.type, id, props);
  }
}
