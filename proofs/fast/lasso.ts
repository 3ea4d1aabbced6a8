/**
 * Lassos of the liveness checks (`liveness.ts`): a run to a state and a cycle back to it. Under
 * symmetry the explored graph is the quotient, so a cycle found there is lifted to real states
 * ({@link liftCycle}); {@link replayLasso} replays any lasso on XState's own `transition()`.
 * @module
 */
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';
import { defaultDescribe, defaultKey } from '../bfs.ts';
import type { Snap, Trace, TraceStep } from '../types.ts';
import { compileMachine } from './compile.ts';
import type { Config } from './configs.ts';
import type { StateGraph } from './search.ts';
import { FastSnapshot } from './snapshot.ts';
import { stateCodec, type StateCodec } from './state-codec.ts';
import { equalWords } from './state-set.ts';
import { canonicalisers, symmetryGroups } from './symmetry.ts';
import type { FastSubject } from './types.ts';

/** A lasso: a run to a state, then a cycle from that state back to it. JSON-serialisable. */
export interface Lasso {
  /** A real run from the initial state to the cycle's first state. */
  readonly prefix: Trace;
  /** Steps from the prefix's last state around the cycle back to it (at least one). */
  readonly cycle: readonly TraceStep[];
  /**
   * True when, under symmetry, the cycle could not be closed on real states within the
   * repetition limit: it then ends in a state symmetric to its first one (not equal to it).
   */
  readonly closesUpToSymmetry?: boolean;
}

/** The graph exploration a check works on. */
export interface Explored {
  readonly graph: StateGraph;
  readonly n: number;
  readonly snapshotOf: (id: number) => FastSnapshot;
  readonly traceTo: (id: number) => Trace;
  readonly symmetry: boolean;
  /** `ofState` of every state without decoding each (see `FastExplorationResult.codesOf`), where the explorer offers it. */
  readonly codesOf?: (ofState: (snapshot: FastSnapshot) => number) => Uint8Array;
  /** The subject's event list at a state without decoding it, where the explorer offers it. */
  readonly eventsAt?: (id: number) => readonly EventObject[];
}

/** One edge of a cycle: its source state and its index in the graph. */
export interface Hop {
  readonly from: number;
  readonly edge: number;
}

/** Repetitions of a quotient cycle tried before reporting it closed up to symmetry only. */
export const MAX_ROUNDS = 10_000;

/** The lasso of a cycle of stored states (no symmetry: stored states are real states). */
export function plainCycle(subject: FastSubject<any, any>, x: Explored, prefix: Trace, hops: readonly Hop[]): Lasso {
  const describe = subject.describe ?? defaultDescribe;
  const cycle = hops.map(({ from, edge }) => ({
    event: (subject.events(x.snapshotOf(from) as never) as readonly EventObject[])[x.graph.events[edge]!]!,
    state: describe(x.snapshotOf(x.graph.targets[edge]!) as never),
  }));
  return { prefix, cycle };
}

/** A real state during a lift. */
interface RealState {
  readonly config: Config;
  readonly context: unknown;
}

/** What lifting a quotient cycle needs: the compiled machine, a canonicalising codec and scratch rows. */
interface Lifter {
  readonly subject: FastSubject<any, any>;
  readonly x: Explored;
  readonly cm: ReturnType<typeof compileMachine>;
  readonly codec: StateCodec;
  readonly here: Uint32Array;
  readonly want: Uint32Array;
  readonly got: Uint32Array;
}

/** A real state reached by {@link exactLift}: the index of its predecessor in the previous layer, and the event taken. */
interface LiftNode {
  readonly state: RealState;
  readonly back: number;
  readonly event: EventObject | null;
}

/**
 * The lasso of a quotient cycle, on real states. The prefix's real end is rebuilt; then the
 * cycle is lifted exactly if possible ({@link exactLift}: the prefix is kept and the cycle
 * closes on the prefix's end after the fewest rounds), otherwise greedily ({@link greedyLift}).
 */
