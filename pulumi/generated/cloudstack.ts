// Generated from ferry's Apache CloudStack kinds by `npm run generate` (pulumi/generate.ts). Do not edit.
import type * as pulumi from "@pulumi/pulumi";
import { FerryResource, type KindInfo } from "../resource.ts";

/** Apache CloudStack connection settings of one resource (see the `connection` argument). */
export interface CloudstackConnection {
  /**
   * The CloudStack API endpoint, e.g. `https://cloud.example.com/client/api`.
   *
   * Stack config: `ferry:cloudstackApiUrl`; environment: `CLOUDSTACK_API_URL`, `CLOUDSTACK_ENDPOINT`.
   */
  apiUrl?: pulumi.Input<string>;
  /**
   * API key of the account.
   *
   * Stack config: `ferry:cloudstackApiKey`; environment: `CLOUDSTACK_API_KEY`, `CLOUDSTACK_KEY`.
   */
  apiKey?: pulumi.Input<string>;
  /**
   * Secret key of the account.
   *
   * Stack config: `ferry:cloudstackSecretKey`; environment: `CLOUDSTACK_SECRET_KEY`, `CLOUDSTACK_SECRET`.
   */
  secretKey?: pulumi.Input<string>;
  /**
   * Limit in seconds for a resource's operations (async jobs included) when the resource sets no `timeouts`. Unset: each resource type's own defaults (30–60 minutes).
   *
   * Stack config: `ferry:cloudstackTimeout`; environment: `CLOUDSTACK_TIMEOUT`.
   */
  timeout?: pulumi.Input<number>;
  /**
   * Limit in seconds for one HTTP request. Default 60.
   *
   * Stack config: `ferry:cloudstackHttpTimeout`; environment: `CLOUDSTACK_HTTP_TIMEOUT`.
   */
  httpTimeout?: pulumi.Input<number>;
  /**
   * PEM text of a CA to trust, or the path of a PEM file.
   *
   * Stack config: `ferry:cloudstackCaCert`; environment: `CLOUDSTACK_CA_CERT`.
   */
  caCert?: pulumi.Input<string>;
  /**
   * Skip TLS certificate verification. Only for labs; never the default.
   *
   * Stack config: `ferry:cloudstackInsecure`; environment: `CLOUDSTACK_INSECURE`.
   */
  insecure?: pulumi.Input<boolean>;
}

/** Arguments of {@link RootVolume}. */
export interface RootVolumeArgs {
  /**
   * The VM whose root disk this resource sets.
   *
   * Changing it replaces the resource.
   */
  virtualMachineId: pulumi.Input<string>;
  /** The volume the VM boots from. Changing it swaps the root disk: the current ROOT is detached (it becomes a DATADISK and stays) and this volume is attached at device 0. */
  volumeId: pulumi.Input<string>;
  /** Allow ferry to stop a Running VM for the swap (CloudStack swaps roots only on Stopped VMs). Without it a plan that needs a stop is blocked. The stop is disruptive and is listed in the plan. */
  allowStop?: pulumi.Input<boolean>;
  /** Power state after the swap: `true` starts the VM, `false` leaves it Stopped. Unset: as it was when the swap began. That, and the root being replaced, is recorded on the VM before anything changes (resource tags `ferry.cloudstack_root_volume.restart`, `.previousVolumeId` and `.volumeId`, the swap's target, written by a planned createTags and removed by a planned deleteTags once the swap is complete), so a run interrupted between the stop and the start — Ctrl-C, a killed process — is finished by the next run as the first would have. */
  start?: pulumi.Input<boolean>;
  /** On destroy, swap back to `previousVolumeId` (same steps as a swap; needs `allowStop` if the VM is Running). After a swap that was interrupted, the root recorded on the VM as the one it replaced is restored instead of the state's `previousVolumeId`, and the plan says so. A replacement runs this destroy first (the Pulumi class asks for `deleteBeforeReplace`). Under terraform's `create_before_destroy` the replacement is created first, and where it sets the same VM the old object's destroy runs nothing — unless terraform stops between the two: the next run's destroy of the old object then swaps back. Default: destroy only forgets the resource and leaves the VM as it is. */
  restoreOnDestroy?: pulumi.Input<boolean>;
  /** How long ferry waits for the operations of each phase. When a limit is reached ferry stops waiting — the API keeps working — and the next run picks the operation up where it is. */
  timeouts?: pulumi.Input<{
    /** Limit for create, e.g. "30m". */
    create?: pulumi.Input<string>;
    /** Limit for update, e.g. "30m". */
    update?: pulumi.Input<string>;
    /** Limit for delete, e.g. "10m". */
    delete?: pulumi.Input<string>;
  }>;
  /** Connection settings for this resource only; unset ones come from the stack config (`ferry:…`) and the environment. Kept secret in state. */
  connection?: pulumi.Input<CloudstackConnection>;
}

