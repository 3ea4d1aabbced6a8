/**
 * Key material in a JavaScript process (ASM-14): unwrapping makes no string of key bytes, and
 * every temporary buffer that held key bytes is zeroed once the `KeyObject` exists — on success
 * and on failure. What JavaScript cannot promise beyond this is the assumption, not a test.
 */
import { createDecipheriv, createECDH, createPublicKey, createSecretKey, randomBytes, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KeyKind } from '../../impl/backend/types.ts';
import { unwrapKey } from '../../impl/backend/unwrap.ts';
import { MATERIAL_BYTES, wrapKey } from '../../impl/wire/wrap.ts';

const HSM = 'HSM-T';
const SLOT = 'ltk-1';
const transportBytes = randomBytes(32);
const transport = createSecretKey(transportBytes);

/** A fresh key of `kind`: its 32 secret bytes and the key wrapped for HSM-T's slot. */
function freshKey(kind: KeyKind): { secret: Buffer; wrapped: Uint8Array } {
  let secret = randomBytes(MATERIAL_BYTES);
  if (kind === 'ecdsa-p256') {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    secret = ecdh.getPrivateKey();
  }
  return { secret, wrapped: wrapKey(transportBytes, HSM, SLOT, kind, secret) };
}

const holds = (b: Uint8Array, secret: Uint8Array): boolean => Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(secret) >= 0;

let inSpy = false;
/** Replaces `obj[name]` by a wrapper that reports each outermost call (not the spies' own); returns the restorer. */
function around<T extends object>(obj: T, name: string, seen: (self: unknown, args: unknown[], result: unknown) => void): () => void {
  const rec = obj as Record<string, unknown>;
  const original = rec[name] as (...a: unknown[]) => unknown;
  rec[name] = function (this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    if (!inSpy) {
      inSpy = true;
      try {
        seen(this, args, result);
      } finally {
        inSpy = false;
      }
    }
    return result;
  };
  return () => {
    rec[name] = original;
  };
}

/** The object on `o`'s prototype chain that owns `name`. */
function owner(o: object, name: string): object {
  for (let p: object | null = o; p; p = Object.getPrototypeOf(p)) if (Object.hasOwn(p, name)) return p;
  throw new Error(`no ${name}`);
}

const KINDS: KeyKind[] = ['hmac-sha256', 'ecdsa-p256'];