export function liftCycle(
  subject: FastSubject<any, any>,
  x: Explored,
  prefix: Trace,
  hops: readonly Hop[],
  fits: (hop: Hop) => (e: EventObject) => boolean,
  budget: number,
): Lasso {
  const cm = compileMachine(subject.machine);
  const codec = stateCodec(subject.machine, cm.configs, canonicalisers(subject.symmetry, subject.codec), subject.codec, subject.key);
  const W = codec.words;
  const l: Lifter = { subject, x, cm, codec, here: new Uint32Array(W), want: new Uint32Array(W), got: new Uint32Array(W) };
  const start = prefixEnd(l, prefix);
  const rounds = Math.min(groupOrder(subject, start.context), MAX_ROUNDS);
  const cycle = exactLift(l, start, hops, fits, rounds, budget);
  return cycle ? { prefix, cycle } : greedyLift(l, prefix, start, hops, fits, rounds);
}

/**
 * Lifts the cycle breadth-first over every real choice (states deduplicated per step), round
 * after round, until the prefix's real end comes back at the end of a round; null when no
 * round up to `rounds` closes or when more than `budget` real states would be expanded.
 */
function exactLift(
  l: Lifter,
  start: RealState,
  hops: readonly Hop[],
  fits: (hop: Hop) => (e: EventObject) => boolean,
  rounds: number,
  budget: number,
): TraceStep[] | null {
  const home = realKey(start);
  const layers: LiftNode[][] = [[{ state: start, back: -1, event: null }]];
  let work = 0;
  for (let round = 1; round <= rounds; round++) {
    for (const hop of hops) {
      const layer = layers[layers.length - 1]!;
      work += layer.length;
      if (work > budget) return null;
      const next = new Map<string, LiftNode>();
      layer.forEach((node, back) => {
        for (const { event, next: state } of liftMoves(l, node.state, hop, fits(hop), true)) {
          const k = realKey(state);
          if (!next.has(k)) next.set(k, { state, back, event });
        }
      });
      if (!next.size) throw new Error(NOT_SYMMETRIC);
      layers.push([...next.values()]);
    }
    const hit = layers[layers.length - 1]!.findIndex((node) => realKey(node.state) === home);
    if (hit >= 0) return liftPath(l, layers, hit);
  }
  return null;
}

/** The steps to node `at` of the last layer, back through the layers. */
function liftPath(l: Lifter, layers: readonly (readonly LiftNode[])[], at: number): TraceStep[] {
  const steps: TraceStep[] = [];
  for (let k = layers.length - 1; k > 0; k--) {
    const node = layers[k]![at]!;
    steps.push({ event: node.event!, state: describeReal(l, node.state) });
    at = node.back;
  }
  return steps.reverse();
}

/**
 * Lifts the cycle greedily (at each step the first fitting event) round after round until a
 * real state at the start of a round repeats: the rounds before it extend the prefix. Without
 * a repeat within `rounds`, the first round is returned as closing only up to symmetry.
 */
function greedyLift(l: Lifter, prefix: Trace, start: RealState, hops: readonly Hop[], fits: (hop: Hop) => (e: EventObject) => boolean, rounds: number): Lasso {
  let real = start;
  const seen = new Map<string, number>([[realKey(real), 0]]);
  const done: TraceStep[][] = [];
  for (let round = 1; round <= rounds; round++) {
    const steps: TraceStep[] = [];
    for (const hop of hops) {
      const [move] = liftMoves(l, real, hop, fits(hop), false);
      if (!move) throw new Error(NOT_SYMMETRIC);
      real = move.next;
      steps.push({ event: move.event, state: describeReal(l, real) });
    }
    done.push(steps);
    const j = seen.get(realKey(real));
    if (j !== undefined) return { prefix: { initial: prefix.initial, steps: [...prefix.steps, ...done.slice(0, j).flat()] }, cycle: done.slice(j).flat() };
    seen.set(realKey(real), round);
  }
  return { prefix, cycle: done[0]!, closesUpToSymmetry: true };
}

