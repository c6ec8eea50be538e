/**
 * The base of every generated resource class (pulumi/generated/*.ts): a Pulumi dynamic resource whose
 * provider is one FerryProvider per kind, shared by every resource of that kind, so Pulumi serializes
 * it once per kind and the host configures it once.
 */
import * as pulumi from "@pulumi/pulumi";
import { FerryProvider } from "./provider.ts";

/** Plain data about a kind, written into the generated classes. */
export interface KindInfo {
  /** "cloudstack_root_volume" */
  type: string;
  /** "cloudstack": the module of the Pulumi type token (pulumi-nodejs:dynamic/cloudstack:RootVolume). */
  backend: string;
  /** "RootVolume" */
  className: string;
  /** Computed attributes (camelCase), registered as outputs. */
  outputs: string[];
  /** Inputs and outputs kept secret in state, besides `connection`. */
  secrets: string[];
  /** Replaced delete-first unless the program says otherwise (Kind.deleteBeforeReplace says why). */
  deleteBeforeReplace?: boolean;
}

const providers = new Map<string, FerryProvider>();

function providerFor(type: string): FerryProvider {
  let provider = providers.get(type);
  if (!provider) {
    provider = new FerryProvider(type);
    providers.set(type, provider);
  }
  return provider;
}

export abstract class FerryResource extends pulumi.dynamic.Resource {
  /**
   * The documented operations an `up` would run now, one line each (empty when the live object matches
   * the arguments). Filled by `pulumi refresh`; `pulumi preview` prints the planned operations.
   */
  declare readonly operations: pulumi.Output<string[]>;

  protected constructor(info: KindInfo, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = { ...args };
    for (const output of [...info.outputs, "operations"]) if (!(output in props)) props[output] = undefined;
    // The connection carries credentials: secret in the state's inputs too, however the program gave it.
    if (props.connection !== undefined) props.connection = pulumi.secret(props.connection);
    super(
      providerFor(info.type),
      name,
      props,
      {
        ...opts,
        // The engine asks no diff for `pulumi up --replace`: only this option makes that delete first.
        ...(info.deleteBeforeReplace && opts?.deleteBeforeReplace === undefined
          ? { deleteBeforeReplace: true }
          : {}),
        additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "connection", ...info.secrets],
      },
      info.backend,
      info.className,
    );
  }
}
