/**
 * manila_share_server_host through the Pulumi door, inside Pulumi's own dynamic-provider host, against
 * the Manila lab: phase 1 in one `pulumi up`, the switch-over in a second once `complete` is set, the
 * resource following the destination (refresh after Manila deleted the source), destroy forgetting —
 * counting in the lab's call log that migration_start and migration_complete ran once each.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Lab, startLab } from "../../lab/index.ts";
import { LAB_IDS } from "../../lab/manila/model.ts";
import { Host } from "./support/host.ts";
import { secret } from "./support/lab.ts";
import { OneResourceStack } from "./support/stack.ts";

const PROGRAM = "test/pulumi-host/programs/manila.ts";
const move = { shareServerId: LAB_IDS.server, host: "manila-peer@dummy2" };

let lab: Lab;
let host: Host;
let stack: OneResourceStack;

function actions(): Record<string, number> {
  return Object.fromEntries(
    ["migration_start", "migration_complete", "migration_cancel"]
      .map((a) => [a, lab.manila.count(a)] as const)
      .filter(([, n]) => n > 0),
  );
}

/** `pulumi up` of the one resource. */
const up = (fs: Record<string, unknown>) => stack.up(fs);

beforeAll(async () => {
  lab = await startLab({ manilaStepMs: 60 });
  host = await Host.start();
  await host.configure({
    "ferry:manilaEndpoint": lab.manila.url,
    "ferry:manilaToken": secret(lab.manila.token),
  });
  stack = new OneResourceStack(host, PROGRAM, "fs");
});

afterAll(async () => {
  await host?.stop();
  await lab?.stop();
});

describe("a Manila share server moved in two reviewed phases with pulumi up", () => {
  it("up: phase 1 only; the outputs say the move is ready to complete", async () => {
    expect(await up(move)).toBe("create");
    expect(stack.current?.id).toBe(LAB_IDS.server);
    expect(stack.current?.outputs).toMatchObject({
      shareServerId: LAB_IDS.server,
      currentShareServerId: LAB_IDS.server,
      taskState: "migration_driver_phase1_done",
      readyToComplete: true,
      operations: [],
    });
    expect(actions()).toEqual({ migration_start: 1 });
    expect(await up(move)).toBe("same");
    expect(actions()).toEqual({ migration_start: 1 });
  });

  it("up with complete = true: the switch-over, announced as disruptive; the resource follows the destination", async () => {
    const destination = String(stack.current?.outputs.destinationShareServerId);
    const before = host.stdout.length;
    expect(await up({ ...move, complete: true })).toBe("update");
    expect(await host.output(/migration_complete/, before)).toMatch(/reconnect/);
    expect(stack.current?.outputs).toMatchObject({
      currentShareServerId: destination,
      currentHost: "manila-peer@dummy2",
      readyToComplete: false,
    });
    expect(actions()).toEqual({ migration_start: 1, migration_complete: 1 });

    // Manila deletes the source; a refresh still finds the shares' server under the same id.
    await lab.manila.settle();
    const { urn, id, outputs } = stack.current!;
    const refreshed = await host.read(urn, id, outputs);
    expect(refreshed.id).toBe(LAB_IDS.server);
    expect(refreshed.props).toMatchObject({ currentShareServerId: destination, operations: [] });
    expect(await up({ ...move, complete: true })).toBe("same");
  });

  it("destroy forgets: the shares stay on the destination", async () => {
    const { urn, id, outputs } = stack.current!;
    await host.delete(urn, id, outputs);
    expect(actions()).toEqual({ migration_start: 1, migration_complete: 1 });
  });
});
