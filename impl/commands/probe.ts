/**
 * PROBE — the attacker probes the HSM's physical boundary to read what it holds (threat 1:
 * "by hardware probing"). In the model (`probeHsm`) the probe reads the HSM only when the
 * attacker's potential exceeds the HSM's rating (ASM-02); otherwise the HSM detects the
 * tampering and zeroizes its keys (ASM-10). Software cannot tell a probe it fails to detect, so
 * this HSM answers every probe as a detected one: it reads nothing and zeroizes the long-term
 * keys (`zeroizeKeys` in `tamper.ts`), which is what the model says under the implementation's
 * configuration (a high-potential attacker against a high rating, `impl/input.ts`). The keys
 * are gone, so under ASM-10 the probe achieves a deletion (threats 2 and 5), never a discovery.
 * @clause CM1 @clause CM2 — REQ-CM1-01, REQ-CM1-02, REQ-CM2-01, REQ-CM2-02
 *
 * Errors: ZEROIZED (after a breach of the enclosure).
 * @module
 */
import { hsmError } from '../errors.ts';
import { action, dispatch, guard, newCall, type Kernel } from '../kernel.ts';
import { zeroizeKeys } from './tamper.ts';

/** Guards of PROBE. */
export const probeGuards = {
  /** @clause CM1 @clause CM2 — the keys are kept in the backend, an HSM whose boundary can be probed. */
  hsmPresent: guard(() => true),
};

/** Actions of PROBE. */
export const probeActions = {
  /** The HSM detects the probe and zeroizes its long-term keys; the probe reads nothing. */
  probeHsm: action((_e, k) => {
    zeroizeKeys(k);
    return new Uint8Array(0);
  }),
};

/** Probes the HSM's boundary: returns what the probe read (nothing: the HSM zeroizes its keys instead). */
export function probe(k: Kernel): Uint8Array {
  return dispatch(k, { type: 'PROBE', call: newCall(k) }, () => hsmError('NOT_EXPOSED', 'there is no HSM boundary to probe')) as Uint8Array;
}
