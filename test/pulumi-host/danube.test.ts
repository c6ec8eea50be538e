/**
 * danube_vm_replica through the Pulumi door, inside Pulumi's own dynamic-provider host, against the
 * Danube lab: a DR drill in `pulumi up`s (create, the failover announced in preview and applied), a
 * refresh after a failover done by hand (the swap, not a missing VM), bad input named in the program's
 * names, a replacement deleting first (one replica per VM), destroy — counting each write in the lab.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Lab, startLab } from "../../lab/index.ts";
import { Host } from "./support/host.ts";
import { secret } from "./support/lab.ts";
import { OneResourceStack } from "./support/stack.ts";

const PROGRAM = "test/pulumi-host/programs/danube.ts";
const base = { vm: "web01.lab", repname: "dr1", replicaNode: "node02.lab" };
const drill = { ...base, masterNode: "node02.lab", replicaNode: "node01.lab", allowFailover: true };

let lab: Lab;
let host: Host;
let stack: OneResourceStack;
const up = (args: Record<string, unknown>) => stack.up(args);

beforeAll(async () => {
  lab = await startLab({ danubeTaskMs: 60 });
  host = await Host.start();
  await host.configure({
    "ferry:danubeApiUrl": lab.danube.url,
    "ferry:danubeApiKey": secret(lab.danube.apiKey),
  });
  stack = new OneResourceStack(host, PROGRAM, "web");
});

afterAll(async () => {
  await host?.stop();
  await lab?.stop();
});

describe("a Danube Cloud DR drill with pulumi up", () => {
  it("check names bad arguments in the program's names", async () => {
    const { urn, inputs } = await stack.registration({
      ...base,
      repname: "-dr",
      sleepTime: -5,
      diskZpools: { "3": "zones" },
    });
    const checked = await host.check(urn, {}, inputs);
    expect(checked.failures.map((f) => f.property).sort()).toEqual(["diskZpools.3", "repname", "sleepTime"]);
    expect(checked.failures.find((f) => f.property === "diskZpools.3")?.reason).toMatch(
      /key "3" is not allowed/,
    );
  });

  it("up creates the replica; a second up has nothing to do", async () => {
    expect(await up(base)).toBe("create");
    expect(stack.current?.id).toBe("web01.lab/dr1");
    expect(stack.current?.outputs).toMatchObject({
      vmUuid: "7b7e1d4c-9d84-4f0e-9a55-1f0c3f1a2b01",
      currentMasterNode: "node01.lab",
      currentReplicaNode: "node02.lab",
      replicationEnabled: true,
    });
    expect(await up(base)).toBe("same");
    expect(lab.danube.writeCounts()).toEqual({ vm_replica_create: 1 });
  });

  it("up with the nodes swapped: preview announces the failover as disruptive; the resource follows the new UUID", async () => {
    const from = host.stdout.length;
    expect(await up(drill)).toBe("update");
    expect(await host.output(/! vm_replica_failover: .*force-stopped/, from)).toBeTruthy();
    expect(stack.current?.id).toBe("web01.lab/dr1");
    expect(stack.current?.outputs).toMatchObject({
      currentMasterNode: "node02.lab",
      currentReplicaNode: "node01.lab",
    });
    expect(stack.current?.outputs.vmUuid).not.toBe("7b7e1d4c-9d84-4f0e-9a55-1f0c3f1a2b01");
    expect(lab.danube.writeCounts()).toEqual({
      vm_replica_create: 1,
      vm_replica_failover: 1,
      vm_replica_reinit: 1,
    });
  });

  it("refresh after a failover done by hand: the swap, with what the next up would do", async () => {
    lab.danube.model.failoverByHand("web01.lab", "dr1");
    const { urn, id, outputs } = stack.current!;
    const from = host.stdout.length;
    const refreshed = await host.read(urn, id, outputs);
    expect(refreshed.id).toBe("web01.lab/dr1");
    expect(refreshed.props).toMatchObject({
      vmUuid: "7b7e1d4c-9d84-4f0e-9a55-1f0c3f1a2b01",
      currentMasterNode: "node01.lab",
      reinitRequired: true,
    });
    expect(await host.output(/has drifted/, from)).toBeTruthy();
    stack.current = { ...stack.current!, outputs: refreshed.props };
    expect(await up(drill)).toBe("update");
    expect(lab.danube.writeCounts()).toEqual({
      vm_replica_create: 1,
      vm_replica_failover: 2,
      vm_replica_reinit: 3,
    });
  });

  it("a new repname replaces the replica, deleting the old one first", async () => {
    expect(await up({ ...drill, repname: "dr2" })).toBe("replace");
    expect(stack.current?.id).toBe("web01.lab/dr2");
    expect(lab.danube.writeCounts()).toMatchObject({ vm_replica_delete: 1, vm_replica_create: 2 });
  });

  it("destroy deletes the replica", async () => {
    const { urn, id, outputs } = stack.current!;
    await host.delete(urn, id, outputs);
    expect(lab.danube.writeCounts()).toMatchObject({ vm_replica_delete: 2 });
    expect(lab.danube.model.slavesOf(lab.danube.model.master("main", "web01.lab")!)).toEqual([]);
  });
});
