// https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_vm_storage
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface CloudstackVmStorageConfig extends cdktf.TerraformMetaArguments {
  /**
  * Allow ferry to stop a Running VM for the move (CloudStack moves storage of Stopped VMs only). Without it the plan is blocked.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_vm_storage#allow_stop CloudstackVmStorage#allow_stop}
  */
  readonly allowStop?: boolean | cdktf.IResolvable;
  /**
  * Power state after the move: `true` starts the VM, `false` leaves it Stopped. Unset: as it was when the move began. When ferry stops the VM, whether to start it again is recorded on the VM first (resource tag `ferry.cloudstack_vm_storage.restart`, a planned createTags, removed by a planned deleteTags once the move is complete), so a run interrupted while the VM is Stopped is finished by the next run.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_vm_storage#start CloudstackVmStorage#start}
  */
  readonly start?: boolean | cdktf.IResolvable;
  /**
  * The primary storage pool every volume of the VM lives on. Changing it migrates the stopped VM (migrateVirtualMachine with storageid; root admin only).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_vm_storage#storage_pool_id CloudstackVmStorage#storage_pool_id}
  */
  readonly storagePoolId: string;
  /**
  * How long ferry waits for the operations of each phase. When a limit is reached ferry stops waiting — the API keeps working — and the next run picks the operation up where it is.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_vm_storage#timeouts CloudstackVmStorage#timeouts}
  */
  readonly timeouts?: CloudstackVmStorageTimeouts;
  /**
  * The VM to place.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_vm_storage#virtual_machine_id CloudstackVmStorage#virtual_machine_id}
  */
  readonly virtualMachineId: string;
}
export interface CloudstackVmStorageOperationDetails {
}

export function cloudstackVmStorageOperationDetailsToTerraform(struct?: CloudstackVmStorageOperationDetails): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function cloudstackVmStorageOperationDetailsToHclTerraform(struct?: CloudstackVmStorageOperationDetails): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class CloudstackVmStorageOperationDetailsOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): CloudstackVmStorageOperationDetails | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: CloudstackVmStorageOperationDetails | undefined) {
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

export class CloudstackVmStorageOperationDetailsList extends cdktf.ComplexList {

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
  public get(index: number): CloudstackVmStorageOperationDetailsOutputReference {
    return new CloudstackVmStorageOperationDetailsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface CloudstackVmStorageTimeouts {
  /**
  * Limit for create, e.g. "30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_vm_storage#create CloudstackVmStorage#create}
  */
  readonly create?: string;
  /**
  * Limit for delete, e.g. "10m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_vm_storage#delete CloudstackVmStorage#delete}
  */
  readonly delete?: string;
  /**
  * Limit for update, e.g. "30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_vm_storage#update CloudstackVmStorage#update}
  */
  readonly update?: string;
}

export function cloudstackVmStorageTimeoutsToTerraform(struct?: CloudstackVmStorageTimeouts | cdktf.IResolvable): any {
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


export function cloudstackVmStorageTimeoutsToHclTerraform(struct?: CloudstackVmStorageTimeouts | cdktf.IResolvable): any {
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

export class CloudstackVmStorageTimeoutsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): CloudstackVmStorageTimeouts | cdktf.IResolvable | undefined {
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

  public set internalValue(value: CloudstackVmStorageTimeouts | cdktf.IResolvable | undefined) {
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
* Represents a {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_vm_storage ferry_cloudstack_vm_storage}
*/
export class CloudstackVmStorage extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "ferry_cloudstack_vm_storage";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a CloudstackVmStorage resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the CloudstackVmStorage to import
  * @param importFromId The id of the existing CloudstackVmStorage that should be imported. Refer to the {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_vm_storage#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the CloudstackVmStorage to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "ferry_cloudstack_vm_storage", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_vm_storage ferry_cloudstack_vm_storage} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options CloudstackVmStorageConfig
  */
  public constructor(scope: Construct, id: string, config: CloudstackVmStorageConfig) {
    super(scope, id, {
      terraformResourceType: 'ferry_cloudstack_vm_storage',
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
    this._allowStop = config.allowStop;
    this._start = config.start;
    this._storagePoolId = config.storagePoolId;
    this._timeouts.internalValue = config.timeouts;
    this._virtualMachineId = config.virtualMachineId;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // allow_stop - computed: false, optional: true, required: false
  private _allowStop?: boolean | cdktf.IResolvable; 
  public get allowStop() {
    return this.getBooleanAttribute('allow_stop');
  }
  public set allowStop(value: boolean | cdktf.IResolvable) {
    this._allowStop = value;
  }
  public resetAllowStop() {
    this._allowStop = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get allowStopInput() {
    return this._allowStop;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // operation_details - computed: true, optional: false, required: false
  private _operationDetails = new CloudstackVmStorageOperationDetailsList(this, "operation_details", false);
  public get operationDetails() {
    return this._operationDetails;
  }

  // operations - computed: true, optional: false, required: false
  public get operations() {
    return this.getListAttribute('operations');
  }

  // start - computed: false, optional: true, required: false
  private _start?: boolean | cdktf.IResolvable; 
  public get start() {
    return this.getBooleanAttribute('start');
  }
  public set start(value: boolean | cdktf.IResolvable) {
    this._start = value;
  }
  public resetStart() {
    this._start = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get startInput() {
    return this._start;
  }

  // storage_pool_id - computed: false, optional: false, required: true
  private _storagePoolId?: string; 
  public get storagePoolId() {
    return this.getStringAttribute('storage_pool_id');
  }
  public set storagePoolId(value: string) {
    this._storagePoolId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get storagePoolIdInput() {
    return this._storagePoolId;
  }

  // storage_pool_name - computed: true, optional: false, required: false
  public get storagePoolName() {
    return this.getStringAttribute('storage_pool_name');
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new CloudstackVmStorageTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: CloudstackVmStorageTimeouts) {
    this._timeouts.internalValue = value;
  }
  public resetTimeouts() {
    this._timeouts.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutsInput() {
    return this._timeouts.internalValue;
  }

  // virtual_machine_id - computed: false, optional: false, required: true
  private _virtualMachineId?: string; 
  public get virtualMachineId() {
    return this.getStringAttribute('virtual_machine_id');
  }
  public set virtualMachineId(value: string) {
    this._virtualMachineId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get virtualMachineIdInput() {
    return this._virtualMachineId;
  }

  // vm_state - computed: true, optional: false, required: false
  public get vmState() {
    return this.getStringAttribute('vm_state');
  }

  // volume_ids - computed: true, optional: false, required: false
  public get volumeIds() {
    return this.getListAttribute('volume_ids');
  }

  // =========
  // SYNTHESIS
  // =========

  protected override synthesizeAttributes(): { [name: string]: any } {
    return {
      allow_stop: cdktf.booleanToTerraform(this._allowStop),
      start: cdktf.booleanToTerraform(this._start),
      storage_pool_id: cdktf.stringToTerraform(this._storagePoolId),
      timeouts: cloudstackVmStorageTimeoutsToTerraform(this._timeouts.internalValue),
      virtual_machine_id: cdktf.stringToTerraform(this._virtualMachineId),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      allow_stop: {
        value: cdktf.booleanToHclTerraform(this._allowStop),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      start: {
        value: cdktf.booleanToHclTerraform(this._start),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      storage_pool_id: {
        value: cdktf.stringToHclTerraform(this._storagePoolId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      timeouts: {
        value: cloudstackVmStorageTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "CloudstackVmStorageTimeouts",
      },
      virtual_machine_id: {
        value: cdktf.stringToHclTerraform(this._virtualMachineId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
