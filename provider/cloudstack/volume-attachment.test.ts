/**
 * cloudstack_volume_attachment planner, table-driven: exact step sequences (attach, move between VMs,
 * change of device, the rescue case), every blocker with the API's rule quoted, convergence on the
 * plan's own prediction, destroy plans and bad input. Pure: hand-built observations only.
 */
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../engine/errors.ts";
import { silentLogger } from "../engine/log.ts";
import { planSequence } from "../engine/plan.ts";
import { parseSpec } from "../engine/resource.ts";
import type { StoragePool, VirtualMachine, Volume } from "./api.ts";
import {
  attached,
  BROKEN,
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
  SNAPSHOT_RULE,
  UUID_RULE,
  vm,
  volume,
  WEB,
} from "./fixtures.test-helpers.ts";
import {
  type VolumeAttachmentObserved,
  type VolumeAttachmentSpec,
  volumeAttachment,
} from "./volume-attachment.ts";

const data1 = volume(ID.data1, "data-1");
const data2 = volume(ID.data2, "data-2");
const helperRoot = attached(volume(ID.helperRoot, "ROOT-helper"), HELPER, 0);
const brokenRoot = attached(volume(ID.brokenRoot, "ROOT-broken"), BROKEN, 0);

/** Attach data-1 to helper, parsed through the kind's schema (detach_on_destroy defaults to false). */
function specOf(input: Record<string, unknown> = {}): VolumeAttachmentSpec {
  return parseSpec(volumeAttachment, { volume_id: ID.data1, virtual_machine_id: ID.helper, ...input });
}

interface World {
  /** null: not found. Default: data-1, detached, Ready. */
  volume?: Volume | null;
  /** null: not found. Default: helper, Running, KVM. */
  vm?: VirtualMachine | null;
  /** Default: helper's ROOT at device 0. */
  vmVolumes?: Volume[];
  /** The VM the volume is attached to now, when another one. */
  currentVm?: VirtualMachine;
  pools?: StoragePool[];
  snapshots?: Record<string, number>;
}

function world(w: World = {}): VolumeAttachmentObserved {
  return {
    volume: w.volume === null ? undefined : (w.volume ?? data1),
    vm: w.vm === null ? undefined : (w.vm ?? vm(HELPER, "Running")),
    vmVolumes: w.vmVolumes ?? [helperRoot],
    currentVm: w.currentVm,
    pools: w.pools ?? [POOL_A],
    snapshots: w.snapshots ?? {},
  };
}

interface PathRow {
  name: string;
  spec: Record<string, unknown>;
  observed: World;
  expected: string[];
  /** The volume as the plan predicts it in the end: [type, VM, device]. */
  final: [string, string, number];
}

const paths: PathRow[] = [
  {
    name: "detached volume, device unset: attach at the next free slot",
    spec: {},
    observed: {},
    expected: [op.attach(ID.data1, ID.helper)],
    final: ["DATADISK", ID.helper, 1],
  },
  {
    name: "detached volume, device_id = 2",
    spec: { device_id: 2 },
    observed: {},
    expected: [op.attach(ID.data1, ID.helper, 2)],
    final: ["DATADISK", ID.helper, 2],
  },
  {
    name: "already attached to the VM, device unset: nothing",
    spec: {},
    observed: { volume: attached(data1, HELPER, 4), vmVolumes: [helperRoot, attached(data1, HELPER, 4)] },
    expected: [],
    final: ["DATADISK", ID.helper, 4],
  },
  {
    name: "already attached at the requested device: nothing",
    spec: { device_id: 4 },
    observed: { volume: attached(data1, HELPER, 4), vmVolumes: [helperRoot, attached(data1, HELPER, 4)] },
    expected: [],
    final: ["DATADISK", ID.helper, 4],
  },
  {
    name: "move between VMs: detach from Running web (data disk hot-unplug), attach to helper",
    spec: {},
    observed: { volume: attached(data1, WEB, 1), currentVm: vm(WEB, "Running") },
    expected: [op.detach(ID.data1), op.attach(ID.data1, ID.helper)],
    final: ["DATADISK", ID.helper, 1],
  },
  {
    name: "move between VMs to a given device",
    spec: { device_id: 5 },
    observed: { volume: attached(data1, WEB, 1), currentVm: vm(WEB, "Stopped") },
    expected: [op.detach(ID.data1), op.attach(ID.data1, ID.helper, 5)],
    final: ["DATADISK", ID.helper, 5],
  },
  {
    name: "change of device on the same VM: detach, attach at the new device",
    spec: { device_id: 2 },
    observed: { volume: attached(data1, HELPER, 1), vmVolumes: [helperRoot, attached(data1, HELPER, 1)] },
    expected: [op.detach(ID.data1), op.attach(ID.data1, ID.helper, 2)],
    final: ["DATADISK", ID.helper, 2],
  },
  {
    name: "rescue: a broken Stopped VM's ROOT is detached (becomes a DATADISK) and attached to the helper at the next free device",
    spec: { volume_id: ID.brokenRoot },
    observed: {
      volume: brokenRoot,
      currentVm: vm(BROKEN, "Stopped"),
      vmVolumes: [helperRoot, attached(data2, HELPER, 1)],
    },
    expected: [op.detach(ID.brokenRoot), op.attach(ID.brokenRoot, ID.helper)],
    final: ["DATADISK", ID.helper, 2],
  },
  {
    name: "rescue on VMware: the same two steps",
    spec: { volume_id: ID.brokenRoot },
    observed: {
      volume: attached(volume(ID.brokenRoot, "ROOT-broken", { hypervisor: "VMware" }), BROKEN, 0),
      currentVm: vm(BROKEN, "Stopped", { hypervisor: "VMware" }),
      vm: vm(HELPER, "Running", { hypervisor: "VMware" }),
    },
    expected: [op.detach(ID.brokenRoot), op.attach(ID.brokenRoot, ID.helper)],
    final: ["DATADISK", ID.helper, 1],
  },
  {
    name: "rescued disk back as ROOT: device 0 on the Stopped VM without a ROOT",
    spec: { volume_id: ID.brokenRoot, virtual_machine_id: ID.broken, device_id: 0 },
    observed: {
      volume: attached(volume(ID.brokenRoot, "ROOT-broken"), HELPER, 2),
      currentVm: vm(HELPER, "Running"),
      vm: vm(BROKEN, "Stopped"),
      vmVolumes: [],
    },
    expected: [op.detach(ID.brokenRoot), op.attach(ID.brokenRoot, ID.broken, 0)],
    final: ["ROOT", ID.broken, 0],
  },
  {
    name: "device 0 on a Stopped VM with only a data disk: attached as ROOT",
    spec: { device_id: 0 },
    observed: { vm: vm(HELPER, "Stopped"), vmVolumes: [attached(data2, HELPER, 1)] },
    expected: [op.attach(ID.data1, ID.helper, 0)],
    final: ["ROOT", ID.helper, 0],
  },
  {
    name: "a finished job on the volume is not in flight",
    spec: {},
    observed: { volume: volume(ID.data1, "data-1", { jobid: "job-done", jobstatus: 1 }) },
    expected: [op.attach(ID.data1, ID.helper)],
    final: ["DATADISK", ID.helper, 1],
  },
  {
    name: "an Uploaded volume as a data disk: allowed",
    spec: {},
    observed: { volume: volume(ID.data1, "data-1", { state: "Uploaded" }) },
    expected: [op.attach(ID.data1, ID.helper)],
    final: ["DATADISK", ID.helper, 1],
  },
];

