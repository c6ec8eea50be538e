/**
 * cloudstack_root_volume planner, table-driven: exact step sequences, every blocker with the API's
 * rule quoted, convergence of each plan on its own prediction, destroy plans and bad input.
 * Pure: `next` and `planSequence` over hand-built observations.
 */
import { describe, expect, it } from "vitest";
import type { StoragePool, VirtualMachine, Volume } from "./api.ts";
import { converge } from "../engine/converge.ts";
import { intentTags } from "../engine/intent.ts";
import { planSequence } from "../engine/plan.ts";
import { parseSpec, planResource } from "../engine/resource.ts";
import {
  attached,
  callOf,
  DURATION_RULE,
  type ExpectedBlocker,
  expectBlockers,
  expectConverges,
  expectInvalid,
  FakeCloudStack,
  HELPER,
  ID,
  inFlight,
  lines,
  op,
  POOL_A,
  POOL_MANAGED,
  planOf,
  resolvedSpec,
  SNAPSHOT_RULE,
  UUID_RULE,
  vm,
  volume,
  WEB,
} from "./fixtures.test-helpers.ts";
import {
  type RootVolumeObserved,
  type RootVolumeOutputs,
  type RootVolumeSpec,
  rootVolume,
} from "./root-volume.ts";

const webRoot = volume(ID.webRoot, "ROOT-web");
const newRoot = volume(ID.newRoot, "web-root-v2");
const running = vm(WEB, "Running");
/** The VM with an intent record of this type (as an interrupted run leaves it). */
const recorded = (v: VirtualMachine, values: Record<string, string>): VirtualMachine => ({
  ...v,
  tags: intentTags("cloudstack_root_volume", values),
});
const stopped = vm(WEB, "Stopped");

/** Parsed through the kind's schema, so defaults (allow_stop = false …) apply. */
function specOf(input: Record<string, unknown> = {}): RootVolumeSpec {
  return parseSpec(rootVolume, { virtual_machine_id: ID.web, volume_id: ID.newRoot, ...input });
}

interface World {
  /** null: the VM is not found. Default: `web`, Running, KVM. */
  vm?: VirtualMachine | null;
  /** Volumes attached to the VM. Default: its ROOT `ROOT-web` at device 0. */
  vmVolumes?: Volume[];
  /** null: the desired volume is not found. Default: `web-root-v2`, detached, Ready. */
  volume?: Volume | null;
  pools?: StoragePool[];
  snapshots?: number;
}

/** What observe() would return for this world. */
function world(w: World = {}): RootVolumeObserved {
  const theVm = w.vm === null ? undefined : (w.vm ?? running);
  return {
    vm: theVm,
    vmVolumes: w.vmVolumes ?? [attached(webRoot, WEB, 0)],
    volume: w.volume === null ? undefined : (w.volume ?? newRoot),
    pools: w.pools ?? [POOL_A],
    snapshots: w.snapshots ?? 0,
  };
}

interface PathRow {
  name: string;
  spec: Record<string, unknown>;
  observed: World;
  expected: string[];
}

const swap = [op.detach(ID.webRoot), op.attach(ID.newRoot, ID.web, 0)];
const T = "cloudstack_root_volume";
/** The intent record written before anything changes: start again?, and the root being replaced. */
const rec = (restart: boolean, previous: string | null = ID.webRoot, target: string = ID.newRoot) =>
  op.record(ID.web, T, {
    restart: String(restart),
    ...(previous ? { previous_volume_id: previous } : {}),
    volume_id: target,
  });
/** … and deleted once the swap is complete. */
const clr = (previous = true) =>
  op.clear(ID.web, T, previous ? ["restart", "previous_volume_id", "volume_id"] : ["restart", "volume_id"]);
/** The swap of a Stopped VM that stays Stopped. */
const stoppedSwap = [rec(false), ...swap, clr()];

