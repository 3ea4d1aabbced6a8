/**
 * Key material on the supplier's side (a key manager generating keys to provision), and the
 * values a tester can compute from material it knows: the key check value the backend reports,
 * the expected derivation and the public key that verifies signatures.
 * @module
 */
import { createECDH, createHash, createHmac, createPublicKey, randomBytes, verify } from 'node:crypto';
import { kdfMessage } from '../backend/kdf.ts';
import type { KdfInput, KeyKind } from '../backend/types.ts';
import type { KeyMaterial } from './principal.ts';

/** Fresh key material of `kind`. */
export function newKeyMaterial(kind: KeyKind): KeyMaterial {
  if (kind === 'hmac-sha256') return { kind, material: new Uint8Array(randomBytes(32)) };
  for (;;) {
    const d = randomBytes(32);
    try {
      createECDH('prime256v1').setPrivateKey(d);
      return { kind, material: new Uint8Array(d) };
    } catch {
      /* not a valid P-256 scalar (probability about 2^-32): draw again */
    }
  }
}

/** The SPKI DER public key of P-256 private scalar `d`. */
export function ecPublicKey(d: Uint8Array): Uint8Array {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const pub = ecdh.getPublicKey();
  const jwk = { kty: 'EC', crv: 'P-256', x: pub.subarray(1, 33).toString('base64url'), y: pub.subarray(33, 65).toString('base64url') };
  return new Uint8Array(createPublicKey({ key: jwk, format: 'jwk' }).export({ format: 'der', type: 'spki' }));
}

/** The key check value the backend reports for `key`. */
export function expectedKcv(key: KeyMaterial): string {
  if (key.kind === 'hmac-sha256') return createHmac('sha256', key.material).update('onem2m-hsm/kcv/1').digest('hex').slice(0, 6);
  return createHash('sha256').update(ecPublicKey(key.material)).digest('hex').slice(0, 6);
}

/** The derivation an HSM holding `key` must return for `input`. */
export function expectedDerivation(key: KeyMaterial, input: KdfInput): Uint8Array {
  return createHmac('sha256', key.material).update(kdfMessage(input)).digest();
}

/** True when `sig` is a signature of `data` by the private key `key`. */
export function verifiesUnder(key: KeyMaterial, data: Uint8Array, sig: Uint8Array): boolean {
  const pub = createPublicKey({ key: Buffer.from(ecPublicKey(key.material)), format: 'der', type: 'spki' });
  return verify('sha256', data, { key: pub, dsaEncoding: 'ieee-p1363' }, sig);
}