const rootVolumeInfo: KindInfo = {
  type: "cloudstack_root_volume",
  backend: "cloudstack",
  className: "RootVolume",
  outputs: ["rootVolumeId", "rootVolumeName", "previousVolumeId", "vmState", "hypervisor"],
  secrets: [],
  deleteBeforeReplace: true,
};

/**
 * The volume a CloudStack VM boots from. Changing `volumeId` swaps the root disk with CloudStack's documented operations — record the intent on the VM (createTags), stop (only with `allowStop`), detach the current ROOT, attach the new volume at device 0, start, clear the record (deleteTags) — and the plan lists each of them. CloudStack allows this on XenServer, VMware and KVM, on unmanaged storage, for VMs without VM snapshots; ferry blocks the plan otherwise.
 *
 * Destroy: Forgets the resource; the VM keeps booting from its current root. With `restoreOnDestroy = true`, swaps back to `previousVolumeId` first — or, after an interrupted swap, to the root recorded on the VM as the one it replaced (the plan names it).
 *
 * Replaced delete-first: the old object's destroy runs before the replacement is created (`pulumi up --replace` too), unless the resource option `deleteBeforeReplace: false` says otherwise.
 *
 * Import id: The VM id: `terraform import ferry_cloudstack_root_volume.web <vm-uuid>`; `volumeId` is read from the VM's current ROOT.
 */
export class RootVolume extends FerryResource {
  /** The VM whose root disk this resource sets. */
  declare readonly virtualMachineId: pulumi.Output<string>;
  /** The volume the VM boots from. Changing it swaps the root disk: the current ROOT is detached (it becomes a DATADISK and stays) and this volume is attached at device 0. */
  declare readonly volumeId: pulumi.Output<string>;
  /** Allow ferry to stop a Running VM for the swap (CloudStack swaps roots only on Stopped VMs). Without it a plan that needs a stop is blocked. The stop is disruptive and is listed in the plan. */
  declare readonly allowStop: pulumi.Output<boolean | undefined>;
  /** Power state after the swap: `true` starts the VM, `false` leaves it Stopped. Unset: as it was when the swap began. That, and the root being replaced, is recorded on the VM before anything changes (resource tags `ferry.cloudstack_root_volume.restart`, `.previousVolumeId` and `.volumeId`, the swap's target, written by a planned createTags and removed by a planned deleteTags once the swap is complete), so a run interrupted between the stop and the start — Ctrl-C, a killed process — is finished by the next run as the first would have. */
  declare readonly start: pulumi.Output<boolean | undefined>;
  /** On destroy, swap back to `previousVolumeId` (same steps as a swap; needs `allowStop` if the VM is Running). After a swap that was interrupted, the root recorded on the VM as the one it replaced is restored instead of the state's `previousVolumeId`, and the plan says so. A replacement runs this destroy first (the Pulumi class asks for `deleteBeforeReplace`). Under terraform's `create_before_destroy` the replacement is created first, and where it sets the same VM the old object's destroy runs nothing — unless terraform stops between the two: the next run's destroy of the old object then swaps back. Default: destroy only forgets the resource and leaves the VM as it is. */
  declare readonly restoreOnDestroy: pulumi.Output<boolean | undefined>;
  /** How long ferry waits for the operations of each phase. When a limit is reached ferry stops waiting — the API keeps working — and the next run picks the operation up where it is. */
  declare readonly timeouts: pulumi.Output<
    | {
        /** Limit for create, e.g. "30m". */
        create?: string;
        /** Limit for update, e.g. "30m". */
        update?: string;
        /** Limit for delete, e.g. "10m". */
        delete?: string;
      }
    | undefined
  >;
  /** Id of the volume the VM boots from, as last observed (differs from `volumeId` while a swap is pending or after a swap by hand). */
  declare readonly rootVolumeId: pulumi.Output<string>;
  /** Name of the volume the VM boots from. */
  declare readonly rootVolumeName: pulumi.Output<string>;
  /** The ROOT volume that was replaced by the last swap (empty if none). Read from the VM's intent record while a swap is in progress, and kept by a rerun after an interrupted swap; the one case it is lost is a swap made by the resource's create whose process is killed inside the closing deleteTags job (nothing in state or on the VM names the old root then). */
  declare readonly previousVolumeId: pulumi.Output<string>;
  /** The VM's state (Running, Stopped …). */
  declare readonly vmState: pulumi.Output<string>;
  /** The VM's hypervisor. */
  declare readonly hypervisor: pulumi.Output<string>;

