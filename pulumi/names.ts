/**
 * Names in the Pulumi world: camelCase attributes (`virtual_machine_id` → `virtualMachineId`) and
 * stack-config keys in the `ferry` namespace (`cloudstack` + `api_url` → `ferry:cloudstackApiUrl`).
 */

export function camelCase(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** "cloudstack_root_volume" → "RootVolume" is the kind's own `className`; this is the config key. */
export function configKey(backend: string, setting: string): string {
  return `ferry:${camelCase(`${backend}_${setting}`)}`;
}
