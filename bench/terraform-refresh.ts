/**
 * Refresh under terraform's own call pattern: terraform itself (where it is on the PATH) plans and
 * applies N ferry_cloudstack_volume_storage resources with nothing to do against the lab — one
 * ReadResource and one PlanResourceChange per resource, `-parallelism` at a time, in provider
 * processes launched anew per walk. Prints the API calls of each command against one call per
 * resource, with the prefetch hints on and off (FERRY_TERRAFORM_PREFETCH=off).
 * Target: a plan ≤ 5 calls + 1 per page at -parallelism=10 and =1.
 */
import { startLab } from "../lab/index.ts";
import { PAGE_SIZE } from "../provider/cloudstack/client.ts";
import { buildProvider } from "../scripts/build.ts";
import { REQUIRED_PROVIDERS, TerraformWorkspace, terraformCli } from "../test/support/terraform-cli.ts";

const N = Number(process.env.BENCH_N ?? 200);
const tf = terraformCli();
if (!tf.available) {
  console.log(`skipped: ${tf.skipReason}`);
  process.exit(0);
}
const uuid = (prefix: number, i: number) =>
  `${prefix.toString(16).padStart(8, "0")}-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;

await buildProvider();
const lab = await startLab({
  jobDurationMs: 10,
  inventory: {
    zones: [{ name: "zone-1" }],
    clusters: [{ name: "c1", hypervisor: "VMware" }],
    hosts: [{ name: "h1", cluster: "c1" }],
    storagePools: [
      { name: "p1", cluster: "c1", id: uuid(3, 1) },
      { name: "p2", cluster: "c1", id: uuid(3, 2) },
    ],
    vms: [],
    volumes: Array.from({ length: N }, (_, i) => ({ id: uuid(2, i), name: `data-${i}`, pool: "p1" })),
  },
});
const ws = new TerraformWorkspace({
  env: {
    CLOUDSTACK_API_URL: lab.cloudstack.url,
    CLOUDSTACK_API_KEY: lab.cloudstack.apiKey,
    CLOUDSTACK_SECRET_KEY: lab.cloudstack.secretKey,
  },
  files: {
    "main.tf": `${REQUIRED_PROVIDERS}
provider "ferry" {}
${Array.from(
  { length: N },
  (_, i) => `
resource "ferry_cloudstack_volume_storage" "v${i}" {
  volume_id       = "${uuid(2, i)}"
  storage_pool_id = "${uuid(3, 1)}"
}`,
).join("\n")}
`,
  },
});
const pages = Math.ceil(N / PAGE_SIZE);
const target = 5 + pages;
let missed = false;
try {
  await ws.init();
  await ws.ok(["apply", "-no-color", "-auto-approve"], { timeoutMs: 600_000 });
  console.log(`terraform ${tf.version}: ${N} ferry_cloudstack_volume_storage resources, nothing to do`);
  console.log(`  baseline (one call per resource): ${N} calls`);
  const measure = async (label: string, args: string[], env: Record<string, string> = {}) => {
    lab.cloudstack.clearCalls();
    const t0 = performance.now();
    await ws.ok(args, { timeoutMs: 600_000, env });
    const ms = performance.now() - t0;
    const byCommand = new Map<string, number>();
    for (const c of lab.cloudstack.calls) byCommand.set(c.command, (byCommand.get(c.command) ?? 0) + 1);
    const calls = lab.cloudstack.calls.length;
    const detail = [...byCommand].map(([k, v]) => `${k} ${v}`).join(", ");
    console.log(
      `  ${label.padEnd(42)} ${String(calls).padStart(4)} calls  ratio ${(calls / N).toFixed(3)}  ${ms.toFixed(0)} ms  (${detail})`,
    );
    return calls;
  };
  for (const p of [10, 1]) {
    const calls = await measure(`plan -parallelism=${p}`, ["plan", "-no-color", `-parallelism=${p}`]);
    if (calls > target) missed = true;
    await measure(`plan -parallelism=${p}, prefetch off`, ["plan", "-no-color", `-parallelism=${p}`], {
      FERRY_TERRAFORM_PREFETCH: "off",
    });
  }
  const applyCalls = await measure("apply -auto-approve (nothing to do)", [
    "apply",
    "-no-color",
    "-auto-approve",
  ]);
  if (applyCalls > 2 * target) missed = true;
  console.log(
    `  target: a plan ≤ ${target} calls (5 + 1 per page); an apply ≤ ${2 * target}: ${missed ? "MISSED" : "met"}`,
  );
  if (missed) process.exitCode = 1;
} finally {
  ws.cleanup();
  await lab.stop();
}