const paths: PathRow[] = [
  {
    name: "Running VM + allow_stop: stop, detach the current ROOT, attach at device 0, start",
    spec: { allow_stop: true },
    observed: {},
    expected: [rec(true), op.stop(ID.web), ...swap, op.start(ID.web), clr()],
  },
  {
    name: "Stopped VM: no stop and no start",
    spec: {},
    observed: { vm: stopped },
    expected: stoppedSwap,
  },
  {
    name: "Stopped VM + start = true: start at the end",
    spec: { start: true },
    observed: { vm: stopped },
    expected: [rec(true), ...swap, op.start(ID.web), clr()],
  },
  {
    name: "Stopped VM + start = false: stays Stopped",
    spec: { start: false },
    observed: { vm: stopped },
    expected: stoppedSwap,
  },
  {
    name: "Running VM + allow_stop + start = false: no start at the end",
    spec: { allow_stop: true, start: false },
    observed: {},
    expected: [rec(false), op.stop(ID.web), ...swap, clr()],
  },
  {
    name: "desired volume already the ROOT (Running VM): empty plan",
    spec: {},
    observed: { vmVolumes: [attached(newRoot, WEB, 0)], volume: attached(newRoot, WEB, 0) },
    expected: [],
  },
  {
    name: "desired volume already the ROOT (Stopped VM): empty plan",
    spec: {},
    observed: { vm: stopped, vmVolumes: [attached(newRoot, WEB, 0)], volume: attached(newRoot, WEB, 0) },
    expected: [],
  },
  {
    name: "desired volume already the ROOT, Stopped VM + start = true: only the start",
    spec: { start: true },
    observed: { vm: stopped, vmVolumes: [attached(newRoot, WEB, 0)], volume: attached(newRoot, WEB, 0) },
    expected: [op.start(ID.web)],
  },
  {
    name: "desired volume already the ROOT, Running VM + start = true: empty plan",
    spec: { start: true },
    observed: { vmVolumes: [attached(newRoot, WEB, 0)], volume: attached(newRoot, WEB, 0) },
    expected: [],
  },
  {
    name: "desired volume is a data disk of the same Stopped VM: detach the ROOT, detach it, attach it at 0",
    spec: {},
    observed: {
      vm: stopped,
      vmVolumes: [attached(webRoot, WEB, 0), attached(newRoot, WEB, 1)],
      volume: attached(newRoot, WEB, 1),
    },
    expected: [
      rec(false),
      op.detach(ID.webRoot),
      op.detach(ID.newRoot),
      op.attach(ID.newRoot, ID.web, 0),
      clr(),
    ],
  },
  {
    name: "desired volume is a data disk of the same Running VM + allow_stop: stop, detach both, attach at 0, start",
    spec: { allow_stop: true },
    observed: {
      vmVolumes: [attached(webRoot, WEB, 0), attached(newRoot, WEB, 1)],
      volume: attached(newRoot, WEB, 1),
    },
    expected: [
      rec(true),
      op.stop(ID.web),
      op.detach(ID.webRoot),
      op.detach(ID.newRoot),
      op.attach(ID.newRoot, ID.web, 0),
      op.start(ID.web),
      clr(),
    ],
  },
  {
    name: "Stopped VM with no ROOT: only the attach at device 0",
    spec: {},
    observed: { vm: stopped, vmVolumes: [] },
    expected: [rec(false, null), op.attach(ID.newRoot, ID.web, 0), clr(false)],
  },
  {
    name: "Running VM with no ROOT but a data disk + allow_stop: stop, attach at 0, start (the data disk stays)",
    spec: { allow_stop: true },
    observed: { vmVolumes: [attached(volume(ID.data1, "data-1"), WEB, 1)] },
    expected: [
      rec(true, null),
      op.stop(ID.web),
      op.attach(ID.newRoot, ID.web, 0),
      op.start(ID.web),
      clr(false),
    ],
  },
  {
    name: "VM Stopping: wait for it to settle, then swap; it was not Running, so no start",
    spec: {},
    observed: { vm: vm(WEB, "Stopping") },
    expected: [op.waitVm("web", "Stopping"), ...stoppedSwap],
  },
  {
    name: "VM Starting + allow_stop: wait for it, stop, swap, start",
    spec: { allow_stop: true },
    observed: { vm: vm(WEB, "Starting") },
    expected: [op.waitVm("web", "Starting"), rec(true), op.stop(ID.web), ...swap, op.start(ID.web), clr()],
  },
  {
    name: "VM Migrating (offline storage move): wait for it to settle as Stopped, then swap",
    spec: {},
    observed: { vm: vm(WEB, "Migrating") },
    expected: [op.waitVm("web", "Migrating"), ...stoppedSwap],
  },
  {
    name: "a finished job (jobstatus 1) on the VM is not in flight",
    spec: {},
    observed: { vm: vm(WEB, "Stopped", { jobid: "job-done", jobstatus: 1 }) },
    expected: stoppedSwap,
  },
  {
    name: "a failed job (jobstatus 2) on the desired volume is not in flight",
    spec: {},
    observed: {
      vm: stopped,
      volume: volume(ID.newRoot, "web-root-v2", { jobid: "job-failed", jobstatus: 2 }),
    },
    expected: stoppedSwap,
  },
  {
    name: "desired volume Allocated (never written): allowed",
    spec: {},
    observed: { vm: stopped, volume: volume(ID.newRoot, "web-root-v2", { state: "Allocated" }) },
    expected: stoppedSwap,
  },
  {
    name: "desired volume with hypervisor None: no hypervisor check",
    spec: {},
    observed: { vm: stopped, volume: volume(ID.newRoot, "web-root-v2", { hypervisor: "None" }) },
    expected: stoppedSwap,
  },
  ...(["VMware", "XenServer", "Simulator"] as const).map(
    (hv): PathRow => ({
      name: `Stopped ${hv} VM with ${hv} volumes: allowed`,
      spec: {},
      observed: {
        vm: vm(WEB, "Stopped", { hypervisor: hv }),
        vmVolumes: [attached(volume(ID.webRoot, "ROOT-web", { hypervisor: hv }), WEB, 0)],
        volume: volume(ID.newRoot, "web-root-v2", { hypervisor: hv }),
      },
      expected: stoppedSwap,
    }),
  ),
];

