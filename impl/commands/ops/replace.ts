/**
 * Management operation `replace` — a new key replaces the active or deprecated key of a slot,
 * imported wrapped under the HSM's transport key; the old key is dropped.
 * @clause CM1 @clause CM6 — REQ-CM1-01, REQ-CM2-01, REQ-CM6-02
 *
 * Errors: UNWRAP_FAILED, KEY_STATE.
 * @module
 */
import type { HsmBackend } from '../../backend/types.ts';
import type { Envelope } from '../../wire/envelope.ts';

/** Performs `replace`. */
export function replace(backend: HsmBackend, env: Envelope): void {
  backend.importWrapped(env.key, env.wrapped!);
}
