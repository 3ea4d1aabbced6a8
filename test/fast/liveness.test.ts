/**
 * Liveness checks (`proofs/fast/liveness.ts`) against brute-force oracles written here, over
 * the reachable graph enumerated with XState's own `transition()`: always-possible by a naive
 * fixpoint, starvation by a search from each trying edge's target back to its source. On the
 * nonce device (shared nonce: the manager can be starved; a nonce per requester: it cannot),
 * the resettable device (reset anywhere: unlocking is always possible; reset only while
 * unlocked: a lock can be permanent), keyslots, random machines, and under symmetry (token,
 * two groups, keyslots). Every reported lasso is replayed with `replayLasso`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, setup, transition, type AnyMachineSnapshot, type EventObject } from 'xstate';
import { keyslotsSubject } from '../../proofs/fast/examples/keyslots.machine.ts';
import { exploreFast } from '../../proofs/fast/explorer.ts';
import { checkAlwaysPossible, findStarvation, replayLasso, type Lasso, type StarvationVerdict } from '../../proofs/fast/liveness.ts';
import type { FastSubject } from '../../proofs/fast/types.ts';
import type { Trace } from '../../proofs/types.ts';
import { initialOf } from './helpers.ts';
import { deviceSubject } from './machines/device.ts';
import { nonceSubject } from './machines/nonce.ts';
import { tokenEvents, tokenSubject } from './machines/token.ts';
import { twoGroupsSubject } from './machines/two-groups.ts';

type Snapshot = AnyMachineSnapshot;
type EventTest = (e: any) => boolean;
type StateTest = (s: any) => boolean;

/** The reachable graph by brute force: states in breadth-first order, their depth, and per state its firing events. */
interface Explicit {
  readonly snaps: Snapshot[];
  readonly depth: number[];
  readonly out: { readonly to: number; readonly event: EventObject }[][];
}

const keyOf = (s: Snapshot) => JSON.stringify([s.value, s.context]);
const describeOf = (s: Snapshot) => ({ value: s.value, context: s.context });

/** Enumerates the reachable graph with XState: an event is an edge when it changes the state or `snapshot.can` accepts it. */
function explicitGraph(subject: FastSubject<any, any>): Explicit {
  const init = initialOf(subject);
  const ids = new Map([[keyOf(init), 0]]);
  const snaps = [init];
  const depth = [0];
  const out: Explicit['out'] = [];
  for (let i = 0; i < snaps.length; i++) {
    const snap = snaps[i]!;
    out.push([]);
    for (const event of subject.events(snap as never) as EventObject[]) {
      const next = transition(subject.machine, snap, event)[0] as Snapshot;
      if (keyOf(next) === keyOf(snap) && !snap.can(event)) continue;
      let id = ids.get(keyOf(next));
      if (id === undefined) {
        id = snaps.length;
        ids.set(keyOf(next), id);
        snaps.push(next);
        depth.push(depth[i]! + 1);
      }
      out[i]!.push({ to: id, event });
    }
  }
  return { snaps, depth, out };
}

/** Always-possible by a naive fixpoint: a state is good when it is a goal or has a party edge to a good state. */
function alwaysOracle(g: Explicit, party: EventTest, goal: StateTest): { stuck: number[] } {
  const good = g.snaps.map((s) => goal(s));
  for (let changed = true; changed; ) {
    changed = false;
    g.snaps.forEach((_, s) => {
      if (good[s] || !g.out[s]!.some((e) => party(e.event) && good[e.to])) return;
      good[s] = true;
      changed = true;
    });
  }
  return { stuck: good.flatMap((ok, s) => (ok ? [] : [s])) };
}

/** States reachable from `from` (itself included) over `edge`s, by an explicit-stack search. */
function reach(g: Explicit, from: number, edge: (s: number, e: { to: number; event: EventObject }) => boolean): Set<number> {
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length) {
    const s = stack.pop()!;
    for (const e of g.out[s]!) {
      if (!edge(s, e) || seen.has(e.to)) continue;
      seen.add(e.to);
      stack.push(e.to);
    }
  }
  return seen;
}

