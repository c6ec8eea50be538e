/**
 * Terraform provider start-up, as terraform sees it: spawn the provider with the environment core
 * passes (magic cookie, PLUGIN_CLIENT_CERT: mTLS on) until (a) the handshake line arrives and (b) its
 * first GetProviderSchema — which terraform sends right after the handshake — is answered. terraform
 * pays this 2–5 times per command (test/terraform-cli/launches.test.ts counts them). Median of 20
 * (10 for b), every variant interleaved with bare `node -e 0` (spawn → exit) in the same run and the
 * same environment. Target: the handshake at ≤ 1.3× `node -e 0`.
 *
 * Variants: the JS bundle dist/terraform-provider-ferry run by the node on the PATH (what the mirror
 * holds for every platform without a single executable), and the single executable for linux_amd64
 * (scripts/build-sea.ts) without and with V8's code cache — built here into a temporary folder.
 * Beside them, what any node provider pays before its own code: the executable's node starting
 * (`-e 0`), a unix socket listening with the line printed, and the floor (node:http2 and an mTLS
 * server, then the line).
 *
 * The same environment matters: terraform hands the provider its own environment, and a node start
 * reads NODE_EXTRA_CA_CERTS when it is set (tens of ms for a system CA bundle). The baseline and the
 * provider are measured twice: with core's variables only, and with this shell's environment added.
 * Then the RSS of each variant after GetProviderSchema (target ≤ 80 MB), and — where terraform is on
 * the PATH — `terraform validate` and `terraform plan` with each variant, against the JS bundle's.
 * Needs `npm run build` first.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, coreEnv, EXECUTABLE, launch } from "../cli/terraform-client.ts";
import { DEFAULT_IDS, startLab } from "../lab/index.ts";
import { packageVersion } from "../scripts/build.ts";
import {
  PROVIDER_SOURCE,
  REQUIRED_PROVIDERS,
  TerraformWorkspace,
  terraformCli,
} from "../test/support/terraform-cli.ts";
import { buildSea, SEA_NODE_VERSION, seaNode, seaUnsupported } from "../scripts/build-sea.ts";
import { generateServerCertificate } from "../provider/terraform/tls.ts";

const RUNS = 20;
const SCHEMA_RUNS = 10;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Variant {
  name: string;
  exe: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Measured spawn → exit (it prints no handshake line). */
  exits?: boolean;
}

function bareNode(env: NodeJS.ProcessEnv, exe = process.execPath): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(exe, ["-e", "0"], { env, stdio: "ignore" });
    child.on("exit", () => resolve(performance.now() - t0));
    child.on("error", reject);
  });
}

async function toHandshake(env: NodeJS.ProcessEnv, v: Variant): Promise<number> {
  const t0 = performance.now();
  const launched = await launch({ ...env, ...v.env }, 30_000, v.exe, v.args);
  const ms = performance.now() - t0;
  launched.child.kill("SIGKILL");
  await launched.exited;
  return ms;
}

/** Launch → GetProviderSchema answered, and the process's RSS then. */
async function toSchema(exe: string): Promise<{ ms: number; rssMb: number }> {
  const t0 = performance.now();
  const client = await connect({}, undefined, exe);
  await client.call("GetProviderSchema");
  const ms = performance.now() - t0;
  const status = `/proc/${client.launched.child.pid}/status`;
  const rssMb = existsSync(status)
    ? Number(/VmRSS:\s+(\d+)/.exec(readFileSync(status, "utf8"))?.[1] ?? Number.NaN) / 1024
    : Number.NaN;
  await client.shutdown().catch(() => {});
  client.close();
  await client.launched.exited;
  return { ms, rssMb };
}

if (!existsSync(EXECUTABLE)) {
  console.error("dist/terraform-provider-ferry is missing: run `npm run build` first");
  process.exit(2);
}

/**
 * The floor of any provider on node: load node:http2, make the key pair and the mTLS server, listen
 * on a unix socket, print the line — nothing of ferry. What is left above it is ferry's own.
 */
const FLOOR = `const h=require("node:http2"),c=require("node:crypto"),e=process.env;
c.generateKeyPairSync("ec",{namedCurve:"prime256v1"});
const s=h.createSecureServer({key:e.FLOOR_KEY,cert:e.FLOOR_CERT,ca:e.PLUGIN_CLIENT_CERT,requestCert:true});
const p=require("node:path").join(require("node:os").tmpdir(),"floor"+process.pid);
s.listen(p,()=>{process.stdout.write("1|6|unix|"+p+"|grpc|\\n");require("node:fs").unlinkSync(p)});`;
/** The same without TLS and http2: a unix socket listening, then the line. */
const FLOOR_NET = `const p=require("node:path").join(require("node:os").tmpdir(),"floor"+process.pid);
require("node:net").createServer().listen(p,()=>{process.stdout.write("1|6|unix|"+p+"|grpc|\\n");require("node:fs").unlinkSync(p)});`;
const floorCert = generateServerCertificate();
const floorEnv = { FLOOR_KEY: floorCert.keyPem, FLOOR_CERT: floorCert.certPem };

