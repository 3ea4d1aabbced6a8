/**
 * The key derivation message, in the style of oneM2M's security key derivations (HMAC-SHA256
 * over a label, a context and both parties' nonces) and of the NIST SP 800-108 counter-mode
 * single block: [1] || label || 0x00 || context || nonceA || nonceB || [256]₁₆. Pure and
 * key-free: the HMAC over it runs inside the backend.
 *
 * Errors: MALFORMED (label not 1–64 printable ASCII, context over 1024 bytes, nonces not two byte arrays of 1–64 bytes,
 * a byte field not a genuine Uint8Array, or a field whose reading throws).
 * @module
 */
import { takeBytes } from '../bytes.ts';
import { hsmError } from '../errors.ts';
import type { KdfInput } from './types.ts';

/** Bounds of the derivation input. */
export const KDF_LIMITS = { label: 64, context: 1024, nonce: 64 } as const;

const LABEL = /^[\x21-\x7e]{1,64}$/;
const bad = (why: string) => hsmError('MALFORMED', `derivation input: ${why}`);
const SHAPE = 'expected { label, context, nonces } of plain values';

/** The fields of the caller's input, each read once; reading runs caller code (getters, Proxies), so anything it throws is MALFORMED. */
function fields(input: unknown): { label: unknown; context: unknown; nonces: readonly [unknown, unknown] | null } {
  if (typeof input !== 'object' || input === null) throw bad('expected { label, context, nonces }');
  try {
    const { label, context, nonces } = input as Record<string, unknown>;
    const two = Array.isArray(nonces) && (nonces.length as unknown) === 2;
    return { label, context, nonces: two ? [nonces[0], nonces[1]] : null };
  } catch {
    throw bad(SHAPE);
  }
}

/**
 * Validates `input` and returns the derivation message. Byte fields go through the input gate
 * (`impl/bytes.ts`): private copies of genuine `Uint8Array`s, sized by their internal slots.
 */
export function kdfMessage(input: KdfInput): Buffer {
  const { label, context: c, nonces } = fields(input);
  if (typeof label !== 'string' || !LABEL.test(label)) throw bad(`label must be 1-${KDF_LIMITS.label} printable ASCII characters`);
  const context = takeBytes(c, KDF_LIMITS.context);
  if (context === null) throw bad(`context must be a Uint8Array of at most ${KDF_LIMITS.context} bytes`);
  if (nonces === null) throw bad('nonces must be two byte arrays');
  const a = takeBytes(nonces[0], KDF_LIMITS.nonce);
  const b = takeBytes(nonces[1], KDF_LIMITS.nonce);
  if (a === null || b === null || a.length < 1 || b.length < 1) throw bad(`each nonce must be a Uint8Array of 1-${KDF_LIMITS.nonce} bytes`);
  const m = Buffer.alloc(1 + label.length + 1 + context.length + a.length + b.length + 2);
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
