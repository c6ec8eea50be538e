/**
 * Shared fixtures for the CloudStack planner tests: fixed ids, small builders for what the API shows
 * (VMs, volumes, pools, disk offerings), one-line renderings of plans, and an in-memory fake client
 * for the few tests that check that apply (converge) runs what the plan shows.
 *
 * Everything here is pure: no network, no clock, no timers.
 */
import { expect } from "vitest";
import { type Blocker, type InputIssue, InvalidInputError } from "../engine/errors.ts";
import type { Kind, Plan, Step } from "../engine/kind.ts";
import { planSequence } from "../engine/plan.ts";
import { parseSpec } from "../engine/resource.ts";
import type { DiskOffering, StoragePool, VirtualMachine, Volume } from "./api.ts";
import type { CloudStackClient } from "./client.ts";

/** Fixed UUIDs (the specs only accept UUIDs). The last group says what each one is. */
export const ID = {
  zone: "0000000a-0000-4000-8000-00000000a001",
  otherZone: "0000000a-0000-4000-8000-00000000a002",
  cluster1: "0000000c-0000-4000-8000-00000000c001",
  cluster2: "0000000c-0000-4000-8000-00000000c002",
  // VMs
  web: "0000000e-0000-4000-8000-0000000000e1",
  helper: "0000000e-0000-4000-8000-0000000000e2",
  broken: "0000000e-0000-4000-8000-0000000000e3",
  db: "0000000e-0000-4000-8000-0000000000e4",
  // volumes
  webRoot: "0000000b-0000-4000-8000-0000000000b1",
  newRoot: "0000000b-0000-4000-8000-0000000000b2",
  data1: "0000000b-0000-4000-8000-0000000000b3",
  data2: "0000000b-0000-4000-8000-0000000000b4",
  brokenRoot: "0000000b-0000-4000-8000-0000000000b5",
  helperRoot: "0000000b-0000-4000-8000-0000000000b6",
  dbRoot: "0000000b-0000-4000-8000-0000000000b7",
  dbData: "0000000b-0000-4000-8000-0000000000b8",
  archive: "0000000b-0000-4000-8000-0000000000b9",
  // pools
  poolA: "0000000d-0000-4000-8000-0000000000d1",
  poolB: "0000000d-0000-4000-8000-0000000000d2",
  poolOtherCluster: "0000000d-0000-4000-8000-0000000000d3",
  poolZoneWide: "0000000d-0000-4000-8000-0000000000d4",
  poolManaged: "0000000d-0000-4000-8000-0000000000d5",
  // disk offerings
  offeringPlain: "0000000f-0000-4000-8000-0000000000f1",
  offeringGold: "0000000f-0000-4000-8000-0000000000f2",
  // a well-formed id nothing has
  missing: "00000000-dead-4000-8000-000000000000",
} as const;

export interface VmRef {
  id: string;
  name: string;
}

export const WEB: VmRef = { id: ID.web, name: "web" };
export const HELPER: VmRef = { id: ID.helper, name: "helper" };
export const BROKEN: VmRef = { id: ID.broken, name: "broken" };
export const DB: VmRef = { id: ID.db, name: "db" };

/** A VM as listVirtualMachines shows it: KVM, zone 1, unless told otherwise. */
export function vm(ref: VmRef, state: string, extra: Partial<VirtualMachine> = {}): VirtualMachine {
  return { id: ref.id, name: ref.name, state, hypervisor: "KVM", zoneid: ID.zone, ...extra };
}

/** A detached, Ready KVM data volume on pool A (cluster 1), plain offering, unless told otherwise. */
export function volume(id: string, name: string, extra: Partial<Volume> = {}): Volume {
  return {
    id,
    name,
    type: "DATADISK",
    state: "Ready",
    zoneid: ID.zone,
    hypervisor: "KVM",
    storageid: ID.poolA,
    storage: "pool-a",
    clusterid: ID.cluster1,
    diskofferingid: ID.offeringPlain,
    ...extra,
  };
}

