/**
 * REPLACE_HSM — while the genuine HSM is out of its device, the attacker fits an HSM of its
 * own, holding its own keys, into the device (threat T3). Possible only when the genuine HSM
 * has been removed, which the binding prevents. Afterwards the statechart is in
 * `counterfeitFitted`: the genuine HSM never serves the device again, and the device's pairing
 * check refuses the attacker's HSM (`cm5PairingProved`). The host check runs first, so a
 * removal the HSM has not yet seen (a physical move) is known to the statechart.
 * @clause CM5 @clause CM1 — REQ-CM5-02, REQ-CM1-01
 *
 * Errors: BOUND_TO_DEVICE (the genuine HSM sits in a device), ZEROIZED.
 * @module
 */
import { hsmError } from '../errors.ts';
import { action, dispatch, newCall, type Kernel } from '../kernel.ts';
import { hostCheck } from './host-check.ts';

/** Actions of REPLACE_HSM. */
export const counterfeitActions = {
  /** The device now holds the attacker's HSM. */
  fitCounterfeit: action((_e, k) => {
    if (k.home) k.home.counterfeitFitted = true;
  }),
};

/** Attempts to fit an attacker-made HSM into this HSM's device. */
export function replaceWithCounterfeit(k: Kernel): void {
  if (k.scope !== 'device') throw hsmError('BOUND_TO_DEVICE', 'a Server-HSM is part of its equipment');
  hostCheck(k);
  dispatch(k, { type: 'REPLACE_HSM', call: newCall(k) }, () =>
    hsmError(
      'BOUND_TO_DEVICE',
      k.home?.counterfeitFitted ? 'another HSM is already fitted in the device' : 'the genuine HSM is bound to its device: there is no place for another',
    ),
  );
}
