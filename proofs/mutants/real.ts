/**
 * What the semantic checks and the equivalence test need of the real model: its minimal
 * countermeasure sets (computed by exploring it with `verifyAll` and `threatRows`, never read from
 * a recorded file), a summary of every configuration's exploration, and which properties catch
 * each broken variant built on it. Computed once per model
 * and process, or handed in (`useRealModel`) when it was computed elsewhere, e.g. in another
 * thread or by the test run's global setup.
 * @module
 */
import type { ProfileId } from '../../model/config.ts';
import { DEFAULT_SETTINGS, settingsWith, type Settings } from '../../model/settings.ts';
import type { ModelId } from '../subjects.ts';
import { ResultIndex, threatRows, type ThreatRow } from '../table.ts';
import { VARIANTS } from '../variants.ts';
import type { ExplorationResult } from '../types.ts';
import { verifyAll, type ConfigResult } from '../verify.ts';
import { REAL_MACHINES } from './machines.ts';
import { variantRun } from './variants.ts';

/** One configuration's exploration, in short: its size and every verdict. */
export interface ConfigSummary {
  readonly profile: ProfileId;
  readonly mask: number;
  readonly states: number;
  readonly transitions: number;
  /** The invariants violated and the goals reached, sorted. */
  readonly bad: readonly string[];
}

/** The threat rows (with their minimal sets) of the real model under some settings. */
export interface RowsUnder {
  /** The settings, in words. */
  readonly label: string;
  readonly settings: Settings;
  readonly rows: readonly ThreatRow[];
}

/**
 * The settings under which the minimal sets are computed and checked: the defaults, and
 * zeroization not counted as a deletion (ASM-10), where the physical attacker's deletion threats
 * get minimal sets of their own (fail-secure zeroization no longer reaches them).
 */
export const MINIMAL_SETTINGS: readonly { readonly label: string; readonly settings: Settings }[] = [
  { label: 'default settings', settings: DEFAULT_SETTINGS },
  { label: 'zeroization not a deletion', settings: settingsWith({ zeroization: 'not-deletion' }) },
];

/** The real model's threat rows, every configuration's summary, and what catches its broken variants. */
export interface RealModel {
  readonly model: ModelId;
  /** Threat rows under each of {@link MINIMAL_SETTINGS} given (the defaults first). */
  readonly minimal: readonly RowsUnder[];
  /** All 64 countermeasure sets × 3 profiles, under the default settings. */
  readonly configs: readonly ConfigSummary[];
  /**
   * Per broken variant of this model (`proofs/variants.ts`): the properties of its `caughtBy`
   * that do catch it on the real machine, with all countermeasures under its profile (and
   * `VARIANT_SETTINGS`).
   */
  readonly variants: Readonly<Record<string, readonly string[]>>;
}

/** The verdicts of an exploration: invariants violated and goals reached, sorted. */
export function badOf(r: ExplorationResult): string[] {
  return [...Object.entries(r.violations), ...Object.entries(r.reached)]
    .filter(([, t]) => t !== null)
    .map(([id]) => id)
    .sort();
}

/** The summary of one configuration's result. */
export function summarize(r: ConfigResult): ConfigSummary {
  return { profile: r.profile, mask: r.mask, states: r.states, transitions: r.transitions, bad: badOf(r) };
}

/**
 * The real model's data from full verification results of the real machines: `results` under
 * the default settings, and optionally under further settings of {@link MINIMAL_SETTINGS}.
 */
export function realModelFrom(
  model: ModelId,
  results: readonly ConfigResult[],
  more: readonly { label: string; settings: Settings; results: readonly ConfigResult[] }[] = [],
): RealModel {
  const rowsOf = (rs: readonly ConfigResult[]) => threatRows(new ResultIndex(rs.filter((r) => r.model === model)));
  return {
    model,
    minimal: [{ ...MINIMAL_SETTINGS[0]!, rows: rowsOf(results) }, ...more.map((m) => ({ label: m.label, settings: m.settings, rows: rowsOf(m.results) }))],
    configs: results.filter((r) => r.model === model).map(summarize),
    variants: variantCatches(model),
  };
}

/** Per broken variant of `model`: the `caughtBy` properties that catch it on the real machine. */
function variantCatches(model: ModelId): Record<string, string[]> {
  return Object.fromEntries(
    VARIANTS.filter((v) => v.model === model).map((v) => {
      const r = variantRun(REAL_MACHINES[model], v).result;
      return [v.id, v.caughtBy.filter((id) => (r.violations[id] ?? r.reached[id] ?? null) !== null)];
    }),
  );
}

const cache = new Map<ModelId, RealModel>();

/** The real model's data, computed on first use by exploring every configuration of the real machine (under each of {@link MINIMAL_SETTINGS}). */
export function realModel(model: ModelId): RealModel {
  const known = cache.get(model);
  if (known) return known;
  const [first, ...rest] = MINIMAL_SETTINGS.map((m) => ({ ...m, results: verifyAll({ models: [model], size: { settings: m.settings } }) }));
  const r = realModelFrom(model, first!.results, rest);
  cache.set(model, r);
  return r;
}

/** Hands in the real model's data computed elsewhere (it must come from exploring the real machine). */
export function useRealModel(data: RealModel): void {
  cache.set(data.model, data);
}
