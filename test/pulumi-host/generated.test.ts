/** The Pulumi classes are generated from the kinds: the committed files must be what the generator writes. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { formatGenerated, generatePulumiSources } from "../../pulumi/generate.ts";
import { backends } from "../../provider/index.ts";
import { ROOT } from "./support/host.ts";

describe("pulumi/generated", () => {
  const files = generatePulumiSources(backends);

  it.each([...files.keys()])("%s is up to date (run `npm run generate`)", (path) => {
    const expected = formatGenerated(path, files.get(path)!, ROOT);
    expect(readFileSync(resolve(ROOT, path), "utf8")).toBe(expected);
  });

  it("has a class per kind, camelCase args, declared outputs and the kind's docs", () => {
    for (const backend of backends) {
      const generated = files.get(`pulumi/generated/${backend.name}.ts`)!;
      for (const kind of backend.kinds) {
        expect(generated).toContain(`export class ${kind.className} extends FerryResource {`);
        expect(generated).toContain(`export interface ${kind.className}Args {`);
      }
    }
    const text = files.get("pulumi/generated/cloudstack.ts")!;
    expect(text).toContain("virtualMachineId: pulumi.Input<string>;");
    expect(text).toContain("allowStop?: pulumi.Input<boolean>;");
    expect(text).toContain("declare readonly previousVolumeId: pulumi.Output<string>;");
    expect(text).toContain("connection?: pulumi.Input<CloudstackConnection>;");
    expect(text).toContain("Stack config: `ferry:cloudstackSecretKey`");
    expect(text).not.toMatch(/`allow_stop`/);
  });
});

describe("examples/pulumi", () => {
  it("registers one ferry resource per kind, with the lab's ids, and the serialized provider", async () => {
    const { runProgram } = await import("./support/host.ts");
    const { DEFAULT_IDS } = await import("../../lab/index.ts");
    const regs = await runProgram("examples/pulumi/index.ts", {});
    expect([...regs.values()].map((r) => r.type).sort()).toEqual([
      "pulumi-nodejs:dynamic/cloudstack:RootVolume",
      "pulumi-nodejs:dynamic/cloudstack:VmStorage",
      "pulumi-nodejs:dynamic/cloudstack:VolumeAttachment",
      "pulumi-nodejs:dynamic/cloudstack:VolumeStorage",
    ]);
    const known = new Set(JSON.stringify(DEFAULT_IDS).match(/[0-9a-f]{8}-[0-9a-f-]{27}/g));
    for (const r of regs.values()) {
      expect(typeof r.inputs.__provider).toBe("string");
      for (const key of ["virtualMachineId", "volumeId", "storagePoolId"]) {
        const v = r.inputs[key];
        if (v !== undefined) expect(known.has(v as string)).toBe(true);
      }
    }
  });
});

describe("examples/pulumi-danube", () => {
  it("registers the Danube VM replica with the lab's hostnames, master on node01.lab before the drill", async () => {
    const { runProgram } = await import("./support/host.ts");
    const regs = await runProgram("examples/pulumi-danube/index.ts", {});
    const web = regs.get("web");
    expect(web?.type).toBe("pulumi-nodejs:dynamic/danube:VmReplica");
    expect(web?.inputs).toMatchObject({
      vm: "web01.lab",
      repname: "dr1",
      masterNode: "node01.lab",
      replicaNode: "node02.lab",
      allowFailover: true,
    });
  });
});

describe("examples/pulumi-velostrata", () => {
  it("registers the Velostrata VM detach: vm-2 to ready_to_detach, no cutover before it is asked for", async () => {
    const { runProgram } = await import("./support/host.ts");
    const regs = await runProgram("examples/pulumi-velostrata/index.ts", {});
    const db = regs.get("db");
    expect(db?.type).toBe("pulumi-nodejs:dynamic/velostrata:VmDetach");
    expect(db?.inputs).toMatchObject({
      vmId: "vm-2",
      stage: "ready_to_detach",
      storage: { aws: { storageType: "gp2" } },
      allowCutover: false,
    });
  });
});
