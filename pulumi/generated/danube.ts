// Generated from ferry's Danube Cloud kinds by `npm run generate` (pulumi/generate.ts). Do not edit.
import type * as pulumi from "@pulumi/pulumi";
import { FerryResource, type KindInfo } from "../resource.ts";

/** Danube Cloud connection settings of one resource (see the `connection` argument). */
export interface DanubeConnection {
  /**
   * The Danube Cloud API root, e.g. `https://danube.example.com/api` (the `API_URL` of the `es` client).
   *
   * Stack config: `ferry:danubeApiUrl`; environment: `ES_API_URL`, `DANUBE_API_URL`.
   */
  apiUrl?: pulumi.Input<string>;
  /**
   * A user's API key, sent as `ES-API-KEY` (preferred: a login replaces the user's token).
   *
   * Stack config: `ferry:danubeApiKey`; environment: `ES_API_KEY`.
   */
  apiKey?: pulumi.Input<string>;
  /**
   * User name for `POST /api/accounts/login/`.
   *
   * Stack config: `ferry:danubeUsername`; environment: `ES_USERNAME`, `DANUBE_USERNAME`.
   */
  username?: pulumi.Input<string>;
  /**
   * Password of that user.
   *
   * Stack config: `ferry:danubePassword`; environment: `ES_PASSWORD`, `DANUBE_PASSWORD`.
   */
  password?: pulumi.Input<string>;
  /**
   * How many replicas a VM may have: the installation's `VMS_VM_REPLICA_LIMIT` (Danube ships 1; the API does not show it). Plans check it before a create.
   *
   * Stack config: `ferry:danubeReplicaLimit`; environment: `ES_REPLICA_LIMIT`.
   */
  replicaLimit?: pulumi.Input<number>;
  /**
   * Limit in seconds for one HTTP request. Default 60.
   *
   * Stack config: `ferry:danubeHttpTimeout`; environment: `ES_HTTP_TIMEOUT`.
   */
  httpTimeout?: pulumi.Input<number>;
  /**
   * PEM text of a CA to trust, or the path of a PEM file.
   *
   * Stack config: `ferry:danubeCaCert`; environment: `ES_CA_CERT`.
   */
  caCert?: pulumi.Input<string>;
  /**
   * Skip TLS certificate verification. Only for labs; never the default.
   *
   * Stack config: `ferry:danubeInsecure`; environment: `ES_INSECURE`.
   */
  insecure?: pulumi.Input<boolean>;
}

/** Arguments of {@link VmReplica}. */
export interface VmReplicaArgs {
  /**
   * The VM (the master), by hostname: the only name that survives a failover (the UUID behind it changes).
   *
   * Changing it replaces the resource.
   */
  vm: pulumi.Input<string>;
  /**
   * The replica's name (Danube's `repname`), e.g. `dr1`.
   *
   * Changing it replaces the resource.
   */
  repname: pulumi.Input<string>;
  /**
   * The virtual datacenter of the VM (sent as `dc`). Unset: the user's current datacenter.
   *
   * Changing it replaces the resource.
   */
  dc?: pulumi.Input<string>;
  /** The compute node the replica lives on. Moving it to another node destroys the replica and creates a new one there (a full initial sync). Set it to the master's node together with `masterNode` set to the replica's node to fail over. */
  replicaNode: pulumi.Input<string>;
  /** The compute node the VM (the master) runs on. Unset: wherever it runs. Set to the replica's node — with `replicaNode` set to the master's node — to fail over (needs `allowFailover`). */
  masterNode?: pulumi.Input<string>;
  /**
   * The zpool on the replica's node for the VM's zone or OS disk (create only: Danube keeps it). Unset: the master's zpool.
   *
   * Changing it replaces the resource.
   */
  rootZpool?: pulumi.Input<string>;
  /**
   * The zpool of each disk on the replica's node, by disk id (`{ "1" = "zones-ssd" }`); HVM VMs only (create only). Unset disks: the master's zpools.
   *
   * Changing it replaces the resource.
   */
  diskZpools?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
  /** Seconds between two syncs. Default 60. */
  sleepTime?: pulumi.Input<number>;
  /** Whether the replication service runs. Changing only this pauses (svc-disable) or resumes (svc-enable) it. Default true. */
  enabled?: pulumi.Input<boolean>;
  /** Transfer limit in bytes per second. Unset: no limit. */
  bwlimit?: pulumi.Input<number>;
  /** Reserve the VM's vCPUs and RAM on the replica's node. Unset: the datacenter's default at create (Danube ships true) and not managed afterwards. When false, the resources must be free at failover. */
  reserveResources?: pulumi.Input<boolean>;
  /** After a failover, reinitialize the replica (the former master) so replication runs the other way. Default true. */
  reinit?: pulumi.Input<boolean>;
  /** Allow a failover: Danube force-stops the master and promotes the replica (downtime). Without it, a plan that needs one is blocked. */
  allowFailover?: pulumi.Input<boolean>;
  /** Fail over even if the master has pending tasks: Danube deletes them. Default false (the failover is refused: "VM has pending tasks"). */
  force?: pulumi.Input<boolean>;
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
  connection?: pulumi.Input<DanubeConnection>;
}

const vmReplicaInfo: KindInfo = {
  type: "danube_vm_replica",
  backend: "danube",
  className: "VmReplica",
  outputs: [
    "vmUuid",
    "currentMasterNode",
    "vmStatus",
    "currentReplicaNode",
    "nodeStatus",
    "lastSync",
    "reinitRequired",
    "replicationEnabled",
  ],
  secrets: [],
  deleteBeforeReplace: true,
};

