/**
 * Symmetry over several independent index sets: the number of stored states equals the
 * number of orbits under the product of the groups' permutations (counted by brute force over
 * a plain XState breadth-first search), with the word-level canonicaliser and with the
 * context-level fallback; verdicts and shortest-trace lengths agree with and without
 * reduction; the one-group `permutable` form is `groups: [permutable]`; bad declarations throw.
 */
import { describe, expect, it } from 'vitest';
import { transition, type AnyMachineSnapshot } from 'xstate';
import { keyslotsStateCount, keyslotsSubject } from '../../proofs/fast/examples/keyslots.machine.ts';
import { exploreFast } from '../../proofs/fast/index.ts';
import { canonicalisers } from '../../proofs/fast/symmetry.ts';
import type { ContextCodec, FastSubject, Symmetry } from '../../proofs/fast/types.ts';
import { comparable, initialOf, replay, verdicts } from './helpers.ts';
import {
  twoGroupsOrbitCount,
  twoGroupsStateCount,
  twoGroupsSubject,
  type TwoGroupsContext,
  type TwoGroupsEvent,
  type TwoGroupsMachine,
} from './machines/two-groups.ts';

/** Every permutation of `0..n-1`. */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

/** Every reachable snapshot of `subject`, by a plain breadth-first search over XState's `transition()`. */
function reachable(subject: FastSubject<any, any>): AnyMachineSnapshot[] {
  const key = (x: AnyMachineSnapshot) => JSON.stringify([x.value, x.context]);
  const queue = [initialOf(subject)];
  const seen = new Set([key(queue[0]!)]);
  for (let i = 0; i < queue.length; i++) {
    for (const e of subject.events(queue[i]! as never)) {
      const next = transition(subject.machine, queue[i]!, e)[0] as AnyMachineSnapshot;
      if (!seen.has(key(next))) {
        seen.add(key(next));
        queue.push(next);
      }
    }
  }
  return queue;
}

/**
 * Orbits of `states` under the product of the groups' permutations: each state's orbit key is
 * the smallest JSON over every permutation of every group (applied to all arrays of the group).
 */
function orbitCount(states: readonly AnyMachineSnapshot[], groups: readonly (readonly string[])[]): number {
  const perms = (ctx: Record<string, unknown[]>) => groups.map((g) => permutations(ctx[g[0]!]!.length));
  const orbits = new Set<string>();
  for (const s of states) {
    const ctx = s.context as Record<string, unknown[]>;
    let images: Record<string, unknown>[] = [{ ...ctx }];
    for (const [gi, ps] of perms(ctx).entries()) {
      images = images.flatMap((img) => ps.map((p) => ({ ...img, ...Object.fromEntries(groups[gi]!.map((n) => [n, p.map((i) => ctx[n]![i])])) })));
    }
    const keys = images.map((img) => JSON.stringify([s.value, img])).sort();
    orbits.add(keys[0]!);
  }
  return orbits.size;
}

/** `codec` with its word-level permuter withheld for groups containing `name` (all groups when absent). */
function withoutPermuter<C>(codec: ContextCodec<C>, name?: string): ContextCodec<C> {
  return { ...codec, permuter: (names) => (name === undefined || names.includes(name) ? undefined : codec.permuter!(names)) };
}

/** The two-group subject with its codec replaced or removed (and `source` cleared: workers could not rebuild it). */
function variant(n: number, m: number, codec: ContextCodec<TwoGroupsContext> | undefined): FastSubject<TwoGroupsMachine, TwoGroupsEvent> {
  const { codec: _c, source: _s, ...rest } = twoGroupsSubject(n, m);
  return codec ? { ...rest, codec } : rest;
}

const GROUPS = [['slots'], ['managers', 'counters']] as const;
const SIZES: [number, number][] = [
  [1, 1],
  [2, 2],
  [2, 3],
  [3, 2],
  [3, 3],
];