describe("cloudstack_root_volume plans", () => {
  it.each(paths)("$name", ({ spec: input, observed, expected }) => {
    const spec = specOf(input);
    const plan = planOf(rootVolume, spec, world(observed));
    expect(lines(plan)).toEqual(expected);
    expect(plan.blockers).toEqual([]);
  });

  it.each(paths)("converges on its own prediction: $name", ({ spec: input, observed }) => {
    expectConverges(rootVolume, specOf(input), world(observed));
  });

  it("the swap of a Running VM: every step exactly, the stop as the one warning, the predicted end state", () => {
    const spec = specOf({ allow_stop: true });
    const plan = planOf(rootVolume, spec, world());
    expect(plan.steps.map((s) => callOf(s.step))).toEqual([
      {
        operation: "createTags",
        action: "call",
        request: `createTags resourceids=${ID.web} resourcetype=UserVm ferry.cloudstack_root_volume.restart=true ferry.cloudstack_root_volume.previous_volume_id=${ID.webRoot} ferry.cloudstack_root_volume.volume_id=${ID.newRoot}`,
        params: {
          resourceids: ID.web,
          resourcetype: "UserVm",
          "tags[0].key": "ferry.cloudstack_root_volume.restart",
          "tags[0].value": "true",
          "tags[1].key": "ferry.cloudstack_root_volume.previous_volume_id",
          "tags[1].value": ID.webRoot,
          "tags[2].key": "ferry.cloudstack_root_volume.volume_id",
          "tags[2].value": ID.newRoot,
        },
      },
      {
        operation: "stopVirtualMachine",
        action: "call",
        request: `stopVirtualMachine id=${ID.web}`,
        params: { id: ID.web },
        disruption: "VM web stops: downtime until it is started again",
      },
      {
        operation: "detachVolume",
        action: "call",
        request: `detachVolume id=${ID.webRoot}`,
        params: { id: ID.webRoot },
      },
      {
        operation: "attachVolume",
        action: "call",
        request: `attachVolume id=${ID.newRoot} virtualmachineid=${ID.web} deviceid=0`,
        params: { id: ID.newRoot, virtualmachineid: ID.web, deviceid: 0 },
      },
      {
        operation: "startVirtualMachine",
        action: "call",
        request: `startVirtualMachine id=${ID.web}`,
        params: { id: ID.web },
      },
      {
        operation: "deleteTags",
        action: "call",
        request: `deleteTags resourceids=${ID.web} resourcetype=UserVm ferry.cloudstack_root_volume.restart ferry.cloudstack_root_volume.previous_volume_id ferry.cloudstack_root_volume.volume_id`,
        params: {
          resourceids: ID.web,
          resourcetype: "UserVm",
          "tags[0].key": "ferry.cloudstack_root_volume.restart",
          "tags[1].key": "ferry.cloudstack_root_volume.previous_volume_id",
          "tags[2].key": "ferry.cloudstack_root_volume.volume_id",
        },
      },
    ]);
    const titles = plan.steps.map((s) => s.step.title);
    expect(titles[0]).toContain("if this run is interrupted");
    expect(titles[1]).toContain("Stop VM web");
    expect(titles[2]).toContain("ROOT-web");
    expect(titles[2]).toContain("it becomes a DATADISK");
    expect(titles[3]).toContain("web-root-v2");
    expect(titles[3]).toContain("as ROOT (device 0)");
    expect(titles[4]).toContain("Start VM web");
    expect(titles[5]).toContain("Clear the record");
    expect(plan.warnings).toEqual(["stopVirtualMachine: VM web stops: downtime until it is started again"]);
    expect(plan.final.vm?.state).toBe("Running");
    expect(plan.final.vm?.tags).toEqual([]);
    expect(plan.final.vmVolumes.map((v) => [v.id, v.type, v.deviceid])).toEqual([[ID.newRoot, "ROOT", 0]]);
    expect(plan.final.volume).toMatchObject({
      id: ID.newRoot,
      type: "ROOT",
      deviceid: 0,
      virtualmachineid: ID.web,
    });
    // Each step's prediction: Stopped after the stop, no ROOT after the detach.
    expect(plan.steps[1]?.after.vm?.state).toBe("Stopped");
    expect(plan.steps[2]?.after.vmVolumes).toEqual([]);
  });

  it("a Stopped VM's swap carries no disruption and no warning", () => {
    const spec = specOf();
    const plan = planOf(rootVolume, spec, world({ vm: stopped }));
    expect(plan.steps.map((s) => s.step.disruption)).toEqual([undefined, undefined, undefined, undefined]);
    expect(plan.warnings).toEqual([]);
  });
});

describe("cloudstack_root_volume: `start` unset means as the VM was when the change began", () => {
  it.each([
    { state: "Running", start: undefined, resolved: true },
    { state: "Starting", start: undefined, resolved: true },
    { state: "Stopped", start: undefined, resolved: false },
    { state: "Stopping", start: undefined, resolved: false },
    { state: "Running", start: false, resolved: false },
    { state: "Stopped", start: true, resolved: true },
  ])("VM $state, start = $start → $resolved", ({ state, start, resolved }) => {
    const spec = specOf(start === undefined ? {} : { start });
    expect(resolvedSpec(rootVolume, spec, world({ vm: vm(WEB, state) })).start).toBe(resolved);
  });

  it("VM not found: left unset", () => {
    expect(resolvedSpec(rootVolume, specOf(), world({ vm: null })).start).toBeUndefined();
  });
});

describe("cloudstack_root_volume: operations in flight", () => {
  const jobs: { name: string; observed: World; wait: string; settled: World }[] = [
    {
      name: "job on the VM",
      observed: { vm: vm(WEB, "Stopped", inFlight("job-vm")) },
      wait: op.waitJob("job-vm", "VM web"),
      settled: { vm: stopped },
    },
    {
      name: "job on the desired volume",
      observed: { vm: stopped, volume: volume(ID.newRoot, "web-root-v2", inFlight("job-vol")) },
      wait: op.waitJob("job-vol", "volume web-root-v2"),
      settled: { vm: stopped },
    },
    {
      name: "job on the current ROOT",
      observed: {
        vm: stopped,
        vmVolumes: [attached(volume(ID.webRoot, "ROOT-web", inFlight("job-root")), WEB, 0)],
      },
      wait: op.waitJob("job-root", "volume ROOT-web"),
      settled: { vm: stopped },
    },
  ];

  it.each(jobs)("$name: the next step is a wait for it (nothing is issued)", ({ observed, wait }) => {
    const spec = specOf();
    const n = rootVolume.next(spec, world(observed));
    expect(n.kind).toBe("step");
    if (n.kind !== "step") return;
    expect(`${n.step.action} ${n.step.request}`).toBe(wait);
    expect(n.step.operation).toBe("queryAsyncJobResult");
    expect(n.step.disruption).toBeUndefined();
  });

  it.each(jobs)(
    "$name: the plan is the wait, then ends unsettled (what follows depends on the job)",
    ({ observed, wait }) => {
      const plan = planOf(rootVolume, specOf(), world(observed));
      expect(lines(plan)).toEqual([wait]);
      expect(plan.unsettled).toBe(true);
      expect(plan.blockers).toEqual([]);
    },
  );

  it.each(jobs)("$name: the wait predicts nothing: the state is left as observed", ({ observed }) => {
    const plan = planOf(rootVolume, specOf(), world(observed));
    expect(plan.steps[0]?.after).toStrictEqual(world(observed));
  });
});

