import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Lab, startLab } from "../index.ts";
import { DISK_OFFERING_IDS, HOST_IDS, POOL_IDS, VM_IDS, VOLUME_IDS } from "./default-ids.ts";
import { TestApi } from "./test-client.ts";

let lab: Lab;
let api: TestApi;
beforeEach(async () => {
  lab = await startLab({ jobDurationMs: 50 });
  api = new TestApi(lab.cloudstack);
});
afterEach(() => lab.stop());

describe("list envelopes", () => {
  it("wraps a list in <command>response with count and the item key", async () => {
    const result = await api.call("listVolumes", { virtualmachineid: VM_IDS["db-01"] });
    expect(result.status).toBe(200);
    expect(result.key).toBe("listvolumesresponse");
    expect(result.body["count"]).toBe(2);
    expect((result.body["volume"] as unknown[]).length).toBe(2);
  });

  it("answers an empty list with {} (no count, no array)", async () => {
    const result = await api.call("listVirtualMachines", { name: "no-such-vm" });
    expect(result.json).toEqual({ listvirtualmachinesresponse: {} });
  });

  it("pages 1-based with count = all matches", async () => {
    const page1 = await api.call("listVolumes", { page: "1", pagesize: "4" });
    const page3 = await api.call("listVolumes", { page: "3", pagesize: "4" });
    expect(page1.body["count"]).toBe(10);
    expect((page1.body["volume"] as unknown[]).length).toBe(4);
    expect((page3.body["volume"] as unknown[]).length).toBe(2);
    const beyond = await api.call("listVolumes", { page: "9", pagesize: "4" });
    expect(beyond.body).toEqual({ count: 10 });
    const tooBig = await api.call("listVolumes", { pagesize: "501" });
    expect(tooBig.status).toBe(431);
  });

  it("matches command names case-insensitively", async () => {
    const result = await api.call("LISTZONES");
    expect(result.key).toBe("listzonesresponse");
    expect(result.body["count"]).toBe(1);
  });

  it("answers an unknown command with 432 under errorresponse", async () => {
    const result = await api.call("deployVirtualMachineNow");
    expect(result.status).toBe(432);
    expect(result.json).toEqual({
      errorresponse: {
        uuidList: [],
        errorcode: 432,
        cserrorcode: 9999,
        errortext: "The given command:deployVirtualMachineNow does not exist or it is not available for user",
      },
    });
  });

  it("answers a missing required parameter with 431", async () => {
    const result = await api.call("migrateVolume", { volumeid: VOLUME_IDS["archive-01"] });
    expect(result.status).toBe(431);
    expect(result.json).toEqual({
      migratevolumeresponse: {
        uuidList: [],
        errorcode: 431,
        cserrorcode: 9999,
        errortext: "Unable to execute API command migratevolume due to missing parameter storageid",
      },
    });
    expect(lab.cloudstack.count("migrateVolume")).toBe(0);
  });

  it("answers an unknown or malformed uuid with 431, synchronously", async () => {
    const unknown = "0b7e1c8e-5c1b-4c43-9e0a-111111111111";
    const result = await api.call("detachVolume", { id: unknown });
    expect(result.status).toBe(431);
    expect(result.body["errortext"]).toBe(
      `Unable to execute API command detachvolume due to invalid value. Invalid parameter id value=${unknown} due to` +
        " incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the" +
        " field in api cmd class.",
    );
    const malformed = await api.call("listVirtualMachines", { id: "web-01" });
    expect(malformed.status).toBe(431);
    expect(malformed.body["errortext"]).toContain("Invalid parameter id value=web-01");
    const badNumber = await api.call("detachVolume", { deviceid: "one", virtualmachineid: VM_IDS["db-01"] });
    expect(badNumber.body["errortext"]).toBe(
      "Unable to execute API command detachvolume due to invalid value one for parameter deviceid",
    );
  });

  it("accepts uppercase uuids like CloudStack's case-insensitive database", async () => {
    const vms = await api.list("listVirtualMachines", "virtualmachine", {
      id: VM_IDS["web-01"].toUpperCase(),
    });
    expect(vms.map((vm) => vm["name"])).toEqual(["web-01"]);
  });
});

