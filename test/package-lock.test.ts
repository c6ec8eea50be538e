/**
 * package-lock.json must agree with package.json, or every fresh clone's `npm ci` (CI's and every
 * user's) fails. `npm ci --dry-run` checks exactly that without touching node_modules or the network.
 */
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

it("package-lock.json agrees with package.json (npm ci accepts it)", async () => {
  const r = await promisify(execFile)(
    "npm",
    ["ci", "--dry-run", "--ignore-scripts", "--offline", "--no-audit", "--no-fund"],
    { cwd: ROOT, timeout: 60_000 },
  ).catch((e: { code?: number; stderr?: string; stdout?: string }) => e);
  expect(
    "code" in r && r.code ? `npm ci --dry-run failed:\n${r.stderr ?? ""}${r.stdout ?? ""}` : "",
    "run `npm install --package-lock-only` and commit package-lock.json",
  ).toBe("");
});
