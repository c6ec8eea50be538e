// https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_volume_attachment
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface CloudstackVolumeAttachmentConfig extends cdktn.TerraformMetaArguments {
  /**
  * On destroy, detach the volume from the VM. A replacement runs this destroy first (the Pulumi class asks for `deleteBeforeReplace`). Under terraform's `create_before_destroy` the replacement is created first, and where it attaches the same volume the old object's destroy runs nothing — unless terraform stops between the two: the next run's destroy of the old object then detaches it. Default: destroy only forgets the resource.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_volume_attachment#detach_on_destroy CloudstackVolumeAttachment#detach_on_destroy}
  */
  readonly detachOnDestroy?: boolean | cdktn.IResolvable;
  /**
  * Device slot on the VM. Unset: the next free slot. `0` attaches the volume as ROOT, which CloudStack allows only on a Stopped VM that has no ROOT volume.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_volume_attachment#device_id CloudstackVolumeAttachment#device_id}
  */
  readonly deviceId?: number;
  /**
  * How long ferry waits for the operations of each phase. When a limit is reached ferry stops waiting — the API keeps working — and the next run picks the operation up where it is.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_volume_attachment#timeouts CloudstackVolumeAttachment#timeouts}
  */
  readonly timeouts?: CloudstackVolumeAttachmentTimeouts;
  /**
  * The VM it is attached to. Changing it moves the volume: detach from the old VM, attach to the new one.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_volume_attachment#virtual_machine_id CloudstackVolumeAttachment#virtual_machine_id}
  */
  readonly virtualMachineId: string;
  /**
  * The volume to attach.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_volume_attachment#volume_id CloudstackVolumeAttachment#volume_id}
  */
  readonly volumeId: string;
}
export interface CloudstackVolumeAttachmentOperationDetails {
}

export function cloudstackVolumeAttachmentOperationDetailsToTerraform(struct?: CloudstackVolumeAttachmentOperationDetails): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  return {
  }
}


export function cloudstackVolumeAttachmentOperationDetailsToHclTerraform(struct?: CloudstackVolumeAttachmentOperationDetails): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  const attrs = {
  };
  return attrs;
}

export class CloudstackVolumeAttachmentOperationDetailsOutputReference extends cdktn.ComplexObject {
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

  public get internalValue(): CloudstackVolumeAttachmentOperationDetails | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: CloudstackVolumeAttachmentOperationDetails | undefined) {
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

export class CloudstackVolumeAttachmentOperationDetailsList extends cdktn.ComplexList {

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
  public get(index: number): CloudstackVolumeAttachmentOperationDetailsOutputReference {
    return new CloudstackVolumeAttachmentOperationDetailsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface CloudstackVolumeAttachmentTimeouts {
  /**
  * Limit for create, e.g. "30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_volume_attachment#create CloudstackVolumeAttachment#create}
  */
  readonly create?: string;
  /**
  * Limit for delete, e.g. "10m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_volume_attachment#delete CloudstackVolumeAttachment#delete}
  */
  readonly delete?: string;
  /**
  * Limit for update, e.g. "30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_volume_attachment#update CloudstackVolumeAttachment#update}
  */
  readonly update?: string;
}

export function cloudstackVolumeAttachmentTimeoutsToTerraform(struct?: CloudstackVolumeAttachmentTimeouts | cdktn.IResolvable): any {
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


export function cloudstackVolumeAttachmentTimeoutsToHclTerraform(struct?: CloudstackVolumeAttachmentTimeouts | cdktn.IResolvable): any {
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

export class CloudstackVolumeAttachmentTimeoutsOutputReference extends cdktn.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktn.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktn.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): CloudstackVolumeAttachmentTimeouts | cdktn.IResolvable | undefined {
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

  public set internalValue(value: CloudstackVolumeAttachmentTimeouts | cdktn.IResolvable | undefined) {
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
* Represents a {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_volume_attachment ferry_cloudstack_volume_attachment}
*/
export class CloudstackVolumeAttachment extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "ferry_cloudstack_volume_attachment";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a CloudstackVolumeAttachment resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the CloudstackVolumeAttachment to import
  * @param importFromId The id of the existing CloudstackVolumeAttachment that should be imported. Refer to the {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_volume_attachment#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the CloudstackVolumeAttachment to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "ferry_cloudstack_volume_attachment", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/cloudstack_volume_attachment ferry_cloudstack_volume_attachment} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options CloudstackVolumeAttachmentConfig
  */
  public constructor(scope: Construct, id: string, config: CloudstackVolumeAttachmentConfig) {
    super(scope, id, {
      terraformResourceType: 'ferry_cloudstack_volume_attachment',
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
    this._detachOnDestroy = config.detachOnDestroy;
    this._deviceId = config.deviceId;
    this._timeouts.internalValue = config.timeouts;
    this._virtualMachineId = config.virtualMachineId;
    this._volumeId = config.volumeId;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // attached_device_id - computed: true, optional: false, required: false
  public get attachedDeviceId() {
    return this.getNumberAttribute('attached_device_id');
  }

  // detach_on_destroy - computed: false, optional: true, required: false
  private _detachOnDestroy?: boolean | cdktn.IResolvable; 
  public get detachOnDestroy() {
    return this.getBooleanAttribute('detach_on_destroy');
  }
  public set detachOnDestroy(value: boolean | cdktn.IResolvable) {
    this._detachOnDestroy = value;
  }
  public resetDetachOnDestroy() {
    this._detachOnDestroy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get detachOnDestroyInput() {
    return this._detachOnDestroy;
  }

  // device_id - computed: false, optional: true, required: false
  private _deviceId?: number; 
  public get deviceId() {
    return this.getNumberAttribute('device_id');
  }
  public set deviceId(value: number) {
    this._deviceId = value;
  }
  public resetDeviceId() {
    this._deviceId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deviceIdInput() {
    return this._deviceId;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // operation_details - computed: true, optional: false, required: false
  private _operationDetails = new CloudstackVolumeAttachmentOperationDetailsList(this, "operation_details", false);
  public get operationDetails() {
    return this._operationDetails;
  }

  // operations - computed: true, optional: false, required: false
  public get operations() {
    return this.getListAttribute('operations');
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new CloudstackVolumeAttachmentTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: CloudstackVolumeAttachmentTimeouts) {
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

  // virtual_machine_name - computed: true, optional: false, required: false
  public get virtualMachineName() {
    return this.getStringAttribute('virtual_machine_name');
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

  // volume_name - computed: true, optional: false, required: false
  public get volumeName() {
    return this.getStringAttribute('volume_name');
  }

  // volume_type - computed: true, optional: false, required: false
  public get volumeType() {
    return this.getStringAttribute('volume_type');
  }

  // =========
  // SYNTHESIS
  // =========

  protected override synthesizeAttributes(): { [name: string]: any } {
    return {
      detach_on_destroy: cdktn.booleanToTerraform(this._detachOnDestroy),
      device_id: cdktn.numberToTerraform(this._deviceId),
      timeouts: cloudstackVolumeAttachmentTimeoutsToTerraform(this._timeouts.internalValue),
      virtual_machine_id: cdktn.stringToTerraform(this._virtualMachineId),
      volume_id: cdktn.stringToTerraform(this._volumeId),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      detach_on_destroy: {
        value: cdktn.booleanToHclTerraform(this._detachOnDestroy),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      device_id: {
        value: cdktn.numberToHclTerraform(this._deviceId),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      timeouts: {
        value: cloudstackVolumeAttachmentTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "CloudstackVolumeAttachmentTimeouts",
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
