/**
 * Traceability: every derived requirement is checked by at least one invariant, or carries a
 * written waiver; every requirement cites the countermeasure its ID names.
 */
import { describe, expect, it } from 'vitest';
import { REQUIREMENTS, type Requirement } from '../../spec/requirements.ts';
import { REQUIREMENT_IDS } from '../../spec/ids.ts';
import { INVARIANTS } from '../../proofs/properties.ts';

describe('requirements', () => {
  it('REQUIREMENT_IDS and REQUIREMENTS list the same IDs', () => {
    expect(REQUIREMENTS.map((r) => r.id)).toEqual([...REQUIREMENT_IDS]);
  });

  it.each(REQUIREMENTS.map((r) => [r.id, r] as const))('%s is checked by an invariant or waived', (id, r: Requirement) => {
    const checkers = INVARIANTS.filter((i) => i.checks.includes(id)).map((i) => i.id);
    if (checkers.length === 0) expect(r.waiver, `${id} has no invariant and no waiver`).toMatch(/\w{10,}/);
    else expect(checkers.length).toBeGreaterThan(0);
  });

  it.each(REQUIREMENTS.map((r) => [r.id, r] as const))('%s cites the countermeasure of its ID and at least one threat', (id, r) => {
    expect(id.startsWith(`REQ-${r.countermeasure}-`)).toBe(true);
    expect(r.threats.length).toBeGreaterThan(0);
    expect(r.statement).toMatch(/SHALL/);
  });

  it('the coverage check can fail: an uncited requirement without waiver is reported', () => {
    const uncovered = (reqs: readonly Requirement[]) =>
      reqs.filter((r) => !r.waiver && !INVARIANTS.some((i) => (i.checks as readonly string[]).includes(r.id))).map((r) => r.id);
    expect(uncovered(REQUIREMENTS)).toEqual([]);
    const orphan = { ...REQUIREMENTS[0], id: 'REQ-CM1-99' } as unknown as Requirement;
    expect(uncovered([...REQUIREMENTS, orphan])).toEqual(['REQ-CM1-99']);
    expect(uncovered([{ ...orphan, waiver: 'outside the model: a procurement requirement' }])).toEqual([]);
  });
});
