/**
 * Breadth-first explorer over XState's transition function (see `step.ts`): visits every reachable state once,
 * checks every invariant and goal in every state, and keeps parent links so the first (hence
 * shortest) violating state of each property yields a shortest trace.
 * @module
 */
import { initialTransition, type AnyStateMachine } from 'xstate';
import { makeStepper } from './step.ts';
import type { ExplorationResult, ExploreOptions, Snap, Subject, Trace } from './types.ts';

/** Default state key: the state value and context, as JSON. */
export function defaultKey(s: Snap): string {
  return JSON.stringify([s.value, s.context]);
}

/** Default trace description of a state. */
export function defaultDescribe(s: Snap): unknown {
  return { value: s.value, context: s.context };
}

/** Explores every reachable state of `subject` breadth-first. */
export function exploreBfs<M extends AnyStateMachine>(subject: Subject<M, any>, options: ExploreOptions = {}): ExplorationResult {
  const t0 = performance.now();
  const maxStates = options.maxStates ?? 5_000_000;
  const key = subject.key ?? defaultKey;
  const [init] = initialTransition(subject.machine, subject.input as never);
  const snaps: Snap<M>[] = [init as Snap<M>];
  const parent: number[] = [-1];
  const via: unknown[] = [null];
  const index = new Map<string, number>([[key(init as Snap<M>), 0]]);
  const goals = subject.goals ?? [];
  const step = makeStepper(subject.machine, subject.input);
  const violated = new Map<string, number>();
  const reached = new Map<string, number>();
  let transitions = 0;
  for (let i = 0; i < snaps.length; i++) {
    const s = snaps[i]!;
    for (const inv of subject.invariants) if (!violated.has(inv.id) && !inv.holds(s)) violated.set(inv.id, i);
    for (const g of goals) if (!reached.has(g.id) && g.holds(s)) reached.set(g.id, i);
    for (const e of subject.events(s)) {
      const n = step(s, e);
      if (n === null) continue;
      const k = key(n as Snap<M>);
      const seen = index.get(k);
      if (seen === i) continue;
      transitions++;
      if (seen !== undefined) continue;
      if (snaps.length >= maxStates) throw new Error(`state limit ${maxStates} exceeded`);
      index.set(k, snaps.length);
      snaps.push(n as Snap<M>);
      parent.push(i);
      via.push(e);
    }
  }
  const describe = subject.describe ?? defaultDescribe;
  const traceTo = (target: number): Trace => {
    const path: number[] = [];
    for (let j = target; j > 0; j = parent[j]!) path.push(j);
    path.reverse();
    return {
      initial: describe(snaps[0]!),
      steps: path.map((j) => ({ event: via[j] as never, state: describe(snaps[j]!) })),
    };
  };
  const out = (ids: readonly { id: string }[], found: Map<string, number>) =>
    Object.fromEntries(ids.map((p) => [p.id, found.has(p.id) ? traceTo(found.get(p.id)!) : null]));
  return {
    states: snaps.length,
    transitions,
    ms: performance.now() - t0,
    violations: out(subject.invariants, violated),
    reached: out(goals, reached),
  };
}
