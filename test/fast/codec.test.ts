/**
 * Schema codecs: contexts round-trip exactly (JSON, key order included), distinct contexts get
 * distinct words, values outside the schema are refused, and the word-level permuter maps all
 * index permutations of a context to one canonical encoding of the sorted context.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayOf, bool, int, oneOf, record, schemaCodec } from '../../proofs/fast/index.ts';

const STATES = ['empty', 'provisioned', 'deprecated', 'deleted'] as const;

const schema = {
  slots: arrayOf(9, oneOf(...STATES)),
  counter: int(-5, 1000),
  wide: int(0, 0xffffffff),
  nested: record({ flag: bool(), pair: arrayOf(2, record({ a: oneOf(null, 'x', 3), b: int(7, 7) })) }),
  on: bool(),
};

const value = fc.record({
  slots: fc.array(fc.constantFrom(...STATES), { minLength: 9, maxLength: 9 }),
  counter: fc.integer({ min: -5, max: 1000 }),
  wide: fc.integer({ min: 0, max: 0xffffffff }),
  nested: fc.record({
    flag: fc.boolean(),
    pair: fc.array(fc.record({ a: fc.constantFrom(null, 'x', 3), b: fc.constant(7) }), { minLength: 2, maxLength: 2 }),
  }),
  on: fc.boolean(),
});

describe('schemaCodec', () => {
  const codec = schemaCodec(schema);
  const enc = (c: unknown) => {
    const w = new Uint32Array(codec.words);
    codec.encode(c, w, 0);
    return Array.from(w);
  };

  it('round-trips every context exactly', () => {
    fc.assert(
      fc.property(value, (c) => {
        expect(JSON.stringify(codec.decode(Uint32Array.from(enc(c)), 0))).toBe(JSON.stringify(c));
      }),
    );
  });

  it('gives distinct contexts distinct words', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(JSON.stringify(a) === JSON.stringify(b)).toBe(enc(a).join() === enc(b).join());
      }),
    );
  });

  it('refuses values outside the schema', () => {
    const ok = {
      slots: Array(9).fill('empty'),
      counter: 0,
      wide: 0,
      nested: {
        flag: true,
        pair: [
          { a: null, b: 7 },
          { a: 3, b: 7 },
        ],
      },
      on: false,
    };
    expect(() => enc(ok)).not.toThrow();
    expect(() => enc({ ...ok, slots: [...ok.slots.slice(1), 'lost'] })).toThrow(/slots\[8\]/);
    expect(() => enc({ ...ok, slots: ok.slots.slice(1) })).toThrow(/slots/);
    expect(() => enc({ ...ok, counter: 1001 })).toThrow(/counter/);
    expect(() => enc({ ...ok, counter: 1.5 })).toThrow(/counter/);
    expect(() => enc({ ...ok, nested: { ...ok.nested, flag: 1 } })).toThrow(/nested.flag/);
  });

  it('leaves spare high bits for the configuration', () => {
    const c = schemaCodec({ slots: arrayOf(10, oneOf(...STATES)), a: bool(), b: bool(), c: bool() });
    expect(c.words).toBe(1);
    expect(c.spareBits).toBe(32 - 23);
  });
});

describe('word-level permuter', () => {
  for (const n of [3, 16, 40]) {
    const codec = schemaCodec({ slots: arrayOf(n, oneOf(...STATES)), on: bool() });
    const permute = codec.permuter!(['slots'])!;
    const canon = (slots: string[], on: boolean) => {
      const w = new Uint32Array(codec.words);
      codec.encode({ slots, on }, w, 0);
      permute(w, 0);
      return w;
    };
    it(`maps every permutation of ${n} slots to the encoding of the sorted slots`, () => {
      const slots = fc.array(fc.constantFrom(...STATES), { minLength: n, maxLength: n });
      fc.assert(
        fc.property(slots, fc.boolean(), fc.array(fc.nat(), { minLength: n, maxLength: n }), (s, on, keys) => {
          const shuffled = s
            .map((x, i) => [keys[i]!, x] as const)
            .sort((a, b) => a[0] - b[0])
            .map(([, x]) => x);
          const a = canon(s, on);
          expect(Array.from(canon(shuffled, on))).toEqual(Array.from(a));
          const back = codec.decode(a, 0) as { slots: string[]; on: boolean };
          expect(back.on).toBe(on);
          expect([...back.slots].sort()).toEqual([...s].sort());
          expect(back.slots).toEqual([...back.slots].sort((x, y) => STATES.indexOf(x as never) - STATES.indexOf(y as never)));
        }),
        { numRuns: 60 },
      );
    });
  }
});
