/**
 * With all six countermeasures, every invariant holds and no threat goal is reachable, for
 * every model and attacker profile — and the explored state spaces are not trivial.
 * @clause CM1 @clause CM2 @clause CM3 @clause CM4 @clause CM5 @clause CM6
 */
import { describe, expect, it } from 'vitest';
import { COUNTERMEASURE_IDS } from '../../spec/ids.ts';
import { PROFILE_IDS, cmFlags } from '../../model/config.ts';
import { explore } from '../../proofs/explore.ts';
import { MODEL_IDS, subjectFor } from '../../proofs/subjects.ts';

const cases = MODEL_IDS.flatMap((m) => PROFILE_IDS.map((p) => [m, p] as const));

describe('all countermeasures (CM1–CM6)', () => {
  it.each(cases)('%s model, %s attacker: every invariant holds, no threat goal is reachable', (model, profile) => {
    const r = explore(subjectFor(model, cmFlags(COUNTERMEASURE_IDS), profile));
    expect(
      Object.entries(r.violations)
        .filter(([, t]) => t)
        .map(([k]) => k),
    ).toEqual([]);
    expect(
      Object.entries(r.reached)
        .filter(([, t]) => t)
        .map(([k]) => k),
    ).toEqual([]);
    expect(r.states).toBeGreaterThan(100);
    expect(r.transitions).toBeGreaterThan(r.states);
  });
});
