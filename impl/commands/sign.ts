/**
 * Signature, a Sensitive Function: ECDSA P-256 (P1363) of caller data with the running
 * Sensitive Function's key, computed inside the backend.
 * Each call is one use of the key, a step of the statechart (SF_USE, see `sf-use.ts`): the
 * key and the binding are checked again at every use.
 * @clause CM4 @clause CM5 — REQ-CM4-01, REQ-CM4-02, REQ-CM5-01
 *
 * Errors: NOT_BOUND, NO_SESSION, KEY_STATE (the key was deleted, deprecated or zeroized meanwhile), WRONG_KIND, MALFORMED, ZEROIZED.
 * @module
 */
import type { Kernel } from '../kernel.ts';
import { useKey } from './sf-use.ts';

/** ECDSA P-256 signature of `data` with the running Sensitive Function's key. */
export function sign(k: Kernel, data: Uint8Array): Uint8Array {
  return useKey(k, { use: 'sign', input: data });
}
