// https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface VelostrataVmDetachConfig extends cdktf.TerraformMetaArguments {
  /**
  * Allow the cleanup: Velostrata deletes its cache of the VM and stops managing it. Irreversible: no canceldetach afterwards. Without it, a plan that needs one is blocked.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#allow_cleanup VelostrataVmDetach#allow_cleanup}
  */
  readonly allowCleanup?: boolean | cdktf.IResolvable;
  /**
  * Allow the detach: Velostrata shuts the VM down and starts it on its native disks (downtime). Without it, a plan that needs one is blocked.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#allow_cutover VelostrataVmDetach#allow_cutover}
  */
  readonly allowCutover?: boolean | cdktf.IResolvable;
  /**
  * Allow canceldetach of a detached VM: its native disks are deleted and it runs from Velostrata's cache again — writes made since the detach are lost. Without it, such a plan is blocked.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#allow_rollback VelostrataVmDetach#allow_rollback}
  */
  readonly allowRollback?: boolean | cdktf.IResolvable;
  /**
  * How far the move goes: `fully_cached` (storage migrated to Velostrata's cloud cache; from a later stage, the detach is cancelled), `ready_to_detach` (native disks prepared and kept in sync), `detached` (the cutover: the VM runs on its native disks — needs `allow_cutover`), `cleaned_up` (Velostrata lets go of the VM; irreversible — needs `allow_cleanup`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#stage VelostrataVmDetach#stage}
  */
  readonly stage: string;
  /**
  * Where the native disks are made (the `TargetStorageSpec` of preparetodetach): exactly one of `aws`, `azure`, `gcp`, matching the cloud the VM runs in. Needed for `ready_to_detach` and beyond; the storage of a VM already prepared is not read back (Velostrata does not show it).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#storage VelostrataVmDetach#storage}
  */
  readonly storage?: VelostrataVmDetachStorage;
  /**
  * The instance type the VM runs as after the detach (`targetInstanceType`). Unset: the VM's current instance type, as Velostrata's own runbook does.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#target_instance_type VelostrataVmDetach#target_instance_type}
  */
  readonly targetInstanceType?: string;
  /**
  * How long ferry waits for the operations of each phase. When a limit is reached ferry stops waiting — the API keeps working — and the next run picks the operation up where it is.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#timeouts VelostrataVmDetach#timeouts}
  */
  readonly timeouts?: VelostrataVmDetachTimeouts;
  /**
  * The VM's id in Velostrata (`stateInfo.id`), e.g. `vm-1`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#vm_id VelostrataVmDetach#vm_id}
  */
  readonly vmId: string;
}
export interface VelostrataVmDetachOperationDetails {
}