/** Breadth-first distances from `from` over `edge`s. */
function distances(g: Explicit, from: number, edge: (s: number, e: { to: number; event: EventObject }) => boolean): Map<number, number> {
  const dist = new Map([[from, 0]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i]!;
    for (const e of g.out[s]!) {
      if (!edge(s, e) || dist.has(e.to)) continue;
      dist.set(e.to, dist.get(s)! + 1);
      queue.push(e.to);
    }
  }
  return dist;
}

/**
 * Starvation by brute force: a trying edge `u -> v` (between non-success states) lies on a
 * bad cycle when `u` is reachable back from `v`; the lasso's entry is the first state on such a
 * cycle; its cycle length is the shortest `entry -> u -> v -> entry` over those edges.
 */
function starvationOracle(g: Explicit, trying: EventTest, success: StateTest, others: EventTest = () => true): { entry: number; cycle: number } | null {
  const ok = g.snaps.map((s) => !success(s));
  const edge = (s: number, e: { to: number; event: EventObject }) => ok[s]! && ok[e.to]! && (trying(e.event) || others(e.event));
  const reaches = g.snaps.map((_, s) => (ok[s] ? reach(g, s, edge) : new Set<number>()));
  const bad = g.out.flatMap((es, u) => es.filter((e) => edge(u, e) && trying(e.event) && reaches[e.to]!.has(u)).map((e) => [u, e.to] as const));
  if (!bad.length) return null;
  const on = (x: number, [u, v]: readonly [number, number]) => reaches[v]!.has(x) && reaches[x]!.has(u);
  const entry = g.snaps.findIndex((_, x) => bad.some((uv) => on(x, uv)));
  const from = distances(g, entry, edge);
  const lengths = bad.filter((uv) => on(entry, uv)).map(([u, v]) => from.get(u)! + 1 + distances(g, v, edge).get(entry)!);
  return { entry, cycle: Math.min(...lengths) };
}

const lastState = (t: Trace) => (t.steps.length ? t.steps[t.steps.length - 1]!.state : t.initial);

/** Checks an always-possible verdict against the oracle. */
function expectAlways(subject: FastSubject<any, any>, party: EventTest, goal: StateTest): boolean {
  const r = exploreFast(subject, { graph: true });
  const v = checkAlwaysPossible(subject, r, { id: 'AP', title: 'always possible', party, goal });
  const g = explicitGraph(subject);
  const { stuck } = alwaysOracle(g, party, goal);
  expect(v.holds).toBe(stuck.length === 0);
  expect(v.stuck).toBe(stuck.length);
  if (stuck.length) {
    expect(v.counterexample!.trace.steps.length).toBe(g.depth[stuck[0]!]);
    expect(v.counterexample!.state).toEqual(describeOf(g.snaps[stuck[0]!]!));
    expect(lastState(v.counterexample!.trace)).toEqual(v.counterexample!.state);
  } else expect(v.counterexample).toBeUndefined();
  expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  return v.holds;
}

/** Checks a starvation verdict against the oracle and replays its lasso. */
function expectStarvation(subject: FastSubject<any, any>, trying: EventTest, success: StateTest, others?: EventTest): StarvationVerdict {
  const r = exploreFast(subject, { graph: true });
  const v = findStarvation(subject, r, { id: 'ST', title: 'starvation', trying, success, ...(others ? { others } : {}) });
  const g = explicitGraph(subject);
  const want = starvationOracle(g, trying, success, others);
  expect(v.found).toBe(want !== null);
  if (want) {
    const { prefix, cycle } = v.lasso!;
    expect(prefix.steps.length).toBe(g.depth[want.entry]);
    expect(lastState(prefix)).toEqual(describeOf(g.snaps[want.entry]!));
    expect(cycle.length).toBe(want.cycle);
    replayLasso(subject, v.lasso!, { trying, success, ...(others ? { others } : {}) });
  } else expect(v.lasso).toBeUndefined();
  expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  return v;
}

