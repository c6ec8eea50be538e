/**
 * cloudstack_vm_storage planner, table-driven: exact step sequences (one migrateVirtualMachine, stop
 * and start around it only with allow_stop), every blocker with the API's rule quoted, convergence on
 * the plan's own prediction, destroy and bad input. Pure: hand-built observations only.
 */
import { describe, expect, it } from "vitest";
import { converge } from "../engine/converge.ts";
import { planSequence } from "../engine/plan.ts";
import { parseSpec, planResource } from "../engine/resource.ts";
import type { DiskOffering, StoragePool, VirtualMachine, Volume } from "./api.ts";
import {
  attached,
  callOf,
  DB,
  DURATION_RULE,
  type ExpectedBlocker,
  expectBlockers,
  expectConverges,
  expectInvalid,
  FakeCloudStack,
  GOLD,
  ID,
  inFlight,
  lines,
  op,
  PLAIN,
  POOL_A,
  POOL_B,
  POOL_OTHER_CLUSTER,
  POOL_ZONE_WIDE,
  planOf,
  pool,
  resolvedSpec,
  SNAPSHOT_RULE,
  UUID_RULE,
  vm,
  volume,
} from "./fixtures.test-helpers.ts";
import { type VmStorageObserved, type VmStorageSpec, vmStorage } from "./vm-storage.ts";

const dbRoot = attached(volume(ID.dbRoot, "ROOT-db"), DB, 0);
const dbData = attached(volume(ID.dbData, "DATA-db"), DB, 1);
const stopped = vm(DB, "Stopped");
const running = vm(DB, "Running");

/** Move db to pool-b, parsed through the kind's schema (allow_stop defaults to false). */
function specOf(input: Record<string, unknown> = {}): VmStorageSpec {
  return parseSpec(vmStorage, { virtual_machine_id: ID.db, storage_pool_id: ID.poolB, ...input });
}

interface World {
  /** null: not found. Default: db, Stopped, KVM. */
  vm?: VirtualMachine | null;
  /** Default: db's ROOT on pool-a (cluster 1). */
  volumes?: Volume[];
  /** null: not found. Default: pool-b (Up, KVM, cluster 1, no tags). */
  pool?: StoragePool | null;
  offerings?: DiskOffering[];
  snapshots?: number;
}

/** What observe() would return for this world. */
function world(w: World = {}): VmStorageObserved {
  const theVm = w.vm === null ? undefined : (w.vm ?? stopped);
  return {
    vm: theVm,
    volumes: w.volumes ?? [dbRoot],
    pool: w.pool === null ? undefined : (w.pool ?? POOL_B),
    offerings: w.offerings ?? [PLAIN, GOLD],
    snapshots: w.snapshots ?? 0,
  };
}

const on = (v: Volume, poolId: string, clusterid: string | undefined = ID.cluster1): Volume => ({
  ...v,
  storageid: poolId,
  clusterid,
});

interface PathRow {
  name: string;
  spec: Record<string, unknown>;
  observed: World;
  expected: string[];
}

const migrate = op.migrateVm(ID.db, ID.poolB);
const T = "cloudstack_vm_storage";
/** Recorded on the VM before the stop: start it again or not. Deleted once the move is complete. */
const rec = (restart: boolean) => op.record(ID.db, T, { restart: String(restart) });
const clr = op.clear(ID.db, T, ["restart"]);

