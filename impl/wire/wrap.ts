/**
 * The wrapped-key format for provisioning and replacement: keys travel only encrypted under
 * the HSM's transport key (AES-256, personalised into the HSM at manufacture and held by its
 * key manager), never in clear. AES-256-GCM with a random 96-bit IV; the associated data binds
 * the wrapped key to one HSM, one key slot and one key kind. This file is the manager's side
 * and the shared layout; unwrapping happens only inside the backend (`impl/backend/unwrap.ts`).
 * @clause CM6 @clause CM1
 *
 * Layout: version (1 byte = 1) || IV (12) || tag (16) || ciphertext (32: the HMAC key, or the P-256 private scalar).
 * @module
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import type { KeyKind } from '../backend/types.ts';
import { concat, frame, utf8 } from '../encoding.ts';

/** Key material length of every kind, and of a transport key, in bytes. */
export const MATERIAL_BYTES = 32;
/** Offsets of the layout, and its total length. */
export const WRAP_LAYOUT = { version: 0, iv: 1, tag: 13, ct: 29, length: 29 + MATERIAL_BYTES } as const;

/** The associated data binding a wrapped key to one HSM, one slot and one kind. */
export function wrapContext(hsmId: string, keyId: string, kind: KeyKind): Uint8Array {
  return frame(utf8('onem2m-hsm/wrap/1'), utf8(hsmId), utf8(keyId), utf8(kind));
}

/** Wraps `material` of `kind` for slot `keyId` of HSM `hsmId` under its transport key. */
export function wrapKey(transportKey: Uint8Array, hsmId: string, keyId: string, kind: KeyKind, material: Uint8Array): Uint8Array {
  if (material.length !== MATERIAL_BYTES || transportKey.length !== MATERIAL_BYTES) throw new RangeError(`keys must be ${MATERIAL_BYTES} bytes`);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', transportKey, iv);
  c.setAAD(wrapContext(hsmId, keyId, kind));
  const ct = concat(c.update(material), c.final());
  return concat(new Uint8Array([1]), iv, c.getAuthTag(), ct);
}
