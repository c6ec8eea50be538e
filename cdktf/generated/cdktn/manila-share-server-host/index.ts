// https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/manila_share_server_host
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface ManilaShareServerHostConfig extends cdktn.TerraformMetaArguments {
  /**
  * Run phase 2 (migration_complete): the switch-over, after which clients may need to reconnect. Default false: apply stops when phase 1 is done (output `ready_to_complete`); set true later to finish. The plan warns of the one window no API field can record: Manila shows a switch-over only once the destination's share service takes it, so after an interruption right after migration_complete is sent, wait until `manila share-server-show` shows a task_state other than `migration_driver_phase1_done` before running again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/manila_share_server_host#complete ManilaShareServerHost#complete}
  */
  readonly complete?: boolean | cdktn.IResolvable;
  /**
  * The back end that serves the share server, as `host@backend` (no `#pool`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/manila_share_server_host#host ManilaShareServerHost#host}
  */
  readonly host: string;
  /**
  * Move to this share network too. Unset: the share network stays (sent as null).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/manila_share_server_host#new_share_network_id ManilaShareServerHost#new_share_network_id}
  */
  readonly newShareNetworkId?: string;
  /**
  * Require a move that does not disrupt clients at completion. Default false: few drivers can (a real Manila even accepts migration_start with true and fails later — ferry checks first).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/manila_share_server_host#nondisruptive ManilaShareServerHost#nondisruptive}
  */
  readonly nondisruptive?: boolean | cdktn.IResolvable;
  /**
  * Move the shares' snapshots too. Default true (nothing is lost silently); set false when the driver cannot preserve them and losing them is acceptable.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/manila_share_server_host#preserve_snapshots ManilaShareServerHost#preserve_snapshots}
  */
  readonly preserveSnapshots?: boolean | cdktn.IResolvable;
  /**
  * The share server to place (its shares move with it). After a completed move Manila replaces it by the destination server; the resource follows (output `current_share_server_id`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/manila_share_server_host#share_server_id ManilaShareServerHost#share_server_id}
  */
  readonly shareServerId: string;
  /**
  * How long ferry waits for the operations of each phase. When a limit is reached ferry stops waiting — the API keeps working — and the next run picks the operation up where it is.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/manila_share_server_host#timeouts ManilaShareServerHost#timeouts}
  */
  readonly timeouts?: ManilaShareServerHostTimeouts;
  /**
  * Keep the shares writable during phase 1. Default true; if the driver cannot, migration_check reports it incompatible and the plan is blocked — set false to accept read-only shares while data is copied.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/manila_share_server_host#writable ManilaShareServerHost#writable}
  */
  readonly writable?: boolean | cdktn.IResolvable;
}
export interface ManilaShareServerHostOperationDetails {
}

export function manilaShareServerHostOperationDetailsToTerraform(struct?: ManilaShareServerHostOperationDetails): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  return {
  }
}


export function manilaShareServerHostOperationDetailsToHclTerraform(struct?: ManilaShareServerHostOperationDetails): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  const attrs = {
  };
  return attrs;
}

export class ManilaShareServerHostOperationDetailsOutputReference extends cdktn.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktn.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): ManilaShareServerHostOperationDetails | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ManilaShareServerHostOperationDetails | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // action - computed: true, optional: false, required: false
  public get action() {
    return this.getStringAttribute('action');
  }

  // disruption - computed: true, optional: false, required: false
  public get disruption() {
    return this.getStringAttribute('disruption');
  }

  // disruptive - computed: true, optional: false, required: false
  public get disruptive() {
    return this.getBooleanAttribute('disruptive');
  }

  // operation - computed: true, optional: false, required: false
  public get operation() {
    return this.getStringAttribute('operation');
  }

  // request - computed: true, optional: false, required: false
  public get request() {
    return this.getStringAttribute('request');
  }

  // title - computed: true, optional: false, required: false
  public get title() {
    return this.getStringAttribute('title');
  }

  // warnings - computed: true, optional: false, required: false
  public get warnings() {
    return this.getListAttribute('warnings');
  }
}

