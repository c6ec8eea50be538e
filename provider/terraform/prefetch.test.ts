import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../engine/log.ts";
import { PrefetchHints } from "./prefetch.ts";

const dirs: string[] = [];
function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), "ferry-hints-test-"));
  dirs.push(d);
  return join(d, "hints");
}

describe("PrefetchHints", () => {
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("what one process of a terraform command noted, the next one of the same command loads", () => {
    const dir = freshDir();
    const first = new PrefetchHints({}, silentLogger, 4242, dir);
    first.note("ferry_cloudstack_volume_storage", { volume_id: "v1" });
    first.note("ferry_cloudstack_volume_storage", { volume_id: "v1" });
    first.note("ferry_cloudstack_volume_storage", { volume_id: "v2" });
    first.flush();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, "4242.json")).mode & 0o777).toBe(0o600);
    const next = new PrefetchHints({}, silentLogger, 4242, dir);
    expect(next.load().map((h) => h.spec)).toEqual([{ volume_id: "v1" }, { volume_id: "v2" }]);
    // another terraform command (another parent) sees nothing of it
    expect(new PrefetchHints({}, silentLogger, 4343, dir).load()).toEqual([]);
  });

  it("FERRY_TERRAFORM_PREFETCH=off: nothing written, nothing loaded", () => {
    const dir = freshDir();
    const off = new PrefetchHints({ FERRY_TERRAFORM_PREFETCH: "off" }, silentLogger, 4242, dir);
    off.note("t", { a: "1" });
    off.flush();
    expect(new PrefetchHints({}, silentLogger, 4242, dir).load()).toEqual([]);
  });

  it("a directory others can read is not used", () => {
    const dir = freshDir();
    new PrefetchHints({}, silentLogger, 4242, dir);
    chmodSync(dir, 0o755);
    const h = new PrefetchHints({}, silentLogger, 4242, dir);
    h.note("t", { a: "1" });
    h.flush();
    chmodSync(dir, 0o700);
    expect(new PrefetchHints({}, silentLogger, 4242, dir).load()).toEqual([]);
  });
});
