// Generated from ferry's Velostrata (Migrate for Compute Engine 4.x) kinds by `npm run generate` (pulumi/generate.ts). Do not edit.
import type * as pulumi from "@pulumi/pulumi";
import { FerryResource, type KindInfo } from "../resource.ts";

/** Velostrata (Migrate for Compute Engine 4.x) connection settings of one resource (see the `connection` argument). */
export interface VelostrataConnection {
  /**
   * The Velostrata manager, e.g. `https://velostrata-mgr.example.com` (ferry adds `/velostrata/api/<api_version>/`). Managers use self-signed certificates: set `ca_cert` (or, in a lab only, `insecure`).
   *
   * Stack config: `ferry:velostrataUrl`; environment: `VELOSTRATA_URL`.
   */
  url?: pulumi.Input<string>;
  /**
   * The subscription id given when the manager was deployed: the password of the API's one user, `apiuser` (HTTP Basic).
   *
   * Stack config: `ferry:velostrataSubscriptionId`; environment: `VELOSTRATA_SUBSCRIPTION_ID`.
   */
  subscriptionId?: pulumi.Input<string>;
  /**
   * The version segment of the base path: `v<major><minor>` of the manager's release — `v42` (4.2, the default), `v45` (4.5).
   *
   * Stack config: `ferry:velostrataApiVersion`; environment: `VELOSTRATA_API_VERSION`.
   */
  apiVersion?: pulumi.Input<string>;
  /**
   * Limit in seconds for one HTTP request. Default 60.
   *
   * Stack config: `ferry:velostrataHttpTimeout`; environment: `VELOSTRATA_HTTP_TIMEOUT`.
   */
  httpTimeout?: pulumi.Input<number>;
  /**
   * PEM text of a CA to trust, or the path of a PEM file.
   *
   * Stack config: `ferry:velostrataCaCert`; environment: `VELOSTRATA_CA_CERT`.
   */
  caCert?: pulumi.Input<string>;
  /**
   * Skip TLS certificate verification. Only for labs; never the default.
   *
   * Stack config: `ferry:velostrataInsecure`; environment: `VELOSTRATA_INSECURE`.
   */
  insecure?: pulumi.Input<boolean>;
}

/** Arguments of {@link VmDetach}. */
export interface VmDetachArgs {
  /**
   * The VM's id in Velostrata (`stateInfo.id`), e.g. `vm-1`.
   *
   * Changing it replaces the resource.
   */
  vmId: pulumi.Input<string>;
  /** How far the move goes: `fully_cached` (storage migrated to Velostrata's cloud cache; from a later stage, the detach is cancelled), `ready_to_detach` (native disks prepared and kept in sync), `detached` (the cutover: the VM runs on its native disks — needs `allowCutover`), `cleaned_up` (Velostrata lets go of the VM; irreversible — needs `allowCleanup`). */
  stage: pulumi.Input<"fully_cached" | "ready_to_detach" | "detached" | "cleaned_up">;
  /** Where the native disks are made (the `TargetStorageSpec` of preparetodetach): exactly one of `aws`, `azure`, `gcp`, matching the cloud the VM runs in. Needed for `ready_to_detach` and beyond; the storage of a VM already prepared is not read back (Velostrata does not show it). */
  storage?: pulumi.Input<{
    /** Native disks on AWS (EBS): `AwsTargetStorageSpec`. */
    aws?: pulumi.Input<{
      /** The EBS volume type of the native disks, e.g. `gp2` (Velostrata's `storageType`). */
      storageType: pulumi.Input<string>;
      /** Encrypt the EBS volumes (`isEbsEncryption`). Default false. */
      ebsEncryption?: pulumi.Input<boolean>;
      /** The KMS key alias for the encryption (`ebsEncryptionKeyAlias`); unset: the account's default EBS key. */
      ebsEncryptionKeyAlias?: pulumi.Input<string>;
    }>;
    /** Native disks on Azure: `AzureTargetStorageSpec`. */
    azure?: pulumi.Input<{
      /** The storage account of the native disks (`storageAccount`). */
      storageAccount: pulumi.Input<string>;
    }>;
    /** Native disks on Google Cloud: `GcpTargetStorageSpec`. */
    gcp?: pulumi.Input<{
      /** The persistent disk type, e.g. `standard` (`storageType`). */
      storageType: pulumi.Input<string>;
    }>;
  }>;
  /** The instance type the VM runs as after the detach (`targetInstanceType`). Unset: the VM's current instance type, as Velostrata's own runbook does. */
  targetInstanceType?: pulumi.Input<string>;
  /** Allow the detach: Velostrata shuts the VM down and starts it on its native disks (downtime). Without it, a plan that needs one is blocked. */
  allowCutover?: pulumi.Input<boolean>;
  /** Allow canceldetach of a detached VM: its native disks are deleted and it runs from Velostrata's cache again — writes made since the detach are lost. Without it, such a plan is blocked. */
  allowRollback?: pulumi.Input<boolean>;
  /** Allow the cleanup: Velostrata deletes its cache of the VM and stops managing it. Irreversible: no canceldetach afterwards. Without it, a plan that needs one is blocked. */
  allowCleanup?: pulumi.Input<boolean>;
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
  connection?: pulumi.Input<VelostrataConnection>;
}

