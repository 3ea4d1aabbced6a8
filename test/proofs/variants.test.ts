/**
 * Non-vacuity: every deliberately broken variant is caught with all countermeasures in force
 * (under `VARIANT_SETTINGS`, where the unbroken model reaches no threat),
 * and every caught property's trace replays on the variant with XState's own transition().
 */
import { describe, expect, it } from 'vitest';
import { COUNTERMEASURE_IDS } from '../../spec/ids.ts';
import { cmFlags } from '../../model/config.ts';
import { explore } from '../../proofs/explore.ts';
import { INVARIANTS } from '../../proofs/properties.ts';
import { replay } from '../../proofs/replay.ts';
import { subjectFor } from '../../proofs/subjects.ts';
import { VARIANT_SETTINGS, VARIANTS } from '../../proofs/variants.ts';

const ALL = cmFlags(COUNTERMEASURE_IDS);

describe('deliberately broken variants are caught (all countermeasures on)', () => {
  it.each(VARIANTS.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const subject = subjectFor(v.model, ALL, v.profile, v.machine, { settings: VARIANT_SETTINGS });
    const r = explore(subject);
    for (const id of v.caughtBy) {
      const trace = r.violations[id] ?? r.reached[id];
      expect(trace, `${v.id} must be caught by ${id}`).toBeTruthy();
      expect(replay(subject, trace!)).toEqual({ ok: true });
    }
  });

  it('every invariant has at least one variant that breaks it', () => {
    const caught = new Set(VARIANTS.flatMap((v) => v.caughtBy));
    expect(INVARIANTS.map((i) => i.id).filter((id) => !caught.has(id))).toEqual([]);
  });

  it('every threat goal has at least one variant that reaches it with all countermeasures (T1–T6)', () => {
    const caught = new Set(VARIANTS.flatMap((v) => v.caughtBy));
    expect(['T1', 'T2', 'T3', 'T4', 'T5', 'T6'].filter((t) => !caught.has(t))).toEqual([]);
  });

  it('the unbroken model passes the same checks (the variants differ only in the broken mechanism)', () => {
    for (const v of VARIANTS) {
      const r = explore(subjectFor(v.model, ALL, v.profile, undefined, { settings: VARIANT_SETTINGS }));
      for (const id of v.caughtBy) expect(r.violations[id] ?? r.reached[id] ?? null, `${v.id}/${id}`).toBeNull();
    }
  });
});
