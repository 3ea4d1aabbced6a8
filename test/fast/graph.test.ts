/**
 * The explored graph (`exploreFast(subject, { graph: true })`) against a brute-force oracle: a
 * breadth-first search over XState's own `transition()`, numbering states in discovery order
 * and listing, per state, every event that changes it or that XState's `snapshot.can()` accepts
 * (self-loops included). Used by liveness checks.
 */
import { describe, expect, it } from 'vitest';
import { transition, type AnyMachineSnapshot, type EventObject } from 'xstate';
import { keyslotsSubject } from '../../proofs/fast/examples/keyslots.machine.ts';
import { exploreFast } from '../../proofs/fast/explorer.ts';
import type { FastSubject } from '../../proofs/fast/types.ts';
import { initialOf } from './helpers.ts';
import { plantSubject } from './machines/plant.ts';
import { twoGroupsSubject } from './machines/two-groups.ts';
import { maskToFlags } from '../../model/config.ts';
import { managed, usingLegitKey } from '../../proofs/availability.ts';
import { subjectFor } from '../../proofs/subjects.ts';

/** Edges `source -> target via event index`, by brute force (an event fires when XState takes a transition for it). */
function oracle(subject: FastSubject<any, any>): { states: number; edges: string[] } {
  const key = (s: AnyMachineSnapshot) => JSON.stringify([s.value, s.context]);
  const init = initialOf(subject);
  const ids = new Map([[key(init), 0]]);
  const queue = [init];
  const edges: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const snap = queue[i]!;
    (subject.events(snap as never) as EventObject[]).forEach((e, k) => {
      const [next] = transition(subject.machine, snap, e);
      // an edge: the state changes, or XState says the event can be taken (a transition with a target or actions)
      if (key(next) === key(snap) && !snap.can(e)) return;
      let id = ids.get(key(next));
      if (id === undefined) {
        id = queue.length;
        ids.set(key(next), id);
        queue.push(next as AnyMachineSnapshot);
      }
      edges.push(`${i}->${id}@${k}`);
    });
  }
  return { states: queue.length, edges };
}

const cases: [string, FastSubject<any, any>][] = [
  ['keyslots(3)', keyslotsSubject(3)],
  ['plant', plantSubject],
  ['two groups (2, 2)', twoGroupsSubject(2, 2, { symmetry: false })],
];

describe('explored graph', () => {
  for (const [name, subject] of cases) {
    for (const learn of [true, false]) {
      // fails if an edge is missing, extra, points to the wrong state or carries the wrong event, or if states are numbered otherwise
      it(`${name}, learning ${learn ? 'on' : 'off'}: every firing event is an edge, as XState takes it`, () => {
        const r = exploreFast(subject, { graph: true, learn });
        const want = oracle(subject);
        expect(r.states).toBe(want.states);
        const g = r.graph!;
        const got: string[] = [];
        for (let s = 0; s < r.states; s++) for (let e = g.offsets[s]!; e < g.offsets[s + 1]!; e++) got.push(`${s}->${g.targets[e]}@${g.events[e]}`);
        expect(got).toEqual(want.edges);
        // transitions still count only the edges that change the state
        expect(r.transitions).toBe(got.filter((x) => x.split('->')[0] !== x.split('->')[1]!.split('@')[0]).length);
        expect(r.transitions).toBe(exploreFast(subject).transitions);
      });
    }
  }
});

/**
 * `codesOf` and `eventsAt` answer from the stored rows through learned trees, without decoding
 * them: they must give, for every state, what the function gives on the decoded snapshot. The
 * HSM cases use the availability goals' own predicates (`proofs/availability.ts`).
 */
describe('state codes and event lists on the stored rows', () => {
  const hsm = (mask: number) => subjectFor('device', maskToFlags(mask), 'physical');
  const predicates: [string, FastSubject<any, any>, ((s: never) => number)[]][] = [
    ['device, no countermeasure', hsm(0), [(s) => (managed(s) ? 1 : 0), (s) => (usingLegitKey(s) ? 1 : 0)]],
    ['device, CM1 + CM6', hsm(0b100001), [(s) => (managed(s) ? 1 : 0), (s) => (usingLegitKey(s) ? 1 : 0)]],
    ['keyslots(3)', keyslotsSubject(3), [(s: any) => (Object.values(s.context).flat().length % 3) as number]],
    ['two groups (2, 2)', twoGroupsSubject(2, 2, { symmetry: false }), [(s: any) => JSON.stringify(s.context).length % 5]],
  ];
  for (const [name, subject, fns] of predicates) {
    for (const learn of [true, false]) {
      // fails if a learned tree answers for a state the function would answer otherwise, or lists other events
      it(`${name}, learning ${learn ? 'on' : 'off'}: every state's code and event list equal the decoded snapshot's`, () => {
        const r = exploreFast(subject, { graph: true, learn });
        for (const fn of fns) {
          const codes = r.codesOf!(fn as never);
          expect(codes.length).toBe(r.states);
          const want = Uint8Array.from({ length: r.states }, (_, id) => fn(r.snapshotOf!(id) as never));
          expect(Buffer.from(codes).equals(Buffer.from(want))).toBe(true);
          // both codes occur, so a constant answer would fail
          if (name.startsWith('device')) expect(new Set(want).size).toBeGreaterThan(1);
        }
        for (let id = 0; id < r.states; id++) expect(r.eventsAt!(id)).toEqual(subject.events(r.snapshotOf!(id) as never));
      });
    }
  }
});
