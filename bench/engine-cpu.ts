/**
 * Engine CPU per operation: the pure planner (`next` applied to its own predictions) for a four-step
 * root volume swap, against a baseline measured in the same run — a structured clone of the same
 * observed state, the least any planner must do to produce predictions. Target: < 2 ms per operation.
 */
import { rootVolume } from "../provider/cloudstack/root-volume.ts";
import { planSequence } from "../provider/engine/plan.ts";
import { parseSpec } from "../provider/engine/resource.ts";

const vm = {
  id: "7ea77a03-7355-40bd-82c9-3d6f55b7c526",
  name: "web-01",
  state: "Running",
  hypervisor: "VMware",
  zoneid: "z",
};
const root = {
  id: "a5b3a238-3327-495f-854c-13d2e0174023",
  name: "web-01-root",
  type: "ROOT",
  state: "Ready",
  zoneid: "z",
  virtualmachineid: vm.id,
  deviceid: 0,
  storageid: "p",
  hypervisor: "VMware",
};
const next = {
  id: "3e51ec74-27ea-4292-8a6c-339655a2befe",
  name: "web-01-root-v2",
  type: "DATADISK",
  state: "Ready",
  zoneid: "z",
  storageid: "p",
  hypervisor: "VMware",
};
const observed = {
  vm,
  vmVolumes: [root],
  volume: next,
  pools: [{ id: "p", name: "ds-gold-01", state: "Up", managed: false }],
  snapshots: 0,
};
// `start` resolved from the VM found Running, as planResource does.
const spec = parseSpec(rootVolume, {
  virtual_machine_id: vm.id,
  volume_id: next.id,
  allow_stop: true,
  start: true,
});

function cpuMs(fn: () => void, n: number): number {
  const c = process.cpuUsage();
  for (let i = 0; i < n; i++) fn();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000 / n;
}

const N = Number(process.env.BENCH_N ?? 20000);
cpuMs(() => planSequence(spec, observed, rootVolume.next), 2000); // warm up
const plan = planSequence(spec, observed, rootVolume.next);
const ops = plan.steps.length;
const perPlan = cpuMs(() => planSequence(spec, observed, rootVolume.next), N);
const baseline = cpuMs(() => {
  for (let i = 0; i < ops; i++) structuredClone(observed);
}, N);
const perOp = perPlan / ops;
console.log(`engine CPU: planning a ${ops}-operation root volume swap, ${N} times`);
console.log(`  per plan: ${(perPlan * 1000).toFixed(1)} µs; per operation: ${(perOp * 1000).toFixed(1)} µs`);
console.log(
  `  baseline (structuredClone of the observed state per operation): ${((baseline / ops) * 1000).toFixed(1)} µs`,
);
console.log(`  ratio engine/baseline: ${(perPlan / baseline).toFixed(2)}`);
console.log(
  `  ratio per operation / 2 ms target: ${(perOp / 2).toFixed(5)} (${perOp < 2 ? "met" : "MISSED"})`,
);
if (perOp >= 2) process.exitCode = 1;