describe("cloudstack_volume_attachment plans", () => {
  it.each(paths)("$name", ({ spec: input, observed, expected, final }) => {
    const spec = specOf(input);
    const plan = planOf(volumeAttachment, spec, world(observed));
    expect(lines(plan)).toEqual(expected);
    expect(plan.blockers).toEqual([]);
    const v = plan.final.volume;
    expect([v?.type, v?.virtualmachineid, v?.deviceid]).toEqual(final);
  });

  it.each(paths)("converges on its own prediction: $name", ({ spec: input, observed }) => {
    expectConverges(volumeAttachment, specOf(input), world(observed));
  });

  it("the rescue plan, step by step: nothing disruptive, the ROOT announced as becoming a DATADISK", () => {
    const spec = specOf({ volume_id: ID.brokenRoot });
    const plan = planOf(
      volumeAttachment,
      spec,
      world({ volume: brokenRoot, currentVm: vm(BROKEN, "Stopped") }),
    );
    expect(plan.steps.map((s) => callOf(s.step))).toEqual([
      {
        operation: "detachVolume",
        action: "call",
        request: `detachVolume id=${ID.brokenRoot}`,
        params: { id: ID.brokenRoot },
      },
      {
        operation: "attachVolume",
        action: "call",
        request: `attachVolume id=${ID.brokenRoot} virtualmachineid=${ID.helper}`,
        params: { id: ID.brokenRoot, virtualmachineid: ID.helper },
      },
    ]);
    expect(plan.steps[0]?.step.title).toContain("ROOT-broken");
    expect(plan.steps[0]?.step.title).toContain("from VM broken (it becomes a DATADISK)");
    expect(plan.steps[1]?.step.title).toContain("to helper");
    expect(plan.warnings).toEqual([]);
    // After the detach the volume is a free DATADISK.
    expect(plan.steps[0]?.after.volume).toMatchObject({
      type: "DATADISK",
      virtualmachineid: undefined,
      deviceid: undefined,
    });
    expect(plan.steps[0]?.after.currentVm).toBeUndefined();
  });

  it("device 0 is sent as deviceid=0 (a number) and titled as ROOT", () => {
    const spec = specOf({ device_id: 0 });
    const plan = planOf(volumeAttachment, spec, world({ vm: vm(HELPER, "Stopped"), vmVolumes: [] }));
    expect(plan.steps[0]?.step.params).toEqual({ id: ID.data1, virtualmachineid: ID.helper, deviceid: 0 });
    expect(plan.steps[0]?.step.title).toContain("data-1");
    expect(plan.steps[0]?.step.title).toContain("to helper as ROOT (device 0)");
  });
});

describe("cloudstack_volume_attachment: the next free device", () => {
  it.each([
    { name: "no volumes", used: [], device: 1 },
    { name: "ROOT only", used: [0], device: 1 },
    { name: "ROOT and 1", used: [0, 1], device: 2 },
    { name: "a gap at 1", used: [0, 2], device: 1 },
  ])("$name → $device", ({ used, device }) => {
    const vmVolumes = used.map((d) =>
      attached(volume(`0000000b-0000-4000-8000-00000000100${d}`, `v${d}`), HELPER, d),
    );
    const plan = planOf(volumeAttachment, specOf(), world({ vmVolumes }));
    expect(plan.final.volume?.deviceid).toBe(device);
  });

  // CloudStack reserves device 3 for the CD-ROM: attachVolume without deviceid picks from 1, 2, 4, 5 …
  // (VolumeApiServiceImpl.getDeviceId: devIds.remove("3")).
  it.each([
    { name: "0, 1 and 2 taken → 4 (3 is the CD-ROM)", used: [0, 1, 2], device: 4 },
    { name: "0, 1, 2 and 4 taken → 5", used: [0, 1, 2, 4], device: 5 },
  ])("$name", ({ used, device }) => {
    const vmVolumes = used.map((d) =>
      attached(volume(`0000000b-0000-4000-8000-00000000100${d}`, `v${d}`), HELPER, d),
    );
    const plan = planOf(volumeAttachment, specOf(), world({ vmVolumes }));
    expect(lines(plan)).toEqual([op.attach(ID.data1, ID.helper)]);
    expect(plan.final.volume?.deviceid).toBe(device);
  });
});

