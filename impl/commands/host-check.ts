/**
 * The host check that starts every use of a device HSM (challenge, management command, start
 * of a Sensitive Function and each use of its key — derivation, MAC, signature —, physical
 * event, and every read of its state through `observe()`/`stateValue()`): the HSM challenges
 * the device it sits in, the device answers with its own key, and the backend verifies the
 * answer against the bound device's key. If the HSM has been moved without its removal being
 * seen, the statechart is told what happened through the model's own events — the HSM leaves
 * its device (REMOVE_HSM, accepted because the binding no longer holds) and enters the device
 * it is now in (INSERT_ELSEWHERE) or its own again (REINSERT) — so the statechart's `elsewhere`
 * state, where no key can be used, follows reality. A Sensitive Function running across the
 * move keeps its session (ASM-15, as in the model); its next use is refused there (`sf-use.ts`). Once an attacker-made HSM has
 * taken its place (`counterfeitFitted`), the HSM is out of its device for good: the statechart
 * is no longer moved.
 *
 * This check is the implementation's logical binding: the pairing proof of the model's
 * `cm5PairingProved` is the host's answer under the pairing key.
 * @clause CM5 — REQ-CM5-01, REQ-CM5-02
 *
 * Errors: none from `hostCheck` (a failed check moves the statechart; the use that follows is
 * then refused with NOT_BOUND).
 * @module
 */
import type { Location } from '../backend/types.ts';
import { HsmError } from '../errors.ts';
import { guard, newCall, region, type Kernel, type Region } from '../kernel.ts';

/** Guards of the logical binding. */
export const bindingGuards = {
  /**
   * @clause CM5 — logical binding: the device the HSM serves proved the pairing key, i.e. the
   * last host check verified the device it sits in as its own, and no attacker-made HSM serves
   * that device instead (an attacker-made HSM holds no pairing key: the device's never leaves
   * it, ASM-11 `protected`, and the HSM's never leaves the backend).
   */
  cm5PairingProved: guard((_e, k) => location(k) === 'own' && !k.home?.counterfeitFitted),
};

const EXPECTED: Readonly<Record<Location, Region>> = {
  own: 'inOwnDevice',
  none: 'removed',
  foreign: 'elsewhere',
};

/** Checks the host and brings the statechart's `hsm` region in line with it (device HSMs only). */
export function hostCheck(k: Kernel): void {
  if (k.scope !== 'device' || !k.socket) return;
  let loc: Location;
  try {
    const ch = k.backend.hostChallenge();
    const host = k.socket.device;
    loc = k.backend.verifyHost(host ? host.answer(k.backend.hsmId, ch) : null);
  } catch (e) {
    if (e instanceof HsmError) return; // zeroized: every use is refused anyway
    throw e;
  }
  if (region(k) === EXPECTED[loc] || region(k) === 'counterfeitFitted') return;
  k.log(`${k.backend.hsmId} host check: ${loc === 'own' ? 'back in its own device' : loc === 'none' ? 'not in any device' : 'in a device it is not bound to'}`);
  if (region(k) !== 'removed') k.actor.send({ type: 'REMOVE_HSM', call: newCall(k) });
  if (loc === 'own') k.actor.send({ type: 'REINSERT', call: newCall(k) });
  if (loc === 'foreign') k.actor.send({ type: 'INSERT_ELSEWHERE', call: newCall(k) });
}

/** The location the last host check found (`own` for a Server-HSM). */
export function location(k: Kernel): Location {
  return k.backend.observe().binding?.location ?? 'own';
}
