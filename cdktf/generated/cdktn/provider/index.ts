// https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface FerryProviderConfig {
  /**
  * Alias name
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#alias FerryProvider#alias}
  */
  readonly alias?: string;
  /**
  * cloudstack block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#cloudstack FerryProvider#cloudstack}
  */
  readonly cloudstack?: FerryProviderCloudstack;
  /**
  * danube block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#danube FerryProvider#danube}
  */
  readonly danube?: FerryProviderDanube;
  /**
  * manila block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#manila FerryProvider#manila}
  */
  readonly manila?: FerryProviderManila;
  /**
  * velostrata block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#velostrata FerryProvider#velostrata}
  */
  readonly velostrata?: FerryProviderVelostrata;
}
export interface FerryProviderCloudstack {
  /**
  * API key of the account. Environment: `CLOUDSTACK_API_KEY`, `CLOUDSTACK_KEY` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#api_key FerryProvider#api_key}
  */
  readonly apiKey?: string;
  /**
  * The CloudStack API endpoint, e.g. `https://cloud.example.com/client/api`. Environment: `CLOUDSTACK_API_URL`, `CLOUDSTACK_ENDPOINT` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#api_url FerryProvider#api_url}
  */
  readonly apiUrl?: string;
  /**
  * PEM text of a CA to trust, or the path of a PEM file. Environment: `CLOUDSTACK_CA_CERT` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#ca_cert FerryProvider#ca_cert}
  */
  readonly caCert?: string;
  /**
  * Limit in seconds for one HTTP request. Default 60. Environment: `CLOUDSTACK_HTTP_TIMEOUT` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#http_timeout FerryProvider#http_timeout}
  */
  readonly httpTimeout?: number;
  /**
  * Skip TLS certificate verification. Only for labs; never the default. Environment: `CLOUDSTACK_INSECURE` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#insecure FerryProvider#insecure}
  */
  readonly insecure?: boolean | cdktn.IResolvable;
  /**
  * Secret key of the account. Environment: `CLOUDSTACK_SECRET_KEY`, `CLOUDSTACK_SECRET` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#secret_key FerryProvider#secret_key}
  */
  readonly secretKey?: string;
  /**
  * Limit in seconds for a resource's operations (async jobs included) when the resource sets no `timeouts`. Unset: each resource type's own defaults (30–60 minutes). Environment: `CLOUDSTACK_TIMEOUT` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#timeout FerryProvider#timeout}
  */
  readonly timeout?: number;
}

export function ferryProviderCloudstackToTerraform(struct?: FerryProviderCloudstack | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  return {
    api_key: cdktn.stringToTerraform(struct!.apiKey),
    api_url: cdktn.stringToTerraform(struct!.apiUrl),
    ca_cert: cdktn.stringToTerraform(struct!.caCert),
    http_timeout: cdktn.numberToTerraform(struct!.httpTimeout),
    insecure: cdktn.booleanToTerraform(struct!.insecure),
    secret_key: cdktn.stringToTerraform(struct!.secretKey),
    timeout: cdktn.numberToTerraform(struct!.timeout),
  }
}


