/**
 * Runs one converge in a child process so that tests can kill it at any moment (SIGKILL: no cleanup,
 * like a crash or an OOM kill). Prints one JSON line per event on stdout.
 * Args: <kind type> <spec JSON>. Env: LAB_SETTINGS (the backend's settings as JSON), or LAB_URL,
 * LAB_KEY, LAB_SECRET (CloudStack).
 */
import { findKind } from "../../provider/index.ts";
import { applyResource, parseSpec } from "../../provider/engine/resource.ts";

const [type, specJson] = process.argv.slice(2);
const found = findKind(type ?? "");
if (!found) throw new Error(`unknown kind ${type}`);
const { kind, backend } = found;
const client = backend.createClient(
  backend.settings.parse(
    process.env.LAB_SETTINGS
      ? JSON.parse(process.env.LAB_SETTINGS)
      : { api_url: process.env.LAB_URL, api_key: process.env.LAB_KEY, secret_key: process.env.LAB_SECRET },
  ),
  (await import("../../provider/engine/log.ts")).silentLogger,
);
const emit = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
try {
  const r = await applyResource(kind, client, parseSpec(kind, JSON.parse(specJson ?? "{}")), {
    phase: "update",
    onStep: (s) => emit({ event: "step", operation: s.operation, action: s.action }),
    onProgress: (p) => emit({ event: "progress", operation: p.step.operation, message: p.message }),
  });
  emit({ event: "done", ran: r.ran.map((s) => s.operation) });
  process.exit(0);
} catch (e) {
  emit({ event: "error", code: (e as { code?: string }).code, message: String((e as Error).message) });
  process.exit(1);
}
