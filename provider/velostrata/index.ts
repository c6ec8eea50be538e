/** The Velostrata (Migrate for Compute Engine 4.x) backend: settings, client and kinds. */
import type { Backend } from "../engine/backend.ts";
import { VelostrataClient } from "./client.ts";
import { type VelostrataSettings, velostrataSettingsSchema } from "./settings.ts";
import { vmDetach } from "./vm-detach.ts";

export const velostrata: Backend<VelostrataClient> = {
  name: "velostrata",
  title: "Velostrata (Migrate for Compute Engine 4.x)",
  settings: velostrataSettingsSchema,
  createClient: (settings, log) => new VelostrataClient(settings as VelostrataSettings, log),
  kinds: [vmDetach],
};

export { VelostrataClient, vmDetach };