interface BlockedRow {
  name: string;
  spec: Record<string, unknown>;
  observed: World;
  /** Steps planned before the blocker is met (waits only). */
  steps?: string[];
  blockers: ExpectedBlocker[];
}

const ROOT_STOPPED_RULE = "Root volume detach can happen only when vm is in states: Stopped or Destroyed";
const managedRule = "Root volume detach is not supported for Managed DataStores";

const blocked: BlockedRow[] = [
  {
    name: "VM_RUNNING: Running VM without allow_stop (names allow_stop)",
    spec: {},
    observed: {},
    blockers: [{ code: "VM_RUNNING", quote: ROOT_STOPPED_RULE, attribute: "allow_stop" }],
  },
  {
    name: "VM_RUNNING: Starting VM without allow_stop, after waiting for it",
    spec: {},
    observed: { vm: vm(WEB, "Starting") },
    steps: [op.waitVm("web", "Starting")],
    blockers: [{ code: "VM_RUNNING", quote: ROOT_STOPPED_RULE, attribute: "allow_stop" }],
  },
  {
    name: "VM_RUNNING: start = false on a Running VM already booting from the volume (names start)",
    spec: { start: false },
    observed: { vmVolumes: [attached(newRoot, WEB, 0)], volume: attached(newRoot, WEB, 0) },
    blockers: [
      { code: "VM_RUNNING", quote: "`start = false` asks for it to be Stopped", attribute: "start" },
    ],
  },
  {
    name: "UNSUPPORTED_HYPERVISOR: Hyperv",
    spec: {},
    observed: {
      vm: vm(WEB, "Stopped", { hypervisor: "Hyperv" }),
      vmVolumes: [attached(volume(ID.webRoot, "ROOT-web", { hypervisor: "Hyperv" }), WEB, 0)],
      volume: volume(ID.newRoot, "web-root-v2", { hypervisor: "Hyperv" }),
    },
    blockers: [
      {
        code: "UNSUPPORTED_HYPERVISOR",
        quote: "Root volume detach is not supported for hypervisor type Hyperv",
      },
    ],
  },
  {
    name: "UNSUPPORTED_HYPERVISOR: hypervisor unknown",
    spec: {},
    observed: { vm: vm(WEB, "Stopped", { hypervisor: undefined }) },
    blockers: [
      {
        code: "UNSUPPORTED_HYPERVISOR",
        quote: "Root volume detach is not supported for hypervisor type unknown",
      },
    ],
  },
  {
    name: "HYPERVISOR_MISMATCH: VMware volume for a KVM VM",
    spec: {},
    observed: { vm: stopped, volume: volume(ID.newRoot, "web-root-v2", { hypervisor: "VMware" }) },
    blockers: [
      { code: "HYPERVISOR_MISMATCH", quote: "Can't attach a volume created by: VMware to a KVM vm" },
    ],
  },
  {
    name: "MANAGED_STORAGE: desired volume on a managed pool",
    spec: {},
    observed: {
      vm: stopped,
      volume: volume(ID.newRoot, "web-root-v2", { storageid: ID.poolManaged }),
      pools: [POOL_A, POOL_MANAGED],
    },
    blockers: [{ code: "MANAGED_STORAGE", quote: managedRule }],
  },
  {
    name: "MANAGED_STORAGE: current ROOT on a managed pool",
    spec: {},
    observed: {
      vm: stopped,
      vmVolumes: [attached(volume(ID.webRoot, "ROOT-web", { storageid: ID.poolManaged }), WEB, 0)],
      pools: [POOL_A, POOL_MANAGED],
    },
    blockers: [
      {
        code: "MANAGED_STORAGE",
        quote: `Volume ROOT-web (${ID.webRoot}) is on managed storage pool pool-managed`,
      },
    ],
  },
  {
    name: "MANAGED_STORAGE: both on a managed pool, desired volume first",
    spec: {},
    observed: {
      vm: stopped,
      vmVolumes: [attached(volume(ID.webRoot, "ROOT-web", { storageid: ID.poolManaged }), WEB, 0)],
      volume: volume(ID.newRoot, "web-root-v2", { storageid: ID.poolManaged }),
      pools: [POOL_MANAGED],
    },
    blockers: [
      { code: "MANAGED_STORAGE", quote: `Volume web-root-v2 (${ID.newRoot}) is on managed storage pool` },
      { code: "MANAGED_STORAGE", quote: `Volume ROOT-web (${ID.webRoot}) is on managed storage pool` },
    ],
  },
  {
    name: "VM_SNAPSHOTS: the VM has VM snapshots (quotes detachVolume's rule)",
    spec: { allow_stop: true },
    observed: { snapshots: 2 },
    blockers: [
      {
        code: "VM_SNAPSHOTS",
        quote: `VM web (${ID.web}) has 2 VM snapshots ("${SNAPSHOT_RULE.detach}").`,
      },
    ],
  },
  {
    name: "VM_SNAPSHOTS: one VM snapshot",
    spec: { allow_stop: true },
    observed: { snapshots: 1 },
    blockers: [
      {
        code: "VM_SNAPSHOTS",
        quote: `VM web (${ID.web}) has 1 VM snapshot ("${SNAPSHOT_RULE.detach}").`,
      },
    ],
  },
  {
    name: "VOLUME_IN_USE: desired volume is a data disk of another VM",
    spec: {},
    observed: { vm: stopped, volume: attached(newRoot, HELPER, 1) },
    blockers: [
      {
        code: "VOLUME_IN_USE",
        quote: 'attached to another VM (helper); "Please specify a volume that is not attached to any VM."',
      },
    ],
  },
  {
    name: "VOLUME_IN_USE: desired volume is the ROOT of another VM",
    spec: {},
    observed: { vm: stopped, volume: attached(newRoot, HELPER, 0) },
    blockers: [{ code: "VOLUME_IN_USE", quote: "Please specify a volume that is not attached to any VM." }],
  },
  {
    name: "VOLUME_STATE: desired volume Resizing",
    spec: {},
    observed: { vm: stopped, volume: volume(ID.newRoot, "web-root-v2", { state: "Resizing" }) },
    blockers: [
      {
        code: "VOLUME_STATE",
        quote: 'is Resizing; "Volume state must be in Allocated, Ready or in Uploaded state"',
      },
    ],
  },
  {
    name: "VOLUME_STATE: desired volume destroyed",
    spec: {},
    observed: { vm: stopped, volume: volume(ID.newRoot, "web-root-v2", { state: "Destroy" }) },
    blockers: [
      {
        code: "VOLUME_STATE",
        quote: `Volume web-root-v2 (${ID.newRoot}) is destroyed; "Please specify a volume that is not destroyed."`,
      },
    ],
  },
  {
    name: "VOLUME_STATE: an Uploaded volume cannot become a ROOT (nothing is stopped or detached)",
    spec: { allow_stop: true },
    observed: { volume: volume(ID.newRoot, "web-root-v2", { state: "Uploaded" }) },
    blockers: [
      {
        code: "VOLUME_STATE",
        quote: `Volume web-root-v2 (${ID.newRoot}) is Uploaded; "No support for Root volume attach in state Uploaded".`,
      },
    ],
  },
  {
    name: "ZONE_MISMATCH: desired volume in another zone",
    spec: {},
    observed: { vm: stopped, volume: volume(ID.newRoot, "web-root-v2", { zoneid: ID.otherZone }) },
    blockers: [
      { code: "ZONE_MISMATCH", quote: "Please specify a VM that is in the same zone as the volume." },
    ],
  },
  {
    name: "NOT_FOUND: the VM",
    spec: {},
    observed: { vm: null },
    blockers: [{ code: "NOT_FOUND", quote: `VM ${ID.web} was not found.`, attribute: "virtual_machine_id" }],
  },
  {
    name: "NOT_FOUND: the volume",
    spec: {},
    observed: { volume: null },
    blockers: [{ code: "NOT_FOUND", quote: `Volume ${ID.newRoot} was not found.`, attribute: "volume_id" }],
  },
  {
    name: "NOT_FOUND: both — the VM is reported",
    spec: {},
    observed: { vm: null, volume: null },
    blockers: [{ code: "NOT_FOUND", quote: `VM ${ID.web} was not found.`, attribute: "virtual_machine_id" }],
  },
  {
    name: "VM_STATE: VM in Error",
    spec: { allow_stop: true },
    observed: { vm: vm(WEB, "Error") },
    blockers: [
      { code: "VM_STATE", quote: "VM web is Error; a ROOT volume is swapped only on a Stopped VM." },
    ],
  },
  {
    name: "every rule at once, in a fixed order",
    spec: {},
    observed: {
      vm: vm(WEB, "Stopped", { hypervisor: "Hyperv" }),
      volume: attached(
        volume(ID.newRoot, "web-root-v2", { hypervisor: "VMware", zoneid: ID.otherZone, state: "Resizing" }),
        HELPER,
        1,
      ),
      snapshots: 1,
    },
    blockers: [
      {
        code: "UNSUPPORTED_HYPERVISOR",
        quote: "Root volume detach is not supported for hypervisor type Hyperv",
      },
      { code: "HYPERVISOR_MISMATCH", quote: "Can't attach a volume created by: VMware to a Hyperv vm" },
      { code: "ZONE_MISMATCH", quote: "Please specify a VM that is in the same zone as the volume." },
      { code: "VOLUME_STATE", quote: "Volume state must be in Allocated, Ready or in Uploaded state" },
      {
        code: "VM_SNAPSHOTS",
        quote: `VM web (${ID.web}) has 1 VM snapshot ("${SNAPSHOT_RULE.detach}").`,
      },
      { code: "VOLUME_IN_USE", quote: "Please specify a volume that is not attached to any VM." },
    ],
  },
];

