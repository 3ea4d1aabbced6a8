/**
 * The table's set algebra on synthetic reachability vectors: robust minimal sets, necessary
 * countermeasures, non-monotone masks. (The real vectors come from exploration; these check
 * the arithmetic that turns them into minimal sets.)
 */
import { describe, expect, it } from 'vitest';
import { listToMask } from '../../model/config.ts';
import { profileVerdict } from '../../proofs/table.ts';
import type { CountermeasureId } from '../../spec/ids.ts';

/** A vector that is safe exactly on supersets of one of `blockers`. */
const vector = (...blockers: CountermeasureId[][]) => Array.from({ length: 64 }, (_, m) => !blockers.some((b) => (m & listToMask(b)) === listToMask(b)));

describe('profileVerdict', () => {
  it('one blocking set: it is the only minimal set and all of it is needed', () => {
    const v = profileVerdict(vector(['CM1', 'CM6']));
    expect(v.minimalSets).toEqual([['CM1', 'CM6']]);
    expect(v.necessary).toEqual(['CM1', 'CM6']);
    expect(v.nonMonotone).toEqual([]);
  });

  it('two alternatives: both minimal, only the common part is needed', () => {
    const v = profileVerdict(vector(['CM1', 'CM3', 'CM4'], ['CM1', 'CM4', 'CM6']));
    expect(v.minimalSets).toEqual([
      ['CM1', 'CM3', 'CM4'],
      ['CM1', 'CM4', 'CM6'],
    ]);
    expect(v.necessary).toEqual(['CM1', 'CM4']);
  });

  it('never blocked: no minimal set, nothing needed', () => {
    const v = profileVerdict(Array.from({ length: 64 }, () => true));
    expect(v.minimalSets).toEqual([]);
    expect(v.necessary).toEqual([]);
  });

  it('a set that is safe but has an unsafe superset is not robust and is reported as non-monotone', () => {
    // safe without CM1 (vacuously) and with {CM1, CM5}; unsafe with CM1 but not CM5
    const bad = Array.from({ length: 64 }, (_, m) => (m & 1) === 1 && (m & 16) === 0);
    const v = profileVerdict(bad);
    expect(v.minimalSets).toEqual([['CM5']]);
    expect(v.nonMonotone.length).toBe(16);
  });
});