const paths: PathRow[] = [
  { name: "Stopped VM: one migrateVirtualMachine", spec: {}, observed: {}, expected: [migrate] },
  {
    name: "Running VM + allow_stop: stop, migrateVirtualMachine, start",
    spec: { allow_stop: true },
    observed: { vm: running },
    expected: [rec(true), op.stop(ID.db), migrate, op.start(ID.db), clr],
  },
  {
    name: "Running VM + allow_stop + start = false: left Stopped",
    spec: { allow_stop: true, start: false },
    observed: { vm: running },
    expected: [rec(false), op.stop(ID.db), migrate, clr],
  },
  {
    name: "Stopped VM + start = true: start at the end",
    spec: { start: true },
    observed: {},
    expected: [migrate, op.start(ID.db)],
  },
  {
    name: "already on the pool (Stopped): empty plan",
    spec: {},
    observed: { volumes: [on(dbRoot, ID.poolB)] },
    expected: [],
  },
  {
    name: "already on the pool (Running): empty plan",
    spec: {},
    observed: { vm: running, volumes: [on(dbRoot, ID.poolB), on(dbData, ID.poolB)] },
    expected: [],
  },
  {
    name: "already on the pool, Stopped + start = true: only the start",
    spec: { start: true },
    observed: { volumes: [on(dbRoot, ID.poolB)] },
    expected: [op.start(ID.db)],
  },
  {
    name: "zone-wide pool: allowed from another cluster",
    spec: { storage_pool_id: ID.poolZoneWide },
    observed: { pool: POOL_ZONE_WIDE, volumes: [on(dbRoot, ID.poolOtherCluster, ID.cluster2)] },
    expected: [op.migrateVm(ID.db, ID.poolZoneWide)],
  },
  {
    name: "KVM VM with a data disk: every volume moves in the one call",
    spec: {},
    observed: { volumes: [dbRoot, dbData] },
    expected: [migrate],
  },
  {
    name: "VMware VM with a data disk: allowed",
    spec: {},
    observed: {
      vm: vm(DB, "Stopped", { hypervisor: "VMware" }),
      volumes: [dbRoot, dbData].map((v) => ({ ...v, hypervisor: "VMware" })),
      pool: pool(ID.poolB, "pool-b", { hypervisor: "VMware" }),
    },
    expected: [migrate],
  },
  {
    name: "XenServer VM with only its ROOT: allowed",
    spec: {},
    observed: {
      vm: vm(DB, "Stopped", { hypervisor: "XenServer" }),
      pool: pool(ID.poolB, "pool-b", { hypervisor: "XenServer" }),
    },
    expected: [migrate],
  },
  {
    name: "pool serving any hypervisor",
    spec: {},
    observed: { pool: pool(ID.poolB, "pool-b", { hypervisor: "Any" }) },
    expected: [migrate],
  },
  {
    name: "pool carrying the offering's tags (and more)",
    spec: {},
    observed: {
      volumes: [{ ...dbRoot, diskofferingid: ID.offeringGold }],
      pool: pool(ID.poolB, "pool-b", { tags: "fast, gold,ssd" }),
    },
    expected: [migrate],
  },
  {
    name: "partly moved (the data disk is already there): migrate again",
    spec: {},
    observed: { volumes: [dbRoot, on(dbData, ID.poolB)] },
    expected: [migrate],
  },
  {
    name: "VM Stopping: wait for it, then migrate",
    spec: {},
    observed: { vm: vm(DB, "Stopping") },
    expected: [op.waitVm("db", "Stopping"), migrate],
  },
  {
    name: "VM Starting + allow_stop: wait, stop, migrate, start",
    spec: { allow_stop: true },
    observed: { vm: vm(DB, "Starting") },
    expected: [op.waitVm("db", "Starting"), rec(true), op.stop(ID.db), migrate, op.start(ID.db), clr],
  },
  {
    name: "a finished job on the VM is not in flight",
    spec: {},
    observed: { vm: vm(DB, "Stopped", { jobid: "job-done", jobstatus: 1 }) },
    expected: [migrate],
  },
];

describe("cloudstack_vm_storage plans", () => {
  it.each(paths)("$name", ({ spec: input, observed, expected }) => {
    const spec = specOf(input);
    const plan = planOf(vmStorage, spec, world(observed));
    expect(lines(plan)).toEqual(expected);
    expect(plan.blockers).toEqual([]);
  });

  it.each(paths)("converges on its own prediction: $name", ({ spec: input, observed }) => {
    expectConverges(vmStorage, specOf(input), world(observed));
  });

  it("stop, move, start: exact steps, one warning, every volume predicted on the pool", () => {
    const spec = specOf({ allow_stop: true });
    const plan = planOf(vmStorage, spec, world({ vm: running, volumes: [dbRoot, dbData] }));
    expect(plan.steps.map((s) => callOf(s.step))).toEqual([
      {
        operation: "createTags",
        action: "call",
        request: `createTags resourceids=${ID.db} resourcetype=UserVm ferry.cloudstack_vm_storage.restart=true`,
        params: {
          resourceids: ID.db,
          resourcetype: "UserVm",
          "tags[0].key": "ferry.cloudstack_vm_storage.restart",
          "tags[0].value": "true",
        },
      },
      {
        operation: "stopVirtualMachine",
        action: "call",
        request: `stopVirtualMachine id=${ID.db}`,
        params: { id: ID.db },
        disruption: "VM db stops: downtime until it is started again",
      },
      {
        operation: "migrateVirtualMachine",
        action: "call",
        request: `migrateVirtualMachine virtualmachineid=${ID.db} storageid=${ID.poolB}`,
        params: { virtualmachineid: ID.db, storageid: ID.poolB },
      },
      {
        operation: "startVirtualMachine",
        action: "call",
        request: `startVirtualMachine id=${ID.db}`,
        params: { id: ID.db },
      },
      {
        operation: "deleteTags",
        action: "call",
        request: `deleteTags resourceids=${ID.db} resourcetype=UserVm ferry.cloudstack_vm_storage.restart`,
        params: {
          resourceids: ID.db,
          resourcetype: "UserVm",
          "tags[0].key": "ferry.cloudstack_vm_storage.restart",
        },
      },
    ]);
    expect(plan.steps[2]?.step.title).toContain("pool-b");
    expect(plan.warnings).toEqual(["stopVirtualMachine: VM db stops: downtime until it is started again"]);
    expect(plan.final.volumes.map((v) => [v.id, v.storageid, v.storage])).toEqual([
      [ID.dbRoot, ID.poolB, "pool-b"],
      [ID.dbData, ID.poolB, "pool-b"],
    ]);
    expect(plan.final.vm?.state).toBe("Running");
  });
});

