/**
 * The keyslots(N) benchmark: the fast explorer (on the main thread alone and with worker
 * threads, with and without symmetry reduction), the reference breadth-first explorer as a
 * baseline for small N, and SPIN on the same model in Promela (exact full state storage)
 * when `spin` is on PATH, all in one run.
 * @module
 */
import { availableParallelism } from 'node:os';
import { keyslotsStateCount, keyslotsSubject } from '../proofs/fast/examples/keyslots.machine.ts';
import { exploreBfs } from '../proofs/bfs.ts';
import { exploreFast } from '../proofs/fast/index.ts';
import { keyslotsPromela, runSpin, spinAvailable } from './spin/keyslots.pml.ts';

/** One measured exploration. */
export interface BenchRow {
  readonly n: number;
  readonly explorer: 'spin' | 'exploreFast' | 'exploreFast+symmetry' | 'exploreBfs';
  /** Threads that explored (main thread + workers that took part). */
  readonly threads: number;
  readonly states: number;
  /** Transitions that changed the state (SPIN's count minus its initial step). */
  readonly transitions: number;
  readonly ms: number;
  readonly statesPerSec: number;
  /** Bytes of state storage per state (SPIN: its total memory; null when not measured). */
  readonly bytesPerState: number | null;
  /** states/s divided by SPIN's on the same N (null without a SPIN row). */
  readonly vsSpin: number | null;
  /** States and transitions equal to SPIN's (null without a SPIN row, or under symmetry). */
  readonly sameAsSpin: boolean | null;
  /** The closed-form count 2·4^N + 2·3^N matched (null under symmetry). */
  readonly closedForm: boolean | null;
}

/** What to run. */
export interface BenchOptions {
  /** N for SPIN and the fast explorer (default 2, 4, 6, 8, 10). */
  readonly ns?: readonly number[];
  /** Largest N for the reference explorer (default 6). */
  readonly bfsUpTo?: number;
  /** N for the fast explorer with symmetry reduction (default 10, 16, 32, 64). */
  readonly symmetryNs?: readonly number[];
  /** Run SPIN when available (default true). */
  readonly spin?: boolean;
  /** Worker threads for the parallel rows, 0 for none (default: spare cores, at most 3). */
  readonly workers?: number;
  /** Smallest N for the parallel rows (default 8). */
  readonly parallelFrom?: number;
}

/** Runs the benchmark and returns one row per measurement. */
export function runKeyslotsBench(opts: BenchOptions = {}): BenchRow[] {
  const ns = opts.ns ?? [2, 4, 6, 8, 10];
  const bfsUpTo = opts.bfsUpTo ?? 6;
  const workers = opts.workers ?? Math.max(0, Math.min(availableParallelism() - 1, 3));
  const parallelFrom = opts.parallelFrom ?? 8;
  const useSpin = (opts.spin ?? true) && spinAvailable();
  const rows: BenchRow[] = [];
  for (const n of ns) {
    const closed = keyslotsStateCount(n);
    const spin = useSpin ? runSpin(keyslotsPromela(n), closed) : null;
    const spinRate = spin && spin.seconds > 0 ? spin.states / spin.seconds : null;
    if (spin) rows.push(row(n, 'spin', 1, spin.states, spin.transitions - 1, spin.seconds * 1000, spin.memoryBytes / spin.states, null, closed));
    for (const w of workers > 0 && n >= parallelFrom ? [0, workers] : [0]) {
      const r = exploreFast(keyslotsSubject(n), { workers: w });
      const fast = row(n, 'exploreFast', 1 + r.stats.workers, r.states, r.transitions, r.ms, r.stats.bytes / r.states, spinRate, closed);
      rows.push({ ...fast, sameAsSpin: spin ? spin.states === r.states && spin.transitions - 1 === r.transitions : null });
    }
    if (n <= bfsUpTo) {
      const bfs = exploreBfs(keyslotsSubject(n));
      rows.push(row(n, 'exploreBfs', 1, bfs.states, bfs.transitions, bfs.ms, null, spinRate, closed));
    }
  }
  for (const n of opts.symmetryNs ?? [10, 16, 32, 64]) {
    for (const w of workers > 0 && n >= 32 ? [0, workers] : [0]) {
      const r = exploreFast(keyslotsSubject(n, { symmetry: true }), { workers: w });
      rows.push(row(n, 'exploreFast+symmetry', 1 + r.stats.workers, r.states, r.transitions, r.ms, r.stats.bytes / r.states, null, null));
    }
  }
  return rows;
}

/** A number for the table (`-` for null or NaN). */
export const formatNumber = (x: number | null, digits = 0): string =>
  x === null || Number.isNaN(x) ? '-' : x.toLocaleString('en-US', { maximumFractionDigits: digits });
const yn = (b: boolean | null) => (b === null ? '-' : b ? 'yes' : 'NO');

/** Renders rows as an aligned text table. */
export function formatBenchRows(rows: readonly BenchRow[]): string {
  const head = ['N', 'explorer', 'threads', 'states', 'transitions', 'ms', 'states/s', 'B/state', '×SPIN', '=SPIN', '=2·4^N+2·3^N'];
  const body = rows.map((r) => [
    String(r.n),
    r.explorer,
    String(r.threads),
    formatNumber(r.states),
    formatNumber(r.transitions),
    formatNumber(r.ms),
    formatNumber(r.statesPerSec),
    formatNumber(r.bytesPerState, 1),
    formatNumber(r.vsSpin, 3),
    yn(r.sameAsSpin),
    yn(r.closedForm),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

function row(
  n: number,
  explorer: BenchRow['explorer'],
  threads: number,
  states: number,
  transitions: number,
  ms: number,
  bytesPerState: number | null,
  spinRate: number | null,
  closed: number | null,
): BenchRow {
  const statesPerSec = ms > 0 ? (states / ms) * 1000 : Number.NaN;
  const vsSpin = spinRate && explorer !== 'spin' ? statesPerSec / spinRate : null;
  return {
    n,
    explorer,
    threads,
    states,
    transitions,
    ms,
    statesPerSec,
    bytesPerState,
    vsSpin,
    sameAsSpin: null,
    closedForm: closed === null ? null : states === closed,
  };
}
