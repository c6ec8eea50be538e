import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Lab, startLab } from "../index.ts";
import { POOL_IDS, VM_IDS, VOLUME_IDS } from "./default-ids.ts";
import { type JsonObject, TestApi } from "./test-client.ts";

let lab: Lab;
let api: TestApi;
beforeEach(async () => {
  lab = await startLab({ jobDurationMs: 150 });
  api = new TestApi(lab.cloudstack);
});
afterEach(() => lab.stop());

describe("async jobs", () => {
  it("answers with a jobid at once and keeps the job pending for jobDurationMs", async () => {
    const started = Date.now();
    const accepted = await api.call("stopVirtualMachine", { id: VM_IDS["web-01"] });
    expect(accepted.status).toBe(200);
    expect(Object.keys(accepted.body)).toEqual(["jobid"]);
    const jobid = accepted.body["jobid"] as string;

    const pending = await api.job(jobid);
    expect(pending).toMatchObject({
      jobid,
      jobstatus: 0,
      jobprocstatus: 0,
      jobresultcode: 0,
      jobinstancetype: "VirtualMachine",
      jobinstanceid: VM_IDS["web-01"],
      cmd: "org.apache.cloudstack.api.command.user.vm.StopVMCmd",
    });
    expect(pending).not.toHaveProperty("jobresult");
    expect(pending).not.toHaveProperty("completed");

    const done = await api.waitJob(jobid);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(done).toMatchObject({ jobstatus: 1, jobresultcode: 0, jobresulttype: "object" });
    expect(typeof done["completed"]).toBe("string");
    const vm = (done["jobresult"] as JsonObject)["virtualmachine"] as JsonObject;
    expect(vm).toMatchObject({ id: VM_IDS["web-01"], state: "Stopped" });
    expect(vm).not.toHaveProperty("jobid");
  });

  it("shows jobid and jobstatus 0 on the object while its job is pending, and the transitional state", async () => {
    const jobid = await api.start("stopVirtualMachine", { id: VM_IDS["web-01"] });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const [vm] = await api.list("listVirtualMachines", "virtualmachine", { id: VM_IDS["web-01"] });
    expect(vm).toMatchObject({ state: "Stopping", jobid, jobstatus: 0 });
    await lab.cloudstack.settle();
    const [after] = await api.list("listVirtualMachines", "virtualmachine", { id: VM_IDS["web-01"] });
    expect(after).not.toHaveProperty("jobid");
    expect(after!["state"]).toBe("Stopped");
  });

  it("shows a pending volume job on the volume (Migrating)", async () => {
    const jobid = await api.start("migrateVolume", {
      volumeid: VOLUME_IDS["archive-01"],
      storageid: POOL_IDS["ds-gold-02"],
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const [volume] = await api.list("listVolumes", "volume", { id: VOLUME_IDS["archive-01"] });
    expect(volume).toMatchObject({ state: "Migrating", jobid, jobstatus: 0, storage: "ds-gold-01" });
    const done = await api.waitJob(jobid);
    expect((done["jobresult"] as JsonObject)["volume"]).toMatchObject({
      state: "Ready",
      storage: "ds-gold-02",
    });
  });

  it("queues a second job on the same VM behind the first", async () => {
    const stop = await api.start("stopVirtualMachine", { id: VM_IDS["web-01"] });
    // Detaching the ROOT needs a Stopped VM: it only passes because it waits for the stop.
    const detach = await api.start("detachVolume", { id: VOLUME_IDS["web-01-root"] });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const [queued] = await api.list("listVolumes", "volume", { id: VOLUME_IDS["web-01-root"] });
    expect(queued).toMatchObject({ jobid: detach, type: "ROOT" });
    const stopDone = await api.waitJob(stop);
    const detachDone = await api.waitJob(detach);
    expect(stopDone["jobstatus"]).toBe(1);
    expect(detachDone["jobstatus"]).toBe(1);
    expect(Date.parse(String(detachDone["completed"]).replace("+0000", "Z"))).toBeGreaterThanOrEqual(
      Date.parse(String(stopDone["completed"]).replace("+0000", "Z")),
    );
    expect((detachDone["jobresult"] as JsonObject)["volume"]).toMatchObject({ type: "DATADISK" });
  });

  it("runs jobs on different VMs side by side", async () => {
    await api.start("stopVirtualMachine", { id: VM_IDS["web-01"] });
    await api.start("stopVirtualMachine", { id: VM_IDS["rescue-01"] });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const vms = await api.list("listVirtualMachines", "virtualmachine", { state: "Stopping" });
    expect(vms.map((vm) => vm["name"]).sort()).toEqual(["rescue-01", "web-01"]);
    await lab.cloudstack.settle();
  });

  it("settle() waits for every job; jobDurationMs can change at run time", async () => {
    lab.cloudstack.jobDurationMs = 5000;
    lab.cloudstack.jobDurationMs = 20;
    const started = Date.now();
    await api.start("stopVirtualMachine", { id: VM_IDS["web-01"] });
    await lab.cloudstack.settle();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(lab.cloudstack.model.vm("web-01").state).toBe("Stopped");
  });

  it("lists jobs with listAsyncJobs", async () => {
    const jobid = await api.start("stopVirtualMachine", { id: VM_IDS["web-01"] });
    await lab.cloudstack.settle();
    const jobs = await api.list("listAsyncJobs", "asyncjobs", { listall: "true" });
    expect(jobs.map((j) => j["jobid"])).toEqual([jobid]);
    expect(jobs[0]).toMatchObject({ jobstatus: 1 });
  });

  it("reports a refused job as jobstatus 2, jobresultcode 530, jobresult {errorcode, errortext}", async () => {
    const jobid = await api.start("detachVolume", { id: VOLUME_IDS["web-01-root"] });
    const job = await api.waitJob(jobid);
    expect(job).toMatchObject({
      jobstatus: 2,
      jobresultcode: 530,
      jobresulttype: "object",
      jobinstancetype: "Volume",
      jobinstanceid: VOLUME_IDS["web-01-root"],
      cmd: "org.apache.cloudstack.api.command.user.volume.DetachVolumeCmd",
      jobresult: {
        errorcode: 431,
        errortext: "Root volume detach can happen only when vm is in states: Stopped or Destroyed",
      },
    });
  });
});

describe("pauseJobs", () => {
  it("keeps running jobs from finishing until resumeJobs; the job is pending meanwhile", async () => {
    const accepted = await api.call("stopVirtualMachine", { id: VM_IDS["web-01"] });
    const jobid = accepted.body["jobid"] as string;
    lab.cloudstack.pauseJobs();
    await new Promise((r) => setTimeout(r, 300));
    expect(await api.job(jobid)).toMatchObject({ jobstatus: 0 });
    lab.cloudstack.resumeJobs();
    expect(await api.waitJob(jobid)).toMatchObject({ jobstatus: 1 });
    expect(lab.cloudstack.model.vm("web-01").state).toBe("Stopped");
  });
});
