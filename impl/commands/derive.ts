/**
 * Key derivation, a Sensitive Function: HMAC-SHA256 with the long-term key of the running
 * Sensitive Function over label, context and nonces (see `impl/backend/kdf.ts`), computed
 * inside the backend; only the derived key leaves it.
 * Each call is one use of the key, a step of the statechart (SF_USE, see `sf-use.ts`): the
 * key and the binding are checked again at every use.
 * @clause CM4 @clause CM5 — REQ-CM4-01, REQ-CM4-02, REQ-CM5-01
 *
 * Errors: NOT_BOUND, NO_SESSION, KEY_STATE (the key was deleted, deprecated or zeroized meanwhile), WRONG_KIND, MALFORMED, ZEROIZED.
 * @module
 */
import type { KdfInput } from '../backend/types.ts';
import type { Kernel } from '../kernel.ts';
import { useKey } from './sf-use.ts';

/** Derives a key with the running Sensitive Function's key. */
export function derive(k: Kernel, input: KdfInput): Uint8Array {
  return useKey(k, { use: 'derive', input: input });
}
