/**
 * Tamper responses. A probe of the HSM's boundary that the HSM detects (PROBE, when the
 * attacker's potential does not exceed the HSM's rating, ASM-02) makes it zeroize its long-term
 * keys, fail-secure (ASM-10): each slot holding a key becomes deleted, and the HSM stays in
 * service, as in the model (`probeHsm` in `model/effects.ts`), so its manager can provision new
 * keys. A breach of the enclosure (`tamper`: opening, drilling, forced extraction) goes further
 * than the model, which has no event for it: every long-term key, the transport key, the
 * outstanding nonce and the session are destroyed, and every later use is refused; the
 * statechart then refuses every use because its guards read the zeroized backend.
 * @clause CM1 @clause CM2 @clause CM5 — REQ-CM1-02, REQ-CM2-02, REQ-CM5-02
 *
 * Errors: ZEROIZED (a zeroized HSM has nothing left to respond with); afterwards every call fails with ZEROIZED.
 * @module
 */
import type { Kernel } from '../kernel.ts';

/** The response to a detected probe: the long-term keys are zeroized; the HSM stays in service. */
export function zeroizeKeys(k: Kernel): void {
  k.backend.zeroizeKeys();
  k.log(`${k.backend.hsmId} probe detected: long-term keys zeroized (fail-secure)`);
}

/** The response to a breach of the enclosure: the HSM is zeroized and out of service. */
export function tamper(k: Kernel): void {
  k.backend.zeroize();
  k.log(`${k.backend.hsmId} tamper detected: zeroized`);
}