const byManager = (e: { by: string }) => e.by === 'manager';
const served = (s: Snapshot) => s.matches('served');

describe('starvation: the nonce device', () => {
  // fails if the shared-nonce flaw (the attacker's request replaces the manager's nonce) is not reported, or its lasso does not replay
  it('shared nonce (flawed): the manager can be locked out forever', () => {
    const v = expectStarvation(nonceSubject(false), byManager, served);
    expect(v.found).toBe(true);
    const cycle = v.lasso!.cycle.map((s) => s.event);
    expect(cycle).toContainEqual({ type: 'request', by: 'attacker' });
    expect(cycle).toContainEqual({ type: 'command', by: 'manager' });
  });

  // fails if a starvation cycle is reported although every manager command with its own nonce succeeds
  it('a nonce per requester (fixed): the manager cannot be starved', () => {
    expect(expectStarvation(nonceSubject(true), byManager, served).found).toBe(false);
  });

  // fails if `others` does not restrict the cycle: without the attacker's requests the shared nonce is safe
  it('shared nonce, cycle restricted to the manager: no starvation', () => {
    expect(expectStarvation(nonceSubject(false), byManager, served, () => false).found).toBe(false);
  });
});

describe('always possible: the resettable device', () => {
  const owner = (e: { by: string }) => e.by === 'owner';
  const unlocked = (s: Snapshot) => s.matches('unlocked');

  // fails if a state is reported from which the owner could not unlock, although reset works everywhere
  it('reset in every state (fixed): the owner can always unlock', () => {
    expect(expectAlways(deviceSubject(true), owner, unlocked)).toBe(true);
  });

  // fails if the permanent lock (locked with the PIN overwritten, reset refused) is not reported
  it('reset only while unlocked (flawed): some lock is permanent', () => {
    expect(expectAlways(deviceSubject(false), owner, unlocked)).toBe(false);
    const r = exploreFast(deviceSubject(false), { graph: true });
    const v = checkAlwaysPossible(deviceSubject(false), r, { id: 'D', title: 'unlock', party: owner, goal: unlocked });
    expect(v.counterexample!.state).toMatchObject({ value: 'locked', context: { pin: 1 } });
  });

  // fails if the attacker's events are credited to the owner: the attacker alone cannot unlock
  it('the attacker alone cannot unlock a locked device', () => {
    expect(expectAlways(deviceSubject(true), (e) => e.by === 'attacker', unlocked)).toBe(false);
  });
});

describe('keyslots(3)', () => {
  const subject = keyslotsSubject(3);
  // fails if the provision/delete cycle without tampering is missed or not the shortest lasso
  it('starvation: deletes forever without tampering', () => {
    const v = expectStarvation(
      subject,
      (e) => e.type === 'delete',
      (s) => s.context.tampered,
    );
    expect(v.lasso!.cycle.map((s) => s.event.type)).toEqual(['delete', 'provision']);
  });
  // fails if a cycle through a tamper edge is reported: tamper is one-way, so no cycle takes it
  it('starvation: no cycle takes tamper', () => {
    expect(
      expectStarvation(
        subject,
        (e) => e.type === 'tamper',
        () => false,
      ).found,
    ).toBe(false);
  });
  // fails if always-possible disagrees with the fixpoint on a property that holds (logging out) or fails (an empty slot)
  it('always possible: signing out holds, getting an empty slot back fails', () => {
    expect(
      expectAlways(
        subject,
        (e) => e.type !== 'tamper',
        (s) => !s.context.authenticated,
      ),
    ).toBe(true);
    expect(
      expectAlways(
        subject,
        () => true,
        (s) => s.context.slots.includes('empty'),
      ),
    ).toBe(false);
  });
});