describe("cloudstack_root_volume blockers", () => {
  it.each(blocked)("$name", ({ spec: input, observed, steps, blockers }) => {
    const spec = specOf(input);
    const plan = planOf(rootVolume, spec, world(observed));
    expect(lines(plan)).toEqual(steps ?? []);
    expectBlockers(plan.blockers, blockers);
  });
});

describe("cloudstack_root_volume destroy", () => {
  // After a swap web boots from web-root-v2; its old ROOT (ROOT-web) is now a detached DATADISK.
  const afterSwap: World = { vmVolumes: [attached(newRoot, WEB, 0)], volume: volume(ID.webRoot, "ROOT-web") };
  const prior: RootVolumeOutputs = {
    root_volume_id: ID.newRoot,
    root_volume_name: "web-root-v2",
    previous_volume_id: ID.webRoot,
    vm_state: "Running",
    hypervisor: "KVM",
  };

  const rows: {
    name: string;
    spec: Record<string, unknown>;
    prior: RootVolumeOutputs | undefined;
    observed: World;
    target: string;
    expected: string[];
    blockers?: ExpectedBlocker[];
    /** The record on the VM, not the state, names the target: the plan says so. */
    recordWins?: boolean;
  }[] = [
    {
      name: "restore_on_destroy with a previous volume, Running VM + allow_stop: swap back",
      spec: { restore_on_destroy: true, allow_stop: true },
      prior,
      observed: afterSwap,
      target: ID.webRoot,
      expected: [
        rec(true, ID.newRoot, ID.webRoot),
        op.stop(ID.web),
        op.detach(ID.newRoot),
        op.attach(ID.webRoot, ID.web, 0),
        op.start(ID.web),
        clr(),
      ],
    },
    {
      name: "restore_on_destroy with a previous volume, Stopped VM: swap back, no start",
      spec: { restore_on_destroy: true },
      prior,
      observed: { ...afterSwap, vm: stopped },
      target: ID.webRoot,
      expected: [
        rec(false, ID.newRoot, ID.webRoot),
        op.detach(ID.newRoot),
        op.attach(ID.webRoot, ID.web, 0),
        clr(),
      ],
    },
    {
      name: "restore_on_destroy, Running VM without allow_stop: blocked",
      spec: { restore_on_destroy: true },
      prior,
      observed: afterSwap,
      target: ID.webRoot,
      expected: [],
      blockers: [{ code: "VM_RUNNING", quote: ROOT_STOPPED_RULE, attribute: "allow_stop" }],
    },
    {
      name: "restore_on_destroy but no previous volume recorded: forget",
      spec: { restore_on_destroy: true, allow_stop: true },
      prior: { ...prior, previous_volume_id: "" },
      observed: { vmVolumes: [attached(newRoot, WEB, 0)], volume: attached(newRoot, WEB, 0) },
      target: ID.newRoot,
      expected: [],
    },
    {
      name: "restore_on_destroy but no prior outputs: forget",
      spec: { restore_on_destroy: true, allow_stop: true },
      prior: undefined,
      observed: { vmVolumes: [attached(newRoot, WEB, 0)], volume: attached(newRoot, WEB, 0) },
      target: ID.newRoot,
      expected: [],
    },
    {
      name: "restore_on_destroy, the VM already boots from the previous volume: nothing",
      spec: { restore_on_destroy: true, allow_stop: true },
      prior,
      observed: { vmVolumes: [attached(webRoot, WEB, 0)], volume: attached(webRoot, WEB, 0) },
      target: ID.webRoot,
      expected: [],
    },
    {
      name: "after a swap interrupted once the old root was detached (state: no previous volume): restore the root the record names",
      spec: { restore_on_destroy: true, allow_stop: true, volume_id: ID.webRoot },
      prior: { ...prior, previous_volume_id: "" },
      observed: {
        vm: recorded(stopped, { restart: "true", previous_volume_id: ID.webRoot, volume_id: ID.newRoot }),
        vmVolumes: [],
        volume: webRoot,
      },
      target: ID.webRoot,
      expected: [op.attach(ID.webRoot, ID.web, 0), op.start(ID.web), clr()],
      recordWins: true,
    },
    {
      name: "after a swap to a third volume interrupted once its old root was detached: restore that root, not the state's previous_volume_id",
      spec: { restore_on_destroy: true, allow_stop: true },
      prior,
      observed: {
        vm: recorded(stopped, { restart: "true", previous_volume_id: ID.newRoot, volume_id: ID.data1 }),
        vmVolumes: [],
        volume: newRoot,
      },
      target: ID.newRoot,
      expected: [op.attach(ID.newRoot, ID.web, 0), op.start(ID.web), clr()],
      recordWins: true,
    },
    {
      name: "after an interrupted restore (the record is the destroy's own): finish it, towards the state's previous volume",
      spec: { restore_on_destroy: true, allow_stop: true },
      prior,
      observed: {
        vm: recorded(stopped, { restart: "true", previous_volume_id: ID.newRoot, volume_id: ID.webRoot }),
        vmVolumes: [],
        volume: webRoot,
      },
      target: ID.webRoot,
      expected: [op.attach(ID.webRoot, ID.web, 0), op.start(ID.web), clr()],
    },
    {
      name: "default (forget): nothing, even with a previous volume recorded",
      spec: { allow_stop: true },
      prior,
      observed: { vmVolumes: [attached(newRoot, WEB, 0)], volume: attached(newRoot, WEB, 0) },
      target: ID.newRoot,
      expected: [],
    },
  ];

  it.each(rows)("$name", ({ spec: input, prior: p, observed, target, expected, blockers, recordWins }) => {
    const desired = specOf(input);
    const fromState = rootVolume.destroySpec ? rootVolume.destroySpec(desired, p) : desired;
    // As planResource does: the first observation may name another target (then it observes again).
    const towards = rootVolume.resolveDestroySpec?.(fromState, world(observed), p) ?? fromState;
    expect(towards.volume_id).toBe(target);
    expect(towards.virtual_machine_id).toBe(ID.web);
    // As planResource does for destroy: destroySpec, observe, resolveSpec, then nextDestroy.
    const spec = resolvedSpec(rootVolume, towards, world(observed));
    const nextDestroy = (s: RootVolumeSpec, o: RootVolumeObserved) => rootVolume.nextDestroy(s, o, p);
    const plan = planSequence(spec, world(observed), nextDestroy);
    expect(lines(plan)).toEqual(expected);
    expectBlockers(plan.blockers, blockers ?? []);
    if (!blockers) expect(nextDestroy(spec, plan.final)).toEqual({ kind: "done" });
    const said = plan.steps
      .flatMap((x) => x.step.warnings ?? [])
      .filter((w) => w.includes("interrupted swap"));
    expect(said).toEqual(
      recordWins
        ? [
            `restores volume ${target}, the root an interrupted swap replaced (recorded on the VM), not previous_volume_id ${p?.previous_volume_id || "(empty)"} from the state`,
          ]
        : [],
    );
  });

  it("forget is done at once, whatever the VM looks like", () => {
    const spec = specOf({ allow_stop: true });
    expect(rootVolume.nextDestroy(spec, world({ vm: null }), prior)).toEqual({ kind: "done" });
  });
});