describe('ASM-14: copies of key bytes while unwrapping', () => {
  // Fails if unwrapKey turns key bytes into a string (e.g. base64url for a JWK, as it once did) through Buffer#toString, TextDecoder or btoa.
  it.each(KINDS)('%s: no string is made from the key bytes', (kind) => {
    const { secret, wrapped } = freshKey(kind);
    const inputs: Uint8Array[] = [];
    const copy = (x: unknown) => {
      if (ArrayBuffer.isView(x)) inputs.push(new Uint8Array(x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength)));
    };
    const strings: string[] = [];
    const restore = [
      around(Buffer.prototype, 'toString', (self, _a, r) => {
        copy(self);
        strings.push(String(r));
      }),
      around(TextDecoder.prototype, 'decode', (_s, a, r) => {
        copy(a[0]);
        strings.push(String(r));
      }),
      around(globalThis, 'btoa', (_s, a, r) => {
        strings.push(String(a[0]), String(r));
      }),
    ];
    try {
      unwrapKey(transport, HSM, SLOT, kind, wrapped);
    } finally {
      for (const r of restore) r();
    }
    expect(inputs.filter((b) => holds(b, secret))).toEqual([]);
    const encodings = ['hex', 'base64', 'base64url', 'latin1'].map((e) => secret.toString(e as BufferEncoding).replace(/=+$/, ''));
    expect(strings.filter((s) => encodings.some((e) => s.includes(e)))).toEqual([]);
  });

  // Fails if a buffer that held key bytes while unwrapping (the decipher's output, the plaintext, the PKCS#8 DER) still holds them after unwrapKey returns or throws.
  it.each(KINDS.flatMap((k) => [[k, 'success'] as const, [k, 'failure'] as const]))('%s, %s: every temporary buffer is zeroed', (kind, outcome) => {
    const { secret, wrapped } = freshKey(kind);
    const made: Uint8Array[] = [];
    let heldKey = 0;
    const keep = (r: unknown) => {
      if (!(r instanceof Uint8Array)) return;
      made.push(r);
      if (holds(r, secret)) heldKey++;
    };
    const decipher = owner(createDecipheriv('aes-256-gcm', randomBytes(32), randomBytes(12)), 'update');
    const restore = [
      around(decipher, 'update', (_s, _a, r) => keep(r)),
      around(owner(createDecipheriv('aes-256-gcm', randomBytes(32), randomBytes(12)), 'final'), 'final', (_s, _a, r) => keep(r)),
      ...(['concat', 'alloc', 'allocUnsafe', 'allocUnsafeSlow', 'from'] as const).map((f) => around(Buffer, f, (_s, _a, r) => keep(r))),
    ];
    // A failure after decryption: the tag no longer authenticates, but update() has already returned the plaintext.
    const input = outcome === 'success' ? wrapped : Uint8Array.from(wrapped, (b, i) => (i === 13 ? b ^ 1 : b));
    let key: ReturnType<typeof unwrapKey> | null = null;
    try {
      key = unwrapKey(transport, HSM, SLOT, kind, input);
    } catch (e) {
      expect(String(e)).toMatch(/UNWRAP_FAILED/);
    } finally {
      for (const r of restore) r();
    }
    expect(key === null).toBe(outcome === 'failure');
    expect(heldKey, 'the spies saw the plaintext (else this test checks nothing)').toBeGreaterThan(0);
    expect(made.filter((b) => holds(b, secret)).length).toBe(0);
  });
});

describe('unwrapping without JWK: the same keys as before', () => {
  // Fails if the PKCS#8 import yields a different key than the scalar wrapped (wrong DER, wrong curve).
  it('an ECDSA key unwraps to the key of its scalar', () => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const d = ecdh.getPrivateKey();
    const key = unwrapKey(transport, HSM, SLOT, 'ecdsa-p256', wrapKey(transportBytes, HSM, SLOT, 'ecdsa-p256', d));
    const jwk = createPublicKey(key).export({ format: 'jwk' });
    expect(Buffer.from(jwk.x!, 'base64url')).toEqual(ecdh.getPublicKey().subarray(1, 33));
    expect(Buffer.from(jwk.y!, 'base64url')).toEqual(ecdh.getPublicKey().subarray(33, 65));
    const sig = sign('sha256', Buffer.from('m'), key);
    expect(verify('sha256', Buffer.from('m'), createPublicKey(key), sig)).toBe(true);
  });

  // Fails if a scalar outside [1, n-1] is accepted (OpenSSL's PKCS#8 import does not check it; ECDH.setPrivateKey did).
  it.each([
    ['zero', '00'.repeat(32)],
    ['n', 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'],
    ['n+1', 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632552'],
    ['all ones', 'ff'.repeat(32)],
  ])('a P-256 scalar equal to %s is refused (UNWRAP_FAILED)', (_name, hex) => {
    const wrapped = wrapKey(transportBytes, HSM, SLOT, 'ecdsa-p256', Buffer.from(hex, 'hex'));
    expect(() => unwrapKey(transport, HSM, SLOT, 'ecdsa-p256', wrapped)).toThrow(/UNWRAP_FAILED/);
  });

  // Fails if the largest valid scalar (n-1) or the smallest (1) is refused.
  it.each([
    ['1', `${'00'.repeat(31)}01`],
    ['n-1', 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550'],
  ])('a P-256 scalar equal to %s is accepted', (_name, hex) => {
    const wrapped = wrapKey(transportBytes, HSM, SLOT, 'ecdsa-p256', Buffer.from(hex, 'hex'));
    expect(unwrapKey(transport, HSM, SLOT, 'ecdsa-p256', wrapped).asymmetricKeyType).toBe('ec');
  });
});