  constructor(name: string, args: RootVolumeArgs, opts?: pulumi.CustomResourceOptions) {
    super(rootVolumeInfo, name, args, opts);
  }
}

/** Arguments of {@link VolumeAttachment}. */
export interface VolumeAttachmentArgs {
  /**
   * The volume to attach.
   *
   * Changing it replaces the resource.
   */
  volumeId: pulumi.Input<string>;
  /** The VM it is attached to. Changing it moves the volume: detach from the old VM, attach to the new one. */
  virtualMachineId: pulumi.Input<string>;
  /** Device slot on the VM. Unset: the next free slot. `0` attaches the volume as ROOT, which CloudStack allows only on a Stopped VM that has no ROOT volume. */
  deviceId?: pulumi.Input<number>;
  /** On destroy, detach the volume from the VM. A replacement runs this destroy first (the Pulumi class asks for `deleteBeforeReplace`). Under terraform's `create_before_destroy` the replacement is created first, and where it attaches the same volume the old object's destroy runs nothing — unless terraform stops between the two: the next run's destroy of the old object then detaches it. Default: destroy only forgets the resource. */
  detachOnDestroy?: pulumi.Input<boolean>;
  /** How long ferry waits for the operations of each phase. When a limit is reached ferry stops waiting — the API keeps working — and the next run picks the operation up where it is. */
  timeouts?: pulumi.Input<{
    /** Limit for create, e.g. "30m". */
    create?: pulumi.Input<string>;
    /** Limit for update, e.g. "30m". */
    update?: pulumi.Input<string>;
    /** Limit for delete, e.g. "10m". */
    delete?: pulumi.Input<string>;
  }>;
  /** Connection settings for this resource only; unset ones come from the stack config (`ferry:…`) and the environment. Kept secret in state. */
  connection?: pulumi.Input<CloudstackConnection>;
}

const volumeAttachmentInfo: KindInfo = {
  type: "cloudstack_volume_attachment",
  backend: "cloudstack",
  className: "VolumeAttachment",
  outputs: ["volumeName", "volumeType", "attachedDeviceId", "virtualMachineName"],
  secrets: [],
  deleteBeforeReplace: true,
};

/**
 * A CloudStack volume attached to a VM. If the volume is attached elsewhere, the plan detaches it there first — including a ROOT volume of a Stopped VM, which then becomes a DATADISK: the rescue case of attaching a broken VM's root disk to a helper VM. `deviceId = 0` attaches the volume as ROOT (Stopped VM without a ROOT only).
 *
 * Destroy: Forgets the resource and leaves the volume attached. With `detachOnDestroy = true`, detaches it (detachVolume).
 *
 * Replaced delete-first: the old object's destroy runs before the replacement is created (`pulumi up --replace` too), unless the resource option `deleteBeforeReplace: false` says otherwise.
 *
 * Import id: The volume id: `terraform import ferry_cloudstack_volume_attachment.data <volume-uuid>`.
 */
