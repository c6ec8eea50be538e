/**
 * cloudstack_volume_storage planner, table-driven: the one migrateVolume, every blocker with the
 * API's rule quoted, convergence on the plan's own prediction, destroy and bad input.
 * Pure: hand-built observations only.
 */
import { describe, expect, it } from "vitest";
import { planSequence } from "../engine/plan.ts";
import { parseSpec } from "../engine/resource.ts";
import type { DiskOffering, StoragePool, Volume } from "./api.ts";
import {
  attached,
  callOf,
  DURATION_RULE,
  type ExpectedBlocker,
  expectBlockers,
  expectConverges,
  expectInvalid,
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
  UUID_RULE,
  volume,
  WEB,
} from "./fixtures.test-helpers.ts";
import { type VolumeStorageObserved, type VolumeStorageSpec, volumeStorage } from "./volume-storage.ts";

const archive = volume(ID.archive, "archive");

/** Move `archive` to pool-b, parsed through the kind's schema. */
function specOf(input: Record<string, unknown> = {}): VolumeStorageSpec {
  return parseSpec(volumeStorage, { volume_id: ID.archive, storage_pool_id: ID.poolB, ...input });
}

interface World {
  /** null: not found. Default: archive, detached, Ready, KVM, on pool-a (cluster 1). */
  volume?: Volume | null;
  /** null: not found. Default: pool-b (Up, KVM, cluster 1, no tags). */
  pool?: StoragePool | null;
  offerings?: DiskOffering[];
}

function world(w: World = {}): VolumeStorageObserved {
  const v = w.volume === null ? undefined : (w.volume ?? archive);
  return {
    volume: v,
    pool: w.pool === null ? undefined : (w.pool ?? POOL_B),
    currentPool: [POOL_A, POOL_B, POOL_OTHER_CLUSTER, POOL_ZONE_WIDE].find((p) => p.id === v?.storageid),
    offerings: w.offerings ?? [PLAIN, GOLD],
  };
}

interface PathRow {
  name: string;
  spec: Record<string, unknown>;
  observed: World;
  expected: string[];
}

const migrate = op.migrateVolume(ID.archive, ID.poolB);

const paths: PathRow[] = [
  {
    name: "detached volume to another pool of its cluster: one migrateVolume",
    spec: {},
    observed: {},
    expected: [migrate],
  },
  {
    name: "already on the pool: empty plan",
    spec: {},
    observed: { volume: volume(ID.archive, "archive", { storageid: ID.poolB }) },
    expected: [],
  },
  {
    name: "already on the pool, even attached and with the pool unlisted: empty plan",
    spec: {},
    observed: {
      volume: attached(volume(ID.archive, "archive", { storageid: ID.poolB }), WEB, 1),
      pool: null,
    },
    expected: [],
  },
  {
    name: "zone-wide pool: allowed from another cluster",
    spec: { storage_pool_id: ID.poolZoneWide },
    observed: {
      volume: volume(ID.archive, "archive", { storageid: ID.poolOtherCluster, clusterid: ID.cluster2 }),
      pool: POOL_ZONE_WIDE,
    },
    expected: [op.migrateVolume(ID.archive, ID.poolZoneWide)],
  },
  {
    name: "volume with hypervisor None: no hypervisor check",
    spec: {},
    observed: {
      volume: volume(ID.archive, "archive", { hypervisor: "None" }),
      pool: pool(ID.poolB, "pool-b", { hypervisor: "VMware" }),
    },
    expected: [migrate],
  },
  {
    name: "pool serving any hypervisor",
    spec: {},
    observed: {
      volume: volume(ID.archive, "archive", { hypervisor: "VMware" }),
      pool: pool(ID.poolB, "pool-b", { hypervisor: "Any" }),
    },
    expected: [migrate],
  },
  {
    name: "pool carrying the offering's tags",
    spec: {},
    observed: {
      volume: volume(ID.archive, "archive", { diskofferingid: ID.offeringGold }),
      pool: pool(ID.poolB, "pool-b", { tags: "gold,ssd" }),
    },
    expected: [migrate],
  },
  {
    name: "offering not listed: no tag check",
    spec: {},
    observed: { volume: volume(ID.archive, "archive", { diskofferingid: ID.offeringGold }), offerings: [] },
    expected: [migrate],
  },
  {
    name: "a finished job on the volume is not in flight",
    spec: {},
    observed: { volume: volume(ID.archive, "archive", { jobid: "job-done", jobstatus: 1 }) },
    expected: [migrate],
  },
];

