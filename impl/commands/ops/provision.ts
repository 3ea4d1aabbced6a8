/**
 * Management operation `provision` — a new long-term key for an empty or deleted slot,
 * imported wrapped under the HSM's transport key and unwrapped only inside the backend.
 * @clause CM1 @clause CM6 — REQ-CM1-01, REQ-CM2-01, REQ-CM6-02
 *
 * Errors: UNWRAP_FAILED (not wrapped for this HSM and slot, or tampered), KEY_STATE.
 * @module
 */
import type { HsmBackend } from '../../backend/types.ts';
import type { Envelope } from '../../wire/envelope.ts';

/** Performs `provision`. */
export function provision(backend: HsmBackend, env: Envelope): void {
  backend.importWrapped(env.key, env.wrapped!);
}
