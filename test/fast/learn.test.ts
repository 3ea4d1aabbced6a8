/**
 * Learned steps (proofs/fast/learn.ts, track.ts) against XState's own `transition()`: along
 * random walks, every successor the learning expander produces — from a decision tree it
 * learned on earlier states or from a tracked run — equals XState's; whole explorations with
 * and without learning agree with the reference explorer; the fast path is really taken; a
 * broken learner and an impure guard are caught.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, setup, transition, type AnyMachineSnapshot, type EventObject } from 'xstate';
import { exploreBfs } from '../../proofs/bfs.ts';
import { compileMachine } from '../../proofs/fast/compile.ts';
import { keyslotsEvents, keyslotsSubject } from '../../proofs/fast/examples/keyslots.machine.ts';
import { Expander } from '../../proofs/fast/expand.ts';
import { exploreFast } from '../../proofs/fast/explorer.ts';
import { NondeterministicStepError } from '../../proofs/fast/learn.ts';
import { arrayOf, bool, int, oneOf, record } from '../../proofs/fast/schema.ts';
import { schemaCodec } from '../../proofs/fast/schema-codec.ts';
import { stateCodec } from '../../proofs/fast/state-codec.ts';
import { Leaves, Tracker } from '../../proofs/fast/track.ts';
import type { FastSubject, LayoutNode } from '../../proofs/fast/types.ts';
import { initialOf } from './helpers.ts';
import { flawedKeyslotsSubject } from './machines/flawed-keyslots.subject.ts';
import { PLANT_EVENTS, plantSubject } from './machines/plant.ts';
import { twoGroupsEvents, twoGroupsSubject } from './machines/two-groups.ts';

interface Case {
  readonly name: string;
  readonly subject: FastSubject<any, any>;
  readonly events: readonly EventObject[];
}

/** "Ledger": an action that maps over a whole array (reads every item) beside small ones, so trees overflow their budget. */
function ledgerSubject(n: number): FastSubject<any, any> {
  const machine = setup({
    types: {} as {
      context: { items: number[]; cursor: number; sealed: boolean };
      events: { type: 'bump' } | { type: 'move' } | { type: 'seal' } | { type: 'set'; at: number };
    },
    actions: {
      bumpAll: assign({ items: ({ context }) => context.items.map((x) => (x + 1) % 3) }),
      move: assign({ cursor: ({ context }) => (context.cursor + 1) % n }),
      setAt: assign({ items: ({ context, event }) => (event.type === 'set' ? context.items.with(event.at, 2) : context.items) }),
    },
    guards: { open: ({ context }) => !context.sealed, cursorHigh: ({ context }) => context.items[context.cursor] === 2 },
  }).createMachine({
    context: { items: Array.from({ length: n }, () => 0), cursor: 0, sealed: false },
    on: {
      bump: { guard: 'open', actions: 'bumpAll' },
      move: { actions: 'move' },
      seal: { guard: 'cursorHigh', actions: assign({ sealed: true }) },
      set: { guard: 'open', actions: 'setAt' },
    },
  });
  const events: EventObject[] = [{ type: 'bump' }, { type: 'move' }, { type: 'seal' }, ...Array.from({ length: n }, (_, at) => ({ type: 'set', at }))];
  return {
    machine,
    events: () => events,
    invariants: [
      { id: 'L-NOT-ALL-2', title: 'never every item 2 while sealed', holds: (s) => !(s.context.sealed && s.context.items.every((x: number) => x === 2)) },
    ],
    goals: [{ id: 'L-SEALED', title: 'sealed', holds: (s) => s.context.sealed }],
    codec: schemaCodec({ items: arrayOf(n, int(0, 2)), cursor: int(0, n - 1), sealed: bool() }),
  };
}

const cases: Case[] = [
  ...[1, 3, 5, 12].map((n) => ({ name: `keyslots(${n})`, subject: keyslotsSubject(n), events: keyslotsEvents(n) })),
  { name: 'flawed keyslots(3)', subject: flawedKeyslotsSubject(3), events: keyslotsEvents(3) },
  { name: 'plant', subject: plantSubject, events: PLANT_EVENTS },
  { name: 'two groups (3, 2)', subject: twoGroupsSubject(3, 2, { symmetry: false }), events: twoGroupsEvents(3, 2) },
  { name: 'ledger(8)', subject: ledgerSubject(8), events: ledgerSubject(8).events(undefined as never) as EventObject[] },
];

