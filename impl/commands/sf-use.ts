/**
 * SF_USE — one use of the running Sensitive Function's key: a key derivation, a MAC or a
 * signature, computed inside the backend (only its result leaves it). Every use is a step of the
 * statechart, which checks again what SF_START checked: the key of the function's slot is still
 * active (`sfKeyUsable`), and the HSM serves its own device (`inOwnDevice`; in another device or
 * when an attacker-made HSM has taken its place, `cm5UseAccepted` asks for the pairing proof,
 * which no other device can give). Before the statechart sees the use, the host check
 * (`host-check.ts`) brings its `hsm` region in line with where the HSM really is, so a move
 * since the function started is seen at this use. A use the statechart refuses ends the
 * function (`refuseUse`: the session is closed); out of any device the HSM refuses and the
 * function stays open (ASM-15: the session survives removal).
 * @clause CM4 @clause CM5 — REQ-CM4-01, REQ-CM4-02, REQ-CM5-01
 *
 * Errors: NOT_BOUND (not in its own device), NO_SESSION, KEY_STATE (the key was deleted,
 * deprecated or zeroized since the function started; the function ends), WRONG_KIND, MALFORMED,
 * ZEROIZED.
 * @module
 */
import type { KdfInput } from '../backend/types.ts';
import { hsmError, type HsmError } from '../errors.ts';
import { action, dispatch, guard, newCall, region, sfRunning, type ImplEvent, type Kernel } from '../kernel.ts';
import { hostCheck, location } from './host-check.ts';

/** A use of the key, with its input. */
export type KeyUse = { readonly use: 'derive'; readonly input: KdfInput } | { readonly use: 'mac' | 'sign'; readonly input: Uint8Array };

type SfUseEvent = ImplEvent & KeyUse;

/** Guards of SF_USE. */
export const sfUseGuards = {
  /** @clause CM4 — the running function's key is still active in the backend. */
  sfKeyUsable: guard((_e, k) => {
    const o = k.backend.observe();
    return o.session !== null && o.keys.find((x) => x.keyId === o.session)?.life === 'active';
  }),
};

/** Guards of SF_USE on a device HSM (its binding). */
export const sfUseBindingGuards = {
  /** @clause CM5 — the pairing proof at this use: the host check found the HSM in its own device, and no attacker-made HSM serves that device. */
  cm5UseAccepted: guard((_e, k) => location(k) === 'own' && !k.home?.counterfeitFitted),
};

/** Actions of SF_USE. */
export const sfUseActions = {
  /** @clause CM4 — the use, inside the backend: its result is the call's result. */
  useKey: action<SfUseEvent>((e, k) => {
    switch (e.use) {
      case 'derive':
        return k.backend.derive(e.input);
      case 'mac':
        return k.backend.mac(e.input);
      case 'sign':
        return k.backend.sign(e.input);
    }
  }),
  /** @clause CM4 @clause CM5 — the statechart refused the use: the function ends (its session is closed) and the use fails. */
  refuseUse: action<SfUseEvent>((e, k) => {
    const err = refusal(k);
    if (k.backend.observe().session !== null) k.backend.closeSession();
    k.log(`${k.backend.hsmId} ${e.use}: the Sensitive Function ends (${err.code})`);
    throw err;
  }),
};

/** Uses the running Sensitive Function's key once. */
export function useKey(k: Kernel, use: KeyUse): Uint8Array {
  hostCheck(k);
  const event = { type: 'SF_USE', call: newCall(k), ...use } as SfUseEvent;
  return dispatch(k, event, () => refusal(k)) as Uint8Array;
}

function refusal(k: Kernel): HsmError {
  if (region(k) !== 'inOwnDevice') return hsmError('NOT_BOUND', 'the HSM is not in its own device: its keys are unusable here');
  if (!sfRunning(k)) return hsmError('NO_SESSION', 'no Sensitive Function is running: start one with sfStart');
  return hsmError('KEY_STATE', 'the key of the running Sensitive Function is no longer active');
}
