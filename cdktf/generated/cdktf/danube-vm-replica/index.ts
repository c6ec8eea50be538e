// https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface DanubeVmReplicaConfig extends cdktf.TerraformMetaArguments {
  /**
  * Allow a failover: Danube force-stops the master and promotes the replica (downtime). Without it, a plan that needs one is blocked.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#allow_failover DanubeVmReplica#allow_failover}
  */
  readonly allowFailover?: boolean | cdktf.IResolvable;
  /**
  * Transfer limit in bytes per second. Unset: no limit.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#bwlimit DanubeVmReplica#bwlimit}
  */
  readonly bwlimit?: number;
  /**
  * The virtual datacenter of the VM (sent as `dc`). Unset: the user's current datacenter.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#dc DanubeVmReplica#dc}
  */
  readonly dc?: string;
  /**
  * The zpool of each disk on the replica's node, by disk id (`{ "1" = "zones-ssd" }`); HVM VMs only (create only). Unset disks: the master's zpools.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#disk_zpools DanubeVmReplica#disk_zpools}
  */
  readonly diskZpools?: { [key: string]: string };
  /**
  * Whether the replication service runs. Changing only this pauses (svc-disable) or resumes (svc-enable) it. Default true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#enabled DanubeVmReplica#enabled}
  */
  readonly enabled?: boolean | cdktf.IResolvable;
  /**
  * Fail over even if the master has pending tasks: Danube deletes them. Default false (the failover is refused: "VM has pending tasks").
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#force DanubeVmReplica#force}
  */
  readonly force?: boolean | cdktf.IResolvable;
  /**
  * The compute node the VM (the master) runs on. Unset: wherever it runs. Set to the replica's node — with `replica_node` set to the master's node — to fail over (needs `allow_failover`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#master_node DanubeVmReplica#master_node}
  */
  readonly masterNode?: string;
  /**
  * After a failover, reinitialize the replica (the former master) so replication runs the other way. Default true.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#reinit DanubeVmReplica#reinit}
  */
  readonly reinit?: boolean | cdktf.IResolvable;
  /**
  * The compute node the replica lives on. Moving it to another node destroys the replica and creates a new one there (a full initial sync). Set it to the master's node together with `master_node` set to the replica's node to fail over.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#replica_node DanubeVmReplica#replica_node}
  */
  readonly replicaNode: string;
  /**
  * The replica's name (Danube's `repname`), e.g. `dr1`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#repname DanubeVmReplica#repname}
  */
  readonly repname: string;
  /**
  * Reserve the VM's vCPUs and RAM on the replica's node. Unset: the datacenter's default at create (Danube ships true) and not managed afterwards. When false, the resources must be free at failover.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#reserve_resources DanubeVmReplica#reserve_resources}
  */
  readonly reserveResources?: boolean | cdktf.IResolvable;
  /**
  * The zpool on the replica's node for the VM's zone or OS disk (create only: Danube keeps it). Unset: the master's zpool.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#root_zpool DanubeVmReplica#root_zpool}
  */
  readonly rootZpool?: string;
  /**
  * Seconds between two syncs. Default 60.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#sleep_time DanubeVmReplica#sleep_time}
  */
  readonly sleepTime?: number;
  /**
  * How long ferry waits for the operations of each phase. When a limit is reached ferry stops waiting — the API keeps working — and the next run picks the operation up where it is.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#timeouts DanubeVmReplica#timeouts}
  */
  readonly timeouts?: DanubeVmReplicaTimeouts;
  /**
  * The VM (the master), by hostname: the only name that survives a failover (the UUID behind it changes).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#vm DanubeVmReplica#vm}
  */
  readonly vm: string;
}
export interface DanubeVmReplicaOperationDetails {
}