/** `v` attached to `to` at `device` (device 0 makes it the ROOT, as CloudStack does). */
export function attached(v: Volume, to: VmRef, device: number): Volume {
  return {
    ...v,
    type: device === 0 ? "ROOT" : v.type,
    virtualmachineid: to.id,
    vmname: to.name,
    deviceid: device,
  };
}

/** A job in flight on an object, as list* shows it. */
export function inFlight(jobid: string): { jobid: string; jobstatus: number } {
  return { jobid, jobstatus: 0 };
}

/** An Up, unmanaged, cluster-scoped KVM pool in cluster 1 without tags, unless told otherwise. */
export function pool(id: string, name: string, extra: Partial<StoragePool> = {}): StoragePool {
  return {
    id,
    name,
    state: "Up",
    scope: "CLUSTER",
    hypervisor: "KVM",
    clusterid: ID.cluster1,
    clustername: "cluster-1",
    zoneid: ID.zone,
    managed: false,
    ...extra,
  };
}

export const POOL_A = pool(ID.poolA, "pool-a");
export const POOL_B = pool(ID.poolB, "pool-b");
export const POOL_OTHER_CLUSTER = pool(ID.poolOtherCluster, "pool-c2", {
  clusterid: ID.cluster2,
  clustername: "cluster-2",
});
export const POOL_ZONE_WIDE = pool(ID.poolZoneWide, "pool-zone", {
  scope: "ZONE",
  clusterid: undefined,
  clustername: undefined,
});
export const POOL_MANAGED = pool(ID.poolManaged, "pool-managed", { managed: true });

export function offering(id: string, name: string, tags?: string): DiskOffering {
  return tags === undefined ? { id, name } : { id, name, tags };
}

export const PLAIN = offering(ID.offeringPlain, "plain");
export const GOLD = offering(ID.offeringGold, "gold", "ssd,gold");

// ---------------------------------------------------------------------------------------------------
// Plans as lines

/** One line per step: action, exact request, and whether it is flagged disruptive. */
export function line(step: Step): string {
  return `${step.action} ${step.request}${step.disruption ? " [disruptive]" : ""}`;
}

/** A step without its human title (titles are prose; tests check them with toContain). */
export function callOf(step: Step): Omit<Step, "title"> {
  const { title: _title, ...rest } = step;
  return rest;
}

export function lines(plan: Plan<unknown>): string[] {
  return plan.steps.map((s) => line(s.step));
}

/** The expected lines, built with the same words the kinds use. */
export const op = {
  stop: (vmId: string) => `call stopVirtualMachine id=${vmId} [disruptive]`,
  start: (vmId: string) => `call startVirtualMachine id=${vmId}`,
  detach: (volumeId: string) => `call detachVolume id=${volumeId}`,
  attach: (volumeId: string, vmId: string, device?: number) =>
    `call attachVolume id=${volumeId} virtualmachineid=${vmId}${device === undefined ? "" : ` deviceid=${device}`}`,
  migrateVm: (vmId: string, poolId: string) =>
    `call migrateVirtualMachine virtualmachineid=${vmId} storageid=${poolId}`,
  migrateVolume: (volumeId: string, poolId: string) =>
    `call migrateVolume volumeid=${volumeId} storageid=${poolId}`,
  /** createTags of an intent record (engine/intent.ts) on the VM, keys in the order given. */
  record: (vmId: string, type: string, values: Record<string, string>) =>
    `call createTags resourceids=${vmId} resourcetype=UserVm ${Object.entries(values)
      .map(([k, v]) => `ferry.${type}.${k}=${v}`)
      .join(" ")}`,
  clear: (vmId: string, type: string, names: string[]) =>
    `call deleteTags resourceids=${vmId} resourcetype=UserVm ${names.map((k) => `ferry.${type}.${k}`).join(" ")}`,
  waitJob: (jobid: string, on: string) => `wait job ${jobid} already running on ${on}`,
  waitVm: (vmName: string, state: string) => `wait VM ${vmName} to leave state ${state}`,
};

