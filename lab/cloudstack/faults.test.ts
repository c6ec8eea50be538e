import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Lab, startLab } from "../index.ts";
import { VM_IDS } from "./default-ids.ts";
import { TestApi } from "./test-client.ts";

let lab: Lab;
let api: TestApi;
beforeEach(async () => {
  lab = await startLab({ jobDurationMs: 50 });
  api = new TestApi(lab.cloudstack);
});
afterEach(() => lab.stop());

describe("faults", () => {
  it("status: answers 5xx with an errorcode 530 envelope without executing", async () => {
    lab.cloudstack.faults.inject({ kind: "status", status: 503, times: 2, commands: ["stopVirtualMachine"] });
    const first = await api.call("stopVirtualMachine", { id: VM_IDS["web-01"] });
    expect(first.status).toBe(503);
    expect(first.json).toMatchObject({ stopvirtualmachineresponse: { uuidList: [], errorcode: 530 } });
    expect((await api.call("listZones")).status).toBe(200); // other commands are untouched
    expect((await api.call("stopVirtualMachine", { id: VM_IDS["web-01"] })).status).toBe(503);
    expect(lab.cloudstack.model.vm("web-01").state).toBe("Running");
    expect((await api.call("stopVirtualMachine", { id: VM_IDS["web-01"] })).status).toBe(200);
    expect(lab.cloudstack.count("stopVirtualMachine")).toBe(1);
    expect(lab.cloudstack.calls.filter((c) => c.fault === "status 503")).toHaveLength(2);
  });

  it("status-after: executes the command, then answers 5xx (the job exists, its id was never seen)", async () => {
    lab.cloudstack.faults.inject({ kind: "status-after", status: 502, times: 1 });
    const result = await api.call("stopVirtualMachine", { id: VM_IDS["web-01"] });
    expect(result.status).toBe(502);
    expect(result.body).not.toHaveProperty("jobid");
    const call = lab.cloudstack.calls.at(-1)!;
    expect(call).toMatchObject({
      command: "stopVirtualMachine",
      httpStatus: 502,
      executed: true,
      fault: "status-after 502",
    });
    expect(call.jobid).toMatch(/^[0-9a-f-]{36}$/);
    await lab.cloudstack.settle();
    expect(lab.cloudstack.model.vm("web-01").state).toBe("Stopped");
    // A client that observes instead of retrying finds the job on the VM's listing while it runs, or its effect.
    const [vm] = await api.list("listVirtualMachines", "virtualmachine", { id: VM_IDS["web-01"] });
    expect(vm!["state"]).toBe("Stopped");
  });

  it("reset: destroys the connection before executing", async () => {
    lab.cloudstack.faults.inject({ kind: "reset", times: 1, commands: ["stopvirtualmachine"] });
    await expect(api.call("stopVirtualMachine", { id: VM_IDS["web-01"] })).rejects.toThrow();
    expect(lab.cloudstack.calls.at(-1)).toMatchObject({ httpStatus: 0, executed: false, fault: "reset" });
    expect(lab.cloudstack.model.vm("web-01").state).toBe("Running");
    expect((await api.call("stopVirtualMachine", { id: VM_IDS["web-01"] })).status).toBe(200);
  });

  it("reset after: executes, then destroys the connection", async () => {
    lab.cloudstack.faults.inject({ kind: "reset", times: 1, after: true });
    await expect(api.call("stopVirtualMachine", { id: VM_IDS["web-01"] })).rejects.toThrow();
    expect(lab.cloudstack.calls.at(-1)).toMatchObject({
      httpStatus: 0,
      executed: true,
      fault: "reset-after",
    });
    await lab.cloudstack.settle();
    expect(lab.cloudstack.model.vm("web-01").state).toBe("Stopped");
  });

  it("ratelimit: answers 429 with Retry-After and an errorcode 429 envelope", async () => {
    lab.cloudstack.faults.inject({ kind: "ratelimit", retryAfterSeconds: 3, times: 1 });
    const result = await api.call("listVolumes");
    expect(result.status).toBe(429);
    expect(result.headers.get("retry-after")).toBe("3");
    expect(result.json).toMatchObject({ listvolumesresponse: { errorcode: 429, uuidList: [] } });
    expect(lab.cloudstack.count("listVolumes")).toBe(0);
    expect((await api.call("listVolumes")).status).toBe(200);
  });

  it("latency: delays answers, for N requests or until cleared", async () => {
    lab.cloudstack.faults.inject({ kind: "latency", ms: 300, times: 1, commands: ["listZones"] });
    let started = Date.now();
    await api.call("listZones");
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    started = Date.now();
    await api.call("listZones");
    expect(Date.now() - started).toBeLessThan(250);

    lab.cloudstack.faults.inject({ kind: "latency", ms: 60 });
    started = Date.now();
    await api.call("listZones");
    await api.call("listHosts");
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(lab.cloudstack.faults.pending()).toHaveLength(1);
    lab.cloudstack.faults.clear();
    expect(lab.cloudstack.faults.pending()).toHaveLength(0);
  });

  it("latency combines with a failure", async () => {
    lab.cloudstack.faults.inject({ kind: "latency", ms: 50, times: 1 });
    lab.cloudstack.faults.inject({ kind: "status", status: 500, times: 1 });
    expect((await api.call("listZones")).status).toBe(500);
    expect(lab.cloudstack.calls.at(-1)!.fault).toBe("latency 50ms, status 500");
  });

  it("rejects an invalid fault spec", () => {
    expect(() => lab.cloudstack.faults.inject({ kind: "status", status: 404 })).toThrow();
  });
});

