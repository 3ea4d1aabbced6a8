/**
 * The fate of one mutant: killed by the first semantic check that fails on it; else equivalent
 * when it is mechanically indistinguishable from the model in every configuration of its model,
 * or when it has a written reason (`equivalent.ts`) and the same verdicts as the model in every
 * configuration (a written reason is never taken for a mutant whose verdicts differ anywhere);
 * else a survivor.
 * @module
 */
import { semanticFailures } from '../semantic.ts';
import { compareWithReal, mechanicalReason } from './equivalence.ts';
import { EQUIVALENT_REASONS } from './equivalent.ts';
import type { Mutant } from './generate.ts';
import { realModel } from './real.ts';

/** What became of a mutant (`ms`: time taken to judge it). */
export type Verdict =
  | { readonly id: string; readonly outcome: 'killed'; readonly by: string; readonly ms: number }
  | { readonly id: string; readonly outcome: 'equivalent'; readonly reason: string; readonly difference: string | null; readonly ms: number }
  | { readonly id: string; readonly outcome: 'survived'; readonly difference: string; readonly ms: number };

/** Runs the semantic checks on `mutant` (stopping at the first failure), then, if it survives them, the equivalence test. */
export function judge(mutant: Mutant): Verdict {
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  const [by] = semanticFailures({ [mutant.model]: mutant.machine }, { firstFailure: true, models: [mutant.model] });
  if (by !== undefined) return { id: mutant.id, outcome: 'killed', by, ms: ms() };
  const real = realModel(mutant.model);
  const diff = compareWithReal(mutant, real);
  const written = EQUIVALENT_REASONS[mutant.id];
  if (diff.verdicts === null && diff.size === null) {
    return { id: mutant.id, outcome: 'equivalent', reason: [mechanicalReason(real), written].filter(Boolean).join('; '), difference: null, ms: ms() };
  }
  if (diff.verdicts === null && written) {
    const same = `same verdicts in all ${real.configs.length} configurations of the ${real.model} model, and under the settings alternatives`;
    return { id: mutant.id, outcome: 'equivalent', reason: `${written} (${same})`, difference: diff.size, ms: ms() };
  }
  return { id: mutant.id, outcome: 'survived', difference: diff.verdicts ?? diff.size!, ms: ms() };
}