/** A one-state machine whose context `at` moves by a table: `go k` from `at` leads to `table[at][k]` (-1: refused). */
function tableSubject(table: readonly (readonly number[])[]): FastSubject<any, any> {
  const machine = setup({
    types: {} as { context: { at: number }; events: { type: 'go'; k: number } },
    guards: { open: ({ context, event }) => table[context.at]![event.k]! >= 0 },
    actions: { move: assign({ at: ({ context, event }) => table[context.at]![event.k]! }) },
  }).createMachine({ id: 'table', context: { at: 0 }, on: { go: { guard: 'open', actions: 'move' } } });
  const events = table[0]!.map((_, k) => ({ type: 'go' as const, k }));
  return { machine, events: () => events, invariants: [] };
}

const EVENTS = 3;
const randomTable = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.record({
    table: fc.array(fc.array(fc.integer({ min: -1, max: n - 1 }), { minLength: EVENTS, maxLength: EVENTS }), { minLength: n, maxLength: n }),
    marked: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    /** Per event: 0 the party's (trying), 1 another allowed event, 2 excluded from cycles. */
    kinds: fc.array(fc.constantFrom(0, 1, 2), { minLength: EVENTS, maxLength: EVENTS }),
  }),
);

describe('random machines', () => {
  // fails if, on some random table (self-loops, unreachable states, excluded events), a verdict, trace length or cycle length differs from the oracles
  it('both checks agree with the oracles', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(randomTable, ({ table, marked, kinds }) => {
        const subject = tableSubject(table);
        const kind = (e: { k: number }) => kinds[e.k]!;
        const mark = (s: Snapshot) => marked[s.context.at]!;
        const holds = expectAlways(subject, (e) => kind(e) === 0, mark);
        const { found } = expectStarvation(
          subject,
          (e) => kind(e) === 0,
          mark,
          (e) => kind(e) === 1,
        );
        seen.add(`holds ${holds}`).add(`found ${found}`);
      }),
      { numRuns: 300 },
    );
    // the generator must exercise both outcomes of both checks
    expect([...seen].sort()).toEqual(['found false', 'found true', 'holds false', 'holds true']);
  });
});

