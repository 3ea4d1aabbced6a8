/**
 * Management operation `deprecate` — an active key is retired from Sensitive Functions but
 * kept (e.g. to be replaced later).
 * @clause CM6 — REQ-CM6-02
 *
 * Errors: KEY_STATE.
 * @module
 */
import type { HsmBackend } from '../../backend/types.ts';
import type { Envelope } from '../../wire/envelope.ts';

/** Performs `deprecate`. */
export function deprecate(backend: HsmBackend, env: Envelope): void {
  backend.deprecate(env.key);
}
