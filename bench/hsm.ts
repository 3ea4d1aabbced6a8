/**
 * The HSM model in the benchmark: one configuration explored by the reference explorer
 * (`exploreBfs`) and the fast one, with and without slot symmetry, for growing numbers of key
 * slots; then the full default `verify` (all 384 configurations with their availability goals,
 * no replay) on one thread and on two (this one and a worker thread, warm and starting), and as
 * fresh commands. Ratios are measured in the same run.
 * @module
 */
import { spawnSync } from 'node:child_process';
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
 * half a second, so that short explorations are not measured on one noisy sample), after calls
 * that are not counted, at least one and as many as fit in half a second (so both explorers
 * are measured warm: a 30 ms exploration needs several runs before its code is optimised).
 */
function timed(f: () => { states: number; transitions: number }, runs: number): { states: number; transitions: number; ms: number } {
  for (const t0 = performance.now(); performance.now() - t0 < 500; ) f();
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

/** Key slots per store of the HSM rows. */
export const HSM_SLOTS = [2, 3, 4, 5] as const;

/**
 * Largest slot count the reference explorer is run at: at 4 slots (509,200 states) one of its
 * runs took 97 s, and it is run twice (once unmeasured).
 */
export const BFS_MAX_SLOTS = 3;

/** Runs the HSM benchmark and prints its table. */
export async function runHsmBench(out: (line: string) => void = console.log): Promise<void> {
  const cms = maskToFlags(listToMask(['CM1', 'CM6']));
  out('HSM device model, countermeasures {CM1, CM6}, physical attacker (every attack still open but the management ones);');
  out(
    'each explorer run unmeasured for at least 0.5 s (once at least), then timed: exploreBfs once, the fast explorer the median of 3 to 15 runs (at least 0.5 s in all):',
  );
  out('slots  explorer              states  transitions       ms   states/s  vs exploreBfs');
  for (const slots of HSM_SLOTS) {
    let bfsRate: number | null = null;
    const subject = (symmetry: boolean) => subjectFor('device', cms, 'physical', undefined, { slots, symmetry });
    const rows: [string, () => { states: number; transitions: number }, number][] = [
      ['exploreBfs', () => exploreBfs(subject(false)), 1],
      ['exploreFast', () => exploreFast(subject(false)), 3],
      ['exploreFast+symmetry', () => exploreFast(subject(true)), 3],
    ];
    for (const [name, run, runs] of rows) {
      if (name === 'exploreBfs' && slots > BFS_MAX_SLOTS) continue;
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

/** Timed runs of each kind alternated in one run: 1 thread, 2 threads (warm worker). */
export const VERIFY_RUNS = 5;

/** Fresh `verify` commands of each kind, alternated (the one-shot figure). */
export const VERIFY_COMMANDS = 3;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Wall time of one fresh `verify --no-replay --quiet --workers N` process, started as
 * `npm start` starts the command (Node with tsx's loader on `cli/run.ts`).
 * @throws Error when the command fails.
 */
function verifyCommandMs(workers: number): number {
  const cli = new URL('../cli/run.ts', import.meta.url);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli.pathname, 'verify', '--no-replay', '--quiet', '--workers', String(workers)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`verify --workers ${workers} exited with ${r.status}: ${(r.stderr ?? '').split('\n')[0]}`);
  return ms;
}

/**
 * The full default verification (every configuration, no replay) in one run. First the
 * target's measure, in this process: after untimed runs on each side (so that both threads'
 * code is optimised), runs on this thread alone and on 2 threads (this one and a worker kept
 * between runs) alternate, {@link VERIFY_RUNS} of each, and the ratio of their medians is
 * checked against {@link VERIFY_TARGET}. Before that, one 2-thread run with the worker starting
 * (its boot and first, not yet optimised, code are part of the time) is reported against the
 * same 1-thread median; after it, fresh `verify` commands on 1 and 2 threads alternate
 * ({@link VERIFY_COMMANDS} of each), where every thread starts cold and the start-up, the report
 * and the compilation of each thread's code are not shared. Times, states/s and ratios; where
 * the 2-thread runs spent their time; and how many cores other processes kept busy meanwhile:
 * on a shared machine they lower the ratio (with Linux's autogroup scheduling, one core kept
 * busy by another session leaves this one a single core, whatever its number of threads).
 */
export async function fullVerifyLines(): Promise<string[]> {
  const load = loadavg()[0]!;
  await closeVerifyWorkers(); // the first 2-thread run starts its worker
  for (let i = 0; i < 2; i++) await verifyParallel({ workers: 1, availability: true }); // untimed: this thread's code is optimised before it is measured
  const starting = await timedVerify('2 (worker starting)', 2);
  await verifyParallel({ workers: 2, availability: true }); // untimed: the kept worker's code is optimised too
  const ones: VerifyRun[] = [];
  const twos: VerifyRun[] = [];
  for (let i = 0; i < VERIFY_RUNS; i++) {
    ones.push(await timedVerify('1 (this thread)', 1));
    twos.push(await timedVerify('2 (worker warm)', 2));
  }
  await closeVerifyWorkers();
  const commands: [number[], number[]] = [[], []];
  for (let i = 0; i < VERIFY_COMMANDS; i++) for (const w of [1, 2]) commands[w - 1]!.push(verifyCommandMs(w));
  const mid = (runs: VerifyRun[]) => runs.find((r) => r.ms === median(runs.map((x) => x.ms)))!;
  const one = mid(ones);
  const kept = mid(twos);
  const runs = [starting, ...ones, ...twos];
  const same = runs.every((r) => JSON.stringify(r.results.map(comparable)) === JSON.stringify(one.results.map(comparable)));
  const ratio = one.ms / kept.ms;
  const row = (r: VerifyRun, name: string) =>
    `${name.padEnd(28)} ${fmt(r.ms).padStart(9)} ${fmt(r.states).padStart(11)} ${fmt((r.states / r.ms) * 1000).padStart(10)}   ${r.others === null ? '-' : fmt(r.others, 2)}`;
  const [c1, c2] = [median(commands[0]), median(commands[1])];
  return [
    `full verify, no replay (${fmt(one.results.length)} configurations, ${one.explored} explored, 2 slots; ${availableParallelism()} cores, load average ${fmt(load, 2)} before):`,
    'threads                             ms      states   states/s   cores busy elsewhere',
    row(one, `1 (this thread, median of ${VERIFY_RUNS})`),
    row(kept, `2 (worker warm, median of ${VERIFY_RUNS})`),
    row(starting, '2 (worker starting)'),
    `  all runs, ms: 1 thread ${ones.map((r) => fmt(r.ms)).join(', ')}; 2 threads ${twos.map((r) => fmt(r.ms)).join(', ')}`,
    threadsLine(kept),
    threadsLine(starting),
    `2 threads vs 1 (target ≥ ${VERIFY_TARGET}× on 2 cores): ${fmt(ratio, 2)}× (${ratio >= VERIFY_TARGET ? 'met' : 'not met'}); results ${same ? 'identical' : 'DIFFER'}`,
    `  one run with the worker starting: ${fmt(one.ms / starting.ms, 2)}×; fresh \`verify\` commands (median of ${VERIFY_COMMANDS}, every thread starting cold): ${fmt(c1 / 1000, 2)} s on 1 thread, ${fmt(c2 / 1000, 2)} s on 2, ${fmt(c1 / c2, 2)}×`,
  ];
}
