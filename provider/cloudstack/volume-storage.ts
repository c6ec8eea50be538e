/**
 * cloudstack_volume_storage — "detached volume X lives on storage pool P" (seed 002: migrating a
 * standalone volume to another pool of the same cluster). One migrateVolume. Attached volumes are
 * refused: their storage moves with their VM (cloudstack_vm_storage).
 */
import * as z from "zod";
import { kindSpec, uuidSchema } from "../engine/common.ts";
import type { Kind, Next } from "../engine/kind.ts";
import type { Logger } from "../engine/log.ts";
import type { DiskOffering, StoragePool, Volume } from "./api.ts";
import type { CloudStackClient } from "./client.ts";
import { poolSuitable } from "./preconditions.ts";
import { awaitJob, migrateVolume, notFound, pendingJob, runCloudStackStep } from "./steps.ts";

export const volumeStorageSpec = kindSpec({
  volume_id: uuidSchema.meta({ description: "The detached volume to place.", forceNew: true }),
  storage_pool_id: uuidSchema.meta({
    description: "The primary storage pool it lives on. Changing it migrates the volume (migrateVolume).",
  }),
});
export type VolumeStorageSpec = z.output<typeof volumeStorageSpec>;

export const volumeStorageOutputs = z.object({
  volume_name: z.string().meta({ description: "Name of the volume." }),
  storage_pool_name: z.string().meta({ description: "Name of the pool it is on." }),
  volume_state: z.string().meta({ description: "The volume's state (Ready, Migrating …)." }),
});
export type VolumeStorageOutputs = z.output<typeof volumeStorageOutputs>;

export interface VolumeStorageObserved {
  volume: Volume | undefined;
  pool: StoragePool | undefined;
  currentPool: StoragePool | undefined;
  offerings: DiskOffering[];
}

function nextVolumeStorage(spec: VolumeStorageSpec, o: VolumeStorageObserved): Next<VolumeStorageObserved> {
  const { volume, pool } = o;
  if (!volume)
    return {
      kind: "blocked",
      blockers: [
        { code: "NOT_FOUND", message: `Volume ${spec.volume_id} was not found.`, attribute: "volume_id" },
      ],
    };
  const job = pendingJob(volume);
  if (job) return { kind: "step", step: awaitJob(job, `volume ${volume.name}`), after: o };
  if (volume.storageid === spec.storage_pool_id) return { kind: "done" };
  if (!pool)
    return {
      kind: "blocked",
      blockers: [
        {
          code: "NOT_FOUND",
          message: `Storage pool ${spec.storage_pool_id} was not found.`,
          attribute: "storage_pool_id",
        },
      ],
    };
  const blockers = poolSuitable(
    pool,
    [volume],
    volume.hypervisor && volume.hypervisor !== "None" ? volume.hypervisor : undefined,
    new Map(o.offerings.map((d) => [d.id, d])),
    "volume",
  );
  if (volume.virtualmachineid) {
    blockers.unshift({
      code: "VOLUME_ATTACHED",
      message: `Volume ${volume.name} is attached to VM ${volume.vmname ?? volume.virtualmachineid}; this resource moves detached volumes only.`,
      attribute: "volume_id",
      fix: "Move the VM's storage with ferry_cloudstack_vm_storage, or detach the volume first.",
    });
  }
  if (volume.state !== "Ready") {
    blockers.push({
      code: "VOLUME_STATE",
      message: `Volume ${volume.name} is ${volume.state}; "Volume must be in ready state".`,
    });
  }
  if (blockers.length) return { kind: "blocked", blockers };
  return {
    kind: "step",
    step: migrateVolume(volume, pool),
    after: {
      ...o,
      volume: {
        ...volume,
        storageid: pool.id,
        storage: pool.name,
        clusterid: pool.clusterid ?? volume.clusterid,
      },
      currentPool: pool,
    },
  };
}

async function observeVolumeStorage(
  client: CloudStackClient,
  spec: VolumeStorageSpec,
): Promise<VolumeStorageObserved> {
  const [volume, pools] = await Promise.all([client.volumes.get(spec.volume_id), client.storagePools()]);
  const offerings = volume && volume.storageid !== spec.storage_pool_id ? await client.diskOfferings() : [];
  return {
    volume,
    pool: pools.find((p) => p.id === spec.storage_pool_id),
    currentPool: pools.find((p) => p.id === volume?.storageid),
    offerings,
  };
}

export const volumeStorage: Kind<
  VolumeStorageSpec,
  VolumeStorageObserved,
  VolumeStorageOutputs,
  CloudStackClient
> = {
  type: "cloudstack_volume_storage",
  backend: "cloudstack",
  className: "VolumeStorage",
  description:
    "The primary storage pool a detached CloudStack volume lives on. Changing `storage_pool_id` migrates it with migrateVolume. Attached volumes are refused (their storage moves with the VM: ferry_cloudstack_vm_storage); so are pools CloudStack would refuse: not Up, another cluster, missing storage tags, another hypervisor.",
  spec: volumeStorageSpec,
  outputs: volumeStorageOutputs,
  defaultTimeouts: { create: 60 * 60_000, update: 60 * 60_000, delete: 60 * 60_000 },
  destroyDoc: "Forgets the resource; the volume stays where it is.",
  importDoc: "The volume id: `terraform import ferry_cloudstack_volume_storage.archive <volume-uuid>`.",
  id: (spec) => spec.volume_id,
  observe: (client, spec) => observeVolumeStorage(client, spec),
  next: nextVolumeStorage,
  nextDestroy: () => ({ kind: "done" }),
  outputsOf: (_spec, o) => ({
    volume_name: o.volume?.name ?? "",
    storage_pool_name: o.currentPool?.name ?? "",
    volume_state: o.volume?.state ?? "",
  }),
  run: (client, step, opts) => runCloudStackStep(client, step, opts),
  async importSpec(client: CloudStackClient, id: string, _log: Logger) {
    const v = await client.volumes.get(id);
    if (!v?.storageid) throw notFound("Volume", id, "id");
    return volumeStorageSpec.parse({ volume_id: id, storage_pool_id: v.storageid });
  },
};
