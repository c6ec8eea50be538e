/** The lab as a Pulumi stack sees it: stack config for the `ferry` namespace, and the writes it executed. */
import type { Lab } from "../../../lab/index.ts";

/** The secret marker of Pulumi's wire format (runtime/rpc.js): `pulumi config set --secret`. */
export function secret(value: string): Record<string, string> {
  return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

/** What Configure carries for the lab: the whole stack config, namespaced, secrets wrapped. */
export function labConfig(lab: Lab): Record<string, unknown> {
  return {
    "ferryproj:unrelated": "kept out",
    "ferry:cloudstackApiUrl": lab.cloudstack.url,
    "ferry:cloudstackApiKey": secret(lab.cloudstack.apiKey),
    "ferry:cloudstackSecretKey": secret(lab.cloudstack.secretKey),
    "ferry:cloudstackTimeout": "120",
  };
}

export function writeCounts(lab: Lab): Record<string, number> {
  return lab.cloudstack.writeCounts();
}
