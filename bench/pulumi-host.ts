/**
 * The Pulumi door inside @pulumi/pulumi's dynamic-provider host: the size of the serialized provider,
 * and the host round-trip per operation (Check, Diff, Create, Read, Update, Delete over gRPC), against a
 * minimal dynamic provider measured in the same run and the same host. ferry's operations include
 * their real work against the lab (observing, planning; Create/Update on a volume already in place, so
 * no job runs); the minimal provider answers at once. Prints the medians and ratios.
 */
import { POOL_IDS, VOLUME_IDS } from "../lab/cloudstack/default-ids.ts";
import { startLab } from "../lab/index.ts";
import { Host, type Props, runProgram, toWire, urnOf } from "../test/pulumi-host/support/host.ts";
import { labConfig } from "../test/pulumi-host/support/lab.ts";

const N = Number(process.env.BENCH_N ?? 30);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

async function time(f: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await f();
    out.push(performance.now() - t0);
  }
  return out;
}

const lab = await startLab({ jobDurationMs: 10 });
let host: Host | undefined;
try {
  const regs = await runProgram("bench/pulumi/program.ts", {
    volumeStorage: { volumeId: VOLUME_IDS["archive-01"], storagePoolId: POOL_IDS["ds-gold-01"] },
  });
  const ferryReg = regs.get("archive")!;
  const minimalReg = regs.get("minimal")!;
  const ferrySize = (ferryReg.inputs.__provider as string).length;
  const minimalSize = (minimalReg.inputs.__provider as string).length;

  const t0 = performance.now();
  host = await Host.start();
  const spawnMs = performance.now() - t0;
  await host.configure(labConfig(lab));

  const h = host;
  const rows: [string, number, number][] = [];
  for (const [reg, label] of [
    [ferryReg, "ferry"],
    [minimalReg, "minimal"],
  ] as const) {
    const urn = urnOf(reg);
    const inputs = toWire(reg.inputs) as Props;
    // The first call of each provider deserializes and configures it (ferry: loads the package).
    const f0 = performance.now();
    await h.check(urn, {}, inputs);
    const firstMs = performance.now() - f0;
    const created = await h.create(urn, inputs);
    const ops: Record<string, () => Promise<unknown>> = {
      check: () => h.check(urn, created.props, inputs),
      diff: () => h.diff(urn, created.id, created.props, inputs),
      create: () => h.create(urn, inputs),
      read: () => h.read(urn, created.id, created.props),
      update: () => h.update(urn, created.id, created.props, inputs),
      delete: () => h.delete(urn, created.id, created.props),
    };
    const medians: Record<string, number> = { "first call": firstMs };
    for (const [op, f] of Object.entries(ops)) medians[op] = median(await time(f));
    for (const [op, ms] of Object.entries(medians)) {
      let row = rows.find((r) => r[0] === op);
      if (!row) {
        row = [op, 0, 0];
        rows.push(row);
      }
      if (label === "ferry") row[1] = ms;
      else row[2] = ms;
    }
  }

  console.log(`Pulumi door in @pulumi/pulumi's dynamic-provider host (${N} calls per operation, medians)`);
  console.log(`host spawn to port: ${spawnMs.toFixed(0)} ms`);
  console.log(
    `serialized provider: ferry ${ferrySize} bytes, minimal ${minimalSize} bytes (ratio ${(ferrySize / minimalSize).toFixed(2)})`,
  );
  console.log("operation     ferry ms   minimal ms   ratio");
  for (const [op, f, m] of rows) {
    console.log(
      `${op.padEnd(12)} ${f.toFixed(2).padStart(9)} ${m.toFixed(2).padStart(12)} ${(f / m).toFixed(1).padStart(7)}`,
    );
  }
} finally {
  await host?.stop();
  await lab.stop();
}
