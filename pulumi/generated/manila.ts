// Generated from ferry's OpenStack Manila kinds by `npm run generate` (pulumi/generate.ts). Do not edit.
import type * as pulumi from "@pulumi/pulumi";
import { FerryResource, type KindInfo } from "../resource.ts";

/** OpenStack Manila connection settings of one resource (see the `connection` argument). */
export interface ManilaConnection {
  /**
   * Keystone v3 URL, e.g. `https://keystone.example.com/v3`.
   *
   * Stack config: `ferry:manilaAuthUrl`; environment: `OS_AUTH_URL`.
   */
  authUrl?: pulumi.Input<string>;
  /**
   * User name (password auth).
   *
   * Stack config: `ferry:manilaUsername`; environment: `OS_USERNAME`.
   */
  username?: pulumi.Input<string>;
  /**
   * Password (password auth).
   *
   * Stack config: `ferry:manilaPassword`; environment: `OS_PASSWORD`.
   */
  password?: pulumi.Input<string>;
  /**
   * Domain of the user. Default `Default`.
   *
   * Stack config: `ferry:manilaUserDomainName`; environment: `OS_USER_DOMAIN_NAME`.
   */
  userDomainName?: pulumi.Input<string>;
  /**
   * Project to scope the token to.
   *
   * Stack config: `ferry:manilaProjectName`; environment: `OS_PROJECT_NAME`, `OS_TENANT_NAME`.
   */
  projectName?: pulumi.Input<string>;
  /**
   * Project id to scope the token to (wins over project_name).
   *
   * Stack config: `ferry:manilaProjectId`; environment: `OS_PROJECT_ID`, `OS_TENANT_ID`.
   */
  projectId?: pulumi.Input<string>;
  /**
   * Domain of the project. Default `Default`.
   *
   * Stack config: `ferry:manilaProjectDomainName`; environment: `OS_PROJECT_DOMAIN_NAME`.
   */
  projectDomainName?: pulumi.Input<string>;
  /**
   * A token. With `auth_url`: exchanged for a scoped token (Keystone token method). With `endpoint` and no `auth_url`: sent as is (noauth Manila: `admin:<project_id>`).
   *
   * Stack config: `ferry:manilaToken`; environment: `OS_TOKEN`.
   */
  token?: pulumi.Input<string>;
  /**
   * Application credential id.
   *
   * Stack config: `ferry:manilaApplicationCredentialId`; environment: `OS_APPLICATION_CREDENTIAL_ID`.
   */
  applicationCredentialId?: pulumi.Input<string>;
  /**
   * Application credential secret.
   *
   * Stack config: `ferry:manilaApplicationCredentialSecret`; environment: `OS_APPLICATION_CREDENTIAL_SECRET`.
   */
  applicationCredentialSecret?: pulumi.Input<string>;
  /**
   * Region of the sharev2 endpoint.
   *
   * Stack config: `ferry:manilaRegion`; environment: `OS_REGION_NAME`.
   */
  region?: pulumi.Input<string>;
  /**
   * Catalog interface. Default `public`.
   *
   * Stack config: `ferry:manilaInterface`; environment: `OS_INTERFACE`.
   */
  interface?: pulumi.Input<"public" | "internal" | "admin">;
  /**
   * The Manila v2 endpoint, overriding the catalog, e.g. `https://manila.example.com/v2/<project_id>`.
   *
   * Stack config: `ferry:manilaEndpoint`; environment: `MANILA_ENDPOINT`, `OS_SHARE_ENDPOINT`.
   */
  endpoint?: pulumi.Input<string>;
  /**
   * Microversion sent on every call (≥ 2.57). Default 2.57.
   *
   * Stack config: `ferry:manilaApiVersion`; environment: `OS_SHARE_API_VERSION`.
   */
  apiVersion?: pulumi.Input<string>;
  /**
   * Limit in seconds for one HTTP request. Default 60.
   *
   * Stack config: `ferry:manilaHttpTimeout`; environment: `MANILA_HTTP_TIMEOUT`.
   */
  httpTimeout?: pulumi.Input<number>;
  /**
   * PEM text of a CA to trust, or the path of a PEM file.
   *
   * Stack config: `ferry:manilaCaCert`; environment: `OS_CACERT`.
   */
  caCert?: pulumi.Input<string>;
  /**
   * Skip TLS certificate verification. Only for labs; never the default.
   *
   * Stack config: `ferry:manilaInsecure`; environment: `OS_INSECURE`.
   */
  insecure?: pulumi.Input<boolean>;
}

