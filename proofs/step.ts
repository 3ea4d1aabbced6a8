/**
 * Exact successor computation for XState v5 machines, without the per-call cost of
 * `transition()`. XState's `transition(logic, s, e)` builds a fresh inert actor scope (creating
 * an actor and its initial snapshot) on every call, then calls `logic.transition(s, e, scope)`.
 * Here the scope is built once per machine and reused, and events for which XState's own
 * transition selection (`machine.getTransitionData`) finds no enabled transition are answered
 * without a macrostep: XState returns the very same snapshot for them. A differential test
 * (`test/proofs/step.test.ts`) compares every successor with `transition()`.
 * @module
 */
import { createActor, type AnyStateMachine, type EventObject } from 'xstate';
import type { Snap } from './types.ts';

/** Computes the successor of a snapshot, or null when the event changes nothing. */
export type Stepper = (s: Snap, e: EventObject) => Snap | null;

/** A stepper for `machine` started with `input` (actions' side effects are not executed). */
export function makeStepper(machine: AnyStateMachine, input: unknown): Stepper {
  const self = createActor(machine, { input } as never);
  const scope = {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: self.system,
    emit: () => {},
    actionExecutor: () => {},
  };
  return (s, e) => {
    if (machine.getTransitionData(s as never, e).length === 0) return null;
    const n = machine.transition(s as never, e, scope as never) as Snap;
    return n === s ? null : n;
  };
}
