/**
 * Symmetry reduction: verdicts and shortest-trace lengths agree with and without reduction,
 * reduced traces are real runs (they replay through XState), and the number of stored states
 * equals an independent count of the orbits (a plain XState BFS keyed by sorted slots).
 */
import { describe, expect, it } from 'vitest';
import { transition, type AnyMachineSnapshot } from 'xstate';
import { keyslotsSubject } from '../../proofs/fast/examples/keyslots.machine.ts';
import { exploreFast } from '../../proofs/fast/index.ts';
import { initialOf, replay, verdicts } from './helpers.ts';
import { flawedKeyslotsSubject } from './machines/flawed-keyslots.subject.ts';

const flawed = flawedKeyslotsSubject;

/** Orbits of keyslots(n) under slot permutations, by a plain breadth-first search over XState. */
function orbitCount(n: number): number {
  const s = keyslotsSubject(n);
  const key = (x: AnyMachineSnapshot) => JSON.stringify({ ...x.context, slots: [...x.context.slots].sort() });
  const seen = new Set<string>();
  const queue = [initialOf(s)];
  seen.add(key(queue[0]!));
  for (let i = 0; i < queue.length; i++) {
    for (const e of s.events(queue[i]! as never)) {
      const next = transition(s.machine, queue[i]!, e)[0] as AnyMachineSnapshot;
      if (!seen.has(key(next))) {
        seen.add(key(next));
        queue.push(next);
      }
    }
  }
  return seen.size;
}

describe('symmetry reduction', () => {
  for (const n of [1, 2, 3, 4, 5]) {
    it(`keyslots(${n}): same verdicts with and without reduction; states = orbits`, () => {
      const full = exploreFast(keyslotsSubject(n));
      const reduced = exploreFast(keyslotsSubject(n, { symmetry: true }));
      expect(reduced.stats.symmetry).toBe(true);
      expect(verdicts(reduced)).toEqual(verdicts(full));
      expect(reduced.states).toBe(orbitCount(n));
      expect(reduced.states).toBeLessThanOrEqual(full.states);
    });
  }

  for (const n of [2, 4]) {
    it(`flawed keyslots(${n}): the same shortest counterexample length, and reduced traces replay`, () => {
      const full = exploreFast(flawed(n, false));
      const reduced = exploreFast(flawed(n, true));
      expect(verdicts(reduced)).toEqual(verdicts(full));
      const trace = reduced.violations['KS-NO-UNAUTH-DELETE'];
      expect(trace).toBeTruthy();
      const last = replay(flawed(n, true), trace!);
      expect(last.context.ghost).toBe(true);
      for (const t of Object.values(reduced.reached)) if (t) replay(flawed(n, true), t);
    });
  }

  it('symmetry: false turns the reduction off', () => {
    const r = exploreFast(keyslotsSubject(3, { symmetry: true }), { symmetry: false });
    expect(r.stats.symmetry).toBe(false);
    expect(r.states).toBe(exploreFast(keyslotsSubject(3)).states);
  });

  for (const n of [12, 31]) {
    it(`keyslots(${n}): context-level canonicalisation (no codec, or a canonicalize function) stores the same orbits`, () => {
      const words = exploreFast(keyslotsSubject(n, { symmetry: true }));
      const { codec: _c, ...noCodec } = keyslotsSubject(n, { symmetry: true });
      const byJson = exploreFast(noCodec);
      const custom = exploreFast({
        ...keyslotsSubject(n),
        symmetry: { canonicalize: (c) => ({ ...c, slots: [...c.slots].sort() }) },
      });
      expect(byJson.states).toBe(words.states);
      expect(custom.states).toBe(words.states);
      expect(verdicts(byJson)).toEqual(verdicts(words));
      expect(byJson.transitions).toBe(words.transitions);
    });
  }
});
