// https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_root_volume
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface CloudstackRootVolumeConfig extends cdktn.TerraformMetaArguments {
  /**
  * Allow ferry to stop a Running VM for the swap (CloudStack swaps roots only on Stopped VMs). Without it a plan that needs a stop is blocked. The stop is disruptive and is listed in the plan.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_root_volume#allow_stop CloudstackRootVolume#allow_stop}
  */
  readonly allowStop?: boolean | cdktn.IResolvable;
  /**
  * On destroy, swap back to `previous_volume_id` (same steps as a swap; needs `allow_stop` if the VM is Running). After a swap that was interrupted, the root recorded on the VM as the one it replaced is restored instead of the state's `previous_volume_id`, and the plan says so. A replacement runs this destroy first (the Pulumi class asks for `deleteBeforeReplace`). Under terraform's `create_before_destroy` the replacement is created first, and where it sets the same VM the old object's destroy runs nothing — unless terraform stops between the two: the next run's destroy of the old object then swaps back. Default: destroy only forgets the resource and leaves the VM as it is.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_root_volume#restore_on_destroy CloudstackRootVolume#restore_on_destroy}
  */
  readonly restoreOnDestroy?: boolean | cdktn.IResolvable;
  /**
  * Power state after the swap: `true` starts the VM, `false` leaves it Stopped. Unset: as it was when the swap began. That, and the root being replaced, is recorded on the VM before anything changes (resource tags `ferry.cloudstack_root_volume.restart`, `.previous_volume_id` and `.volume_id`, the swap's target, written by a planned createTags and removed by a planned deleteTags once the swap is complete), so a run interrupted between the stop and the start — Ctrl-C, a killed process — is finished by the next run as the first would have.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_root_volume#start CloudstackRootVolume#start}
  */
  readonly start?: boolean | cdktn.IResolvable;
  /**
  * How long ferry waits for the operations of each phase. When a limit is reached ferry stops waiting — the API keeps working — and the next run picks the operation up where it is.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_root_volume#timeouts CloudstackRootVolume#timeouts}
  */
  readonly timeouts?: CloudstackRootVolumeTimeouts;
  /**
  * The VM whose root disk this resource sets.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_root_volume#virtual_machine_id CloudstackRootVolume#virtual_machine_id}
  */
  readonly virtualMachineId: string;
  /**
  * The volume the VM boots from. Changing it swaps the root disk: the current ROOT is detached (it becomes a DATADISK and stays) and this volume is attached at device 0.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_root_volume#volume_id CloudstackRootVolume#volume_id}
  */
  readonly volumeId: string;
}
export interface CloudstackRootVolumeOperationDetails {
}

export function cloudstackRootVolumeOperationDetailsToTerraform(struct?: CloudstackRootVolumeOperationDetails): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  return {
  }
}


export function cloudstackRootVolumeOperationDetailsToHclTerraform(struct?: CloudstackRootVolumeOperationDetails): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  const attrs = {
  };
  return attrs;
}

export class CloudstackRootVolumeOperationDetailsOutputReference extends cdktn.ComplexObject {
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

