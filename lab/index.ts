// The lab: faithful simulators of the backends ferry drives, on loopback, for tests, examples and demos.
// Today it holds CloudStack and Manila; Velostrata and Danube simulators join Lab as further members.
import { type CloudStackLab, startCloudStackLab } from "./cloudstack/index.ts";
import { type ManilaLab, startManilaLab } from "./manila/index.ts";

export type { CallRecord, CloudStackLab, CloudStackLabOptions, FaultSpec } from "./cloudstack/index.ts";
export type { ManilaCallRecord, ManilaLab, ManilaLabOptions } from "./manila/index.ts";
export {
  DEFAULT_IDS,
  defaultInventory,
  InventoryError,
  parseInventory,
  WRITE_COMMANDS,
} from "./cloudstack/index.ts";

export interface LabOptions {
  /** CloudStack inventory document (validated); the demo estate of default-inventory.json when omitted. */
  inventory?: unknown;
  /** Listen address, 127.0.0.1 by default. */
  host?: string;
  /** Port of the CloudStack endpoint, 0 (a free port) by default. */
  port?: number;
  /** How long each async job stays pending; overrides the inventory's settings.jobDurationMs. */
  jobDurationMs?: number;
  /** Port of the Manila endpoint, 0 (a free port) by default. */
  manilaPort?: number;
  /** Time between two steps of a Manila share-server migration, ms (1000 by default). */
  manilaStepMs?: number;
}

export interface Lab {
  cloudstack: CloudStackLab;
  manila: ManilaLab;
  /** Stops every simulator; resolves when their sockets are closed. */
  stop(): Promise<void>;
}

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const cloudstack = await startCloudStackLab({
    ...(options.inventory !== undefined ? { inventory: options.inventory } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.jobDurationMs !== undefined ? { jobDurationMs: options.jobDurationMs } : {}),
  });
  const manila = await startManilaLab({
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.manilaPort !== undefined ? { port: options.manilaPort } : {}),
    ...(options.manilaStepMs !== undefined ? { stepMs: options.manilaStepMs } : {}),
  });
  return {
    cloudstack,
    manila,
    stop: async () => {
      await Promise.all([cloudstack.stop(), manila.stop()]);
    },
  };
}
