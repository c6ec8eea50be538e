/**
 * The demo's terraform part: builds dist/terraform-provider-ferry, launches it the
 * way terraform core does (magic cookie, AutoMTLS), and walks one change through the protocol:
 * GetProviderSchema → ConfigureProvider → PlanResourceChange → ApplyResourceChange → ReadResource →
 * Shutdown. What it prints is what `terraform plan`/`apply` would get from the provider.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { POOL_IDS, VOLUME_IDS } from "../lab/cloudstack/default-ids.ts";
import type { CloudStackLab } from "../lab/index.ts";
import { backends, findKind } from "../provider/index.ts";
import { type CtyValue, decodeMsgpack, encodeMsgpack, isUnknown } from "../provider/terraform/codec.ts";
import { blockType, providerBlock, resourceBlock } from "../provider/terraform/schema.ts";
import { bold, dim, green, red } from "./render.ts";
import { connect, EXECUTABLE } from "./terraform-client.ts";

type Obj = Record<string, CtyValue>;
interface Diag {
  severity: number;
  summary: string;
  detail: string;
}

export async function runThroughProvider(cs: CloudStackLab, say: (s?: string) => void): Promise<number> {
  // From a clone: built from the current sources every time (about a second), so the demo never runs a
  // stale provider. From the installed package: the executable it ships.
  const script = new URL("../scripts/build.ts", import.meta.url);
  if (existsSync(fileURLToPath(script))) {
    const { buildProvider } = (await import(script.href)) as { buildProvider(): Promise<string> };
    await buildProvider();
    say(dim(`  built ${EXECUTABLE.split("/").slice(-2).join("/")}`));
  }
  const TYPE = "ferry_cloudstack_volume_storage";
  const kind = findKind(TYPE)!.kind;
  const rt = blockType(resourceBlock(kind));
  const pt = blockType(providerBlock(backends));
  const t0 = performance.now();
  const tf = await connect();
  const failed = (res: { diagnostics?: Diag[] }) => {
    const errs = (res.diagnostics ?? []).filter((d) => d.severity === 1);
    for (const d of errs) say(red(`  error: ${d.summary}\n  ${d.detail}`));
    return errs.length > 0;
  };
  try {
    const [, version, network, , , cert] = tf.launched.fields;
    say(
      dim(
        `  handshake in ${(performance.now() - t0).toFixed(0)} ms: protocol ${version}, ${network} socket, mTLS (server cert ${cert?.length ?? 0} chars)`,
      ),
    );
    const schema = await tf.call<{ resource_schemas: Record<string, unknown> }>("GetProviderSchema");
    say(dim(`  resource types: ${Object.keys(schema.resource_schemas).join(", ")}`));
    const config = { cloudstack: { api_url: cs.url, api_key: cs.apiKey, secret_key: cs.secretKey } };
    if (failed(await tf.call("ConfigureProvider", { config: { msgpack: encodeMsgpack(pt, config) } })))
      return 1;

    const desired: Obj = {
      volume_id: VOLUME_IDS["archive-01"],
      storage_pool_id: POOL_IDS["ds-gold-01"],
      timeouts: null,
    };
    const dv = (v: CtyValue) => ({ msgpack: encodeMsgpack(rt, v) });
    const plan = await tf.call<{
      planned_state: { msgpack: Buffer };
      planned_private: Buffer;
      diagnostics: Diag[];
    }>("PlanResourceChange", {
      type_name: TYPE,
      prior_state: dv(null),
      proposed_new_state: dv(desired),
      config: dv(desired),
    });
    if (failed(plan)) return 1;
    const planned = decodeMsgpack(rt, plan.planned_state.msgpack) as Obj;
    say(`  ${bold(`${TYPE}.archive`)} will be created`);
    for (const [k, v] of Object.entries(planned)) {
      const shown = isUnknown(v) ? "(known after apply)" : JSON.stringify(v);
      if (k === "operations" && Array.isArray(v)) {
        say(`      operations = [`);
        for (const op of v) say(`          ${JSON.stringify(op)},`);
        say("      ]");
      } else if (v !== null) say(dim(`      ${k} = ${shown}`));
    }
    const applied = await tf.call<{ new_state: { msgpack: Buffer }; diagnostics: Diag[] }>(
      "ApplyResourceChange",
      {
        type_name: TYPE,
        prior_state: dv(null),
        planned_state: plan.planned_state,
        config: dv(desired),
        planned_private: plan.planned_private,
      },
    );
    if (failed(applied)) return 1;
    const state = decodeMsgpack(rt, applied.new_state.msgpack) as Obj;
    say(
      `  ${green("✓")} applied: storage_pool_name=${state["storage_pool_name"]} volume_state=${state["volume_state"]}`,
    );
    const read = await tf.call<{ new_state: { msgpack: Buffer }; diagnostics: Diag[] }>("ReadResource", {
      type_name: TYPE,
      current_state: applied.new_state,
    });
    if (failed(read)) return 1;
    const again = await tf.call<{ planned_state: { msgpack: Buffer }; diagnostics: Diag[] }>(
      "PlanResourceChange",
      {
        type_name: TYPE,
        prior_state: read.new_state,
        proposed_new_state: read.new_state,
        config: dv(desired),
      },
    );
    if (failed(again)) return 1;
    const unchanged = Buffer.compare(again.planned_state.msgpack, read.new_state.msgpack) === 0;
    say(
      `  ${green("✓")} refresh and plan again: ${unchanged ? "no changes (the planned state is the state)" : "changes planned"}`,
    );
    await tf.shutdown();
    await tf.launched.exited;
    return 0;
  } finally {
    tf.close();
  }
}
