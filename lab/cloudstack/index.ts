// The CloudStack lab: model + job runner + fault injector behind a loopback HTTP server.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { CommandContext } from "./command.ts";
import { FaultInjector } from "./faults.ts";
import { defaultInventory, parseInventory } from "./inventory.ts";
import { jobCommands } from "./job-commands.ts";
import { createTags, deleteTags } from "./tag-commands.ts";
import { JobRunner } from "./jobs.ts";
import { CloudStackModel } from "./model.ts";
import { paramFields } from "./params.ts";
import { API_PATH, type CallRecord, createCloudStackServer, type ServerSettings } from "./server.ts";

/** The commands that change the estate (CloudStack runs them as async jobs). */
export const WRITE_COMMANDS: readonly string[] = [...jobCommands, createTags, deleteTags].map((c) => c.name);
const writeByLowerName = new Map(WRITE_COMMANDS.map((name) => [name.toLowerCase(), name]));

export type { CallRecord } from "./server.ts";
export type { FaultSpec } from "./faults.ts";
export { FaultInjector } from "./faults.ts";
export { CloudStackModel } from "./model.ts";
export { defaultInventory, InventoryError, parseInventory } from "./inventory.ts";
export type { Inventory, InventoryDocument } from "./inventory.ts";
export { DEFAULT_IDS } from "./default-ids.ts";

export interface CloudStackLabOptions {
  /** An inventory document (see inventory.ts); the demo estate when omitted. Validated with zod. */
  inventory?: unknown;
  /** Address to listen on; 127.0.0.1 by default. */
  host?: string;
  /** Port; 0 (any free port) by default. */
  port?: number;
  /** Overrides settings.jobDurationMs of the inventory. */
  jobDurationMs?: number;
}

export interface CloudStackLab {
  /** http://HOST:PORT/client/api */
  readonly url: string;
  readonly apiKey: string;
  readonly secretKey: string;
  /** Every request, in arrival order. */
  readonly calls: CallRecord[];
  /** How many requests of `command` (case-insensitive) were executed (accepted and took effect). */
  count(command: string): number;
  /** Executed writes (the async commands: stop, start, detach, attach, migrate…) by command, zeros left out. */
  writeCounts(): Record<string, number>;
  /** Forgets the call log (e.g. after a test's setup). */
  clearCalls(): void;
  /** inject({kind: "status" | "status-after" | "reset" | "ratelimit" | "latency", …}) and clear(). */
  readonly faults: FaultInjector;
  /** The estate itself; its mutators change it behind the client's back (see model.ts). */
  readonly model: CloudStackModel;
  /** Resolves when no async job is queued or running. */
  settle(): Promise<void>;
  /** Running jobs do not finish until resumeJobs() (new ones still start). */
  pauseJobs(): void;
  resumeJobs(): void;
  /** Jobs queued or running now. */
  pendingJobs(): number;
  /** How long each async job stays pending; takes effect for jobs that start after the change. */
  jobDurationMs: number;
  /** Settings a test may flip at run time. */
  readonly settings: { rejectCrossClusterOffline: boolean; enforcePostAndTimestamps: boolean };
  stop(): Promise<void>;
}

/** A random key in the style of CloudStack's (86 characters of URL-safe Base64). */
function randomKey(): string {
  return randomBytes(64).toString("base64url");
}

export async function startCloudStackLab(options: CloudStackLabOptions = {}): Promise<CloudStackLab> {
  const inventory = parseInventory(options.inventory ?? defaultInventory());
  const model = new CloudStackModel(inventory);
  const jobs = new JobRunner(options.jobDurationMs ?? inventory.settings.jobDurationMs);
  const faults = new FaultInjector();
  const calls: CallRecord[] = [];
  const serverSettings: ServerSettings = {
    apiKey: inventory.settings.apiKey ?? randomKey(),
    secretKey: inventory.settings.secretKey ?? randomKey(),
    enforcePostAndTimestamps: inventory.settings.enforcePostAndTimestamps,
  };
  const ruleSettings = { rejectCrossClusterOffline: inventory.settings.rejectCrossClusterOffline };
  const context: CommandContext = {
    model,
    jobs,
    settings: ruleSettings,
    // Job ids resolve against the runner, everything else against the model.
    fields: paramFields({
      exists: (kind, id) => (kind === "job" ? jobs.get(id) !== undefined : model.exists(kind, id)),
    }),
  };
  const shutdown = new AbortController();
  const server = createCloudStackServer({
    settings: serverSettings,
    context,
    faults,
    calls,
    startedAt: Date.now(),
    shutdown: shutdown.signal,
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  let stopped: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}${API_PATH}`,
    apiKey: serverSettings.apiKey,
    secretKey: serverSettings.secretKey,
    calls,
    count: (command) =>
      calls.filter((c) => c.executed && c.command.toLowerCase() === command.toLowerCase()).length,
    writeCounts: () => {
      const out: Record<string, number> = {};
      for (const c of calls) {
        const name = writeByLowerName.get(c.command.toLowerCase());
        if (c.executed && name) out[name] = (out[name] ?? 0) + 1;
      }
      return out;
    },
    clearCalls: () => {
      calls.length = 0;
    },
    faults,
    model,
    settle: () => jobs.idle(),
    pauseJobs: () => jobs.pause(),
    resumeJobs: () => jobs.resume(),
    pendingJobs: () => jobs.list().filter((j) => j.status === 0).length,
    get jobDurationMs() {
      return jobs.durationMs;
    },
    set jobDurationMs(ms: number) {
      jobs.durationMs = ms;
    },
    settings: {
      get rejectCrossClusterOffline() {
        return ruleSettings.rejectCrossClusterOffline;
      },
      set rejectCrossClusterOffline(value: boolean) {
        ruleSettings.rejectCrossClusterOffline = value;
      },
      get enforcePostAndTimestamps() {
        return serverSettings.enforcePostAndTimestamps;
      },
      set enforcePostAndTimestamps(value: boolean) {
        serverSettings.enforcePostAndTimestamps = value;
      },
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        shutdown.abort();
        jobs.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
