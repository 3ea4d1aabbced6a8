/**
 * Compiles XState action references into context updates `(context, event) => context`, the
 * way XState's pure `transition()` resolves them: `assign` (inline or named, with assigner
 * objects or functions, params static or computed) yields a new context object
 * `{ ...context, ...partial }` (XState: `Object.assign({}, context, partial)`, the same for plain data); custom actions (plain functions, named or not) and
 * unimplemented named actions are never executed by `transition()` and leave the snapshot
 * unchanged, so they compile to nothing. Every other built-in action is rejected.
 * @module
 */
import { createActor, type AnyStateMachine, type EventObject } from 'xstate';
import { UnsupportedMachineError } from './errors.ts';

/**
 * A compiled context update, with `partial`: the same update as the object an assign merges
 * into the context (`{ ...context, ...partial }`), so a caller can do the merge itself.
 */
export type ActionFn = ((context: any, event: EventObject) => any) & { readonly partial: (context: any, event: EventObject) => object | undefined };

type AnyFn = ((...args: any[]) => any) & Record<string, any>;

function noSpawn(): never {
  throw new UnsupportedMachineError('spawn inside assign is not supported by the fast explorer');
}

/** Compiles an action reference; null when it cannot change the snapshot. */
export function compileAction(machine: AnyStateMachine, action: unknown, where: string): ActionFn | null {
  const inline = typeof action === 'function';
  const name = typeof action === 'string' ? action : (action as { type?: string } | null)?.type;
  const resolved = (inline ? action : (machine.implementations.actions as Record<string, unknown>)[name as string]) as AnyFn | undefined;
  if (!resolved || !('resolve' in resolved)) return null;
  if (resolved.type !== 'xstate.assign') {
    throw new UnsupportedMachineError(`${where}: action '${String(resolved.type)}' is not supported by the fast explorer (only assign and custom actions)`);
  }
  const params: unknown = inline || typeof action === 'string' ? undefined : (action as { params?: unknown }).params;
  const assignment = resolved.assignment as AnyFn | Record<string, unknown>;
  const { self, system } = inertScope(machine);
  const merge =
    typeof assignment === 'function'
      ? (context: object, args: object, p: unknown) => ({ ...context, ...(assignment(args, p) as object) })
      : objectMerger(assignment);
  const fn = (context: any, event: EventObject) => {
    if (!context) throw new Error('Cannot assign to undefined `context`. Ensure that `context` is defined in the machine config.');
    const p = typeof params === 'function' ? params({ context, event }) : params;
    return merge(context, { context, event, spawn: noSpawn, self, system }, p);
  };
  const partialOf = typeof assignment === 'function' ? (args: object, p: unknown) => assignment(args, p) as object | undefined : objectPartial(assignment);
  const partial = (context: any, event: EventObject) => {
    if (!context) throw new Error('Cannot assign to undefined `context`. Ensure that `context` is defined in the machine config.');
    const p = typeof params === 'function' ? params({ context, event }) : params;
    return partialOf({ context, event, spawn: noSpawn, self, system }, p);
  };
  return Object.assign(fn, { partial });
}

/** The partial update of an assigner object: its keys in order, functions called in order. */
function objectPartial(assignment: Record<string, unknown>): (args: object, p: unknown) => object {
  const keys = Object.keys(assignment);
  const values = keys.map((k) => assignment[k]);
  return (args, p) => {
    const partial: Record<string, unknown> = {};
    for (const [i, k] of keys.entries()) partial[k] = typeof values[i] === 'function' ? (values[i] as AnyFn)(args, p) : values[i];
    return partial;
  };
}

/**
 * `{ ...context, ...partial }` for an assigner object, generated once as one object literal
 * (`{ ...context, key: fn(args, params), ... }`): same keys, order, values and call order.
 */
function objectMerger(assignment: Record<string, unknown>): (context: object, args: object, p: unknown) => object {
  const keys = Object.keys(assignment);
  const values = keys.map((k) => assignment[k]);
  if (keys.includes('__proto__')) {
    return (context, args, p) => {
      const partial: Record<string, unknown> = {};
      for (const [i, k] of keys.entries()) partial[k] = typeof values[i] === 'function' ? (values[i] as AnyFn)(args, p) : values[i];
      return Object.assign({}, context, partial);
    };
  }
  const fields = keys.map((k, i) => `${JSON.stringify(k)}: ${typeof values[i] === 'function' ? `V[${i}](a, p)` : `V[${i}]`}`);
  return new Function('V', `return (c, a, p) => ({ ...c, ${fields.join(', ')} });`)(values);
}

const scopes = new WeakMap<AnyStateMachine, { self: unknown; system: unknown }>();

/** An unstarted actor of the machine, standing for `self` (and its `system`) like XState's inert scope. */
function inertScope(machine: AnyStateMachine): { self: unknown; system: unknown } {
  let s = scopes.get(machine);
  if (!s) {
    const actor = createActor(machine);
    s = { self: actor, system: actor.system };
    scopes.set(machine, s);
  }
  return s;
}