describe("cloudstack_volume_attachment: operations in flight", () => {
  const jobs: { name: string; observed: World; wait: string; rest: string[]; settled: World }[] = [
    {
      name: "job on the volume",
      observed: { volume: volume(ID.data1, "data-1", inFlight("job-vol")) },
      wait: op.waitJob("job-vol", "volume data-1"),
      rest: [op.attach(ID.data1, ID.helper)],
      settled: {},
    },
    {
      name: "job on the target VM",
      observed: { vm: vm(HELPER, "Running", inFlight("job-vm")) },
      wait: op.waitJob("job-vm", "VM helper"),
      rest: [op.attach(ID.data1, ID.helper)],
      settled: {},
    },
    {
      name: "job on the VM the volume is attached to now",
      observed: { volume: attached(data1, WEB, 1), currentVm: vm(WEB, "Running", inFlight("job-web")) },
      wait: op.waitJob("job-web", "VM web"),
      rest: [op.detach(ID.data1), op.attach(ID.data1, ID.helper)],
      settled: { volume: attached(data1, WEB, 1), currentVm: vm(WEB, "Running") },
    },
  ];

  it.each(jobs)("$name: the next step is a wait for it", ({ observed, wait }) => {
    const n = volumeAttachment.next(specOf(), world(observed));
    expect(n.kind === "step" ? `${n.step.action} ${n.step.request}` : n.kind).toBe(wait);
  });

  it.each(jobs)(
    "$name: the plan is the wait, then ends unsettled (what follows depends on the job)",
    ({ observed, wait }) => {
      const plan = planOf(volumeAttachment, specOf(), world(observed));
      expect(lines(plan)).toEqual([wait]);
      expect(plan.unsettled).toBe(true);
      expect(plan.blockers).toEqual([]);
    },
  );

  it.each(jobs)("$name: the wait predicts nothing: the state is left as observed", ({ observed }) => {
    const plan = planOf(volumeAttachment, specOf(), world(observed));
    expect(plan.steps[0]?.after).toStrictEqual(world(observed));
  });
});

interface BlockedRow {
  name: string;
  spec: Record<string, unknown>;
  observed: World;
  blockers: ExpectedBlocker[];
}

const ROOT_STOPPED_RULE = "Root volume detach can happen only when vm is in states: Stopped or Destroyed";
const EITHER_RULE = "Please specify a VM that is either running or stopped.";
const MANAGED_ROOT_BROKEN = `Volume ROOT-broken (${ID.brokenRoot}) is on managed storage pool pool-managed (${ID.poolManaged}); "Root volume detach is not supported for Managed DataStores".`;
const UPLOADED_AS_ROOT = `Volume data-1 (${ID.data1}) is Uploaded; "No support for Root volume attach in state Uploaded".`;

