/**
 * The first provider call a Pulumi user waits for: a fresh @pulumi/pulumi dynamic-provider host, then
 * its first Check — which deserializes the provider, configures it and (for ferry) loads the package.
 * ferry against a plain-JS dynamic provider (bench/pulumi/program.ts) through the same host program,
 * each in its own fresh host process, alternated over several rounds. ferry is measured with its
 * provider as an ES-module program serializes it (program.ts) and as a CommonJS one does (program.cjs),
 * each twice: with an input still unknown (what a preview of a dependent resource sends: loading only,
 * no API call) and with every input known (loading, then observing and planning against the lab).
 * Prints medians, and per case the median of its ratios to the plain-JS call of the same round (the
 * machine's load changes between rounds, not within one); the goal is a first call within 10× of the
 * plain-JS provider's, for every case.
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
  const args = {
    volumeStorage: { volumeId: VOLUME_IDS["archive-01"], storagePoolId: POOL_IDS["ds-gold-01"] },
  };
  const regs = await runProgram("bench/pulumi/program.ts", args);
  const cjsRegs = await runProgram("bench/pulumi/program.cjs", args);
  const minimalReg = regs.get("minimal")!;
  const ferryCases = (program: string, reg = regs.get("archive")!) => {
    const inputs = toWire(reg.inputs) as Props;
    return [
      {
        label: `ferry (${program}), an input unknown`,
        urn: urnOf(reg),
        inputs: { ...inputs, storagePoolId: UNKNOWN },
      },
      { label: `ferry (${program}), inputs known`, urn: urnOf(reg), inputs },
    ];
  };
  const cases: { label: string; urn: string; inputs: Props }[] = [
    { label: "plain-JS provider", urn: urnOf(minimalReg), inputs: toWire(minimalReg.inputs) as Props },
    ...ferryCases("ES module"),
    ...ferryCases("CommonJS", cjsRegs.get("archive")!),
  ];
  // Both load the door through `require` (the host is CommonJS); the texts are the same when tsc
  // compiled the class alike for both formats.
  const sameText =
    JSON.stringify(cases[1]!.inputs.__provider) === JSON.stringify(cases[3]!.inputs.__provider);

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

  const base = samples.get(cases[0]!.label)!;
  console.log(
    `First provider call (Check) in a fresh @pulumi/pulumi dynamic-provider host, ${ROUNDS} rounds, medians`,
  );
  console.log(`${"provider".padEnd(40)} ${"ms".padStart(8)} ${"ratio".padStart(8)}`);
  const ratios: number[] = [];
  for (const c of cases) {
    const ms = samples.get(c.label)!;
    const ratio = median(ms.map((m, i) => m / base[i]!));
    if (c !== cases[0]) ratios.push(ratio);
    console.log(
      `${c.label.padEnd(40)} ${median(ms).toFixed(1).padStart(8)} ${ratio.toFixed(1).padStart(8)}×`,
    );
  }
  console.log(
    `the ES-module and CommonJS programs serialized ${sameText ? "the same" : "different"} provider text`,
  );
  const worst = Math.max(...ratios);
  console.log(
    `goal: ferry's first call within ${GOAL}× of the plain-JS provider's in every case (worst ${worst.toFixed(1)}×) — ${worst <= GOAL ? "met" : "not met"}`,
  );
} finally {
  await lab.stop();
}
