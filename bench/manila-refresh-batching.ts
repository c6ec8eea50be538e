/**
 * Refresh of N manila_share_server_host resources against the Manila lab: API calls when they are
 * refreshed together (ferry batches their reads into shared list calls) vs. one resource at a time (the
 * baseline, measured in the same run: what a provider without batching does for every resource).
 * Target: 2 calls in all (the servers, then their destinations), whatever N.
 */
import { startManilaLab } from "../lab/manila/index.ts";
import { closeAllHttpClients } from "../provider/engine/http.ts";
import { parseSpec, readResource } from "../provider/engine/resource.ts";
import { ManilaClient } from "../provider/manila/client.ts";
import { manilaSettingsSchema } from "../provider/manila/settings.ts";
import { shareServerHost } from "../provider/manila/share-server-host.ts";

const N = Number(process.env.BENCH_N ?? 300);
const lab = await startManilaLab({ stepMs: 10 });
try {
  const ids = Array.from(
    { length: N },
    (_, i) =>
      lab.model.addServer({ host: i % 2 ? "manila-peer@dummy1" : "manila-peer@dummy2", withShare: true }).id,
  );
  const host = (i: number) => (i % 2 ? "manila-peer@dummy1" : "manila-peer@dummy2");
  const specs = ids.map((id, i) => parseSpec(shareServerHost, { share_server_id: id, host: host(i) }));
  const settings = manilaSettingsSchema.parse({ endpoint: lab.url, token: lab.token });

  const solo = new ManilaClient(settings);
  let c0 = lab.calls.length;
  let t0 = performance.now();
  for (const spec of specs) await readResource(shareServerHost, solo, spec);
  const baselineCalls = lab.calls.length - c0;
  const baselineMs = performance.now() - t0;

  const together = new ManilaClient(settings);
  c0 = lab.calls.length;
  t0 = performance.now();
  const results = await Promise.all(specs.map((spec) => readResource(shareServerHost, together, spec)));
  const calls = lab.calls.length - c0;
  const ms = performance.now() - t0;

  const inSync = results.filter((r) => r.inSync).length;
  console.log(`refresh of ${N} manila_share_server_host resources (${inSync} in sync)`);
  console.log(`  one resource at a time: ${baselineCalls} API calls, ${baselineMs.toFixed(0)} ms`);
  console.log(`  ferry (together):       ${calls} API calls, ${ms.toFixed(0)} ms`);
  console.log(
    `  calls ratio ferry/baseline: ${(calls / baselineCalls).toFixed(4)}  (target 2 calls: ${calls <= 2 ? "met" : "MISSED"})`,
  );
  console.log(`  time ratio ferry/baseline:  ${(ms / baselineMs).toFixed(3)}`);
  if (inSync !== N || calls > 2) process.exitCode = 1;
} finally {
  await closeAllHttpClients();
  await lab.stop();
}
