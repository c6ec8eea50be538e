// The Danube Cloud lab: VMs, nodes and replicas with Danube's replica views, tasks, a call log and
// faults, behind a loopback HTTP server that also serves Danube's own `es` client (ES-STREAM).
import { FaultInjector } from "../cloudstack/faults.ts";
import { listen, stopper } from "../http.ts";
import { type DanubeInventory, defaultDanubeInventory, parseDanubeInventory } from "./inventory.ts";
import { DanubeModel } from "./model.ts";
import { API_PATH, createDanubeServer, DANUBE_WRITES, type DanubeCallRecord } from "./server.ts";

export type { DanubeInventory } from "./inventory.ts";
export { DanubeInventoryError, defaultDanubeInventory, parseDanubeInventory } from "./inventory.ts";
export { DanubeModel } from "./model.ts";
export type { DanubeCallRecord } from "./server.ts";
export { DANUBE_WRITES } from "./server.ts";

export interface DanubeLabOptions {
  /** The estate document (validated); default-inventory.json when omitted. */
  inventory?: unknown;
  host?: string;
  port?: number;
  /** How long a replica task runs, ms; overrides the inventory's settings.taskMs. */
  taskMs?: number;
  /** Pause between two keep-alive bytes of an ES-STREAM answer, ms; overrides settings.streamNapMs. */
  streamNapMs?: number;
}

export interface DanubeLab {
  /** The API root, as the `es` client's API_URL: http://HOST:PORT/api */
  readonly url: string;
  /** The admin user (replica writes need an admin) and its password and API key. */
  readonly username: string;
  readonly password: string;
  readonly apiKey: string;
  readonly calls: DanubeCallRecord[];
  /** How many requests of `operation` took effect ("vm_replica_failover", "vm_status" …). */
  count(operation: string): number;
  /** Executed writes by operation (only those that ran). */
  writeCounts(): Record<string, number>;
  clearCalls(): void;
  readonly faults: FaultInjector;
  /** The estate; its methods change it behind the client's back (nodes offline, failovers by hand …). */
  readonly model: DanubeModel;
  /** Resolves when no task runs. */
  settle(): Promise<void>;
  taskMs: number;
  stop(): Promise<void>;
}

export async function startDanubeLab(options: DanubeLabOptions = {}): Promise<DanubeLab> {
  const inventory: DanubeInventory =
    options.inventory !== undefined ? parseDanubeInventory(options.inventory) : defaultDanubeInventory();
  const model = new DanubeModel(inventory);
  if (options.taskMs !== undefined) model.taskMs = options.taskMs;
  if (options.streamNapMs !== undefined) model.streamNapMs = options.streamNapMs;
  const faults = new FaultInjector();
  const calls: DanubeCallRecord[] = [];
  const shutdown = new AbortController();
  const server = createDanubeServer({ model, faults, calls }, shutdown.signal);
  const origin = await listen(server, options.host, options.port);
  const admin = [...model.users.values()].find((u) => u.admin);
  if (!admin) throw new Error("the Danube lab inventory needs an admin user");
  return {
    url: `${origin}${API_PATH}`,
    username: admin.username,
    password: admin.password,
    apiKey: admin.apiKey,
    calls,
    count: (op) => calls.filter((c) => c.executed && c.operation === op).length,
    writeCounts: () => {
      const out: Record<string, number> = {};
      for (const c of calls)
        if (c.executed && (DANUBE_WRITES as readonly string[]).includes(c.operation))
          out[c.operation] = (out[c.operation] ?? 0) + 1;
      return out;
    },
    clearCalls: () => {
      calls.length = 0;
    },
    faults,
    model,
    settle: () => model.idle(),
    get taskMs() {
      return model.taskMs;
    },
    set taskMs(ms: number) {
      model.taskMs = ms;
    },
    stop: stopper(server, () => {
      shutdown.abort();
      model.stop();
    }),
  };
}