const vmDetachInfo: KindInfo = {
  type: "velostrata_vm_detach",
  backend: "velostrata",
  className: "VmDetach",
  outputs: ["migrationState", "state", "powerState", "instanceType", "activeTaskIds", "progress"],
  secrets: [],
};

/**
 * A VM that Velostrata (Migrate for Compute Engine 4.x) runs in the cloud, moved off Velostrata's cache onto native cloud disks as far as `stage`: `fully_cached` (storage migration: `migrate`), `ready_to_detach` (`preparetodetach` with `storage`: the exporter makes native disks and keeps them in sync), `detached` (`detach`: the cutover, with downtime — needs `allowCutover`), `cleaned_up` (`cleanup`: irreversible — needs `allowCleanup`). A stage the VM has passed is reached by Velostrata's one way back, `canceldetach` ("stop prepare to detach", and the rollback of a detach — needs `allowRollback`: writes made on the native disks are lost); after a cleanup there is none. Every operation is planned only from the `migrationState` Velostrata takes it in; a task running on the VM is awaited, never issued again.
 *
 * Destroy: Forgets the resource: the VM stays where the last apply left it (Velostrata has no operation that undoes a storage migration, and a detach is rolled back only by setting an earlier `stage`).
 *
 * Import id: `<vm id>`: `terraform import ferry_velostrata_vm_detach.web vm-1`. The stage is read from the VM's `migrationState`; `storage` is not shown by Velostrata and is left unset.
 */
export class VmDetach extends FerryResource {
  /** The VM's id in Velostrata (`stateInfo.id`), e.g. `vm-1`. */
  declare readonly vmId: pulumi.Output<string>;
  /** How far the move goes: `fully_cached` (storage migrated to Velostrata's cloud cache; from a later stage, the detach is cancelled), `ready_to_detach` (native disks prepared and kept in sync), `detached` (the cutover: the VM runs on its native disks — needs `allowCutover`), `cleaned_up` (Velostrata lets go of the VM; irreversible — needs `allowCleanup`). */
  declare readonly stage: pulumi.Output<"fully_cached" | "ready_to_detach" | "detached" | "cleaned_up">;
  /** Where the native disks are made (the `TargetStorageSpec` of preparetodetach): exactly one of `aws`, `azure`, `gcp`, matching the cloud the VM runs in. Needed for `ready_to_detach` and beyond; the storage of a VM already prepared is not read back (Velostrata does not show it). */
  declare readonly storage: pulumi.Output<
    | {
        /** Native disks on AWS (EBS): `AwsTargetStorageSpec`. */
        aws?: {
          /** The EBS volume type of the native disks, e.g. `gp2` (Velostrata's `storageType`). */
          storageType: string;
          /** Encrypt the EBS volumes (`isEbsEncryption`). Default false. */
          ebsEncryption?: boolean;
          /** The KMS key alias for the encryption (`ebsEncryptionKeyAlias`); unset: the account's default EBS key. */
          ebsEncryptionKeyAlias?: string;
        };
        /** Native disks on Azure: `AzureTargetStorageSpec`. */
        azure?: {
          /** The storage account of the native disks (`storageAccount`). */
          storageAccount: string;
        };
        /** Native disks on Google Cloud: `GcpTargetStorageSpec`. */
        gcp?: {
          /** The persistent disk type, e.g. `standard` (`storageType`). */
          storageType: string;
        };
      }
    | undefined
  >;
  /** The instance type the VM runs as after the detach (`targetInstanceType`). Unset: the VM's current instance type, as Velostrata's own runbook does. */
  declare readonly targetInstanceType: pulumi.Output<string | undefined>;
  /** Allow the detach: Velostrata shuts the VM down and starts it on its native disks (downtime). Without it, a plan that needs one is blocked. */
  declare readonly allowCutover: pulumi.Output<boolean | undefined>;
  /** Allow canceldetach of a detached VM: its native disks are deleted and it runs from Velostrata's cache again — writes made since the detach are lost. Without it, such a plan is blocked. */
  declare readonly allowRollback: pulumi.Output<boolean | undefined>;
  /** Allow the cleanup: Velostrata deletes its cache of the VM and stops managing it. Irreversible: no canceldetach afterwards. Without it, a plan that needs one is blocked. */
  declare readonly allowCleanup: pulumi.Output<boolean | undefined>;
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
  /** Velostrata's `migrationState` of the VM now. */
  declare readonly migrationState: pulumi.Output<string>;
  /** Velostrata's `state` of the VM (InCloud, Unmanaged after a cleanup …). */
  declare readonly state: pulumi.Output<string>;
  /** The cloud instance's power state (Running, Stopped …). */
  declare readonly powerState: pulumi.Output<string>;
  /** The cloud instance type the VM runs as now. */
  declare readonly instanceType: pulumi.Output<string>;
  /** The ids of the tasks running on the VM. */
  declare readonly activeTaskIds: pulumi.Output<string[]>;
  /** The `progress` (0–100) of the task running on the VM; 0 when none runs. */
  declare readonly progress: pulumi.Output<number>;

  constructor(name: string, args: VmDetachArgs, opts?: pulumi.CustomResourceOptions) {
    super(vmDetachInfo, name, args, opts);
  }
}
