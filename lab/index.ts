// The lab: faithful simulators of the backends ferry drives, on loopback, for tests, examples and demos.
// It holds CloudStack, Manila, Danube Cloud and a Velostrata manager.
import { type CloudStackLab, startCloudStackLab } from "./cloudstack/index.ts";
import { type DanubeLab, startDanubeLab } from "./danube/index.ts";
import { type ManilaLab, startManilaLab } from "./manila/index.ts";
import { startVelostrataLab, type VelostrataLab } from "./velostrata/index.ts";

export type { CallRecord, CloudStackLab, CloudStackLabOptions, FaultSpec } from "./cloudstack/index.ts";
export type { FaultInjector, Hold, HoldOutcome } from "./cloudstack/faults.ts";
export type { ManilaCallRecord, ManilaLab, ManilaLabOptions } from "./manila/index.ts";
export type { DanubeCallRecord, DanubeLab, DanubeLabOptions } from "./danube/index.ts";
export { DanubeInventoryError } from "./danube/index.ts";
export type { VelostrataCallRecord, VelostrataLab, VelostrataLabOptions } from "./velostrata/index.ts";
export { VelostrataInventoryError } from "./velostrata/index.ts";
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
  /** Danube Cloud estate document (validated); lab/danube/default-inventory.json when omitted. */
  danubeInventory?: unknown;
  /** Port of the Danube Cloud API, 0 (a free port) by default; 8000 is what the `es` client expects. */
  danubePort?: number;
  /** How long a Danube replica task runs, ms (the inventory's settings.taskMs by default). */
  danubeTaskMs?: number;
  /** Velostrata manager estate document (validated); lab/velostrata/default-inventory.json when omitted. */
  velostrataInventory?: unknown;
  /** Port of the Velostrata manager, 0 (a free port) by default. */
  velostrataPort?: number;
  /** How long a Velostrata task (or one exporter pass) runs, ms (the inventory's settings.taskMs by default). */
  velostrataTaskMs?: number;
}

export interface Lab {
  cloudstack: CloudStackLab;
  manila: ManilaLab;
  danube: DanubeLab;
  velostrata: VelostrataLab;
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
  const danube = await startDanubeLab({
    ...(options.danubeInventory !== undefined ? { inventory: options.danubeInventory } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.danubePort !== undefined ? { port: options.danubePort } : {}),
    ...(options.danubeTaskMs !== undefined ? { taskMs: options.danubeTaskMs } : {}),
  });
  const velostrata = await startVelostrataLab({
    ...(options.velostrataInventory !== undefined ? { inventory: options.velostrataInventory } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.velostrataPort !== undefined ? { port: options.velostrataPort } : {}),
    ...(options.velostrataTaskMs !== undefined ? { taskMs: options.velostrataTaskMs } : {}),
  });
  return {
    cloudstack,
    manila,
    danube,
    velostrata,
    stop: async () => {
      await Promise.all([cloudstack.stop(), manila.stop(), danube.stop(), velostrata.stop()]);
    },
  };
}
