/**
 * Compiles XState guard references into plain functions `(context, event, config) => boolean`
 * that behave like XState's `evaluateGuard`: inline functions, named guards from
 * `machine.implementations.guards` (string or `{ type, params }`, params static or computed),
 * guard aliases, and the built-in `and`, `or`, `not` and `stateIn` guards.
 * @module
 */
import { and, matchesState, not, or, stateIn, type AnyStateMachine, type EventObject, type StateValue } from 'xstate';
import { UnsupportedMachineError } from './errors.ts';
import type { Node } from './nodes.ts';

/** What a guard may read of the current configuration (for `stateIn`). */
export interface GuardScope {
  readonly value: StateValue;
  readonly nodeSet: ReadonlySet<Node>;
}

/** A compiled guard. */
export type GuardFn = (context: any, event: EventObject, scope: GuardScope) => boolean;

type AnyFn = ((...args: any[]) => any) & Record<string, any>;
const CHECK_AND = (and([]) as unknown as AnyFn).check;
const CHECK_OR = (or([]) as unknown as AnyFn).check;
const CHECK_NOT = (not(() => true) as unknown as AnyFn).check;
const CHECK_STATE_IN = (stateIn('x') as unknown as AnyFn).check;

/** Compiles one guard reference of `machine` (throws on built-in guards it does not know). */
export function compileGuard(machine: AnyStateMachine, guard: unknown): GuardFn {
  const inline = typeof guard === 'function';
  const name = typeof guard === 'string' ? guard : (guard as { type?: string } | null)?.type;
  const resolved: unknown = inline ? guard : (machine.implementations.guards as Record<string, unknown>)[name as string];
  if (!inline && !resolved) {
    return () => {
      throw new Error(`Guard '${name}' is not implemented.'.`);
    };
  }
  if (typeof resolved !== 'function') return compileGuard(machine, resolved);
  const fn = resolved as AnyFn;
  if ('check' in fn) return compileBuiltin(machine, fn);
  const params: unknown = inline || typeof guard === 'string' ? undefined : (guard as { params?: unknown }).params;
  if (typeof params === 'function') {
    return (context, event) => fn({ context, event }, params({ context, event }));
  }
  return (context, event) => fn({ context, event }, params);
}

function compileBuiltin(machine: AnyStateMachine, fn: AnyFn): GuardFn {
  if (fn.check === CHECK_AND || fn.check === CHECK_OR || fn.check === CHECK_NOT) {
    const parts = (fn.guards as unknown[]).map((g) => compileGuard(machine, g));
    if (fn.check === CHECK_NOT) {
      const inner = parts[0]!;
      return (c, e, s) => !inner(c, e, s);
    }
    if (fn.check === CHECK_AND) return (c, e, s) => parts.every((p) => p(c, e, s));
    return (c, e, s) => parts.some((p) => p(c, e, s));
  }
  if (fn.check === CHECK_STATE_IN) {
    const v = fn.stateValue as StateValue;
    if (typeof v === 'string' && v.startsWith('#')) {
      const target = machine.getStateNodeById(v) as unknown as Node;
      return (_c, _e, s) => s.nodeSet.has(target);
    }
    return (_c, _e, s) => matchesState(v, s.value);
  }
  throw new UnsupportedMachineError(`unsupported built-in guard '${String(fn.name)}': the fast explorer accepts and/or/not/stateIn`);
}
