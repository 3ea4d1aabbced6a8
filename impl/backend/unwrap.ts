/**
 * Unwrapping inside the backend: the inverse of `impl/wire/wrap.ts`, under the transport key
 * the backend holds, straight into a `KeyObject` that never leaves the backend. The kind comes
 * with the slot's request and is bound by the associated data, so a key wrapped as one kind
 * cannot be unwrapped as another.
 * @clause CM1 @clause CM6 — REQ-CM1-01, REQ-CM6-02
 *
 * Copies of key bytes are kept to the minimum (ASM-14): the plaintext goes from the decipher
 * into a `KeyObject` through Buffers only — an HMAC key as raw bytes, a P-256 scalar inside a
 * PKCS#8 DER built here — never through a string (no JWK, no base64), and every temporary
 * Buffer that held key bytes (the decipher's output, the plaintext, the DER) is zeroed before
 * return, on success and on failure. What JavaScript cannot promise beyond that (strings,
 * copies the runtime makes, other code in the process) is stated by ASM-14.
 *
 * Errors: UNWRAP_FAILED (wrong layout, not for this HSM, slot or kind, tampered, or not a valid key).
 * @module
 */
import { createDecipheriv, createPrivateKey, createSecretKey, type KeyObject } from 'node:crypto';
import { hsmError } from '../errors.ts';
import { MATERIAL_BYTES, WRAP_LAYOUT, wrapContext } from '../wire/wrap.ts';
import type { KeyKind } from './types.ts';

const failed = () => hsmError('UNWRAP_FAILED', "the wrapped key does not authenticate under this HSM's transport key for this key slot");

/**
 * PKCS#8 PrivateKeyInfo of a P-256 key up to its 32-byte scalar: version 0, AlgorithmIdentifier
 * (id-ecPublicKey, prime256v1), OCTET STRING of ECPrivateKey { version 1, privateKey OCTET STRING (32) }
 * without the optional public key (OpenSSL computes it from the scalar).
 */
const PKCS8_P256_PREFIX = Uint8Array.from([
  0x30, 0x41, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
  0x04, 0x27, 0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20,
]);

/** The order n of the P-256 group, big-endian. */
const P256_ORDER = Uint8Array.from([
  0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9,
  0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
]);

/** Unwraps `wrapped` (a key of `kind` for `keyId` of `hsmId`) with the transport key. */
export function unwrapKey(transport: KeyObject, hsmId: string, keyId: string, kind: KeyKind, wrapped: Uint8Array): KeyObject {
  const L = WRAP_LAYOUT;
  if (wrapped.length !== L.length || wrapped[L.version] !== 1) throw failed();
  const temporaries: Uint8Array[] = [];
  try {
    const d = createDecipheriv('aes-256-gcm', transport, wrapped.subarray(L.iv, L.tag));
    d.setAAD(wrapContext(hsmId, keyId, kind));
    d.setAuthTag(wrapped.subarray(L.tag, L.ct));
    temporaries.push(d.update(wrapped.subarray(L.ct))); // unauthenticated until final() returns: zeroed too
    temporaries.push(d.final());
    const plain = Buffer.concat(temporaries);
    temporaries.push(plain);
    if (plain.length !== MATERIAL_BYTES) throw failed();
    if (kind === 'hmac-sha256') return createSecretKey(plain);
    if (!isP256Scalar(plain)) throw failed();
    const der = Buffer.alloc(PKCS8_P256_PREFIX.length + MATERIAL_BYTES);
    temporaries.push(der);
    der.set(PKCS8_P256_PREFIX, 0);
    der.set(plain, PKCS8_P256_PREFIX.length);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    throw failed();
  } finally {
    zeroAll(temporaries);
  }
}

/** Overwrites every buffer with zeros (the `KeyObject` holds its own copy by then). */
export function zeroAll(buffers: readonly Uint8Array[]): void {
  for (const b of buffers) b.fill(0);
}

/** 1 ≤ d < n for a 32-byte big-endian `d`, without branching on its bytes (what ECDH.setPrivateKey checked before). */
export function isP256Scalar(d: Uint8Array): boolean {
  let borrow = 0;
  let nonZero = 0;
  for (let i = d.length - 1; i >= 0; i--) {
    borrow = ((d[i]! - P256_ORDER[i]! - borrow) >>> 31) & 1;
    nonZero |= d[i]!;
  }
  return borrow === 1 && nonZero !== 0;
}
