/**
 * TAMPER and the tamper responses. A probe of the HSM's boundary that the HSM detects (PROBE,
 * when the attacker's potential does not exceed the HSM's rating, ASM-02), and the attacker
 * setting off the tamper response on purpose (TAMPER: opening, drilling or cutting the
 * enclosure, whatever its potential), make it zeroize its long-term keys, fail-secure (ASM-10):
 * each slot holding a key becomes deleted, a running Sensitive Function's next use is refused,
 * and the HSM stays in service, as in the model (`zeroizeKeys` in `model/effects.ts`), so its
 * manager can provision new keys. A breach that destroys the HSM (`breach`) goes further than the
 * model, which leaves destruction out (ASM-02): every long-term key, the transport key, the
 * outstanding nonce and the session are destroyed, and every later use is refused; the
 * statechart then refuses every use because its guards read the zeroized backend.
 * @clause CM1 @clause CM2 @clause CM5 — REQ-CM1-02, REQ-CM2-02, REQ-CM5-02
 *
 * Errors: `tamper`: NOT_EXPOSED (no HSM boundary), ZEROIZED (after a breach); after `breach` every call fails with ZEROIZED.
 * @module
 */
import { hsmError } from '../errors.ts';
import { action, dispatch, newCall, type Kernel } from '../kernel.ts';

/** The response to a detected probe: the long-term keys are zeroized; the HSM stays in service. */
export function zeroizeKeys(k: Kernel): void {
  k.backend.zeroizeKeys();
  k.log(`${k.backend.hsmId} probe detected: long-term keys zeroized (fail-secure)`);
}

/** Actions of TAMPER. */
export const tamperActions = {
  /** The HSM's tamper response: its long-term keys are zeroized; it stays in service. */
  tamperResponse: action((_e, k) => zeroizeKeys(k)),
};

/** The attacker sets off the HSM's tamper response (TAMPER). */
export function tamper(k: Kernel): void {
  dispatch(k, { type: 'TAMPER', call: newCall(k) }, () => hsmError('NOT_EXPOSED', 'there is no HSM boundary to tamper with'));
}

/** A breach that destroys the HSM (beyond the model): it is zeroized and out of service. */
export function breach(k: Kernel): void {
  k.backend.zeroize();
  k.log(`${k.backend.hsmId} enclosure breached: zeroized`);
}