export function danubeVmReplicaOperationDetailsToTerraform(struct?: DanubeVmReplicaOperationDetails): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function danubeVmReplicaOperationDetailsToHclTerraform(struct?: DanubeVmReplicaOperationDetails): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DanubeVmReplicaOperationDetailsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): DanubeVmReplicaOperationDetails | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DanubeVmReplicaOperationDetails | undefined) {
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

export class DanubeVmReplicaOperationDetailsList extends cdktf.ComplexList {

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(protected override terraformResource: cdktf.IInterpolatingParent, protected override terraformAttribute: string, protected override wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet)
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): DanubeVmReplicaOperationDetailsOutputReference {
    return new DanubeVmReplicaOperationDetailsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface DanubeVmReplicaTimeouts {
  /**
  * Limit for create, e.g. "30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#create DanubeVmReplica#create}
  */
  readonly create?: string;
  /**
  * Limit for delete, e.g. "10m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#delete DanubeVmReplica#delete}
  */
  readonly delete?: string;
  /**
  * Limit for update, e.g. "30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#update DanubeVmReplica#update}
  */
  readonly update?: string;
}

export function danubeVmReplicaTimeoutsToTerraform(struct?: DanubeVmReplicaTimeouts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    create: cdktf.stringToTerraform(struct!.create),
    delete: cdktf.stringToTerraform(struct!.delete),
    update: cdktf.stringToTerraform(struct!.update),
  }
}


export function danubeVmReplicaTimeoutsToHclTerraform(struct?: DanubeVmReplicaTimeouts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    create: {
      value: cdktf.stringToHclTerraform(struct!.create),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    delete: {
      value: cdktf.stringToHclTerraform(struct!.delete),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    update: {
      value: cdktf.stringToHclTerraform(struct!.update),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class DanubeVmReplicaTimeoutsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): DanubeVmReplicaTimeouts | cdktf.IResolvable | undefined {
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

  public set internalValue(value: DanubeVmReplicaTimeouts | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._create = undefined;
      this._delete = undefined;
      this._update = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
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
* Represents a {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica ferry_danube_vm_replica}
*/
export class DanubeVmReplica extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "ferry_danube_vm_replica";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a DanubeVmReplica resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DanubeVmReplica to import
  * @param importFromId The id of the existing DanubeVmReplica that should be imported. Refer to the {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DanubeVmReplica to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "ferry_danube_vm_replica", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/danube_vm_replica ferry_danube_vm_replica} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DanubeVmReplicaConfig
  */
  public constructor(scope: Construct, id: string, config: DanubeVmReplicaConfig) {
    super(scope, id, {
      terraformResourceType: 'ferry_danube_vm_replica',
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
    this._allowFailover = config.allowFailover;
    this._bwlimit = config.bwlimit;
    this._dc = config.dc;
    this._diskZpools = config.diskZpools;
    this._enabled = config.enabled;
    this._force = config.force;
    this._masterNode = config.masterNode;
    this._reinit = config.reinit;
    this._replicaNode = config.replicaNode;
    this._repname = config.repname;
    this._reserveResources = config.reserveResources;
    this._rootZpool = config.rootZpool;
    this._sleepTime = config.sleepTime;
    this._timeouts.internalValue = config.timeouts;
    this._vm = config.vm;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // allow_failover - computed: false, optional: true, required: false
  private _allowFailover?: boolean | cdktf.IResolvable; 
  public get allowFailover() {
    return this.getBooleanAttribute('allow_failover');
  }
  public set allowFailover(value: boolean | cdktf.IResolvable) {
    this._allowFailover = value;
  }
  public resetAllowFailover() {
    this._allowFailover = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get allowFailoverInput() {
    return this._allowFailover;
  }

  // bwlimit - computed: false, optional: true, required: false
  private _bwlimit?: number; 
  public get bwlimit() {
    return this.getNumberAttribute('bwlimit');
  }
  public set bwlimit(value: number) {
    this._bwlimit = value;
  }
  public resetBwlimit() {
    this._bwlimit = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get bwlimitInput() {
    return this._bwlimit;
  }

  // current_master_node - computed: true, optional: false, required: false
  public get currentMasterNode() {
    return this.getStringAttribute('current_master_node');
  }

  // current_replica_node - computed: true, optional: false, required: false
  public get currentReplicaNode() {
    return this.getStringAttribute('current_replica_node');
  }

  // dc - computed: false, optional: true, required: false
  private _dc?: string; 
  public get dc() {
    return this.getStringAttribute('dc');
  }
  public set dc(value: string) {
    this._dc = value;
  }
  public resetDc() {
    this._dc = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get dcInput() {
    return this._dc;
  }

  // disk_zpools - computed: false, optional: true, required: false
  private _diskZpools?: { [key: string]: string }; 
  public get diskZpools() {
    return this.getStringMapAttribute('disk_zpools');
  }
  public set diskZpools(value: { [key: string]: string }) {
    this._diskZpools = value;
  }
  public resetDiskZpools() {
    this._diskZpools = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get diskZpoolsInput() {
    return this._diskZpools;
  }

  // enabled - computed: false, optional: true, required: false
  private _enabled?: boolean | cdktf.IResolvable; 
  public get enabled() {
    return this.getBooleanAttribute('enabled');
  }
  public set enabled(value: boolean | cdktf.IResolvable) {
    this._enabled = value;
  }
  public resetEnabled() {
    this._enabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get enabledInput() {
    return this._enabled;
  }

  // force - computed: false, optional: true, required: false
  private _force?: boolean | cdktf.IResolvable; 
  public get force() {
    return this.getBooleanAttribute('force');
  }
  public set force(value: boolean | cdktf.IResolvable) {
    this._force = value;
  }
  public resetForce() {
    this._force = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get forceInput() {
    return this._force;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // last_sync - computed: true, optional: false, required: false
  public get lastSync() {
    return this.getStringAttribute('last_sync');
  }

  // master_node - computed: false, optional: true, required: false
  private _masterNode?: string; 
  public get masterNode() {
    return this.getStringAttribute('master_node');
  }
  public set masterNode(value: string) {
    this._masterNode = value;
  }
  public resetMasterNode() {
    this._masterNode = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get masterNodeInput() {
    return this._masterNode;
  }

  // node_status - computed: true, optional: false, required: false
  public get nodeStatus() {
    return this.getStringAttribute('node_status');
  }

  // operation_details - computed: true, optional: false, required: false
  private _operationDetails = new DanubeVmReplicaOperationDetailsList(this, "operation_details", false);
  public get operationDetails() {
    return this._operationDetails;
  }

  // operations - computed: true, optional: false, required: false
  public get operations() {
    return this.getListAttribute('operations');
  }

  // reinit - computed: false, optional: true, required: false
  private _reinit?: boolean | cdktf.IResolvable; 
  public get reinit() {
    return this.getBooleanAttribute('reinit');
  }
  public set reinit(value: boolean | cdktf.IResolvable) {
    this._reinit = value;
  }
  public resetReinit() {
    this._reinit = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get reinitInput() {
    return this._reinit;
  }

  // reinit_required - computed: true, optional: false, required: false
  public get reinitRequired() {
    return this.getBooleanAttribute('reinit_required');
  }

  // replica_node - computed: false, optional: false, required: true
  private _replicaNode?: string; 
  public get replicaNode() {
    return this.getStringAttribute('replica_node');
  }
  public set replicaNode(value: string) {
    this._replicaNode = value;
  }
  // Temporarily expose input value. Use with caution.
  public get replicaNodeInput() {
    return this._replicaNode;
  }

  // replication_enabled - computed: true, optional: false, required: false
  public get replicationEnabled() {
    return this.getBooleanAttribute('replication_enabled');
  }

  // repname - computed: false, optional: false, required: true
  private _repname?: string; 
  public get repname() {
    return this.getStringAttribute('repname');
  }
  public set repname(value: string) {
    this._repname = value;
  }
  // Temporarily expose input value. Use with caution.
  public get repnameInput() {
    return this._repname;
  }

  // reserve_resources - computed: false, optional: true, required: false
  private _reserveResources?: boolean | cdktf.IResolvable; 
  public get reserveResources() {
    return this.getBooleanAttribute('reserve_resources');
  }
  public set reserveResources(value: boolean | cdktf.IResolvable) {
    this._reserveResources = value;
  }
  public resetReserveResources() {
    this._reserveResources = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get reserveResourcesInput() {
    return this._reserveResources;
  }

  // root_zpool - computed: false, optional: true, required: false
  private _rootZpool?: string; 
  public get rootZpool() {
    return this.getStringAttribute('root_zpool');
  }
  public set rootZpool(value: string) {
    this._rootZpool = value;
  }
  public resetRootZpool() {
    this._rootZpool = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get rootZpoolInput() {
    return this._rootZpool;
  }

  // sleep_time - computed: false, optional: true, required: false
  private _sleepTime?: number; 
  public get sleepTime() {
    return this.getNumberAttribute('sleep_time');
  }
  public set sleepTime(value: number) {
    this._sleepTime = value;
  }
  public resetSleepTime() {
    this._sleepTime = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get sleepTimeInput() {
    return this._sleepTime;
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new DanubeVmReplicaTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: DanubeVmReplicaTimeouts) {
    this._timeouts.internalValue = value;
  }
  public resetTimeouts() {
    this._timeouts.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutsInput() {
    return this._timeouts.internalValue;
  }

  // vm - computed: false, optional: false, required: true
  private _vm?: string; 
  public get vm() {
    return this.getStringAttribute('vm');
  }
  public set vm(value: string) {
    this._vm = value;
  }
  // Temporarily expose input value. Use with caution.
  public get vmInput() {
    return this._vm;
  }

  // vm_status - computed: true, optional: false, required: false
  public get vmStatus() {
    return this.getStringAttribute('vm_status');
  }

  // vm_uuid - computed: true, optional: false, required: false
  public get vmUuid() {
    return this.getStringAttribute('vm_uuid');
  }

  // =========
  // SYNTHESIS
  // =========

  protected override synthesizeAttributes(): { [name: string]: any } {
    return {
      allow_failover: cdktf.booleanToTerraform(this._allowFailover),
      bwlimit: cdktf.numberToTerraform(this._bwlimit),
      dc: cdktf.stringToTerraform(this._dc),
      disk_zpools: cdktf.hashMapper(cdktf.stringToTerraform)(this._diskZpools),
      enabled: cdktf.booleanToTerraform(this._enabled),
      force: cdktf.booleanToTerraform(this._force),
      master_node: cdktf.stringToTerraform(this._masterNode),
      reinit: cdktf.booleanToTerraform(this._reinit),
      replica_node: cdktf.stringToTerraform(this._replicaNode),
      repname: cdktf.stringToTerraform(this._repname),
      reserve_resources: cdktf.booleanToTerraform(this._reserveResources),
      root_zpool: cdktf.stringToTerraform(this._rootZpool),
      sleep_time: cdktf.numberToTerraform(this._sleepTime),
      timeouts: danubeVmReplicaTimeoutsToTerraform(this._timeouts.internalValue),
      vm: cdktf.stringToTerraform(this._vm),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      allow_failover: {
        value: cdktf.booleanToHclTerraform(this._allowFailover),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      bwlimit: {
        value: cdktf.numberToHclTerraform(this._bwlimit),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      dc: {
        value: cdktf.stringToHclTerraform(this._dc),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      disk_zpools: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._diskZpools),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      enabled: {
        value: cdktf.booleanToHclTerraform(this._enabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      force: {
        value: cdktf.booleanToHclTerraform(this._force),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      master_node: {
        value: cdktf.stringToHclTerraform(this._masterNode),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      reinit: {
        value: cdktf.booleanToHclTerraform(this._reinit),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      replica_node: {
        value: cdktf.stringToHclTerraform(this._replicaNode),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      repname: {
        value: cdktf.stringToHclTerraform(this._repname),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      reserve_resources: {
        value: cdktf.booleanToHclTerraform(this._reserveResources),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      root_zpool: {
        value: cdktf.stringToHclTerraform(this._rootZpool),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      sleep_time: {
        value: cdktf.numberToHclTerraform(this._sleepTime),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      timeouts: {
        value: danubeVmReplicaTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "DanubeVmReplicaTimeouts",
      },
      vm: {
        value: cdktf.stringToHclTerraform(this._vm),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
