/**
 * REMOVE_HSM — an attempt to take the HSM out of the device it sits in. The statechart allows
 * it only when the binding does not hold (`not cm5BoundToDevice`) and there is an HSM
 * (`hsmPresent`); a Sensitive Function running keeps its session (ASM-15,
 * `sessionEndsOnRemoval` false), and its next use is refused outside its own device. The implementation cannot stop a physical attack; it
 * verifies on every use that the binding holds, with a host check answered by the device's own
 * key, so `cm5BoundToDevice` is that check's verdict: an HSM found in its own device is fixed
 * there, and one found elsewhere is taken out (its keys remain unusable). `hsmPresent` is
 * provided with PROBE (`probe.ts`), as the model shares it between both stores.
 * @clause CM5 @clause CM1 — REQ-CM5-01, REQ-CM5-02
 *
 * Errors: BOUND_TO_DEVICE (it sits in its own device), NOT_BOUND (not in any device, or replaced), ZEROIZED.
 * @module
 */
import { hsmError, type HsmError } from '../errors.ts';
import { action, dispatch, guard, newCall, region, type Kernel } from '../kernel.ts';
import { IMPL_SETTINGS } from '../input.ts';
import { hostCheck, location } from './host-check.ts';

/** Guards of REMOVE_HSM. */
export const removeGuards = {
  /** @clause CM5 — the latest host check verified the device the HSM sits in as its own. */
  cm5BoundToDevice: guard((_e, k) => location(k) === 'own'),
  /** ASM-15 — whether removal ends a running Sensitive Function: as the implementation's settings say (this HSM keeps the session; its next use is refused). */
  sessionEndsOnRemoval: guard(() => IMPL_SETTINGS.sfOnRemoval === 'ends'),
};

/** Actions of REMOVE_HSM. */
export const removeActions = {
  /** The HSM has left the device; the device can no longer use its keys. */
  recordRemoval: action((_e, k) => k.log(`${k.backend.hsmId} out of its device: the device can no longer use its keys`)),
  /** @clause CM5 — a Sensitive Function running when its HSM leaves the device stops in the same step: the session is closed. */
  stopSf: action((_e, k) => {
    if (k.backend.observe().session !== null) k.backend.closeSession();
  }),
};

/** Attempts to remove the HSM from the device it sits in. */
export function remove(k: Kernel): void {
  if (k.scope !== 'device') throw hsmError('BOUND_TO_DEVICE', 'a Server-HSM is part of its equipment');
  hostCheck(k);
  const from = region(k);
  dispatch(k, { type: 'REMOVE_HSM', call: newCall(k) }, () => refusal(from));
  if (k.socket) k.socket.device = null;
}

function refusal(from: string): HsmError {
  if (from === 'removed') return hsmError('NOT_BOUND', 'the HSM is not in any device');
  if (from === 'counterfeitFitted') return hsmError('NOT_BOUND', 'an attacker-made HSM has taken its place in its device');
  return hsmError('BOUND_TO_DEVICE', 'the HSM is bound to its device and cannot be removed');
}