describe("apply runs what the plan shows (in-memory CloudStack)", () => {
  const estate = () =>
    new FakeCloudStack({ vms: [running], volumes: [attached(webRoot, WEB, 0), newRoot], pools: [POOL_A] });

  async function planThenApply(input: Record<string, unknown>) {
    const spec = specOf(input);
    const planned = await planResource(rootVolume, estate().client(), spec);
    const fake = estate();
    const result = await converge(rootVolume, fake.client(), spec, {
      phase: "update",
      timeoutMs: 60_000,
      now: () => 0,
    });
    return {
      planned: planned.plan.steps.map((s) => s.step.request),
      ran: result.ran.map((s) => s.request),
      fake,
    };
  }

  it("start = true: apply runs the six planned operations and the VM runs again", async () => {
    const { planned, ran, fake } = await planThenApply({ allow_stop: true, start: true });
    expect(planned).toEqual([
      `createTags resourceids=${ID.web} resourcetype=UserVm ferry.cloudstack_root_volume.restart=true ferry.cloudstack_root_volume.previous_volume_id=${ID.webRoot} ferry.cloudstack_root_volume.volume_id=${ID.newRoot}`,
      `stopVirtualMachine id=${ID.web}`,
      `detachVolume id=${ID.webRoot}`,
      `attachVolume id=${ID.newRoot} virtualmachineid=${ID.web} deviceid=0`,
      `startVirtualMachine id=${ID.web}`,
      `deleteTags resourceids=${ID.web} resourcetype=UserVm ferry.cloudstack_root_volume.restart ferry.cloudstack_root_volume.previous_volume_id ferry.cloudstack_root_volume.volume_id`,
    ]);
    expect(ran).toEqual(planned);
    expect(fake.vms.get(ID.web)?.state).toBe("Running");
  });

  // `start` unset means "as it was when the swap began": converge resolves it once, from its first
  // observation (resolveSpec), so the stop it runs itself does not change the intent.
  it("start unset: apply also starts the VM again, as the plan says", async () => {
    const { planned, ran, fake } = await planThenApply({ allow_stop: true });
    expect(planned.at(-2)).toBe(`startVirtualMachine id=${ID.web}`);
    expect(ran).toEqual(planned);
    expect(fake.vms.get(ID.web)?.state).toBe("Running");
  });
});

