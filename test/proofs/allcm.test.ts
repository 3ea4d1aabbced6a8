/**
 * With all six countermeasures, every invariant holds for every model and attacker profile. The
 * only threats still reachable are deletions by fail-secure zeroization: the physical attacker
 * probes the HSM, which detects it and wipes its keys (T2, T5 under ASM-10's default reading).
 * Under the other reading of ASM-10 no threat is reachable at all. The explored state spaces are
 * not trivial.
 * @clause CM1 @clause CM2 @clause CM3 @clause CM4 @clause CM5 @clause CM6
 */
import { describe, expect, it } from 'vitest';
import { COUNTERMEASURE_IDS } from '../../spec/ids.ts';
import { PROFILE_IDS, cmFlags } from '../../model/config.ts';
import { settingsWith } from '../../model/settings.ts';
import type { StoreContext } from '../../model/store.ts';
import { explore } from '../../proofs/explore.ts';
import { replay } from '../../proofs/replay.ts';
import { MODEL_IDS, subjectFor } from '../../proofs/subjects.ts';

const cases = MODEL_IDS.flatMap((m) => PROFILE_IDS.map((p) => [m, p] as const));
const bad = (m: Readonly<Record<string, unknown>>) => Object.keys(m).filter((k) => m[k]);

describe('all countermeasures (CM1–CM6)', () => {
  it.each(cases)('%s model, %s attacker: every invariant holds; a threat is reached only by fail-secure zeroization', (model, profile) => {
    const subject = subjectFor(model, cmFlags(COUNTERMEASURE_IDS), profile);
    const r = explore(subject);
    expect(bad(r.violations)).toEqual([]);
    for (const [t, trace] of Object.entries(r.reached)) {
      if (!trace) continue;
      expect(profile, `${t} reached by a ${profile} attacker`).toBe('physical');
      const last = trace.steps.at(-1)!;
      expect(last.event.type, `${t} is reached by probing the HSM`).toBe('PROBE');
      expect((last.state as { ghost: StoreContext['ghost'] }).ghost.zeroizedLegit, `${t}: the HSM zeroized its keys`).toBe(true);
      expect(replay(subject, trace)).toEqual({ ok: true });
    }
    expect(r.states).toBeGreaterThan(100);
    expect(r.transitions).toBeGreaterThan(r.states);
  });

  it.each(cases)('%s model, %s attacker, zeroization not counted as deletion (ASM-10): no threat goal is reachable', (model, profile) => {
    const r = explore(subjectFor(model, cmFlags(COUNTERMEASURE_IDS), profile, undefined, { settings: settingsWith({ zeroization: 'not-deletion' }) }));
    expect(bad(r.violations)).toEqual([]);
    expect(bad(r.reached)).toEqual([]);
  });

  it('the physical attacker does reach T2 and T5 by zeroization under the default reading (the check above is not vacuous)', () => {
    expect(bad(explore(subjectFor('device', cmFlags(COUNTERMEASURE_IDS), 'physical')).reached)).toEqual(['T2']);
    expect(bad(explore(subjectFor('server', cmFlags(COUNTERMEASURE_IDS), 'physical')).reached)).toEqual(['T5']);
  });
});
