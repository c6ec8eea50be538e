/**
 * Runs one converge in a child process (test/support/converge-child.ts) and SIGKILLs it when an event
 * matches `killWhen` — a crash at a chosen moment, with no cleanup. Resolves once the child has exited.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export type ChildEvent = Record<string, unknown>;

export interface ChildOptions {
  /** Environment for converge-child.ts: LAB_SETTINGS, or LAB_URL/LAB_KEY/LAB_SECRET. */
  env: Record<string, string>;
  /** The child must reach the kill point within this time. @default 30 s */
  timeoutMs?: number;
}

export function runChildUntil(
  type: string,
  input: Record<string, unknown>,
  killWhen: (ev: ChildEvent) => boolean,
  o: ChildOptions,
): Promise<{ killed: boolean; events: ChildEvent[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["bin/run-ts.mjs", "test/support/converge-child.ts", type, JSON.stringify(input)],
      { env: { ...process.env, ...o.env }, stdio: ["ignore", "pipe", "inherit"] },
    );
    const events: ChildEvent[] = [];
    let killed = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the child did not reach the kill point; events: ${JSON.stringify(events)}`));
    }, o.timeoutMs ?? 30_000);
    createInterface({ input: child.stdout }).on("line", (line) => {
      const ev = JSON.parse(line) as ChildEvent;
      events.push(ev);
      if (!killed && killWhen(ev)) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    child.on("exit", () => {
      clearTimeout(timer);
      resolve({ killed, events });
    });
  });
}