describe("cloudstack_volume_storage plans", () => {
  it.each(paths)("$name", ({ spec: input, observed, expected }) => {
    const plan = planOf(volumeStorage, specOf(input), world(observed));
    expect(lines(plan)).toEqual(expected);
    expect(plan.blockers).toEqual([]);
  });

  it.each(paths)("converges on its own prediction: $name", ({ spec: input, observed }) => {
    const spec = specOf(input);
    expectConverges(volumeStorage, spec, world(observed));
  });

  it("the move: the exact step, no disruption, the volume predicted on the new pool", () => {
    const plan = planOf(volumeStorage, specOf(), world());
    expect(plan.steps.map((s) => callOf(s.step))).toEqual([
      {
        operation: "migrateVolume",
        action: "call",
        request: `migrateVolume volumeid=${ID.archive} storageid=${ID.poolB}`,
        params: { volumeid: ID.archive, storageid: ID.poolB },
      },
    ]);
    expect(plan.steps[0]?.step.title).toContain("archive");
    expect(plan.steps[0]?.step.title).toContain("pool-b");
    expect(plan.warnings).toEqual([]);
    expect(plan.final.volume).toMatchObject({
      storageid: ID.poolB,
      storage: "pool-b",
      clusterid: ID.cluster1,
    });
    expect(plan.final.currentPool?.id).toBe(ID.poolB);
  });
});

describe("cloudstack_volume_storage: an operation in flight", () => {
  const observed = { volume: volume(ID.archive, "archive", inFlight("job-mig")) };

  it("the next step is a wait for it", () => {
    const n = volumeStorage.next(specOf(), world(observed));
    expect(n.kind === "step" ? `${n.step.action} ${n.step.request}` : n.kind).toBe(
      op.waitJob("job-mig", "volume archive"),
    );
  });

  it("the plan is the wait, then ends unsettled (what follows depends on the job)", () => {
    const plan = planOf(volumeStorage, specOf(), world(observed));
    expect(lines(plan)).toEqual([op.waitJob("job-mig", "volume archive")]);
    expect(plan.unsettled).toBe(true);
    expect(plan.blockers).toEqual([]);
    expect(plan.steps[0]?.after).toStrictEqual(world(observed));
  });
});

interface BlockedRow {
  name: string;
  spec: Record<string, unknown>;
  observed: World;
  blockers: ExpectedBlocker[];
}

/** migrateVolume's wording: the volume's hypervisor, not a VM's. */
const VMWARE_ON_KVM = `Storage pool pool-b (${ID.poolB}) serves KVM, the volume is VMware ("Storage pool pool-b is not suitable to migrate volume archive").`;

