/**
 * The explored subjects: the device HSM and the Server-HSM machines under one countermeasure
 * set and one attacker profile, with their events, invariants and threat goals.
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import { alphabet } from '../model/attacker.ts';
import type { CmFlags, ProfileId } from '../model/config.ts';
import { deviceMachine } from '../model/device.machine.ts';
import { serverMachine } from '../model/server.machine.ts';
import { storeKey, type StoreContext } from '../model/store.ts';
import { GOALS, INVARIANTS } from './properties.ts';
import type { Snap, Subject } from './types.ts';

/** The two explored models. */
export const MODEL_IDS = ['device', 'server'] as const;
/** An explored model. */
export type ModelId = (typeof MODEL_IDS)[number];

/** What a trace shows of a state: the state value and the variable part of the context. */
export function describeStore(s: Snap<AnyStateMachine>): unknown {
  const { cms: _cms, profile: _p, scope: _s, ...rest } = s.context as StoreContext;
  return { value: s.value, ...rest };
}

/** The subject for `model` under `cms` and `profile`; `machine` may be a variant of the model's machine. */
export function subjectFor(model: ModelId, cms: CmFlags, profile: ProfileId, machine?: AnyStateMachine): Subject {
  const events = alphabet(profile, model === 'device');
  return {
    machine: machine ?? (model === 'device' ? deviceMachine : serverMachine),
    input: { cms, profile },
    events: () => events,
    key: (s) => storeKey(s.value, s.context as StoreContext),
    describe: describeStore,
    invariants: INVARIANTS.filter((i) => i.scopes.includes(model)),
    goals: GOALS.filter((g) => g.scope === model),
  };
}
