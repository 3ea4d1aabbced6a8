/**
 * Liveness over an explored graph (`exploreFast(subject, { graph: true })`), for any subject:
 * - always-possible properties ({@link checkAlwaysPossible}): from every reachable state, a
 *   party can still reach a goal state on its own; decided by backward reachability from the
 *   goal states over the party's edges;
 * - accepting cycles ({@link findStarvation}), like SPIN's non-progress cycles: a reachable
 *   cycle on which a party keeps trying and never succeeds; found with an iterative Tarjan
 *   search for strongly connected components and reported as a lasso (prefix + cycle) that
 *   {@link replayLasso} replays on XState's own `transition()`.
 *
 * Both run in time and memory linear in the graph (no recursion). Under symmetry the graph is
 * the quotient: predicates must then not distinguish states of one orbit, nor events that the
 * symmetry maps to each other (like invariants and goals, see `Symmetry`), and cycles are
 * lifted to real runs.
 * @module
 */
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';
import { defaultDescribe, defaultKey } from '../bfs.ts';
import type { Snap, Trace, TraceStep } from '../types.ts';
import { compileMachine } from './compile.ts';
import type { Config } from './configs.ts';
import type { FastExplorationResult } from './explorer.ts';
import type { StateGraph } from './search.ts';
import { FastSnapshot } from './snapshot.ts';
import { stateCodec, type StateCodec } from './state-codec.ts';
import { equalWords } from './state-set.ts';
import { canonicalisers, symmetryGroups } from './symmetry.ts';
import type { FastSubject } from './types.ts';

/** An always-possible property: from every reachable state, `party` alone can reach a `goal` state. */
export interface AlwaysPossible<M extends AnyStateMachine = AnyStateMachine, E extends EventObject = EventObject> {
  /** Stable ID. */
  readonly id: string;
  /** One-line statement of the property. */
  readonly title: string;
  /** The events the party may send. */
  readonly party: (event: E) => boolean;
  /** The states the party must be able to reach (zero steps allowed). */
  readonly goal: (snapshot: Snap<M>) => boolean;
}

/** The verdict of {@link checkAlwaysPossible}: JSON-serialisable. */
export interface AlwaysPossibleVerdict {
  readonly id: string;
  readonly title: string;
  /** True when the party can reach a goal state from every reachable state. */
  readonly holds: boolean;
  /** Reachable states (stored states, under symmetry) from which the party cannot reach a goal state. */
  readonly stuck: number;
  /** When it fails: the shortest trace to a stuck state (the first in breadth-first order) and that state's description. */
  readonly counterexample?: { readonly trace: Trace; readonly state: unknown };
}

/**
 * A starvation (accepting-cycle) question: is there a reachable cycle on which `trying` events
 * are taken and no state satisfies `success`?
 */
export interface Starvation<M extends AnyStateMachine = AnyStateMachine, E extends EventObject = EventObject> {
  /** Stable ID. */
  readonly id: string;
  /** One-line statement of the property. */
  readonly title: string;
  /** The party's attempts: the cycle takes at least one edge with such an event. */
  readonly trying: (event: E) => boolean;
  /** The states where the party has succeeded: the cycle visits none. */
  readonly success: (snapshot: Snap<M>) => boolean;
  /** Other events the cycle may take besides `trying` ones (default: every event). */
  readonly others?: (event: E) => boolean;
}

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

/** Options of {@link findStarvation}. */
export interface StarvationOptions {
  /**
   * Under symmetry: how many real states the exact lift of a quotient cycle may expand before
   * the greedy lift is used instead (default 20,000; see {@link findStarvation}).
   */
  readonly liftBudget?: number;
}

/** The verdict of {@link findStarvation}: JSON-serialisable. */
export interface StarvationVerdict {
  readonly id: string;
  readonly title: string;
  /** True when a starvation cycle is reachable. */
  readonly found: boolean;
  /** When found: the lasso with the shortest prefix, then the shortest cycle through a trying edge. */
  readonly lasso?: Lasso;
}

