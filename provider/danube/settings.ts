/**
 * Danube Cloud connection settings. `ES_API_KEY` is the variable Danube's own `es` client reads; the
 * URL, user name and password, which `es` keeps in its script or its token file, take ES_* names too.
 * Either an API key (sent as `ES-API-KEY`) or a user name and password (exchanged for a token at
 * `POST /api/accounts/login/`, renewed when it expires after Danube's 3600 s).
 */
import * as z from "zod";
import { connectionSettings } from "../engine/settings.ts";

export const danubeSettingsSchema = z
  .object({
    api_url: z
      .url({
        protocol: /^https?$/,
        message: "must be an http(s) URL of the API root such as https://danube.example.com/api",
      })
      .meta({
        description:
          "The Danube Cloud API root, e.g. `https://danube.example.com/api` (the `API_URL` of the `es` client).",
        env: ["ES_API_URL", "DANUBE_API_URL"],
      }),
    api_key: z
      .string()
      .min(1, { message: "must not be empty" })
      .optional()
      .meta({
        description: "A user's API key, sent as `ES-API-KEY` (preferred: a login replaces the user's token).",
        env: ["ES_API_KEY"],
        sensitive: true,
      }),
    username: z
      .string()
      .min(1)
      .optional()
      .meta({
        description: "User name for `POST /api/accounts/login/`.",
        env: ["ES_USERNAME", "DANUBE_USERNAME"],
      }),
    password: z
      .string()
      .min(1)
      .optional()
      .meta({
        description: "Password of that user.",
        env: ["ES_PASSWORD", "DANUBE_PASSWORD"],
        sensitive: true,
      }),
    replica_limit: z
      .number()
      .int()
      .min(1, { message: "must be at least 1" })
      .default(1)
      .meta({
        description:
          "How many replicas a VM may have: the installation's `VMS_VM_REPLICA_LIMIT` (Danube ships 1; the API does not show it). Plans check it before a create.",
        env: ["ES_REPLICA_LIMIT"],
      }),
    ...connectionSettings({
      httpTimeout: ["ES_HTTP_TIMEOUT"],
      caCert: ["ES_CA_CERT"],
      insecure: ["ES_INSECURE"],
    }),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.api_key) return;
    if (!s.username || !s.password)
      ctx.addIssue({
        code: "custom",
        path: [s.username ? "password" : "api_key"],
        message: s.username
          ? "a login needs both username and password"
          : "set api_key (ES_API_KEY), or username and password",
      });
  });

export type DanubeSettings = z.output<typeof danubeSettingsSchema>;
