/**
 * Management operation `delete` — an active or deprecated key is destroyed inside the backend.
 * @clause CM6 — REQ-CM6-02
 *
 * Errors: KEY_STATE.
 * @module
 */
import type { HsmBackend } from '../../backend/types.ts';
import type { Envelope } from '../../wire/envelope.ts';

/** Performs `delete`. */
export function destroy(backend: HsmBackend, env: Envelope): void {
  backend.destroy(env.key);
}
