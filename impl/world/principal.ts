/**
 * A management principal's side of the protocol: an ECDSA P-256 credential, and the tooling to
 * wrap a key for an HSM and sign a command over the HSM's challenge. Used by managers,
 * auditors and (with an untrusted key) forgers; never by the HSM. @clause CM6
 * @module
 */
import { createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Op } from '../../model/management.ts';
import type { KeyKind, Role, TrustedSigner } from '../backend/types.ts';
import { CARRIES_KEY, encodeEnvelope, toBeSigned, type Unsigned } from '../wire/envelope.ts';
import { wrapKey } from '../wire/wrap.ts';

/** What a principal needs to know about an HSM to address it. */
export interface HsmAddress {
  readonly hsmId: string;
  /** The HSM's transport key, to wrap keys for it (held by its key manager; absent: the principal cannot wrap). */
  readonly transportKey?: Uint8Array;
}

/** A key to supply with provision or replace: its kind and 32 bytes of material. */
export interface KeyMaterial {
  readonly kind: KeyKind;
  readonly material: Uint8Array;
}

/** A holder of a management credential. */
export class Principal {
  readonly signerId: string;
  /** Public key (SPKI DER). */
  readonly publicKey: Uint8Array;
  readonly #key: KeyObject;

  /** A new credential, or (`privateKey`, a P-256 private key) an existing one, e.g. the same manager in another process. */
  constructor(signerId: string, privateKey?: KeyObject) {
    const key = privateKey ?? generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    this.signerId = signerId;
    this.#key = key;
    this.publicKey = new Uint8Array(createPublicKey(key).export({ format: 'der', type: 'spki' }));
  }

  /** The trust entry an HSM would hold for this principal with `role`. */
  trustAs(role: Role): TrustedSigner {
    return { signerId: this.signerId, role, publicKey: this.publicKey };
  }

  /** Signs arbitrary bytes with the credential (for building hostile or replayed commands). */
  signBytes(bytes: Uint8Array): Uint8Array {
    return sign('sha256', bytes, { key: this.#key, dsaEncoding: 'ieee-p1363' });
  }

  /** A signed command, as wire bytes: `op` on `keyId` over `nonce`, with `key` wrapped for provision/replace. */
  command(hsm: HsmAddress, op: Op, keyId: string, nonce: Uint8Array, key?: KeyMaterial): Uint8Array {
    let wrapped: Uint8Array | null = null;
    if (CARRIES_KEY.includes(op)) {
      if (!key || !hsm.transportKey) throw new TypeError(`'${op}' needs a key and the HSM's transport key`);
      wrapped = wrapKey(hsm.transportKey, hsm.hsmId, keyId, key.kind, key.material);
    }
    const u: Unsigned = { v: 1, hsm: hsm.hsmId, op, key: keyId, nonce, signer: this.signerId, wrapped };
    return encodeEnvelope({ ...u, sig: this.signBytes(toBeSigned(u)) });
  }
}