export class ManilaShareServerHostOperationDetailsList extends cdktn.ComplexList {

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(terraformResource: cdktn.IInterpolatingParent, terraformAttribute: string, wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet);
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): ManilaShareServerHostOperationDetailsOutputReference {
    return new ManilaShareServerHostOperationDetailsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface ManilaShareServerHostTimeouts {
  /**
  * Limit for create, e.g. "30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/manila_share_server_host#create ManilaShareServerHost#create}
  */
  readonly create?: string;
  /**
  * Limit for delete, e.g. "10m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/manila_share_server_host#delete ManilaShareServerHost#delete}
  */
  readonly delete?: string;
  /**
  * Limit for update, e.g. "30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/manila_share_server_host#update ManilaShareServerHost#update}
  */
  readonly update?: string;
}

export function manilaShareServerHostTimeoutsToTerraform(struct?: ManilaShareServerHostTimeouts | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  return {
    create: cdktn.stringToTerraform(struct!.create),
    delete: cdktn.stringToTerraform(struct!.delete),
    update: cdktn.stringToTerraform(struct!.update),
  }
}


export function manilaShareServerHostTimeoutsToHclTerraform(struct?: ManilaShareServerHostTimeouts | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  const attrs = {
    create: {
      value: cdktn.stringToHclTerraform(struct!.create),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    delete: {
      value: cdktn.stringToHclTerraform(struct!.delete),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    update: {
      value: cdktn.stringToHclTerraform(struct!.update),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class ManilaShareServerHostTimeoutsOutputReference extends cdktn.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktn.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktn.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): ManilaShareServerHostTimeouts | cdktn.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._create !== undefined) {
      hasAnyValues = true;
      internalValueResult.create = this._create;
    }
    if (this._delete !== undefined) {
      hasAnyValues = true;
      internalValueResult.delete = this._delete;
    }
    if (this._update !== undefined) {
      hasAnyValues = true;
      internalValueResult.update = this._update;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: ManilaShareServerHostTimeouts | cdktn.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._create = undefined;
      this._delete = undefined;
      this._update = undefined;
    }
    else if (cdktn.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._create = value.create;
      this._delete = value.delete;
      this._update = value.update;
    }
  }

  // create - computed: false, optional: true, required: false
  private _create?: string; 
  public get create() {
    return this.getStringAttribute('create');
  }
  public set create(value: string) {
    this._create = value;
  }
  public resetCreate() {
    this._create = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get createInput() {
    return this._create;
  }

  // delete - computed: false, optional: true, required: false
  private _delete?: string; 
  public get delete() {
    return this.getStringAttribute('delete');
  }
  public set delete(value: string) {
    this._delete = value;
  }
  public resetDelete() {
    this._delete = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deleteInput() {
    return this._delete;
  }

  // update - computed: false, optional: true, required: false
  private _update?: string; 
  public get update() {
    return this.getStringAttribute('update');
  }
  public set update(value: string) {
    this._update = value;
  }
  public resetUpdate() {
    this._update = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get updateInput() {
    return this._update;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/manila_share_server_host ferry_manila_share_server_host}
*/
export class ManilaShareServerHost extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "ferry_manila_share_server_host";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a ManilaShareServerHost resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the ManilaShareServerHost to import
  * @param importFromId The id of the existing ManilaShareServerHost that should be imported. Refer to the {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/manila_share_server_host#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the ManilaShareServerHost to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "ferry_manila_share_server_host", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/manila_share_server_host ferry_manila_share_server_host} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options ManilaShareServerHostConfig
  */
  public constructor(scope: Construct, id: string, config: ManilaShareServerHostConfig) {
    super(scope, id, {
      terraformResourceType: 'ferry_manila_share_server_host',
      terraformGeneratorMetadata: {
        providerName: 'ferry'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._complete = config.complete;
    this._host = config.host;
    this._newShareNetworkId = config.newShareNetworkId;
    this._nondisruptive = config.nondisruptive;
    this._preserveSnapshots = config.preserveSnapshots;
    this._shareServerId = config.shareServerId;
    this._timeouts.internalValue = config.timeouts;
    this._writable = config.writable;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // complete - computed: false, optional: true, required: false
  private _complete?: boolean | cdktn.IResolvable; 
  public get complete() {
    return this.getBooleanAttribute('complete');
  }
  public set complete(value: boolean | cdktn.IResolvable) {
    this._complete = value;
  }
  public resetComplete() {
    this._complete = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get completeInput() {
    return this._complete;
  }

  // current_host - computed: true, optional: false, required: false
  public get currentHost() {
    return this.getStringAttribute('current_host');
  }

  // current_share_server_id - computed: true, optional: false, required: false
  public get currentShareServerId() {
    return this.getStringAttribute('current_share_server_id');
  }

  // destination_share_server_id - computed: true, optional: false, required: false
  public get destinationShareServerId() {
    return this.getStringAttribute('destination_share_server_id');
  }

  // host - computed: false, optional: false, required: true
  private _host?: string; 
  public get host() {
    return this.getStringAttribute('host');
  }
  public set host(value: string) {
    this._host = value;
  }
  // Temporarily expose input value. Use with caution.
  public get hostInput() {
    return this._host;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // new_share_network_id - computed: false, optional: true, required: false
  private _newShareNetworkId?: string; 
  public get newShareNetworkId() {
    return this.getStringAttribute('new_share_network_id');
  }
  public set newShareNetworkId(value: string) {
    this._newShareNetworkId = value;
  }
  public resetNewShareNetworkId() {
    this._newShareNetworkId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get newShareNetworkIdInput() {
    return this._newShareNetworkId;
  }

  // nondisruptive - computed: false, optional: true, required: false
  private _nondisruptive?: boolean | cdktn.IResolvable; 
  public get nondisruptive() {
    return this.getBooleanAttribute('nondisruptive');
  }
  public set nondisruptive(value: boolean | cdktn.IResolvable) {
    this._nondisruptive = value;
  }
  public resetNondisruptive() {
    this._nondisruptive = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nondisruptiveInput() {
    return this._nondisruptive;
  }

  // operation_details - computed: true, optional: false, required: false
  private _operationDetails = new ManilaShareServerHostOperationDetailsList(this, "operation_details", false);
  public get operationDetails() {
    return this._operationDetails;
  }

  // operations - computed: true, optional: false, required: false
  public get operations() {
    return this.getListAttribute('operations');
  }

  // preserve_snapshots - computed: false, optional: true, required: false
  private _preserveSnapshots?: boolean | cdktn.IResolvable; 
  public get preserveSnapshots() {
    return this.getBooleanAttribute('preserve_snapshots');
  }
  public set preserveSnapshots(value: boolean | cdktn.IResolvable) {
    this._preserveSnapshots = value;
  }
  public resetPreserveSnapshots() {
    this._preserveSnapshots = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get preserveSnapshotsInput() {
    return this._preserveSnapshots;
  }

  // ready_to_complete - computed: true, optional: false, required: false
  public get readyToComplete() {
    return this.getBooleanAttribute('ready_to_complete');
  }

  // share_server_id - computed: false, optional: false, required: true
  private _shareServerId?: string; 
  public get shareServerId() {
    return this.getStringAttribute('share_server_id');
  }
  public set shareServerId(value: string) {
    this._shareServerId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get shareServerIdInput() {
    return this._shareServerId;
  }

  // status - computed: true, optional: false, required: false
  public get status() {
    return this.getStringAttribute('status');
  }

  // task_state - computed: true, optional: false, required: false
  public get taskState() {
    return this.getStringAttribute('task_state');
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new ManilaShareServerHostTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: ManilaShareServerHostTimeouts) {
    this._timeouts.internalValue = value;
  }
  public resetTimeouts() {
    this._timeouts.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutsInput() {
    return this._timeouts.internalValue;
  }

  // total_progress - computed: true, optional: false, required: false
  public get totalProgress() {
    return this.getNumberAttribute('total_progress');
  }

  // writable - computed: false, optional: true, required: false
  private _writable?: boolean | cdktn.IResolvable; 
  public get writable() {
    return this.getBooleanAttribute('writable');
  }
  public set writable(value: boolean | cdktn.IResolvable) {
    this._writable = value;
  }
  public resetWritable() {
    this._writable = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get writableInput() {
    return this._writable;
  }

  // =========
  // SYNTHESIS
  // =========

  protected override synthesizeAttributes(): { [name: string]: any } {
    return {
      complete: cdktn.booleanToTerraform(this._complete),
      host: cdktn.stringToTerraform(this._host),
      new_share_network_id: cdktn.stringToTerraform(this._newShareNetworkId),
      nondisruptive: cdktn.booleanToTerraform(this._nondisruptive),
      preserve_snapshots: cdktn.booleanToTerraform(this._preserveSnapshots),
      share_server_id: cdktn.stringToTerraform(this._shareServerId),
      timeouts: manilaShareServerHostTimeoutsToTerraform(this._timeouts.internalValue),
      writable: cdktn.booleanToTerraform(this._writable),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      complete: {
        value: cdktn.booleanToHclTerraform(this._complete),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      host: {
        value: cdktn.stringToHclTerraform(this._host),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      new_share_network_id: {
        value: cdktn.stringToHclTerraform(this._newShareNetworkId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      nondisruptive: {
        value: cdktn.booleanToHclTerraform(this._nondisruptive),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      preserve_snapshots: {
        value: cdktn.booleanToHclTerraform(this._preserveSnapshots),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      share_server_id: {
        value: cdktn.stringToHclTerraform(this._shareServerId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      timeouts: {
        value: manilaShareServerHostTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "ManilaShareServerHostTimeouts",
      },
      writable: {
        value: cdktn.booleanToHclTerraform(this._writable),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
