/**
 * keyslots(N) has 2·4^N + 2·3^N reachable states: checked with the reference explorer for
 * small N and with the fast explorer up to N = 8. The invariant holds and the goal is reached.
 */
import { describe, expect, it } from 'vitest';
import { keyslotsStateCount, keyslotsSubject } from '../../proofs/fast/examples/keyslots.machine.ts';
import { exploreBfs } from '../../proofs/bfs.ts';
import { exploreFast } from '../../proofs/fast/index.ts';

describe('keyslots(N) reachable states', () => {
  for (const n of [2, 4, 6]) {
    it(`exploreBfs: N = ${n}`, () => {
      const r = exploreBfs(keyslotsSubject(n));
      expect(r.states).toBe(2 * 4 ** n + 2 * 3 ** n);
      expect(r.violations['KS-NO-UNAUTH-DELETE']).toBeNull();
      expect(r.reached['KS-TAMPER-WIPE']).not.toBeNull();
    });
  }
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`exploreFast: N = ${n}`, () => {
      const r = exploreFast(keyslotsSubject(n));
      expect(r.states).toBe(keyslotsStateCount(n));
      expect(r.states).toBe(2 * 4 ** n + 2 * 3 ** n);
      expect(r.violations['KS-NO-UNAUTH-DELETE']).toBeNull();
      expect(r.reached['KS-TAMPER-WIPE']).not.toBeNull();
    });
  }
});
