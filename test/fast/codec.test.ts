/**
 * Schema codecs: contexts round-trip exactly (JSON, key order included), distinct contexts get
 * distinct words, values outside the schema are refused, and the word-level permuter maps all
 * index permutations of a context to one canonical encoding of the sorted context. Constants,
 * nullable parts and bounded lists round-trip too (constants by identity), and the layout a
 * codec describes is the one its code uses: each leaf, presence flag and list length lives in
 * its own bits, and changing those bits changes that part of the decoded context alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayOf, bool, constant, int, list, nullable, oneOf, record, schemaCodec } from '../../proofs/fast/index.ts';
import type { LayoutNode, LeafSlot } from '../../proofs/fast/types.ts';

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

describe('schema kinds: constant, nullable, list', () => {
  const MECH = { kind: 'mechanisms', nested: { deep: [1, 2] } };
  const LIMIT = Object.freeze({ n: 3 });
  const item = record({ op: oneOf('read', 'write', 'erase'), at: int(0, 5), nonce: nullable(int(0, 2)), by: constant('me') });
  const schema = {
    mech: constant(MECH),
    limit: constant(LIMIT),
    none: constant(null),
    pending: nullable(int(10, 13)),
    sf: nullable(record({ key: oneOf(null, 'L', 'A'), where: oneOf('hsm', 'host') })),
    captured: list(3, item),
    empty: list(0, bool()),
    flags: arrayOf(2, nullable(bool())),
    lists: arrayOf(2, list(2, int(0, 100))),
    on: bool(),
  };
  const codec = schemaCodec(schema);
  const arb = fc.record({
    mech: fc.constant(MECH),
    limit: fc.constant(LIMIT),
    none: fc.constant(null),
    pending: fc.option(fc.integer({ min: 10, max: 13 }), { nil: null }),
    sf: fc.option(fc.record({ key: fc.constantFrom(null, 'L', 'A'), where: fc.constantFrom('hsm', 'host') }), { nil: null }),
    captured: fc.array(
      fc.record({
        op: fc.constantFrom('read', 'write', 'erase'),
        at: fc.integer({ min: 0, max: 5 }),
        nonce: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
        by: fc.constant('me'),
      }),
      { maxLength: 3 },
    ),
    empty: fc.constant([] as boolean[]),
    flags: fc.array(fc.option(fc.boolean(), { nil: null }), { minLength: 2, maxLength: 2 }),
    lists: fc.array(fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 2 }), { minLength: 2, maxLength: 2 }),
    on: fc.boolean(),
  });
  type Value = typeof arb extends fc.Arbitrary<infer T> ? T : never;
  const enc = (c: unknown) => {
    const w = new Uint32Array(codec.words);
    codec.encode(c, w, 0);
    return w;
  };
  const sample: Value = {
    mech: MECH,
    limit: LIMIT,
    none: null,
    pending: 12,
    sf: { key: 'L', where: 'host' },
    captured: [
      { op: 'write', at: 4, nonce: 2, by: 'me' },
      { op: 'erase', at: 1, nonce: null, by: 'me' },
    ],
    empty: [],
    flags: [null, true],
    lists: [[7], [100, 0]],
    on: true,
  };

  it('round-trips every context exactly, constants by identity', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const back = codec.decode(enc(c), 0) as Value;
        expect(JSON.stringify(back)).toBe(JSON.stringify(c));
        expect(back.mech).toBe(MECH);
        expect(back.limit).toBe(LIMIT);
        expect(back.captured).toHaveLength(c.captured.length);
        expect(Array.isArray(back.empty) && back.empty.length === 0).toBe(true);
      }),
    );
  });

  it('gives distinct contexts distinct words', () => {
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(JSON.stringify(a) === JSON.stringify(b)).toBe(enc(a).join() === enc(b).join());
      }),
    );
  });

  it('decodes fresh objects for every variable part', () => {
    const w = enc(sample);
    const a = codec.decode(w, 0) as Value;
    const b = codec.decode(w, 0) as Value;
    expect(a).not.toBe(b);
    expect(a.sf).not.toBe(b.sf);
    expect(a.captured).not.toBe(b.captured);
    expect(a.captured[0]).not.toBe(b.captured[0]);
  });

  it('refuses values outside the schema', () => {
    expect(() => enc(sample)).not.toThrow();
    expect(() => enc({ ...sample, mech: { ...MECH } })).toThrow(/'mech' cannot be encoded/);
    expect(() => enc({ ...sample, limit: { n: 3 } })).toThrow(/'limit'/);
    expect(() => enc({ ...sample, none: undefined })).toThrow(/'none'/);
    expect(() => enc({ ...sample, pending: undefined })).toThrow(/'pending'/);
    expect(() => enc({ ...sample, pending: 14 })).toThrow(/'pending'/);
    expect(() => enc({ ...sample, sf: { key: 'X', where: 'hsm' } })).toThrow(/'sf.key'/);
    expect(() => enc({ ...sample, sf: 'hsm' })).toThrow(/'sf'/);
    expect(() => enc({ ...sample, captured: [...sample.captured, ...sample.captured] })).toThrow(/'captured'/);
    expect(() => enc({ ...sample, captured: { length: 0 } })).toThrow(/'captured'/);
    expect(() => enc({ ...sample, captured: [sample.captured[0], { ...sample.captured[1], op: 'burn' }] })).toThrow(/'captured\[1\].op'/);
    expect(() => enc({ ...sample, captured: [{ ...sample.captured[0], by: 'you' }] })).toThrow(/'captured\[0\].by'/);
    expect(() => enc({ ...sample, captured: [{ ...sample.captured[0], nonce: 3 }] })).toThrow(/'captured\[0\].nonce'/);
    expect(() => enc({ ...sample, captured: [undefined, sample.captured[0]] })).toThrow(/'captured\[0\]'/);
    expect(() => enc({ ...sample, empty: [true] })).toThrow(/'empty'/);
    expect(() => enc({ ...sample, flags: [null, 1] })).toThrow(/'flags\[1\]'/);
    expect(() => enc({ ...sample, lists: [[1, 2, 3], []] })).toThrow(/'lists\[0\]'/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => enc({ ...sample, mech: cyclic })).toThrow(/'mech' cannot be encoded/);
  });

  it('builds layout nodes of the new kinds', () => {
    const root = codec.layout as Extract<LayoutNode, { kind: 'record' }>;
    expect(root.kind).toBe('record');
    expect(Object.keys(root.fields)).toEqual(Object.keys(schema));
    expect(root.fields.mech).toEqual({ kind: 'const' });
    expect(root.fields.none).toEqual({ kind: 'const' });
    const pending = root.fields.pending as Extract<LayoutNode, { kind: 'nullable' }>;
    expect(pending.kind).toBe('nullable');
    expect(pending.flag.width).toBe(1);
    expect(pending.of).toMatchObject({ kind: 'leaf', min: 10, slot: { width: 2 } });
    const captured = root.fields.captured as Extract<LayoutNode, { kind: 'list' }>;
    expect(captured.kind).toBe('list');
    expect(captured.length.width).toBe(2);
    expect(captured.items).toHaveLength(3);
    for (const it of captured.items) expect(it).toMatchObject({ kind: 'record', fields: { by: { kind: 'const' }, nonce: { kind: 'nullable' } } });
    const empty = root.fields.empty as Extract<LayoutNode, { kind: 'list' }>;
    expect(empty.length.width).toBe(0);
    expect(empty.items).toEqual([]);
  });

  /** A slot of a layout for one context: the path of the part it stands for, what it is, and whether that part is there. */
  type Place = { slot: LeafSlot; path: (string | number)[]; what: 'leaf' | 'flag' | 'length'; present: boolean; node: LayoutNode };
  /** Every slot of `node` over the value `v` at `path` (`present`: the part exists in the context). */
  const places = (node: LayoutNode, v: any, path: (string | number)[] = [], present = true): Place[] => {
    switch (node.kind) {
      case 'leaf':
        return [{ slot: node.slot, path, what: 'leaf', present, node }];
      case 'record':
        return Object.entries(node.fields).flatMap(([k, f]) => places(f, present ? v[k] : undefined, [...path, k], present));
      case 'array':
        return node.items.flatMap((f, i) => places(f, present ? v[i] : undefined, [...path, i], present));
      case 'const':
        return [];
      case 'nullable':
        return [{ slot: node.flag, path, what: 'flag', present, node }, ...places(node.of, v, path, present && v !== null)];
      case 'list':
        return [
          { slot: node.length, path, what: 'length', present, node },
          ...node.items.flatMap((f, i) => places(f, present && i < v.length ? v[i] : undefined, [...path, i], present && i < v.length)),
        ];
    }
  };
  const get = (v: any, path: readonly (string | number)[]) => path.reduce((x, k) => x[k], v);
  const set = (v: any, path: readonly (string | number)[], x: unknown) => {
    if (path.length === 0) throw new Error('no path');
    get(v, path.slice(0, -1))[path.at(-1)!] = x;
  };
  const codeOf = (w: Uint32Array, s: LeafSlot) => (w[s.word]! >>> s.shift) & (2 ** s.width - 1);
  const withCode = (w: Uint32Array, s: LeafSlot, code: number) => {
    const out = w.slice();
    const mask = ((2 ** s.width - 1) << s.shift) >>> 0;
    out[s.word] = ((out[s.word]! & ~mask) | ((code << s.shift) & mask)) >>> 0;
    return out;
  };

  it('lays its slots out in disjoint bits, and encodes nothing outside them', () => {
    const all = places(codec.layout!, sample);
    expect(all.filter((p) => p.what === 'flag')).toHaveLength(1 + 1 + 3 + 2);
    expect(all.filter((p) => p.what === 'length')).toHaveLength(1 + 1 + 2);
    const used = new Uint32Array(codec.words);
    for (const p of all) {
      expect(p.slot.word).toBeLessThan(codec.words);
      expect(p.slot.shift + p.slot.width).toBeLessThanOrEqual(32);
      const mask = p.slot.width ? ((2 ** p.slot.width - 1) << p.slot.shift) >>> 0 : 0;
      expect((used[p.slot.word]! & mask) >>> 0, JSON.stringify(p.path)).toBe(0);
      used[p.slot.word] = (used[p.slot.word]! | mask) >>> 0;
    }
    fc.assert(
      fc.property(arb, (c) => {
        const w = enc(c);
        for (let i = 0; i < w.length; i++) expect((w[i]! & ~used[i]!) >>> 0).toBe(0);
      }),
    );
  });

  it('changing the bits of one slot changes that part of the decoded context alone', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const w = enc(c);
        const json = JSON.stringify(c);
        for (const p of places(codec.layout!, c)) {
          if (p.slot.width === 0) continue;
          const code = codeOf(w, p.slot);
          const want = JSON.parse(json);
          let changed: Uint32Array;
          if (p.node.kind === 'leaf') {
            const next = code === 0 ? 1 : code - 1;
            const values = p.node.values;
            if (values && next >= values.length) continue;
            changed = withCode(w, p.slot, next);
            // a leaf of an absent part (null, or past a list's length) is ignored by decode
            if (p.present) set(want, p.path, values ? values[next] : next + p.node.min!);
          } else if (p.what === 'flag') {
            if (code === 0) continue; // absent → present would decode a zero value
            changed = withCode(w, p.slot, 0);
            set(want, p.path, null);
          } else {
            if (code === 0) continue;
            changed = withCode(w, p.slot, code - 1);
            set(want, p.path, get(c, p.path).slice(0, code - 1));
          }
          expect(JSON.stringify(codec.decode(changed, 0)), `${p.what} at ${JSON.stringify(p.path)}`).toBe(JSON.stringify(want));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps word-level permuters for top-level arrays of leaves only', () => {
    const c = schemaCodec({ k: constant(MECH), xs: arrayOf(3, int(0, 3)), ys: list(3, int(0, 3)), zs: arrayOf(3, nullable(bool())), on: bool() });
    expect(c.permuter!(['xs'])).toBeTypeOf('function');
    expect(c.permuter!(['ys'])).toBeUndefined();
    expect(c.permuter!(['zs'])).toBeUndefined();
    const w = new Uint32Array(c.words);
    c.encode({ k: MECH, xs: [3, 0, 2], ys: [1], zs: [null, true, false], on: true }, w, 0);
    c.permuter!(['xs'])!(w, 0);
    expect(c.decode(w, 0)).toEqual({ k: MECH, xs: [0, 2, 3], ys: [1], zs: [null, true, false], on: true });
  });

  it('lists and nullables of constants take only their flag and length bits', () => {
    const c = schemaCodec({ a: nullable(constant(LIMIT)), b: list(3, constant(LIMIT)) });
    expect(c.words).toBe(1);
    expect(c.spareBits).toBe(32 - 1 - 2);
    for (const v of [
      { a: null, b: [] },
      { a: LIMIT, b: [LIMIT, LIMIT] },
    ]) {
      const w = new Uint32Array(1);
      c.encode(v, w, 0);
      const back = c.decode(w, 0) as typeof v;
      expect(back).toEqual(v);
      if (back.a) expect(back.a).toBe(LIMIT);
      for (const x of back.b) expect(x).toBe(LIMIT);
    }
  });
});
