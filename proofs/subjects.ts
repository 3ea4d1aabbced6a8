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
import { DEFAULT_SETTINGS, type Settings } from '../model/settings.ts';
import { GOALS, INVARIANTS } from './properties.ts';
import { canonicalSlots } from '../model/symmetry.ts';
import type { FastSubject } from './fast/types.ts';
import type { Snap } from './types.ts';

/** The two explored models. */
export const MODEL_IDS = ['device', 'server'] as const;
/** An explored model. */
export type ModelId = (typeof MODEL_IDS)[number];

/** What a trace shows of a state: the state value and the variable part of the context. */
export function describeStore(s: Snap<AnyStateMachine>): unknown {
  const { mech: _m, settings: _s, potential: _p, maxNonces: _n, maxCaptures: _c, ...rest } = s.context as StoreContext;
  return { value: s.value, ...rest };
}

/** Size and reduction options of a subject. */
export interface SubjectOptions {
  /** Long-term key slots per store (default 2). */
  readonly slots?: number;
  /** Declare the slot symmetry (`model/symmetry.ts`) so the fast explorer stores symmetric states once. */
  readonly symmetry?: boolean;
  /** Challenge nonces per store (default 3). */
  readonly nonces?: number;
  /** Captured commands the attacker keeps at once (default 1). */
  readonly captures?: number;
  /** Switchable assumptions (default: `DEFAULT_SETTINGS`). */
  readonly settings?: Settings;
}

/** The subject for `model` under `cms` and `profile`; `machine` may be a variant of the model's machine. */
export function subjectFor(model: ModelId, cms: CmFlags, profile: ProfileId, machine?: AnyStateMachine, options: SubjectOptions = {}): FastSubject {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const events = alphabet(profile, model === 'device', settings, options);
  return {
    ...(options.symmetry ? { symmetry: { canonicalize: canonicalSlots } } : {}),
    machine: machine ?? (model === 'device' ? deviceMachine : serverMachine),
    input: {
      cms,
      profile,
      settings,
      ...(options.slots === undefined ? {} : { slots: options.slots }),
      ...(options.nonces === undefined ? {} : { nonces: options.nonces }),
      ...(options.captures === undefined ? {} : { captures: options.captures }),
    },
    events: () => events,
    key: (s) => storeKey(s.value, s.context as StoreContext),
    describe: describeStore,
    invariants: INVARIANTS.filter((i) => i.scopes.includes(model)),
    goals: GOALS.filter((g) => g.scope === model),
  };
}
