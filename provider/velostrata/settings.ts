/**
 * Velostrata (Migrate for Compute Engine 4.x) manager connection settings. The API takes HTTP Basic
 * auth with the one user `apiuser` and the subscription id given when the manager was deployed as its
 * password; the base path carries the release's version segment (`/velostrata/api/v42/…`).
 */
import * as z from "zod";
import { connectionSettings } from "../engine/settings.ts";

export const velostrataSettingsSchema = z
  .object({
    url: z
      .url({
        protocol: /^https?$/,
        message: "must be the manager's http(s) URL such as https://velostrata-mgr.example.com",
      })
      .meta({
        description:
          "The Velostrata manager, e.g. `https://velostrata-mgr.example.com` (ferry adds `/velostrata/api/<api_version>/`). Managers use self-signed certificates: set `ca_cert` (or, in a lab only, `insecure`).",
        env: ["VELOSTRATA_URL"],
      }),
    subscription_id: z
      .string()
      .min(1, { message: "must not be empty" })
      .meta({
        description:
          "The subscription id given when the manager was deployed: the password of the API's one user, `apiuser` (HTTP Basic).",
        env: ["VELOSTRATA_SUBSCRIPTION_ID"],
        sensitive: true,
      }),
    api_version: z
      .string()
      .regex(/^v\d{2,3}$/, { message: 'must be a version segment such as "v42" or "v45" (v<major><minor>)' })
      .default("v42")
      .meta({
        description:
          "The version segment of the base path: `v<major><minor>` of the manager's release — `v42` (4.2, the default), `v45` (4.5).",
        env: ["VELOSTRATA_API_VERSION"],
      }),
    ...connectionSettings({
      httpTimeout: ["VELOSTRATA_HTTP_TIMEOUT"],
      caCert: ["VELOSTRATA_CA_CERT"],
      insecure: ["VELOSTRATA_INSECURE"],
    }),
  })
  .strict();

export type VelostrataSettings = z.output<typeof velostrataSettingsSchema>;