const blocked: BlockedRow[] = [
  {
    name: "VOLUME_ATTACHED: the volume is attached to a VM (names volume_id)",
    spec: {},
    observed: { volume: attached(archive, WEB, 1) },
    blockers: [
      {
        code: "VOLUME_ATTACHED",
        quote: "Volume archive is attached to VM web; this resource moves detached volumes only.",
        attribute: "volume_id",
      },
    ],
  },
  {
    name: "VOLUME_STATE: volume not Ready",
    spec: {},
    observed: { volume: volume(ID.archive, "archive", { state: "Snapshotting" }) },
    blockers: [
      { code: "VOLUME_STATE", quote: 'Volume archive is Snapshotting; "Volume must be in ready state"' },
    ],
  },
  {
    name: "POOL_NOT_UP: pool in Maintenance",
    spec: {},
    observed: { pool: pool(ID.poolB, "pool-b", { state: "Maintenance" }) },
    blockers: [{ code: "POOL_NOT_UP", quote: "as the storage pool is in maintenance mode" }],
  },
  {
    name: "POOL_NOT_UP: pool PrepareForMaintenance",
    spec: {},
    observed: { pool: pool(ID.poolB, "pool-b", { state: "PrepareForMaintenance" }) },
    blockers: [
      { code: "POOL_NOT_UP", quote: "is PrepareForMaintenance; volumes move only to a pool that is Up." },
    ],
  },
  {
    name: "CROSS_CLUSTER: pool in another cluster",
    spec: { storage_pool_id: ID.poolOtherCluster },
    observed: { pool: POOL_OTHER_CLUSTER },
    blockers: [
      {
        code: "CROSS_CLUSTER",
        quote: `Volume archive (${ID.archive}) is in another cluster than storage pool pool-c2 (${ID.poolOtherCluster}) (cluster cluster-2); offline migration across clusters is not supported.`,
      },
    ],
  },
  {
    name: "STORAGE_TAGS: the offering's tags are missing on the pool",
    spec: {},
    observed: {
      volume: volume(ID.archive, "archive", { diskofferingid: ID.offeringGold }),
      pool: pool(ID.poolB, "pool-b", { tags: "gold" }),
    },
    blockers: [
      {
        code: "STORAGE_TAGS",
        quote: `needs storage tag ssd (disk offering gold); pool pool-b (${ID.poolB}) has gold ("Storage pool pool-b is not suitable to migrate volume archive")`,
      },
    ],
  },
  {
    name: "HYPERVISOR_MISMATCH: a VMware volume to a KVM pool",
    spec: {},
    observed: { volume: volume(ID.archive, "archive", { hypervisor: "VMware" }) },
    blockers: [{ code: "HYPERVISOR_MISMATCH", quote: VMWARE_ON_KVM }],
  },
  {
    name: "NOT_FOUND: the volume",
    spec: {},
    observed: { volume: null },
    blockers: [{ code: "NOT_FOUND", quote: `Volume ${ID.archive} was not found.`, attribute: "volume_id" }],
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
    name: "every rule at once: attached first, the volume state last",
    spec: {},
    observed: {
      volume: attached(
        volume(ID.archive, "archive", {
          state: "Resizing",
          hypervisor: "VMware",
          diskofferingid: ID.offeringGold,
        }),
        WEB,
        1,
      ),
      pool: pool(ID.poolB, "pool-b", { state: "Maintenance", clusterid: ID.cluster2 }),
    },
    blockers: [
      { code: "VOLUME_ATTACHED", quote: "this resource moves detached volumes only", attribute: "volume_id" },
      { code: "POOL_NOT_UP", quote: "as the storage pool is in maintenance mode" },
      { code: "HYPERVISOR_MISMATCH", quote: VMWARE_ON_KVM },
      { code: "CROSS_CLUSTER", quote: "offline migration across clusters is not supported" },
      { code: "STORAGE_TAGS", quote: "needs storage tags ssd, gold" },
      { code: "VOLUME_STATE", quote: "Volume must be in ready state" },
    ],
  },
];

describe("cloudstack_volume_storage blockers", () => {
  it.each(blocked)("$name", ({ spec: input, observed, blockers }) => {
    const plan = planOf(volumeStorage, specOf(input), world(observed));
    expect(lines(plan)).toEqual([]);
    expectBlockers(plan.blockers, blockers);
  });
});

describe("cloudstack_volume_storage destroy", () => {
  it("forgets: nothing to do, wherever the volume is", () => {
    const spec = specOf();
    expect(volumeStorage.destroySpec).toBeUndefined();
    const plan = planSequence(spec, world(), (s, o) => volumeStorage.nextDestroy(s, o, undefined));
    expect(lines(plan)).toEqual([]);
    expect(plan.blockers).toEqual([]);
  });
});

describe("cloudstack_volume_storage input", () => {
  const base = { volume_id: ID.archive, storage_pool_id: ID.poolB };

  it("accepts ids and timeouts", () => {
    expect(parseSpec(volumeStorage, { ...base, timeouts: { update: "2h" } })).toEqual({
      ...base,
      timeouts: { update: "2h" },
    });
  });

  it.each([
    {
      name: "volume_id not a UUID",
      input: { ...base, volume_id: "archive" },
      issues: [{ path: ["volume_id"], message: `got "archive"; ${UUID_RULE}` }],
    },
    {
      name: "storage_pool_id an empty string",
      input: { ...base, storage_pool_id: "" },
      issues: [{ path: ["storage_pool_id"], message: `got ""; ${UUID_RULE}` }],
    },
    {
      name: "volume_id missing",
      input: { storage_pool_id: ID.poolB },
      issues: [{ path: ["volume_id"], message: "is required (expected string)" }],
    },
    {
      name: "storage_pool_id null",
      input: { ...base, storage_pool_id: null },
      issues: [{ path: ["storage_pool_id"], message: "got null; expected string" }],
    },
    {
      name: 'timeouts.update "5 minutes"',
      input: { ...base, timeouts: { update: "5 minutes" } },
      issues: [{ path: ["timeouts", "update"], message: `got "5 minutes"; ${DURATION_RULE}` }],
    },
    {
      name: "allow_stop (an attribute of other kinds)",
      input: { ...base, allow_stop: true },
      issues: [{ path: [], message: "unknown attribute allow_stop" }],
    },
  ])("rejects $name", ({ input, issues }) => {
    expectInvalid(volumeStorage, input, issues);
  });
});
