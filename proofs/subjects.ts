/**
 * The explored subjects: the device HSM and the Server-HSM machines under one countermeasure
 * set and one attacker profile, with their events, invariants and threat goals, and the packed
 * context codec the fast explorer stores their states with (`store-codec.ts`).
 * @module
 */
import { initialTransition, type AnyStateMachine } from 'xstate';
import { alphabet } from '../model/attacker.ts';
import type { CmFlags, ModelId, ModelInput, ProfileId } from '../model/config.ts';
import { deviceMachine } from '../model/device.machine.ts';
import { serverMachine } from '../model/server.machine.ts';
import { storeKey, type StoreContext } from '../model/store.ts';
import { DEFAULT_SETTINGS, type Settings } from '../model/settings.ts';
import { GOALS, INVARIANTS } from './properties.ts';
import { canonicalSlots } from '../model/symmetry.ts';
import { storeCodec } from './store-codec.ts';
import type { ContextCodec, FastSubject } from './fast/types.ts';
import type { Snap } from './types.ts';

export { MODEL_IDS, type ModelId } from '../model/config.ts';

/** What a trace shows of a state: the state value and the variable part of the context. */
export function describeStore(s: Snap<AnyStateMachine>): unknown {
  const { mech: _m, settings: _s, potential: _p, maxCaptures: _c, ...rest } = s.context as StoreContext;
  return { value: s.value, ...rest };
}

/** Size and reduction options of a subject. */
export interface SubjectOptions {
  /** Long-term key slots per store (default 2). */
  readonly slots?: number;
  /** Declare the slot symmetry (`model/symmetry.ts`) so the fast explorer stores symmetric states once. */
  readonly symmetry?: boolean;
  /** Captured commands the attacker keeps at once (default 1). */
  readonly captures?: number;
  /** Switchable assumptions (default: `DEFAULT_SETTINGS`). */
  readonly settings?: Settings;
}

/**
 * The packed codec for the states of `machine` started from `input` (its constants are those
 * of that initial context). Nonces are recycled (`freshNonce`), so every value a machine, or
 * a mutant of it, can reach lies within the codec's range.
 */
function codecFor(machine: AnyStateMachine, input: ModelInput): ContextCodec<StoreContext> {
  const [init] = initialTransition(machine, input as never);
  return storeCodec(init.context as StoreContext);
}

/**
 * The subject for `model` under `cms` and `profile`; `machine` may be a variant of the model's
 * machine. States are identified by `storeKey`; the fast explorer packs them with the codec of
 * `store-codec.ts`, which agrees with it.
 */
export function subjectFor(model: ModelId, cms: CmFlags, profile: ProfileId, machine?: AnyStateMachine, options: SubjectOptions = {}): FastSubject {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const events = alphabet(profile, model === 'device', settings, options);
  const m = machine ?? (model === 'device' ? deviceMachine : serverMachine);
  const input: ModelInput = {
    cms,
    profile,
    settings: settings,
    ...(options.slots === undefined ? {} : { slots: options.slots }),
    ...(options.captures === undefined ? {} : { captures: options.captures }),
  };
  const codec = codecFor(m, input);
  return {
    ...(options.symmetry ? { symmetry: { canonicalize: canonicalSlots } } : {}),
    machine: m,
    input,
    codec,
    events: () => events,
    key: (s) => storeKey(s.value, s.context as StoreContext),
    describe: describeStore,
    invariants: INVARIANTS.filter((i) => i.scopes.includes(model)),
    goals: GOALS.filter((g) => g.scope === model),
  };
}
