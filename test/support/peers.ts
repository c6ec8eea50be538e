/**
 * Real peers from Debian packages (the `cs` CloudStack client, later the Go terraform harness and a
 * real Manila). Where one is missing, its tests are skipped with the one command that installs it —
 * except in CI (FERRY_REQUIRE_PEERS=1), where a missing peer fails instead of skipping.
 */
import { execFileSync } from "node:child_process";

export const INSTALL_HINT = "sudo bash scripts/install-test-deps.sh";

export interface Peer {
  available: boolean;
  /** Why it is missing (for the skip message). */
  missing: string;
}

export function findPeer(description: string, probe: () => void): Peer {
  try {
    probe();
    return { available: true, missing: "" };
  } catch {
    const missing = `${description} is not installed; install it with: ${INSTALL_HINT}`;
    if (process.env.FERRY_REQUIRE_PEERS === "1") {
      throw new Error(`${missing} (FERRY_REQUIRE_PEERS=1: real-peer tests may not be skipped)`);
    }
    console.warn(`skipping: ${missing}`);
    return { available: false, missing };
  }
}

export function commandWorks(cmd: string, args: string[]): () => void {
  return () => {
    execFileSync(cmd, args, { stdio: "ignore", timeout: 10_000 });
  };
}
