import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Lab, startLab } from "../index.ts";
import { VM_IDS, VOLUME_IDS } from "./default-ids.ts";
import { defaultInventory } from "./inventory.ts";
import { type JsonObject, TestApi } from "./test-client.ts";

let lab: Lab;
let api: TestApi;
beforeEach(async () => {
  lab = await startLab({ jobDurationMs: 50 });
  api = new TestApi(lab.cloudstack);
});
afterEach(() => lab.stop());

const model = () => lab.cloudstack.model;
const volumeOf = (job: JsonObject) => (job["jobresult"] as JsonObject)["volume"] as JsonObject;

describe("detachVolume", () => {
  it("detaches the ROOT of a stopped VM; it becomes a DATADISK without VM", async () => {
    const job = await api.run("detachVolume", { id: VOLUME_IDS["broken-01-root"] });
    expect(job["jobstatus"]).toBe(1);
    const volume = volumeOf(job);
    expect(volume).toMatchObject({ id: VOLUME_IDS["broken-01-root"], type: "DATADISK", state: "Ready" });
    for (const key of ["virtualmachineid", "vmname", "deviceid"]) expect(volume).not.toHaveProperty(key);
    expect(model().volumesOf("broken-01")).toEqual([]);
  });

  it("detaches by (deviceid, virtualmachineid), a data disk even from a running VM", async () => {
    const job = await api.run("detachVolume", { deviceid: "1", virtualmachineid: VM_IDS["db-01"] });
    expect(volumeOf(job)).toMatchObject({ id: VOLUME_IDS["db-01-data"], type: "DATADISK" });
    expect(job).not.toHaveProperty("jobinstanceid");

    await api.run("attachVolume", { id: VOLUME_IDS["archive-01"], virtualmachineid: VM_IDS["rescue-01"] });
    const hot = await api.run("detachVolume", { id: VOLUME_IDS["archive-01"] });
    expect(hot["jobstatus"]).toBe(1);
  });

  const refusals: [string, () => void, Record<string, string>, string][] = [
    [
      "neither id nor tuple",
      () => {},
      {},
      "Please provide either a volume id, or a tuple(device id, instance id)",
    ],
    [
      "id and tuple",
      () => {},
      { id: VOLUME_IDS["db-01-data"], virtualmachineid: VM_IDS["db-01"] },
      "Please provide either a volume id, or a tuple(device id, instance id)",
    ],
    [
      "a detached volume",
      () => {},
      { id: VOLUME_IDS["archive-01"] },
      "The specified volume is not attached to a VM.",
    ],
    [
      "a VM neither running nor stopped",
      () => model().setVmState("db-01", "Starting"),
      { id: VOLUME_IDS["db-01-data"] },
      "Please specify a VM that is either running or stopped.",
    ],
    [
      "a volume that is neither ROOT nor DATADISK",
      () => {
        model().volume("db-01-data").type = "SWAP";
      },
      { id: VOLUME_IDS["db-01-data"] },
      "Please specify volume of type DATADISK or ROOT",
    ],
    [
      "a ROOT on an unsupported hypervisor",
      () => {
        model().vm("broken-01").hypervisor = "Hyperv";
      },
      { id: VOLUME_IDS["broken-01-root"] },
      "Root volume detach is not supported for hypervisor type Hyperv",
    ],
    [
      "the ROOT of a running VM",
      () => {},
      { id: VOLUME_IDS["web-01-root"] },
      "Root volume detach can happen only when vm is in states: Stopped or Destroyed",
    ],
    [
      "a ROOT on managed storage",
      () => model().moveVolume("broken-01-root", "ds-managed"),
      { id: VOLUME_IDS["broken-01-root"] },
      "Root volume detach is not supported for Managed DataStores",
    ],
    [
      "a VM with VM snapshots",
      () => {},
      { id: VOLUME_IDS["snap-01-root"] },
      "Unable to detach volume, please specify a VM that does not have VM snapshots",
    ],
    [
      "a VM with backups",
      () => model().setVmBackups("broken-01", true),
      { id: VOLUME_IDS["broken-01-root"] },
      "Unable to detach volume, cannot detach volume from a VM that has backups. First remove the VM from the " +
        "backup offering or set the global configuration 'backup.enable.attach.detach.of.volumes' to true.",
    ],
  ];
  for (const [what, drift, params, message] of refusals) {
    it(`refuses ${what} inside the job`, async () => {
      drift();
      const accepted = await api.call("detachVolume", params);
      expect(accepted.status).toBe(200);
      const job = await api.waitJob(accepted.body["jobid"] as string);
      expect(job).toMatchObject({
        jobstatus: 2,
        jobresultcode: 530,
        jobresult: { errorcode: 431, errortext: message },
      });
    });
  }

  it("fails a tuple naming an empty slot with CloudStack's IndexOutOfBounds (530)", async () => {
    const job = await api.run("detachVolume", { deviceid: "5", virtualmachineid: VM_IDS["db-01"] });
    expect(job["jobresult"]).toEqual({ errorcode: 530, errortext: "Index 0 out of bounds for length 0" });
  });
});

