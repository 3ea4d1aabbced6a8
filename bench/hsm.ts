/**
 * The HSM model in the benchmark: one configuration explored by the reference explorer
 * (`exploreBfs`) and the fast one, with and without slot symmetry, for growing numbers of key
 * slots; then the full default `verify` (all 384 configurations with their availability goals, no replay) on one thread and
 * on two (this one and a worker thread, starting and warm). Ratios are measured in the same run.
 * @module
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { listToMask, maskToFlags } from '../model/config.ts';
import { exploreBfs } from '../proofs/bfs.ts';
import { exploreFast } from '../proofs/fast/index.ts';
import { subjectFor } from '../proofs/subjects.ts';
import { closeVerifyWorkers, epochMs, verifyParallel, type GroupRun } from '../proofs/parallel.ts';
import type { ConfigResult } from '../proofs/verify.ts';

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d });

/** States/s of the fast explorer over the reference explorer, on the same HSM configuration, that the benchmark checks for. */
export const HSM_TARGET = 40;

/**
 * Median time of at least `runs` calls of `f` (more, up to 15, while they add up to less than
 * half a second, so that short explorations are not measured on one noisy sample), after one
 * call that is not counted (so both explorers are measured warm).
 */
function timed(f: () => { states: number; transitions: number }, runs: number): { states: number; transitions: number; ms: number } {
  f();
  const times: number[] = [];
  let r = { states: 0, transitions: 0 };
  for (let i = 0; i < runs || (i < 15 && times.reduce((a, b) => a + b, 0) < 500); i++) {
    const t = performance.now();
    r = f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ...r, ms: times[Math.floor(times.length / 2)]! };
}

/** Runs the HSM benchmark and prints its table. */
export async function runHsmBench(out: (line: string) => void = console.log): Promise<void> {
  const cms = maskToFlags(listToMask(['CM1', 'CM6']));
  out('HSM device model, countermeasures {CM1, CM6}, physical attacker (every attack still open but the management ones);');
  out('each explorer run once unmeasured, then timed: exploreBfs once, the fast explorer the median of 3 to 15 runs (at least 0.5 s in all):');
  out('slots  explorer              states  transitions       ms   states/s  vs exploreBfs');
  for (const slots of [2, 3, 4, 5, 6]) {
    let bfsRate: number | null = null;
    const subject = (symmetry: boolean) => subjectFor('device', cms, 'physical', undefined, { slots, symmetry });
    const rows: [string, () => { states: number; transitions: number }, number][] = [
      ['exploreBfs', () => exploreBfs(subject(false)), 1],
      ['exploreFast', () => exploreFast(subject(false)), 3],
      ['exploreFast+symmetry', () => exploreFast(subject(true)), 3],
    ];
    for (const [name, run, runs] of rows) {
      if (name === 'exploreBfs' && slots > 5) continue;
      const r = timed(run, runs);
      const rate = (r.states / r.ms) * 1000;
      if (name === 'exploreBfs') bfsRate = rate;
      const vs = bfsRate !== null && name !== 'exploreBfs' ? `${fmt(rate / bfsRate, 1)}×` : '-';
      if (name === 'exploreFast' && bfsRate !== null) ratios.push([slots, rate / bfsRate]);
      out(
        `${String(slots).padEnd(6)} ${name.padEnd(20)} ${fmt(r.states).padStart(8)} ${fmt(r.transitions).padStart(12)} ${fmt(r.ms).padStart(8)} ${fmt(rate).padStart(10)}  ${vs}`,
      );
    }
  }
  for (const [slots, ratio] of ratios)
    out(`HSM model, ${slots} slots: fast explorer ${fmt(ratio, 1)} × the reference explorer's states/s (target ≥ ${HSM_TARGET})`);
  ratios.length = 0;
  out('');
  for (const line of await fullVerifyLines()) out(line);
}

/** Speed-up of `verify` on 2 threads over 1 that the benchmark checks for, on 2 cores. */
export const VERIFY_TARGET = 1.6;

const ratios: [number, number][] = [];

/**
 * A result without what may differ between two runs of the same configuration: its time, and
 * the explorer's count of state configurations, which covers every exploration of the same
 * machine in the same thread so far (the compiled machine is cached per thread).
 */
function comparable(r: ConfigResult): unknown {
  const { ms: _ms, stats, ...rest } = r as ConfigResult & { stats?: { configurations?: number } };
  const { configurations: _c, ...kept } = stats ?? {};
  return { ...rest, stats: kept };
}

/** CPU seconds spent so far by every process on the machine (Linux `/proc/stat`), or null elsewhere. */
function machineCpuSeconds(): number | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    return (f.reduce((a, b) => a + b, 0) - f[3]! - f[4]!) / 100; // all but idle and iowait, in USER_HZ (100/s)
  } catch {
    return null;
  }
}

/** CPU seconds spent so far by this process (every thread). */
const ownCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

