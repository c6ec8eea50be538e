/**
 * Refresh of N danube_vm_replica resources against the Danube lab: API calls when they are refreshed
 * together — all at once (a Pulumi program) and ten at a time (terraform's default parallelism) —
 * against one resource at a time (the baseline, measured in the same run: a provider without batching
 * reads the VM, its status, the nodes and the replicas for every resource). Danube has no list of
 * replicas across VMs, so each resource still reads its own replicas: the target is N + 3 calls for N
 * resources observed together (one VM list, one status list, one node list).
 */
import { defaultDanubeInventory, startDanubeLab } from "../lab/danube/index.ts";
import { DanubeClient } from "../provider/danube/client.ts";
import { danubeSettingsSchema } from "../provider/danube/settings.ts";
import { vmReplica } from "../provider/danube/vm-replica.ts";
import { closeAllHttpClients } from "../provider/engine/http.ts";
import { parseSpec, readResource } from "../provider/engine/resource.ts";

const N = Number(process.env.BENCH_N ?? 200);
const inventory = defaultDanubeInventory();
inventory.nodes = inventory.nodes.map((n) => ({ ...n, cpu: 10_000, ram: 10_000_000 }));
for (let i = 0; i < N; i++) {
  const hostname = `vm${String(i).padStart(4, "0")}.lab`;
  inventory.vms.push({
    hostname,
    dc: "main",
    node: "node01.lab",
    status: "running",
    ostype: 1,
    vcpus: 1,
    ram: 512,
    zpool: "zones",
    disks: [{ size: 1024, zpool: "zones" }],
    changed: false,
  });
  inventory.replicas.push({
    vm: hostname,
    repname: "dr1",
    node: "node02.lab",
    reinitRequired: false,
    enabled: true,
    sleepTime: 60,
    bwlimit: null,
    reserveResources: true,
    lastSync: "2026-03-01T10:00:00Z",
  });
}
const lab = await startDanubeLab({ inventory });
try {
  const settings = danubeSettingsSchema.parse({ api_url: lab.url, api_key: lab.apiKey });
  const specs = Array.from({ length: N }, (_, i) =>
    parseSpec(vmReplica, {
      vm: `vm${String(i).padStart(4, "0")}.lab`,
      repname: "dr1",
      replica_node: "node02.lab",
    }),
  );
  const measure = async (run: (c: DanubeClient) => Promise<{ inSync: boolean }[]>) => {
    const c0 = lab.calls.length;
    const t0 = performance.now();
    const results = await run(new DanubeClient(settings));
    return {
      calls: lab.calls.length - c0,
      ms: performance.now() - t0,
      inSync: results.filter((r) => r.inSync).length,
    };
  };
  const baseline = await measure(async (c) => {
    const out = [];
    for (const spec of specs) out.push(await readResource(vmReplica, c, spec));
    return out;
  });
  const together = await measure((c) => Promise.all(specs.map((spec) => readResource(vmReplica, c, spec))));
  const waves = await measure(async (c) => {
    const out = [];
    for (let i = 0; i < specs.length; i += 10)
      out.push(
        ...(await Promise.all(specs.slice(i, i + 10).map((spec) => readResource(vmReplica, c, spec)))),
      );
    return out;
  });

  console.log(`refresh of ${N} danube_vm_replica resources (${together.inSync} in sync)`);
  console.log(`  one resource at a time:  ${baseline.calls} API calls, ${baseline.ms.toFixed(0)} ms`);
  console.log(`  ferry, all together:     ${together.calls} API calls, ${together.ms.toFixed(0)} ms`);
  console.log(
    `  ferry, 10 at a time:     ${waves.calls} API calls, ${waves.ms.toFixed(0)} ms  (terraform's parallelism)`,
  );
  console.log(
    `  calls ratio together/baseline: ${(together.calls / baseline.calls).toFixed(3)}  (target ${N + 3}: ${together.calls <= N + 3 ? "met" : "MISSED"})`,
  );
  console.log(`  calls ratio 10-at-a-time/baseline: ${(waves.calls / baseline.calls).toFixed(3)}`);
  console.log(`  time ratio together/baseline: ${(together.ms / baseline.ms).toFixed(3)}`);
  if (together.inSync !== N || baseline.inSync !== N || together.calls > N + 3) process.exitCode = 1;
} finally {
  await closeAllHttpClients();
  await lab.stop();
}
