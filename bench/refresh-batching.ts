/**
 * Refresh of 500 cloudstack_volume_attachment resources against the lab: API calls made by ferry's
 * batched observation vs. one call per resource (the baseline, measured in the same run by reading
 * each resource on its own). Target: ≤ 5 calls + 1 per page.
 */
import { startLab } from "../lab/index.ts";
import { CloudStackClient, PAGE_SIZE } from "../provider/cloudstack/client.ts";
import { cloudStackSettingsSchema } from "../provider/cloudstack/settings.ts";
import { volumeAttachment } from "../provider/cloudstack/volume-attachment.ts";
import { closeAllHttpClients } from "../provider/engine/http.ts";
import { parseSpec, readResource } from "../provider/engine/resource.ts";

const N = Number(process.env.BENCH_N ?? 500);
const uuid = (prefix: number, i: number) =>
  `${prefix.toString(16).padStart(8, "0")}-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;

const inventory = {
  zones: [{ name: "zone-1" }],
  clusters: [{ name: "c1", hypervisor: "VMware" }],
  hosts: [{ name: "h1", cluster: "c1" }],
  storagePools: [{ name: "p1", cluster: "c1" }],
  vms: Array.from({ length: N }, (_, i) => ({
    id: uuid(1, i),
    name: `vm-${i}`,
    hypervisor: "VMware",
    state: "Running",
    host: "h1",
  })),
  volumes: Array.from({ length: N }, (_, i) => ({
    id: uuid(2, i),
    name: `data-${i}`,
    pool: "p1",
    vm: `vm-${i}`,
    deviceid: 1,
  })),
};

const lab = await startLab({ inventory, jobDurationMs: 10 });
try {
  const settings = cloudStackSettingsSchema.parse({
    api_url: lab.cloudstack.url,
    api_key: lab.cloudstack.apiKey,
    secret_key: lab.cloudstack.secretKey,
  });
  const specs = Array.from({ length: N }, (_, i) =>
    parseSpec(volumeAttachment, { volume_id: uuid(2, i), virtual_machine_id: uuid(1, i), device_id: 1 }),
  );

  // Baseline: each resource read on its own (what a provider without batching does).
  const solo = new CloudStackClient(settings);
  let c0 = lab.cloudstack.calls.length;
  let t0 = performance.now();
  for (const spec of specs) await readResource(volumeAttachment, solo, spec);
  const baselineCalls = lab.cloudstack.calls.length - c0;
  const baselineMs = performance.now() - t0;

  // ferry: all resources refreshed together, as terraform and Pulumi do.
  const batched = new CloudStackClient(settings);
  c0 = lab.cloudstack.calls.length;
  t0 = performance.now();
  const results = await Promise.all(specs.map((spec) => readResource(volumeAttachment, batched, spec)));
  const calls = lab.cloudstack.calls.length - c0;
  const ms = performance.now() - t0;

  const inSync = results.filter((r) => r.inSync).length;
  const pages = Math.ceil(N / PAGE_SIZE);
  const target = 5 + 2 * pages; // volumes and VMs: one list call per page each
  console.log(`refresh of ${N} cloudstack_volume_attachment resources (${inSync} in sync)`);
  console.log(`  one call per resource: ${baselineCalls} API calls, ${baselineMs.toFixed(0)} ms`);
  console.log(`  ferry (batched):       ${calls} API calls, ${ms.toFixed(0)} ms`);
  console.log(
    `  calls ratio ferry/baseline: ${(calls / baselineCalls).toFixed(4)}  (target ≤ ${target} calls: ${calls <= target ? "met" : "MISSED"})`,
  );
  console.log(`  time ratio ferry/baseline:  ${(ms / baselineMs).toFixed(3)}`);
  if (inSync !== N || calls > target) process.exitCode = 1;
} finally {
  await closeAllHttpClients();
  await lab.stop();
}
