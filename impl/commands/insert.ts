/**
 * INSERT_ELSEWHERE and REINSERT — a removed HSM is put into a device: another one, or its own
 * again. The HSM takes the device's claimed identity only to pick the event; the host check
 * that follows at once (and at every use) verifies it with the device's own key and corrects
 * the statechart if the claim was false. Once an attacker-made HSM has taken its place in its
 * device (`counterfeitFitted`), the model moves it no more: both are refused.
 * @clause CM5 — REQ-CM5-01, REQ-CM5-02
 *
 * Errors: BOUND_TO_DEVICE (it is not removed, or an attacker-made HSM has taken its place), ZEROIZED.
 * @module
 */
import { hsmError } from '../errors.ts';
import { action, dispatch, newCall, region, type Kernel } from '../kernel.ts';
import type { Device } from '../world/device.ts';
import { hostCheck } from './host-check.ts';

/** Actions of the HSM's moves between devices (INSERT_ELSEWHERE, REINSERT, and REMOVE_HSM from another device). */
export const moveActions = {
  /** A move with no facts of its own: it is written to the audit log, and the host check at the next use says where the HSM is. */
  noFacts: action((e, k) => k.log(`${k.backend.hsmId} ${e.type}: moved`)),
};

/** Puts the (removed) HSM into `device`. */
export function insert(k: Kernel, device: Device): void {
  if (k.scope !== 'device' || !k.socket) throw hsmError('BOUND_TO_DEVICE', 'a Server-HSM is part of its equipment');
  hostCheck(k);
  const own = device.id === k.backend.observe().binding?.device;
  dispatch(k, { type: own ? 'REINSERT' : 'INSERT_ELSEWHERE', call: newCall(k) }, () =>
    hsmError(
      'BOUND_TO_DEVICE',
      region(k) === 'counterfeitFitted' ? 'an attacker-made HSM has taken its place in its device' : 'the HSM sits in a device and is bound to it',
    ),
  );
  k.socket.device = device;
  hostCheck(k);
}
