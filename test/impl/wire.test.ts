/**
 * The management command envelope (clause CM6): strict parsing with a typed MALFORMED naming
 * the field, and signatures over framed fields so no two commands share signed bytes.
 */
import { describe, expect, it } from 'vitest';
import { encodeEnvelope, parseEnvelope, toBeSigned, type Envelope } from '../../impl/wire/envelope.ts';
import { HsmError } from '../../impl/errors.ts';

const valid: Envelope = {
  v: 1,
  hsm: 'HSM-1',
  op: 'provision',
  key: 'ltk-1',
  nonce: new Uint8Array(16).fill(7),
  signer: 'manager-1',
  wrapped: new Uint8Array(61).fill(3),
  sig: new Uint8Array(64).fill(9),
};
const json = (e: Envelope) => JSON.parse(Buffer.from(encodeEnvelope(e)).toString()) as Record<string, unknown>;
const bytes = (o: unknown) => new Uint8Array(Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)));
const malformed = (x: unknown, field?: string) => {
  try {
    parseEnvelope(x);
  } catch (e) {
    expect(e).toBeInstanceOf(HsmError);
    expect((e as HsmError).code).toBe('MALFORMED');
    if (field) expect((e as HsmError).message).toContain(field);
    return;
  }
  throw new Error('accepted a malformed command');
};

describe('CM6 command envelope', () => {
  it('round-trips', () => {
    expect(parseEnvelope(encodeEnvelope(valid))).toEqual(valid);
    const read = { ...valid, op: 'read' as const, wrapped: null };
    expect(parseEnvelope(encodeEnvelope(read))).toEqual(read);
  });

  it('refuses wrong types, missing and extra fields, naming the field', () => {
    const o = json(valid);
    malformed(bytes({ ...o, v: 2 }), "'v'");
    malformed(bytes({ ...o, op: 'export' }), "'op'");
    malformed(bytes({ ...o, hsm: 7 }), "'hsm'");
    malformed(bytes({ ...o, key: 'a b' }), "'key'");
    malformed(bytes({ ...o, nonce: 'AAAA' }), "'nonce'");
    malformed(bytes({ ...o, nonce: `${o.nonce as string}=` }), "'nonce'");
    malformed(bytes({ ...o, sig: null }), "'sig'");
    malformed(bytes({ ...o, wrapped: [1, 2] }), "'wrapped'");
    malformed(bytes({ ...o, extra: 1 }), 'exactly the fields');
    const { wrapped: _w, ...noWrapped } = o;
    malformed(bytes(noWrapped), 'exactly the fields');
    malformed(bytes({ ...json({ ...valid, op: 'read', wrapped: null }), wrapped: o.wrapped }), 'exactly the fields');
  });

  it('refuses non-bytes, empty, oversized, truncated and garbage input', () => {
    for (const x of ['{}', 42, null, undefined, [1, 2], {}]) malformed(x, 'bytes');
    malformed(new Uint8Array(0), 'empty');
    malformed(new Uint8Array(4097).fill(32), 'larger');
    const good = encodeEnvelope(valid);
    for (let n = 1; n < good.length; n += 7) malformed(good.subarray(0, n));
    malformed(new Uint8Array([0xff, 0xfe, 0x00]), 'UTF-8 JSON');
    malformed(bytes('[1,2]'), 'JSON object');
    malformed(bytes('null'), 'JSON object');
  });

  it('signs framed fields: shifting a character between fields changes the signed bytes', () => {
    const a = toBeSigned({ ...valid, hsm: 'AB', key: 'C' });
    const b = toBeSigned({ ...valid, hsm: 'A', key: 'BC' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });
});
