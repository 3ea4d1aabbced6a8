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

/** The real model's threat rows (with their minimal sets), every configuration's summary, and what catches its broken variants. */
export interface RealModel {
  readonly model: ModelId;
  readonly rows: readonly ThreatRow[];
  /** All 64 countermeasure sets × 3 profiles. */
  readonly configs: readonly ConfigSummary[];
  /**
   * Per broken variant of this model (`proofs/variants.ts`): the properties of its `caughtBy`
   * that do catch it on the real machine, with all countermeasures under its profile.
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

/** The real model's data from full verification results (of the real machines). */
export function realModelFrom(model: ModelId, results: readonly ConfigResult[]): RealModel {
  const own = results.filter((r) => r.model === model);
  return { model, rows: threatRows(new ResultIndex(own)), configs: own.map(summarize), variants: variantCatches(model) };
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

/** The real model's data, computed on first use by exploring every configuration of the real machine. */
export function realModel(model: ModelId): RealModel {
  let r = cache.get(model);
  if (!r) cache.set(model, (r = realModelFrom(model, verifyAll({ models: [model] }))));
  return r;
}

/** Hands in the real model's data computed elsewhere (it must come from exploring the real machine). */
export function useRealModel(data: RealModel): void {
  cache.set(data.model, data);
}