/**
 * A replica of a Danube Cloud VM on another compute node, and which node runs the master. Creating it runs Danube's replica create (a full initial sync, then the replication service); changing the replication parameters updates the service (an `enabled`-only change pauses or resumes it; a `reserveResources`-only change is saved at once); `replicaNode` moved to a third node destroys the replica and creates a new one there. Setting `masterNode` to the replica's node and `replicaNode` to the master's fails over (only with `allowFailover`: the master is force-stopped and the replica promoted under the same hostname with a new UUID), then reinitializes the replica so replication runs the other way (`reinit`). The VM is addressed by hostname, so the resource follows it through a failover made by hand too. While a VM has a replica, Danube locks its definition: changes to the VM (define, update, migrate, delete, snapshot or backup restore into it) are refused with "VM is locked or has slave VMs" until the replica is deleted.
 *
 * Destroy: Deletes the replica (DELETE): Danube destroys the replica VM on its node and its replication service — for a replica that needs a reinit (a former master left by a failover) Danube's destroy-clear. The VM itself stays where it runs. A replica task in flight is awaited first.
 *
 * Replaced delete-first: the old object's destroy runs before the replacement is created (`pulumi up --replace` too), unless the resource option `deleteBeforeReplace: false` says otherwise.
 *
 * Import id: `<vm hostname>/<repname>`, or `<dc>/<vm hostname>/<repname>` outside the user's current datacenter: `terraform import ferry_danube_vm_replica.web web01.example.com/dr1`.
 */
export class VmReplica extends FerryResource {
  /** The VM (the master), by hostname: the only name that survives a failover (the UUID behind it changes). */
  declare readonly vm: pulumi.Output<string>;
  /** The replica's name (Danube's `repname`), e.g. `dr1`. */
  declare readonly repname: pulumi.Output<string>;
  /** The virtual datacenter of the VM (sent as `dc`). Unset: the user's current datacenter. */
  declare readonly dc: pulumi.Output<string | undefined>;
  /** The compute node the replica lives on. Moving it to another node destroys the replica and creates a new one there (a full initial sync). Set it to the master's node together with `masterNode` set to the replica's node to fail over. */
  declare readonly replicaNode: pulumi.Output<string>;
  /** The compute node the VM (the master) runs on. Unset: wherever it runs. Set to the replica's node — with `replicaNode` set to the master's node — to fail over (needs `allowFailover`). */
  declare readonly masterNode: pulumi.Output<string | undefined>;
  /** The zpool on the replica's node for the VM's zone or OS disk (create only: Danube keeps it). Unset: the master's zpool. */
  declare readonly rootZpool: pulumi.Output<string | undefined>;
  /** The zpool of each disk on the replica's node, by disk id (`{ "1" = "zones-ssd" }`); HVM VMs only (create only). Unset disks: the master's zpools. */
  declare readonly diskZpools: pulumi.Output<{ [key: string]: string } | undefined>;
  /** Seconds between two syncs. Default 60. */
  declare readonly sleepTime: pulumi.Output<number | undefined>;
  /** Whether the replication service runs. Changing only this pauses (svc-disable) or resumes (svc-enable) it. Default true. */
  declare readonly enabled: pulumi.Output<boolean | undefined>;
  /** Transfer limit in bytes per second. Unset: no limit. */
  declare readonly bwlimit: pulumi.Output<number | undefined>;
  /** Reserve the VM's vCPUs and RAM on the replica's node. Unset: the datacenter's default at create (Danube ships true) and not managed afterwards. When false, the resources must be free at failover. */
  declare readonly reserveResources: pulumi.Output<boolean | undefined>;
  /** After a failover, reinitialize the replica (the former master) so replication runs the other way. Default true. */
  declare readonly reinit: pulumi.Output<boolean | undefined>;
  /** Allow a failover: Danube force-stops the master and promotes the replica (downtime). Without it, a plan that needs one is blocked. */
  declare readonly allowFailover: pulumi.Output<boolean | undefined>;
  /** Fail over even if the master has pending tasks: Danube deletes them. Default false (the failover is refused: "VM has pending tasks"). */
  declare readonly force: pulumi.Output<boolean | undefined>;
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
  /** The UUID of the VM (the master) now; a failover changes it. */
  declare readonly vmUuid: pulumi.Output<string>;
  /** The node the VM runs on now. */
  declare readonly currentMasterNode: pulumi.Output<string>;
  /** The VM's status (running, stopped, `running-` while Danube holds it …). */
  declare readonly vmStatus: pulumi.Output<string>;
  /** The node the replica is on now (empty without a replica). */
  declare readonly currentReplicaNode: pulumi.Output<string>;
  /** The status of the replica's node (online, maintenance, unreachable …). */
  declare readonly nodeStatus: pulumi.Output<string>;
  /** When the replica was last synced (ISO 8601; empty before the first sync). */
  declare readonly lastSync: pulumi.Output<string>;
  /** The replica is a former master left by a failover and needs a reinit. */
  declare readonly reinitRequired: pulumi.Output<boolean>;
  /** Whether Danube shows the replication service running (false when paused or absent). */
  declare readonly replicationEnabled: pulumi.Output<boolean>;

  constructor(name: string, args: VmReplicaArgs, opts?: pulumi.CustomResourceOptions) {
    super(vmReplicaInfo, name, args, opts);
  }
}
