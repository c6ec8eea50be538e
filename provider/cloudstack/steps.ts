/**
 * The CloudStack operations ferry plans (one constructor each, so every kind shows the same request
 * text) and the one way they are run: issue the async command, then wait for its job.
 * Wait steps await something found in flight: a job (jobid shown on the VM or volume) or a VM state.
 */
import { ApiError, FerryError } from "../engine/errors.ts";
import { intentKey, intentTags, readIntent } from "../engine/intent.ts";
import type { RunOptions, Step } from "../engine/kind.ts";
import { waitFor } from "../engine/wait.ts";
import { type VirtualMachine, virtualMachineSchema } from "./api.ts";
import type { CloudStackClient } from "./client.ts";

const label = (name: string | undefined, id: string) => name || id;

export function stopVm(vm: VirtualMachine): Step {
  return {
    operation: "stopVirtualMachine",
    action: "call",
    request: `stopVirtualMachine id=${vm.id}`,
    params: { id: vm.id },
    title: `Stop VM ${label(vm.name, vm.id)}`,
    disruption: `VM ${vm.name || vm.id} stops: downtime until it is started again`,
  };
}

export function startVm(vm: VirtualMachine): Step {
  return {
    operation: "startVirtualMachine",
    action: "call",
    request: `startVirtualMachine id=${vm.id}`,
    params: { id: vm.id },
    title: `Start VM ${label(vm.name, vm.id)}`,
  };
}

export function detachVolume(volume: { id: string; name: string }, from: string): Step {
  return {
    operation: "detachVolume",
    action: "call",
    request: `detachVolume id=${volume.id}`,
    params: { id: volume.id },
    title: `Detach volume ${label(volume.name, volume.id)} from ${from}`,
  };
}

export function attachVolume(
  volume: { id: string; name: string },
  vm: VirtualMachine,
  deviceId: number | undefined,
): Step {
  const params: Step["params"] = { id: volume.id, virtualmachineid: vm.id };
  if (deviceId !== undefined) params.deviceid = deviceId;
  return {
    operation: "attachVolume",
    action: "call",
    request: `attachVolume id=${volume.id} virtualmachineid=${vm.id}${deviceId !== undefined ? ` deviceid=${deviceId}` : ""}`,
    params,
    title:
      deviceId === 0
        ? `Attach volume ${label(volume.name, volume.id)} to ${vm.name || vm.id} as ROOT (device 0)`
        : `Attach volume ${label(volume.name, volume.id)} to ${vm.name || vm.id}${deviceId !== undefined ? ` at device ${deviceId}` : ""}`,
  };
}

export function migrateVolume(
  volume: { id: string; name: string },
  pool: { id: string; name: string },
): Step {
  return {
    operation: "migrateVolume",
    action: "call",
    request: `migrateVolume volumeid=${volume.id} storageid=${pool.id}`,
    params: { volumeid: volume.id, storageid: pool.id },
    title: `Move volume ${label(volume.name, volume.id)} to pool ${label(pool.name, pool.id)}`,
  };
}

export function migrateVmStorage(vm: VirtualMachine, pool: { id: string; name: string }): Step {
  return {
    operation: "migrateVirtualMachine",
    action: "call",
    request: `migrateVirtualMachine virtualmachineid=${vm.id} storageid=${pool.id}`,
    params: { virtualmachineid: vm.id, storageid: pool.id },
    title: `Move every volume of stopped VM ${label(vm.name, vm.id)} to pool ${label(pool.name, pool.id)}`,
  };
}

/**
 * Record the intent of an unfinished change on the VM (resource tags, engine/intent.ts) before the
 * disruptive step, so that a run interrupted in the window knows what is left to do.
 */
export function recordIntent(vm: VirtualMachine, type: string, values: Record<string, string>): Step {
  const tags = intentTags(type, values);
  const params: Step["params"] = { resourceids: vm.id, resourcetype: "UserVm" };
  tags.forEach((t, i) => {
    params[`tags[${i}].key`] = t.key;
    params[`tags[${i}].value`] = t.value;
  });
  return {
    operation: "createTags",
    action: "call",
    request: `createTags resourceids=${vm.id} resourcetype=UserVm ${tags.map((t) => `${t.key}=${t.value}`).join(" ")}`,
    params,
    title: `Record on VM ${label(vm.name, vm.id)} what is left to do if this run is interrupted`,
  };
}

/** Delete the intent recorded on the VM once the change is complete. */
export function clearIntent(vm: VirtualMachine, type: string): Step {
  const keys = readIntentKeys(vm, type);
  const params: Step["params"] = { resourceids: vm.id, resourcetype: "UserVm" };
  keys.forEach((k, i) => {
    params[`tags[${i}].key`] = k;
  });
  return {
    operation: "deleteTags",
    action: "call",
    request: `deleteTags resourceids=${vm.id} resourcetype=UserVm ${keys.join(" ")}`,
    params,
    title: `Clear the record of the finished change on VM ${label(vm.name, vm.id)}`,
  };
}

const readIntentKeys = (vm: VirtualMachine, type: string) =>
  Object.keys(readIntent(type, vm.tags)).map((name) => intentKey(type, name));

/** The intent of `type` recorded on a VM. */
export const vmIntent = (vm: VirtualMachine | undefined, type: string) => readIntent(type, vm?.tags);

