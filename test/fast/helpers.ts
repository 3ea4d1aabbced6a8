/**
 * Helpers shared by the fast-explorer tests: one step of the compiled machine from an XState
 * snapshot, trace replay through XState's own `transition()`, and result comparison.
 * @module
 */
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';
import { compileMachine } from '../../proofs/fast/index.ts';
import type { ExplorationResult, Subject, Trace } from '../../proofs/types.ts';

/** The successor (value, context) the compiled machine computes for `event` from `snap`, as JSON. */
export function fastSuccessor(machine: AnyStateMachine, snap: AnyMachineSnapshot, event: EventObject): string {
  const cm = compileMachine(machine);
  const config = cm.configs.ofValue(snap.value);
  if (!cm.step(config, snap.context, event, cm.typeId(event.type))) return JSON.stringify([snap.value, snap.context]);
  return JSON.stringify([cm.outConfig.value, cm.outContext]);
}

/** XState's successor for `event` from `snap`, as JSON. */
export function xstateSuccessor(machine: AnyStateMachine, snap: AnyMachineSnapshot, event: EventObject): string {
  const [next] = transition(machine, snap, event);
  return JSON.stringify([next.value, next.context]);
}

/** The initial snapshot of a subject. */
export function initialOf(subject: Subject<any, any>): AnyMachineSnapshot {
  return initialTransition(subject.machine as AnyStateMachine, subject.input as never)[0] as AnyMachineSnapshot;
}

/**
 * Replays `trace` with XState from the subject's initial state: every event must be one the
 * subject offers in that state and lead to the recorded `{ value, context }`. Returns the last snapshot.
 */
export function replay(subject: Subject<any, any>, trace: Trace): AnyMachineSnapshot {
  let snap = initialOf(subject);
  const same = (s: AnyMachineSnapshot, d: unknown) => JSON.stringify({ value: s.value, context: s.context }) === JSON.stringify(d);
  if (!same(snap, trace.initial)) throw new Error('trace: initial state differs');
  trace.steps.forEach((step, i) => {
    const offered = subject.events(snap as never).some((e: EventObject) => JSON.stringify(e) === JSON.stringify(step.event));
    if (!offered) throw new Error(`trace step ${i}: event ${JSON.stringify(step.event)} is not offered`);
    snap = transition(subject.machine as AnyStateMachine, snap, step.event)[0] as AnyMachineSnapshot;
    if (!same(snap, step.state)) throw new Error(`trace step ${i}: state differs`);
  });
  return snap;
}

/** The comparable part of an exploration result (no timing, no statistics). */
export function comparable(r: ExplorationResult): Omit<ExplorationResult, 'ms'> {
  return { states: r.states, transitions: r.transitions, violations: r.violations, reached: r.reached };
}

/** Verdicts only: which invariants fail and which goals are reached, with shortest trace lengths. */
export function verdicts(r: ExplorationResult): Record<string, number | null> {
  const len = (t: Trace | null) => (t ? t.steps.length : null);
  return Object.fromEntries([...Object.entries(r.violations), ...Object.entries(r.reached)].map(([k, t]) => [k, len(t)]));
}
