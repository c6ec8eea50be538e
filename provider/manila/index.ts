/** The OpenStack Manila backend: settings, client and kinds. */
import type { Backend } from "../engine/backend.ts";
import { ManilaClient } from "./client.ts";
import { type ManilaSettings, manilaSettingsSchema } from "./settings.ts";
import { shareServerHost } from "./share-server-host.ts";

export const manila: Backend<ManilaClient> = {
  name: "manila",
  title: "OpenStack Manila",
  settings: manilaSettingsSchema,
  createClient: (settings, log, options) => new ManilaClient(settings as ManilaSettings, log, options),
  kinds: [shareServerHost],
};

export { ManilaClient, shareServerHost };