  public get internalValue(): CloudstackRootVolumeOperationDetails | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: CloudstackRootVolumeOperationDetails | undefined) {
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

export class CloudstackRootVolumeOperationDetailsList extends cdktn.ComplexList {

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
  public get(index: number): CloudstackRootVolumeOperationDetailsOutputReference {
    return new CloudstackRootVolumeOperationDetailsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface CloudstackRootVolumeTimeouts {
  /**
  * Limit for create, e.g. "30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_root_volume#create CloudstackRootVolume#create}
  */
  readonly create?: string;
  /**
  * Limit for delete, e.g. "10m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_root_volume#delete CloudstackRootVolume#delete}
  */
  readonly delete?: string;
  /**
  * Limit for update, e.g. "30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_root_volume#update CloudstackRootVolume#update}
  */
  readonly update?: string;
}

export function cloudstackRootVolumeTimeoutsToTerraform(struct?: CloudstackRootVolumeTimeouts | cdktn.IResolvable): any {
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


export function cloudstackRootVolumeTimeoutsToHclTerraform(struct?: CloudstackRootVolumeTimeouts | cdktn.IResolvable): any {
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

export class CloudstackRootVolumeTimeoutsOutputReference extends cdktn.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktn.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktn.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): CloudstackRootVolumeTimeouts | cdktn.IResolvable | undefined {
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

  public set internalValue(value: CloudstackRootVolumeTimeouts | cdktn.IResolvable | undefined) {
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
* Represents a {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_root_volume ferry_cloudstack_root_volume}
*/
export class CloudstackRootVolume extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "ferry_cloudstack_root_volume";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a CloudstackRootVolume resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the CloudstackRootVolume to import
  * @param importFromId The id of the existing CloudstackRootVolume that should be imported. Refer to the {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_root_volume#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the CloudstackRootVolume to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "ferry_cloudstack_root_volume", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_root_volume ferry_cloudstack_root_volume} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options CloudstackRootVolumeConfig
  */
  public constructor(scope: Construct, id: string, config: CloudstackRootVolumeConfig) {
    super(scope, id, {
      terraformResourceType: 'ferry_cloudstack_root_volume',
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
    this._restoreOnDestroy = config.restoreOnDestroy;
    this._start = config.start;
    this._timeouts.internalValue = config.timeouts;
    this._virtualMachineId = config.virtualMachineId;
    this._volumeId = config.volumeId;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // allow_stop - computed: false, optional: true, required: false
  private _allowStop?: boolean | cdktn.IResolvable; 
  public get allowStop() {
    return this.getBooleanAttribute('allow_stop');
  }
  public set allowStop(value: boolean | cdktn.IResolvable) {
    this._allowStop = value;
  }
  public resetAllowStop() {
    this._allowStop = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get allowStopInput() {
    return this._allowStop;
  }

  // hypervisor - computed: true, optional: false, required: false
  public get hypervisor() {
    return this.getStringAttribute('hypervisor');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // operation_details - computed: true, optional: false, required: false
  private _operationDetails = new CloudstackRootVolumeOperationDetailsList(this, "operation_details", false);
  public get operationDetails() {
    return this._operationDetails;
  }

  // operations - computed: true, optional: false, required: false
  public get operations() {
    return this.getListAttribute('operations');
  }

  // previous_volume_id - computed: true, optional: false, required: false
  public get previousVolumeId() {
    return this.getStringAttribute('previous_volume_id');
  }

  // restore_on_destroy - computed: false, optional: true, required: false
  private _restoreOnDestroy?: boolean | cdktn.IResolvable; 
  public get restoreOnDestroy() {
    return this.getBooleanAttribute('restore_on_destroy');
  }
  public set restoreOnDestroy(value: boolean | cdktn.IResolvable) {
    this._restoreOnDestroy = value;
  }
  public resetRestoreOnDestroy() {
    this._restoreOnDestroy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get restoreOnDestroyInput() {
    return this._restoreOnDestroy;
  }

  // root_volume_id - computed: true, optional: false, required: false
  public get rootVolumeId() {
    return this.getStringAttribute('root_volume_id');
  }

  // root_volume_name - computed: true, optional: false, required: false
  public get rootVolumeName() {
    return this.getStringAttribute('root_volume_name');
  }

  // start - computed: false, optional: true, required: false
  private _start?: boolean | cdktn.IResolvable; 
  public get start() {
    return this.getBooleanAttribute('start');
  }
  public set start(value: boolean | cdktn.IResolvable) {
    this._start = value;
  }
  public resetStart() {
    this._start = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get startInput() {
    return this._start;
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new CloudstackRootVolumeTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: CloudstackRootVolumeTimeouts) {
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

  // volume_id - computed: false, optional: false, required: true
  private _volumeId?: string; 
  public get volumeId() {
    return this.getStringAttribute('volume_id');
  }
  public set volumeId(value: string) {
    this._volumeId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get volumeIdInput() {
    return this._volumeId;
  }

  // =========
  // SYNTHESIS
  // =========

  protected override synthesizeAttributes(): { [name: string]: any } {
    return {
      allow_stop: cdktn.booleanToTerraform(this._allowStop),
      restore_on_destroy: cdktn.booleanToTerraform(this._restoreOnDestroy),
      start: cdktn.booleanToTerraform(this._start),
      timeouts: cloudstackRootVolumeTimeoutsToTerraform(this._timeouts.internalValue),
      virtual_machine_id: cdktn.stringToTerraform(this._virtualMachineId),
      volume_id: cdktn.stringToTerraform(this._volumeId),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      allow_stop: {
        value: cdktn.booleanToHclTerraform(this._allowStop),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      restore_on_destroy: {
        value: cdktn.booleanToHclTerraform(this._restoreOnDestroy),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      start: {
        value: cdktn.booleanToHclTerraform(this._start),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      timeouts: {
        value: cloudstackRootVolumeTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "CloudstackRootVolumeTimeouts",
      },
      virtual_machine_id: {
        value: cdktn.stringToHclTerraform(this._virtualMachineId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      volume_id: {
        value: cdktn.stringToHclTerraform(this._volumeId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
