import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Lab, startLab } from "../index.ts";
import { DISK_OFFERING_IDS, HOST_IDS, POOL_IDS, VM_IDS, VOLUME_IDS } from "./default-ids.ts";
import { defaultInventory } from "./inventory.ts";
import { type JsonObject, TestApi } from "./test-client.ts";

let lab: Lab;
let api: TestApi;

/** The demo estate plus a second VMware cluster (for cross-cluster moves) and a two-tag offering. */
function estateWithSecondVmwareCluster() {
  const inventory = defaultInventory();
  inventory.clusters.push({ name: "vmware-c", hypervisor: "VMware" });
  inventory.hosts.push({ name: "esx-c-01", cluster: "vmware-c", state: "Up" });
  inventory.storagePools.push({
    ...inventory.storagePools[0]!,
    id: undefined,
    name: "ds-gold-c",
    cluster: "vmware-c",
  });
  inventory.diskOfferings.push({ name: "gold-fast", tags: ["gold", "fast"], encrypt: false });
  return inventory;
}

beforeEach(async () => {
  lab = await startLab({ inventory: estateWithSecondVmwareCluster(), jobDurationMs: 50 });
  api = new TestApi(lab.cloudstack);
});
afterEach(() => lab.stop());

const model = () => lab.cloudstack.model;
const resultOf = (job: JsonObject, key: string) => (job["jobresult"] as JsonObject)[key] as JsonObject;
const move = (volume: keyof typeof VOLUME_IDS, pool: string, extra: Record<string, string> = {}) => ({
  volumeid: VOLUME_IDS[volume],
  storageid: pool in POOL_IDS ? POOL_IDS[pool as keyof typeof POOL_IDS] : model().pool(pool).id,
  ...extra,
});

