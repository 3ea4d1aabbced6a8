/**
 * Bounds that are argued (ASM-06): the model gives each key store `slots` key slots and lets
 * the attacker keep `captures` captured commands. (Challenge nonces need no bound: they are
 * recycled exactly, `freshNonce` in `model/store.ts`.) Each
 * bound is raised in turn (the others at their defaults), the full verification is run again,
 * and its verdict table (for every threat, invariant and availability goal under every profile: the configurations
 * where it is reached or violated, and the minimal countermeasure sets) and its findings are
 * compared with those of the default bounds. Equal tables show the small default bounds are
 * enough for the verdicts, up to the largest bound run.
 * @module
 */
import { PROFILE_IDS, cmList, maskToFlags } from '../model/config.ts';
import { SLOT_COUNT } from '../model/keys.ts';
import { MAX_CAPTURES } from '../model/management.ts';
import { deriveFindings, type Finding } from './findings.ts';
import { verifyParallel } from './parallel.ts';
import type { SubjectOptions } from './subjects.ts';
import { ResultIndex, availabilityRows, invariantRows, threatRows, type ProfileVerdict } from './table.ts';
import type { ConfigResult } from './verify.ts';

/** A bound of ASM-06, or the slot symmetry reduction (run as a check: it must change nothing). */
export type BoundId = 'slots' | 'captures' | 'symmetry';

/** The default bounds: those of `verify`. */
export const DEFAULT_BOUNDS = { slots: SLOT_COUNT, captures: MAX_CAPTURES } as const;

/** One run: one bound changed from its default, and whether slot symmetry reduction is used. */
export interface BoundRun {
  readonly bound: BoundId;
  /** The bound's value (for `symmetry`: `true`, at the default bounds). */
  readonly value: number | boolean;
  /** Slot symmetry reduction on (exact: it stores slot permutations of a state once). */
  readonly symmetry: boolean;
}

/** A value left out, and why. */
export interface DroppedBound {
  readonly bound: BoundId;
  readonly value: number;
  readonly reason: string;
}

/**
 * The runs of `checkBounds`, cheapest bound first. More slots, and a second capture, use slot
 * symmetry reduction, which keeps their cost down; the `symmetry` run checks, at the default
 * bounds, that the reduction changes no verdict. `captures` only matters where the attacker
 * replays.
 */
export const BOUND_RUNS: readonly BoundRun[] = [
  { bound: 'slots', value: 3, symmetry: true },
  { bound: 'captures', value: 2, symmetry: true },
  { bound: 'symmetry', value: true, symmetry: true },
];

/**
 * Values left out because they cost too much for the command's budget (a few minutes on 2
 * cores), with the cost measured when they were left out. `checkBounds` still runs them when
 * they are given in `runs`.
 */
export const DROPPED_BOUNDS: readonly DroppedBound[] = [
  {
    bound: 'slots',
    value: 4,
    reason:
      'too costly for the command: even with symmetry reduction 2.81 million states and 80 million transitions, 11 times the ' +
      'symmetric default run (167 s on 2 cores on its own)',
  },
];

/** The size options of a run. */
export function sizeOf(run: BoundRun): SubjectOptions {
  return { ...DEFAULT_BOUNDS, ...(run.bound === 'symmetry' ? {} : { [run.bound]: run.value }), symmetry: run.symmetry };
}

/** One property under one profile: the sets where it is bad (64 characters, `1` = reached / violated) and the minimal sets. */
export interface VerdictCell {
  readonly bad: string;
  readonly minimalSets: string;
}

/** The verdicts a run produced, in a form that compares by value. */
export interface VerdictTable {
  /** Keyed `T2 remote` (threat, profile) or `INV-… device physical` (invariant, model, profile). */
  readonly cells: Readonly<Record<string, VerdictCell>>;
  /** The findings, as `kind threat [countermeasure] (profiles)`, in order. */
  readonly findings: readonly string[];
}

const setText = (cms: readonly string[]) => `{${cms.join(', ')}}`;
const cellOf = (v: ProfileVerdict): VerdictCell => ({
  bad: v.bad.map((b) => (b ? '1' : '0')).join(''),
  minimalSets: v.minimalSets.map(setText).join(' or ') || 'none',
});
const findingText = (f: Finding) => `${f.kind} ${f.threat}${f.countermeasure ? ` ${f.countermeasure}` : ''} (${f.profiles.join(', ')})`;

