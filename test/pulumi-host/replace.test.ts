/**
 * A replacement under Pulumi of a kind whose destroy acts on the live object the replacement sets:
 * root_volume with restore_on_destroy, volume_attachment with detach_on_destroy. Pulumi replaces
 * create-first, and `pulumi up --replace` asks the provider no diff, so create-first would let the old
 * object's destroy undo the new one's work (the VM back on its old root, the volume detached). The
 * classes ask the engine to delete first; these tests drive the dynamic-provider host in the engine's
 * order for that option and count each write in the lab. The control cells set the option to false,
 * as a program may, and show what it costs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VM_IDS, VOLUME_IDS } from "../../lab/cloudstack/default-ids.ts";
import { type Lab, startLab } from "../../lab/index.ts";
import { Host } from "./support/host.ts";
import { labConfig, writeCounts } from "./support/lab.ts";
import { OneResourceStack } from "./support/stack.ts";

const PROGRAM = "test/pulumi-host/programs/replace.ts";
const swap = {
  virtualMachineId: VM_IDS["web-01"],
  volumeId: VOLUME_IDS["web-01-root-v2"],
  allowStop: true,
  restoreOnDestroy: true,
};
const attach = {
  volumeId: VOLUME_IDS["archive-01"],
  virtualMachineId: VM_IDS["rescue-01"],
  detachOnDestroy: true,
};
/** One root swap on a Running VM: its record written, stop, detach, attach at 0, start, record cleared. */
const SWAP_WRITES = {
  createTags: 1,
  stopVirtualMachine: 1,
  detachVolume: 1,
  attachVolume: 1,
  startVirtualMachine: 1,
  deleteTags: 1,
};

let lab: Lab;
let host: Host;

const rootOf = (vm: string) =>
  [...lab.cloudstack.model.volumes.values()].find((v) => v.vmId === vm && v.deviceId === 0)?.id;
const times = (counts: Record<string, number>, n: number) =>
  Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v * n]));

// One lab and one host for the file (the host configures each kind once): the tests run in order and
// each starts where the previous one left the lab.
beforeAll(async () => {
  lab = await startLab({ jobDurationMs: 20 });
  host = await Host.start();
  await host.configure(labConfig(lab));
});
afterAll(async () => {
  await host?.stop();
  await lab?.stop();
});

describe("pulumi up --replace of a root_volume with restore_on_destroy", () => {
  it("the class registers deleteBeforeReplace, so the restore runs before the new swap", async () => {
    const stack = new OneResourceStack(host, PROGRAM, "web");
    expect((await stack.registration(swap)).deleteBeforeReplace).toBe(true);
    expect(await stack.up(swap)).toBe("create");
    expect(rootOf(VM_IDS["web-01"])).toBe(VOLUME_IDS["web-01-root-v2"]);
    lab.cloudstack.clearCalls();

    expect(await stack.replace(swap)).toBe("delete-first");
    expect(rootOf(VM_IDS["web-01"])).toBe(VOLUME_IDS["web-01-root-v2"]);
    expect(lab.cloudstack.model.vm(VM_IDS["web-01"]).state).toBe("Running");
    expect(stack.current?.outputs).toMatchObject({ previousVolumeId: VOLUME_IDS["web-01-root"] });
    // The swap back and the swap again: each write twice, nothing else.
    expect(writeCounts(lab)).toEqual(times(SWAP_WRITES, 2));
    // A second up has nothing to do.
    lab.cloudstack.clearCalls();
    expect(await stack.up(swap)).toBe("same");
    expect(writeCounts(lab)).toEqual({});
  });

  it("control: with deleteBeforeReplace: false the old object's restore undoes the replacement", async () => {
    // web-01 boots from v2 (the test above): swap it back to its first root, then replace create-first.
    const stack = new OneResourceStack(host, PROGRAM, "web");
    const createFirst = { ...swap, volumeId: VOLUME_IDS["web-01-root"], deleteBeforeReplace: false };
    expect(await stack.up(createFirst)).toBe("create");
    expect(rootOf(VM_IDS["web-01"])).toBe(VOLUME_IDS["web-01-root"]);
    expect(await stack.replace(createFirst)).toBe("create-first");
    expect(rootOf(VM_IDS["web-01"])).toBe(VOLUME_IDS["web-01-root-v2"]);
  });
});

describe("pulumi up --replace of a volume_attachment with detach_on_destroy", () => {
  it("detaches, then attaches again: the volume stays attached", async () => {
    const stack = new OneResourceStack(host, PROGRAM, "rescue");
    expect((await stack.registration(attach)).deleteBeforeReplace).toBe(true);
    expect(await stack.up(attach)).toBe("create");
    lab.cloudstack.clearCalls();
    expect(await stack.replace(attach)).toBe("delete-first");
    expect(lab.cloudstack.model.volume(VOLUME_IDS["archive-01"]).vmId).toBe(VM_IDS["rescue-01"]);
    expect(writeCounts(lab)).toEqual({ detachVolume: 1, attachVolume: 1 });
  });

  it("control: with deleteBeforeReplace: false the volume ends detached", async () => {
    // archive-01 is attached to rescue-01 (the test above): the create finds nothing to do.
    const stack = new OneResourceStack(host, PROGRAM, "rescue");
    const createFirst = { ...attach, deleteBeforeReplace: false };
    expect(await stack.up(createFirst)).toBe("create");
    expect(await stack.replace(createFirst)).toBe("create-first");
    expect(lab.cloudstack.model.volume(VOLUME_IDS["archive-01"]).vmId).toBe(null);
  });
});
