/**
 * Tamper response — an attack on the HSM's enclosure (opening, drilling, forced extraction)
 * zeroizes it: every long-term key, the transport key, the outstanding nonce and the session are
 * destroyed, and every later use is refused. The model has no tamper event (see the report's
 * recommended model change), so this runs in the backend without a statechart transition; the
 * statechart then refuses every use because its guards read the zeroized backend.
 * @clause CM1 @clause CM5 — REQ-CM1-02, REQ-CM5-02
 *
 * Errors: none (zeroization always succeeds); afterwards every call fails with ZEROIZED.
 * @module
 */
import type { Kernel } from '../kernel.ts';

/** Zeroizes the HSM. */
export function tamper(k: Kernel): void {
  k.backend.zeroize();
  k.log(`${k.backend.hsmId} tamper detected: zeroized`);
}
