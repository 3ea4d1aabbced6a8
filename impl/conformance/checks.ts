/**
 * The checks the model makes on an event, in the order it makes them, read from the machine
 * definition at run time: for each transition of the event (in the order XState tries them), the
 * region state it is declared in, then the atoms of its guard (`and` flattened; `not`, `or` and
 * `stateIn` kept as one atom each). Authentication (`cm6StrongAuth`) is split into the two checks
 * it makes, signature then nonce, so a refusal can be named by the one that failed.
 * @clause CM5 @clause CM6
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import type { DeviceEvent } from '../../model/events.ts';
import { commandOf } from '../../model/guards.ts';
import { commandFacts } from '../../model/management.ts';
import { outstandingFor, type StoreContext } from '../../model/store.ts';
import type { Snap } from '../../proofs/types.ts';

/** One check: its label and how it evaluates on a model state and event. */
export interface Check {
  readonly id: string;
  readonly test: (s: Snap, e: DeviceEvent) => boolean;
}

type GuardFn = (a: { context: StoreContext; event: DeviceEvent }, params?: unknown) => boolean;
type Guard = string | ({ (...a: never[]): unknown; guards?: Guard[]; stateValue?: Record<string, string>; name?: string } & object);
type TransitionConfig = { guard?: Guard } | string;
type StateConfig = { on?: Record<string, TransitionConfig | TransitionConfig[]>; states?: Record<string, StateConfig> };

/** True when the snapshot's value is in `sv` (`{ region: state }`). */
function inState(s: Snap, sv: Record<string, string>): boolean {
  const v = s.value as Record<string, unknown>;
  return Object.entries(sv).every(([r, x]) => v[r] === x);
}

/** The label of a guard, for a composite one. */
function label(g: Guard): string {
  if (typeof g === 'string') return g;
  if (g.stateValue)
    return Object.entries(g.stateValue)
      .map(([r, x]) => `${r} is ${x}`)
      .join(', ');
  const kids = (g.guards ?? []).map(label);
  if (g.name === 'not') return `not (${kids.join(', ')})`;
  if (g.name === 'or') return `(${kids.join(') or (')})`;
  return kids.join(' and ');
}

/** Evaluates a guard of `machine` on (s, e). */
function evaluate(machine: AnyStateMachine, g: Guard, s: Snap, e: DeviceEvent): boolean {
  if (typeof g === 'string') {
    const f = (machine.implementations.guards as Record<string, GuardFn>)[g];
    if (!f) throw new Error(`the machine has no guard ${g}`);
    return f({ context: s.context as StoreContext, event: e });
  }
  if (g.stateValue) return inState(s, g.stateValue);
  const kids = g.guards ?? [];
  if (g.name === 'not') return !evaluate(machine, kids[0]!, s, e);
  if (g.name === 'or') return kids.some((k) => evaluate(machine, k, s, e));
  if (g.name === 'and') return kids.every((k) => evaluate(machine, k, s, e));
  throw new Error(`a guard of unknown kind: ${label(g)}`);
}

/** The facts of the command an event sends (null: it sends none). */
function factsOf(s: Snap, e: DeviceEvent) {
  const c = s.context as StoreContext;
  const cmd = commandOf(c, e);
  return cmd ? commandFacts(cmd.cmd, cmd.sender, outstandingFor(c, cmd.cmd.signer)) : null;
}

/** Authentication as the two checks it makes, in its order. @clause CM6 */
const AUTH: readonly Check[] = [
  { id: 'signature by a trusted credential (cm6StrongAuth)', test: (s, e) => factsOf(s, e)?.trusted ?? false },
  { id: 'nonce is the outstanding one (cm6StrongAuth)', test: (s, e) => factsOf(s, e)?.fresh ?? false },
];

/** The atoms of a guard, in order. */
function atoms(machine: AnyStateMachine, g: Guard): Check[] {
  if (g === 'cm6StrongAuth') return [...AUTH];
  if (typeof g !== 'string' && g.name === 'and' && !g.stateValue) return (g.guards ?? []).flatMap((k) => atoms(machine, k));
  return [{ id: label(g), test: (s, e) => evaluate(machine, g, s, e) }];
}

/** The checks the model makes on events of `type`, in order (each once). */
export function checksOf(machine: AnyStateMachine, type: DeviceEvent['type']): Check[] {
  const out: Check[] = [];
  const seen = new Set<string>();
  const add = (c: Check) => {
    if (!seen.has(c.id)) {
      seen.add(c.id);
      out.push(c);
    }
  };
  const walk = (node: StateConfig, where: Record<string, string> | null) => {
    const ts = node.on?.[type];
    for (const t of ts === undefined ? [] : Array.isArray(ts) ? ts : [ts]) {
      if (where)
        add({
          id: Object.entries(where)
            .map(([r, x]) => `${r} is ${x}`)
            .join(', '),
          test: (s) => inState(s, where),
        });
      if (typeof t !== 'string' && t.guard !== undefined) for (const a of atoms(machine, t.guard)) add(a);
    }
    for (const [region, r] of Object.entries(node.states ?? {})) {
      walk({ on: r.on ?? {} }, where);
      for (const [name, st] of Object.entries(r.states ?? {})) walk(st, { ...(where ?? {}), [region]: name });
    }
  };
  walk(machine.config as StateConfig, null);
  return out;
}