describe("cloudstack_vm_storage: `start` unset means as the VM was when the move began", () => {
  it.each([
    { state: "Running", start: undefined, resolved: true },
    { state: "Starting", start: undefined, resolved: true },
    { state: "Stopped", start: undefined, resolved: false },
    { state: "Migrating", start: undefined, resolved: false },
    { state: "Running", start: false, resolved: false },
    { state: "Stopped", start: true, resolved: true },
  ])("VM $state, start = $start → $resolved", ({ state, start, resolved }) => {
    const spec = specOf(start === undefined ? {} : { start });
    expect(resolvedSpec(vmStorage, spec, world({ vm: vm(DB, state) })).start).toBe(resolved);
  });
});

describe("cloudstack_vm_storage: operations in flight", () => {
  const jobs: { name: string; observed: World; wait: string; settled: World }[] = [
    {
      name: "job on the VM",
      observed: { vm: vm(DB, "Stopped", inFlight("job-vm")) },
      wait: op.waitJob("job-vm", "VM db"),
      settled: {},
    },
    {
      name: "job on one of its volumes",
      observed: { volumes: [dbRoot, { ...dbData, ...inFlight("job-data") }] },
      wait: op.waitJob("job-data", "VM db"),
      settled: { volumes: [dbRoot, dbData] },
    },
  ];

  it.each(jobs)("$name: the next step is a wait for it", ({ observed, wait }) => {
    const spec = specOf();
    const n = vmStorage.next(spec, world(observed));
    expect(n.kind === "step" ? `${n.step.action} ${n.step.request}` : n.kind).toBe(wait);
  });

  it.each(jobs)(
    "$name: the plan is the wait, then ends unsettled (what follows depends on the job)",
    ({ observed, wait }) => {
      const plan = planOf(vmStorage, specOf(), world(observed));
      expect(lines(plan)).toEqual([wait]);
      expect(plan.unsettled).toBe(true);
      expect(plan.blockers).toEqual([]);
    },
  );

  it.each(jobs)("$name: the wait predicts nothing: the state is left as observed", ({ observed }) => {
    const plan = planOf(vmStorage, specOf(), world(observed));
    expect(plan.steps[0]?.after).toStrictEqual(world(observed));
  });
});

interface BlockedRow {
  name: string;
  spec: Record<string, unknown>;
  observed: World;
  steps?: string[];
  blockers: ExpectedBlocker[];
}

const NOT_STOPPED_RULE = "VM is not Stopped, unable to migrate the vm having the specified id";
const NO_VOLUMES_MESSAGE =
  "VM db has no volumes attached (its ROOT may have been detached); there is nothing to migrate.";

