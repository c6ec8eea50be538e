import { describe, expect, it } from "vitest";
import { DEFAULT_IDS } from "./default-ids.ts";
import { defaultInventory, derivedId, InventoryError, parseInventory } from "./inventory.ts";

function issuesOf(json: unknown): string {
  try {
    parseInventory(json);
  } catch (error) {
    if (error instanceof InventoryError) return error.message;
    throw error;
  }
  throw new Error("expected an InventoryError");
}

describe("inventory", () => {
  it("default-ids.ts matches default-inventory.json", () => {
    const inventory = parseInventory(defaultInventory());
    const byKind = {
      zones: inventory.zones,
      clusters: inventory.clusters,
      hosts: inventory.hosts,
      storagePools: inventory.storagePools,
      diskOfferings: inventory.diskOfferings,
      vms: inventory.vms,
      volumes: inventory.volumes,
    };
    for (const [kind, ids] of Object.entries(DEFAULT_IDS)) {
      const entities = byKind[kind as keyof typeof byKind];
      expect(Object.fromEntries(entities.map((e) => [e.name, e.id]))).toEqual(ids);
    }
  });

  it("fills defaults and resolves references by name", () => {
    const inventory = parseInventory({
      zones: [{ name: "z" }],
      clusters: [{ name: "c", hypervisor: "KVM" }],
      hosts: [{ name: "h", cluster: "c" }],
      storagePools: [
        { name: "p", cluster: "c" },
        { name: "wide", cluster: null },
      ],
      vms: [{ name: "vm", hypervisor: "KVM", state: "Running", host: "h" }],
      volumes: [{ name: "root", type: "ROOT", pool: "p", vm: "vm", deviceid: 0 }],
    });
    expect(inventory.settings).toMatchObject({ jobDurationMs: 1500, rejectCrossClusterOffline: true });
    expect(inventory.settings.enforcePostAndTimestamps).toBe(false);
    expect(inventory.zones[0]!.id).toBe(derivedId("zones", "z"));
    expect(inventory.storagePools[0]).toMatchObject({
      scope: "CLUSTER",
      hypervisor: "KVM",
      state: "Up",
      tags: [],
    });
    expect(inventory.storagePools[1]).toMatchObject({ scope: "ZONE", hypervisor: "Any", clusterId: null });
    expect(inventory.volumes[0]).toMatchObject({
      vmId: inventory.vms[0]!.id,
      poolId: inventory.storagePools[0]!.id,
      hypervisor: "KVM",
      state: "Ready",
    });
    expect(derivedId("zones", "z")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("names the path of a shape error", () => {
    const inventory = defaultInventory();
    const broken = JSON.parse(JSON.stringify(inventory));
    broken.volumes[3].state = "Broken";
    broken.vms[0].hypervisor = "kvm";
    const message = issuesOf(broken);
    expect(message).toContain("volumes[3].state");
    expect(message).toContain("vms[0].hypervisor");
  });

  it("names the path of a dangling or inconsistent reference", () => {
    const broken = JSON.parse(JSON.stringify(defaultInventory()));
    broken.volumes[0].pool = "ds-nowhere";
    broken.volumes[1].vm = "db-01";
    broken.volumes[1].deviceid = 1;
    broken.vms[1].host = "kvm-b-01";
    const message = issuesOf(broken);
    expect(message).toContain('unknown storage pool "ds-nowhere"');
    expect(message).toContain("volumes[0].pool");
    expect(message).toContain('VM "db-01" already has a volume on deviceid 1');
    expect(message).toContain("volumes[3].deviceid"); // the later claimant of the slot
    expect(message).toContain('host "kvm-b-01" runs KVM, the VM is VMware');
    expect(message).toContain("vms[1].host");
  });

  it("refuses duplicates, a running VM without host and a detached ROOT", () => {
    const broken = JSON.parse(JSON.stringify(defaultInventory()));
    broken.storagePools[1].name = "ds-gold-01";
    broken.vms[2].state = "Running";
    broken.vms[2].host = null;
    broken.volumes[4].vm = null;
    broken.volumes[4].deviceid = null;
    const message = issuesOf(broken);
    expect(message).toContain('duplicate name "ds-gold-01"');
    expect(message).toContain("a Running VM needs a host");
    expect(message).toContain("a detached volume is a DATADISK");
  });

  it("refuses unknown keys and bad ids", () => {
    const message = issuesOf({ zones: [{ id: "ZONE-1", name: "z", color: "red" }] });
    expect(message).toContain("zones[0].id");
    expect(message).toContain("color");
  });
});