export function velostrataVmDetachOperationDetailsToTerraform(struct?: VelostrataVmDetachOperationDetails): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function velostrataVmDetachOperationDetailsToHclTerraform(struct?: VelostrataVmDetachOperationDetails): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class VelostrataVmDetachOperationDetailsOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): VelostrataVmDetachOperationDetails | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VelostrataVmDetachOperationDetails | undefined) {
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

export class VelostrataVmDetachOperationDetailsList extends cdktf.ComplexList {

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
  public get(index: number): VelostrataVmDetachOperationDetailsOutputReference {
    return new VelostrataVmDetachOperationDetailsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface VelostrataVmDetachStorageAws {
  /**
  * Encrypt the EBS volumes (`isEbsEncryption`). Default false.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#ebs_encryption VelostrataVmDetach#ebs_encryption}
  */
  readonly ebsEncryption?: boolean | cdktf.IResolvable;
  /**
  * The KMS key alias for the encryption (`ebsEncryptionKeyAlias`); unset: the account's default EBS key.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#ebs_encryption_key_alias VelostrataVmDetach#ebs_encryption_key_alias}
  */
  readonly ebsEncryptionKeyAlias?: string;
  /**
  * The EBS volume type of the native disks, e.g. `gp2` (Velostrata's `storageType`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#storage_type VelostrataVmDetach#storage_type}
  */
  readonly storageType: string;
}

export function velostrataVmDetachStorageAwsToTerraform(struct?: VelostrataVmDetachStorageAws | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    ebs_encryption: cdktf.booleanToTerraform(struct!.ebsEncryption),
    ebs_encryption_key_alias: cdktf.stringToTerraform(struct!.ebsEncryptionKeyAlias),
    storage_type: cdktf.stringToTerraform(struct!.storageType),
  }
}


export function velostrataVmDetachStorageAwsToHclTerraform(struct?: VelostrataVmDetachStorageAws | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    ebs_encryption: {
      value: cdktf.booleanToHclTerraform(struct!.ebsEncryption),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    ebs_encryption_key_alias: {
      value: cdktf.stringToHclTerraform(struct!.ebsEncryptionKeyAlias),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    storage_type: {
      value: cdktf.stringToHclTerraform(struct!.storageType),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class VelostrataVmDetachStorageAwsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): VelostrataVmDetachStorageAws | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._ebsEncryption !== undefined) {
      hasAnyValues = true;
      internalValueResult.ebsEncryption = this._ebsEncryption;
    }
    if (this._ebsEncryptionKeyAlias !== undefined) {
      hasAnyValues = true;
      internalValueResult.ebsEncryptionKeyAlias = this._ebsEncryptionKeyAlias;
    }
    if (this._storageType !== undefined) {
      hasAnyValues = true;
      internalValueResult.storageType = this._storageType;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VelostrataVmDetachStorageAws | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._ebsEncryption = undefined;
      this._ebsEncryptionKeyAlias = undefined;
      this._storageType = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._ebsEncryption = value.ebsEncryption;
      this._ebsEncryptionKeyAlias = value.ebsEncryptionKeyAlias;
      this._storageType = value.storageType;
    }
  }

  // ebs_encryption - computed: false, optional: true, required: false
  private _ebsEncryption?: boolean | cdktf.IResolvable; 
  public get ebsEncryption() {
    return this.getBooleanAttribute('ebs_encryption');
  }
  public set ebsEncryption(value: boolean | cdktf.IResolvable) {
    this._ebsEncryption = value;
  }
  public resetEbsEncryption() {
    this._ebsEncryption = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ebsEncryptionInput() {
    return this._ebsEncryption;
  }

  // ebs_encryption_key_alias - computed: false, optional: true, required: false
  private _ebsEncryptionKeyAlias?: string; 
  public get ebsEncryptionKeyAlias() {
    return this.getStringAttribute('ebs_encryption_key_alias');
  }
  public set ebsEncryptionKeyAlias(value: string) {
    this._ebsEncryptionKeyAlias = value;
  }
  public resetEbsEncryptionKeyAlias() {
    this._ebsEncryptionKeyAlias = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ebsEncryptionKeyAliasInput() {
    return this._ebsEncryptionKeyAlias;
  }

  // storage_type - computed: false, optional: false, required: true
  private _storageType?: string; 
  public get storageType() {
    return this.getStringAttribute('storage_type');
  }
  public set storageType(value: string) {
    this._storageType = value;
  }
  // Temporarily expose input value. Use with caution.
  public get storageTypeInput() {
    return this._storageType;
  }
}
export interface VelostrataVmDetachStorageAzure {
  /**
  * The storage account of the native disks (`storageAccount`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#storage_account VelostrataVmDetach#storage_account}
  */
  readonly storageAccount: string;
}

export function velostrataVmDetachStorageAzureToTerraform(struct?: VelostrataVmDetachStorageAzure | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    storage_account: cdktf.stringToTerraform(struct!.storageAccount),
  }
}


export function velostrataVmDetachStorageAzureToHclTerraform(struct?: VelostrataVmDetachStorageAzure | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    storage_account: {
      value: cdktf.stringToHclTerraform(struct!.storageAccount),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class VelostrataVmDetachStorageAzureOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): VelostrataVmDetachStorageAzure | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._storageAccount !== undefined) {
      hasAnyValues = true;
      internalValueResult.storageAccount = this._storageAccount;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VelostrataVmDetachStorageAzure | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._storageAccount = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._storageAccount = value.storageAccount;
    }
  }

  // storage_account - computed: false, optional: false, required: true
  private _storageAccount?: string; 
  public get storageAccount() {
    return this.getStringAttribute('storage_account');
  }
  public set storageAccount(value: string) {
    this._storageAccount = value;
  }
  // Temporarily expose input value. Use with caution.
  public get storageAccountInput() {
    return this._storageAccount;
  }
}
export interface VelostrataVmDetachStorageGcp {
  /**
  * The persistent disk type, e.g. `standard` (`storageType`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#storage_type VelostrataVmDetach#storage_type}
  */
  readonly storageType: string;
}

export function velostrataVmDetachStorageGcpToTerraform(struct?: VelostrataVmDetachStorageGcp | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    storage_type: cdktf.stringToTerraform(struct!.storageType),
  }
}