/** The graph exploration a check works on. */
interface Explored {
  readonly graph: StateGraph;
  readonly n: number;
  readonly snapshotOf: (id: number) => FastSnapshot;
  readonly traceTo: (id: number) => Trace;
  readonly symmetry: boolean;
}

/** One edge of a cycle: its source state and its index in the graph. */
interface Hop {
  readonly from: number;
  readonly edge: number;
}

/** Edge code bits of {@link findStarvation}. */
const TRYING = 1;
const ALLOWED = 2;

/** Repetitions of a quotient cycle tried before reporting it closed up to symmetry only. */
const MAX_ROUNDS = 10_000;

/** Default {@link StarvationOptions.liftBudget}. */
const LIFT_BUDGET = 20_000;

/** The graph, views and symmetry flag of a graph exploration; throws when the graph was not recorded. */
function explored(result: FastExplorationResult): Explored {
  const { graph, snapshotOf, traceTo } = result;
  if (!graph || !snapshotOf || !traceTo) throw new Error('liveness checks need the explored graph: explore with exploreFast(subject, { graph: true })');
  return { graph, n: graph.offsets.length - 1, snapshotOf, traceTo, symmetry: result.stats.symmetry };
}

/** A code per state (`ofState` on its snapshot) and per edge (`ofEvent` on its event); one snapshot per state. */
function classify(
  subject: FastSubject<any, any>,
  x: Explored,
  ofState: (s: FastSnapshot) => number,
  ofEvent: (e: EventObject) => number,
): { states: Uint8Array; edges: Uint8Array } {
  const { offsets, events } = x.graph;
  const states = new Uint8Array(x.n);
  const edges = new Uint8Array(events.length);
  let list: readonly EventObject[] | undefined;
  let codes = new Uint8Array(0);
  for (let s = 0; s < x.n; s++) {
    const snap = x.snapshotOf(s);
    states[s] = ofState(snap);
    const end = offsets[s + 1]!;
    if (offsets[s] === end) continue;
    const l = subject.events(snap as never) as readonly EventObject[];
    if (l !== list) {
      list = l;
      codes = Uint8Array.from(l, (e) => ofEvent(e));
    }
    for (let e = offsets[s]!; e < end; e++) edges[e] = codes[events[e]!]!;
  }
  return { states, edges };
}

/** Reverse rows of the edges with a nonzero `keep[e]`: the sources of state `t`'s in-edges are `sources[starts[t] .. starts[t + 1] - 1]`. */
function reverseRows(g: StateGraph, n: number, keep: Uint8Array): { starts: Int32Array; sources: Int32Array } {
  const { offsets, targets } = g;
  const starts = new Int32Array(n + 1);
  for (let e = 0; e < targets.length; e++) if (keep[e]) starts[targets[e]! + 1]!++;
  for (let t = 0; t < n; t++) starts[t + 1]! += starts[t]!;
  const fill = starts.slice(0, n);
  const sources = new Int32Array(starts[n]!);
  for (let s = 0; s < n; s++) {
    for (let e = offsets[s]!; e < offsets[s + 1]!; e++) if (keep[e]) sources[fill[targets[e]!]!++] = s;
  }
  return { starts, sources };
}

/** States from which some `goal` state is reachable over the reversed rows (backward breadth-first search). */
function backwardReach(goal: Uint8Array, rev: { starts: Int32Array; sources: Int32Array }): Uint8Array {
  const n = goal.length;
  const ok = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let s = 0; s < n; s++) {
    if (!goal[s]) continue;
    ok[s] = 1;
    queue[tail++] = s;
  }
  for (let head = 0; head < tail; head++) {
    const t = queue[head]!;
    for (let i = rev.starts[t]!; i < rev.starts[t + 1]!; i++) {
      const s = rev.sources[i]!;
      if (ok[s]) continue;
      ok[s] = 1;
      queue[tail++] = s;
    }
  }
  return ok;
}

/** The description of a trace's last state. */
function lastState(trace: Trace): unknown {
  return trace.steps.length ? trace.steps[trace.steps.length - 1]!.state : trace.initial;
}