export function ferryProviderCloudstackToHclTerraform(struct?: FerryProviderCloudstack | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  const attrs = {
    api_key: {
      value: cdktn.stringToHclTerraform(struct!.apiKey),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    api_url: {
      value: cdktn.stringToHclTerraform(struct!.apiUrl),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    ca_cert: {
      value: cdktn.stringToHclTerraform(struct!.caCert),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    http_timeout: {
      value: cdktn.numberToHclTerraform(struct!.httpTimeout),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    insecure: {
      value: cdktn.booleanToHclTerraform(struct!.insecure),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    secret_key: {
      value: cdktn.stringToHclTerraform(struct!.secretKey),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    timeout: {
      value: cdktn.numberToHclTerraform(struct!.timeout),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export interface FerryProviderDanube {
  /**
  * A user's API key, sent as `ES-API-KEY` (preferred: a login replaces the user's token). Environment: `ES_API_KEY` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#api_key FerryProvider#api_key}
  */
  readonly apiKey?: string;
  /**
  * The Danube Cloud API root, e.g. `https://danube.example.com/api` (the `API_URL` of the `es` client). Environment: `ES_API_URL`, `DANUBE_API_URL` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#api_url FerryProvider#api_url}
  */
  readonly apiUrl?: string;
  /**
  * PEM text of a CA to trust, or the path of a PEM file. Environment: `ES_CA_CERT` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#ca_cert FerryProvider#ca_cert}
  */
  readonly caCert?: string;
  /**
  * Limit in seconds for one HTTP request. Default 60. Environment: `ES_HTTP_TIMEOUT` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#http_timeout FerryProvider#http_timeout}
  */
  readonly httpTimeout?: number;
  /**
  * Skip TLS certificate verification. Only for labs; never the default. Environment: `ES_INSECURE` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#insecure FerryProvider#insecure}
  */
  readonly insecure?: boolean | cdktn.IResolvable;
  /**
  * Password of that user. Environment: `ES_PASSWORD`, `DANUBE_PASSWORD` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#password FerryProvider#password}
  */
  readonly password?: string;
  /**
  * How many replicas a VM may have: the installation's `VMS_VM_REPLICA_LIMIT` (Danube ships 1; the API does not show it). Plans check it before a create. Environment: `ES_REPLICA_LIMIT` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#replica_limit FerryProvider#replica_limit}
  */
  readonly replicaLimit?: number;
  /**
  * User name for `POST /api/accounts/login/`. Environment: `ES_USERNAME`, `DANUBE_USERNAME` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#username FerryProvider#username}
  */
  readonly username?: string;
}

export function ferryProviderDanubeToTerraform(struct?: FerryProviderDanube | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  return {
    api_key: cdktn.stringToTerraform(struct!.apiKey),
    api_url: cdktn.stringToTerraform(struct!.apiUrl),
    ca_cert: cdktn.stringToTerraform(struct!.caCert),
    http_timeout: cdktn.numberToTerraform(struct!.httpTimeout),
    insecure: cdktn.booleanToTerraform(struct!.insecure),
    password: cdktn.stringToTerraform(struct!.password),
    replica_limit: cdktn.numberToTerraform(struct!.replicaLimit),
    username: cdktn.stringToTerraform(struct!.username),
  }
}


export function ferryProviderDanubeToHclTerraform(struct?: FerryProviderDanube | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  const attrs = {
    api_key: {
      value: cdktn.stringToHclTerraform(struct!.apiKey),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    api_url: {
      value: cdktn.stringToHclTerraform(struct!.apiUrl),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    ca_cert: {
      value: cdktn.stringToHclTerraform(struct!.caCert),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    http_timeout: {
      value: cdktn.numberToHclTerraform(struct!.httpTimeout),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    insecure: {
      value: cdktn.booleanToHclTerraform(struct!.insecure),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    password: {
      value: cdktn.stringToHclTerraform(struct!.password),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    replica_limit: {
      value: cdktn.numberToHclTerraform(struct!.replicaLimit),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    username: {
      value: cdktn.stringToHclTerraform(struct!.username),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export interface FerryProviderManila {
  /**
  * Microversion sent on every call (≥ 2.57). Default 2.57. Environment: `OS_SHARE_API_VERSION` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#api_version FerryProvider#api_version}
  */
  readonly apiVersion?: string;
  /**
  * Application credential id. Environment: `OS_APPLICATION_CREDENTIAL_ID` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#application_credential_id FerryProvider#application_credential_id}
  */
  readonly applicationCredentialId?: string;
  /**
  * Application credential secret. Environment: `OS_APPLICATION_CREDENTIAL_SECRET` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#application_credential_secret FerryProvider#application_credential_secret}
  */
  readonly applicationCredentialSecret?: string;
  /**
  * Keystone v3 URL, e.g. `https://keystone.example.com/v3`. Environment: `OS_AUTH_URL` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#auth_url FerryProvider#auth_url}
  */
  readonly authUrl?: string;
  /**
  * PEM text of a CA to trust, or the path of a PEM file. Environment: `OS_CACERT` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#ca_cert FerryProvider#ca_cert}
  */
  readonly caCert?: string;
  /**
  * The Manila v2 endpoint, overriding the catalog, e.g. `https://manila.example.com/v2/<project_id>`. Environment: `MANILA_ENDPOINT`, `OS_SHARE_ENDPOINT` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#endpoint FerryProvider#endpoint}
  */
  readonly endpoint?: string;
  /**
  * Limit in seconds for one HTTP request. Default 60. Environment: `MANILA_HTTP_TIMEOUT` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#http_timeout FerryProvider#http_timeout}
  */
  readonly httpTimeout?: number;
  /**
  * Skip TLS certificate verification. Only for labs; never the default. Environment: `OS_INSECURE` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#insecure FerryProvider#insecure}
  */
  readonly insecure?: boolean | cdktn.IResolvable;
  /**
  * Catalog interface. Default `public`. Environment: `OS_INTERFACE` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#interface FerryProvider#interface}
  */
  readonly interface?: string;
  /**
  * Password (password auth). Environment: `OS_PASSWORD` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#password FerryProvider#password}
  */
  readonly password?: string;
  /**
  * Domain of the project. Default `Default`. Environment: `OS_PROJECT_DOMAIN_NAME` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#project_domain_name FerryProvider#project_domain_name}
  */
  readonly projectDomainName?: string;
  /**
  * Project id to scope the token to (wins over project_name). Environment: `OS_PROJECT_ID`, `OS_TENANT_ID` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#project_id FerryProvider#project_id}
  */
  readonly projectId?: string;
  /**
  * Project to scope the token to. Environment: `OS_PROJECT_NAME`, `OS_TENANT_NAME` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#project_name FerryProvider#project_name}
  */
  readonly projectName?: string;
  /**
  * Region of the sharev2 endpoint. Environment: `OS_REGION_NAME` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#region FerryProvider#region}
  */
  readonly region?: string;
  /**
  * A token. With `auth_url`: exchanged for a scoped token (Keystone token method). With `endpoint` and no `auth_url`: sent as is (noauth Manila: `admin:<project_id>`). Environment: `OS_TOKEN` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#token FerryProvider#token}
  */
  readonly token?: string;
  /**
  * Domain of the user. Default `Default`. Environment: `OS_USER_DOMAIN_NAME` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#user_domain_name FerryProvider#user_domain_name}
  */
  readonly userDomainName?: string;
  /**
  * User name (password auth). Environment: `OS_USERNAME` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#username FerryProvider#username}
  */
  readonly username?: string;
}

export function ferryProviderManilaToTerraform(struct?: FerryProviderManila | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  return {
    api_version: cdktn.stringToTerraform(struct!.apiVersion),
    application_credential_id: cdktn.stringToTerraform(struct!.applicationCredentialId),
    application_credential_secret: cdktn.stringToTerraform(struct!.applicationCredentialSecret),
    auth_url: cdktn.stringToTerraform(struct!.authUrl),
    ca_cert: cdktn.stringToTerraform(struct!.caCert),
    endpoint: cdktn.stringToTerraform(struct!.endpoint),
    http_timeout: cdktn.numberToTerraform(struct!.httpTimeout),
    insecure: cdktn.booleanToTerraform(struct!.insecure),
    interface: cdktn.stringToTerraform(struct!.interface),
    password: cdktn.stringToTerraform(struct!.password),
    project_domain_name: cdktn.stringToTerraform(struct!.projectDomainName),
    project_id: cdktn.stringToTerraform(struct!.projectId),
    project_name: cdktn.stringToTerraform(struct!.projectName),
    region: cdktn.stringToTerraform(struct!.region),
    token: cdktn.stringToTerraform(struct!.token),
    user_domain_name: cdktn.stringToTerraform(struct!.userDomainName),
    username: cdktn.stringToTerraform(struct!.username),
  }
}


export function ferryProviderManilaToHclTerraform(struct?: FerryProviderManila | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  const attrs = {
    api_version: {
      value: cdktn.stringToHclTerraform(struct!.apiVersion),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    application_credential_id: {
      value: cdktn.stringToHclTerraform(struct!.applicationCredentialId),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    application_credential_secret: {
      value: cdktn.stringToHclTerraform(struct!.applicationCredentialSecret),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    auth_url: {
      value: cdktn.stringToHclTerraform(struct!.authUrl),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    ca_cert: {
      value: cdktn.stringToHclTerraform(struct!.caCert),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    endpoint: {
      value: cdktn.stringToHclTerraform(struct!.endpoint),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    http_timeout: {
      value: cdktn.numberToHclTerraform(struct!.httpTimeout),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    insecure: {
      value: cdktn.booleanToHclTerraform(struct!.insecure),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    interface: {
      value: cdktn.stringToHclTerraform(struct!.interface),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    password: {
      value: cdktn.stringToHclTerraform(struct!.password),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    project_domain_name: {
      value: cdktn.stringToHclTerraform(struct!.projectDomainName),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    project_id: {
      value: cdktn.stringToHclTerraform(struct!.projectId),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    project_name: {
      value: cdktn.stringToHclTerraform(struct!.projectName),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    region: {
      value: cdktn.stringToHclTerraform(struct!.region),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    token: {
      value: cdktn.stringToHclTerraform(struct!.token),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    user_domain_name: {
      value: cdktn.stringToHclTerraform(struct!.userDomainName),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    username: {
      value: cdktn.stringToHclTerraform(struct!.username),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export interface FerryProviderVelostrata {
  /**
  * The version segment of the base path: `v<major><minor>` of the manager's release — `v42` (4.2, the default), `v45` (4.5). Environment: `VELOSTRATA_API_VERSION` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#api_version FerryProvider#api_version}
  */
  readonly apiVersion?: string;
  /**
  * PEM text of a CA to trust, or the path of a PEM file. Environment: `VELOSTRATA_CA_CERT` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#ca_cert FerryProvider#ca_cert}
  */
  readonly caCert?: string;
  /**
  * Limit in seconds for one HTTP request. Default 60. Environment: `VELOSTRATA_HTTP_TIMEOUT` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#http_timeout FerryProvider#http_timeout}
  */
  readonly httpTimeout?: number;
  /**
  * Skip TLS certificate verification. Only for labs; never the default. Environment: `VELOSTRATA_INSECURE` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#insecure FerryProvider#insecure}
  */
  readonly insecure?: boolean | cdktn.IResolvable;
  /**
  * The subscription id given when the manager was deployed: the password of the API's one user, `apiuser` (HTTP Basic). Environment: `VELOSTRATA_SUBSCRIPTION_ID` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#subscription_id FerryProvider#subscription_id}
  */
  readonly subscriptionId?: string;
  /**
  * The Velostrata manager, e.g. `https://velostrata-mgr.example.com` (ferry adds `/velostrata/api/<api_version>/`). Managers use self-signed certificates: set `ca_cert` (or, in a lab only, `insecure`). Environment: `VELOSTRATA_URL` (first set wins).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#url FerryProvider#url}
  */
  readonly url?: string;
}

export function ferryProviderVelostrataToTerraform(struct?: FerryProviderVelostrata | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  return {
    api_version: cdktn.stringToTerraform(struct!.apiVersion),
    ca_cert: cdktn.stringToTerraform(struct!.caCert),
    http_timeout: cdktn.numberToTerraform(struct!.httpTimeout),
    insecure: cdktn.booleanToTerraform(struct!.insecure),
    subscription_id: cdktn.stringToTerraform(struct!.subscriptionId),
    url: cdktn.stringToTerraform(struct!.url),
  }
}


export function ferryProviderVelostrataToHclTerraform(struct?: FerryProviderVelostrata | cdktn.IResolvable): any {
  if (!cdktn.canInspect(struct) || cdktn.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktn.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdktn.io/docs/concepts/resources#references");
  }
  const attrs = {
    api_version: {
      value: cdktn.stringToHclTerraform(struct!.apiVersion),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    ca_cert: {
      value: cdktn.stringToHclTerraform(struct!.caCert),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    http_timeout: {
      value: cdktn.numberToHclTerraform(struct!.httpTimeout),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    insecure: {
      value: cdktn.booleanToHclTerraform(struct!.insecure),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    subscription_id: {
      value: cdktn.stringToHclTerraform(struct!.subscriptionId),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    url: {
      value: cdktn.stringToHclTerraform(struct!.url),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}


/**
* Represents a {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs ferry}
*/
export class FerryProvider extends cdktn.TerraformProvider {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "ferry";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a FerryProvider resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the FerryProvider to import
  * @param importFromId The id of the existing FerryProvider that should be imported. Refer to the {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the FerryProvider to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "ferry", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/ferry-iac/ferry/latest/docs ferry} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options FerryProviderConfig = {}
  */
  public constructor(scope: Construct, id: string, config: FerryProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'ferry',
      terraformGeneratorMetadata: {
        providerName: 'ferry'
      },
      terraformProviderSource: 'ferry-iac/ferry'
    });
    this._alias = config.alias;
    this._cloudstack = config.cloudstack;
    this._danube = config.danube;
    this._manila = config.manila;
    this._velostrata = config.velostrata;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // alias - computed: false, optional: true, required: false
  private _alias?: string; 
  public override get alias() {
    return this._alias;
  }
  public override set alias(value: string | undefined) {
    this._alias = value;
  }
  public resetAlias() {
    this._alias = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get aliasInput() {
    return this._alias;
  }

  // cloudstack - computed: false, optional: true, required: false
  private _cloudstack?: FerryProviderCloudstack; 
  public get cloudstack() {
    return this._cloudstack;
  }
  public set cloudstack(value: FerryProviderCloudstack | undefined) {
    this._cloudstack = value;
  }
  public resetCloudstack() {
    this._cloudstack = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get cloudstackInput() {
    return this._cloudstack;
  }

  // danube - computed: false, optional: true, required: false
  private _danube?: FerryProviderDanube; 
  public get danube() {
    return this._danube;
  }
  public set danube(value: FerryProviderDanube | undefined) {
    this._danube = value;
  }
  public resetDanube() {
    this._danube = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get danubeInput() {
    return this._danube;
  }

  // manila - computed: false, optional: true, required: false
  private _manila?: FerryProviderManila; 
  public get manila() {
    return this._manila;
  }
  public set manila(value: FerryProviderManila | undefined) {
    this._manila = value;
  }
  public resetManila() {
    this._manila = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get manilaInput() {
    return this._manila;
  }

  // velostrata - computed: false, optional: true, required: false
  private _velostrata?: FerryProviderVelostrata; 
  public get velostrata() {
    return this._velostrata;
  }
  public set velostrata(value: FerryProviderVelostrata | undefined) {
    this._velostrata = value;
  }
  public resetVelostrata() {
    this._velostrata = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get velostrataInput() {
    return this._velostrata;
  }

  // =========
  // SYNTHESIS
  // =========

  protected override synthesizeAttributes(): { [name: string]: any } {
    return {
      alias: cdktn.stringToTerraform(this._alias),
      cloudstack: ferryProviderCloudstackToTerraform(this._cloudstack),
      danube: ferryProviderDanubeToTerraform(this._danube),
      manila: ferryProviderManilaToTerraform(this._manila),
      velostrata: ferryProviderVelostrataToTerraform(this._velostrata),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      alias: {
        value: cdktn.stringToHclTerraform(this._alias),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      cloudstack: {
        value: ferryProviderCloudstackToHclTerraform(this._cloudstack),
        isBlock: true,
        type: "struct",
        storageClassType: "FerryProviderCloudstack",
      },
      danube: {
        value: ferryProviderDanubeToHclTerraform(this._danube),
        isBlock: true,
        type: "struct",
        storageClassType: "FerryProviderDanube",
      },
      manila: {
        value: ferryProviderManilaToHclTerraform(this._manila),
        isBlock: true,
        type: "struct",
        storageClassType: "FerryProviderManila",
      },
      velostrata: {
        value: ferryProviderVelostrataToHclTerraform(this._velostrata),
        isBlock: true,
        type: "struct",
        storageClassType: "FerryProviderVelostrata",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
