/**
 * Manila connection settings, with OpenStack's own environment names (OS_AUTH_URL, OS_USERNAME …) so a
 * sourced openrc works as is. Two modes:
 *  - Keystone v3: `auth_url` plus a password (username/password/project), a token, or an application
 *    credential; the `sharev2` endpoint is taken from the catalog (`region`, `interface`);
 *  - fixed endpoint: `endpoint` (`…/v2/<project_id>`) plus `token` sent as is (Manila's noauth mode
 *    takes `<user>:<project_id>`).
 */
import * as z from "zod";
import { connectionSettings } from "../engine/settings.ts";

export const manilaSettingsSchema = z
  .object({
    auth_url: z
      .url({
        protocol: /^https?$/,
        message: "must be an http(s) URL such as https://keystone.example.com/v3",
      })
      .optional()
      .meta({
        description: "Keystone v3 URL, e.g. `https://keystone.example.com/v3`.",
        env: ["OS_AUTH_URL"],
      }),
    username: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "User name (password auth).", env: ["OS_USERNAME"] }),
    password: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Password (password auth).", env: ["OS_PASSWORD"], sensitive: true }),
    user_domain_name: z
      .string()
      .default("Default")
      .meta({ description: "Domain of the user. Default `Default`.", env: ["OS_USER_DOMAIN_NAME"] }),
    project_name: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Project to scope the token to.", env: ["OS_PROJECT_NAME", "OS_TENANT_NAME"] }),
    project_id: z
      .string()
      .min(1)
      .optional()
      .meta({
        description: "Project id to scope the token to (wins over project_name).",
        env: ["OS_PROJECT_ID", "OS_TENANT_ID"],
      }),
    project_domain_name: z
      .string()
      .default("Default")
      .meta({ description: "Domain of the project. Default `Default`.", env: ["OS_PROJECT_DOMAIN_NAME"] }),
    token: z
      .string()
      .min(1)
      .optional()
      .meta({
        description:
          "A token. With `auth_url`: exchanged for a scoped token (Keystone token method). With `endpoint` and no `auth_url`: sent as is (noauth Manila: `admin:<project_id>`).",
        env: ["OS_TOKEN"],
        sensitive: true,
      }),
    application_credential_id: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Application credential id.", env: ["OS_APPLICATION_CREDENTIAL_ID"] }),
    application_credential_secret: z
      .string()
      .min(1)
      .optional()
      .meta({
        description: "Application credential secret.",
        env: ["OS_APPLICATION_CREDENTIAL_SECRET"],
        sensitive: true,
      }),
    region: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Region of the sharev2 endpoint.", env: ["OS_REGION_NAME"] }),
    interface: z
      .enum(["public", "internal", "admin"])
      .default("public")
      .meta({ description: "Catalog interface. Default `public`.", env: ["OS_INTERFACE"] }),
    endpoint: z
      .url({
        protocol: /^https?$/,
        message: "must be an http(s) URL such as https://manila.example.com/v2/<project_id>",
      })
      .optional()
      .meta({
        description:
          "The Manila v2 endpoint, overriding the catalog, e.g. `https://manila.example.com/v2/<project_id>`.",
        env: ["MANILA_ENDPOINT", "OS_SHARE_ENDPOINT"],
      }),
    api_version: z
      .string()
      .regex(/^2\.(5[7-9]|[6-9]\d|\d{3,})$/, {
        message: "must be a Manila microversion of at least 2.57, e.g. 2.57",
      })
      .default("2.57")
      .meta({
        description: "Microversion sent on every call (≥ 2.57). Default 2.57.",
        env: ["OS_SHARE_API_VERSION"],
      }),
    ...connectionSettings({
      httpTimeout: ["MANILA_HTTP_TIMEOUT"],
      caCert: ["OS_CACERT"],
      insecure: ["OS_INSECURE"],
    }),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!s.auth_url) {
      if (!s.endpoint || !s.token)
        ctx.addIssue({
          code: "custom",
          path: ["auth_url"],
          message:
            "set auth_url (Keystone v3) with credentials, or endpoint together with token (fixed endpoint mode)",
        });
      return;
    }
    const password = !!s.username || !!s.password;
    if (password && !(s.username && s.password))
      ctx.addIssue({
        code: "custom",
        path: [s.username ? "password" : "username"],
        message: "password auth needs both username and password",
      });
    if (!!s.application_credential_id !== !!s.application_credential_secret)
      ctx.addIssue({
        code: "custom",
        path: ["application_credential_secret"],
        message:
          "an application credential needs both application_credential_id and application_credential_secret",
      });
    if (!password && !s.token && !s.application_credential_id)
      ctx.addIssue({
        code: "custom",
        path: ["password"],
        message:
          "with auth_url, give username + password, token, or application_credential_id + application_credential_secret",
      });
    if (password && !s.project_id && !s.project_name)
      ctx.addIssue({
        code: "custom",
        path: ["project_name"],
        message: "password auth needs project_name or project_id",
      });
  });

export type ManilaSettings = z.output<typeof manilaSettingsSchema>;
