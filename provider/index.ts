/** Every backend ferry ships, and lookup of kinds by type. */
import { cloudstack } from "./cloudstack/index.ts";
import { danube } from "./danube/index.ts";
import type { Backend } from "./engine/backend.ts";
import type { AnyKind } from "./engine/kind.ts";
import { manila } from "./manila/index.ts";
import { velostrata } from "./velostrata/index.ts";

export const backends: Backend[] = [
  cloudstack as Backend,
  manila as Backend,
  danube as Backend,
  velostrata as Backend,
];

export function findKind(type: string): { kind: AnyKind; backend: Backend } | undefined {
  const bare = type.startsWith("ferry_") ? type.slice("ferry_".length) : type;
  for (const backend of backends) {
    const kind = backend.kinds.find((k) => k.type === bare);
    if (kind) return { kind, backend };
  }
  return undefined;
}