describe('symmetry', () => {
  const anyPass = () => true;
  const never = () => false;

  for (const codec of [true, false]) {
    // fails if a quotient self-loop is reported as a cycle that does not close on real states
    it(`token(3), ${codec ? 'packed' : 'interned'}: the quotient self-loop is lifted to a real 2-step cycle`, () => {
      const subject = tokenSubject(3, { codec });
      const v = findStarvation(subject, exploreFast(subject, { graph: true }), { id: 'T', title: 'token', trying: anyPass, success: never });
      expect(v.lasso!.prefix.steps).toHaveLength(0);
      expect(v.lasso!.cycle.map((s) => s.event)).toEqual([
        { type: 'pass', from: 0, to: 1 },
        { type: 'pass', from: 1, to: 0 },
      ]);
      expect(v.lasso!.closesUpToSymmetry).toBeUndefined();
      replayLasso(subject, v.lasso!, { trying: anyPass, success: never });
    });

    // events ordered so that the greedy lift (first fitting event) goes 0 -> 1 -> 2 -> 1 and never back to 0
    const order = [
      [0, 1],
      [1, 2],
      [2, 1],
      [0, 2],
      [1, 0],
      [2, 0],
    ].map(([from, to]) => ({ type: 'pass' as const, from: from!, to: to! }));
    const starve = (budget?: number) => {
      const subject = tokenSubject(3, { codec, events: order });
      const spec = { id: 'T', title: 'token', trying: anyPass, success: never };
      const v = findStarvation(subject, exploreFast(subject, { graph: true }), spec, budget === undefined ? {} : { liftBudget: budget });
      replayLasso(subject, v.lasso!, { trying: anyPass, success: never });
      return v.lasso!;
    };

    // fails if the exact lift does not keep the shortest prefix and close the cycle on the prefix's end
    it(`token(3), ${codec ? 'packed' : 'interned'}, events reordered: the exact lift keeps the empty prefix`, () => {
      expect(new Set(order.map((e) => JSON.stringify(e)))).toEqual(new Set(tokenEvents(3).map((e) => JSON.stringify(e))));
      const lasso = starve();
      expect(lasso.prefix.steps).toHaveLength(0);
      expect(lasso.cycle.map((s) => s.event)).toEqual([
        { type: 'pass', from: 0, to: 1 },
        { type: 'pass', from: 1, to: 0 },
      ]);
    });

    // fails if the greedy fallback (no budget for the exact lift) does not move the lead-in 0 -> 1 into the prefix and close 1 -> 2 -> 1
    it(`token(3), ${codec ? 'packed' : 'interned'}, events reordered, greedy lift: the prefix takes the lead-in`, () => {
      const lasso = starve(0);
      expect(lasso.prefix.steps.map((s) => s.event)).toEqual([{ type: 'pass', from: 0, to: 1 }]);
      expect(lasso.cycle.map((s) => s.event)).toEqual([
        { type: 'pass', from: 1, to: 2 },
        { type: 'pass', from: 2, to: 1 },
      ]);
      expect(lasso.closesUpToSymmetry).toBeUndefined();
    });
  }

  const symmetric: [string, (symmetry: boolean) => FastSubject<any, any>, EventTest, StateTest][] = [
    ['keyslots(3)', (symmetry) => keyslotsSubject(3, { symmetry }), (e) => e.type === 'delete', (s) => s.context.tampered],
    [
      'two groups (2, 2)',
      (symmetry) => twoGroupsSubject(2, 2, { symmetry }),
      (e) => e.type === 'delete',
      (s) => s.context.slots.every((x: string) => x === 'deleted'),
    ],
    ['two groups (2, 2), provisioning forever', (symmetry) => twoGroupsSubject(2, 2, { symmetry }), (e) => e.type === 'provision', () => false],
  ];
  for (const [name, make, trying, success] of symmetric) {
    // fails if the reduced search disagrees with the full one, loses the shortest prefix, or its lasso is not a real run that closes
    it(`${name}: starvation found with and without reduction, the reduced lasso replays`, () => {
      const full = expectStarvation(make(false), trying, success);
      const reduced = make(true);
      const r = exploreFast(reduced, { graph: true });
      expect(r.stats.symmetry).toBe(true);
      const v = findStarvation(reduced, r, { id: 'ST', title: 'starvation', trying, success });
      expect(v.found).toBe(full.found);
      expect(v.lasso!.prefix.steps.length).toBe(full.lasso!.prefix.steps.length);
      expect(v.lasso!.cycle.length).toBeGreaterThanOrEqual(full.lasso!.cycle.length);
      replayLasso(reduced, v.lasso!, { trying, success });
    });
  }

  // fails if always-possible under reduction gives another verdict or another shortest counterexample length
  it('two groups (2, 2): always-possible verdicts and counterexample lengths agree with and without reduction', () => {
    const props: [EventTest, StateTest][] = [
      [(e) => e.type === 'signIn', (s) => s.context.managers.includes('signedIn')],
      [() => true, (s) => s.context.slots.includes('empty')],
      [(e) => e.type !== 'signOut', (s) => s.context.counters.every((c: number) => c === 0)],
    ];
    for (const [party, goal] of props) {
      const full = twoGroupsSubject(2, 2, { symmetry: false });
      const holds = expectAlways(full, party, goal);
      const reduced = twoGroupsSubject(2, 2);
      const v = checkAlwaysPossible(reduced, exploreFast(reduced, { graph: true }), { id: 'AP', title: 'ap', party, goal });
      const w = checkAlwaysPossible(full, exploreFast(full, { graph: true }), { id: 'AP', title: 'ap', party, goal });
      expect(v.holds).toBe(holds);
      expect(v.counterexample?.trace.steps.length).toBe(w.counterexample?.trace.steps.length);
    }
  });
});

