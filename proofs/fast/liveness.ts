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
import type { AnyStateMachine, EventObject } from 'xstate';
import type { Snap, Trace } from '../types.ts';
import type { FastExplorationResult } from './explorer.ts';
import type { StateGraph } from './search.ts';
import type { FastSnapshot } from './snapshot.ts';
import type { FastSubject } from './types.ts';
import { type Explored, type Hop, type Lasso, liftCycle, plainCycle } from './lasso.ts';
import { ALLOWED, TRYING, backwardReach, components, firstStarvingState, reverseRows, shortestCycle } from './scc.ts';

export { replayLasso, type Lasso, type LassoExpectation } from './lasso.ts';

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

/** Default {@link StarvationOptions.liftBudget}. */
const LIFT_BUDGET = 20_000;

/** The graph, views and symmetry flag of a graph exploration; throws when the graph was not recorded. */
function explored(result: FastExplorationResult): Explored {
  const { graph, snapshotOf, traceTo, codesOf, eventsAt } = result;
  if (!graph || !snapshotOf || !traceTo) throw new Error('liveness checks need the explored graph: explore with exploreFast(subject, { graph: true })');
  return {
    graph,
    n: graph.offsets.length - 1,
    snapshotOf,
    traceTo,
    symmetry: result.stats.symmetry,
    ...(codesOf ? { codesOf } : {}),
    ...(eventsAt ? { eventsAt } : {}),
  };
}

/**
 * A code per state (`ofState` on its snapshot) and per edge (`ofEvent` on its event). Where the
 * explorer offers it, states are classified and their event lists found on the stored rows
 * (learned, see `FastExplorationResult.codesOf`); otherwise one snapshot is decoded per state.
 */
function classify(
  subject: FastSubject<any, any>,
  x: Explored,
  ofState: (s: FastSnapshot) => number,
  ofEvent: (e: EventObject) => number,
): { states: Uint8Array; edges: Uint8Array } {
  const { offsets, events } = x.graph;
  const learned = x.codesOf !== undefined && x.eventsAt !== undefined;
  const states = learned ? x.codesOf!(ofState) : new Uint8Array(x.n);
  const edges = new Uint8Array(events.length);
  let list: readonly EventObject[] | undefined;
  let codes = new Uint8Array(0);
  for (let s = 0; s < x.n; s++) {
    const snap = learned ? undefined : x.snapshotOf(s);
    if (snap) states[s] = ofState(snap);
    const end = offsets[s + 1]!;
    if (offsets[s] === end) continue;
    const l = snap ? (subject.events(snap as never) as readonly EventObject[]) : x.eventsAt!(s);
    if (l !== list) {
      list = l;
      codes = Uint8Array.from(l, (e) => ofEvent(e));
    }
    for (let e = offsets[s]!; e < end; e++) edges[e] = codes[events[e]!]!;
  }
  return { states, edges };
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