const blocked: BlockedRow[] = [
  {
    name: "VM_RUNNING: device 0 on a Running VM without ROOT (names device_id)",
    spec: { device_id: 0 },
    observed: { vmVolumes: [] },
    blockers: [
      {
        code: "VM_RUNNING",
        quote: "a volume is attached at device 0 (as ROOT) only to a Stopped VM",
        attribute: "device_id",
      },
    ],
  },
  {
    name: "VM_RUNNING and ROOT_PRESENT: device 0 on a Running VM that has a ROOT",
    spec: { device_id: 0 },
    observed: {},
    blockers: [
      {
        code: "VM_RUNNING",
        quote: "VM helper is Running; a volume is attached at device 0",
        attribute: "device_id",
      },
      { code: "ROOT_PRESENT", quote: "Vm already has root volume attached to it", attribute: "device_id" },
    ],
  },
  {
    name: "ROOT_PRESENT: device 0 on a Stopped VM that has a ROOT",
    spec: { device_id: 0 },
    observed: { vm: vm(HELPER, "Stopped") },
    blockers: [
      {
        code: "ROOT_PRESENT",
        quote:
          'VM helper already boots from ROOT-helper at device 0; "Vm already has root volume attached to it"',
        attribute: "device_id",
      },
    ],
  },
  {
    name: "DEVICE_TAKEN: the requested device holds another volume",
    spec: { device_id: 1 },
    observed: { vmVolumes: [helperRoot, attached(data2, HELPER, 1)] },
    blockers: [
      {
        code: "DEVICE_TAKEN",
        quote: "Device 1 of VM helper is taken by volume data-2.",
        attribute: "device_id",
      },
    ],
  },
  {
    name: "VM_RUNNING: the rescue case is blocked while the broken VM is Running (its ROOT cannot be detached)",
    spec: { volume_id: ID.brokenRoot },
    observed: { volume: brokenRoot, currentVm: vm(BROKEN, "Running") },
    blockers: [
      { code: "VM_RUNNING", quote: `is the ROOT of VM broken, which is Running; "${ROOT_STOPPED_RULE}"` },
    ],
  },
  {
    name: "UNSUPPORTED_HYPERVISOR: detaching the ROOT of a Stopped Hyperv VM (and the KVM target refuses a Hyperv volume)",
    spec: { volume_id: ID.brokenRoot },
    observed: {
      volume: attached(volume(ID.brokenRoot, "ROOT-broken", { hypervisor: "Hyperv" }), BROKEN, 0),
      currentVm: vm(BROKEN, "Stopped", { hypervisor: "Hyperv" }),
    },
    blockers: [
      {
        code: "UNSUPPORTED_HYPERVISOR",
        quote: `VM broken (${ID.broken}) runs on Hyperv; CloudStack detaches and attaches ROOT volumes only on`,
      },
      {
        code: "HYPERVISOR_MISMATCH",
        quote: `Volume ROOT-broken (${ID.brokenRoot}) was created for Hyperv and VM helper (${ID.helper}) runs on KVM ("Can't attach a volume created by: Hyperv to a KVM vm").`,
      },
    ],
  },
  {
    name: "UNSUPPORTED_HYPERVISOR: detaching the ROOT of a Stopped Hyperv VM, to a Hyperv helper",
    spec: { volume_id: ID.brokenRoot },
    observed: {
      volume: attached(volume(ID.brokenRoot, "ROOT-broken", { hypervisor: "Hyperv" }), BROKEN, 0),
      currentVm: vm(BROKEN, "Stopped", { hypervisor: "Hyperv" }),
      vm: vm(HELPER, "Running", { hypervisor: "Hyperv" }),
    },
    blockers: [
      {
        code: "UNSUPPORTED_HYPERVISOR",
        quote: "Root volume detach is not supported for hypervisor type Hyperv",
      },
    ],
  },
  {
    name: "MANAGED_STORAGE: detaching a ROOT on managed storage",
    spec: { volume_id: ID.brokenRoot },
    observed: {
      volume: attached(volume(ID.brokenRoot, "ROOT-broken", { storageid: ID.poolManaged }), BROKEN, 0),
      currentVm: vm(BROKEN, "Stopped"),
      pools: [POOL_MANAGED],
    },
    blockers: [
      { code: "MANAGED_STORAGE", quote: "Root volume detach is not supported for Managed DataStores" },
    ],
  },
  {
    name: "VM_SNAPSHOTS on the source VM: nothing is detached",
    spec: {},
    observed: { volume: attached(data1, WEB, 1), currentVm: vm(WEB, "Running"), snapshots: { [ID.web]: 1 } },
    blockers: [
      {
        code: "VM_SNAPSHOTS",
        quote: `VM web (${ID.web}) has 1 VM snapshot ("${SNAPSHOT_RULE.detach}").`,
      },
    ],
  },
  {
    name: "VM_SNAPSHOTS on the target VM",
    spec: {},
    observed: { snapshots: { [ID.helper]: 3 } },
    blockers: [
      {
        code: "VM_SNAPSHOTS",
        quote: `VM helper (${ID.helper}) has 3 VM snapshots ("${SNAPSHOT_RULE.attach(HELPER)}").`,
      },
    ],
  },
  {
    name: "HYPERVISOR_MISMATCH: a VMware volume to a KVM VM",
    spec: {},
    observed: { volume: volume(ID.data1, "data-1", { hypervisor: "VMware" }) },
    blockers: [
      { code: "HYPERVISOR_MISMATCH", quote: "Can't attach a volume created by: VMware to a KVM vm" },
    ],
  },
  {
    name: "VM_STATE: target VM in Error",
    spec: {},
    observed: { vm: vm(HELPER, "Error") },
    blockers: [{ code: "VM_STATE", quote: `VM helper is Error; "${EITHER_RULE}"` }],
  },
  {
    name: "VM_STATE: the VM the volume is attached to is Stopping",
    spec: {},
    observed: { volume: attached(data1, WEB, 1), currentVm: vm(WEB, "Stopping") },
    blockers: [{ code: "VM_STATE", quote: `VM web is Stopping; "${EITHER_RULE}"` }],
  },
  {
    name: "VOLUME_STATE: volume Snapshotting",
    spec: {},
    observed: { volume: volume(ID.data1, "data-1", { state: "Snapshotting" }) },
    blockers: [
      { code: "VOLUME_STATE", quote: "Volume state must be in Allocated, Ready or in Uploaded state" },
    ],
  },
  {
    name: "VOLUME_STATE: a destroyed volume",
    spec: {},
    observed: { volume: volume(ID.data1, "data-1", { state: "Destroy" }) },
    blockers: [
      {
        code: "VOLUME_STATE",
        quote: `Volume data-1 (${ID.data1}) is destroyed; "Please specify a volume that is not destroyed."`,
      },
    ],
  },
  {
    name: "VOLUME_STATE: a destroyed volume at device 0 (the destroyed rule, not the Uploaded one)",
    spec: { device_id: 0 },
    observed: {
      volume: volume(ID.data1, "data-1", { state: "Destroy" }),
      vm: vm(HELPER, "Stopped"),
      vmVolumes: [],
    },
    blockers: [
      {
        code: "VOLUME_STATE",
        quote: `Volume data-1 (${ID.data1}) is destroyed; "Please specify a volume that is not destroyed."`,
      },
    ],
  },
  {
    name: "VOLUME_STATE: an Uploaded volume at device 0",
    spec: { device_id: 0 },
    observed: {
      volume: volume(ID.data1, "data-1", { state: "Uploaded" }),
      vm: vm(HELPER, "Stopped"),
      vmVolumes: [],
    },
    blockers: [{ code: "VOLUME_STATE", quote: UPLOADED_AS_ROOT }],
  },
  {
    name: "UNSUPPORTED_HYPERVISOR: device 0 on a Stopped Hyperv VM",
    spec: { device_id: 0 },
    observed: {
      volume: volume(ID.data1, "data-1", { hypervisor: "Hyperv" }),
      vm: vm(HELPER, "Stopped", { hypervisor: "Hyperv" }),
      vmVolumes: [],
    },
    blockers: [
      {
        code: "UNSUPPORTED_HYPERVISOR",
        quote: "Root volume detach is not supported for hypervisor type Hyperv",
      },
    ],
  },
  {
    name: "MANAGED_STORAGE: device 0 with a volume on managed storage",
    spec: { device_id: 0 },
    observed: {
      volume: volume(ID.data1, "data-1", { storageid: ID.poolManaged }),
      vm: vm(HELPER, "Stopped"),
      vmVolumes: [],
      pools: [POOL_MANAGED],
    },
    blockers: [
      { code: "MANAGED_STORAGE", quote: "Root volume detach is not supported for Managed DataStores" },
    ],
  },
  {
    name: "ZONE_MISMATCH: volume in another zone",
    spec: {},
    observed: { volume: volume(ID.data1, "data-1", { zoneid: ID.otherZone }) },
    blockers: [
      { code: "ZONE_MISMATCH", quote: "Please specify a VM that is in the same zone as the volume." },
    ],
  },
  {
    name: "NOT_FOUND: the volume",
    spec: {},
    observed: { volume: null },
    blockers: [{ code: "NOT_FOUND", quote: `Volume ${ID.data1} was not found.`, attribute: "volume_id" }],
  },
  {
    name: "NOT_FOUND: the VM",
    spec: {},
    observed: { vm: null },
    blockers: [
      { code: "NOT_FOUND", quote: `VM ${ID.helper} was not found.`, attribute: "virtual_machine_id" },
    ],
  },
  {
    name: "NOT_FOUND: both — the volume is reported",
    spec: {},
    observed: { volume: null, vm: null },
    blockers: [{ code: "NOT_FOUND", quote: `Volume ${ID.data1} was not found.`, attribute: "volume_id" }],
  },
  {
    name: "every attach rule at once, in a fixed order",
    spec: { device_id: 0 },
    observed: {
      volume: volume(ID.data1, "data-1", { state: "Uploaded", zoneid: ID.otherZone, hypervisor: "VMware" }),
      vm: vm(HELPER, "Running", { hypervisor: "Hyperv" }),
      snapshots: { [ID.helper]: 1 },
    },
    // attachBlockers: the volume (state as ROOT), zone, hypervisor, snapshots, VM state; then, for
    // device 0, the root rules (hypervisor, managed storage, Stopped); then the device slot.
    blockers: [
      { code: "VOLUME_STATE", quote: UPLOADED_AS_ROOT },
      { code: "ZONE_MISMATCH", quote: "Please specify a VM that is in the same zone as the volume." },
      { code: "HYPERVISOR_MISMATCH", quote: "Can't attach a volume created by: VMware to a Hyperv vm" },
      {
        code: "VM_SNAPSHOTS",
        quote: `VM helper (${ID.helper}) has 1 VM snapshot ("${SNAPSHOT_RULE.attach(HELPER)}").`,
      },
      {
        code: "UNSUPPORTED_HYPERVISOR",
        quote: "Root volume detach is not supported for hypervisor type Hyperv",
      },
      { code: "VM_RUNNING", quote: "only to a Stopped VM", attribute: "device_id" },
      { code: "ROOT_PRESENT", quote: "Vm already has root volume attached to it", attribute: "device_id" },
    ],
  },
];

