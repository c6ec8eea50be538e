/** The CloudStack backend: settings, client and kinds. */
import type { Backend } from "../engine/backend.ts";
import { CloudStackClient } from "./client.ts";
import { rootVolume } from "./root-volume.ts";
import { type CloudStackSettings, cloudStackSettingsSchema } from "./settings.ts";
import { vmStorage } from "./vm-storage.ts";
import { volumeAttachment } from "./volume-attachment.ts";
import { volumeStorage } from "./volume-storage.ts";

export const cloudstack: Backend<CloudStackClient> = {
  name: "cloudstack",
  title: "Apache CloudStack",
  settings: cloudStackSettingsSchema,
  createClient: (settings, log, options) =>
    new CloudStackClient(settings as CloudStackSettings, log, options),
  kinds: [rootVolume, volumeAttachment, vmStorage, volumeStorage],
  defaultTimeoutMs: (settings) => {
    const t = (settings as CloudStackSettings).timeout;
    return t === undefined ? undefined : t * 1000;
  },
};

export { CloudStackClient, rootVolume, volumeAttachment, vmStorage, volumeStorage };
