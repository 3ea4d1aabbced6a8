/**
 * Non-vacuity of the table: for every threat and attacker profile, each recorded minimal set
 * really stops the threat, removing it from the full set makes the goal reachable (and the
 * attack trace replays), and dropping any one of its countermeasures lets the attack through.
 * The recorded minimal sets themselves are recomputed from scratch by recorded.test.ts. Each
 * configuration's result comes from this run's full verification (explored once by the global
 * setup, `test/setup/verified.ts`); every attack trace is replayed on XState's own `transition()`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COUNTERMEASURE_IDS, type CountermeasureId, type ThreatId } from '../../spec/ids.ts';
import { cmFlags, listToMask, type ProfileId } from '../../model/config.ts';
import { GOALS } from '../../proofs/properties.ts';
import { RECORDED_PATH, type Recorded } from '../../proofs/recorded.ts';
import { replay } from '../../proofs/replay.ts';
import { subjectFor } from '../../proofs/subjects.ts';
import { verifiedResult } from '../support/verified.ts';

const recorded = JSON.parse(readFileSync(new URL(`../../${RECORDED_PATH}`, import.meta.url), 'utf8')) as Recorded;
const cases = recorded.threats.flatMap((t) =>
  (['remote', 'physical', 'insider'] as const).flatMap((p) =>
    ((t as unknown as Record<ProfileId, { minimalSets: CountermeasureId[][] }>)[p]?.minimalSets ?? []).map((set) => [t.threat as ThreatId, p, set] as const),
  ),
);
const reach = (t: ThreatId, p: ProfileId, set: readonly CountermeasureId[]) => {
  const model = GOALS.find((g) => g.id === t)!.scope;
  const subject = subjectFor(model, cmFlags(set), p);
  const trace = verifiedResult(model, p, listToMask(set)).reached[t] ?? null;
  if (trace) expect(replay(subject, trace), `the ${t} trace must replay on ${p}/{${set.join(', ')}}`).toEqual({ ok: true });
  return { subject, trace };
};

describe('minimal countermeasure sets are exactly what stops each threat', () => {
  it('every threat has a minimal set against the remote and the insider attacker (the table is not empty)', () => {
    for (const t of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6']) {
      for (const p of ['remote', 'insider'])
        expect(
          cases.some(([ct, cp]) => ct === t && cp === p),
          `${t} ${p}`,
        ).toBe(true);
    }
  });

  it.each(cases)('%s, %s attacker, stopped by %j', (t, p, set) => {
    expect(reach(t, p, set).trace, 'the minimal set must stop the threat').toBeNull();
    const rest = COUNTERMEASURE_IDS.filter((c) => !set.includes(c));
    const opened = reach(t, p, rest);
    expect(opened.trace, 'removing the minimal set must open the threat').not.toBeNull();
    expect(replay(opened.subject, opened.trace!)).toEqual({ ok: true });
    for (const c of set) {
      expect(
        reach(
          t,
          p,
          set.filter((x) => x !== c),
        ).trace,
        `dropping ${c} must open the threat`,
      ).not.toBeNull();
    }
  });
});
