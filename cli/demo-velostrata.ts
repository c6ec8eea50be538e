/**
 * The Velostrata part of `ferry demo`: db-01 (vm-2, in AWS, fully cached) taken to ready-to-detach in
 * one reviewed change — native EBS volumes made and kept in sync by the exporter — then cut over in a
 * second: refused without allow_cutover, then shown with its downtime and applied; planned again
 * (nothing left).
 */
import { applyResource, parseSpec, planResource } from "../provider/engine/resource.ts";
import { VelostrataClient } from "../provider/velostrata/client.ts";
import { velostrataSettingsSchema } from "../provider/velostrata/settings.ts";
import { vmDetach } from "../provider/velostrata/vm-detach.ts";
import type { VelostrataLab } from "../lab/velostrata/index.ts";
import { dim, green, progressPrinter, renderPlan } from "./render.ts";

const ADDRESS = "ferry_velostrata_vm_detach.db";

export async function runVelostrataDetach(lab: VelostrataLab, say: (line?: string) => void): Promise<number> {
  const client = new VelostrataClient(
    velostrataSettingsSchema.parse({ url: lab.url, subscription_id: lab.subscriptionId }),
  );
  const prepared = { vm_id: "vm-2", stage: "ready_to_detach", storage: { aws: { storage_type: "gp2" } } };
  const cutover = { ...prepared, stage: "detached" };
  const planned: Record<string, number> = {};

  const step = async (summary: string, input: Record<string, unknown>, run: boolean) => {
    const spec = parseSpec(vmDetach, input);
    const { plan } = await planResource(vmDetach, client, spec);
    say(renderPlan(ADDRESS, summary, plan));
    if (!run || plan.blockers.length) return undefined;
    for (const { step: s } of plan.steps) planned[s.operation] = (planned[s.operation] ?? 0) + 1;
    const p = progressPrinter((line) => say(line));
    const r = await applyResource(vmDetach, client, spec, {
      phase: "update",
      onStep: p.onStep,
      onProgress: p.onProgress,
    });
    const o = r.outputs;
    say(
      `  ${green("✓")} ${dim(`vm-2 (db-01) is ${o.migration_state}, ${o.power_state} as ${o.instance_type}`)}`,
    );
    say();
    return r;
  };

  await step("change 1: db-01 onto native EBS volumes, up to ready_to_detach", prepared, true);
  await step("change 2: the cutover — without allow_cutover", cutover, false);
  say();
  await step("change 2, reviewed: allow_cutover = true", { ...cutover, allow_cutover: true }, true);
  await step("plan again", { ...cutover, allow_cutover: true }, false);
  const executed = lab.writeCounts();
  const asPlanned =
    JSON.stringify(Object.entries(executed).sort()) === JSON.stringify(Object.entries(planned).sort());
  say(
    dim(
      `  The Velostrata lab ran ${Object.entries(executed)
        .map(([op, n]) => `${op} ×${n}`)
        .join(", ")}: ${asPlanned ? "exactly the operations the plans listed" : "NOT what the plans listed"}`,
    ),
  );
  return asPlanned ? 0 : 1;
}
