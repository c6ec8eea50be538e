// The Manila lab: share servers, their migration state machine, a Keystone v3 token endpoint, faults
// and a call log, behind a loopback HTTP server.
import { FaultInjector } from "../cloudstack/faults.ts";
import { listen, stopper } from "../http.ts";
import { LAB_HOSTS, LAB_IDS, LAB_PROJECT, ManilaModel } from "./model.ts";
import { createManilaServer, KEYSTONE_PATH, type ManilaCallRecord } from "./server.ts";

export type { ManilaCallRecord } from "./server.ts";
export { LAB_HOSTS, LAB_IDS, LAB_PROJECT, ManilaModel } from "./model.ts";

export interface ManilaLabOptions {
  host?: string;
  port?: number;
  /** Time between two observed steps of a migration (a real Manila: seconds). @default 1000 */
  stepMs?: number;
}

export interface ManilaLab {
  /** The Manila v2 endpoint with the project: http://HOST:PORT/v2/<project_id> */
  readonly url: string;
  /** Keystone v3: http://HOST:PORT/identity/v3 */
  readonly authUrl: string;
  readonly project: string;
  /** A noauth token, `admin:<project_id>`. */
  readonly token: string;
  /** Keystone password credentials (user admin). */
  readonly username: string;
  readonly password: string;
  readonly calls: ManilaCallRecord[];
  /** How many requests of `operation` took effect ("migration_start", "show_share_server" …). */
  count(operation: string): number;
  clearCalls(): void;
  readonly faults: FaultInjector;
  /** The estate; its methods change it behind the client's back (drift, migrations started by hand). */
  readonly model: ManilaModel;
  /** Resolves when no migration step is pending. */
  settle(): Promise<void>;
  stepMs: number;
  stop(): Promise<void>;
}

export async function startManilaLab(options: ManilaLabOptions = {}): Promise<ManilaLab> {
  const model = new ManilaModel(options.stepMs ?? 1000);
  const faults = new FaultInjector();
  const calls: ManilaCallRecord[] = [];
  const credentials = { username: "admin", password: "lab-password" };
  let origin = "";
  const shutdown = new AbortController();
  const server = createManilaServer(
    { model, faults, calls, tokens: new Set(), credentials, origin: () => origin },
    shutdown.signal,
  );
  origin = await listen(server, options.host, options.port);
  const stop = stopper(server, () => {
    shutdown.abort();
    model.stop();
  });
  return {
    url: `${origin}/v2/${LAB_PROJECT}`,
    authUrl: `${origin}${KEYSTONE_PATH}`,
    project: LAB_PROJECT,
    token: `admin:${LAB_PROJECT}`,
    username: credentials.username,
    password: credentials.password,
    calls,
    count: (op) => calls.filter((c) => c.executed && c.operation === op).length,
    clearCalls: () => {
      calls.length = 0;
    },
    faults,
    model,
    settle: () => model.idle(),
    get stepMs() {
      return model.stepMs;
    },
    set stepMs(ms: number) {
      model.stepMs = ms;
    },
    stop,
  };
}

export { LAB_HOSTS as MANILA_LAB_HOSTS, LAB_IDS as MANILA_LAB_IDS };
