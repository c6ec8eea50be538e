/**
 * The first provider call a Pulumi user waits for: a fresh @pulumi/pulumi dynamic-provider host, then
 * its first Check — which deserializes the provider, configures it and (for ferry) loads the package.
 * ferry against a plain-JS dynamic provider (bench/pulumi/program.ts) through the same host program,
 * each in its own fresh host process, alternated over several rounds. ferry is measured twice: with an
 * input still unknown (what a preview of a dependent resource sends: loading only, no API call) and with
 * every input known (loading, then observing and planning against the lab). Prints medians and ratios;
 * the goal is a first call within 10× of the plain-JS provider's.
 */
import { POOL_IDS, VOLUME_IDS } from "../lab/cloudstack/default-ids.ts";
import { startLab } from "../lab/index.ts";
import { Host, type Props, runProgram, toWire, UNKNOWN, urnOf } from "../test/pulumi-host/support/host.ts";
import { labConfig } from "../test/pulumi-host/support/lab.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const GOAL = 10;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

const lab = await startLab({ jobDurationMs: 10 });
try {
  const regs = await runProgram("bench/pulumi/program.ts", {
    volumeStorage: { volumeId: VOLUME_IDS["archive-01"], storagePoolId: POOL_IDS["ds-gold-01"] },
  });
  const ferryReg = regs.get("archive")!;
  const minimalReg = regs.get("minimal")!;
  const ferryInputs = toWire(ferryReg.inputs) as Props;
  const cases: { label: string; urn: string; inputs: Props }[] = [
    { label: "plain-JS provider", urn: urnOf(minimalReg), inputs: toWire(minimalReg.inputs) as Props },
    {
      label: "ferry, an input unknown",
      urn: urnOf(ferryReg),
      inputs: { ...ferryInputs, storagePoolId: UNKNOWN },
    },
    { label: "ferry, inputs known", urn: urnOf(ferryReg), inputs: ferryInputs },
  ];

  const samples = new Map<string, number[]>(cases.map((c) => [c.label, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of cases) {
      const host = await Host.start();
      try {
        await host.configure(labConfig(lab));
        const t0 = performance.now();
        const checked = await host.check(c.urn, {}, c.inputs);
        const ms = performance.now() - t0;
        if (checked.failures.length) throw new Error(`${c.label}: ${JSON.stringify(checked.failures)}`);
        samples.get(c.label)!.push(ms);
      } finally {
        await host.stop();
      }
    }
  }

  const base = median(samples.get(cases[0]!.label)!);
  console.log(
    `First provider call (Check) in a fresh @pulumi/pulumi dynamic-provider host, ${ROUNDS} rounds, medians`,
  );
  console.log("provider                      ms     ratio");
  for (const c of cases) {
    const ms = median(samples.get(c.label)!);
    console.log(`${c.label.padEnd(26)} ${ms.toFixed(1).padStart(8)} ${(ms / base).toFixed(1).padStart(8)}×`);
  }
  const worst = Math.max(...cases.slice(1).map((c) => median(samples.get(c.label)!) / base));
  console.log(
    `goal: ferry's first call within ${GOAL}× of the plain-JS provider's — ${worst <= GOAL ? "met" : "not met"}`,
  );
} finally {
  await lab.stop();
}