const blocked: BlockedRow[] = [
  {
    name: "POOL_NOT_UP: pool in Maintenance",
    spec: {},
    observed: { pool: pool(ID.poolB, "pool-b", { state: "Maintenance" }) },
    blockers: [{ code: "POOL_NOT_UP", quote: "as the storage pool is in maintenance mode" }],
  },
  {
    name: "POOL_NOT_UP: pool Disabled",
    spec: {},
    observed: { pool: pool(ID.poolB, "pool-b", { state: "Disabled" }) },
    blockers: [
      {
        code: "POOL_NOT_UP",
        quote: `Storage pool pool-b (${ID.poolB}) is Disabled; volumes move only to a pool that is Up.`,
      },
    ],
  },
  {
    name: "CROSS_CLUSTER: pool in another cluster (one blocker per volume)",
    spec: { storage_pool_id: ID.poolOtherCluster },
    observed: { pool: POOL_OTHER_CLUSTER, volumes: [dbRoot, dbData] },
    blockers: [
      {
        code: "CROSS_CLUSTER",
        quote: `Volume ROOT-db (${ID.dbRoot}) is in another cluster than storage pool pool-c2`,
      },
      {
        code: "CROSS_CLUSTER",
        quote: "(cluster cluster-2); offline migration across clusters is not supported.",
      },
    ],
  },
  {
    name: "STORAGE_TAGS: the offering's tag is missing on the pool",
    spec: {},
    observed: {
      volumes: [{ ...dbRoot, diskofferingid: ID.offeringGold }],
      pool: pool(ID.poolB, "pool-b", { tags: "ssd" }),
    },
    blockers: [
      {
        code: "STORAGE_TAGS",
        quote: `needs storage tag gold (disk offering gold); pool pool-b (${ID.poolB}) has ssd ("Storage pool pool-b is not suitable to migrate volume ROOT-db")`,
      },
    ],
  },
  {
    name: "STORAGE_TAGS: a pool without tags",
    spec: {},
    observed: { volumes: [{ ...dbRoot, diskofferingid: ID.offeringGold }] },
    blockers: [{ code: "STORAGE_TAGS", quote: "needs storage tags ssd, gold (disk offering gold)" }],
  },
  {
    name: "HYPERVISOR_MISMATCH: VMware pool for a KVM VM",
    spec: {},
    observed: { pool: pool(ID.poolB, "pool-b", { hypervisor: "VMware" }) },
    blockers: [
      {
        code: "HYPERVISOR_MISMATCH",
        quote: `Storage pool pool-b (${ID.poolB}) serves VMware, not KVM ("hypervisor is not compatible: dest: VMware, vm: KVM").`,
      },
    ],
  },
  {
    name: "VM_SNAPSHOTS (quotes migrateVirtualMachine's rule)",
    spec: {},
    observed: { snapshots: 2 },
    blockers: [
      {
        code: "VM_SNAPSHOTS",
        quote: `VM db (${ID.db}) has 2 VM snapshots ("${SNAPSHOT_RULE.migrateVm}").`,
      },
    ],
  },
  {
    name: "VM_SNAPSHOTS: one VM snapshot",
    spec: {},
    observed: { snapshots: 1 },
    blockers: [
      {
        code: "VM_SNAPSHOTS",
        quote: `VM db (${ID.db}) has 1 VM snapshot ("${SNAPSHOT_RULE.migrateVm}").`,
      },
    ],
  },
  {
    name: "NO_VOLUMES: a Stopped VM without volumes (the broken VM of the rescue case)",
    spec: {},
    observed: { volumes: [] },
    blockers: [{ code: "NO_VOLUMES", quote: NO_VOLUMES_MESSAGE }],
  },
  {
    name: "NO_VOLUMES: start = true changes nothing (no start is planned)",
    spec: { start: true },
    observed: { volumes: [] },
    blockers: [{ code: "NO_VOLUMES", quote: NO_VOLUMES_MESSAGE }],
  },
  {
    name: "NO_VOLUMES: a Running VM + allow_stop is not stopped for nothing",
    spec: { allow_stop: true },
    observed: { vm: running, volumes: [] },
    blockers: [{ code: "NO_VOLUMES", quote: NO_VOLUMES_MESSAGE }],
  },
  {
    name: "NO_VOLUMES: reported before a missing pool",
    spec: {},
    observed: { volumes: [], pool: null },
    blockers: [{ code: "NO_VOLUMES", quote: NO_VOLUMES_MESSAGE }],
  },
  {
    name: "NO_VOLUMES: a Stopping VM without volumes, after waiting for it",
    spec: {},
    observed: { vm: vm(DB, "Stopping"), volumes: [] },
    steps: [op.waitVm("db", "Stopping")],
    blockers: [{ code: "NO_VOLUMES", quote: NO_VOLUMES_MESSAGE }],
  },
  {
    name: "DATA_DISKS: XenServer VM with two volumes",
    spec: {},
    observed: {
      vm: vm(DB, "Stopped", { hypervisor: "XenServer" }),
      volumes: [dbRoot, dbData],
      pool: pool(ID.poolB, "pool-b", { hypervisor: "XenServer" }),
    },
    blockers: [
      {
        code: "DATA_DISKS",
        quote: "Data disks attached to the vm, can not migrate. Need to detach data disks first",
      },
    ],
  },
  {
    name: "VM_RUNNING: Running VM without allow_stop (names allow_stop)",
    spec: {},
    observed: { vm: running },
    blockers: [{ code: "VM_RUNNING", quote: NOT_STOPPED_RULE, attribute: "allow_stop" }],
  },
  {
    name: "VM_RUNNING: Starting VM without allow_stop, after waiting for it",
    spec: {},
    observed: { vm: vm(DB, "Starting") },
    steps: [op.waitVm("db", "Starting")],
    blockers: [{ code: "VM_RUNNING", quote: NOT_STOPPED_RULE, attribute: "allow_stop" }],
  },
  {
    name: "VM_STATE: VM in Error",
    spec: { allow_stop: true },
    observed: { vm: vm(DB, "Error") },
    blockers: [{ code: "VM_STATE", quote: "VM db is Error; its storage moves only while it is Stopped." }],
  },
  {
    name: "NOT_FOUND: the VM",
    spec: {},
    observed: { vm: null },
    blockers: [{ code: "NOT_FOUND", quote: `VM ${ID.db} was not found.`, attribute: "virtual_machine_id" }],
  },
  {
    name: "NOT_FOUND: the pool",
    spec: {},
    observed: { pool: null },
    blockers: [
      { code: "NOT_FOUND", quote: `Storage pool ${ID.poolB} was not found.`, attribute: "storage_pool_id" },
    ],
  },
  {
    name: "every rule at once, in a fixed order (and before the Running check)",
    spec: {},
    observed: {
      vm: vm(DB, "Running", { hypervisor: "XenServer" }),
      volumes: [{ ...dbRoot, diskofferingid: ID.offeringGold }, dbData],
      pool: pool(ID.poolB, "pool-b", { state: "Maintenance", hypervisor: "VMware", clusterid: ID.cluster2 }),
      snapshots: 1,
    },
    blockers: [
      {
        code: "VM_SNAPSHOTS",
        quote: `VM db (${ID.db}) has 1 VM snapshot ("${SNAPSHOT_RULE.migrateVm}").`,
      },
      { code: "POOL_NOT_UP", quote: "as the storage pool is in maintenance mode" },
      {
        code: "HYPERVISOR_MISMATCH",
        quote: `Storage pool pool-b (${ID.poolB}) serves VMware, not XenServer ("hypervisor is not compatible: dest: VMware, vm: XenServer").`,
      },
      { code: "CROSS_CLUSTER", quote: `Volume ROOT-db (${ID.dbRoot}) is in another cluster` },
      { code: "STORAGE_TAGS", quote: "Storage pool pool-b is not suitable to migrate volume ROOT-db" },
      { code: "CROSS_CLUSTER", quote: `Volume DATA-db (${ID.dbData}) is in another cluster` },
      {
        code: "DATA_DISKS",
        quote: "Data disks attached to the vm, can not migrate. Need to detach data disks first",
      },
    ],
  },
];