export class VolumeAttachment extends FerryResource {
  /** The volume to attach. */
  declare readonly volumeId: pulumi.Output<string>;
  /** The VM it is attached to. Changing it moves the volume: detach from the old VM, attach to the new one. */
  declare readonly virtualMachineId: pulumi.Output<string>;
  /** Device slot on the VM. Unset: the next free slot. `0` attaches the volume as ROOT, which CloudStack allows only on a Stopped VM that has no ROOT volume. */
  declare readonly deviceId: pulumi.Output<number | undefined>;
  /** On destroy, detach the volume from the VM. A replacement runs this destroy first (the Pulumi class asks for `deleteBeforeReplace`). Under terraform's `create_before_destroy` the replacement is created first, and where it attaches the same volume the old object's destroy runs nothing — unless terraform stops between the two: the next run's destroy of the old object then detaches it. Default: destroy only forgets the resource. */
  declare readonly detachOnDestroy: pulumi.Output<boolean | undefined>;
  /** How long ferry waits for the operations of each phase. When a limit is reached ferry stops waiting — the API keeps working — and the next run picks the operation up where it is. */
  declare readonly timeouts: pulumi.Output<
    | {
        /** Limit for create, e.g. "30m". */
        create?: string;
        /** Limit for update, e.g. "30m". */
        update?: string;
        /** Limit for delete, e.g. "10m". */
        delete?: string;
      }
    | undefined
  >;
  /** Name of the volume. */
  declare readonly volumeName: pulumi.Output<string>;
  /** ROOT or DATADISK (a volume attached at device 0 becomes ROOT). */
  declare readonly volumeType: pulumi.Output<string>;
  /** The device slot the volume is attached at (-1 when detached). */
  declare readonly attachedDeviceId: pulumi.Output<number>;
  /** Name of the VM. */
  declare readonly virtualMachineName: pulumi.Output<string>;

  constructor(name: string, args: VolumeAttachmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(volumeAttachmentInfo, name, args, opts);
  }
}

/** Arguments of {@link VmStorage}. */
export interface VmStorageArgs {
  /**
   * The VM to place.
   *
   * Changing it replaces the resource.
   */
  virtualMachineId: pulumi.Input<string>;
  /** The primary storage pool every volume of the VM lives on. Changing it migrates the stopped VM (migrateVirtualMachine with storageid; root admin only). */
  storagePoolId: pulumi.Input<string>;
  /** Allow ferry to stop a Running VM for the move (CloudStack moves storage of Stopped VMs only). Without it the plan is blocked. */
  allowStop?: pulumi.Input<boolean>;
  /** Power state after the move: `true` starts the VM, `false` leaves it Stopped. Unset: as it was when the move began. When ferry stops the VM, whether to start it again is recorded on the VM first (resource tag `ferry.cloudstack_vm_storage.restart`, a planned createTags, removed by a planned deleteTags once the move is complete), so a run interrupted while the VM is Stopped is finished by the next run. */
  start?: pulumi.Input<boolean>;
  /** How long ferry waits for the operations of each phase. When a limit is reached ferry stops waiting — the API keeps working — and the next run picks the operation up where it is. */
  timeouts?: pulumi.Input<{
    /** Limit for create, e.g. "30m". */
    create?: pulumi.Input<string>;
    /** Limit for update, e.g. "30m". */
    update?: pulumi.Input<string>;
    /** Limit for delete, e.g. "10m". */
    delete?: pulumi.Input<string>;
  }>;
  /** Connection settings for this resource only; unset ones come from the stack config (`ferry:…`) and the environment. Kept secret in state. */
  connection?: pulumi.Input<CloudstackConnection>;
}

const vmStorageInfo: KindInfo = {
  type: "cloudstack_vm_storage",
  backend: "cloudstack",
  className: "VmStorage",
  outputs: ["storagePoolName", "volumeIds", "vmState"],
  secrets: [],
};

/**
 * The primary storage pool a stopped CloudStack VM lives on. Changing `storagePoolId` moves every volume of the VM with one migrateVirtualMachine (offline, VM Stopped — stopped first only with `allowStop`). The plan is blocked when CloudStack would refuse: pool not Up, another cluster, missing storage tags, hypervisor mismatch, VM snapshots.
 *
 * Destroy: Forgets the resource; the VM stays where it is.
 *
 * Import id: The VM id: `terraform import ferry_cloudstack_vm_storage.db <vm-uuid>`; `storagePoolId` is read from the VM's ROOT volume.
 */
