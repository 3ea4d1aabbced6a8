/**
 * Strong authentication of management commands inside the backend: the trusted management
 * keys with their roles, and one outstanding challenge nonce per trusted credential, bound to
 * it: a command is fresh only over the nonce issued for its own signer, and the accepted
 * command consumes it (single use). While a credential's nonce is outstanding, another request
 * for it is answered with that same nonce, so requests, from anyone and in anyone's name,
 * change nothing and cannot make the manager's nonce stale (no lockout). A request for an id
 * that is no trusted credential gets a stable decoy, derived from a per-boot secret and the id,
 * that nothing accepts, so the answer does not tell which ids are trusted. Nonces are volatile:
 * a new backend (a reboot) starts with none outstanding.
 * @clause CM6 — REQ-CM6-01, REQ-CM6-02, REQ-CM6-04
 *
 * Verdicts: BAD_SIGNATURE (unknown signer or signature not valid under its key),
 * STALE_NONCE (no nonce outstanding for the signer, or not that one).
 * @module
 */
import { createHmac, randomBytes, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { publicKeyFromDer } from './public-keys.ts';
import { NONCE_BYTES } from '../wire/envelope.ts';
import type { AuthVerdict, Role, TrustedSigner } from './types.ts';

/** Trusted management keys and their outstanding nonces. */
export class Authenticator {
  readonly #trusted = new Map<string, { role: Role; key: KeyObject }>();
  readonly #pending = new Map<string, Buffer>();
  /** Per-boot secret of the decoy nonces answered for ids that are no trusted credential. */
  readonly #decoy = randomBytes(32);

  constructor(trusted: readonly TrustedSigner[]) {
    for (const t of trusted) {
      this.#trusted.set(t.signerId, { role: t.role, key: publicKeyFromDer(t.publicKey) });
    }
  }

  /** True while a nonce is outstanding for some credential. */
  get pending(): boolean {
    return this.#pending.size > 0;
  }

  /** The nonce for `requester`: the outstanding one, or a fresh one (a stable decoy for an id that is no trusted credential). */
  issue(requester: string): Uint8Array {
    if (!this.#trusted.has(requester)) {
      return new Uint8Array(createHmac('sha256', this.#decoy).update(requester, 'utf8').digest().subarray(0, NONCE_BYTES));
    }
    let n = this.#pending.get(requester);
    if (!n) {
      n = randomBytes(NONCE_BYTES);
      this.#pending.set(requester, n);
    }
    return new Uint8Array(n);
  }

  /** Signature first, then freshness against the signer's own nonce: an unauthenticated sender learns nothing about the nonces. */
  verify(tbs: Uint8Array, sig: Uint8Array, signerId: string, nonce: Uint8Array): AuthVerdict {
    const t = this.#trusted.get(signerId);
    let valid = false;
    if (t) {
      try {
        valid = verify('sha256', tbs, { key: t.key, dsaEncoding: 'ieee-p1363' }, sig);
      } catch {
        valid = false;
      }
    }
    if (!t || !valid) return { ok: false, code: 'BAD_SIGNATURE' };
    const p = this.#pending.get(signerId);
    if (!p || nonce.length !== p.length || !timingSafeEqual(p, nonce)) return { ok: false, code: 'STALE_NONCE', role: t.role };
    return { ok: true, role: t.role };
  }

  /** Forgets every outstanding nonce (the HSM is zeroized). */
  clear(): void {
    this.#pending.clear();
  }

  /** Consumes the nonce outstanding for `signerId`. */
  consume(signerId: string): void {
    this.#pending.delete(signerId);
  }
}
