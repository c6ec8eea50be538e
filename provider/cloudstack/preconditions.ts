/**
 * CloudStack's own rules (apis.md §1.6–1.7, seeds 001 and 002), checked at plan time so that a plan
 * that CloudStack would refuse is blocked before anything runs. Each blocker quotes the rule.
 */
import type { Blocker } from "../engine/errors.ts";
import {
  type DiskOffering,
  ROOT_SWAP_HYPERVISORS,
  type StoragePool,
  tagList,
  type VirtualMachine,
  type Volume,
} from "./api.ts";

const name = (o: { name?: string; id: string }) => (o.name ? `${o.name} (${o.id})` : o.id);

export function rootHypervisorSupported(vm: VirtualMachine): Blocker | undefined {
  const hv = vm.hypervisor ?? "unknown";
  if ((ROOT_SWAP_HYPERVISORS as readonly string[]).includes(hv)) return undefined;
  return {
    code: "UNSUPPORTED_HYPERVISOR",
    message: `VM ${name(vm)} runs on ${hv}; CloudStack detaches and attaches ROOT volumes only on ${ROOT_SWAP_HYPERVISORS.join(", ")} ("Root volume detach is not supported for hypervisor type ${hv}").`,
  };
}

export function hypervisorMatches(volume: Volume, vm: VirtualMachine): Blocker | undefined {
  const vh = volume.hypervisor;
  if (!vh || vh === "None" || !vm.hypervisor || vh === vm.hypervisor) return undefined;
  return {
    code: "HYPERVISOR_MISMATCH",
    message: `Volume ${name(volume)} was created for ${vh} and VM ${name(vm)} runs on ${vm.hypervisor} ("Can't attach a volume created by: ${vh} to a ${vm.hypervisor} vm").`,
    fix: "Use a volume created on the VM's hypervisor.",
  };
}

export function notManaged(volume: Volume, pools: Map<string, StoragePool>): Blocker | undefined {
  const pool = volume.storageid ? pools.get(volume.storageid) : undefined;
  if (!pool?.managed) return undefined;
  return {
    code: "MANAGED_STORAGE",
    message: `Volume ${name(volume)} is on managed storage pool ${name(pool)}; "Root volume detach is not supported for Managed DataStores".`,
  };
}

/** CloudStack's own words for each operation a VM snapshot blocks (apis.md §1.6). */
export const SNAPSHOT_RULES = {
  detach: () => "Unable to detach volume, please specify a VM that does not have VM snapshots",
  attach: (vm: VirtualMachine) =>
    `Unable to attach volume to VM ${vm.name}/${vm.id}, please specify a VM that does not have VM snapshots`,
  migrateVm: () =>
    "Instance's disk cannot be migrated, please remove all the Instance Snapshots for this Instance",
} as const;

export function noVmSnapshots(vm: VirtualMachine, snapshots: number, rule: string): Blocker | undefined {
  if (snapshots === 0) return undefined;
  return {
    code: "VM_SNAPSHOTS",
    message: `VM ${name(vm)} has ${snapshots} VM snapshot${snapshots === 1 ? "" : "s"} ("${rule}").`,
    fix: "Delete the VM snapshots first (deleteVMSnapshot), then plan again.",
  };
}

export function volumeUsable(volume: Volume, asRoot = false): Blocker | undefined {
  if (volume.state === "Destroy") {
    return {
      code: "VOLUME_STATE",
      message: `Volume ${name(volume)} is destroyed; "Please specify a volume that is not destroyed."`,
    };
  }
  if (asRoot && volume.state === "Uploaded") {
    return {
      code: "VOLUME_STATE",
      message: `Volume ${name(volume)} is Uploaded; "No support for Root volume attach in state Uploaded".`,
    };
  }
  if (["Allocated", "Ready", "Uploaded"].includes(volume.state)) return undefined;
  return {
    code: "VOLUME_STATE",
    message: `Volume ${name(volume)} is ${volume.state}; "Volume state must be in Allocated, Ready or in Uploaded state".`,
  };
}

export function sameZone(volume: Volume, vm: VirtualMachine): Blocker | undefined {
  if (!volume.zoneid || !vm.zoneid || volume.zoneid === vm.zoneid) return undefined;
  return {
    code: "ZONE_MISMATCH",
    message: `Volume ${name(volume)} and VM ${name(vm)} are in different zones; "Please specify a VM that is in the same zone as the volume."`,
  };
}

/**
 * Can `volumes` move to `pool`? The pool must be Up, serve the hypervisor, carry every storage tag of
 * each volume's disk offering, and — offline migration does not cross clusters (seed 002) — sit in
 * the cluster the volumes are in, unless it is zone-wide.
 */
export function poolSuitable(
  pool: StoragePool,
  volumes: Volume[],
  hypervisor: string | undefined,
  offerings: Map<string, DiskOffering>,
  /** "vm": migrateVirtualMachine's wording; "volume": migrateVolume's. */
  operation: "vm" | "volume",
): Blocker[] {
  const out: Blocker[] = [];
  if (pool.state !== "Up") {
    out.push({
      code: "POOL_NOT_UP",
      message: `Storage pool ${name(pool)} is ${pool.state}${pool.state === "Maintenance" ? ' ("… as the storage pool is in maintenance mode")' : ""}; volumes move only to a pool that is Up.`,
    });
  }
  if (hypervisor && pool.hypervisor && pool.hypervisor !== "Any" && pool.hypervisor !== hypervisor) {
    out.push({
      code: "HYPERVISOR_MISMATCH",
      message:
        operation === "vm"
          ? `Storage pool ${name(pool)} serves ${pool.hypervisor}, not ${hypervisor} ("hypervisor is not compatible: dest: ${pool.hypervisor}, vm: ${hypervisor}").`
          : `Storage pool ${name(pool)} serves ${pool.hypervisor}, the volume is ${hypervisor} ("Storage pool ${pool.name} is not suitable to migrate volume ${volumes[0]?.name ?? ""}").`,
    });
  }
  const poolTags = new Set(tagList(pool.tags));
  for (const v of volumes) {
    if (pool.clusterid && v.clusterid && pool.clusterid !== v.clusterid) {
      out.push({
        code: "CROSS_CLUSTER",
        message: `Volume ${name(v)} is in another cluster than storage pool ${name(pool)} (cluster ${pool.clustername ?? pool.clusterid}); offline migration across clusters is not supported.`,
        fix: "Pick a pool in the volume's cluster, or a zone-wide pool.",
      });
    }
    const offering = v.diskofferingid ? offerings.get(v.diskofferingid) : undefined;
    const missing = tagList(offering?.tags).filter((t) => !poolTags.has(t));
    if (missing.length > 0) {
      out.push({
        code: "STORAGE_TAGS",
        message: `Volume ${name(v)} needs storage tag${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (disk offering ${offering?.name ?? ""}); pool ${name(pool)} has ${poolTags.size ? [...poolTags].join(", ") : "none"} ("Storage pool ${pool.name} is not suitable to migrate volume ${v.name}").`,
        fix: "Pick a pool that carries the offering's tags.",
      });
    }
  }
  return out;
}

export function firstDefined<T>(...xs: (T | undefined)[]): T[] {
  return xs.filter((x): x is T => x !== undefined);
}

/** The same refusal found twice (by the detach and by the attach of one move) is shown once. */
export function uniqueBlockers(blockers: Blocker[]): Blocker[] {
  const seen = new Set<string>();
  return blockers.filter((b) => {
    const key = `${b.code}\n${b.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
