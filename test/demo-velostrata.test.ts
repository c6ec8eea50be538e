/** The Velostrata section of `ferry demo` runs through and does what its plans say. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runVelostrataDetach } from "../cli/demo-velostrata.ts";
import { startVelostrataLab, type VelostrataLab } from "../lab/velostrata/index.ts";

let lab: VelostrataLab;
beforeAll(async () => {
  lab = await startVelostrataLab({ taskMs: 40 });
});
afterAll(async () => {
  await lab.stop();
});

describe("ferry demo: a Velostrata VM detached in two reviewed changes", () => {
  it("prepares the detach, refuses the cutover without the opt-in, shows its downtime, applies, plans nothing", async () => {
    const lines: string[] = [];
    expect(await runVelostrataDetach(lab, (l = "") => lines.push(l))).toBe(0);
    const text = lines.join("\n");
    expect(text).toMatch(
      /POST \/velostrata\/api\/v42\/vms\/vm-2\/operations\/preparetodetach \{"_type":"AwsTargetStorageSpec"/,
    );
    expect(text).toMatch(/blocked — nothing will run:[\s\S]*input: allow_cutover/);
    expect(text).toMatch(
      /⚠ disruptive: the cutover: vm-2 is shut down and started on its native disks as m5\.large/,
    );
    expect(text).toMatch(/no changes/);
    expect(text).toMatch(/exactly the operations the plans listed/);
    expect(lab.writeCounts()).toEqual({ preparetodetach: 1, detach: 1 });
  });
});
