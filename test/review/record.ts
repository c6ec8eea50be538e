/**
 * Plans lab changes with terraform itself and returns what `ferry review` reads: the saved plan's JSON
 * (`terraform show -json plan.out`, when planning succeeded) and the log (`terraform plan -json`).
 * Run directly (`node bin/run-ts.mjs test/review/record.ts`) to rewrite test/review/fixtures; the
 * review test re-records where terraform is on the PATH and fails when the fixtures differ.
 *
 * What varies between runs (timestamps, the lab's ports) is replaced by fixed values.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { POOL_IDS, VM_IDS, VOLUME_IDS } from "../../lab/cloudstack/default-ids.ts";
import { type Lab, startLab } from "../../lab/index.ts";
import { LAB_IDS as MANILA_IDS } from "../../lab/manila/index.ts";
import { REQUIRED_PROVIDERS, TerraformWorkspace } from "../support/terraform-cli.ts";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

export interface Recording {
  name: string;
  /** `terraform show -json plan.out`; absent when the plan failed (there is no plan file). */
  show?: string;
  /** `terraform plan -json`, one message per line. */
  log: string;
}

interface Scenario {
  name: string;
  main: string;
  /** Configuration applied before the recorded plan (e.g. Manila phase 1). */
  before?: string;
  /** The recorded plan is `terraform plan -destroy`. */
  destroy?: boolean;
}

const swap = (allowStop: boolean) => `
resource "ferry_cloudstack_root_volume" "web" {
  virtual_machine_id = "${VM_IDS["web-01"]}"
  volume_id          = "${VOLUME_IDS["web-01-root-v2"]}"${allowStop ? "\n  allow_stop         = true" : ""}
}
`;

const manila = (complete: boolean) => `
resource "ferry_manila_share_server_host" "fs" {
  share_server_id = "${MANILA_IDS.server}"
  host            = "manila-peer@dummy2"
  complete        = ${complete}
}
`;

export const SCENARIOS: Scenario[] = [
  { name: "root-swap", main: swap(true) },
  { name: "blocked-swap", main: swap(false) },
  { name: "manila-switch-over", before: manila(false), main: manila(true) },
  {
    name: "restore-on-destroy",
    before: swap(true).replace(
      "allow_stop         = true",
      "allow_stop         = true\n  restore_on_destroy = true",
    ),
    main: swap(true).replace(
      "allow_stop         = true",
      "allow_stop         = true\n  restore_on_destroy = true",
    ),
    destroy: true,
  },
  {
    name: "mixed",
    main: `
resource "ferry_cloudstack_volume_storage" "archive" {
  volume_id       = "${VOLUME_IDS["archive-01"]}"
  storage_pool_id = "${POOL_IDS["ds-gold-02"]}"
}

resource "terraform_data" "ticket" {
  input = "CHG-1042"
}
`,
  },
];

/** The lab's fixed ids; ids it makes up per run (a migration's destination server) are renumbered. */
const KNOWN_IDS = new Set(
  JSON.stringify({ POOL_IDS, VM_IDS, VOLUME_IDS, MANILA_IDS }).match(/[0-9a-f]{8}-[0-9a-f-]{27}/g) ?? [],
);

function normalize(text: string, lab: Lab): string {
  const fresh = new Map<string, string>();
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
      if (KNOWN_IDS.has(id)) return id;
      if (!fresh.has(id))
        fresh.set(id, `00000000-0000-4000-8000-${String(fresh.size + 1).padStart(12, "0")}`);
      return fresh.get(id) as string;
    })
    .replaceAll(lab.cloudstack.url, "http://127.0.0.1:8080/client/api")
    .replaceAll(lab.manila.url, "http://127.0.0.1:8786/v2/lab")
    .replace(/"@timestamp":"[^"]*"/g, '"@timestamp":"2026-01-01T00:00:00.000000Z"')
    .replace(/"timestamp": ?"[^"]*"/g, (m) => m.replace(/"[^"]*"$/, '"2026-01-01T00:00:00Z"'));
}

async function recordOne(s: Scenario): Promise<Recording> {
  const lab = await startLab({ jobDurationMs: 20, manilaStepMs: 50 });
  const ws = new TerraformWorkspace({
    env: {
      CLOUDSTACK_API_URL: lab.cloudstack.url,
      CLOUDSTACK_API_KEY: lab.cloudstack.apiKey,
      CLOUDSTACK_SECRET_KEY: lab.cloudstack.secretKey,
      MANILA_ENDPOINT: lab.manila.url,
      OS_TOKEN: lab.manila.token,
    },
  });
  try {
    const write = (body: string) =>
      ws.write("main.tf", `${REQUIRED_PROVIDERS}\nprovider "ferry" {}\n${body}`);
    write(s.before ?? s.main);
    await ws.init();
    if (s.before) {
      await ws.ok(["apply", "-no-color", "-auto-approve"]);
      write(s.main);
    }
    const plan = await ws.run([
      "plan",
      "-json",
      "-input=false",
      ...(s.destroy ? ["-destroy"] : []),
      "-out=plan.out",
    ]);
    const rec: Recording = { name: s.name, log: normalize(plan.stdout, lab) };
    if (plan.code === 0) {
      const show = await ws.ok(["show", "-json", "plan.out"]);
      rec.show = normalize(`${JSON.stringify(JSON.parse(show.stdout), null, 2)}\n`, lab);
    }
    return rec;
  } finally {
    ws.cleanup();
    await lab.stop();
  }
}

export async function recordAll(): Promise<Recording[]> {
  const out: Recording[] = [];
  for (const s of SCENARIOS) out.push(await recordOne(s));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { buildProvider } = await import("../../scripts/build.ts");
  await buildProvider();
  mkdirSync(FIXTURES, { recursive: true });
  for (const r of await recordAll()) {
    writeFileSync(join(FIXTURES, `${r.name}.plan.jsonl`), r.log);
    if (r.show) writeFileSync(join(FIXTURES, `${r.name}.show.json`), r.show);
    console.log(`recorded ${r.name}`);
  }
  process.exit(0);
}