describe("migrateVolume", () => {
  it("moves a detached volume to another pool of its cluster (seed 002)", async () => {
    const job = await api.run("migrateVolume", move("archive-01", "ds-gold-02"));
    expect(job).toMatchObject({
      jobstatus: 1,
      jobinstancetype: "Volume",
      jobinstanceid: VOLUME_IDS["archive-01"],
      cmd: "org.apache.cloudstack.api.command.user.volume.MigrateVolumeCmd",
    });
    expect(resultOf(job, "volume")).toMatchObject({ storageid: POOL_IDS["ds-gold-02"], state: "Ready" });
  });

  it("moves a volume of a stopped VMware VM without livemigrate", async () => {
    const job = await api.run("migrateVolume", move("db-01-data", "ds-gold-02"));
    expect(resultOf(job, "volume")).toMatchObject({
      storage: "ds-gold-02",
      virtualmachineid: VM_IDS["db-01"],
    });
  });

  it("moves a volume of a running VMware VM with livemigrate=true", async () => {
    const job = await api.run("migrateVolume", move("web-01-root", "ds-gold-02", { livemigrate: "true" }));
    expect(resultOf(job, "volume")).toMatchObject({ storage: "ds-gold-02" });
  });

  it("checks tags against a new disk offering and applies it", async () => {
    const job = await api.run(
      "migrateVolume",
      move("archive-01", "ds-gold-02", { newdiskofferingid: DISK_OFFERING_IDS.gold }),
    );
    expect(resultOf(job, "volume")).toMatchObject({ diskofferingname: "gold" });
  });

  it("allows an offline cross-cluster move when rejectCrossClusterOffline is off", async () => {
    lab.cloudstack.settings.rejectCrossClusterOffline = false;
    const job = await api.run("migrateVolume", move("archive-01", "ds-gold-c"));
    expect(resultOf(job, "volume")).toMatchObject({ storage: "ds-gold-c", clustername: "vmware-c" });
  });

  const refusals: [string, () => void, () => Record<string, string>, number, string][] = [
    [
      "a volume that is not Ready",
      () => model().setVolumeState("archive-01", "Allocated"),
      () => move("archive-01", "ds-gold-02"),
      431,
      "Volume must be in ready state",
    ],
    [
      "the pool it is on",
      () => {},
      () => move("archive-01", "ds-gold-01"),
      431,
      "Volume Vol[9|name=archive-01|vm=null|DATADISK] is already on the destination storage pool",
    ],
    [
      "an encrypted volume",
      () => {
        model().volume("archive-01").encrypted = true;
      },
      () => move("archive-01", "ds-gold-02"),
      431,
      "Migration of encrypted volumes is unsupported",
    ],
    [
      "a volume of a VM with snapshots",
      () => {},
      () => move("snap-01-root", "ds-gold-02"),
      431,
      "Volume cannot be migrated, please remove all VM snapshots for VM to which this volume is attached",
    ],
    [
      "a running VM's volume on PowerFlex",
      () => {
        model().pool("ds-gold-01").type = "PowerFlex";
      },
      () => move("web-01-root", "ds-gold-02", { livemigrate: "true" }),
      431,
      "Migrate volume of a running VM is unsupported on storage pool type PowerFlex",
    ],
    [
      "a running KVM VM's volume",
      () => model().setVmState("kvm-01", "Running", "kvm-b-01"),
      () => move("kvm-01-root", "zone-nfs-01", { livemigrate: "true" }),
      431,
      "KVM does not support volume live migration due to the limited possibility to refresh VM XML domain. " +
        "Therefore, to live migrate a volume between storage pools, one must migrate the VM to a different host as " +
        "well to force the VM XML domain update. Use 'migrateVirtualMachineWithVolumes' instead.",
    ],
    [
      "a running VM on a hypervisor without storage motion",
      () => {
        model().cluster("vmware-a").hypervisor = "Hyperv";
      },
      () => move("web-01-root", "ds-gold-02", { livemigrate: "true" }),
      431,
      "Volume needs to be detached from VM",
    ],
    [
      "a running VM's volume without livemigrate",
      () => {},
      () => move("web-01-root", "ds-gold-02"),
      431,
      "The volume Vol[1|name=web-01-root|vm=2|ROOT]is attached to a vm and for migrating it the parameter livemigrate should be specified",
    ],
    [
      "a pool in maintenance",
      () => {},
      () => move("archive-01", "ds-maint"),
      431,
      "Cannot migrate volume Vol[9|name=archive-01|vm=null|DATADISK]to the destination storage pool ds-maint as the storage pool is in maintenance mode.",
    ],
    [
      "a pool without the offering's tags",
      () => {},
      () => move("archive-01", "ds-silver-01"),
      530,
      "Storage pool ds-silver-01 is not suitable to migrate volume archive-01",
    ],
    [
      "a pool of another hypervisor",
      () => {},
      () => move("archive-01", "zone-nfs-01"),
      530,
      "Storage pool zone-nfs-01 is not suitable to migrate volume archive-01",
    ],
    [
      "a disabled pool",
      () => model().setPoolState("ds-gold-02", "Disabled"),
      () => move("archive-01", "ds-gold-02"),
      530,
      "Storage pool ds-gold-02 is not suitable to migrate volume archive-01",
    ],
    [
      "an offline move to another cluster",
      () => {},
      () => move("archive-01", "ds-gold-c"),
      530,
      "Storage pool ds-gold-c is not suitable to migrate volume archive-01",
    ],
    [
      "a pool without space",
      () => {
        model().pool("ds-gold-02").capacityBytes = 1024;
      },
      () => move("archive-01", "ds-gold-02"),
      530,
      "Storage pool ds-gold-02 does not have enough space to migrate volume archive-01",
    ],
    [
      "a live move to another cluster",
      () => {},
      () => move("web-01-root", "ds-gold-c", { livemigrate: "true" }),
      431,
      "Cannot migrate a volume of a virtual machine to a storage pool in a different cluster",
    ],
    [
      "a new offering whose tags the pool lacks",
      () => {},
      () => move("archive-01", "ds-gold-02", { newdiskofferingid: model().diskOffering("gold-fast").id }),
      431,
      `Migration failed: target pool [ds-gold-02, tags:gold] has no matching tags for volume [archive-01, uuid:${VOLUME_IDS["archive-01"]}, tags:gold,fast]`,
    ],
    [
      "a new offering without the current offering's tags",
      () => {},
      () => move("archive-01", "ds-gold-02", { newdiskofferingid: DISK_OFFERING_IDS.standard }),
      431,
      `Existing disk offering storage tags of the volume ${VOLUME_IDS["archive-01"]} does not contain in the new disk offering ${DISK_OFFERING_IDS.standard}  `,
    ],
  ];
  for (const [what, drift, params, errorcode, message] of refusals) {
    it(`refuses ${what} inside the job`, async () => {
      drift();
      const job = await api.run("migrateVolume", params());
      expect(job).toMatchObject({
        jobstatus: 2,
        jobresultcode: 530,
        jobresult: { errorcode, errortext: message },
      });
      expect(model().volume(params()["volumeid"]!).state).not.toBe("Migrating");
    });
  }
});

