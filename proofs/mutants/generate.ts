/**
 * Mutants of the model, derived mechanically from the machines' named implementations
 * (`machine.implementations.guards` and `.actions`), each built with `machine.provide`:
 *
 * - every named guard negated, forced true and forced false;
 * - every named action dropped (it does nothing at all: the context, `ghost` included, is left
 *   as it was);
 * - for every assign action, each context field it assigns (see `fields.ts`) left unchanged:
 *   the original assigner runs and that one key is removed from the partial context it returns.
 *
 * IDs are stable: `<model>:guard:<name>:negated|true|false`, `<model>:action:<name>:dropped`,
 * `<model>:action:<name>:keeps-<field>`.
 * @module
 */
import { assign, not, type AnyStateMachine } from 'xstate';
import { MODEL_IDS, type ModelId } from '../subjects.ts';
import { assignedFields } from './fields.ts';
import { actionsOf, guardsOf, isAssign, REAL_MACHINES, wrapAssign, type Implementation } from './machines.ts';

/** One mutant: a machine of a model with one implementation changed. */
export interface Mutant {
  /** Stable ID, e.g. `device:guard:cm6StrongAuth:negated`. */
  readonly id: string;
  /** The model whose machine is mutated. */
  readonly model: ModelId;
  /** What was changed, in words. */
  readonly description: string;
  /** The mutated machine (the model's real machine with one guard or action provided anew). */
  readonly machine: AnyStateMachine;
}

/** The negation of a named guard (a built-in guard such as `and(...)` is negated with `not`). */
function negate(g: Implementation): Implementation {
  return ('check' in g ? not(g as never) : (args: unknown, params: unknown) => !g(args, params)) as Implementation;
}

/** The mutants of one model's machine, guards first, then actions, each in declaration order. */
export function mutantsOf(model: ModelId, machine: AnyStateMachine = REAL_MACHINES[model]): Mutant[] {
  const out: Mutant[] = [];
  const guard = (name: string, kind: string, description: string, impl: Implementation) =>
    out.push({ id: `${model}:guard:${name}:${kind}`, model, description, machine: machine.provide({ guards: { [name]: impl } } as never) });
  for (const [name, g] of Object.entries(guardsOf(machine))) {
    guard(name, 'negated', `guard ${name} negated`, negate(g));
    guard(name, 'true', `guard ${name} forced true`, (() => true) as Implementation);
    guard(name, 'false', `guard ${name} forced false`, (() => false) as Implementation);
  }
  const action = (name: string, kind: string, description: string, impl: Implementation) =>
    out.push({ id: `${model}:action:${name}:${kind}`, model, description, machine: machine.provide({ actions: { [name]: impl } } as never) });
  const fields = assignedFields(model, machine);
  for (const [name, a] of Object.entries(actionsOf(machine))) {
    action(name, 'dropped', `action ${name} dropped (does nothing)`, assign({}) as never);
    if (!isAssign(a)) continue;
    for (const f of fields[name] ?? []) {
      action(
        name,
        `keeps-${f}`,
        `action ${name} leaves ${f} unchanged`,
        wrapAssign(a, (partial) => {
          delete partial[f];
          return partial;
        }),
      );
    }
  }
  return out;
}

let cached: readonly Mutant[] | undefined;

/** Every mutant of every model (computed once per process). */
export function generateMutants(): readonly Mutant[] {
  cached ??= MODEL_IDS.flatMap((m) => mutantsOf(m));
  return cached;
}