describe("call log", () => {
  it("records every request in order, without signature and apikey", async () => {
    await api.call("listZones");
    await api.call("stopVirtualMachine", { id: VM_IDS["web-01"] });
    await api.call("noSuchCommand");
    await api.call("listVolumes", {}, { secretKey: "wrong" });
    const calls = lab.cloudstack.calls;
    expect(calls.map((c) => [c.seq, c.command, c.httpStatus, c.executed])).toEqual([
      [1, "listZones", 200, true],
      [2, "stopVirtualMachine", 200, true],
      [3, "noSuchCommand", 432, false],
      [4, "listVolumes", 401, false],
    ]);
    expect(calls[1]!.params).toEqual({ id: VM_IDS["web-01"], response: "json" });
    expect(calls[1]!.jobid).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls[3]).toMatchObject({ errorcode: 401, authFailure: "signature mismatch" });
    expect(calls.every((c) => c.at >= 0)).toBe(true);
  });

  it("counts executed calls per command, case-insensitively", async () => {
    await api.call("listVolumes");
    await api.call("LISTVOLUMES");
    await api.call("listVolumes", { id: "not-a-uuid" }); // 431: not executed
    expect(lab.cloudstack.count("listVolumes")).toBe(2);
    expect(lab.cloudstack.count("listvolumes")).toBe(2);
    lab.cloudstack.clearCalls();
    expect(lab.cloudstack.count("listVolumes")).toBe(0);
  });

  it("keeps arrival order when a delayed request finishes last", async () => {
    lab.cloudstack.faults.inject({ kind: "latency", ms: 80, times: 1, commands: ["listZones"] });
    const slow = api.call("listZones");
    await new Promise((resolve) => setTimeout(resolve, 20));
    await api.call("listHosts"); // arrives second, answered first
    await slow;
    expect(lab.cloudstack.calls.map((c) => [c.seq, c.command])).toEqual([
      [1, "listZones"],
      [2, "listHosts"],
    ]);
  });
});

describe("hold", () => {
  it("keeps a request unexecuted until released, then runs it", async () => {
    const hold = lab.cloudstack.faults.hold("stopVirtualMachine");
    const answer = api.call("stopVirtualMachine", { id: VM_IDS["web-01"] });
    await hold.arrived;
    expect(lab.cloudstack.count("stopVirtualMachine")).toBe(0);
    expect(lab.cloudstack.model.vm("web-01").state).toBe("Running");
    hold.release();
    expect((await answer).status).toBe(200);
    expect(await hold.settled).toBe("released");
    expect(lab.cloudstack.count("stopVirtualMachine")).toBe(1);
    // Used up: the next request runs at once.
    await lab.cloudstack.settle();
    expect((await api.call("startVirtualMachine", { id: VM_IDS["web-01"] })).status).toBe(200);
  });

  it("drops the held request, never executed, when its client goes away", async () => {
    const hold = lab.cloudstack.faults.hold("stopVirtualMachine");
    const gone = new AbortController();
    const answer = api
      .call("stopVirtualMachine", { id: VM_IDS["web-01"] }, { signal: gone.signal })
      .catch(() => "aborted");
    await hold.arrived;
    gone.abort();
    expect(await answer).toBe("aborted");
    expect(await hold.settled).toBe("dropped");
    expect(lab.cloudstack.calls.at(-1)).toMatchObject({ command: "stopVirtualMachine", executed: false });
    expect(lab.cloudstack.model.vm("web-01").state).toBe("Running");
  });
});