/** The VM with `values` recorded (the prediction after recordIntent) or cleared (after clearIntent). */
export function withIntent(vm: VirtualMachine, type: string, values: Record<string, string> | undefined) {
  const others = (vm.tags ?? []).filter((t) => !t.key.startsWith(intentKey(type, "")));
  return { ...vm, tags: values ? [...others, ...intentTags(type, values)] : others };
}

/**
 * `start` unset: start the VM again if an interrupted run recorded that it was Running, else if it is
 * Running when the change begins. Applied to the first observation of a plan or run only.
 */
export function resolveStart<S extends { start?: boolean | undefined }>(
  type: string,
  spec: S,
  vm: VirtualMachine | undefined,
): S {
  if (spec.start !== undefined || !vm) return spec;
  const recorded = vmIntent(vm, type).restart;
  if (recorded !== undefined) return { ...spec, start: recorded === "true" };
  return { ...spec, start: ["Running", "Starting"].includes(vm.state) };
}

/** Await a job found in flight on an object (its `jobid` while `jobstatus` is 0). */
export function awaitJob(jobid: string, on: string): Step {
  return {
    operation: "queryAsyncJobResult",
    action: "wait",
    request: `job ${jobid} already running on ${on}`,
    params: { jobid },
    title: `Wait for job ${jobid} already running on ${on}`,
  };
}

/** Await a VM that is between states without a visible job (e.g. Stopping started elsewhere). */
export function awaitVmState(vm: VirtualMachine, until: string[]): Step {
  return {
    operation: "listVirtualMachines",
    action: "wait",
    request: `VM ${vm.name || vm.id} to leave state ${vm.state}`,
    params: { id: vm.id, until: until.join(",") },
    title: `Wait for VM ${label(vm.name, vm.id)} to leave ${vm.state}`,
  };
}

/** A job shown on an object means an operation is in flight on it. */
export function pendingJob(
  o: { jobid?: string | undefined; jobstatus?: number | undefined } | undefined,
): string | undefined {
  return o?.jobid && (o.jobstatus ?? 0) === 0 ? o.jobid : undefined;
}

export const TRANSITIONAL_VM_STATES = ["Starting", "Stopping", "Migrating"];

export async function runCloudStackStep(client: CloudStackClient, step: Step, o: RunOptions): Promise<void> {
  const progress = (message: string) => o.onProgress({ step, message });
  if (step.action === "wait") {
    if (step.operation === "queryAsyncJobResult") {
      await client.waitJob(String(step.params.jobid), {
        what: `job ${step.params.jobid}`,
        deadline: o.deadline,
        signal: o.signal,
        onProgress: progress,
      });
      return;
    }
    const until = String(step.params.until).split(",");
    await waitFor<VirtualMachine | undefined>({
      what: step.request,
      deadline: o.deadline,
      signal: o.signal,
      pending: TRANSITIONAL_VM_STATES,
      target: until,
      refresh: async (signal) => {
        const [vm] = await client.list(
          "listVirtualMachines",
          "virtualmachine",
          { id: String(step.params.id) },
          virtualMachineSchema,
          signal,
        );
        return { status: vm?.state ?? "gone", value: vm, message: `VM is ${vm?.state ?? "gone"}` };
      },
      onProgress: (r) => progress(r.message ?? r.status),
    });
    return;
  }
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(step.params)) if (v !== null) params[k] = String(v);
  try {
    const jobid = await client.startJob(step.operation, params, o.signal);
    await client.waitJob(jobid, {
      what: `${step.operation} (job ${jobid})`,
      deadline: o.deadline,
      signal: o.signal,
      onProgress: progress,
    });
  } catch (e) {
    if (e instanceof ApiError && (await tagsAsWritten(client, step, o.signal))) {
      o.log.info(`${step.operation}: the VM already shows what it writes; done`, { request: step.request });
      return;
    }
    throw e;
  }
}

/**
 * A tag job of a run that was stopped inside it is invisible on the VM (CloudStack's tag jobs carry no
 * instance, so the VM shows no jobid) and may finish after the next run observed the VM: that run sends
 * the same createTags (or deleteTags) again, and CloudStack refuses it — a duplicate key, or "Unable to
 * find any tags …". When the VM shows exactly what the refused step meant to write, it is done.
 */
async function tagsAsWritten(client: CloudStackClient, step: Step, signal: AbortSignal): Promise<boolean> {
  if (step.operation !== "createTags" && step.operation !== "deleteTags") return false;
  const [vm] = await client.list(
    "listVirtualMachines",
    "virtualmachine",
    { id: String(step.params.resourceids) },
    virtualMachineSchema,
    signal,
  );
  if (!vm) return false;
  const tags = new Map((vm.tags ?? []).map((t) => [t.key, t.value]));
  const meant = Object.entries(step.params)
    .map(([k, v]) => [/^tags\[(\d+)\]\.key$/.exec(k)?.[1], v] as const)
    .filter((x): x is readonly [string, string] => x[0] !== undefined && typeof x[1] === "string")
    .map(([i, key]) => ({ key, value: step.params[`tags[${i}].value`] }));
  if (meant.length === 0) return false;
  return step.operation === "createTags"
    ? meant.every((t) => tags.get(t.key) === t.value)
    : meant.every((t) => !tags.has(t.key));
}

export function notFound(what: string, id: string, attribute: string): FerryError {
  return new FerryError("NOT_FOUND", {
    what: `${what} ${id} was not found.`,
    why: `CloudStack lists no ${what.toLowerCase()} with that id visible to this account.`,
    fix: `Check \`${attribute}\`.`,
  });
}
