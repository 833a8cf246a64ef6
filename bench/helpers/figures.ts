// How the benchmarks time things and print what they found: one aligned line per figure.
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

/**
 * Runs `run`, prints its wall time under `label` and, after it, the CPU time this process spent meanwhile (on
 * PGlite the database's work included; on a busy machine the wall time grows, the CPU time much less).
 */
export async function timed<T>(label: string, run: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await run();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  figure(label, `${seconds.toFixed(3)} s`, `(cpu ${((used.user + used.system) / 1e6).toFixed(3)} s)`);
  return { result, seconds };
}

export function figure(label: string, value: string, note = ''): void {
  console.log(`${label.padEnd(52)} ${value.padStart(12)}${note ? ` ${note}` : ''}`);
}

/** The machine's load average over the last minute, against its cores: figures taken on a busy machine say so. */
export function machineLoad(): string {
  return `load ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores`;
}

/** The value below which `p` % of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