describe("cloudstack_volume_attachment blockers", () => {
  it.each(blocked)("$name", ({ spec: input, observed, blockers }) => {
    const plan = planOf(volumeAttachment, specOf(input), world(observed));
    expect(lines(plan)).toEqual([]);
    expectBlockers(plan.blockers, blockers);
  });

  // Moving a volume that is attached elsewhere: what the target would refuse is checked before the
  // detach is planned, and returned together with what the detach itself would meet (those first).
  // The plan is empty: nothing is detached for an attach that cannot happen.
  const moves: BlockedRow[] = [
    {
      name: "target VM has VM snapshots",
      spec: {},
      observed: {
        volume: attached(data1, WEB, 1),
        currentVm: vm(WEB, "Running"),
        snapshots: { [ID.helper]: 1 },
      },
      blockers: [
        {
          code: "VM_SNAPSHOTS",
          quote: `VM helper (${ID.helper}) has 1 VM snapshot ("${SNAPSHOT_RULE.attach(HELPER)}").`,
        },
      ],
    },
    {
      name: "target VM runs another hypervisor",
      spec: {},
      observed: {
        volume: attached(data1, WEB, 1),
        currentVm: vm(WEB, "Running"),
        vm: vm(HELPER, "Running", { hypervisor: "VMware" }),
      },
      blockers: [
        {
          code: "HYPERVISOR_MISMATCH",
          quote: `Volume data-1 (${ID.data1}) was created for KVM and VM helper (${ID.helper}) runs on VMware ("Can't attach a volume created by: KVM to a VMware vm").`,
        },
      ],
    },
    {
      name: "target device taken",
      spec: { device_id: 1 },
      observed: {
        volume: attached(data1, WEB, 1),
        currentVm: vm(WEB, "Running"),
        vmVolumes: [helperRoot, attached(data2, HELPER, 1)],
      },
      blockers: [
        {
          code: "DEVICE_TAKEN",
          quote: "Device 1 of VM helper is taken by volume data-2.",
          attribute: "device_id",
        },
      ],
    },
    {
      name: "target VM in another zone",
      spec: {},
      observed: {
        volume: attached(data1, WEB, 1),
        currentVm: vm(WEB, "Running"),
        vm: vm(HELPER, "Running", { zoneid: ID.otherZone }),
      },
      blockers: [
        {
          code: "ZONE_MISMATCH",
          quote: `Volume data-1 (${ID.data1}) and VM helper (${ID.helper}) are in different zones; "Please specify a VM that is in the same zone as the volume."`,
        },
      ],
    },
    {
      name: "target VM in Error",
      spec: {},
      observed: { volume: attached(data1, WEB, 1), currentVm: vm(WEB, "Running"), vm: vm(HELPER, "Error") },
      blockers: [{ code: "VM_STATE", quote: `VM helper is Error; "${EITHER_RULE}"` }],
    },
    {
      name: "volume Snapshotting",
      spec: {},
      observed: {
        volume: attached(volume(ID.data1, "data-1", { state: "Snapshotting" }), WEB, 1),
        currentVm: vm(WEB, "Running"),
      },
      blockers: [
        {
          code: "VOLUME_STATE",
          quote: `Volume data-1 (${ID.data1}) is Snapshotting; "Volume state must be in Allocated, Ready or in Uploaded state".`,
        },
      ],
    },
    {
      name: "device 0 on a Stopped target that already has a ROOT",
      spec: { device_id: 0 },
      observed: { volume: attached(data1, WEB, 1), currentVm: vm(WEB, "Running"), vm: vm(HELPER, "Stopped") },
      blockers: [
        {
          code: "ROOT_PRESENT",
          quote: `VM helper already boots from ROOT-helper at device 0; "Vm already has root volume attached to it".`,
          attribute: "device_id",
        },
      ],
    },
    {
      name: "both VMs have VM snapshots: the detach's blocker, then the attach's",
      spec: {},
      observed: {
        volume: attached(data1, WEB, 1),
        currentVm: vm(WEB, "Running"),
        snapshots: { [ID.web]: 2, [ID.helper]: 1 },
      },
      blockers: [
        { code: "VM_SNAPSHOTS", quote: `VM web (${ID.web}) has 2 VM snapshots ("${SNAPSHOT_RULE.detach}").` },
        {
          code: "VM_SNAPSHOTS",
          quote: `VM helper (${ID.helper}) has 1 VM snapshot ("${SNAPSHOT_RULE.attach(HELPER)}").`,
        },
      ],
    },
    {
      name: "change of device on a VM with VM snapshots: refused for the detach and for the attach",
      spec: { device_id: 2 },
      observed: {
        volume: attached(data1, HELPER, 1),
        vmVolumes: [helperRoot, attached(data1, HELPER, 1)],
        snapshots: { [ID.helper]: 1 },
      },
      blockers: [
        {
          code: "VM_SNAPSHOTS",
          quote: `VM helper (${ID.helper}) has 1 VM snapshot ("${SNAPSHOT_RULE.detach}").`,
        },
        {
          code: "VM_SNAPSHOTS",
          quote: `VM helper (${ID.helper}) has 1 VM snapshot ("${SNAPSHOT_RULE.attach(HELPER)}").`,
        },
      ],
    },
    {
      name: "every rule at once: the detach's (source VM) first, then the attach's (target VM)",
      spec: { volume_id: ID.brokenRoot, device_id: 0 },
      observed: {
        volume: attached(
          volume(ID.brokenRoot, "ROOT-broken", {
            hypervisor: "Hyperv",
            zoneid: ID.otherZone,
            state: "Snapshotting",
            storageid: ID.poolManaged,
          }),
          BROKEN,
          0,
        ),
        currentVm: vm(BROKEN, "Running", { hypervisor: "Hyperv", zoneid: ID.otherZone }),
        vm: vm(HELPER, "Error"),
        pools: [POOL_MANAGED],
        snapshots: { [ID.broken]: 1, [ID.helper]: 2 },
      },
      blockers: [
        // detachVolume on broken: snapshots, then the ROOT rules (hypervisor, managed storage, Stopped).
        {
          code: "VM_SNAPSHOTS",
          quote: `VM broken (${ID.broken}) has 1 VM snapshot ("${SNAPSHOT_RULE.detach}").`,
        },
        {
          code: "UNSUPPORTED_HYPERVISOR",
          quote: `VM broken (${ID.broken}) runs on Hyperv; CloudStack detaches and attaches ROOT volumes only on`,
        },
        { code: "MANAGED_STORAGE", quote: MANAGED_ROOT_BROKEN },
        {
          code: "VM_RUNNING",
          quote: `Volume ROOT-broken is the ROOT of VM broken, which is Running; "${ROOT_STOPPED_RULE}".`,
        },
        // attachVolume on helper at device 0: the volume, zone, hypervisor, snapshots, VM state, the
        // root rules, the slot.
        {
          code: "VOLUME_STATE",
          quote: `Volume ROOT-broken (${ID.brokenRoot}) is Snapshotting; "Volume state must be in Allocated, Ready or in Uploaded state".`,
        },
        {
          code: "ZONE_MISMATCH",
          quote: `Volume ROOT-broken (${ID.brokenRoot}) and VM helper (${ID.helper}) are in different zones;`,
        },
        { code: "HYPERVISOR_MISMATCH", quote: "Can't attach a volume created by: Hyperv to a KVM vm" },
        {
          code: "VM_SNAPSHOTS",
          quote: `VM helper (${ID.helper}) has 2 VM snapshots ("${SNAPSHOT_RULE.attach(HELPER)}").`,
        },
        // The managed-storage refusal of the detach and of the attach is shown once; the VM in Error
        // is reported by VM_STATE alone (not as VM_RUNNING).
        { code: "VM_STATE", quote: `VM helper is Error; "${EITHER_RULE}"` },
        {
          code: "ROOT_PRESENT",
          quote: `VM helper already boots from ROOT-helper at device 0; "Vm already has root volume attached to it".`,
          attribute: "device_id",
        },
      ],
    },
  ];

  it.each(moves)(
    "move to a VM that refuses it ($name): blocked before the detach",
    ({ spec, observed, blockers }) => {
      const plan = planOf(volumeAttachment, specOf(spec), world(observed));
      expect(lines(plan)).toEqual([]);
      expectBlockers(plan.blockers, blockers);
    },
  );

  it("device_id = 3 (the CD-ROM slot) is refused by the schema, before anything is observed", () => {
    expectInvalid(volumeAttachment, { volume_id: ID.data1, virtual_machine_id: ID.helper, device_id: 3 }, [
      {
        path: ["device_id"],
        message:
          'got 3; device 3 is the CD-ROM slot; CloudStack accepts 0, 1, 2 and 4 or more ("deviceId should be 0,1,2,4-N")',
      },
    ]);
  });
});