/** A learning expander over one subject; its trees persist across calls, as in an exploration. */
function learningExpander(subject: FastSubject<any, any>) {
  const cm = compileMachine(subject.machine);
  const codec = stateCodec(subject.machine, cm.configs, {}, subject.codec, subject.key);
  const ex = new Expander(subject, cm, codec, false, 'none');
  const P = subject.invariants.length + (subject.goals ?? []).length;
  const pending = new Uint8Array(P).fill(1);
  /** The successors of `snap` by event index (JSON of value + context), self-loops left out. */
  const successors = (snap: AnyMachineSnapshot): Map<number, string> => {
    const row = new Uint32Array(codec.words);
    codec.encode(cm.configs.ofValue(snap.value), snap.context, row, 0);
    ex.expand(row, 0, 1, pending);
    const out = new Map<number, string>();
    for (let j = 0; j < ex.total; j++) {
      const at = j * codec.words;
      out.set(ex.via[j]!, JSON.stringify([codec.config(ex.succ, at).value, codec.context(ex.succ, at)]));
    }
    return out;
  };
  return { ex, successors, codec };
}

/** XState's successors of `snap` by event index, self-loops left out (as the explorer stores them). */
function xstateSuccessors(snap: AnyMachineSnapshot, events: readonly EventObject[], machine: any): Map<number, string> {
  const here = JSON.stringify([snap.value, snap.context]);
  const out = new Map<number, string>();
  events.forEach((e, k) => {
    const [next] = transition(machine, snap, e);
    const json = JSON.stringify([next.value, next.context]);
    if (json !== here) out.set(k, json);
  });
  return out;
}

describe('learned successors equal XState transition()', () => {
  for (const c of cases) {
    // fails if a learned tree or effect (keep/set masks) gives another successor than XState, on a state met before or not
    it(`along random walks of ${c.name}`, () => {
      const { ex, successors } = learningExpander(c.subject);
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 50 }), (walk) => {
          let snap = initialOf(c.subject);
          for (const w of walk) {
            expect(successors(snap)).toEqual(xstateSuccessors(snap, c.events, c.subject.machine));
            snap = transition(c.subject.machine, snap, c.events[w % c.events.length]!)[0] as AnyMachineSnapshot;
          }
          expect(successors(snap)).toEqual(xstateSuccessors(snap, c.events, c.subject.machine));
        }),
        { numRuns: 120 },
      );
      // the fast path was taken: most successors came from learned effects
      expect(ex.learner).toBeDefined();
      expect(ex.learner!.stats.learned).toBeGreaterThan(0);
    });
  }
});

describe('explorations with and without learning agree with the reference explorer', () => {
  for (const c of cases.filter((x) => x.name !== 'keyslots(12)')) {
    // fails if learning changes a count, a verdict or a shortest trace
    it(c.name, () => {
      const learned = exploreFast(c.subject, { learnCheck: 'all' });
      const plain = exploreFast(c.subject, { learn: false });
      const ref = exploreBfs(c.subject);
      for (const r of [learned, plain]) {
        expect(r.states).toBe(ref.states);
        expect(r.transitions).toBe(ref.transitions);
        expect(JSON.stringify(r.violations)).toBe(JSON.stringify(ref.violations));
        expect(JSON.stringify(r.reached)).toBe(JSON.stringify(ref.reached));
      }
      // with learnCheck 'all', every learned successor was compared with the machine's own step
      expect(learned.stats.learned.checked).toBe(learned.stats.learned.steps);
      expect(plain.stats.learned.steps).toBe(0);
    });
  }

  // fails if keyslots' steps stop being learned (every transition must come from a tree: reads of `with` and of one slot only)
  it('keyslots(6) is learned entirely, with few tracked runs', () => {
    const r = exploreFast(keyslotsSubject(6), { learnCheck: 'none' });
    expect(r.stats.learned.generic).toBe(0);
    // every enabled keyslots event changes the state, so each learned step is a stored transition
    expect(r.stats.learned.steps).toBe(r.transitions);
  });

  // fails if a tree that reads a whole array were kept past its budget, or if the fallback were not exact
  it('an action reading a whole array falls back to the generic path, exactly', () => {
    const s = ledgerSubject(9);
    const r = exploreFast(s, { learnCheck: 'all' });
    expect(r.stats.learned.generic).toBeGreaterThan(0);
    expect(r.stats.learned.steps).toBeGreaterThan(0);
    expect(r.states).toBe(exploreFast(s, { learn: false }).states);
  });
});