describe("cloudstack_root_volume input", () => {
  const base = { virtual_machine_id: ID.web, volume_id: ID.newRoot };

  it("defaults apply: allow_stop and restore_on_destroy false, start unset", () => {
    expect(parseSpec(rootVolume, base)).toEqual({ ...base, allow_stop: false, restore_on_destroy: false });
  });

  it("accepts timeouts in Go duration syntax", () => {
    expect(parseSpec(rootVolume, { ...base, timeouts: { create: "1h30m", delete: "90s" } }).timeouts).toEqual(
      {
        create: "1h30m",
        delete: "90s",
      },
    );
  });

  it.each([
    {
      name: "volume_id not a UUID",
      input: { ...base, volume_id: "not-a-uuid" },
      issues: [{ path: ["volume_id"], message: `got "not-a-uuid"; ${UUID_RULE}` }],
    },
    {
      name: "virtual_machine_id a UUID with a trailing character",
      input: { ...base, virtual_machine_id: `${ID.web}0` },
      issues: [{ path: ["virtual_machine_id"], message: `got "${ID.web}0"; ${UUID_RULE}` }],
    },
    {
      name: "volume_id a number",
      input: { ...base, volume_id: 42 },
      issues: [{ path: ["volume_id"], message: "got 42; expected string" }],
    },
    {
      name: "virtual_machine_id missing",
      input: { volume_id: ID.newRoot },
      issues: [{ path: ["virtual_machine_id"], message: "is required (expected string)" }],
    },
    {
      name: "both ids missing",
      input: {},
      issues: [
        { path: ["virtual_machine_id"], message: "is required (expected string)" },
        { path: ["volume_id"], message: "is required (expected string)" },
      ],
    },
    {
      name: "allow_stop a string",
      input: { ...base, allow_stop: "true" },
      issues: [{ path: ["allow_stop"], message: 'got "true"; expected boolean' }],
    },
    {
      name: "start a number",
      input: { ...base, start: 1 },
      issues: [{ path: ["start"], message: "got 1; expected boolean" }],
    },
    {
      name: "restore_on_destroy a string",
      input: { ...base, restore_on_destroy: "yes" },
      issues: [{ path: ["restore_on_destroy"], message: 'got "yes"; expected boolean' }],
    },
    {
      name: 'timeouts.create "5 minutes"',
      input: { ...base, timeouts: { create: "5 minutes" } },
      issues: [{ path: ["timeouts", "create"], message: `got "5 minutes"; ${DURATION_RULE}` }],
    },
    {
      name: 'timeouts.update "0s" (not positive)',
      input: { ...base, timeouts: { update: "0s" } },
      issues: [{ path: ["timeouts", "update"], message: `got "0s"; ${DURATION_RULE}` }],
    },
    {
      name: "timeouts.delete a number",
      input: { ...base, timeouts: { delete: 600 } },
      issues: [{ path: ["timeouts", "delete"], message: "got 600; expected string" }],
    },
    {
      name: "timeouts with an unknown phase",
      input: { ...base, timeouts: { read: "5m" } },
      issues: [{ path: ["timeouts"], message: "unknown attribute read" }],
    },
    {
      name: "timeouts a string",
      input: { ...base, timeouts: "30m" },
      issues: [{ path: ["timeouts"], message: 'got "30m"; expected object' }],
    },
    {
      name: "an unknown attribute",
      input: { ...base, allow_reboot: true },
      issues: [{ path: [], message: "unknown attribute allow_reboot" }],
    },
    {
      name: "not an object",
      input: "web",
      issues: [{ path: [], message: 'got "web"; expected object' }],
    },
  ])("rejects $name", ({ input, issues }) => {
    expectInvalid(rootVolume, input, issues);
  });
});

