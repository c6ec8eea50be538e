/**
 * The executable answers GetProviderSchema with the answer its build encoded (so that terraform's
 * schema-reading launch never loads the provider): that answer must be, field for field, what the
 * provider computes from the sources as they are.
 */
import { fromJSON } from "@grpc/proto-loader";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type CoreLikeClient, connect } from "../../cli/terraform-client.ts";
import { descriptor } from "../../provider/terraform/descriptor.gen.ts";
import { ProtoRegistry } from "../../provider/terraform/proto.ts";
import { TerraformProvider } from "../../provider/terraform/server.ts";

let tf: CoreLikeClient;
beforeAll(async () => {
  tf = await connect();
});
afterAll(() => tf?.close());

it("serves the schema its build encoded, equal to the one the provider computes now", async () => {
  const served = await tf.call("GetProviderSchema");
  const live = new TerraformProvider({ env: { FERRY_TERRAFORM_PREFETCH: "off" } }).getProviderSchema();
  const bytes = new ProtoRegistry(descriptor as never)
    .type("tfplugin6.GetProviderSchema.Response")
    .encode(live);
  // Decoded the way the test client decodes what it receives (proto-loader, same options).
  const pkg = fromJSON(descriptor as unknown as Parameters<typeof fromJSON>[0], {
    keepCase: true,
    longs: Number,
    enums: Number,
    defaults: true,
    oneofs: true,
  });
  const method = (pkg["tfplugin6.Provider"] as Record<string, { responseDeserialize(b: Buffer): unknown }>)
    .GetProviderSchema!;
  expect(served).toEqual(method.responseDeserialize(bytes));
  expect(Object.keys((served as { resource_schemas: object }).resource_schemas).length).toBeGreaterThan(5);
});