const NOT_SYMMETRIC = 'a starvation cycle cannot be replayed on real states: the declared symmetry, `trying` or `others` does not commute with the machine';

/** The description of a real state, as traces record it. */
function describeReal(l: Lifter, s: RealState): unknown {
  return (l.subject.describe ?? defaultDescribe)(new FastSnapshot(l.cm.machine, s.config, s.context) as never);
}

/** The real state a trace ends in, replayed on the compiled machine from the initial state. */
function prefixEnd(l: Lifter, prefix: Trace): RealState {
  const [init] = initialTransition(l.subject.machine, l.subject.input as never);
  let config = l.cm.configs.ofValue(init.value);
  let context: unknown = init.context;
  for (const { event } of prefix.steps) {
    l.cm.step(config, context, event, l.cm.typeId(event.type));
    config = l.cm.outConfig;
    context = l.cm.outContext;
  }
  return { config, context };
}

/**
 * The moves of one lifted step (all of them, or only the first): the events offered in
 * `real`, accepted by `fits`, that are edges (as the explorer records them) to the hop's
 * target state up to symmetry, with their real successors.
 */
function liftMoves(l: Lifter, real: RealState, hop: Hop, fits: (e: EventObject) => boolean, all: boolean): { event: EventObject; next: RealState }[] {
  const { cm, codec, here, want, got } = l;
  const W = codec.words;
  const target = l.x.snapshotOf(l.x.graph.targets[hop.edge]!);
  codec.encode(cm.configs.ofValue(target.value), target.context, want, 0);
  codec.encode(real.config, real.context, here, 0);
  const offered = l.subject.events(new FastSnapshot(cm.machine, real.config, real.context) as never) as readonly EventObject[];
  const moves: { event: EventObject; next: RealState }[] = [];
  for (const event of offered) {
    if (!fits(event) || !cm.step(real.config, real.context, event, cm.typeId(event.type))) continue;
    const next = { config: cm.outConfig, context: cm.outContext };
    const acts = cm.outActs;
    codec.encode(next.config, next.context, got, 0);
    if (!equalWords(got, 0, want, 0, W) || (!acts && equalWords(got, 0, here, 0, W))) continue;
    moves.push({ event, next });
    if (!all) break;
  }
  return moves;
}

/** Identity of a real state: state value and context as JSON. */
function realKey(s: RealState): string {
  return JSON.stringify([s.config.value, s.context]);
}

/** The order of the subject's symmetry group in a context (infinite, i.e. unknown, with a custom `canonicalize`). */
function groupOrder(subject: FastSubject<any, any>, context: unknown): number {
  if (!subject.symmetry || subject.symmetry.canonicalize) return Number.POSITIVE_INFINITY;
  let order = 1;
  for (const group of symmetryGroups(subject.symmetry)) {
    const items = (context as Record<string, unknown[]>)[group[0]!]?.length ?? 0;
    for (let k = 2; k <= items; k++) order *= k;
  }
  return order;
}

/** Optional expectations checked by {@link replayLasso} on the cycle. */
export interface LassoExpectation<M extends AnyStateMachine = AnyStateMachine, E extends EventObject = EventObject> {
  /** Some cycle step's event must satisfy it. */
  readonly trying?: (event: E) => boolean;
  /** Every cycle step's event must satisfy `trying` or this. */
  readonly others?: (event: E) => boolean;
  /** No state on the cycle may satisfy it. */
  readonly success?: (snapshot: Snap<M>) => boolean;
}

