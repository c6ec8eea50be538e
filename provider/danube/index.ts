/** The Danube Cloud backend: settings, client and kinds. */
import type { Backend } from "../engine/backend.ts";
import { DanubeClient } from "./client.ts";
import { type DanubeSettings, danubeSettingsSchema } from "./settings.ts";
import { vmReplica } from "./vm-replica.ts";

export const danube: Backend<DanubeClient> = {
  name: "danube",
  title: "Danube Cloud",
  settings: danubeSettingsSchema,
  createClient: (settings, log, options) => new DanubeClient(settings as DanubeSettings, log, options),
  kinds: [vmReplica],
};

export { DanubeClient, vmReplica };