/**
 * Checks an always-possible property on a graph exploration of `subject`: from every
 * reachable state, a state satisfying `goal` is reachable using only edges whose event
 * satisfies `party` (zero steps allowed). Linear time: backward reachability from the goal
 * states over the party's edges. When it fails, the counterexample is the shortest trace to
 * the first stuck state in breadth-first order, with that state's description.
 */
export function checkAlwaysPossible<M extends AnyStateMachine, E extends EventObject>(
  subject: FastSubject<M, E>,
  result: FastExplorationResult,
  property: AlwaysPossible<M, E>,
): AlwaysPossibleVerdict {
  const x = explored(result);
  const c = classify(
    subject,
    x,
    (s) => (property.goal(s as never) ? 1 : 0),
    (e) => (property.party(e as E) ? 1 : 0),
  );
  const ok = backwardReach(c.states, reverseRows(x.graph, x.n, c.edges));
  let first = -1;
  let stuck = 0;
  for (let s = 0; s < x.n; s++) {
    if (ok[s]) continue;
    stuck++;
    if (first < 0) first = s;
  }
  const { id, title } = property;
  if (first < 0) return { id, title, holds: true, stuck: 0 };
  const trace = x.traceTo(first);
  return { id, title, holds: false, stuck, counterexample: { trace, state: lastState(trace) } };
}

/**
 * Strongly connected components of the graph restricted to edges with the {@link ALLOWED}
 * bit: a component ID per state (iterative Tarjan, explicit call stack).
 */
function components(g: StateGraph, n: number, keep: Uint8Array): Int32Array {
  const { offsets, targets } = g;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let sp = 0;
  let cp = 0;
  let counter = 0;
  let count = 0;
  const visit = (v: number) => {
    index[v] = counter;
    low[v] = counter++;
    stack[sp++] = v;
    callNode[cp] = v;
    callEdge[cp++] = offsets[v]!;
  };
  for (let root = 0; root < n; root++) {
    if (index[root]! >= 0) continue;
    visit(root);
    while (cp > 0) {
      const v = callNode[cp - 1]!;
      const e = callEdge[cp - 1]!;
      if (e < offsets[v + 1]!) {
        callEdge[cp - 1] = e + 1;
        if (!(keep[e]! & ALLOWED)) continue;
        const w = targets[e]!;
        if (index[w]! < 0) visit(w);
        else if (comp[w]! < 0 && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      cp--;
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp]!;
          comp[w] = count;
        } while (w !== v);
        count++;
      }
      if (cp > 0 && low[v]! < low[callNode[cp - 1]!]!) low[callNode[cp - 1]!] = low[v]!;
    }
  }
  return comp;
}

/** The first state (breadth-first order) of a component holding a trying edge between two of its states, or -1. */
function firstStarvingState(g: StateGraph, n: number, comp: Int32Array, codes: Uint8Array): number {
  const { offsets, targets } = g;
  const starving = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    for (let e = offsets[s]!; e < offsets[s + 1]!; e++) if (codes[e]! & TRYING && comp[targets[e]!] === comp[s]) starving[comp[s]!] = 1;
  }
  for (let s = 0; s < n; s++) if (starving[comp[s]!]) return s;
  return -1;
}

/**
 * The shortest cycle from `entry` back to it through a trying edge, inside `entry`'s component:
 * a breadth-first search over pairs (state, a trying edge taken yet) from (`entry`, no) that
 * stops on reaching (`entry`, yes). Ties go to the first edges in row order.
 */
