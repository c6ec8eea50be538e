// The Velostrata lab: a manager simulator (VMs in their migrationStates, tasks, exporter passes, a call
// log and faults) behind a loopback HTTP server.
import { FaultInjector } from "../cloudstack/faults.ts";
import { listen, stopper } from "../http.ts";
import {
  defaultVelostrataInventory,
  parseVelostrataInventory,
  type VelostrataInventory,
} from "./inventory.ts";
import { VelostrataModel } from "./model.ts";
import { createVelostrataServer, VELOSTRATA_WRITES, type VelostrataCallRecord } from "./server.ts";

export type { VelostrataInventory } from "./inventory.ts";
export {
  defaultVelostrataInventory,
  parseVelostrataInventory,
  VelostrataInventoryError,
} from "./inventory.ts";
export { SOURCE_STATES, VelostrataModel } from "./model.ts";
export type { VelostrataCallRecord } from "./server.ts";
export { VELOSTRATA_WRITES } from "./server.ts";

export interface VelostrataLabOptions {
  /** The estate document (validated); default-inventory.json when omitted. */
  inventory?: unknown;
  host?: string;
  port?: number;
  /** How long a task (or one exporter pass) runs, ms; overrides the inventory's settings.taskMs. */
  taskMs?: number;
}

export interface VelostrataLab {
  /** The manager's URL (ferry adds /velostrata/api/<ver>/). */
  readonly url: string;
  /** The API's one user and its password, the subscription id. */
  readonly user: "apiuser";
  readonly subscriptionId: string;
  readonly apiVersion: string;
  readonly calls: VelostrataCallRecord[];
  /** How many requests of `operation` took effect. */
  count(operation: string): number;
  /** Executed writes by operation. */
  writeCounts(): Record<string, number>;
  clearCalls(): void;
  readonly faults: FaultInjector;
  readonly model: VelostrataModel;
  /** Resolves when no task runs. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startVelostrataLab(options: VelostrataLabOptions = {}): Promise<VelostrataLab> {
  const inventory: VelostrataInventory =
    options.inventory !== undefined
      ? parseVelostrataInventory(options.inventory)
      : defaultVelostrataInventory();
  const model = new VelostrataModel(inventory, options.taskMs);
  const faults = new FaultInjector();
  const calls: VelostrataCallRecord[] = [];
  const shutdown = new AbortController();
  const server = createVelostrataServer({ model, faults, calls }, shutdown.signal);
  const url = await listen(server, options.host, options.port);
  return {
    url,
    user: "apiuser",
    get subscriptionId() {
      return model.subscriptionId;
    },
    get apiVersion() {
      return model.apiVersion;
    },
    calls,
    count: (op) => calls.filter((c) => c.executed && c.operation === op).length,
    writeCounts: () => {
      const out: Record<string, number> = {};
      for (const c of calls)
        if (c.executed && (VELOSTRATA_WRITES as readonly string[]).includes(c.operation))
          out[c.operation] = (out[c.operation] ?? 0) + 1;
      return out;
    },
    clearCalls: () => {
      calls.length = 0;
    },
    faults,
    model,
    settle: () => model.idle(),
    stop: stopper(server, () => {
      shutdown.abort();
      model.stop();
    }),
  };
}
