/**
 * Key derivation, a Sensitive Function: HMAC-SHA256 with the long-term key of the running
 * Sensitive Function over label, context and nonces (see `impl/backend/kdf.ts`), computed
 * inside the backend; only the derived key leaves it. Allowed only while the statechart is in
 * `sf.running`.
 * Like SF_START, each use first checks the binding (`boundForKeyUse` in `host-check.ts`): outside
 * its own device the HSM refuses with NOT_BOUND, and a move since the function started has
 * ended it.
 * @clause CM4 @clause CM5 — REQ-CM4-01, REQ-CM4-02, REQ-CM5-01
 *
 * Errors: NOT_BOUND, NO_SESSION, KEY_STATE (the key was deleted or deprecated meanwhile), WRONG_KIND, MALFORMED, ZEROIZED.
 * @module
 */
import type { KdfInput } from '../backend/types.ts';
import { hsmError } from '../errors.ts';
import { sfRunning, type Kernel } from '../kernel.ts';
import { boundForKeyUse } from './host-check.ts';

/** Derives a key with the running Sensitive Function's key. */
export function derive(k: Kernel, input: KdfInput): Uint8Array {
  boundForKeyUse(k, 'derive');
  if (!sfRunning(k)) throw hsmError('NO_SESSION', 'no Sensitive Function is running: start one with sfStart');
  return k.backend.derive(input);
}
