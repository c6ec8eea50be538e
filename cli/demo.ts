/**
 * `ferry demo` — the main job on the embedded lab: plans (the exact operations, what is disruptive,
 * what is refused and why), apply with progress, a second plan that finds nothing to do, then one
 * desired state changed and planned again.
 */
import { startLab } from "../lab/index.ts";
import { POOL_IDS, VM_IDS, VOLUME_IDS } from "../lab/cloudstack/default-ids.ts";
import { CloudStackClient } from "../provider/cloudstack/client.ts";
import { rootVolume } from "../provider/cloudstack/root-volume.ts";
import { cloudStackSettingsSchema } from "../provider/cloudstack/settings.ts";
import { vmStorage } from "../provider/cloudstack/vm-storage.ts";
import { volumeAttachment } from "../provider/cloudstack/volume-attachment.ts";
import { volumeStorage } from "../provider/cloudstack/volume-storage.ts";
import { LAB_IDS as MANILA_IDS } from "../lab/manila/index.ts";
import { isFerryError } from "../provider/engine/errors.ts";
import type { AnyKind } from "../provider/engine/kind.ts";
import { closeAllHttpClients } from "../provider/engine/http.ts";
import { applyResource, parseSpec, planResource } from "../provider/engine/resource.ts";
import { ManilaClient } from "../provider/manila/client.ts";
import { manilaSettingsSchema } from "../provider/manila/settings.ts";
import { shareServerHost } from "../provider/manila/share-server-host.ts";
import { describePlan } from "../provider/engine/describe.ts";
import { renderText } from "./review/render.ts";
import { bold, dim, green, heading, progressPrinter, red, renderPlan } from "./render.ts";
import { runDanubeDrill } from "./demo-danube.ts";
import { runVelostrataDetach } from "./demo-velostrata.ts";
import { runThroughProvider } from "./demo-terraform.ts";

interface Scenario {
  address: string;
  summary: string;
  kind: AnyKind;
  input: Record<string, unknown>;
}

const scenarios: Scenario[] = [
  {
    address: "ferry_cloudstack_root_volume.web",
    summary: "web-01 boots from the new image web-01-root-v2",
    kind: rootVolume,
    input: {
      virtual_machine_id: VM_IDS["web-01"],
      volume_id: VOLUME_IDS["web-01-root-v2"],
      allow_stop: true,
    },
  },
  {
    address: "ferry_cloudstack_vm_storage.db",
    summary: "stopped db-01 moves to datastore ds-gold-02",
    kind: vmStorage,
    input: { virtual_machine_id: VM_IDS["db-01"], storage_pool_id: POOL_IDS["ds-gold-02"] },
  },
  {
    address: "ferry_cloudstack_volume_storage.archive",
    summary: "detached volume archive-01 moves to pool ds-gold-02",
    kind: volumeStorage,
    input: { volume_id: VOLUME_IDS["archive-01"], storage_pool_id: POOL_IDS["ds-gold-02"] },
  },
  {
    address: "ferry_cloudstack_volume_attachment.rescue",
    summary: "broken-01's root disk is attached to rescue-01 as a data disk",
    kind: volumeAttachment,
    input: { volume_id: VOLUME_IDS["broken-01-root"], virtual_machine_id: VM_IDS["rescue-01"] },
  },
];

const refused: Scenario[] = [
  {
    address: "ferry_cloudstack_root_volume.web (without allow_stop)",
    summary: "the same swap, but the VM may not be stopped",
    kind: rootVolume,
    input: { virtual_machine_id: VM_IDS["web-01"], volume_id: VOLUME_IDS["web-01-root-v2"] },
  },
  {
    address: "ferry_cloudstack_vm_storage.snap",
    summary: "snap-01 (2 VM snapshots) to ds-silver-01",
    kind: vmStorage,
    input: { virtual_machine_id: VM_IDS["snap-01"], storage_pool_id: POOL_IDS["ds-silver-01"] },
  },
];

