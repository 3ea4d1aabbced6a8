/**
 * The key derivation message, in the style of oneM2M's security key derivations (HMAC-SHA256
 * over a label, a context and both parties' nonces) and of the NIST SP 800-108 counter-mode
 * single block: [1] || label || 0x00 || context || nonceA || nonceB || [256]₁₆. Pure and
 * key-free: the HMAC over it runs inside the backend.
 *
 * Errors: MALFORMED (label not 1–64 printable ASCII, context over 1024 bytes, nonces not two byte arrays of 1–64 bytes).
 * @module
 */
import { isBytes } from '../encoding.ts';
import { hsmError } from '../errors.ts';
import type { KdfInput } from './types.ts';

/** Bounds of the derivation input. */
export const KDF_LIMITS = { label: 64, context: 1024, nonce: 64 } as const;

const LABEL = /^[\x21-\x7e]{1,64}$/;
const bad = (why: string) => hsmError('MALFORMED', `derivation input: ${why}`);

/** Validates `input` and returns the derivation message. */
export function kdfMessage(input: KdfInput): Buffer {
  if (typeof input !== 'object' || input === null) throw bad('expected { label, context, nonces }');
  const { label, context, nonces } = input;
  if (typeof label !== 'string' || !LABEL.test(label)) throw bad(`label must be 1-${KDF_LIMITS.label} printable ASCII characters`);
  if (!isBytes(context) || context.length > KDF_LIMITS.context) throw bad(`context must be at most ${KDF_LIMITS.context} bytes`);
  if (!Array.isArray(nonces) || nonces.length !== 2) throw bad('nonces must be two byte arrays');
  const [a, b] = nonces;
  if (!isBytes(a) || !isBytes(b) || a.length < 1 || b.length < 1 || a.length > KDF_LIMITS.nonce || b.length > KDF_LIMITS.nonce) {
    throw bad(`each nonce must be 1-${KDF_LIMITS.nonce} bytes`);
  }
  const m = Buffer.allocUnsafe(1 + label.length + 1 + context.length + a.length + b.length + 2);
  let o = 0;
  m[o++] = 1;
  o += m.write(label, o, 'latin1');
  m[o++] = 0;
  m.set(context, o);
  o += context.length;
  m.set(a, o);
  o += a.length;
  m.set(b, o);
  o += b.length;
  m[o++] = 1;
  m[o] = 0;
  return m;
}
