/**
 * Exploration of a model for test generation: breadth-first over XState's transition function
 * (the checker's stepper, `proofs/step.ts`) under the implementation's configuration
 * (`impl/input.ts`: every countermeasure, the implementation's settings), with parent links (a
 * shortest path to every reachable state) and, per state, every event classified as an edge (it
 * leads to a different model state; some edges change only what is not observable, such as the
 * step facts), absorbed (accepted, same state) or refused. A refused command of the manager or a refused use of a key
 * can still be an edge: the manager drops the nonce it used, the function ends (`modelAccepts`). REPLAY of
 * a command the attacker has not captured is left out: it has no bytes to re-send.
 * @module
 */
import { initialTransition, type AnyStateMachine } from 'xstate';
import { alphabet } from '../../model/attacker.ts';
import type { ModelInput } from '../../model/config.ts';
import { deviceMachine } from '../../model/device.machine.ts';
import type { DeviceEvent } from '../../model/events.ts';
import { serverMachine } from '../../model/server.machine.ts';
import { DEFAULT_SETTINGS } from '../../model/settings.ts';
import { behaviourKey, type StoreContext } from '../../model/store.ts';
import { makeStepper } from '../../proofs/step.ts';
import type { Snap } from '../../proofs/types.ts';
import { IMPL_INPUT } from '../input.ts';

/** A model and an attacker profile to generate for. */
export interface Target {
  readonly model: 'device' | 'server';
  readonly profile: 'physical' | 'insider';
}

/** Every model × profile the suites cover (the physical and insider alphabets each include the remote one). */
export const TARGETS: readonly Target[] = [
  { model: 'device', profile: 'physical' },
  { model: 'device', profile: 'insider' },
  { model: 'server', profile: 'physical' },
  { model: 'server', profile: 'insider' },
];

/** What an event does in a state. */
export interface Move {
  readonly event: DeviceEvent;
  /** Index of the next state, or null when it stays. */
  readonly to: number | null;
  /**
   * The model accepts the event (false: refused). A refused event can still lead to another
   * state: the manager drops the nonce of its refused command (`refuseCommand`), a refused use of a key ends the Sensitive Function (`refuseUse`).
   */
  readonly accepted: boolean;
}

/** The explored graph. */
export interface ModelGraph {
  readonly target: Target;
  readonly machine: AnyStateMachine;
  readonly input: ModelInput;
  readonly states: readonly Snap[];
  /** Parent state of each state on a shortest path (-1 for the initial state) and the event taken. */
  readonly parent: readonly number[];
  readonly via: readonly (DeviceEvent | null)[];
  /** Whether the model accepted the event that first led to each state (false: a refusal that is a transition, see `modelAccepts`). */
  readonly viaAccepted: readonly boolean[];
  /** Per state, every event tried and what it does. */
  readonly moves: readonly (readonly Move[])[];
  /** Number of edges (moves to a different state). */
  readonly edges: number;
}

/** The model's machine of a target. */
export function machineOf(model: Target['model']): AnyStateMachine {
  return model === 'device' ? deviceMachine : serverMachine;
}

/** True when the model offers `e` as behaviour in `s` (not an exploration-bound or empty replay). */
export function offered(s: Snap, e: DeviceEvent): boolean {
  const c = s.context as StoreContext;
  if (e.type === 'REPLAY' && c.captured[e.index ?? 0] === undefined) return false;
  return true;
}

/**
 * True when the model accepts `e` in `s`. Some refusals are transitions of the model: a command
 * of the manager that authentication refuses (the manager drops its nonce, `refuseCommand`) and
 * a use of a Sensitive Function's key the store refuses (the function ends, `refuseUse`). They
 * change the state but are not acceptances: the HSM refuses them.
 */
export function modelAccepts(machine: AnyStateMachine, s: Snap, e: DeviceEvent): boolean {
  const ts = machine.getTransitionData(s as never, e);
  return ts.length > 0 && !isRefusal(ts);
}

/** The actions of the model's transitions that are refusals. */
const REFUSALS: ReadonlySet<string> = new Set(['refuseCommand', 'refuseUse']);

/** True when the transitions an event takes are a refusal of the model (`REFUSALS`). */
function isRefusal(ts: readonly { readonly actions: readonly unknown[] }[]): boolean {
  return ts.some((t) => t.actions.some((a) => REFUSALS.has(typeof a === 'string' ? a : ((a as { type?: unknown } | null)?.type as string))));
}

/** The model input of a target: the implementation's, with the target's attacker profile. */
export function inputOf(target: Target): ModelInput {
  return { ...IMPL_INPUT, profile: target.profile };
}

/** Explores `target` under the implementation's configuration. */
export function exploreModel(target: Target): ModelGraph {
  const machine = machineOf(target.model);
  const input = inputOf(target);
  const events = alphabet(target.profile, target.model === 'device', input.settings ?? DEFAULT_SETTINGS, { slots: input.slots, captures: input.captures });
  const step = makeStepper(machine, input);
  const key = (s: Snap) => behaviourKey(s.value, s.context as StoreContext);
  const [init] = initialTransition(machine, input as never);
  const states: Snap[] = [init as Snap];
  const parent = [-1];
  const via: (DeviceEvent | null)[] = [null];
  const viaAccepted = [true];
  const index = new Map([[key(init as Snap), 0]]);
  const moves: Move[][] = [];
  let edges = 0;
  for (let i = 0; i < states.length; i++) {
    const s = states[i]!;
    const here: Move[] = [];
    for (const e of events) {
      if (!offered(s, e)) continue;
      const ts = machine.getTransitionData(s as never, e);
      const refusal = ts.length > 0 && isRefusal(ts);
      const accepted = !refusal && ts.length > 0;
      const n = accepted || refusal ? step(s, e) : null;
      const k = n ? key(n) : null;
      if (n === null || k === key(s)) {
        here.push({ event: e, to: null, accepted });
        continue;
      }
      let j = index.get(k!);
      if (j === undefined) {
        j = states.length;
        index.set(k!, j);
        states.push(n);
        parent.push(i);
        via.push(e);
        viaAccepted.push(accepted);
      }
      edges++;
      here.push({ event: e, to: j, accepted });
    }
    moves.push(here);
  }
  return { target, machine, input, states, parent, via, viaAccepted, moves, edges };
}

/** The shortest path to state `i`, as state indices after the initial state. */
export function pathTo(g: ModelGraph, i: number): number[] {
  const path: number[] = [];
  for (let j = i; j > 0; j = g.parent[j]!) path.push(j);
  return path.reverse();
}