export async function runDemo(argv: string[]): Promise<number> {
  const jobMs = Number(argv.find((a) => a.startsWith("--job-ms="))?.split("=")[1] ?? 700);
  const lab = await startLab({
    jobDurationMs: jobMs,
    manilaStepMs: Math.max(50, Math.round(jobMs / 3)),
    danubeTaskMs: jobMs,
    velostrataTaskMs: jobMs,
  });
  const say = (s = "") => console.log(s);
  try {
    const cs = lab.cloudstack;
    const settings = cloudStackSettingsSchema.parse({
      api_url: cs.url,
      api_key: cs.apiKey,
      secret_key: cs.secretKey,
    });
    const client = new CloudStackClient(settings);
    say(
      bold("ferry demo") + dim(" — desired state for VM and storage moves, on the embedded CloudStack lab"),
    );
    say(dim(`lab: ${cs.url} (every call is signed and checked; async jobs take ${jobMs} ms)`));

    say(heading("1. Plan: what would run, in order, before anything runs"));
    const planned: Record<string, number> = {};
    for (const s of scenarios) {
      const { plan } = await planResource(s.kind, client, parseSpec(s.kind, s.input));
      for (const { step } of plan.steps)
        if (step.action === "call") planned[step.operation] = (planned[step.operation] ?? 0) + 1;
      say(renderPlan(s.address, s.summary, plan));
      say();
    }

    say(heading("2. Plans CloudStack would refuse are blocked up front"));
    for (const s of refused) {
      const { plan } = await planResource(s.kind, client, parseSpec(s.kind, s.input));
      say(renderPlan(s.address, s.summary, plan));
      say();
    }

    say(heading("3. Apply: one operation at a time, each awaited, the API observed again after each"));
    for (const s of scenarios) {
      say(`${bold(s.address)}`);
      const p = progressPrinter();
      const started = Date.now();
      const result = await applyResource(s.kind, client, parseSpec(s.kind, s.input), {
        phase: "create",
        onStep: p.onStep,
        onProgress: p.onProgress,
      });
      say(
        `  ${green("✓")} ${dim(`${result.ran.length} operation${result.ran.length === 1 ? "" : "s"} in ${((Date.now() - started) / 1000).toFixed(1)}s`)}  ${dim(
          Object.entries(result.outputs)
            .map(([k, v]) => `${k}=${Array.isArray(v) ? v.length + " items" : v}`)
            .join("  "),
        )}`,
      );
    }
    // The lab's own count of executed writes, compared with what the plans listed.
    const executed = cs.writeCounts();
    const total = Object.values(executed).reduce((a, b) => a + b, 0);
    const asPlanned =
      JSON.stringify(Object.entries(executed).sort()) === JSON.stringify(Object.entries(planned).sort());
    say(
      dim(
        `  the lab executed ${total} writes (${Object.entries(executed)
          .map(([op, n]) => `${op} ×${n}`)
          .join(
            ", ",
          )}): ${asPlanned ? "exactly the operations the plans listed" : "NOT what the plans listed"}`,
      ),
    );
    if (!asPlanned) return 1;

    say(heading("4. Plan again: nothing left to do"));
    for (const s of scenarios) {
      const { plan } = await planResource(s.kind, client, parseSpec(s.kind, s.input));
      say(renderPlan(s.address, s.summary, plan));
    }

    say(heading("5. Change one desired state: archive-01 goes back to ds-gold-01"));
    for (const [summary, pool] of [
      ["archive-01 moves back to ds-gold-01", POOL_IDS["ds-gold-01"]],
      ["… or to ds-silver-01, which lacks the offering's tag", POOL_IDS["ds-silver-01"]],
    ] as const) {
      const input = { volume_id: VOLUME_IDS["archive-01"], storage_pool_id: pool };
      const { plan } = await planResource(volumeStorage, client, parseSpec(volumeStorage, input));
      say(renderPlan("ferry_cloudstack_volume_storage.archive", summary, plan));
      say();
    }
    say(heading("6. Manila: move the lab's share server to another back end, in two phases"));
    const manila = new ManilaClient(
      manilaSettingsSchema.parse({ endpoint: lab.manila.url, token: lab.manila.token }),
    );
    const move = { share_server_id: MANILA_IDS.server, host: "manila-peer@dummy2" };
    const address = "ferry_manila_share_server_host.fs";
    for (const [summary, input] of [
      ["phase 1: copy to manila-peer@dummy2 (complete = false)", move],
      ["phase 2 as well, complete = true (clients may need to reconnect)", { ...move, complete: true }],
    ] as const) {
      const spec = parseSpec(shareServerHost, input);
      const { plan } = await planResource(shareServerHost, manila, spec);
      say(renderPlan(address, summary, plan));
      const p = progressPrinter();
      const result = await applyResource(shareServerHost, manila, spec, {
        phase: "update",
        onStep: p.onStep,
        onProgress: p.onProgress,
      });
      const o = result.outputs;
      say(
        `  ${green("✓")} ${dim(`server ${o.current_share_server_id} on ${o.current_host}: ${o.status} / ${o.task_state || "-"}${o.ready_to_complete ? " — ready to complete" : ""}`)}`,
      );
      say();
    }
    say(
      dim(
        `  the Manila lab ran migration_start ${lab.manila.count("migration_start")}× and migration_complete ${lab.manila.count("migration_complete")}×; the resource now follows the destination server`,
      ),
    );
    say();
    say(heading("7. Danube Cloud: a DR drill — replicate, fail over (the plan shows the stop), reinit"));
    if ((await runDanubeDrill(lab.danube, say)) !== 0) return 1;
    say();
    say(
      heading(
        "8. Velostrata: a VM taken from fully cached to ready-to-detach in one reviewed change, then cut over in a second",
      ),
    );
    if ((await runVelostrataDetach(lab.velostrata, say)) !== 0) return 1;
    say();
    say(
      heading("9. The same change through the terraform door: the provider executable, as terraform runs it"),
    );
    if ((await runThroughProvider(cs, say)) !== 0) return 1;
    say(heading("10. The review a pull request gets: `ferry review` over what the plan emitted"));
    {
      const input = { volume_id: VOLUME_IDS["archive-01"], storage_pool_id: POOL_IDS["ds-gold-02"] };
      const { plan } = await planResource(volumeStorage, client, parseSpec(volumeStorage, input));
      const d = describePlan(plan, { type: "ferry_cloudstack_volume_storage" });
      const review = {
        tool: "ferry",
        ferry: [
          {
            address: "ferry_cloudstack_volume_storage.archive",
            type: d.type,
            action: "update" as const,
            operations: d.operations,
            unsettled: d.unsettled,
            blockers: d.blockers,
            warnings: d.warnings,
          },
        ],
        others: 0,
      };
      say(renderText(review).trimEnd());
      say(dim("  (in CI: terraform show -json plan.out | npx ferry review - — see docs/review.md)"));
      say();
    }
    say(dim("The lab stops now. Run `npx ferry lab` to keep one running and point your own tools at it."));
    return 0;
  } catch (e) {
    console.error(red(isFerryError(e) ? `${e.code}: ${e.message}` : String(e)));
    return 1;
  } finally {
    await closeAllHttpClients();
    await lab.stop();
  }
}
