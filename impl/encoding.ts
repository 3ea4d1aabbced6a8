/**
 * Byte helpers: strict base64url, UTF-8, concatenation and length-prefixed framing. Decoders
 * return null on anything that is not canonical, so parsers can refuse with a typed error.
 * @module
 */

/** Bytes as unpadded base64url. */
export function b64u(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

const B64U = /^[A-Za-z0-9_-]*$/;

/** Decodes canonical unpadded base64url; null when `text` is not canonical or longer than `max` bytes. */
export function fromB64u(text: string, max: number): Uint8Array | null {
  if (text.length > Math.ceil((max * 4) / 3) || !B64U.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64url');
  return b64u(bytes) === text ? new Uint8Array(bytes) : null;
}

/** UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** Concatenates byte arrays. */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Frames fields as 2-byte big-endian length + bytes each, so no two field lists share an encoding. */
export function frame(...fields: readonly Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of fields) {
    if (f.length > 0xffff) throw new RangeError('field longer than 65535 bytes');
    parts.push(new Uint8Array([f.length >> 8, f.length & 0xff]), f);
  }
  return concat(...parts);
}