describe("cloudstack_vm_storage blockers", () => {
  it.each(blocked)("$name", ({ spec: input, observed, steps, blockers }) => {
    const spec = specOf(input);
    const plan = planOf(vmStorage, spec, world(observed));
    expect(lines(plan)).toEqual(steps ?? []);
    expectBlockers(plan.blockers, blockers);
  });
});

describe("cloudstack_vm_storage destroy", () => {
  it.each([
    { name: "on the pool", volumes: [on(dbRoot, ID.poolB)] },
    { name: "elsewhere", volumes: [dbRoot] },
  ])("forgets: nothing to do with the VM $name", ({ volumes }) => {
    const spec = specOf({ allow_stop: true });
    expect(vmStorage.destroySpec).toBeUndefined();
    const plan = planSequence(spec, world({ vm: running, volumes }), (s, o) =>
      vmStorage.nextDestroy(s, o, undefined),
    );
    expect(lines(plan)).toEqual([]);
    expect(plan.blockers).toEqual([]);
  });
});

describe("apply runs what the plan shows (in-memory CloudStack)", () => {
  const estate = () =>
    new FakeCloudStack({
      vms: [running],
      volumes: [dbRoot, dbData],
      pools: [POOL_A, POOL_B],
      offerings: [PLAIN, GOLD],
    });

  async function planThenApply(input: Record<string, unknown>) {
    const spec = specOf(input);
    const planned = await planResource(vmStorage, estate().client(), spec);
    const fake = estate();
    const result = await converge(vmStorage, fake.client(), spec, {
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

  it("start = true: apply runs stop, migrate, start and the VM runs again", async () => {
    const { planned, ran, fake } = await planThenApply({ allow_stop: true, start: true });
    expect(planned).toEqual([
      `createTags resourceids=${ID.db} resourcetype=UserVm ferry.cloudstack_vm_storage.restart=true`,
      `stopVirtualMachine id=${ID.db}`,
      `migrateVirtualMachine virtualmachineid=${ID.db} storageid=${ID.poolB}`,
      `startVirtualMachine id=${ID.db}`,
      `deleteTags resourceids=${ID.db} resourcetype=UserVm ferry.cloudstack_vm_storage.restart`,
    ]);
    expect(ran).toEqual(planned);
    expect(fake.vms.get(ID.db)?.state).toBe("Running");
  });

  // `start` unset means "as it was when the move began": resolved once, from the first observation.
  it("start unset: apply also starts the VM again, as the plan says", async () => {
    const { planned, ran, fake } = await planThenApply({ allow_stop: true });
    expect(planned.at(-2)).toBe(`startVirtualMachine id=${ID.db}`);
    expect(ran).toEqual(planned);
    expect(fake.vms.get(ID.db)?.state).toBe("Running");
  });
});

// Killed at any step boundary, then run again with the same configuration: the VM runs again (the
// intent was on the VM, not in the process) and no operation ran twice.
describe("cloudstack_vm_storage: a move interrupted at every step boundary, then run again", () => {
  const estate = () =>
    new FakeCloudStack({
      vms: [running],
      volumes: [dbRoot, dbData],
      pools: [POOL_A, POOL_B],
      offerings: [PLAIN, GOLD],
    });
  const apply = (fake: FakeCloudStack, killBefore?: number) => {
    let n = 0;
    return converge(vmStorage, fake.client(), specOf({ allow_stop: true }), {
      phase: "update",
      timeoutMs: 60_000,
      now: () => 0,
      onStep: () => {
        if (n++ === killBefore) throw new Error("killed");
      },
    });
  };

  it.each([1, 2, 3, 4])("killed before step %i of 5", async (k) => {
    const whole = estate();
    await apply(whole);
    expect(whole.calls).toHaveLength(5);
    const fake = estate();
    await expect(apply(fake, k)).rejects.toThrow("killed");
    await apply(fake);
    expect(fake.calls).toEqual(whole.calls);
    expect(fake.vms.get(ID.db)).toEqual(whole.vms.get(ID.db));
    expect(fake.vms.get(ID.db)?.state).toBe("Running");
  });
});

describe("cloudstack_vm_storage input", () => {
  const base = { virtual_machine_id: ID.db, storage_pool_id: ID.poolB };

  it("defaults apply: allow_stop false, start unset", () => {
    expect(parseSpec(vmStorage, base)).toEqual({ ...base, allow_stop: false });
  });

  it.each([
    {
      name: "storage_pool_id not a UUID",
      input: { ...base, storage_pool_id: "pool-b" },
      issues: [{ path: ["storage_pool_id"], message: `got "pool-b"; ${UUID_RULE}` }],
    },
    {
      name: "storage_pool_id missing",
      input: { virtual_machine_id: ID.db },
      issues: [{ path: ["storage_pool_id"], message: "is required (expected string)" }],
    },
    {
      name: "allow_stop a string",
      input: { ...base, allow_stop: "yes" },
      issues: [{ path: ["allow_stop"], message: 'got "yes"; expected boolean' }],
    },
    {
      name: "start a string",
      input: { ...base, start: "false" },
      issues: [{ path: ["start"], message: 'got "false"; expected boolean' }],
    },
    {
      name: 'timeouts.create "5 minutes"',
      input: { ...base, timeouts: { create: "5 minutes" } },
      issues: [{ path: ["timeouts", "create"], message: `got "5 minutes"; ${DURATION_RULE}` }],
    },
    {
      name: 'timeouts.update "-5m"',
      input: { ...base, timeouts: { update: "-5m" } },
      issues: [{ path: ["timeouts", "update"], message: `got "-5m"; ${DURATION_RULE}` }],
    },
    {
      name: "an unknown attribute",
      input: { ...base, storage_pool_name: "pool-b" },
      issues: [{ path: [], message: "unknown attribute storage_pool_name" }],
    },
  ])("rejects $name", ({ input, issues }) => {
    expectInvalid(vmStorage, input, issues);
  });
});