export function velostrataVmDetachStorageGcpToHclTerraform(struct?: VelostrataVmDetachStorageGcp | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    storage_type: {
      value: cdktf.stringToHclTerraform(struct!.storageType),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class VelostrataVmDetachStorageGcpOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): VelostrataVmDetachStorageGcp | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._storageType !== undefined) {
      hasAnyValues = true;
      internalValueResult.storageType = this._storageType;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VelostrataVmDetachStorageGcp | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._storageType = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._storageType = value.storageType;
    }
  }

  // storage_type - computed: false, optional: false, required: true
  private _storageType?: string; 
  public get storageType() {
    return this.getStringAttribute('storage_type');
  }
  public set storageType(value: string) {
    this._storageType = value;
  }
  // Temporarily expose input value. Use with caution.
  public get storageTypeInput() {
    return this._storageType;
  }
}
export interface VelostrataVmDetachStorage {
  /**
  * Native disks on AWS (EBS): `AwsTargetStorageSpec`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#aws VelostrataVmDetach#aws}
  */
  readonly aws?: VelostrataVmDetachStorageAws;
  /**
  * Native disks on Azure: `AzureTargetStorageSpec`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#azure VelostrataVmDetach#azure}
  */
  readonly azure?: VelostrataVmDetachStorageAzure;
  /**
  * Native disks on Google Cloud: `GcpTargetStorageSpec`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#gcp VelostrataVmDetach#gcp}
  */
  readonly gcp?: VelostrataVmDetachStorageGcp;
}

export function velostrataVmDetachStorageToTerraform(struct?: VelostrataVmDetachStorage | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    aws: velostrataVmDetachStorageAwsToTerraform(struct!.aws),
    azure: velostrataVmDetachStorageAzureToTerraform(struct!.azure),
    gcp: velostrataVmDetachStorageGcpToTerraform(struct!.gcp),
  }
}