describe("cloudstack_volume_attachment destroy", () => {
  // observe() in steady state: only the volume and the VM (and, with detach_on_destroy, the VM's
  // snapshot count).
  const steady = (
    volumeSeen: Volume | undefined,
    vmSeen: VirtualMachine | undefined,
    snapshots: Record<string, number> = {},
  ): VolumeAttachmentObserved => ({
    volume: volumeSeen,
    vm: vmSeen,
    vmVolumes: [],
    currentVm: undefined,
    pools: [],
    snapshots,
  });
  const ROOT_NOT_STOPPED = `Volume ROOT-helper is the ROOT of VM helper, which is not Stopped; "${ROOT_STOPPED_RULE}".`;
  const HELPER_SNAPSHOT = `VM helper (${ID.helper}) has 1 VM snapshot ("${SNAPSHOT_RULE.detach}").`;

  const rows: {
    name: string;
    spec: Record<string, unknown>;
    observed: VolumeAttachmentObserved;
    expected: string[];
    blockers?: ExpectedBlocker[];
  }[] = [
    {
      name: "forget (default): nothing",
      spec: {},
      observed: steady(attached(data1, HELPER, 1), vm(HELPER, "Running")),
      expected: [],
    },
    {
      name: "detach_on_destroy, data disk of a Running VM: detachVolume",
      spec: { detach_on_destroy: true },
      observed: steady(attached(data1, HELPER, 1), vm(HELPER, "Running")),
      expected: [op.detach(ID.data1)],
    },
    {
      name: "detach_on_destroy, ROOT of a Stopped VM: detachVolume (it becomes a DATADISK)",
      spec: { detach_on_destroy: true, volume_id: ID.helperRoot },
      observed: steady(helperRoot, vm(HELPER, "Stopped")),
      expected: [op.detach(ID.helperRoot)],
    },
    {
      name: "detach_on_destroy, ROOT of a Running VM: blocked",
      spec: { detach_on_destroy: true, volume_id: ID.helperRoot },
      observed: steady(helperRoot, vm(HELPER, "Running")),
      expected: [],
      blockers: [{ code: "VM_RUNNING", quote: ROOT_NOT_STOPPED }],
    },
    {
      name: "detach_on_destroy, data disk of a VM with VM snapshots: blocked",
      spec: { detach_on_destroy: true },
      observed: steady(attached(data1, HELPER, 1), vm(HELPER, "Running"), { [ID.helper]: 1 }),
      expected: [],
      blockers: [{ code: "VM_SNAPSHOTS", quote: HELPER_SNAPSHOT }],
    },
    {
      name: "detach_on_destroy, ROOT of a Stopped VM with VM snapshots: blocked",
      spec: { detach_on_destroy: true, volume_id: ID.helperRoot },
      observed: steady(helperRoot, vm(HELPER, "Stopped"), { [ID.helper]: 1 }),
      expected: [],
      blockers: [{ code: "VM_SNAPSHOTS", quote: HELPER_SNAPSHOT }],
    },
    {
      name: "detach_on_destroy, ROOT of a Running VM with VM snapshots: both blockers, snapshots first",
      spec: { detach_on_destroy: true, volume_id: ID.helperRoot },
      observed: steady(helperRoot, vm(HELPER, "Running"), { [ID.helper]: 1 }),
      expected: [],
      blockers: [
        { code: "VM_SNAPSHOTS", quote: HELPER_SNAPSHOT },
        { code: "VM_RUNNING", quote: ROOT_NOT_STOPPED },
      ],
    },
    {
      name: "forget (default), VM with VM snapshots: nothing",
      spec: {},
      observed: steady(attached(data1, HELPER, 1), vm(HELPER, "Running"), { [ID.helper]: 1 }),
      expected: [],
    },
    {
      name: "detach_on_destroy, volume now attached to another VM: nothing",
      spec: { detach_on_destroy: true },
      observed: steady(attached(data1, WEB, 1), vm(HELPER, "Running")),
      expected: [],
    },
    {
      name: "detach_on_destroy, volume already detached: nothing",
      spec: { detach_on_destroy: true },
      observed: steady(data1, vm(HELPER, "Running")),
      expected: [],
    },
    {
      name: "detach_on_destroy, volume gone: nothing",
      spec: { detach_on_destroy: true },
      observed: steady(undefined, vm(HELPER, "Running")),
      expected: [],
    },
  ];

  it.each(rows)("$name", ({ spec: input, observed, expected, blockers }) => {
    const spec = specOf(input);
    expect(volumeAttachment.destroySpec).toBeUndefined();
    const nextDestroy = (s: VolumeAttachmentSpec, o: VolumeAttachmentObserved) =>
      volumeAttachment.nextDestroy(s, o, undefined);
    const plan = planSequence(spec, observed, nextDestroy);
    expect(lines(plan)).toEqual(expected);
    expectBlockers(plan.blockers, blockers ?? []);
    if (!blockers) expect(nextDestroy(spec, plan.final)).toEqual({ kind: "done" });
  });

  it("the detached ROOT is predicted as a free DATADISK", () => {
    const spec = specOf({ detach_on_destroy: true, volume_id: ID.helperRoot });
    const plan = planSequence(spec, steady(helperRoot, vm(HELPER, "Stopped")), (s, o) =>
      volumeAttachment.nextDestroy(s, o, undefined),
    );
    expect(plan.final.volume).toMatchObject({
      id: ID.helperRoot,
      type: "DATADISK",
      virtualmachineid: undefined,
      deviceid: undefined,
    });
  });

  it("a job in flight on the volume: the next destroy step waits for it", () => {
    const spec = specOf({ detach_on_destroy: true });
    const n = volumeAttachment.nextDestroy(
      spec,
      steady(attached(volume(ID.data1, "data-1", inFlight("job-x")), HELPER, 1), vm(HELPER, "Running")),
      undefined,
    );
    expect(n.kind === "step" ? `${n.step.action} ${n.step.request}` : n.kind).toBe(
      op.waitJob("job-x", "volume data-1"),
    );
  });

  it("a job in flight on the volume: the destroy plan is the wait, unsettled", () => {
    const spec = specOf({ detach_on_destroy: true });
    const observed = steady(
      attached(volume(ID.data1, "data-1", inFlight("job-x")), HELPER, 1),
      vm(HELPER, "Running"),
    );
    const plan = planSequence(spec, observed, (s, o) => volumeAttachment.nextDestroy(s, o, undefined));
    expect(lines(plan)).toEqual([op.waitJob("job-x", "volume data-1")]);
    expect(plan.unsettled).toBe(true);
    expect(plan.blockers).toEqual([]);
  });

  it("a job in flight on a volume of a VM with VM snapshots: the wait first (the blocker shows once it is done)", () => {
    const spec = specOf({ detach_on_destroy: true });
    const observed = steady(
      attached(volume(ID.data1, "data-1", inFlight("job-x")), HELPER, 1),
      vm(HELPER, "Running"),
      { [ID.helper]: 1 },
    );
    const plan = planSequence(spec, observed, (s, o) => volumeAttachment.nextDestroy(s, o, undefined));
    expect(lines(plan)).toEqual([op.waitJob("job-x", "volume data-1")]);
    expect(plan.unsettled).toBe(true);
    expect(plan.blockers).toEqual([]);
  });
});

