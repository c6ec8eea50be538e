/**
 * The Danube Cloud part of `ferry demo`: a DR drill on the lab. web01.lab gets a replica on node02.lab;
 * the failover is planned (refused without the opt-in, then shown with the stop it causes), applied
 * with the reinit that reverses replication, and planned again (nothing left). The VM keeps its
 * hostname and gets a new UUID; ferry follows it.
 */
import type { DanubeLab } from "../lab/danube/index.ts";
import { DanubeClient } from "../provider/danube/client.ts";
import { danubeSettingsSchema } from "../provider/danube/settings.ts";
import { vmReplica } from "../provider/danube/vm-replica.ts";
import { applyResource, parseSpec, planResource } from "../provider/engine/resource.ts";
import { dim, green, progressPrinter, renderPlan } from "./render.ts";

const ADDRESS = "ferry_danube_vm_replica.web";

export async function runDanubeDrill(lab: DanubeLab, say: (line?: string) => void): Promise<number> {
  const client = new DanubeClient(
    danubeSettingsSchema.parse({ api_url: lab.url, username: lab.username, password: lab.password }),
  );
  const replicated = { vm: "web01.lab", repname: "dr1", replica_node: "node02.lab" };
  const drill = { ...replicated, master_node: "node02.lab", replica_node: "node01.lab" };
  const planned: Record<string, number> = {};

  const step = async (summary: string, input: Record<string, unknown>, run: boolean) => {
    const spec = parseSpec(vmReplica, input);
    const { plan } = await planResource(vmReplica, client, spec);
    say(renderPlan(ADDRESS, summary, plan));
    if (!run || plan.blockers.length) return undefined;
    for (const { step: s } of plan.steps) planned[s.operation] = (planned[s.operation] ?? 0) + 1;
    const p = progressPrinter((line) => say(line));
    const r = await applyResource(vmReplica, client, spec, {
      phase: "update",
      onStep: p.onStep,
      onProgress: p.onProgress,
    });
    const o = r.outputs;
    say(
      `  ${green("✓")} ${dim(`web01.lab (${o.vm_uuid}) runs on ${o.current_master_node}; replica dr1 on ${o.current_replica_node}, last sync ${o.last_sync || "-"}`)}`,
    );
    say();
    return r;
  };

  const created = await step("replicate web01.lab to node02.lab", replicated, true);
  await step("the drill: master on node02.lab — without allow_failover", drill, false);
  say();
  const failed = await step(
    "the drill, reviewed: allow_failover = true",
    { ...drill, allow_failover: true },
    true,
  );
  await step("plan again", { ...drill, allow_failover: true }, false);
  const executed = lab.writeCounts();
  const asPlanned =
    JSON.stringify(Object.entries(executed).sort()) === JSON.stringify(Object.entries(planned).sort());
  say(
    dim(
      `  web01.lab kept its hostname; its UUID went from ${created?.outputs.vm_uuid} to ${failed?.outputs.vm_uuid}. The Danube lab ran ${Object.entries(
        executed,
      )
        .map(([op, n]) => `${op} ×${n}`)
        .join(", ")}: ${asPlanned ? "exactly the operations the plans listed" : "NOT what the plans listed"}`,
    ),
  );
  say(
    dim(
      "  `npx ferry lab` keeps a Danube lab running; it answers Danube's own es client too (see its banner).",
    ),
  );
  return asPlanned ? 0 : 1;
}