// A run killed at any step boundary (the process gone: nothing of it survives but what the API holds),
// then a fresh run with the same configuration. The intent recorded on the VM before the stop makes the
// second run start the VM again and report the root the swap replaced, and no operation runs twice.
describe("cloudstack_root_volume: a swap interrupted at every step boundary, then run again", () => {
  const estate = () =>
    new FakeCloudStack({ vms: [running], volumes: [attached(webRoot, WEB, 0), newRoot], pools: [POOL_A] });
  const spec = () => specOf({ allow_stop: true });
  const apply = (fake: FakeCloudStack, killBefore?: number) => {
    let n = 0;
    return converge(rootVolume, fake.client(), spec(), {
      phase: "update",
      timeoutMs: 60_000,
      now: () => 0,
      onStep: () => {
        if (n++ === killBefore) throw new Error("killed");
      },
    });
  };

  it.each([1, 2, 3, 4, 5])("killed before step %i of 6", async (k) => {
    const whole = estate();
    const uninterrupted = await apply(whole);
    expect(whole.calls).toHaveLength(6);

    const fake = estate();
    await expect(apply(fake, k)).rejects.toThrow("killed");
    expect(fake.calls).toEqual(whole.calls.slice(0, k));
    const rerun = await apply(fake);
    expect(fake.calls).toEqual(whole.calls); // each operation exactly once, in the same order
    expect(fake.vms.get(ID.web)).toEqual(whole.vms.get(ID.web)); // Running again, no tags left
    expect(fake.vms.get(ID.web)?.state).toBe("Running");
    expect(rerun.outputs.previous_volume_id).toBe(ID.webRoot);
    expect(rerun.outputs).toEqual(uninterrupted.outputs);
  });

  it("the plan of the rerun after a kill between detach and attach shows what is left, start included", async () => {
    const fake = estate();
    await expect(apply(fake, 3)).rejects.toThrow("killed");
    const planned = await planResource(rootVolume, fake.client(), spec());
    expect(lines(planned.plan)).toEqual([op.attach(ID.newRoot, ID.web, 0), op.start(ID.web), clr()]);
  });
});

describe("cloudstack_root_volume previous_volume_id", () => {
  const onOld = world();
  const onNew = world({ vmVolumes: [attached(newRoot, WEB, 0)], volume: volume(ID.webRoot, "ROOT-web") });
  const state = (root: string, previous: string): RootVolumeOutputs => ({
    root_volume_id: root,
    root_volume_name: "",
    previous_volume_id: previous,
    vm_state: "Running",
    hypervisor: "KVM",
  });
  const rows: {
    name: string;
    /** The observation a run started from (absent: a read). */
    initial?: RootVolumeObserved;
    now: RootVolumeObserved;
    prior?: RootVolumeOutputs;
    expected: string;
  }[] = [
    { name: "a swap this run made: the root it found", initial: onOld, now: onNew, expected: ID.webRoot },
    {
      name: "an interrupted swap: the root its record names",
      initial: world({
        vm: recorded(stopped, { restart: "true", previous_volume_id: ID.webRoot, volume_id: ID.newRoot }),
        vmVolumes: [],
      }),
      now: onNew,
      prior: state(ID.webRoot, ""),
      expected: ID.webRoot,
    },
    {
      // Killed inside its closing deleteTags job: done, record gone, state still from before it.
      name: "a swap stopped after it cleared its record: the root the state saw",
      initial: onNew,
      now: onNew,
      prior: state(ID.webRoot, ""),
      expected: ID.webRoot,
    },
    {
      name: "the same seen by a refresh first",
      now: onNew,
      prior: state(ID.webRoot, ""),
      expected: ID.webRoot,
    },
    {
      name: "nothing changed: the state's previous_volume_id stays",
      initial: onNew,
      now: onNew,
      prior: state(ID.newRoot, ID.webRoot),
      expected: ID.webRoot,
    },
    {
      name: "a refresh, nothing changed",
      now: onNew,
      prior: state(ID.newRoot, ID.webRoot),
      expected: ID.webRoot,
    },
    { name: "an import: nothing known", now: onNew, expected: "" },
    {
      name: "a state from before root_volume_id: its previous_volume_id",
      now: onNew,
      prior: { ...state("", ID.data1) },
      expected: ID.data1,
    },
  ];
  it.each(rows)("$name", ({ initial, now, prior, expected }) => {
    const out = rootVolume.outputsOf(specOf(), now, { initial, prior });
    expect(out.previous_volume_id).toBe(expected);
    expect(out.root_volume_id).toBe(currentRootId(now));
  });
});

function currentRootId(o: RootVolumeObserved): string {
  return o.vmVolumes.find((v) => v.deviceid === 0)?.id ?? "";
}
