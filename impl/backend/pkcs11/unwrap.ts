/**
 * Unwrapping of a transport-wrapped key into the token. The wire format is AES-256-GCM under the
 * transport key (`impl/wire/wrap.ts`). SoftHSM 2.6.1 offers CKM_AES_GCM for encrypt and decrypt
 * but not for C_UnwrapKey (measured: CKR_MECHANISM_INVALID; its unwrap mechanisms are
 * CKM_AES_KEY_WRAP, CKM_AES_KEY_WRAP_PAD, CKM_RSA_PKCS and CKM_RSA_PKCS_OAEP), and a C_UnwrapKey
 * into an EC key expects a PKCS#8 encoding, not the bare scalar the format carries. The closest
 * route inside the token is taken: the token authenticates and decrypts (C_Decrypt, CKM_AES_GCM,
 * with the transport key, which can do nothing else), and the plaintext goes at once into a new
 * token object (C_CreateObject: sensitive, not extractable). The plaintext passes through one
 * Buffer the backend allocates for C_Decrypt, never through a string, and that Buffer is zeroed
 * before return, on success and on failure. What pkcs11js copies into native memory for the two
 * calls is beyond JavaScript's reach (ASM-14). For a P-256 key the public point is computed with
 * an `ECDH` object that is then given the scalar 1, so OpenSSL frees (and clears) the key that
 * held the scalar; the public key is kept as a token object beside the private one.
 * @clause CM1 @clause CM2 @clause CM6 — REQ-CM1-01, REQ-CM2-01, REQ-CM6-02
 *
 * Errors: UNWRAP_FAILED (wrong layout, not for this HSM, slot or kind, tampered, or not a valid
 * key; SoftHSM reports a failed GCM tag as CKR_GENERAL_ERROR); `TokenError` if creating the object fails.
 * @module
 */
import { createECDH, createHash } from 'node:crypto';
import { hsmError } from '../../errors.ts';
import { MATERIAL_BYTES, WRAP_LAYOUT, wrapContext } from '../../wire/wrap.ts';
import type { KeyKind } from '../types.ts';
import { isP256Scalar, zeroAll } from '../unwrap.ts';
import type { Handle } from './api.ts';
import { aesGcm, hmacSign } from './mechanisms.ts';
import { ecPrivateKeyTemplate, ecPublicKeyTemplate, hmacKeyTemplate } from './templates.ts';
import type { Pkcs11Token } from './token.ts';

const failed = () => hsmError('UNWRAP_FAILED', "the wrapped key does not authenticate under this HSM's transport key for this key slot");

/** SPKI DER of a P-256 public key up to its 65-byte uncompressed point. */
export const SPKI_P256_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');

/** The scalar 1, given to the ECDH object once the public point is known. */
const ONE = Buffer.concat([Buffer.alloc(31), Buffer.from([1])]);

/** A long-term key held by the token: its object, the public key object (P-256), and its key check value (also stored as CKA_ID of both objects). */
export interface TokenKey {
  readonly handle: Handle;
  readonly publicHandle: Handle | null;
  readonly kcv: string;
}

/** Key check value of an HMAC key: 3 bytes of HMAC(key, "onem2m-hsm/kcv/1"), computed by the token (as the node backend computes it). */
export function hmacKcv(t: Pkcs11Token, key: Handle): string {
  return hmacSign(t, key, Buffer.from('onem2m-hsm/kcv/1')).toString('hex').slice(0, 6);
}

/** Key check value of a P-256 key: 3 bytes of SHA-256 of its SPKI DER (as the node backend computes it). */
export function ecKcv(point: Buffer): string {
  return createHash('sha256').update(SPKI_P256_PREFIX).update(point).digest('hex').slice(0, 6);
}

/** Labels of a slot's objects. */
export interface KeyLabels {
  readonly key: string;
  readonly publicKey: string;
}

/** Decrypts `wrapped` (a key of `kind` for `keyId` of `hsmId`) inside the token and stores it there as a new token object. */
export function unwrapIntoToken(
  t: Pkcs11Token,
  transport: Handle,
  hsmId: string,
  keyId: string,
  kind: KeyKind,
  wrapped: Uint8Array,
  labels: KeyLabels,
): TokenKey {
  const L = WRAP_LAYOUT;
  if (wrapped.length !== L.length || wrapped[L.version] !== 1) throw failed();
  const data = Buffer.concat([wrapped.subarray(L.ct), wrapped.subarray(L.tag, L.ct)]); // ciphertext || tag, as PKCS#11 GCM takes it
  const out = Buffer.alloc(data.length); // SoftHSM needs room for the whole input (CKR_BUFFER_TOO_SMALL otherwise)
  const temporaries: Uint8Array[] = [out];
  const made: Handle[] = [];
  try {
    let plain: Buffer;
    try {
      plain = t.decrypt(aesGcm(t, wrapped.subarray(L.iv, L.tag), wrapContext(hsmId, keyId, kind)), transport, data, out);
    } catch {
      throw failed();
    }
    temporaries.push(plain);
    if (plain.length !== MATERIAL_BYTES) throw failed();
    if (kind === 'hmac-sha256') {
      const handle = t.create(hmacKeyTemplate(t.ck, labels.key, plain));
      made.push(handle);
      const kcv = hmacKcv(t, handle);
      t.set(handle, [{ type: t.ck.CKA_ID, value: Buffer.from(kcv, 'utf8') }]); // kept for a restart (a deprecated key can no longer sign its kcv)
      made.length = 0;
      return { handle, publicHandle: null, kcv };
    }
    if (!isP256Scalar(plain)) throw failed(); // SoftHSM would store a zero or out-of-range scalar (measured)
    const point = publicPoint(plain);
    const kcv = ecKcv(point);
    const id = Buffer.from(kcv, 'utf8');
    const handle = t.create(ecPrivateKeyTemplate(t.ck, labels.key, plain, id));
    made.push(handle);
    const publicHandle = t.create(ecPublicKeyTemplate(t.ck, labels.publicKey, point, id));
    made.length = 0;
    return { handle, publicHandle, kcv };
  } finally {
    for (const h of made) t.destroy(h);
    zeroAll(temporaries);
  }
}

/** The uncompressed public point of scalar `d` (valid: checked before). */
function publicPoint(d: Buffer): Buffer {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  ecdh.setPrivateKey(ONE);
  return point;
}