describe("migrateVirtualMachine", () => {
  it("moves every volume of a stopped VM to one pool; the VM is Migrating meanwhile", async () => {
    const jobid = await api.start("migrateVirtualMachine", {
      virtualmachineid: VM_IDS["db-01"],
      storageid: POOL_IDS["ds-gold-02"],
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [during] = await api.list("listVirtualMachines", "virtualmachine", { id: VM_IDS["db-01"] });
    expect(during).toMatchObject({ state: "Migrating", jobid });
    const job = await api.waitJob(jobid);
    expect(job).toMatchObject({
      jobstatus: 1,
      jobinstancetype: "VirtualMachine",
      cmd: "org.apache.cloudstack.api.command.admin.vm.MigrateVMCmd",
    });
    expect(resultOf(job, "virtualmachine")).toMatchObject({ state: "Stopped" });
    const volumes = await api.list("listVolumes", "volume", { virtualmachineid: VM_IDS["db-01"] });
    expect(volumes.map((v) => [v["name"], v["storage"], v["state"]])).toEqual([
      ["db-01-root", "ds-gold-02", "Ready"],
      ["db-01-data", "ds-gold-02", "Ready"],
    ]);
  });

  it("live-migrates a running VM to a host, or to an autoselected one", async () => {
    const job = await api.run("migrateVirtualMachine", {
      virtualmachineid: VM_IDS["web-01"],
      hostid: HOST_IDS["esx-a-02"],
    });
    expect(resultOf(job, "virtualmachine")).toMatchObject({ state: "Running", hostname: "esx-a-02" });
    const auto = await api.run("migrateVirtualMachine", { virtualmachineid: VM_IDS["rescue-01"] });
    expect(resultOf(auto, "virtualmachine")).toMatchObject({ state: "Running", hostname: "esx-a-01" });
  });

  const vmMove = (vm: keyof typeof VM_IDS, extra: Record<string, string>) => ({
    virtualmachineid: VM_IDS[vm],
    ...extra,
  });
  const refusals: [string, () => void, Record<string, string>, number, string][] = [
    [
      "both hostid and storageid",
      () => {},
      vmMove("db-01", { hostid: HOST_IDS["esx-a-01"], storageid: POOL_IDS["ds-gold-02"] }),
      431,
      "Only one of hostId and storageId can be specified",
    ],
    [
      "a running VM's storage",
      () => {},
      vmMove("web-01", { storageid: POOL_IDS["ds-gold-02"] }),
      431,
      "VM is not Stopped, unable to migrate the vm having the specified id",
    ],
    [
      "data disks on a hypervisor other than VMware/KVM",
      () => {
        model().vm("db-01").hypervisor = "XenServer";
      },
      vmMove("db-01", { storageid: POOL_IDS["ds-gold-02"] }),
      431,
      "Data disks attached to the vm, can not migrate. Need to detach data disks first",
    ],
    [
      "a VM with snapshots",
      () => {},
      vmMove("snap-01", { storageid: POOL_IDS["ds-gold-02"] }),
      431,
      "Instance's disk cannot be migrated, please remove all the Instance Snapshots for this Instance",
    ],
    [
      "a pool of another hypervisor",
      () => {},
      vmMove("db-01", { storageid: POOL_IDS["nfs-kvm-01"] }),
      431,
      "hypervisor is not compatible: dest: KVM, vm: VMware",
    ],
    [
      "a pool without the tags",
      () => {},
      vmMove("db-01", { storageid: POOL_IDS["ds-silver-01"] }),
      530,
      "Storage suitability check failed for volume db-01-root",
    ],
    [
      "a pool in maintenance",
      () => {},
      vmMove("db-01", { storageid: POOL_IDS["ds-maint"] }),
      530,
      "Storage suitability check failed for volume db-01-root",
    ],
    [
      "no destination with autoselect=false",
      () => {},
      vmMove("web-01", { autoselect: "false" }),
      431,
      "Please specify a host or storage as destination, or pass 'autoselect=true' to automatically select a destination host which do not require storage migration",
    ],
    [
      "a live migration of a stopped VM",
      () => {},
      vmMove("db-01", { hostid: HOST_IDS["esx-a-01"] }),
      431,
      "VM is not Running, unable to migrate the vm with specified id",
    ],
  ];
  for (const [what, drift, params, errorcode, message] of refusals) {
    it(`refuses ${what} inside the job`, async () => {
      drift();
      const job = await api.run("migrateVirtualMachine", params);
      expect(job).toMatchObject({
        jobstatus: 2,
        jobresultcode: 530,
        jobresult: { errorcode, errortext: message },
      });
    });
  }

  it("refuses an offline move to another cluster while rejectCrossClusterOffline is on", async () => {
    const target = model().pool("ds-gold-c").id;
    const job = await api.run("migrateVirtualMachine", {
      virtualmachineid: VM_IDS["db-01"],
      storageid: target,
    });
    expect((job["jobresult"] as JsonObject)["errortext"]).toBe(
      "Storage suitability check failed for volume db-01-root",
    );
    lab.cloudstack.settings.rejectCrossClusterOffline = false;
    const allowed = await api.run("migrateVirtualMachine", {
      virtualmachineid: VM_IDS["db-01"],
      storageid: target,
    });
    expect(allowed["jobstatus"]).toBe(1);
  });
});

describe("start and stop", () => {
  it("stops a running VM (host cleared) and starts it again on its last host", async () => {
    const stop = await api.run("stopVirtualMachine", { id: VM_IDS["web-01"] });
    expect(resultOf(stop, "virtualmachine")).toMatchObject({ state: "Stopped" });
    expect(resultOf(stop, "virtualmachine")).not.toHaveProperty("hostid");
    const start = await api.run("startVirtualMachine", { id: VM_IDS["web-01"] });
    expect(resultOf(start, "virtualmachine")).toMatchObject({
      state: "Running",
      hostid: HOST_IDS["esx-a-01"],
    });
  });

  it("treats stopping a stopped VM and starting a running one as no-ops", async () => {
    expect((await api.run("stopVirtualMachine", { id: VM_IDS["db-01"] }))["jobstatus"]).toBe(1);
    expect((await api.run("startVirtualMachine", { id: VM_IDS["web-01"] }))["jobstatus"]).toBe(1);
  });

  it("fails a start when no host can take the VM", async () => {
    model().setHostState("esx-a-01", "Down");
    model().setHostState("esx-a-02", "Down");
    const job = await api.run("startVirtualMachine", { id: VM_IDS["db-01"] });
    expect(job["jobresult"]).toEqual({
      errorcode: 533,
      errortext: "Unable to create a deployment for VM[User|i-2-3-VM]",
    });
  });
});