export function velostrataVmDetachStorageToHclTerraform(struct?: VelostrataVmDetachStorage | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    aws: {
      value: velostrataVmDetachStorageAwsToHclTerraform(struct!.aws),
      isBlock: true,
      type: "struct",
      storageClassType: "VelostrataVmDetachStorageAws",
    },
    azure: {
      value: velostrataVmDetachStorageAzureToHclTerraform(struct!.azure),
      isBlock: true,
      type: "struct",
      storageClassType: "VelostrataVmDetachStorageAzure",
    },
    gcp: {
      value: velostrataVmDetachStorageGcpToHclTerraform(struct!.gcp),
      isBlock: true,
      type: "struct",
      storageClassType: "VelostrataVmDetachStorageGcp",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class VelostrataVmDetachStorageOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): VelostrataVmDetachStorage | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._aws?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.aws = this._aws?.internalValue;
    }
    if (this._azure?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.azure = this._azure?.internalValue;
    }
    if (this._gcp?.internalValue !== undefined) {
      hasAnyValues = true;
      internalValueResult.gcp = this._gcp?.internalValue;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VelostrataVmDetachStorage | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._aws.internalValue = undefined;
      this._azure.internalValue = undefined;
      this._gcp.internalValue = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._aws.internalValue = value.aws;
      this._azure.internalValue = value.azure;
      this._gcp.internalValue = value.gcp;
    }
  }

  // aws - computed: false, optional: true, required: false
  private _aws = new VelostrataVmDetachStorageAwsOutputReference(this, "aws");
  public get aws() {
    return this._aws;
  }
  public putAws(value: VelostrataVmDetachStorageAws) {
    this._aws.internalValue = value;
  }
  public resetAws() {
    this._aws.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get awsInput() {
    return this._aws.internalValue;
  }

  // azure - computed: false, optional: true, required: false
  private _azure = new VelostrataVmDetachStorageAzureOutputReference(this, "azure");
  public get azure() {
    return this._azure;
  }
  public putAzure(value: VelostrataVmDetachStorageAzure) {
    this._azure.internalValue = value;
  }
  public resetAzure() {
    this._azure.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get azureInput() {
    return this._azure.internalValue;
  }

  // gcp - computed: false, optional: true, required: false
  private _gcp = new VelostrataVmDetachStorageGcpOutputReference(this, "gcp");
  public get gcp() {
    return this._gcp;
  }
  public putGcp(value: VelostrataVmDetachStorageGcp) {
    this._gcp.internalValue = value;
  }
  public resetGcp() {
    this._gcp.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get gcpInput() {
    return this._gcp.internalValue;
  }
}
export interface VelostrataVmDetachTimeouts {
  /**
  * Limit for create, e.g. "30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#create VelostrataVmDetach#create}
  */
  readonly create?: string;
  /**
  * Limit for delete, e.g. "10m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#delete VelostrataVmDetach#delete}
  */
  readonly delete?: string;
  /**
  * Limit for update, e.g. "30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#update VelostrataVmDetach#update}
  */
  readonly update?: string;
}

export function velostrataVmDetachTimeoutsToTerraform(struct?: VelostrataVmDetachTimeouts | cdktf.IResolvable): any {
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


export function velostrataVmDetachTimeoutsToHclTerraform(struct?: VelostrataVmDetachTimeouts | cdktf.IResolvable): any {
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

export class VelostrataVmDetachTimeoutsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): VelostrataVmDetachTimeouts | cdktf.IResolvable | undefined {
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

  public set internalValue(value: VelostrataVmDetachTimeouts | cdktf.IResolvable | undefined) {
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
* Represents a {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach ferry_velostrata_vm_detach}
*/
export class VelostrataVmDetach extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "ferry_velostrata_vm_detach";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a VelostrataVmDetach resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the VelostrataVmDetach to import
  * @param importFromId The id of the existing VelostrataVmDetach that should be imported. Refer to the {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the VelostrataVmDetach to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "ferry_velostrata_vm_detach", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs/resources/velostrata_vm_detach ferry_velostrata_vm_detach} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options VelostrataVmDetachConfig
  */
  public constructor(scope: Construct, id: string, config: VelostrataVmDetachConfig) {
    super(scope, id, {
      terraformResourceType: 'ferry_velostrata_vm_detach',
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
    this._allowCleanup = config.allowCleanup;
    this._allowCutover = config.allowCutover;
    this._allowRollback = config.allowRollback;
    this._stage = config.stage;
    this._storage.internalValue = config.storage;
    this._targetInstanceType = config.targetInstanceType;
    this._timeouts.internalValue = config.timeouts;
    this._vmId = config.vmId;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // active_task_ids - computed: true, optional: false, required: false
  public get activeTaskIds() {
    return this.getListAttribute('active_task_ids');
  }

  // allow_cleanup - computed: false, optional: true, required: false
  private _allowCleanup?: boolean | cdktf.IResolvable; 
  public get allowCleanup() {
    return this.getBooleanAttribute('allow_cleanup');
  }
  public set allowCleanup(value: boolean | cdktf.IResolvable) {
    this._allowCleanup = value;
  }
  public resetAllowCleanup() {
    this._allowCleanup = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get allowCleanupInput() {
    return this._allowCleanup;
  }

  // allow_cutover - computed: false, optional: true, required: false
  private _allowCutover?: boolean | cdktf.IResolvable; 
  public get allowCutover() {
    return this.getBooleanAttribute('allow_cutover');
  }
  public set allowCutover(value: boolean | cdktf.IResolvable) {
    this._allowCutover = value;
  }
  public resetAllowCutover() {
    this._allowCutover = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get allowCutoverInput() {
    return this._allowCutover;
  }

  // allow_rollback - computed: false, optional: true, required: false
  private _allowRollback?: boolean | cdktf.IResolvable; 
  public get allowRollback() {
    return this.getBooleanAttribute('allow_rollback');
  }
  public set allowRollback(value: boolean | cdktf.IResolvable) {
    this._allowRollback = value;
  }
  public resetAllowRollback() {
    this._allowRollback = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get allowRollbackInput() {
    return this._allowRollback;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // instance_type - computed: true, optional: false, required: false
  public get instanceType() {
    return this.getStringAttribute('instance_type');
  }

  // migration_state - computed: true, optional: false, required: false
  public get migrationState() {
    return this.getStringAttribute('migration_state');
  }

  // operation_details - computed: true, optional: false, required: false
  private _operationDetails = new VelostrataVmDetachOperationDetailsList(this, "operation_details", false);
  public get operationDetails() {
    return this._operationDetails;
  }

  // operations - computed: true, optional: false, required: false
  public get operations() {
    return this.getListAttribute('operations');
  }

  // power_state - computed: true, optional: false, required: false
  public get powerState() {
    return this.getStringAttribute('power_state');
  }

  // progress - computed: true, optional: false, required: false
  public get progress() {
    return this.getNumberAttribute('progress');
  }

  // stage - computed: false, optional: false, required: true
  private _stage?: string; 
  public get stage() {
    return this.getStringAttribute('stage');
  }
  public set stage(value: string) {
    this._stage = value;
  }
  // Temporarily expose input value. Use with caution.
  public get stageInput() {
    return this._stage;
  }

  // state - computed: true, optional: false, required: false
  public get state() {
    return this.getStringAttribute('state');
  }

  // storage - computed: false, optional: true, required: false
  private _storage = new VelostrataVmDetachStorageOutputReference(this, "storage");
  public get storage() {
    return this._storage;
  }
  public putStorage(value: VelostrataVmDetachStorage) {
    this._storage.internalValue = value;
  }
  public resetStorage() {
    this._storage.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get storageInput() {
    return this._storage.internalValue;
  }

  // target_instance_type - computed: false, optional: true, required: false
  private _targetInstanceType?: string; 
  public get targetInstanceType() {
    return this.getStringAttribute('target_instance_type');
  }
  public set targetInstanceType(value: string) {
    this._targetInstanceType = value;
  }
  public resetTargetInstanceType() {
    this._targetInstanceType = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get targetInstanceTypeInput() {
    return this._targetInstanceType;
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new VelostrataVmDetachTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: VelostrataVmDetachTimeouts) {
    this._timeouts.internalValue = value;
  }
  public resetTimeouts() {
    this._timeouts.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutsInput() {
    return this._timeouts.internalValue;
  }

  // vm_id - computed: false, optional: false, required: true
  private _vmId?: string; 
  public get vmId() {
    return this.getStringAttribute('vm_id');
  }
  public set vmId(value: string) {
    this._vmId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get vmIdInput() {
    return this._vmId;
  }

  // =========
  // SYNTHESIS
  // =========

  protected override synthesizeAttributes(): { [name: string]: any } {
    return {
      allow_cleanup: cdktf.booleanToTerraform(this._allowCleanup),
      allow_cutover: cdktf.booleanToTerraform(this._allowCutover),
      allow_rollback: cdktf.booleanToTerraform(this._allowRollback),
      stage: cdktf.stringToTerraform(this._stage),
      storage: velostrataVmDetachStorageToTerraform(this._storage.internalValue),
      target_instance_type: cdktf.stringToTerraform(this._targetInstanceType),
      timeouts: velostrataVmDetachTimeoutsToTerraform(this._timeouts.internalValue),
      vm_id: cdktf.stringToTerraform(this._vmId),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      allow_cleanup: {
        value: cdktf.booleanToHclTerraform(this._allowCleanup),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      allow_cutover: {
        value: cdktf.booleanToHclTerraform(this._allowCutover),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      allow_rollback: {
        value: cdktf.booleanToHclTerraform(this._allowRollback),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      stage: {
        value: cdktf.stringToHclTerraform(this._stage),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      storage: {
        value: velostrataVmDetachStorageToHclTerraform(this._storage.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "VelostrataVmDetachStorage",
      },
      target_instance_type: {
        value: cdktf.stringToHclTerraform(this._targetInstanceType),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      timeouts: {
        value: velostrataVmDetachTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "VelostrataVmDetachTimeouts",
      },
      vm_id: {
        value: cdktf.stringToHclTerraform(this._vmId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