export class VmStorage extends FerryResource {
  /** The VM to place. */
  declare readonly virtualMachineId: pulumi.Output<string>;
  /** The primary storage pool every volume of the VM lives on. Changing it migrates the stopped VM (migrateVirtualMachine with storageid; root admin only). */
  declare readonly storagePoolId: pulumi.Output<string>;
  /** Allow ferry to stop a Running VM for the move (CloudStack moves storage of Stopped VMs only). Without it the plan is blocked. */
  declare readonly allowStop: pulumi.Output<boolean | undefined>;
  /** Power state after the move: `true` starts the VM, `false` leaves it Stopped. Unset: as it was when the move began. When ferry stops the VM, whether to start it again is recorded on the VM first (resource tag `ferry.cloudstack_vm_storage.restart`, a planned createTags, removed by a planned deleteTags once the move is complete), so a run interrupted while the VM is Stopped is finished by the next run. */
  declare readonly start: pulumi.Output<boolean | undefined>;
  /** How long ferry waits for the operations of each phase. When a limit is reached ferry stops waiting — the API keeps working — and the next run picks the operation up where it is. */
  declare readonly timeouts: pulumi.Output<
    | {
        /** Limit for create, e.g. "30m". */
        create?: string;
        /** Limit for update, e.g. "30m". */
        update?: string;
        /** Limit for delete, e.g. "10m". */
        delete?: string;
      }
    | undefined
  >;
  /** Name of the pool. */
  declare readonly storagePoolName: pulumi.Output<string>;
  /** The VM's volumes (all of them move with it). */
  declare readonly volumeIds: pulumi.Output<string[]>;
  /** The VM's state. */
  declare readonly vmState: pulumi.Output<string>;

  constructor(name: string, args: VmStorageArgs, opts?: pulumi.CustomResourceOptions) {
    super(vmStorageInfo, name, args, opts);
  }
}

/** Arguments of {@link VolumeStorage}. */
export interface VolumeStorageArgs {
  /**
   * The detached volume to place.
   *
   * Changing it replaces the resource.
   */
  volumeId: pulumi.Input<string>;
  /** The primary storage pool it lives on. Changing it migrates the volume (migrateVolume). */
  storagePoolId: pulumi.Input<string>;
  /** How long ferry waits for the operations of each phase. When a limit is reached ferry stops waiting — the API keeps working — and the next run picks the operation up where it is. */
  timeouts?: pulumi.Input<{
    /** Limit for create, e.g. "30m". */
    create?: pulumi.Input<string>;
    /** Limit for update, e.g. "30m". */
    update?: pulumi.Input<string>;
    /** Limit for delete, e.g. "10m". */
    delete?: pulumi.Input<string>;
  }>;
  /** Connection settings for this resource only; unset ones come from the stack config (`ferry:…`) and the environment. Kept secret in state. */
  connection?: pulumi.Input<CloudstackConnection>;
}

const volumeStorageInfo: KindInfo = {
  type: "cloudstack_volume_storage",
  backend: "cloudstack",
  className: "VolumeStorage",
  outputs: ["volumeName", "storagePoolName", "volumeState"],
  secrets: [],
};

/**
 * The primary storage pool a detached CloudStack volume lives on. Changing `storagePoolId` migrates it with migrateVolume. Attached volumes are refused (their storage moves with the VM: ferry_cloudstack_vm_storage); so are pools CloudStack would refuse: not Up, another cluster, missing storage tags, another hypervisor.
 *
 * Destroy: Forgets the resource; the volume stays where it is.
 *
 * Import id: The volume id: `terraform import ferry_cloudstack_volume_storage.archive <volume-uuid>`.
 */
export class VolumeStorage extends FerryResource {
  /** The detached volume to place. */
  declare readonly volumeId: pulumi.Output<string>;
  /** The primary storage pool it lives on. Changing it migrates the volume (migrateVolume). */
  declare readonly storagePoolId: pulumi.Output<string>;
  /** How long ferry waits for the operations of each phase. When a limit is reached ferry stops waiting — the API keeps working — and the next run picks the operation up where it is. */
  declare readonly timeouts: pulumi.Output<
    | {
        /** Limit for create, e.g. "30m". */
        create?: string;
        /** Limit for update, e.g. "30m". */
        update?: string;
        /** Limit for delete, e.g. "10m". */
        delete?: string;
      }
    | undefined
  >;
  /** Name of the volume. */
  declare readonly volumeName: pulumi.Output<string>;
  /** Name of the pool it is on. */
  declare readonly storagePoolName: pulumi.Output<string>;
  /** The volume's state (Ready, Migrating …). */
  declare readonly volumeState: pulumi.Output<string>;

  constructor(name: string, args: VolumeStorageArgs, opts?: pulumi.CustomResourceOptions) {
    super(volumeStorageInfo, name, args, opts);
  }
}