describe("cloudstack_volume_attachment observe (in-memory CloudStack)", () => {
  const estate = () => {
    const fake = new FakeCloudStack({
      vms: [vm(HELPER, "Running")],
      volumes: [helperRoot, attached(data1, HELPER, 1)],
      pools: [POOL_A],
    });
    fake.snapshots.set(ID.helper, 2);
    return fake;
  };

  it("in place with detach_on_destroy: reads the VM's snapshot count, for the destroy's check", async () => {
    const spec = specOf({ detach_on_destroy: true });
    expect(await volumeAttachment.observe(estate().client(), spec, silentLogger)).toStrictEqual({
      volume: attached(data1, HELPER, 1),
      vm: vm(HELPER, "Running"),
      vmVolumes: [],
      currentVm: undefined,
      pools: [],
      snapshots: { [ID.helper]: 2 },
    });
  });

  it("in place without detach_on_destroy: no snapshot count", async () => {
    const observed = await volumeAttachment.observe(estate().client(), specOf(), silentLogger);
    expect(observed.snapshots).toStrictEqual({});
  });
});

describe("cloudstack_volume_attachment input", () => {
  const base = { volume_id: ID.data1, virtual_machine_id: ID.helper };

  it("defaults apply: detach_on_destroy false, device_id unset", () => {
    expect(parseSpec(volumeAttachment, base)).toEqual({ ...base, detach_on_destroy: false });
  });

  it.each([0, 1, 2, 4, 15])("accepts device_id %i", (device_id) => {
    expect(parseSpec(volumeAttachment, { ...base, device_id }).device_id).toBe(device_id);
  });

  it.each([
    {
      name: "volume_id not a UUID",
      input: { ...base, volume_id: "vol-1" },
      issues: [{ path: ["volume_id"], message: `got "vol-1"; ${UUID_RULE}` }],
    },
    {
      name: "virtual_machine_id missing",
      input: { volume_id: ID.data1 },
      issues: [{ path: ["virtual_machine_id"], message: "is required (expected string)" }],
    },
    {
      name: "device_id negative",
      input: { ...base, device_id: -1 },
      issues: [{ path: ["device_id"], message: "got -1; must be 0 or more" }],
    },
    {
      name: "device_id a string",
      input: { ...base, device_id: "2" },
      issues: [{ path: ["device_id"], message: 'got "2"; expected number' }],
    },
    {
      name: "detach_on_destroy a string",
      input: { ...base, detach_on_destroy: "false" },
      issues: [{ path: ["detach_on_destroy"], message: 'got "false"; expected boolean' }],
    },
    {
      name: 'timeouts.delete "5 minutes"',
      input: { ...base, timeouts: { delete: "5 minutes" } },
      issues: [{ path: ["timeouts", "delete"], message: `got "5 minutes"; ${DURATION_RULE}` }],
    },
    {
      name: "an unknown attribute",
      input: { ...base, device: "/dev/vdb" },
      issues: [{ path: [], message: "unknown attribute device" }],
    },
    {
      name: "several problems at once, each named",
      input: { volume_id: "x", device_id: -2, extra: 1, other: 2 },
      issues: [
        { path: ["volume_id"], message: `got "x"; ${UUID_RULE}` },
        { path: ["virtual_machine_id"], message: "is required (expected string)" },
        { path: ["device_id"], message: "got -2; must be 0 or more" },
        { path: [], message: "unknown attributes extra, other" },
      ],
    },
  ])("rejects $name", ({ input, issues }) => {
    expectInvalid(volumeAttachment, input, issues);
  });

  it("rejects a fractional device_id, naming what was given and that a whole number is wanted", () => {
    let err: unknown;
    try {
      parseSpec(volumeAttachment, { ...base, device_id: 1.5 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidInputError);
    const issues = (err as InvalidInputError).issues;
    expect(issues.map((i) => i.path)).toEqual([["device_id"]]);
    expect(issues[0]?.message).toMatch(/^got 1\.5; (expected int|must be a whole number)$/);
  });
});
