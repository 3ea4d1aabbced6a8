/**
 * Types shared by every explorer: what is explored (a subject), what is checked (properties)
 * and what comes back (results and replayable traces). Any XState v5 machine can be a subject.
 * @module
 */
import type { AnyStateMachine, EventObject, SnapshotFrom } from 'xstate';

/** A snapshot of the machine being explored. */
export type Snap<M extends AnyStateMachine = AnyStateMachine> = SnapshotFrom<M>;

/**
 * A named predicate over snapshots. As an invariant it must hold in every reachable state;
 * as a goal, reaching a state where it holds is what an attack achieves.
 */
export interface Property<M extends AnyStateMachine = AnyStateMachine> {
  /** Stable ID, e.g. `INV-NO-KEY-EXPORT` or `T1`. */
  readonly id: string;
  /** One-line statement of the property. */
  readonly title: string;
  /** True when the property holds in `s`. */
  readonly holds: (s: Snap<M>) => boolean;
}

/** Everything an explorer needs: a machine, its input, its events and what to check. */
export interface Subject<M extends AnyStateMachine = AnyStateMachine, E extends EventObject = EventObject> {
  /** The machine; explored machines must not use `invoke`, `after` or non-deterministic actions. */
  readonly machine: M;
  /** Input given to the initial transition. */
  readonly input?: unknown;
  /** Events to try in a snapshot (payloads included: bare `{ type }` would fail guards). */
  readonly events: (s: Snap<M>) => readonly E[];
  /** Compact key identifying a state; equal keys mean equal states. Default: value + context as JSON. */
  readonly key?: (s: Snap<M>) => string;
  /** What a trace records of the state after each step. Default: `{ value, context }`. */
  readonly describe?: (s: Snap<M>) => unknown;
  /** Must hold in every reachable state. */
  readonly invariants: readonly Property<M>[];
  /** Reachability targets (e.g. threat goals). */
  readonly goals?: readonly Property<M>[];
}

/** One step of a trace: the event sent and the state after it. */
export interface TraceStep {
  readonly event: EventObject;
  readonly state: unknown;
}

/** A replayable path from the initial state: JSON-serialisable. */
export interface Trace {
  readonly initial: unknown;
  readonly steps: readonly TraceStep[];
}

/** What an exploration returns. */
export interface ExplorationResult {
  /** Reachable states visited. */
  readonly states: number;
  /** Transitions taken that changed the state (self-loops not counted). */
  readonly transitions: number;
  /** Wall-clock milliseconds. */
  readonly ms: number;
  /** Per invariant ID: the shortest trace to a violating state, or null if it holds everywhere. */
  readonly violations: Readonly<Record<string, Trace | null>>;
  /** Per goal ID: the shortest trace to a state where the goal holds, or null if unreachable. */
  readonly reached: Readonly<Record<string, Trace | null>>;
}

/** The one function signature every explorer implements, so the checker can be swapped. */
export type Explorer = <M extends AnyStateMachine>(subject: Subject<M, any>, options?: ExploreOptions) => ExplorationResult;

/** Options common to explorers. */
export interface ExploreOptions {
  /** Stop with an error beyond this many states (default 5,000,000). */
  readonly maxStates?: number;
}