interface VerifyRun {
  readonly name: string;
  readonly ms: number;
  readonly states: number;
  readonly explored: number;
  /** Cores other processes kept busy on average during the run (null where unknown). */
  readonly others: number | null;
  readonly results: ConfigResult[];
  readonly groups: readonly GroupRun[];
  /** When the worker could start, in ms from the start of the run (null: no worker). */
  readonly ready: number | null;
  readonly start: number;
}

/** One full default verification on `workers` threads, timed. */
async function timedVerify(name: string, workers: number): Promise<VerifyRun> {
  const groups: GroupRun[] = [];
  let readyAt: number | null = null;
  const [machine0, own0, t, start] = [machineCpuSeconds(), ownCpuSeconds(), performance.now(), epochMs()];
  const results = await verifyParallel({
    workers,
    availability: true,
    onGroup: (g) => void groups.push(g),
    onWorkerReady: (_w, at) => {
      readyAt = at;
    },
  });
  const ms = performance.now() - t;
  const machine1 = machineCpuSeconds();
  const others = machine0 === null || machine1 === null ? null : Math.max(0, machine1 - machine0 - (ownCpuSeconds() - own0)) / (ms / 1000);
  const explored = results.filter((r) => r.sharedWith === null);
  const ready = readyAt === null ? null : readyAt - start;
  return { name, ms, results, others, groups, ready, start, explored: explored.length, states: explored.reduce((a, r) => a + r.states, 0) };
}

/** Where a 2-thread run spent its time: when the worker could start, each thread's groups, the wait at the end. */
function threadsLine(r: VerifyRun): string {
  const thread = (t: number, label: string) => {
    const mine = r.groups.filter((g) => g.thread === t);
    return `${label} ${mine.length} group${mine.length === 1 ? '' : 's'} in ${fmt(mine.reduce((a, g) => a + g.end - g.start, 0))} ms`;
  };
  const ends = [0, 1].map((t) => Math.max(r.start, ...r.groups.filter((g) => g.thread === t).map((g) => g.end)));
  return `  ${r.name}: worker ready after ${r.ready === null ? '-' : fmt(r.ready)} ms; ${thread(0, 'this thread')}, ${thread(1, 'worker')}; one thread idle for the last ${fmt(Math.abs(ends[0]! - ends[1]!))} ms`;
}

/**
 * The full default verification (every configuration, no replay) in one run: on this thread
 * alone (after an untimed run, so that its code is optimised), then on 2 threads (this one and
 * a worker thread) twice: with the worker starting (its boot and its first, not yet optimised,
 * code are part of the time, as in a `verify` command), then with the worker kept from that run
 * and warmed by two untimed runs (as for later runs in one process, e.g. `bounds`). Times, states/s and ratios; where the 2-thread runs
 * spent their time; and how many cores other processes kept busy meanwhile: on a shared machine
 * they lower the ratio (with Linux's autogroup scheduling, one core kept busy by another
 * session leaves this one a single core, whatever its number of threads).
 */
export async function fullVerifyLines(): Promise<string[]> {
  const load = loadavg()[0]!;
  await closeVerifyWorkers(); // the first 2-thread run starts its worker
  await verifyParallel({ workers: 1, availability: true }); // untimed: this thread's code is optimised before it is measured
  const one = await timedVerify('1 (this thread)', 1);
  const starting = await timedVerify('2 (worker starting)', 2);
  for (let i = 0; i < 2; i++) await verifyParallel({ workers: 2, availability: true }); // untimed: the kept worker's code is optimised too
  const kept = await timedVerify('2 (worker warm)', 2);
  await closeVerifyWorkers();
  const runs = [one, starting, kept];
  const same = runs.every((r) => JSON.stringify(r.results.map(comparable)) === JSON.stringify(one.results.map(comparable)));
  const ratio = (r: VerifyRun) => one.ms / r.ms;
  const verdict = (r: VerifyRun) =>
    `${fmt(ratio(r), 2)}× ${r === starting ? 'with the worker starting' : 'with the worker warm'} (${ratio(r) >= VERIFY_TARGET ? 'met' : 'not met'})`;
  return [
    `full verify, no replay (${fmt(one.results.length)} configurations, ${one.explored} explored, 2 slots; ${availableParallelism()} cores, load average ${fmt(load, 2)} before):`,
    'threads                     ms      states   states/s   cores busy elsewhere',
    ...runs.map(
      (r) =>
        `${r.name.padEnd(20)} ${fmt(r.ms).padStart(9)} ${fmt(r.states).padStart(11)} ${fmt((r.states / r.ms) * 1000).padStart(10)}   ${r.others === null ? '-' : fmt(r.others, 2)}`,
    ),
    threadsLine(starting),
    threadsLine(kept),
    `2 threads vs 1 (target ≥ ${VERIFY_TARGET}× on 2 cores): ${verdict(starting)}, ${verdict(kept)}; results ${same ? 'identical' : 'DIFFER'}`,
  ];
}
