/**
 * The mechanisms the backend runs inside the token. SoftHSM 2.6.1 has no CKM_ECDSA_SHA256
 * (measured), so ECDSA hashes with SHA-256 outside the token (over data that is not secret) and
 * signs or verifies the digest with CKM_ECDSA, whose output is r || s: the IEEE P1363 form the
 * node backend produces. HMAC-SHA256 is CKM_SHA256_HMAC over a generic secret key.
 * @clause CM4 @clause CM6 — REQ-CM4-01, REQ-CM4-02, REQ-CM6-01
 *
 * Errors: `TokenError` (an unexpected CKR from the token); verification answers false rather than
 * throwing for a signature that does not verify or has the wrong length.
 * @module
 */
import { createHash } from 'node:crypto';
import type { Handle } from './api.ts';
import { TokenError } from './ckr.ts';
import type { Pkcs11Token } from './token.ts';

/** Bytes of an HMAC-SHA256 output, and of a P-256 signature in P1363 form. */
export const HMAC_BYTES = 32;
export const P1363_BYTES = 64;

/** HMAC-SHA256 of `data` under `key`, computed by the token. */
export function hmacSign(t: Pkcs11Token, key: Handle, data: Uint8Array): Buffer {
  try {
    return t.sign({ mechanism: t.ck.CKM_SHA256_HMAC }, key, asBuffer(data), HMAC_BYTES);
  } catch (e) {
    throw new TokenError('C_Sign (CKM_SHA256_HMAC)', e);
  }
}

/** True when `mac` is the HMAC-SHA256 of `data` under `key`, compared inside the token (C_Verify). */
export function hmacVerify(t: Pkcs11Token, key: Handle, data: Uint8Array, mac: Uint8Array): boolean {
  if (mac.length !== HMAC_BYTES) return false;
  return t.verify({ mechanism: t.ck.CKM_SHA256_HMAC }, key, asBuffer(data), asBuffer(mac));
}

/** ECDSA P-256 signature (P1363) of SHA-256(`data`) by the private key `key`. */
export function ecdsaSign(t: Pkcs11Token, key: Handle, data: Uint8Array): Buffer {
  try {
    return t.sign({ mechanism: t.ck.CKM_ECDSA }, key, sha256(data), P1363_BYTES);
  } catch (e) {
    throw new TokenError('C_Sign (CKM_ECDSA)', e);
  }
}

/** True when `sig` (P1363) is a signature of SHA-256(`data`) under the public key `key`, checked inside the token. */
export function ecdsaVerify(t: Pkcs11Token, key: Handle, data: Uint8Array, sig: Uint8Array): boolean {
  if (sig.length !== P1363_BYTES) return false;
  return t.verify({ mechanism: t.ck.CKM_ECDSA }, key, sha256(data), asBuffer(sig));
}

/** The CKM_AES_GCM mechanism with a 96-bit IV, associated data and a 128-bit tag. */
export function aesGcm(t: Pkcs11Token, iv: Uint8Array, aad: Uint8Array) {
  return {
    mechanism: t.ck.CKM_AES_GCM,
    parameter: { type: t.ck.CK_PARAMS_AES_GCM, iv: Buffer.from(iv), ivBits: iv.length * 8, aad: Buffer.from(aad), tagBits: 128 },
  };
}

function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/** A Buffer view of the same bytes (no copy). */
export function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
