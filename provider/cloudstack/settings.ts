/**
 * CloudStack connection settings. Environment fallbacks use the names of the official CloudStack
 * terraform provider first, then those of Debian's `cs` client / Ansible (CLOUDSTACK_ENDPOINT …).
 */
import * as z from "zod";
import { connectionSettings } from "../engine/settings.ts";

export const cloudStackSettingsSchema = z
  .object({
    api_url: z
      .url({
        protocol: /^https?$/,
        message: "must be an http(s) URL such as https://cloud.example.com/client/api",
      })
      .meta({
        description: "The CloudStack API endpoint, e.g. `https://cloud.example.com/client/api`.",
        env: ["CLOUDSTACK_API_URL", "CLOUDSTACK_ENDPOINT"],
      }),
    api_key: z
      .string()
      .min(1, { message: "must not be empty" })
      .meta({
        description: "API key of the account.",
        env: ["CLOUDSTACK_API_KEY", "CLOUDSTACK_KEY"],
        sensitive: true,
      }),
    secret_key: z
      .string()
      .min(1, { message: "must not be empty" })
      .meta({
        description: "Secret key of the account.",
        env: ["CLOUDSTACK_SECRET_KEY", "CLOUDSTACK_SECRET"],
        sensitive: true,
      }),
    timeout: z
      .number()
      .int()
      .positive({ message: "must be a positive number of seconds" })
      .optional()
      .meta({
        description:
          "Limit in seconds for a resource's operations (async jobs included) when the resource sets no `timeouts`. Unset: each resource type's own defaults (30–60 minutes).",
        env: ["CLOUDSTACK_TIMEOUT"],
      }),
    ...connectionSettings({
      httpTimeout: ["CLOUDSTACK_HTTP_TIMEOUT"],
      caCert: ["CLOUDSTACK_CA_CERT"],
      insecure: ["CLOUDSTACK_INSECURE"],
    }),
  })
  .strict();

export type CloudStackSettings = z.output<typeof cloudStackSettingsSchema>;
