/**
 * Strong authentication of management commands inside the backend: the trusted management
 * keys with their roles, and the single outstanding challenge nonce (single use: consumed by
 * the accepted command, replaced by the next challenge).
 * @clause CM6 — REQ-CM6-01, REQ-CM6-02, REQ-CM6-04
 *
 * Verdicts: BAD_SIGNATURE (unknown signer or signature not valid under its key),
 * STALE_NONCE (no challenge outstanding, or not the outstanding one).
 * @module
 */
import { randomBytes, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { publicKeyFromDer } from './public-keys.ts';
import { NONCE_BYTES } from '../wire/envelope.ts';
import type { AuthVerdict, Role, TrustedSigner } from './types.ts';

/** Trusted management keys and the outstanding nonce. */
export class Authenticator {
  readonly #trusted = new Map<string, { role: Role; key: KeyObject }>();
  #pending: Buffer | null = null;

  constructor(trusted: readonly TrustedSigner[]) {
    for (const t of trusted) {
      this.#trusted.set(t.signerId, { role: t.role, key: publicKeyFromDer(t.publicKey) });
    }
  }

  /** True while a nonce is outstanding. */
  get pending(): boolean {
    return this.#pending !== null;
  }

  /** Issues a fresh nonce, replacing any outstanding one. */
  issue(): Uint8Array {
    this.#pending = randomBytes(NONCE_BYTES);
    return new Uint8Array(this.#pending);
  }

  /** Signature first, then freshness: an unauthenticated sender learns nothing about the nonce. */
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
    const p = this.#pending;
    if (!p || nonce.length !== p.length || !timingSafeEqual(p, nonce)) return { ok: false, code: 'STALE_NONCE' };
    return { ok: true, role: t.role };
  }

  /** Consumes the outstanding nonce. */
  consume(): void {
    this.#pending = null;
  }
}
