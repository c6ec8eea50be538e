/**
 * Terraform provider start-up, as terraform sees it: spawn dist/terraform-provider-ferry with the
 * environment core passes (mTLS on) until the handshake line arrives. Median of 20, against bare
 * `node -e 0` (spawn → exit) measured in the same run, interleaved. Target: ≤ 1.6× the baseline.
 * Then the provider's RSS after GetProviderSchema (target ≤ 80 MB).
 * Needs `npm run build` first.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { connect, coreEnv, EXECUTABLE, launch } from "../cli/terraform-client.ts";

const RUNS = 20;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function bareNode(): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
    child.on("exit", () => resolve(performance.now() - t0));
    child.on("error", reject);
  });
}

async function providerStart(env: NodeJS.ProcessEnv): Promise<number> {
  const t0 = performance.now();
  const launched = await launch(env, 30_000);
  const ms = performance.now() - t0;
  launched.child.kill("SIGKILL");
  await launched.exited;
  return ms;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

if (!existsSync(EXECUTABLE)) {
  console.error("dist/terraform-provider-ferry is missing: run `npm run build` first");
  process.exit(2);
}

const { env } = coreEnv();
const base: number[] = [];
const start: number[] = [];
await bareNode();
await providerStart(env);
for (let i = 0; i < RUNS; i++) {
  base.push(await bareNode());
  start.push(await providerStart(env));
}
const ratio = median(start) / median(base);
console.log(
  `provider start → handshake line: median ${median(start).toFixed(1)} ms; bare node -e 0: median ${median(base).toFixed(1)} ms; ratio ${ratio.toFixed(2)}× (target ≤ 1.6×)`,
);

const client = await connect();
await client.call("GetProviderSchema");
const pid = client.launched.child.pid!;
let rss = Number.NaN;
if (existsSync(`/proc/${pid}/status`)) rss = rssMb(pid);
await client.shutdown();
client.close();
console.log(
  Number.isNaN(rss)
    ? "RSS after GetProviderSchema: not measurable on this OS (no /proc)"
    : `RSS after GetProviderSchema: ${rss.toFixed(1)} MB (target ≤ 80 MB)`,
);