describe('a broken learner or an impure machine is caught', () => {
  // fails if the differential check could not notice effects that keep bits they should overwrite
  it('keep masks claiming every leaf is a copy give wrong successors, and the comparison says so', () => {
    const original = Tracker.prototype.copies;
    Tracker.prototype.copies = function (result: unknown, keep: Uint32Array) {
      const ok = original.call(this, result, keep);
      keep.fill(0xffffffff);
      return ok;
    };
    try {
      const { successors } = learningExpander(keyslotsSubject(2));
      let snap = initialOf(keyslotsSubject(2));
      snap = transition(snap.machine, snap, { type: 'auth' })[0] as AnyMachineSnapshot;
      expect(successors(snap)).not.toEqual(xstateSuccessors(snap, keyslotsEvents(2), snap.machine));
      expect(() => exploreFast(keyslotsSubject(2), { learnCheck: 'all' })).toThrow(NondeterministicStepError);
    } finally {
      Tracker.prototype.copies = original;
    }
  });

  // fails if a guard that reads outside state were learned silently
  it('a guard that reads a counter outside the state is reported', () => {
    let calls = 0;
    const machine = setup({
      types: {} as { context: { n: number }; events: { type: 'inc' } },
      guards: { flaky: () => calls++ % 2 === 0 },
    }).createMachine({ context: { n: 0 }, on: { inc: { guard: 'flaky', actions: assign({ n: ({ context }) => (context.n + 1) % 4 }) } } });
    const subject: FastSubject<any, any> = {
      machine,
      events: () => [{ type: 'inc' }],
      invariants: [],
      codec: schemaCodec({ n: int(0, 3) }),
    };
    expect(() => exploreFast(subject, { learnCheck: 'all' })).toThrow(NondeterministicStepError);
  });
});

describe('read tracking', () => {
  const layout = schemaCodec({
    a: oneOf('x', 'y', 'z'),
    list: arrayOf(3, bool()),
    rec: record({ p: int(0, 5), q: bool() }),
  }).layout as LayoutNode;
  const leaves = new Leaves(layout, 0);
  const context = { a: 'y', list: [true, false, true], rec: { p: 3, q: false } };

  // fails if a leaf read is not logged, or a structural read is
  it('logs leaves read, in order, and nothing for records and arrays themselves', () => {
    const t = new Tracker(leaves);
    const v = t.view(context) as typeof context;
    expect(v.rec.q).toBe(false);
    expect(v.list[1]).toBe(false);
    expect(v.list.length).toBe(3);
    expect(v.a).toBe('y');
    expect(t.log).toEqual([
      leaves.id((layout as any).fields.rec.fields.q),
      leaves.id((layout as any).fields.list.items[1]),
      leaves.id((layout as any).fields.a),
    ]);
  });

  // fails if `with` or an assign's untouched keys were not recognised as copies, or if a moved part were
  it('recognises copies: untouched keys, `with`, parts put back in place; not parts moved elsewhere', () => {
    const t = new Tracker(leaves);
    const v = t.view(context) as any;
    const merged = t.merge(v, { list: v.list.with(0, false) });
    const keep = new Uint32Array(1);
    expect(t.copies(merged, keep)).toBe(true);
    const kept = new Set<number>();
    for (let id = 0; id < leaves.count; id++) if (((keep[0]! >>> leaves.shift[id]!) & leaves.mask[id]!) === leaves.mask[id]) kept.add(id);
    const all = [...Array(leaves.count).keys()];
    const item0 = leaves.id((layout as any).fields.list.items[0]);
    expect([...kept].sort()).toEqual(all.filter((id) => id !== item0).sort());
    const t2 = new Tracker(leaves);
    const v2 = t2.view({ ...context, list: [true, true, true] }) as any;
    const moved = t2.merge(v2, { rec: { p: 1, q: v2.rec.q }, list: v2.list });
    expect(t2.copies(moved, new Uint32Array(1))).toBe(true);
    const t3 = new Tracker(leaves);
    const v3 = t3.view(context) as any;
    expect(t3.copies(t3.merge(v3, { rec: v3.list }), new Uint32Array(1))).toBe(false);
  });

  // fails if model code could change a context in place while it is tracked
  it('the tracked view is read-only', () => {
    const v = new Tracker(leaves).view(context) as any;
    expect(() => {
      v.a = 'z';
    }).toThrow(TypeError);
    expect(() => {
      v.list.push(true);
    }).toThrow(TypeError);
  });
});