describe("objects", () => {
  it("lists a running VM with its host and a stopped one without", async () => {
    const vms = await api.list("listVirtualMachines", "virtualmachine", {
      ids: `${VM_IDS["web-01"]},${VM_IDS["db-01"]}`,
    });
    const web = vms.find((vm) => vm["name"] === "web-01")!;
    const db = vms.find((vm) => vm["name"] === "db-01")!;
    expect(web).toMatchObject({
      id: VM_IDS["web-01"],
      displayname: "web-01",
      state: "Running",
      hypervisor: "VMware",
      zonename: "zone-1",
      hostid: HOST_IDS["esx-a-01"],
      hostname: "esx-a-01",
      rootdeviceid: 0,
    });
    expect(db["state"]).toBe("Stopped");
    expect(db).not.toHaveProperty("hostid");
    expect(db).not.toHaveProperty("jobid");
  });

  it("filters VMs by state and name", async () => {
    const stopped = await api.list("listVirtualMachines", "virtualmachine", { state: "stopped" });
    expect(stopped.map((vm) => vm["name"]).sort()).toEqual(["broken-01", "db-01", "kvm-01", "snap-01"]);
    const named = await api.list("listVirtualMachines", "virtualmachine", { name: "web" });
    expect(named.map((vm) => vm["name"])).toEqual(["web-01"]);
  });

  it("lists attached volumes with their VM and detached ones without", async () => {
    const [root] = await api.list("listVolumes", "volume", { id: VOLUME_IDS["web-01-root"] });
    expect(root).toMatchObject({
      name: "web-01-root",
      type: "ROOT",
      state: "Ready",
      virtualmachineid: VM_IDS["web-01"],
      vmname: "web-01",
      vmstate: "Running",
      deviceid: 0,
      storageid: POOL_IDS["ds-gold-01"],
      storage: "ds-gold-01",
      storagetype: "shared",
      hypervisor: "VMware",
      diskofferingid: DISK_OFFERING_IDS.gold,
      diskofferingname: "gold",
      size: 21474836480,
      clustername: "vmware-a",
    });
    const [spare] = await api.list("listVolumes", "volume", { id: VOLUME_IDS["web-01-root-v2"] });
    expect(spare).toMatchObject({ type: "DATADISK", storage: "ds-gold-01" });
    for (const key of ["virtualmachineid", "vmname", "vmstate", "deviceid"])
      expect(spare).not.toHaveProperty(key);
  });

  it("filters volumes by type, VM and pool", async () => {
    const roots = await api.list("listVolumes", "volume", { type: "ROOT" });
    expect(roots).toHaveLength(6);
    const onKvm = await api.list("listVolumes", "volume", { storageid: POOL_IDS["nfs-kvm-01"] });
    expect(onKvm.map((v) => v["name"]).sort()).toEqual(["kvm-01-root", "kvm-disk"]);
  });

  it("lists storage pools with tags as a comma string, omitted when none", async () => {
    const pools = await api.list("listStoragePools", "storagepool");
    const gold = pools.find((p) => p["name"] === "ds-gold-01")!;
    const kvm = pools.find((p) => p["name"] === "nfs-kvm-01")!;
    const zoneWide = pools.find((p) => p["name"] === "zone-nfs-01")!;
    expect(gold).toMatchObject({
      state: "Up",
      scope: "CLUSTER",
      type: "VMFS",
      hypervisor: "VMware",
      tags: "gold",
    });
    expect(gold).toMatchObject({ clustername: "vmware-a", zonename: "zone-1", managed: false });
    expect(kvm).not.toHaveProperty("tags");
    expect(zoneWide).toMatchObject({ scope: "ZONE", hypervisor: "KVM" });
    expect(zoneWide).not.toHaveProperty("clusterid");
    expect(pools.find((p) => p["name"] === "ds-maint")!["state"]).toBe("Maintenance");
    expect(pools.find((p) => p["name"] === "ds-managed")!["managed"]).toBe(true);
  });

  it("lists VM snapshots under listvmsnapshotresponse / vmSnapshot", async () => {
    const result = await api.call("listVMSnapshot", { virtualmachineid: VM_IDS["snap-01"], listall: "true" });
    expect(result.key).toBe("listvmsnapshotresponse");
    expect(result.body["count"]).toBe(2);
    const snapshots = result.body["vmSnapshot"] as Record<string, unknown>[];
    expect(snapshots[0]).toMatchObject({ virtualmachineid: VM_IDS["snap-01"], state: "Ready" });
    const none = await api.call("listVMSnapshot", { virtualmachineid: VM_IDS["web-01"] });
    expect(none.json).toEqual({ listvmsnapshotresponse: {} });
  });

  it("lists disk offerings, zones, clusters and hosts", async () => {
    const offerings = await api.list("listDiskOfferings", "diskoffering", { listall: "true" });
    expect(offerings.find((d) => d["name"] === "gold")).toMatchObject({
      id: DISK_OFFERING_IDS.gold,
      tags: "gold",
    });
    expect(await api.list("listZones", "zone")).toHaveLength(1);
    const clusters = await api.list("listClusters", "cluster");
    expect(clusters.map((c) => [c["name"], c["hypervisortype"]])).toEqual([
      ["vmware-a", "VMware"],
      ["kvm-b", "KVM"],
    ]);
    expect(await api.list("listHosts", "host", { clusterid: clusters[0]!["id"] as string })).toHaveLength(2);
  });

  it("answers queryAsyncJobResult for an unknown job with 431", async () => {
    const result = await api.call("queryAsyncJobResult", { jobid: "6a1e2c3d-4b5f-4e6a-8b7c-9d0e1f2a3b4c" });
    expect(result.status).toBe(431);
    expect(result.key).toBe("queryasyncjobresultresponse");
  });
});