describe('symmetry over independent groups', () => {
  for (const [n, m] of SIZES) {
    it(`two-groups(${n}, ${m}): stored states = brute-force orbits, word-level and context-level`, () => {
      // fails if a group is not sorted (too many states) or the groups are merged or sorted jointly (too few)
      const subject = twoGroupsSubject(n, m);
      const states = reachable(subject);
      const orbits = orbitCount(states, GROUPS);
      const full = exploreFast(subject, { symmetry: false });
      expect(full.states).toBe(states.length);
      expect(full.states).toBe(twoGroupsStateCount(n, m));
      const words = exploreFast(subject);
      expect(canonicalisers(subject.symmetry, subject.codec).words).toBeDefined();
      expect(words.stats.symmetry).toBe(true);
      expect(words.states).toBe(orbits);
      expect(orbits).toBe(twoGroupsOrbitCount(n, m));
      const codec = subject.codec!;
      for (const fallback of [variant(n, m, withoutPermuter(codec)), variant(n, m, withoutPermuter(codec, 'managers')), variant(n, m, undefined)]) {
        expect(canonicalisers(fallback.symmetry, fallback.codec).words).toBeUndefined();
        const r = exploreFast(fallback);
        expect(r.states).toBe(orbits);
        expect(r.transitions).toBe(words.transitions);
      }
    });
  }

  for (const [n, m] of [
    [2, 2],
    [3, 3],
    [4, 3],
  ] as const) {
    it(`two-groups(${n}, ${m}): same verdicts and shortest-trace lengths with and without reduction; reduced traces replay`, () => {
      // fails if reduction merges states an invariant or goal tells apart, or breaks trace reconstruction
      const subject = twoGroupsSubject(n, m);
      const full = exploreFast(subject, { symmetry: false });
      const reduced = exploreFast(subject);
      const fallback = exploreFast(variant(n, m, undefined));
      expect(verdicts(reduced)).toEqual(verdicts(full));
      expect(verdicts(fallback)).toEqual(verdicts(full));
      expect(full.violations['TG-NO-GHOST']).toBeNull();
      expect(full.violations['TG-WITNESS-ONE-PROVISIONED']).not.toBeNull();
      expect(full.reached['TG-ALL-DELETED']).not.toBeNull();
      for (const t of [...Object.values(reduced.violations), ...Object.values(reduced.reached)]) if (t) replay(subject, t);
    });
  }

  it('the witness invariant holds on two-groups(1, 2): verdicts are not all the same', () => {
    // fails if the witness invariant is trivially false (so agreement on it would prove nothing)
    const r = exploreFast(twoGroupsSubject(1, 2));
    expect(r.violations['TG-WITNESS-ONE-PROVISIONED']).toBeNull();
    expect(verdicts(r)).toEqual(verdicts(exploreFast(twoGroupsSubject(1, 2), { symmetry: false })));
  });

  for (const n of [1, 2, 3, 4, 5]) {
    it(`keyslots(${n}): permutable: [slots] stores the same states as groups: [[slots]]`, () => {
      // fails if the one-group form and the groups form are resolved differently
      const base = keyslotsSubject(n);
      const one = exploreFast({ ...base, symmetry: { permutable: ['slots'] } });
      const grouped = exploreFast({ ...base, symmetry: { groups: [['slots']] } });
      const both = exploreFast({ ...base, symmetry: { permutable: ['slots'], groups: [] } });
      expect(exploreFast(base).states).toBe(keyslotsStateCount(n));
      expect(grouped.states).toBe(one.states);
      expect(both.states).toBe(one.states);
      expect(comparable(grouped)).toEqual(comparable(one));
      if (n >= 2) expect(one.states).toBeLessThan(keyslotsStateCount(n));
    });
  }

  it('a group and canonicalize compose: canonicalize runs first, the groups after', () => {
    // fails if canonicalize is dropped when groups are declared, or vice versa
    const subject = twoGroupsSubject(3, 3);
    const sortSlots = (c: TwoGroupsContext) => ({ ...c, slots: [...c.slots].sort() });
    const sym: Symmetry<TwoGroupsContext> = { groups: [['managers', 'counters']], canonicalize: sortSlots };
    const r = exploreFast({ ...subject, symmetry: sym, source: undefined });
    expect(r.states).toBe(exploreFast(subject).states);
  });

  it('permutable and groups together: permutable is one more group', () => {
    // fails if `permutable` is ignored when `groups` is also given (or the other way round)
    const subject = twoGroupsSubject(3, 3);
    const mixed = exploreFast({ ...subject, symmetry: { permutable: ['slots'], groups: [['managers', 'counters']] }, source: undefined });
    expect(comparable(mixed)).toEqual(comparable(exploreFast(subject)));
    expect(mixed.states).toBe(twoGroupsOrbitCount(3, 3));
  });

  describe('bad declarations throw clear errors', () => {
    const base = twoGroupsSubject(2, 2);
    const run = (symmetry: Symmetry, codec: boolean) => () => exploreFast({ ...(codec ? base : variant(2, 2, undefined)), symmetry, source: undefined });
    for (const codec of [true, false]) {
      const how = codec ? 'with a schema codec' : 'without a codec';
      it(`overlapping groups (${how})`, () => {
        // fails if an array in two groups is accepted (sorting it twice would not be a group action)
        expect(run({ groups: [['slots'], ['managers', 'slots']] }, codec)).toThrow(/disjoint.*'slots' is in group 0 \[slots\] and group 1 \[managers, slots\]/);
        expect(run({ permutable: ['managers'], groups: [['managers', 'counters']] }, codec)).toThrow(/disjoint.*'managers'/);
        expect(run({ groups: [['slots', 'slots']] }, codec)).toThrow(/'slots' is listed twice/);
      });
      it(`arrays of unequal length within a group (${how})`, () => {
        // fails if arrays of different lengths are permuted together (indices past the shorter one)
        const wide = twoGroupsSubject(3, 2);
        const subject = codec ? wide : variant(3, 2, undefined);
        expect(() => exploreFast({ ...subject, symmetry: { groups: [['slots', 'managers']] }, source: undefined })).toThrow(
          /one length, but 'slots' has 3 items and 'managers' has 2/,
        );
      });
      it(`an unknown array name (${how})`, () => {
        // fails if a misspelt array name is silently ignored (no reduction, or a wrong one)
        expect(run({ groups: [['slots'], ['manager']] }, codec)).toThrow(/no array 'manager'/);
        expect(run({ groups: [['ghost']] }, codec)).toThrow(/no array 'ghost'/);
      });
    }
    it('groups of different lengths are fine', () => {
      // fails if lengths are compared across groups instead of within each group
      expect(exploreFast(twoGroupsSubject(3, 2)).states).toBeGreaterThan(0);
      expect(exploreFast(variant(3, 2, undefined)).states).toBe(exploreFast(twoGroupsSubject(3, 2)).states);
    });
  });

  for (const [n, m] of [
    [6, 6],
    [8, 5],
  ] as const) {
    it(`two-groups(${n}, ${m}): one worker gives the same result as the main thread alone`, () => {
      // fails if the worker's rebuilt subject canonicalises differently from the main thread's (or does not apply the groups)
      const subject = twoGroupsSubject(n, m);
      const alone = exploreFast(subject);
      const r = exploreFast(subject, { workers: 1, awaitWorkers: true });
      expect(r.stats.workers).toBe(1);
      expect(r.stats.symmetry).toBe(true);
      expect(comparable(r)).toEqual(comparable(alone));
      expect(r.states).toBe(twoGroupsOrbitCount(n, m));
    });
  }
});
