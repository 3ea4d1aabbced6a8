/**
 * Strong authentication of management commands with the token: the trusted management keys are
 * P-256 public key objects on the token (private to the user, not modifiable), and a command's
 * signature is verified inside the token (SHA-256 here, CKM_ECDSA there). Nonces follow the node
 * backend exactly (`impl/backend/auth.ts`): one outstanding nonce per trusted credential, drawn
 * from the token's generator (C_GenerateRandom); a request while one is outstanding returns it
 * unchanged; the accepted command consumes it; an id that is no trusted credential gets a stable
 * decoy, an HMAC computed by the token under a per-boot secret generated inside it (a session
 * object), that nothing accepts. Nonces are volatile, kept in this object: a new backend (also
 * one reopened after a restart) starts with none outstanding, and a fresh nonce is random, so a
 * command signed over a nonce of an earlier process is refused (STALE_NONCE). Trusted keys carry
 * their role in CKA_ID, so a restarted process finds them (`findTrusted`).
 * @clause CM6 — REQ-CM6-01, REQ-CM6-02, REQ-CM6-04
 *
 * Verdicts: BAD_SIGNATURE (unknown signer or signature not valid under its key), STALE_NONCE (no
 * nonce outstanding for the signer, or not that one). Errors: TypeError (a trusted key that is not
 * a P-256 public key, at construction); `TokenError` if the token fails.
 * @module
 */
import { timingSafeEqual } from 'node:crypto';
import { NONCE_BYTES } from '../../wire/envelope.ts';
import { publicKeyFromDer } from '../public-keys.ts';
import type { AuthVerdict, Role, TrustedSigner } from '../types.ts';
import type { Handle } from './api.ts';
import { ecdsaVerify, hmacSign } from './mechanisms.ts';
import { decoyKeyTemplate, ecPublicKeyTemplate } from './templates.ts';
import type { Pkcs11Token } from './token.ts';

/** The uncompressed point of a P-256 public key given as SPKI DER; TypeError for anything else. */
export function p256Point(der: Uint8Array): Buffer {
  const key = publicKeyFromDer(der);
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new TypeError('a trusted management key must be an ECDSA P-256 public key');
  }
  const jwk = key.export({ format: 'jwk' });
  return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
}

/** Trusted management keys on the token and their outstanding nonces. */
export class TokenAuthenticator {
  readonly #t: Pkcs11Token;
  readonly #trusted = new Map<string, { role: Role; key: Handle }>();
  readonly #pending = new Map<string, Buffer>();
  readonly #decoy: Handle;

  /**
   * Creates the trusted key objects (labelled by `label('trusted/<signerId>')`, CKA_ID = the role)
   * and the decoy secret; with `existing`, takes the trusted key objects already on the token
   * instead (a restart: `trusted` is then ignored).
   */
  constructor(t: Pkcs11Token, trusted: readonly TrustedSigner[], label: (role: string) => string, existing?: ReadonlyMap<string, { role: Role; key: Handle }>) {
    this.#t = t;
    const points = existing ? [] : trusted.map((s) => p256Point(s.publicKey)); // every key checked before any object is made
    try {
      if (existing) for (const [signerId, v] of existing) this.#trusted.set(signerId, v);
      else
        trusted.forEach((s, i) => {
          const template = ecPublicKeyTemplate(t.ck, label(`trusted/${s.signerId}`), points[i]!, Buffer.from(s.role, 'utf8'));
          this.#trusted.set(s.signerId, { role: s.role, key: t.create(template) });
        });
      this.#decoy = t.generate({ mechanism: t.ck.CKM_GENERIC_SECRET_KEY_GEN }, decoyKeyTemplate(t.ck, label('decoy')));
    } catch (e) {
      this.destroy();
      throw e;
    }
  }

  /** True while a nonce is outstanding for some credential. */
  get pending(): boolean {
    return this.#pending.size > 0;
  }

  /** The nonce for `requester`: the outstanding one, or a fresh one (a stable decoy for an id that is no trusted credential). */
  issue(requester: string): Uint8Array {
    if (!this.#trusted.has(requester)) return new Uint8Array(hmacSign(this.#t, this.#decoy, Buffer.from(requester, 'utf8')).subarray(0, NONCE_BYTES));
    let n = this.#pending.get(requester);
    if (!n) {
      n = this.#t.random(NONCE_BYTES);
      this.#pending.set(requester, n);
    }
    return new Uint8Array(n);
  }

  /** Signature first (inside the token), then freshness against the signer's own nonce. */
  verify(tbs: Uint8Array, sig: Uint8Array, signerId: string, nonce: Uint8Array): AuthVerdict {
    const t = this.#trusted.get(signerId);
    if (!t || !ecdsaVerify(this.#t, t.key, tbs, sig)) return { ok: false, code: 'BAD_SIGNATURE' };
    const p = this.#pending.get(signerId);
    if (!p || nonce.length !== p.length || !timingSafeEqual(p, nonce)) return { ok: false, code: 'STALE_NONCE', role: t.role };
    return { ok: true, role: t.role };
  }

  /** Forgets every outstanding nonce. */
  clear(): void {
    this.#pending.clear();
  }

  /** Consumes the nonce outstanding for `signerId`. */
  consume(signerId: string): void {
    this.#pending.delete(signerId);
  }

  /** The trusted key objects on the token under `prefix` + `trusted/` (signer id and role from label and CKA_ID), for a restart. */
  static findTrusted(t: Pkcs11Token, prefix: string): Map<string, { role: Role; key: Handle }> {
    const ck = t.ck;
    const out = new Map<string, { role: Role; key: Handle }>();
    for (const key of t.find([{ type: ck.CKA_CLASS, value: ck.CKO_PUBLIC_KEY }])) {
      const a = t.attributes(key, [ck.CKA_LABEL, ck.CKA_ID]);
      const label = a.get(ck.CKA_LABEL)!.toString('utf8');
      const role = a.get(ck.CKA_ID)?.toString('utf8');
      if (!label.startsWith(`${prefix}trusted/`) || (role !== 'manager' && role !== 'auditor')) continue;
      out.set(label.slice(prefix.length + 'trusted/'.length), { role, key });
    }
    return out;
  }

  /** Destroys the decoy secret only (a session object): the trusted keys stay on the token for the next process. */
  detach(): void {
    this.#t.destroy(this.#decoy);
    this.#pending.clear();
  }

  /** Every object this authenticator made. */
  handles(): Handle[] {
    return [...[...this.#trusted.values()].map((x) => x.key), ...(this.#decoy ? [this.#decoy] : [])];
  }

  /** Destroys the trusted key objects and the decoy secret. */
  destroy(): void {
    for (const h of this.handles()) this.#t.destroy(h);
    this.#trusted.clear();
    this.#pending.clear();
  }
}