describe("attachVolume", () => {
  it("swaps a ROOT (seed 001, case 1): stop, detach, attach the new image on device 0, start", async () => {
    await api.run("stopVirtualMachine", { id: VM_IDS["web-01"] });
    await api.run("detachVolume", { id: VOLUME_IDS["web-01-root"] });
    const attach = await api.run("attachVolume", {
      id: VOLUME_IDS["web-01-root-v2"],
      virtualmachineid: VM_IDS["web-01"],
      deviceid: "0",
    });
    expect(volumeOf(attach)).toMatchObject({ type: "ROOT", deviceid: 0, virtualmachineid: VM_IDS["web-01"] });
    const start = await api.run("startVirtualMachine", { id: VM_IDS["web-01"] });
    expect(start["jobstatus"]).toBe(1);
    const old = await api.list("listVolumes", "volume", { id: VOLUME_IDS["web-01-root"] });
    expect(old[0]).toMatchObject({ type: "DATADISK" });
  });

  it("attaches a broken ROOT to a rescue VM as a data disk (seed 001, case 2)", async () => {
    await api.run("detachVolume", { id: VOLUME_IDS["broken-01-root"] });
    const attach = await api.run("attachVolume", {
      id: VOLUME_IDS["broken-01-root"],
      virtualmachineid: VM_IDS["rescue-01"],
    });
    expect(volumeOf(attach)).toMatchObject({ type: "DATADISK", deviceid: 1, vmname: "rescue-01" });
    const start = await api.run("startVirtualMachine", { id: VM_IDS["broken-01"] });
    expect(start["jobresult"]).toEqual({
      errorcode: 530,
      errortext: "Unable to start VM broken-01: it has no ROOT volume attached",
    });
  });

  it("picks the next free device id from 1, skipping 3 (the CD-ROM)", async () => {
    const first = await api.run("attachVolume", {
      id: VOLUME_IDS["archive-01"],
      virtualmachineid: VM_IDS["db-01"],
    });
    const second = await api.run("attachVolume", {
      id: VOLUME_IDS["web-01-root-v2"],
      virtualmachineid: VM_IDS["db-01"],
    });
    expect(volumeOf(first)["deviceid"]).toBe(2);
    expect(volumeOf(second)["deviceid"]).toBe(4);
  });

  it("skips the hypervisor check for a volume on managed storage", async () => {
    model().moveVolume("kvm-disk", "ds-managed");
    const job = await api.run("attachVolume", {
      id: VOLUME_IDS["kvm-disk"],
      virtualmachineid: VM_IDS["rescue-01"],
    });
    expect(job["jobstatus"]).toBe(1);
  });

  const attach = (volume: keyof typeof VOLUME_IDS, vm: keyof typeof VM_IDS, deviceid?: string) => ({
    id: VOLUME_IDS[volume],
    virtualmachineid: VM_IDS[vm],
    ...(deviceid !== undefined ? { deviceid } : {}),
  });
  const refusals: [string, () => unknown, Record<string, string>, number, string][] = [
    [
      "a volume of another type",
      () => {
        model().volume("archive-01").type = "ISO";
      },
      attach("archive-01", "rescue-01"),
      431,
      "Please specify a volume with the valid type: ROOT or DATADISK",
    ],
    [
      "an attached volume",
      () => {},
      attach("db-01-data", "rescue-01"),
      431,
      "Please specify a volume that is not attached to any VM.",
    ],
    [
      "a destroyed volume",
      () => model().setVolumeState("archive-01", "Destroy"),
      attach("archive-01", "rescue-01"),
      431,
      "Please specify a volume that is not destroyed.",
    ],
    [
      "a volume in another state",
      () => model().setVolumeState("archive-01", "Snapshotting"),
      attach("archive-01", "rescue-01"),
      431,
      "Volume state must be in Allocated, Ready or in Uploaded state",
    ],
    [
      "a VM neither running nor stopped",
      () => model().setVmState("rescue-01", "Stopping"),
      attach("archive-01", "rescue-01"),
      431,
      "Please specify a VM that is either running or stopped.",
    ],
    [
      "deviceid 0 on an unsupported hypervisor",
      () => {
        model().vm("broken-01").hypervisor = "Hyperv";
      },
      attach("web-01-root-v2", "broken-01", "0"),
      431,
      "Root volume detach is not supported for hypervisor type Hyperv",
    ],
    [
      "deviceid 0 on a running VM",
      () => {},
      attach("web-01-root-v2", "rescue-01", "0"),
      431,
      "Root volume detach can happen only when vm is in states: Stopped or Destroyed",
    ],
    [
      "deviceid 0 from managed storage",
      () => model().moveVolume("web-01-root-v2", "ds-managed"),
      attach("web-01-root-v2", "db-01", "0"),
      431,
      "Root volume detach is not supported for Managed DataStores",
    ],
    [
      "deviceid 0 on a VM that has a ROOT",
      () => {},
      attach("web-01-root-v2", "db-01", "0"),
      431,
      "Vm already has root volume attached to it",
    ],
    [
      "deviceid 0 for an Uploaded volume",
      () => {
        model().detachVolume("broken-01-root");
        model().setVolumeState("web-01-root-v2", "Uploaded");
      },
      attach("web-01-root-v2", "broken-01", "0"),
      431,
      "No support for Root volume attach in state Uploaded",
    ],
    [
      "a VM with VM snapshots",
      () => {},
      attach("archive-01", "snap-01"),
      431,
      `Unable to attach volume to VM snap-01/${VM_IDS["snap-01"]}, please specify a VM that does not have VM snapshots`,
    ],
    [
      "a VM with backups",
      () => model().setVmBackups("rescue-01", true),
      attach("archive-01", "rescue-01"),
      431,
      `Unable to attach volume to VM rescue-01/${VM_IDS["rescue-01"]}, please specify a VM that does not have any backups`,
    ],
    [
      "a volume of another hypervisor",
      () => {},
      attach("kvm-disk", "rescue-01"),
      431,
      "Can't attach a volume created by: KVM to a VMware vm",
    ],
    [
      "an encrypted volume on VMware",
      () => {
        model().volume("archive-01").encrypted = true;
      },
      attach("archive-01", "rescue-01"),
      431,
      "Volume's disk offering has encryption enabled, but volume encryption is not supported for hypervisor type VMware",
    ],
    [
      "device 3 (the CD-ROM)",
      () => {},
      attach("archive-01", "rescue-01", "3"),
      530,
      "deviceId should be 0,1,2,4-60",
    ],
    ["a used device", () => {}, attach("archive-01", "db-01", "1"), 530, "deviceId 1 is used by vm 3"],
  ];
  for (const [what, drift, params, errorcode, message] of refusals) {
    it(`refuses ${what} inside the job`, async () => {
      await drift();
      const job = await api.run("attachVolume", params);
      expect(job).toMatchObject({
        jobstatus: 2,
        jobresultcode: 530,
        jobresult: { errorcode, errortext: message },
      });
    });
  }

  it("refuses a VM of another zone and a VM at its data-disk limit", async () => {
    const inventory = defaultInventory();
    // With two zones every entity must name its zone.
    for (const list of [inventory.clusters, inventory.storagePools, inventory.vms, inventory.volumes]) {
      for (const entity of list) entity.zone ??= "zone-1";
    }
    inventory.zones.push({ name: "zone-2" });
    inventory.clusters.push({ name: "lxc-c", zone: "zone-2", hypervisor: "LXC" });
    inventory.hosts.push({ name: "lxc-c-01", cluster: "lxc-c", state: "Up" });
    inventory.storagePools.push({
      ...inventory.storagePools[0]!,
      id: undefined,
      name: "lxc-pool",
      zone: "zone-2",
      cluster: "lxc-c",
      type: "NetworkFilesystem",
      tags: [],
    });
    inventory.vms.push({
      ...inventory.vms[1]!,
      id: undefined,
      name: "lxc-01",
      zone: "zone-2",
      hypervisor: "LXC",
      host: "lxc-c-01",
    });
    const disk = (name: string, deviceid: number | null) => ({
      ...inventory.volumes[3]!,
      id: undefined,
      name,
      zone: "zone-2",
      pool: "lxc-pool",
      diskoffering: "standard",
      hypervisor: "LXC" as const,
      vm: deviceid === null ? null : "lxc-01",
      deviceid,
    });
    inventory.volumes.push(
      ...[1, 2, 4, 5, 6, 7].map((slot) => disk(`lxc-data-${slot}`, slot)),
      disk("lxc-spare", null),
    );
    await lab.stop();
    lab = await startLab({ inventory, jobDurationMs: 50 });
    api = new TestApi(lab.cloudstack);
    const spare = model().volume("lxc-spare").id;

    const otherZone = await api.run("attachVolume", { id: spare, virtualmachineid: VM_IDS["rescue-01"] });
    expect((otherZone["jobresult"] as JsonObject)["errortext"]).toBe(
      "Please specify a VM that is in the same zone as the volume.",
    );
    const full = await api.run("attachVolume", { id: spare, virtualmachineid: model().vm("lxc-01").id });
    expect((full["jobresult"] as JsonObject)["errortext"]).toBe(
      "The specified VM already has the maximum number of data disks (6) attached. Please specify another VM.",
    );
  });
});
