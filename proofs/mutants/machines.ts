/**
 * The machines a semantic check or a mutant works on: the real device and server statecharts,
 * or replacements for either, and the helpers that take an XState v5 machine's named
 * implementations apart and put them back together with `machine.provide`.
 * @module
 */
import { assign, type AnyStateMachine } from 'xstate';
import { deviceMachine } from '../../model/device.machine.ts';
import { serverMachine } from '../../model/server.machine.ts';
import type { ModelId } from '../subjects.ts';

/** Machines to check, by model; a model left out is checked on its real machine. */
export interface Machines {
  readonly device?: AnyStateMachine;
  readonly server?: AnyStateMachine;
}

/** The real machine of each model. */
export const REAL_MACHINES: Readonly<Record<ModelId, AnyStateMachine>> = { device: deviceMachine, server: serverMachine };

/** The machine `machines` gives for `model`, or the real one. */
export function machineOf(machines: Machines, model: ModelId): AnyStateMachine {
  return machines[model] ?? REAL_MACHINES[model];
}

/** A named guard or action implementation, as XState keeps it. */
export type Implementation = ((...args: any[]) => any) & Record<string, any>;

/** The named guards of a machine. */
export function guardsOf(machine: AnyStateMachine): Readonly<Record<string, Implementation>> {
  return machine.implementations.guards as Record<string, Implementation>;
}

/** The named actions of a machine. */
export function actionsOf(machine: AnyStateMachine): Readonly<Record<string, Implementation>> {
  return machine.implementations.actions as Record<string, Implementation>;
}

/** True when an action implementation is an XState `assign(...)` action object. */
export function isAssign(action: unknown): action is Implementation & { assignment: unknown } {
  return typeof action === 'function' && (action as Implementation).type === 'xstate.assign';
}

/** The guard and action overrides a machine built with `base.provide(...)` carries over `base`. */
export function overridesOf(
  machine: AnyStateMachine,
  base: AnyStateMachine,
): { guards: Record<string, Implementation>; actions: Record<string, Implementation> } {
  const diff = (mine: Readonly<Record<string, Implementation>>, theirs: Readonly<Record<string, Implementation>>) =>
    Object.fromEntries(Object.entries(mine).filter(([k, v]) => theirs[k] !== v));
  return { guards: diff(guardsOf(machine), guardsOf(base)), actions: diff(actionsOf(machine), actionsOf(base)) };
}

/**
 * `action` with its assigner wrapped: `wrap` receives the partial context the original assigner
 * returns (for an assigner object, the object itself) and returns the one to assign instead.
 */
export function wrapAssign(
  action: Implementation & { assignment: unknown },
  wrap: (partial: Record<string, unknown>) => Record<string, unknown>,
): Implementation {
  const a = action.assignment;
  if (typeof a === 'function') return assign(((args: unknown, params: unknown) => wrap({ ...(a(args, params) as object) })) as never) as never;
  return assign(wrap({ ...(a as Record<string, unknown>) }) as never) as never;
}
