/** The Danube Cloud section of `ferry demo` (a DR drill) runs through and does what its plans say. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDanubeDrill } from "../cli/demo-danube.ts";
import { type DanubeLab, startDanubeLab } from "../lab/danube/index.ts";

let lab: DanubeLab;
beforeAll(async () => {
  lab = await startDanubeLab({ taskMs: 40 });
});
afterAll(async () => {
  await lab.stop();
});

describe("ferry demo: the Danube DR drill", () => {
  it("plans the create, refuses the failover without the opt-in, shows the stop, applies, plans nothing", async () => {
    const lines: string[] = [];
    expect(await runDanubeDrill(lab, (l = "") => lines.push(l))).toBe(0);
    const text = lines.join("\n");
    expect(text).toMatch(/POST \/api\/vm\/7b7e1d4c-9d84-4f0e-9a55-1f0c3f1a2b01\/replica\/dr1\//);
    expect(text).toMatch(/blocked — nothing will run:[\s\S]*input: allow_failover/);
    expect(text).toMatch(/⚠ disruptive: web01\.lab \(UUID 7b7e1d4c-[^)]*\) on node01\.lab is force-stopped/);
    expect(text).toMatch(/PUT \/api\/vm\/\(the new UUID of web01\.lab\)\/replica\/dr1\/reinit\//);
    expect(text).toMatch(/no changes/);
    expect(text).toMatch(/exactly the operations the plans listed/);
    expect(lab.writeCounts()).toEqual({ vm_replica_create: 1, vm_replica_failover: 1, vm_replica_reinit: 1 });
  });
});
