/**
 * Signature, a Sensitive Function: ECDSA P-256 (SHA-256, IEEE P1363 encoding) of caller data
 * with the running Sensitive Function's long-term private key, inside the backend. Allowed
 * only while the statechart is in `sf.running`.
 * Like SF_START, each use first checks the binding (`boundForKeyUse` in `host-check.ts`): outside
 * its own device the HSM refuses with NOT_BOUND, and a move since the function started has
 * ended it.
 * @clause CM4 @clause CM5 — REQ-CM4-01, REQ-CM4-02, REQ-CM5-01
 *
 * Errors: NOT_BOUND, NO_SESSION, KEY_STATE, WRONG_KIND, MALFORMED, ZEROIZED.
 * @module
 */
import { hsmError } from '../errors.ts';
import { sfRunning, type Kernel } from '../kernel.ts';
import { boundForKeyUse } from './host-check.ts';

/** Signs `data` with the running Sensitive Function's key. */
export function sign(k: Kernel, data: Uint8Array): Uint8Array {
  boundForKeyUse(k, 'sign');
  if (!sfRunning(k)) throw hsmError('NO_SESSION', 'no Sensitive Function is running: start one with sfStart');
  return k.backend.sign(data);
}
