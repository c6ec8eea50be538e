/**
 * Applies that wait no longer than the jobs: one migrateVolume (cloudstack_volume_storage) applied
 * against the lab with jobs of several lengths; prints wall time ÷ job time and the job polls made.
 * The baseline is the job itself (the lab's job duration, in the same run). Target: ≤ 1.1× for jobs
 * of 3 s and longer.
 */
import { DEFAULT_IDS, startLab } from "../lab/index.ts";
import { CloudStackClient } from "../provider/cloudstack/client.ts";
import { cloudStackSettingsSchema } from "../provider/cloudstack/settings.ts";
import { volumeStorage } from "../provider/cloudstack/volume-storage.ts";
import { closeAllHttpClients } from "../provider/engine/http.ts";
import { applyResource, parseSpec } from "../provider/engine/resource.ts";

const LENGTHS = (process.env.BENCH_JOB_MS ?? "700,1500,3000,6000,12000").split(",").map(Number);
const pools = [DEFAULT_IDS.storagePools["ds-gold-02"], DEFAULT_IDS.storagePools["ds-gold-01"]];
let missed = false;
const lab = await startLab({ jobDurationMs: 10 });
try {
  const client = new CloudStackClient(
    cloudStackSettingsSchema.parse({
      api_url: lab.cloudstack.url,
      api_key: lab.cloudstack.apiKey,
      secret_key: lab.cloudstack.secretKey,
    }),
  );
  console.log("apply of one migrateVolume, by job length (wall ÷ job)");
  for (const [i, jobMs] of LENGTHS.entries()) {
    lab.cloudstack.jobDurationMs = jobMs;
    const spec = parseSpec(volumeStorage, {
      volume_id: DEFAULT_IDS.volumes["archive-01"],
      storage_pool_id: pools[i % 2],
    });
    lab.cloudstack.clearCalls();
    const t0 = performance.now();
    const r = await applyResource(volumeStorage, client, spec, { phase: "update" });
    const wall = performance.now() - t0;
    const polls = lab.cloudstack.calls.filter((c) => c.command === "queryAsyncJobResult").length;
    const ratio = wall / jobMs;
    const goal = jobMs >= 3000 ? 1.1 : undefined;
    if (goal && ratio > goal) missed = true;
    console.log(
      `  job ${String(jobMs).padStart(6)} ms: wall ${wall.toFixed(0).padStart(6)} ms  ratio ${ratio.toFixed(3)}  polls ${polls}  steps ${r.ran.map((s) => s.operation).join(",")}${goal ? `  (goal ≤ ${goal}: ${ratio <= goal ? "met" : "MISSED"})` : ""}`,
    );
  }
  if (missed) process.exitCode = 1;
} finally {
  await closeAllHttpClients();
  await lab.stop();
}
