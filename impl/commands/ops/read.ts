/**
 * Management operation `read` — access to a stored long-term key. The HSM never reveals a
 * secret key's value, even to the authenticated manager or System Administrator: the answer is
 * the key's public facts (lifecycle, kind, key check value).
 * @clause CM3 @clause CM6 — REQ-CM3-01, REQ-CM3-02, REQ-CM6-01
 *
 * Errors: none of its own (the command's checks have run; see `commands/management.ts`).
 * @module
 */
import type { HsmBackend } from '../../backend/types.ts';
import type { Envelope } from '../../wire/envelope.ts';

/** Performs `read`: nothing changes and no key value is returned. */
export function read(_backend: HsmBackend, _env: Envelope): void {}