describe('replayLasso', () => {
  const subject = nonceSubject(false);
  const lasso = (): Lasso => findStarvation(subject, exploreFast(subject, { graph: true }), { id: 'N', title: 'n', trying: byManager, success: served }).lasso!;

  // fails if a cycle that does not come back to its first state is accepted
  it('rejects a cycle that does not close', () => {
    const l = lasso();
    expect(() => replayLasso(subject, { ...l, cycle: l.cycle.slice(0, -1) })).toThrow(/ends in a state other than its first/);
  });

  // fails if an event the subject does not offer, or a wrong recorded state, is accepted
  it('rejects an unoffered event and a wrong state', () => {
    const l = lasso();
    const step = l.cycle[0]!;
    expect(() => replayLasso(subject, { ...l, cycle: [{ ...step, event: { type: 'forge', by: 'attacker' } as EventObject }, ...l.cycle.slice(1)] })).toThrow(
      /not offered/,
    );
    expect(() => replayLasso(subject, { ...l, cycle: [{ ...step, state: { value: 'served', context: {} } }, ...l.cycle.slice(1)] })).toThrow(/differs/);
    expect(() => replayLasso(subject, { ...l, cycle: [] })).toThrow(/empty/);
  });

  // fails if an event that does not fire (a command while idle) is accepted as a step
  it('rejects a step whose event does not fire', () => {
    const idle = { value: 'idle', context: { next: 0, nonces: [null], held: null } };
    expect(() =>
      replayLasso(subject, { prefix: { initial: idle, steps: [] }, cycle: [{ event: { type: 'command', by: 'manager' } as EventObject, state: idle }] }),
    ).toThrow(/does not fire/);
  });

  // fails if the expectations are not checked: the flawed nonce lasso visits no served state but takes manager events
  it('checks a lasso against a starvation question', () => {
    const l = lasso();
    expect(() => replayLasso(subject, l, { trying: (e) => e.type === 'done', success: served })).toThrow(/no step is a trying event/);
    expect(() => replayLasso(subject, l, { trying: byManager, success: (s) => s.matches('idle') })).toThrow(/satisfies success/);
    expect(() => replayLasso(subject, l, { trying: byManager, others: byManager, success: served })).toThrow(/neither trying nor allowed/);
  });

  // fails if a cycle closing only up to symmetry is accepted without the flag, or refused with it
  it('closes up to symmetry only when the lasso says so', () => {
    const token = tokenSubject(3);
    const start = { value: {}, context: { places: [true, false, false] } };
    const half: Lasso = {
      prefix: { initial: start, steps: [] },
      cycle: [{ event: { type: 'pass', from: 0, to: 1 } as EventObject, state: { value: {}, context: { places: [false, true, false] } } }],
    };
    expect(() => replayLasso(token, half)).toThrow(/ends in a state other than its first/);
    expect(() => replayLasso(token, { ...half, closesUpToSymmetry: true })).not.toThrow();
    expect(() => replayLasso(tokenSubject(3, { symmetry: false }), { ...half, closesUpToSymmetry: true })).toThrow(/declares none/);
  });
});

describe('graph required', () => {
  // fails if a check runs silently on an exploration that did not record its graph
  it('both checks throw on an exploration without { graph: true }', () => {
    const subject = deviceSubject(true);
    const r = exploreFast(subject);
    expect(() => checkAlwaysPossible(subject, r, { id: 'A', title: 'a', party: () => true, goal: () => true })).toThrow(/graph: true/);
    expect(() => findStarvation(subject, r, { id: 'S', title: 's', trying: () => true, success: () => false })).toThrow(/graph: true/);
  });
});
