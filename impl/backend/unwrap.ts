/**
 * Unwrapping inside the backend: the inverse of `impl/wire/wrap.ts`, under the transport key
 * the backend holds, straight into a `KeyObject` that never leaves the backend. The plaintext
 * buffer is overwritten before return. The kind comes with the slot's request and is bound by
 * the associated data, so a key wrapped as one kind cannot be unwrapped as another.
 * @clause CM1 @clause CM6 — REQ-CM1-01, REQ-CM6-02
 *
 * Errors: UNWRAP_FAILED (wrong layout, not for this HSM, slot or kind, tampered, or not a valid key).
 * @module
 */
import { createDecipheriv, createECDH, createPrivateKey, createSecretKey, type KeyObject } from 'node:crypto';
import { hsmError } from '../errors.ts';
import { WRAP_LAYOUT, wrapContext } from '../wire/wrap.ts';
import type { KeyKind } from './types.ts';

const failed = () => hsmError('UNWRAP_FAILED', "the wrapped key does not authenticate under this HSM's transport key for this key slot");

/** Unwraps `wrapped` (a key of `kind` for `keyId` of `hsmId`) with the transport key. */
export function unwrapKey(transport: KeyObject, hsmId: string, keyId: string, kind: KeyKind, wrapped: Uint8Array): KeyObject {
  const L = WRAP_LAYOUT;
  if (wrapped.length !== L.length || wrapped[L.version] !== 1) throw failed();
  let plain: Buffer | null = null;
  try {
    const d = createDecipheriv('aes-256-gcm', transport, wrapped.subarray(L.iv, L.tag));
    d.setAAD(wrapContext(hsmId, keyId, kind));
    d.setAuthTag(wrapped.subarray(L.tag, L.ct));
    plain = Buffer.concat([d.update(wrapped.subarray(L.ct)), d.final()]);
    return kind === 'hmac-sha256' ? createSecretKey(plain) : ecPrivateKey(plain);
  } catch {
    throw failed();
  } finally {
    plain?.fill(0);
  }
}

function ecPrivateKey(d: Buffer): KeyObject {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const pub = ecdh.getPublicKey();
  const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
  return createPrivateKey({ key: { kty: 'EC', crv: 'P-256', d: b64u(d), x: b64u(pub.subarray(1, 33)), y: b64u(pub.subarray(33, 65)) }, format: 'jwk' });
}