/**
 * Replays a lasso on XState's own `transition()` from the subject's initial state, and throws
 * unless: the initial state matches; every step's event is one `subject.events` offers in the
 * state it is sent in (compared as JSON), fires (changes the state or `snapshot.can` accepts
 * it) and leads to the recorded state (compared as JSON, through `subject.describe`); the
 * cycle is not empty and ends where it started (by `subject.key`, default value + context;
 * only up to the declared symmetry when the lasso says `closesUpToSymmetry`). With
 * `expect`, also checks the cycle against a starvation question. Returns the real snapshot
 * at the cycle's start.
 */
export function replayLasso<M extends AnyStateMachine, E extends EventObject>(
  subject: FastSubject<M, E>,
  lasso: Lasso,
  expect: LassoExpectation<M, E> = {},
): AnyMachineSnapshot {
  const describe = (subject.describe ?? defaultDescribe) as (s: AnyMachineSnapshot) => unknown;
  const init = initialTransition(subject.machine as AnyStateMachine, subject.input as never)[0] as AnyMachineSnapshot;
  if (JSON.stringify(describe(init)) !== JSON.stringify(lasso.prefix.initial)) throw new Error('lasso prefix: the initial state differs');
  const start = replaySteps(subject, init, lasso.prefix.steps, 'prefix', () => {});
  if (!lasso.cycle.length) throw new Error('lasso: the cycle is empty');
  let tried = false;
  const end = replaySteps(subject, start, lasso.cycle, 'cycle', (event, after, i) => {
    tried ||= expect.trying?.(event as E) === true;
    if (expect.trying && expect.others && !expect.trying(event as E) && !expect.others(event as E)) {
      throw new Error(`lasso cycle step ${i}: event ${JSON.stringify(event)} is neither trying nor allowed`);
    }
    if (expect.success?.(after as never)) throw new Error(`lasso cycle step ${i}: the state satisfies success`);
  });
  if (expect.trying && !tried) throw new Error('lasso cycle: no step is a trying event');
  const key = closureKey(subject, lasso.closesUpToSymmetry === true);
  if (key(end) !== key(start)) throw new Error(`lasso cycle: ends in a state other than its first${lasso.closesUpToSymmetry ? ' (up to symmetry)' : ''}`);
  return start;
}

/** Replays `steps` from `snap` (see {@link replayLasso}), calling `each` after every step; returns the last snapshot. */
function replaySteps(
  subject: FastSubject<any, any>,
  snap: AnyMachineSnapshot,
  steps: readonly TraceStep[],
  part: string,
  each: (event: EventObject, after: AnyMachineSnapshot, i: number) => void,
): AnyMachineSnapshot {
  const describe = (subject.describe ?? defaultDescribe) as (s: AnyMachineSnapshot) => unknown;
  steps.forEach((step, i) => {
    const event = JSON.stringify(step.event);
    const offered = (subject.events(snap as never) as readonly EventObject[]).some((e) => JSON.stringify(e) === event);
    if (!offered) throw new Error(`lasso ${part} step ${i}: event ${event} is not offered`);
    const next = transition(subject.machine as AnyStateMachine, snap, step.event)[0] as AnyMachineSnapshot;
    if (defaultKey(next) === defaultKey(snap) && !snap.can(step.event)) throw new Error(`lasso ${part} step ${i}: event ${event} does not fire`);
    if (JSON.stringify(describe(next)) !== JSON.stringify(step.state)) throw new Error(`lasso ${part} step ${i}: the state differs from the recorded one`);
    each(step.event, next, i);
    snap = next;
  });
  return snap;
}

/** How the end of a cycle is compared with its start: the subject's key, or value + canonical context. */
function closureKey(subject: FastSubject<any, any>, upToSymmetry: boolean): (s: AnyMachineSnapshot) => string {
  if (!upToSymmetry) return (s) => (subject.key ?? defaultKey)(s as never);
  const canon = canonicalisers(subject.symmetry, undefined).context;
  if (!canon) throw new Error('lasso: closes up to symmetry, but the subject declares none');
  return (s) => JSON.stringify([s.value, canon(s.context)]);
}
