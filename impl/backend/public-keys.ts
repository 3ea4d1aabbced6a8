/**
 * Parsing of public keys (SPKI DER), cached: trust anchors, device keys and transport keys are
 * parsed once. Only public keys go through here.
 * @module
 */
import { createPublicKey, type KeyObject } from 'node:crypto';

const CACHE = new Map<string, KeyObject>();
const MAX = 1024;

/** The public `KeyObject` of SPKI DER bytes; throws on anything else. */
export function publicKeyFromDer(der: Uint8Array): KeyObject {
  const id = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  let k = CACHE.get(id);
  if (!k) {
    k = createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
    if (k.type !== 'public') throw new TypeError('not a public key');
    if (CACHE.size >= MAX) CACHE.delete(CACHE.keys().next().value!);
    CACHE.set(id, k);
  }
  return k;
}