const variants: Variant[] = [
  { name: `JS bundle (node ${process.versions.node} on the PATH)`, exe: EXECUTABLE },
];
const work = mkdtempSync(join(tmpdir(), "ferry-sea-bench-"));
const why = seaUnsupported();
if (why) console.log(`single executable not measured: ${why}`);
else {
  // What the floor is made of: the runtime's own start, then a socket listening.
  variants.push({ name: `node ${SEA_NODE_VERSION} -e 0`, exe: seaNode(), args: ["-e", "0"], exits: true });
  variants.push({
    name: `node ${SEA_NODE_VERSION}, net listen + line (no TLS, no http2)`,
    exe: seaNode(),
    args: ["-e", FLOOR_NET],
  });
  variants.push({
    name: `floor: node ${SEA_NODE_VERSION}, http2 + mTLS server + line only`,
    exe: seaNode(),
    args: ["-e", FLOOR],
    env: floorEnv,
  });
  for (const codeCache of [false, true]) {
    const out = join(work, codeCache ? "cache" : "plain", "terraform-provider-ferry");
    await buildSea({ install: false, rebuild: false, codeCache, out });
    const mb = (statSync(out).size / 1e6).toFixed(1);
    variants.push({
      name: `single executable, node ${SEA_NODE_VERSION}${codeCache ? " + code cache" : ""} (${mb} MB)`,
      exe: out,
    });
  }
}

const fmt = (ms: number, base: number) => `${ms.toFixed(1).padStart(6)} ms  ${(ms / base).toFixed(2)}×`;

for (const [label, env] of [
  ["core's variables only", coreEnv().env],
  ["this shell's environment + core's", { ...process.env, ...coreEnv().env }],
] as const) {
  const base: number[] = [];
  const start = variants.map(() => [] as number[]);
  await bareNode(env);
  const measure = (v: Variant) => (v.exits ? bareNode(env, v.exe) : toHandshake(env, v));
  for (const v of variants) await measure(v);
  for (let i = 0; i < RUNS; i++) {
    base.push(await bareNode(env));
    for (const [k, v] of variants.entries()) start[k]!.push(await measure(v));
  }
  const b = median(base);
  console.log(`\nstart → handshake line, ${label} (median of ${RUNS}; target ≤ 1.3× node -e 0)`);
  console.log(`  ${"node -e 0".padEnd(58)} ${fmt(b, b)}`);
  for (const [k, v] of variants.entries()) console.log(`  ${v.name.padEnd(58)} ${fmt(median(start[k]!), b)}`);
}

const env = coreEnv().env;
const base: number[] = [];
const providers = variants.filter((v) => !v.args);
const schema = providers.map(() => [] as { ms: number; rssMb: number }[]);
for (const v of providers) await toSchema(v.exe);
for (let i = 0; i < SCHEMA_RUNS; i++) {
  base.push(await bareNode(env));
  for (const [k, v] of providers.entries()) schema[k]!.push(await toSchema(v.exe));
}
const b = median(base);
console.log(
  `\nstart → GetProviderSchema answered, core's variables only (median of ${SCHEMA_RUNS}); RSS then (target ≤ 80 MB)`,
);
console.log(`  ${"node -e 0".padEnd(58)} ${fmt(b, b)}`);
for (const [k, v] of providers.entries()) {
  const rss = median(schema[k]!.map((s) => s.rssMb));
  console.log(
    `  ${v.name.padEnd(58)} ${fmt(median(schema[k]!.map((s) => s.ms)), b)}  RSS ${Number.isNaN(rss) ? "n/a (no /proc)" : `${rss.toFixed(1)} MB`}`,
  );
}
/**
 * What a user waits for: terraform itself (where it is on the PATH) on one
 * ferry_cloudstack_volume_storage on the lab, each variant installed from a mirror of its own.
 */
const tf = terraformCli();
const mirrors = providers.map((v, k) => {
  const mirror = join(work, `mirror-${k}`);
  const dir = join(mirror, PROVIDER_SOURCE, packageVersion(), "linux_amd64");
  mkdirSync(dir, { recursive: true });
  copyFileSync(v.exe, join(dir, `terraform-provider-ferry_v${packageVersion()}`));
  return mirror;
});
if (!tf.available) console.log(`\nterraform wall time not measured: ${tf.skipReason}`);
else if (process.platform !== "linux" || process.arch !== "x64")
  console.log("\nterraform wall time not measured: the mirrors here are for linux_amd64");
else {
  const lab = await startLab({ jobDurationMs: 50 });
  const workspaces = mirrors.map(
    (mirror) =>
      new TerraformWorkspace({
        mirror,
        env: {
          CLOUDSTACK_API_URL: lab.cloudstack.url,
          CLOUDSTACK_API_KEY: lab.cloudstack.apiKey,
          CLOUDSTACK_SECRET_KEY: lab.cloudstack.secretKey,
        },
        files: {
          "main.tf": `${REQUIRED_PROVIDERS}
resource "ferry_cloudstack_volume_storage" "archive" {
  volume_id       = "${DEFAULT_IDS.volumes["archive-01"]}"
  storage_pool_id = "${DEFAULT_IDS.storagePools["ds-gold-02"]}"
}
`,
        },
      }),
  );
  for (const ws of workspaces) await ws.init();
  console.log(`\nterraform ${tf.version} wall time, one resource on the lab (median of 7)`);
  for (const args of [["validate"], ["plan"]]) {
    const times = workspaces.map(() => [] as number[]);
    for (let i = 0; i < 7; i++)
      for (const [k, ws] of workspaces.entries()) {
        const t0 = performance.now();
        await ws.ok([...args, "-no-color"]);
        times[k]!.push(performance.now() - t0);
      }
    const first = median(times[0]!);
    for (const [k, v] of providers.entries())
      console.log(
        `  terraform ${args.join(" ").padEnd(9)} ${v.name.padEnd(58)} ${fmt(median(times[k]!), first)}`,
      );
  }
  for (const ws of workspaces) ws.cleanup();
  await lab.stop();
}
rmSync(work, { recursive: true, force: true });