/** Arguments of {@link ShareServerHost}. */
export interface ShareServerHostArgs {
  /**
   * The share server to place (its shares move with it). After a completed move Manila replaces it by the destination server; the resource follows (output `currentShareServerId`).
   *
   * Changing it replaces the resource.
   */
  shareServerId: pulumi.Input<string>;
  /** The back end that serves the share server, as `host@backend` (no `#pool`). */
  host: pulumi.Input<string>;
  /** Move to this share network too. Unset: the share network stays (sent as null). */
  newShareNetworkId?: pulumi.Input<string>;
  /** Keep the shares writable during phase 1. Default true; if the driver cannot, migration_check reports it incompatible and the plan is blocked — set false to accept read-only shares while data is copied. */
  writable?: pulumi.Input<boolean>;
  /** Require a move that does not disrupt clients at completion. Default false: few drivers can (a real Manila even accepts migration_start with true and fails later — ferry checks first). */
  nondisruptive?: pulumi.Input<boolean>;
  /** Move the shares' snapshots too. Default true (nothing is lost silently); set false when the driver cannot preserve them and losing them is acceptable. */
  preserveSnapshots?: pulumi.Input<boolean>;
  /** Run phase 2 (migration_complete): the switch-over, after which clients may need to reconnect. Default false: apply stops when phase 1 is done (output `readyToComplete`); set true later to finish. The plan warns of the one window no API field can record: Manila shows a switch-over only once the destination's share service takes it, so after an interruption right after migration_complete is sent, wait until `manila share-server-show` shows a taskState other than `migration_driver_phase1_done` before running again. */
  complete?: pulumi.Input<boolean>;
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
  connection?: pulumi.Input<ManilaConnection>;
}

const shareServerHostInfo: KindInfo = {
  type: "manila_share_server_host",
  backend: "manila",
  className: "ShareServerHost",
  outputs: [
    "currentShareServerId",
    "currentHost",
    "status",
    "taskState",
    "totalProgress",
    "destinationShareServerId",
    "readyToComplete",
  ],
  secrets: [],
};

/**
 * The back end (`host@backend`) that serves a Manila share server and all its shares. Changing `host` runs Manila's share-server migration (API ≥ 2.57, admin): migration_check at plan time (incompatible → blocked, with requested vs supported capabilities), migration_start, a wait for phase 1, and — only with `complete = true`, because clients may need to reconnect — migration_complete. A migration found in flight is adopted, never started twice.
 *
 * Destroy: Cancels a move in flight (migration_cancel; the shares stay on the source) and cleans up the destination Manila leaves behind (reset_status error, then DELETE). Without a move in flight it only forgets the resource.
 *
 * Import id: The share server id (the original source id also works after a completed move): `terraform import ferry_manila_share_server_host.fs <share-server-uuid>`.
 */
export class ShareServerHost extends FerryResource {
  /** The share server to place (its shares move with it). After a completed move Manila replaces it by the destination server; the resource follows (output `currentShareServerId`). */
  declare readonly shareServerId: pulumi.Output<string>;
  /** The back end that serves the share server, as `host@backend` (no `#pool`). */
  declare readonly host: pulumi.Output<string>;
  /** Move to this share network too. Unset: the share network stays (sent as null). */
  declare readonly newShareNetworkId: pulumi.Output<string | undefined>;
  /** Keep the shares writable during phase 1. Default true; if the driver cannot, migration_check reports it incompatible and the plan is blocked — set false to accept read-only shares while data is copied. */
  declare readonly writable: pulumi.Output<boolean | undefined>;
  /** Require a move that does not disrupt clients at completion. Default false: few drivers can (a real Manila even accepts migration_start with true and fails later — ferry checks first). */
  declare readonly nondisruptive: pulumi.Output<boolean | undefined>;
  /** Move the shares' snapshots too. Default true (nothing is lost silently); set false when the driver cannot preserve them and losing them is acceptable. */
  declare readonly preserveSnapshots: pulumi.Output<boolean | undefined>;
  /** Run phase 2 (migration_complete): the switch-over, after which clients may need to reconnect. Default false: apply stops when phase 1 is done (output `readyToComplete`); set true later to finish. The plan warns of the one window no API field can record: Manila shows a switch-over only once the destination's share service takes it, so after an interruption right after migration_complete is sent, wait until `manila share-server-show` shows a taskState other than `migration_driver_phase1_done` before running again. */
  declare readonly complete: pulumi.Output<boolean | undefined>;
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
  /** The share server that serves the shares now (the destination after a completed move). */
  declare readonly currentShareServerId: pulumi.Output<string>;
  /** The back end of that server (`host@backend`). */
  declare readonly currentHost: pulumi.Output<string>;
  /** Its status (active, server_migrating …). */
  declare readonly status: pulumi.Output<string>;
  /** Its migration taskState (empty when none). */
  declare readonly taskState: pulumi.Output<string>;
  /** Progress of phase 1 in percent (100 once it is done). */
  declare readonly totalProgress: pulumi.Output<number>;
  /** The destination of a move in flight or ready to complete (empty otherwise). */
  declare readonly destinationShareServerId: pulumi.Output<string>;
  /** Phase 1 is done and the move waits for `complete = true`. */
  declare readonly readyToComplete: pulumi.Output<boolean>;

  constructor(name: string, args: ShareServerHostArgs, opts?: pulumi.CustomResourceOptions) {
    super(shareServerHostInfo, name, args, opts);
  }
}
