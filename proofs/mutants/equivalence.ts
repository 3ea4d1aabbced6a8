/**
 * The mechanical equivalence test of a mutant no semantic check kills: explore it in every
 * configuration of its model (64 countermeasure sets × 3 attacker profiles, sharing results
 * where the explorations read no flag on which configurations differ, as `verifyAll` does) and
 * compare each with the real model's exploration: every verdict (which invariants are violated,
 * which goals reachable), the number of states and the number of transitions. Then the same in
 * a few configurations (no countermeasure, an HSM only, all of them; every profile) under each
 * single-switch alternative of the settings: a mutant can hide behind a default (e.g. the
 * physical binding of CM5 hides the logical one).
 * @module
 */
import { PROFILE_IDS } from '../../model/config.ts';
import { alternatives, settingsWith } from '../../model/settings.ts';
import { hsmMask } from './check-kit.ts';
import { ALL_MASK } from '../table.ts';
import type { Mutant } from './generate.ts';
import { badOf, type RealModel } from './real.ts';
import { Runs, Unbounded } from './runs.ts';

/** How a mutant compares with the real model over every configuration (null: no difference of that kind). */
export interface Comparison {
  /** The first configuration whose verdicts differ (or whose exploration is unbounded), in words. */
  readonly verdicts: string | null;
  /** The first configuration whose numbers of states or transitions differ, in words. */
  readonly size: string | null;
}

/** Compares `mutant` with the real model in every configuration of its model, then under the settings alternatives. */
export function compareWithReal(mutant: Mutant, real: RealModel): Comparison {
  const runs = new Runs({ [mutant.model]: mutant.machine });
  const byConfig = new Map(real.configs.map((c) => [`${c.profile}/${c.mask}`, c]));
  let size: string | null = null;
  for (const profile of PROFILE_IDS) {
    for (let mask = 0; mask <= ALL_MASK; mask++) {
      const c = byConfig.get(`${profile}/${mask}`);
      const where = `${profile} attacker, countermeasure mask ${mask}`;
      if (!c) return { verdicts: `${where}: no real result to compare with`, size };
      let r: ReturnType<Runs['result']>;
      try {
        r = runs.result(mutant.model, profile, mask);
      } catch (e) {
        if (e instanceof Unbounded) return { verdicts: e.message, size };
        throw e;
      }
      const bad = badOf(r).join(',');
      if (c.bad.join(',') !== bad) return { verdicts: `${where}: verdicts [${bad}] instead of [${c.bad.join(',')}]`, size };
      if (size === null && c.states !== r.states) size = `${where}: ${r.states} states instead of ${c.states}`;
      if (size === null && c.transitions !== r.transitions) size = `${where}: ${r.transitions} transitions instead of ${c.transitions}`;
    }
  }
  realAlternatives ??= new Runs({});
  const realRuns = realAlternatives;
  for (const alt of alternatives()) {
    const settings = settingsWith({ [alt.setting]: alt.value });
    for (const profile of PROFILE_IDS) {
      for (const mask of [0, hsmMask(mutant.model), ALL_MASK]) {
        const where = `${profile} attacker, countermeasure mask ${mask}, ${alt.setting} = ${String(alt.value)}`;
        const c = realRuns.result(mutant.model, profile, mask, settings);
        let r: ReturnType<Runs['result']>;
        try {
          r = runs.result(mutant.model, profile, mask, settings);
        } catch (e) {
          if (e instanceof Unbounded) return { verdicts: e.message, size };
          throw e;
        }
        const [bad, was] = [badOf(r).join(','), badOf(c).join(',')];
        if (bad !== was) return { verdicts: `${where}: verdicts [${bad}] instead of [${was}]`, size };
        if (size === null && (c.states !== r.states || c.transitions !== r.transitions)) {
          size = `${where}: ${r.states} states, ${r.transitions} transitions instead of ${c.states}, ${c.transitions}`;
        }
      }
    }
  }
  return { verdicts: null, size };
}

/** The real machines' explorations under the settings alternatives (made once per process, when first needed). */
let realAlternatives: Runs | undefined;

/** The reason given for a mutant found indistinguishable in every configuration of its model. */
export function mechanicalReason(real: RealModel): string {
  const extra = `${PROFILE_IDS.length * 3} configurations (no countermeasure, an HSM only, all) under each of the ${alternatives().length} single-switch alternatives of the settings`;
  return `indistinguishable: same states, transitions and verdicts in all ${real.configs.length} configurations of the ${real.model} model; and in its ${extra}`;
}
