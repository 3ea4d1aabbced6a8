/**
 * Worker threads change nothing but speed: with one or two workers the results (states,
 * transitions, verdicts, traces) are exactly those of the main thread alone, and a worker
 * that rebuilds a different subject is caught by the main thread's spot checks.
 */
import { describe, expect, it } from 'vitest';
import { keyslotsSubject } from '../../proofs/fast/examples/keyslots.machine.ts';
import { exploreFast } from '../../proofs/fast/index.ts';
import type { FastSubject } from '../../proofs/fast/types.ts';
import { comparable } from './helpers.ts';
import { flawedKeyslotsSubject } from './machines/flawed-keyslots.subject.ts';
import { plantSubject } from './machines/plant.ts';

/** Subjects, and whether their breadth-first frontier is wide enough for every worker to get work. */
const cases: [string, FastSubject<any, any>, boolean][] = [
  ['keyslots(7)', keyslotsSubject(7), true],
  ['keyslots(12) with symmetry', keyslotsSubject(12, { symmetry: true }), true],
  ['flawed keyslots(5)', flawedKeyslotsSubject(5), true],
  ['flawed keyslots(9) with symmetry', flawedKeyslotsSubject(9, true), true],
  ['plant (a narrow frontier)', plantSubject, false],
];

describe('parallel exploration', () => {
  for (const [name, subject, wide] of cases) {
    it(`${name}: workers give the same result as the main thread alone`, () => {
      const alone = exploreFast(subject);
      for (const workers of [1, 2]) {
        const r = exploreFast(subject, { workers, awaitWorkers: true });
        if (wide) expect(r.stats.workers).toBe(workers);
        expect(comparable(r)).toEqual(comparable(alone));
      }
    });
  }

  it('stays on the main thread without a source', () => {
    const { source: _s, ...noSource } = keyslotsSubject(3);
    expect(exploreFast(noSource, { workers: 1 }).stats.workers).toBe(0);
  });

  it('stops when a worker rebuilds a different subject', () => {
    const wrong = { ...flawedKeyslotsSubject(5), source: keyslotsSubject(5).source };
    expect(() => exploreFast(wrong, { workers: 1, awaitWorkers: true })).toThrow(/different successors/);
  });
});