/** The verdict table of `results` (any models and profiles, each under all 64 countermeasure sets). */
export function verdictTable(results: readonly ConfigResult[]): VerdictTable {
  const idx = new ResultIndex(results);
  const threats = threatRows(idx);
  const cells: Record<string, VerdictCell> = {};
  for (const row of threats) for (const p of PROFILE_IDS) if (row.profiles[p]) cells[`${row.threat} ${p}`] = cellOf(row.profiles[p]!);
  for (const row of invariantRows(idx))
    for (const p of PROFILE_IDS) if (row.profiles[p]) cells[`${row.invariant} ${row.model} ${p}`] = cellOf(row.profiles[p]!);
  // the availability goals, where the results carry them (checkBounds asks for them)
  for (const row of availabilityRows(idx)) for (const p of PROFILE_IDS) if (row.profiles[p]) cells[`${row.goal} ${p}`] = cellOf(row.profiles[p]!);
  return { cells, findings: deriveFindings(threats, idx).map(findingText) };
}

/** How a cell differs from the default's, or null when it does not. */
function cellDifference(key: string, base: VerdictCell | undefined, other: VerdictCell | undefined): string | null {
  if (!base || !other) return base ? `${key}: not in this run` : `${key}: not in the default run`;
  const out: string[] = [];
  if (other.minimalSets !== base.minimalSets) out.push(`minimal sets ${other.minimalSets} (default ${base.minimalSets})`);
  if (other.bad !== base.bad) {
    const masks = [...other.bad].flatMap((c, m) => (c !== base.bad[m] ? [m] : []));
    const shown = masks.slice(0, 3).map((m) => setText(cmList(maskToFlags(m))));
    out.push(`verdict differs under ${masks.length} set${masks.length === 1 ? '' : 's'}: ${shown.join(', ')}${masks.length > 3 ? ', …' : ''}`);
  }
  return out.length ? `${key}: ${out.join('; ')}` : null;
}

/** What differs between a run's table and the default's, one line per difference (empty: the same). */
export function tableDifferences(base: VerdictTable, other: VerdictTable): string[] {
  const keys = [...new Set([...Object.keys(base.cells), ...Object.keys(other.cells)])];
  const cells = keys.flatMap((k) => cellDifference(k, base.cells[k], other.cells[k]) ?? []);
  const gone = base.findings.filter((f) => !other.findings.includes(f)).map((f) => `finding gone: ${f}`);
  const added = other.findings.filter((f) => !base.findings.includes(f)).map((f) => `new finding: ${f}`);
  return [...cells, ...gone, ...added];
}

/** Size of one run's exploration. */
export interface RunStats {
  /** States and transitions of the configurations explored (those shared by read-set reuse not counted again). */
  readonly states: number;
  readonly transitions: number;
  /** Wall-clock milliseconds. */
  readonly ms: number;
}

/** One row of the bounds table. */
export interface BoundRow extends BoundRun, RunStats {
  /** The table equals the default bounds' table. */
  readonly sameTable: boolean;
  /** What differs (empty when `sameTable`). */
  readonly differences: readonly string[];
}

/** Everything `checkBounds` found. */
export interface BoundsReport {
  /** The run at the default bounds, the reference of every row. */
  readonly baseline: RunStats & typeof DEFAULT_BOUNDS;
  readonly rows: readonly BoundRow[];
  readonly dropped: readonly DroppedBound[];
  /** Wall-clock milliseconds of the whole check. */
  readonly ms: number;
}

/** Options of `checkBounds`. */
export interface BoundsOptions {
  /** The runs (default `BOUND_RUNS`). */
  readonly runs?: readonly BoundRun[];
  /** Worker threads per run (default: one per core). */
  readonly workers?: number;
  /** Called after each configuration of each run (the default run first). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Runs the verification at the default bounds, then once per run, and compares each table with the default's. */
export async function checkBounds(opts: BoundsOptions = {}): Promise<BoundsReport> {
  const runs = opts.runs ?? BOUND_RUNS;
  const t0 = performance.now();
  let offset = 0;
  const explore = async (size: SubjectOptions) => {
    const start = performance.now();
    const results = await verifyParallel({
      workers: opts.workers,
      size,
      availability: true,
      onProgress: (d, n) => opts.onProgress?.(offset + d, (runs.length + 1) * n),
    });
    offset += results.length;
    const explored = results.filter((r) => r.sharedWith === null);
    const stats: RunStats = {
      states: explored.reduce((a, r) => a + r.states, 0),
      transitions: explored.reduce((a, r) => a + r.transitions, 0),
      ms: performance.now() - start,
    };
    return { stats, table: verdictTable(results) };
  };
  const base = await explore({ ...DEFAULT_BOUNDS, symmetry: false });
  const rows: BoundRow[] = [];
  for (const run of runs) {
    const { stats, table } = await explore(sizeOf(run));
    const differences = tableDifferences(base.table, table);
    rows.push({ ...run, ...stats, sameTable: differences.length === 0, differences });
  }
  return {
    baseline: { ...DEFAULT_BOUNDS, ...base.stats },
    rows,
    dropped: DROPPED_BOUNDS.filter((d) => !runs.some((r) => r.bound === d.bound && r.value === d.value)),
    ms: performance.now() - t0,
  };
}