function shortestCycle(g: StateGraph, n: number, comp: Int32Array, codes: Uint8Array, entry: number): Hop[] {
  const { offsets, targets } = g;
  const c = comp[entry]!;
  const seen = new Uint8Array(2 * n);
  const parent = new Int32Array(2 * n);
  const via = new Int32Array(2 * n);
  const queue = new Int32Array(2 * n);
  const goal = 2 * entry + 1;
  let tail = 0;
  seen[2 * entry] = 1;
  queue[tail++] = 2 * entry;
  for (let head = 0; head < tail && !seen[goal]; head++) {
    const p = queue[head]!;
    const s = p >> 1;
    for (let e = offsets[s]!; e < offsets[s + 1]!; e++) {
      const code = codes[e]!;
      const t = targets[e]!;
      if (!(code & ALLOWED) || comp[t] !== c) continue;
      const q = 2 * t + ((p & 1) | (code & TRYING));
      if (seen[q]) continue;
      seen[q] = 1;
      parent[q] = p;
      via[q] = e;
      queue[tail++] = q;
      if (q === goal) break;
    }
  }
  if (!seen[goal]) throw new Error(`internal: no cycle through a trying edge from state ${entry} inside its component`);
  const hops: Hop[] = [];
  for (let q = goal; q !== 2 * entry; q = parent[q]!) hops.push({ from: parent[q]! >> 1, edge: via[q]! });
  return hops.reverse();
}

/**
 * Searches a graph exploration of `subject` for starvation: a reachable cycle that takes at
 * least one edge whose event satisfies `trying`, takes only `trying` or `others` events, and
 * visits no state satisfying `success` (an accepting cycle, like SPIN's non-progress cycles).
 * Strongly connected components of the states where `success` is false are computed by an
 * iterative Tarjan search; a component with a trying edge between two of its states holds
 * such a cycle (a self-loop counts). The lasso has the shortest prefix (a shortest trace to
 * the first such state in breadth-first order), then the shortest cycle from there through a
 * trying edge.
 *
 * Under symmetry the graph's cycle runs through canonical representatives and may close only
 * up to symmetry; it is replayed on real states from the prefix's real end, repeated round
 * after round (at most the group order, capped at 10,000 rounds). First exactly: every real
 * choice of event is followed (breadth-first, within `options.liftBudget` real states) until
 * the prefix's end comes back, which keeps the shortest prefix. Otherwise greedily: at each
 * step the first event whose real successor is the next stored state up to symmetry, until a
 * real state at the start of a round repeats; when that is not the prefix's end, the rounds
 * before it extend the prefix; when none repeats, the lasso says `closesUpToSymmetry`.
 */
export function findStarvation<M extends AnyStateMachine, E extends EventObject>(
  subject: FastSubject<M, E>,
  result: FastExplorationResult,
  spec: Starvation<M, E>,
  options: StarvationOptions = {},
): StarvationVerdict {
  const x = explored(result);
  const code = eventCode(spec);
  const c = classify(subject, x, (s) => (spec.success(s as never) ? 1 : 0), code);
  dropSuccessEdges(x.graph, x.n, c.states, c.edges);
  const comp = components(x.graph, x.n, c.edges);
  const entry = firstStarvingState(x.graph, x.n, comp, c.edges);
  const { id, title } = spec;
  if (entry < 0) return { id, title, found: false };
  const hops = shortestCycle(x.graph, x.n, comp, c.edges, entry);
  const prefix = x.traceTo(entry);
  const fits = (hop: Hop) => (e: EventObject) => code(e) === c.edges[hop.edge];
  const lasso = x.symmetry ? liftCycle(subject, x, prefix, hops, fits, options.liftBudget ?? LIFT_BUDGET) : plainCycle(subject, x, prefix, hops);
  return { id, title, found: true, lasso };
}

/** The edge code of an event: {@link TRYING} and {@link ALLOWED} bits. */
function eventCode<E extends EventObject>(spec: Starvation<any, E>): (e: EventObject) => number {
  const others = spec.others;
  return (e) => (spec.trying(e as E) ? TRYING | ALLOWED : !others || others(e as E) ? ALLOWED : 0);
}

/** Clears the codes of edges leaving or entering a success state. */
function dropSuccessEdges(g: StateGraph, n: number, success: Uint8Array, codes: Uint8Array): void {
  for (let s = 0; s < n; s++) {
    for (let e = g.offsets[s]!; e < g.offsets[s + 1]!; e++) if (success[s] || success[g.targets[e]!]) codes[e] = 0;
  }
}

/** The lasso of a cycle of stored states (no symmetry: stored states are real states). */
function plainCycle(subject: FastSubject<any, any>, x: Explored, prefix: Trace, hops: readonly Hop[]): Lasso {
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
function liftCycle(
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