export interface ExpectedBlocker {
  code: string;
  /** Text the message must contain: the API's rule, quoted. */
  quote: string;
  /** The input that resolves it, when the blocker names one. */
  attribute?: string;
}

/**
 * CloudStack's own words for the operations a VM snapshot blocks (apis.md §1.6). Spelled out here rather
 * than imported from preconditions.ts, so that a change of wording there fails the tests.
 */
export const SNAPSHOT_RULE = {
  detach: "Unable to detach volume, please specify a VM that does not have VM snapshots",
  attach: (to: VmRef) =>
    `Unable to attach volume to VM ${to.name}/${to.id}, please specify a VM that does not have VM snapshots`,
  migrateVm: "Instance's disk cannot be migrated, please remove all the Instance Snapshots for this Instance",
} as const;

/** Codes in order, each message containing its quote, and exactly the attribute expected (or none). */
export function expectBlockers(actual: Blocker[], expected: ExpectedBlocker[]): void {
  expect(actual.map((b) => b.code)).toEqual(expected.map((b) => b.code));
  expected.forEach((want, i) => {
    const got = actual[i] as Blocker;
    expect(got.message).toContain(want.quote);
    expect(got.attribute).toBe(want.attribute);
  });
}

/** The spec as the engine plans with it: state-dependent defaults resolved against the first observation. */
export function resolvedSpec<S extends object, O>(
  kind: Kind<S, O, object, unknown>,
  spec: S,
  observed: O,
): S {
  return kind.resolveSpec ? kind.resolveSpec(spec, observed) : spec;
}

/** planSequence over the kind's `next`, as planResource does it (spec resolved first). */
export function planOf<S extends object, O>(
  kind: Kind<S, O, object, unknown>,
  spec: S,
  observed: O,
): Plan<O> {
  return planSequence(resolvedSpec(kind, spec, observed), observed, kind.next);
}

/** The plan converges on its own prediction: `next` has nothing left to do in `plan.final`. */
export function expectConverges<S extends object, O>(
  kind: Kind<S, O, object, unknown>,
  spec: S,
  observed: O,
): void {
  const resolved = resolvedSpec(kind, spec, observed);
  const plan = planSequence(resolved, observed, kind.next);
  expect(plan.blockers).toEqual([]);
  expect(kind.next(resolved, plan.final)).toEqual({ kind: "done" });
}

// ---------------------------------------------------------------------------------------------------
// Bad input

