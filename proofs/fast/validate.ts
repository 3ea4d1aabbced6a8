/**
 * The XState subset the fast explorer accepts, checked up front so that anything outside it
 * fails with one clear {@link UnsupportedMachineError} instead of a silently different result.
 *
 * Accepted: atomic, compound and parallel states (any nesting); `on` transitions with exact
 * or wildcard descriptors, targetless or targeted (one or several targets), `reenter`;
 * guards inline or by name, with or without params, and `and`/`or`/`not`/`stateIn`;
 * `assign` (inline or named, object or function assigners, params) in transitions, entry,
 * exit and initial actions; custom (non-built-in) actions, which `transition()` never runs;
 * eventless `always` transitions in machines without parallel states.
 *
 * Rejected: history and final states, `invoke`, `after` (delayed transitions), `onDone`,
 * every built-in action other than `assign` (raise, sendTo, sendParent, spawnChild,
 * stopChild, cancel, log, emit, enqueueActions, ...), built-in guards other than the four
 * above, `always` together with parallel states, and `spawn` inside an assigner (at run time).
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import { compileAction } from './actions.ts';
import { UnsupportedMachineError } from './errors.ts';
import { compileGuard } from './guards.ts';
import { allNodes, type Node, type Trans } from './nodes.ts';

export { UnsupportedMachineError } from './errors.ts';

/** Checks `machine` against the accepted subset; throws on the first feature outside it. */
export function validateMachine(machine: AnyStateMachine, root: Node): { hasAlways: boolean } {
  const nodes = allNodes(root);
  const fail = (n: Node, what: string): never => {
    throw new UnsupportedMachineError(`machine '${machine.id}', state '#${n.id}': ${what} is not supported by the fast explorer`);
  };
  let hasAlways = false;
  let hasParallel = false;
  for (const n of nodes) {
    if (n.type === 'history') fail(n, 'a history state');
    if (n.type === 'final') fail(n, 'a final state');
    if (n.type === 'parallel') hasParallel = true;
    if (n.config.invoke !== undefined || n.invoke.length) fail(n, 'invoke');
    if (n.config.after !== undefined) fail(n, 'a delayed transition (after)');
    if (n.config.onDone !== undefined) fail(n, 'onDone');
    if (n.always?.length) hasAlways = true;
    const where = `machine '${machine.id}', state '#${n.id}'`;
    const transitions: Trans[] = [...[...n.transitions.values()].flat(), ...(n.always ?? [])];
    for (const a of [...n.entry, ...n.exit, ...n.initial.actions]) compileAction(machine, a, where);
    for (const t of transitions) {
      for (const a of t.actions) compileAction(machine, a, `${where}, event '${t.eventType}'`);
      if (t.guard) compileGuard(machine, t.guard);
    }
  }
  if (hasAlways && hasParallel) fail(root, 'an eventless (always) transition in a machine with parallel states');
  return { hasAlways };
}
