/**
 * MAC, a Sensitive Function: HMAC-SHA256 of caller data with the running Sensitive Function's
 * long-term key, inside the backend. Allowed only while the statechart is in `sf.running`.
 * @clause CM4 — REQ-CM4-01, REQ-CM4-02
 *
 * Errors: NO_SESSION, KEY_STATE, WRONG_KIND, MALFORMED, ZEROIZED.
 * @module
 */
import { hsmError } from '../errors.ts';
import { sfRunning, type Kernel } from '../kernel.ts';

/** MACs `data` with the running Sensitive Function's key. */
export function mac(k: Kernel, data: Uint8Array): Uint8Array {
  if (!sfRunning(k)) throw hsmError('NO_SESSION', 'no Sensitive Function is running: start one with sfStart');
  return k.backend.mac(data);
}
