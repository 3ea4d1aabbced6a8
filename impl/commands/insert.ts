/**
 * INSERT_ELSEWHERE and REINSERT — a removed HSM is put into a device: another one, or its own
 * again. The HSM takes the device's claimed identity only to pick the event; the host check
 * that follows at once (and at every use) verifies it with the device's own key and corrects
 * the statechart if the claim was false. Back in its own device, the HSM works again unless an
 * attacker-made HSM has taken its place (`noCounterfeit`).
 * @clause CM5 — REQ-CM5-01, REQ-CM5-02
 *
 * Errors: BOUND_TO_DEVICE (it is not removed, or its device holds another HSM), ZEROIZED.
 * @module
 */
import { hsmError } from '../errors.ts';
import { dispatch, guard, newCall, type Kernel } from '../kernel.ts';
import type { Device } from '../world/device.ts';
import { hostCheck } from './host-check.ts';

/** Guards of REINSERT. */
export const insertGuards = {
  /** No attacker-made HSM has been fitted into the device in the meantime. */
  noCounterfeit: guard((_e, k) => !k.home?.counterfeitFitted),
};

/** Puts the (removed) HSM into `device`. */
export function insert(k: Kernel, device: Device): void {
  if (k.scope !== 'device' || !k.socket) throw hsmError('BOUND_TO_DEVICE', 'a Server-HSM is part of its equipment');
  hostCheck(k);
  const own = device.id === k.backend.observe().binding?.device;
  dispatch(k, { type: own ? 'REINSERT' : 'INSERT_ELSEWHERE', call: newCall(k) }, () =>
    hsmError('BOUND_TO_DEVICE', k.home?.counterfeitFitted && own ? 'another HSM is fitted in the device' : 'the HSM sits in a device and is bound to it'),
  );
  k.socket.device = device;
  hostCheck(k);
}