/** What `parseSpec` throws for `input`: exactly these issues, each also spelled out in the error text. */
export function expectInvalid(
  kind: Kind<object, unknown, object, unknown>,
  input: unknown,
  issues: InputIssue[],
): void {
  let thrown: unknown;
  try {
    parseSpec(kind, input);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(InvalidInputError);
  const err = thrown as InvalidInputError;
  expect(err.code).toBe("INVALID_INPUT");
  expect(err.issues).toEqual(issues);
  expect(err.message.startsWith(`Invalid ${kind.type} arguments: `)).toBe(true);
  for (const issue of issues) {
    const where = issue.path.length === 0 ? "(resource)" : issue.path.join(".");
    expect(err.message).toContain(`${where}: ${issue.message}`);
  }
}

/** The message zod issues carry for a bad UUID, after "got <value>; ". */
export const UUID_RULE = "must be a UUID such as 3f1c2a9e-8b4d-4c1e-9f2a-0b1c2d3e4f5a";
export const DURATION_RULE = 'must be a duration such as "90s", "20m" or "1h30m" (units ms, s, m, h)';

// ---------------------------------------------------------------------------------------------------
// An in-memory CloudStack behind the few calls the kinds make (observe and run). Async commands take
// effect at once; their jobs are finished when asked about. It checks none of CloudStack's rules:
// it only records what was called so that a test can compare it with the plan.

export class FakeCloudStack {
  readonly vms = new Map<string, VirtualMachine>();
  readonly volumes = new Map<string, Volume>();
  pools: StoragePool[] = [];
  offerings: DiskOffering[] = [];
  readonly snapshots = new Map<string, number>();
  /** Every async command issued, as `<command> <param>=<value> …` (params in the order given). */
  readonly calls: string[] = [];
  private jobs = 0;

  constructor(world: {
    vms?: VirtualMachine[];
    volumes?: Volume[];
    pools?: StoragePool[];
    offerings?: DiskOffering[];
  }) {
    for (const m of world.vms ?? []) this.vms.set(m.id, { ...m });
    for (const v of world.volumes ?? []) this.volumes.set(v.id, { ...v });
    this.pools = world.pools ?? [];
    this.offerings = world.offerings ?? [];
  }

  client(): CloudStackClient {
    const copy = <T>(x: T): T => (x === undefined ? x : structuredClone(x));
    const fake = {
      virtualMachines: { get: async (id: string) => copy(this.vms.get(id)) },
      volumes: { get: async (id: string) => copy(this.volumes.get(id)) },
      vmVolumes: {
        get: async (vmId: string) =>
          copy([...this.volumes.values()].filter((v) => v.virtualmachineid === vmId)),
      },
      vmSnapshotCounts: { get: async (vmId: string) => this.snapshots.get(vmId) ?? 0 },
      storagePools: async () => copy(this.pools),
      diskOfferings: async () => copy(this.offerings),
      startJob: async (command: string, params: Record<string, string>) => {
        this.calls.push([command, ...Object.entries(params).map(([k, v]) => `${k}=${v}`)].join(" "));
        this.apply(command, params);
        this.jobs += 1;
        return `job-${this.jobs}`;
      },
      waitJob: async (jobid: string) => ({ jobid, jobstatus: 1 }),
    };
    return fake as unknown as CloudStackClient;
  }

  private apply(command: string, p: Record<string, string>): void {
    const vmOf = (id: string | undefined) => this.vms.get(id ?? "") as VirtualMachine;
    const volOf = (id: string | undefined) => this.volumes.get(id ?? "") as Volume;
    switch (command) {
      case "stopVirtualMachine":
        vmOf(p.id).state = "Stopped";
        return;
      case "startVirtualMachine":
        vmOf(p.id).state = "Running";
        return;
      case "detachVolume": {
        const v = volOf(p.id);
        this.volumes.set(v.id, {
          ...v,
          type: v.type === "ROOT" ? "DATADISK" : v.type,
          virtualmachineid: undefined,
          vmname: undefined,
          deviceid: undefined,
        });
        return;
      }
      case "attachVolume": {
        const v = volOf(p.id);
        const target = vmOf(p.virtualmachineid);
        const used = new Set(
          [...this.volumes.values()].filter((x) => x.virtualmachineid === target.id).map((x) => x.deviceid),
        );
        let device = p.deviceid === undefined ? 1 : Number(p.deviceid);
        if (p.deviceid === undefined) while (used.has(device) || device === 3) device++;
        this.volumes.set(v.id, attached(v, target, device));
        return;
      }
      case "migrateVirtualMachine":
        for (const v of this.volumes.values())
          if (v.virtualmachineid === p.virtualmachineid) v.storageid = p.storageid;
        return;
      case "migrateVolume":
        volOf(p.volumeid).storageid = p.storageid;
        return;
      case "createTags": {
        const vm = vmOf(p.resourceids);
        const tags = [...(vm.tags ?? [])];
        for (let i = 0; p[`tags[${i}].key`] !== undefined; i++)
          tags.push({ key: p[`tags[${i}].key`] as string, value: p[`tags[${i}].value`] as string });
        vm.tags = tags;
        return;
      }
      case "deleteTags": {
        const vm = vmOf(p.resourceids);
        const keys = new Set<string>();
        for (let i = 0; p[`tags[${i}].key`] !== undefined; i++) keys.add(p[`tags[${i}].key`] as string);
        vm.tags = (vm.tags ?? []).filter((t) => !keys.has(t.key));
        return;
      }
      default:
        throw new Error(`the fake CloudStack does not know ${command}`);
    }
  }
}
