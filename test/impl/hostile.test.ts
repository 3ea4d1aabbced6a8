/**
 * Hostile inputs (clause CM6 and the HSM's whole interface): at least 100,000 per run, generated
 * by fast-check — garbage, truncated and oversized commands, wrong types, missing and extra
 * fields, bad signatures, forged credentials, stale and reused nonces, unknown key ids, other
 * HSMs' ids, wrong roles, and garbage arguments to every other call. Each must be refused with
 * the expected typed error and a clear message, and change nothing in the backend. A second
 * property feeds fake byte arrays (prototype-swapped objects, Proxies, typed arrays with lying
 * own `length`/`byteLength`, DataViews, other typed arrays, detached and shrunk buffers, huge
 * claimed lengths, throwing getters) to every command that takes bytes, 100,000 more; together
 * at least 200,000 hostile inputs per run, counted and asserted. No error message echoes the
 * caller's input: the messages are few fixed templates, and none contains an injected string.
 * Reproducers of the measured defects of issue 10 (item 5) follow. The seed is printed (set
 * HSM_FC_SEED to replay); failures shrink.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HsmError, type HsmErrorCode } from '../../impl/errors.ts';
import { b64u } from '../../impl/encoding.ts';
import { LeakScanner } from '../../impl/conformance/leak.ts';
import { manufactureHsm } from '../../impl/manufacture.ts';
import { ID_PATTERN, MAX_COMMAND_BYTES } from '../../impl/wire/envelope.ts';
import { Device } from '../../impl/world/device.ts';
import { newKeyMaterial } from '../../impl/world/keys.ts';
import { Principal } from '../../impl/world/principal.ts';
import { refused, snapshot, world, type World } from './support/world.ts';

const RUNS = 100_000;
/** Fake byte arrays fed to the byte-taking commands. */
const FAKE_RUNS = 100_000;
/** Every error message seen, across both properties (for the no-echo check). */
const MESSAGES = new Set<string>();
/** Hostile inputs tried and refused as expected, across both properties. */
let tried = 0;
const seed = Number(process.env.HSM_FC_SEED ?? Math.floor(Math.random() * 2 ** 31));

interface Hostile {
  readonly kind: string;
  readonly expect: HsmErrorCode;
  readonly call: (w: World) => unknown;
  /** Caller strings the error message must not echo. */
  readonly tokens?: readonly string[];
}

/** The message echoes none of the caller's strings (those of 6 or more characters: shorter ones are common words). */
function echoes(message: string, tokens: readonly string[] | undefined): string | undefined {
  return tokens?.find((t) => t.length >= 6 && message.includes(t));
}

const text = (b: Uint8Array) => JSON.parse(Buffer.from(b).toString()) as Record<string, unknown>;
const enc = (o: unknown) => new Uint8Array(Buffer.from(JSON.stringify(o)));

/** Signed commands prepared once: stale, reused, forged, role-violating and good ones over the outstanding nonce. */
function pools(w: World) {
  // signed over a nonce that an accepted command then consumes
  const spent = w.hsm.challenge(w.manager.signerId);
  const stale = ['read', 'delete', 'deprecate'].map((op) => w.cmd(w.manager, op as 'read', 'ltk-0', undefined, spent));
  w.hsm.command(w.cmd(w.manager, 'read', 'ltk-0', undefined, spent));
  const reused: Uint8Array[] = [];
  for (let i = 0; i < 4; i++) {
    const c = w.cmd(w.manager, 'read', 'ltk-0');
    w.hsm.command(c);
    reused.push(c);
  }
  const n = w.hsm.challenge(w.manager.signerId);
  const good = [
    w.cmd(w.manager, 'delete', 'ltk-0', undefined, n),
    w.cmd(w.manager, 'provision', 'ltk-1', w.key('ecdsa-p256'), n),
    w.cmd(w.manager, 'deprecate', 'ltk-0', undefined, n),
  ];
  const forged = [
    w.cmd(w.forger, 'delete', 'ltk-0', undefined, n),
    w.cmd(w.forger, 'provision', 'ltk-1', w.key('ecdsa-p256'), n),
    w.cmd(w.forger, 'read', 'ltk-0', undefined, n),
  ];
  // the auditor signs over its own nonce (nonces are bound to the credential)
  const a = w.hsm.challenge(w.auditor.signerId);
  const roles = [
    w.cmd(w.auditor, 'delete', 'ltk-0', undefined, a),
    w.cmd(w.auditor, 'deprecate', 'ltk-0', undefined, a),
    w.cmd(w.auditor, 'provision', 'ltk-1', w.key('ecdsa-p256'), a),
  ];
  const unknownAuthed = ['ltk-7', 'ltk-secret-probe-id', 'HSM-KEY-ENUM'].map((id) => ({ id, bytes: w.cmd(w.manager, 'read', id, undefined, n) }));
  return { stale, reused, good, forged, roles, unknownAuthed };
}

function hostile(p: ReturnType<typeof pools>, hsmId: string): fc.Arbitrary<Hostile> {
  const cmd = (kind: string, expect: HsmErrorCode, bytes: fc.Arbitrary<unknown>) =>
    bytes.map((b): Hostile => ({ kind, expect, call: (w) => w.hsm.command(b as Uint8Array) }));
  const good = fc.constantFrom(...p.good);
  const nonString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.nat(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
  const field = fc.constantFrom('v', 'hsm', 'op', 'key', 'nonce', 'signer', 'sig');
  const unknownId = fc.stringMatching(/^[A-Za-z0-9._:-]{1,64}$/).filter((s) => !['ltk-0', 'ltk-1'].includes(s) && ID_PATTERN.test(s));
  return fc.oneof(
    {
      weight: 20,
      arbitrary: cmd(
        'garbage bytes',
        'MALFORMED',
        fc.uint8Array({ maxLength: 200 }).filter((b) => b.length > 0),
      ),
    },
    {
      weight: 10,
      arbitrary: cmd(
        'garbage text',
        'MALFORMED',
        fc.string({ maxLength: 100 }).map((s) => new Uint8Array(Buffer.from(s))),
      ),
    },
    {
      weight: 15,
      arbitrary: cmd(
        'truncated',
        'MALFORMED',
        fc.tuple(good, fc.nat()).map(([g, n]) => g.subarray(0, n % g.length)),
      ),
    },
    {
      weight: 5,
      arbitrary: cmd(
        'oversized',
        'MALFORMED',
        fc.tuple(good, fc.integer({ min: 4097, max: 8000 })).map(([g, n]) => new Uint8Array(Buffer.concat([Buffer.from(g), Buffer.alloc(n - g.length, 0x20)]))),
      ),
    },
    {
      weight: 10,
      arbitrary: cmd(
        'wrong field type',
        'MALFORMED',
        fc.tuple(good, field, nonString).map(([g, f, v]) => enc({ ...text(g), [f]: f === 'v' ? JSON.stringify(v) : v })),
      ),
    },
    {
      weight: 5,
      arbitrary: cmd(
        'missing field',
        'MALFORMED',
        fc.tuple(good, field).map(([g, f]) => {
          const o = text(g);
          delete o[f];
          return enc(o);
        }),
      ),
    },
    {
      weight: 5,
      arbitrary: cmd(
        'extra field',
        'MALFORMED',
        fc
          .tuple(
            good,
            fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !['v', 'hsm', 'op', 'key', 'nonce', 'signer', 'wrapped', 'sig'].includes(k)),
          )
          .map(([g, k]) => enc({ ...text(g), [k]: 1 })),
      ),
    },
    {
      weight: 8,
      arbitrary: fc
        .oneof(fc.anything(), fc.string(), fc.constant(undefined))
        .map((x): Hostile => ({ kind: 'not bytes', expect: 'MALFORMED', call: (w) => w.hsm.command(x as never) })),
    },
    {
      weight: 5,
      arbitrary: fc.tuple(good, unknownId).map(
        ([g, id]): Hostile => ({
          kind: 'unknown key id, unauthenticated',
          expect: 'BAD_SIGNATURE',
          call: (w) => w.hsm.command(enc({ ...text(g), key: id })),
          tokens: [id],
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...p.unknownAuthed)
        .map((u): Hostile => ({ kind: 'unknown key id, authenticated', expect: 'UNKNOWN_KEY', call: (w) => w.hsm.command(u.bytes), tokens: [u.id] })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          good,
          unknownId.filter((s) => s !== hsmId),
        )
        .map(([g, h]): Hostile => ({ kind: 'other HSM', expect: 'WRONG_HSM', call: (w) => w.hsm.command(enc({ ...text(g), hsm: h })), tokens: [h] })),
    },
    {
      weight: 2,
      arbitrary: cmd(
        'bit flip in signature',
        'BAD_SIGNATURE',
        fc.tuple(good, fc.nat(511)).map(([g, bit]) => {
          const o = text(g);
          const s = Buffer.from(o.sig as string, 'base64url');
          s[bit >> 3]! ^= 1 << (bit & 7);
          return enc({ ...o, sig: b64u(s) });
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: cmd(
        'field changed after signing',
        'BAD_SIGNATURE',
        fc
          .tuple(good, fc.constantFrom('read', 'delete', 'deprecate'))
          .filter(([g, op]) => text(g).op !== op && text(g).op !== 'provision')
          .map(([g, op]) => enc({ ...text(g), op })),
      ),
    },
    { weight: 1, arbitrary: cmd('forged credential', 'BAD_SIGNATURE', fc.constantFrom(...p.forged)) },
    { weight: 1, arbitrary: cmd('stale nonce', 'STALE_NONCE', fc.constantFrom(...p.stale)) },
    { weight: 1, arbitrary: cmd('reused nonce', 'STALE_NONCE', fc.constantFrom(...p.reused)) },
    { weight: 1, arbitrary: cmd('wrong role', 'FORBIDDEN', fc.constantFrom(...p.roles)) },
    {
      weight: 3,
      arbitrary: fc
        .oneof(fc.anything(), fc.integer())
        .filter((x) => typeof x !== 'string')
        .map((x): Hostile => ({ kind: 'sfStart non-string', expect: 'MALFORMED', call: (w) => w.hsm.sfStart(x as never) })),
    },
    {
      weight: 2,
      arbitrary: unknownId.map((k): Hostile => ({ kind: 'sfStart unknown key', expect: 'UNKNOWN_KEY', call: (w) => w.hsm.sfStart(k), tokens: [k] })),
    },
    {
      weight: 2,
      arbitrary: fc.anything().map((x): Hostile => ({ kind: 'derive without session', expect: 'NO_SESSION', call: (w) => w.hsm.derive(x as never) })),
    },
    { weight: 1, arbitrary: fc.anything().map((x): Hostile => ({ kind: 'mac without session', expect: 'NO_SESSION', call: (w) => w.hsm.mac(x as never) })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('erase', 'implant')
        .map((x): Hostile => ({ kind: 'memory write', expect: 'NOT_EXPOSED', call: (w) => w.hsm.writeMemory('ltk-0', x as never) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .anything()
        .filter((x) => x !== 'erase' && x !== 'implant')
        .map((x): Hostile => ({ kind: 'memory write garbage', expect: 'MALFORMED', call: (w) => w.hsm.writeMemory('ltk-0', x as never) })),
    },
    { weight: 1, arbitrary: fc.constant<Hostile>({ kind: 'side channel without a session', expect: 'NO_SESSION', call: (w) => w.hsm.sideChannel() }) },
    { weight: 1, arbitrary: fc.constant<Hostile>({ kind: 'end without session', expect: 'NO_SESSION', call: (w) => w.hsm.sfEnd() }) },
  );
}

describe('hostile inputs: typed refusal, clear message, nothing changes (CM6, CM1, CM4)', () => {
  it(`refuses ${RUNS.toLocaleString('en')} hostile inputs`, () => {
    console.log(`hostile inputs: fast-check seed ${seed} (rerun with HSM_FC_SEED=${seed})`);
    const w = world('device');
    const p = pools(w);
    const before = snapshot(w.hsm);
    expect(w.hsm.observe().challenge).toBe(true);
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(hostile(p, w.hsm.id), (h) => {
        let err: unknown = null;
        try {
          h.call(w);
        } catch (e) {
          err = e;
        }
        kinds.set(h.kind, (kinds.get(h.kind) ?? 0) + 1);
        if (!(err instanceof HsmError)) throw new Error(`${h.kind}: expected ${h.expect}, got ${err === null ? 'acceptance' : String(err)}`);
        if (err.code !== h.expect) throw new Error(`${h.kind}: expected ${h.expect}, got ${err.code} (${err.message})`);
        if (!/^[A-Z_]+: \S.{9,}$/.test(err.message)) throw new Error(`${h.kind}: unclear message '${err.message}'`);
        MESSAGES.add(err.message);
        if (echoes(err.message, h.tokens)) throw new Error(`${h.kind}: the message echoes the caller's input`);
        if (w.leak.scan(h.kind, err).length) throw new Error(`${h.kind}: key bytes in the error`);
        if (snapshot(w.hsm) !== before) throw new Error(`${h.kind}: the HSM's state changed`);
        tried++;
      }),
      { numRuns: RUNS, seed },
    );
    const total = [...kinds.values()].reduce((a, b) => a + b, 0);
    console.log(`hostile inputs: ${total} tried — ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(total).toBeGreaterThanOrEqual(RUNS);
    expect(kinds.size).toBe(25);
    expect(w.leak.hits).toEqual([]);
    expect(w.hsm.command(p.good[0]!).key.life).toBe('deleted'); // the outstanding nonce survived every hostile input
  });
});

/** A fake or unusable byte array, made afresh per input (some are consumed: detached, shrunk). */
interface Fake {
  readonly kind: string;
  readonly make: (real: Uint8Array, limit: number) => unknown;
}

const huge = fc.oneof(fc.integer({ min: 0, max: 16 }), fc.constantFrom(2 ** 31, 2 ** 32, 2 ** 53 - 1, -1, Number.NaN, Infinity));

/** Fakes of `real`: none is a genuine Uint8Array within the command's `limit`, so each must be refused (MALFORMED) and change nothing. */
function fakes(): fc.Arbitrary<Fake> {
  return fc.oneof(
    huge.map((n): Fake => ({ kind: 'prototype-swapped object', make: (r) => Object.setPrototypeOf({ ...r, length: n, byteLength: n }, Uint8Array.prototype) })),
    fc.constant<Fake>({ kind: 'prototype-swapped empty object', make: () => Object.setPrototypeOf({}, Uint8Array.prototype) }),
    fc.constant<Fake>({ kind: 'Proxy around a Uint8Array', make: (r) => new Proxy(r, {}) }),
    fc.constant<Fake>({
      kind: 'Proxy with throwing traps',
      make: (r) =>
        new Proxy(r, {
          get() {
            throw new RangeError('trap');
          },
          getPrototypeOf() {
            throw new TypeError('trap');
          },
        }),
    }),
    fc.tuple(fc.constantFrom('length', 'byteLength'), huge).map(
      ([prop, n]): Fake => ({
        kind: `oversized Uint8Array with an own ${prop}`,
        make: (_r, limit) => Object.defineProperty(new Uint8Array(limit + 1 + ((n >>> 0) % 7)), prop, { value: n }),
      }),
    ),
    fc.constant<Fake>({ kind: 'DataView', make: (r) => new DataView(r.buffer, r.byteOffset, r.byteLength) }),
    fc
      .constantFrom(Int8Array, Uint8ClampedArray, Uint16Array, Int32Array, Float64Array, BigUint64Array)
      .map((T): Fake => ({ kind: `${T.name}`, make: () => new T(8) })),
    fc.constant<Fake>({
      kind: 'Uint8Array on a detached buffer',
      make: (r) => {
        const b = new Uint8Array(r).buffer;
        const u = new Uint8Array(b);
        structuredClone(b, { transfer: [b] });
        return u;
      },
    }),
    fc.constant<Fake>({
      kind: 'Uint8Array on a shrunk buffer',
      make: () => {
        const Resizable = ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer & { resize(n: number): void };
        const b = new Resizable(32, { maxByteLength: 64 });
        const u = new Uint8Array(b, 16, 16);
        b.resize(8);
        return u;
      },
    }),
    fc.constant<Fake>({ kind: 'plain array', make: (r) => [...r] }),
    fc.constant<Fake>({ kind: 'ArrayBuffer', make: (r) => new Uint8Array(r).buffer }),
  );
}

/** The byte-taking commands, each on an HSM where the call reaches the input check (a running session of the right kind). */
interface Target {
  readonly name: string;
  readonly limit: number;
  readonly hsm: (ws: Worlds) => World;
  readonly real: (ws: Worlds) => Uint8Array;
  readonly call: (w: World, x: unknown) => unknown;
}

interface Worlds {
  /** A session on the HMAC key ltk-0. */
  readonly hmac: World;
  /** A session on the ECDSA key ltk-1. */
  readonly ecdsa: World;
  /** A good command for `hmac`, over its outstanding nonce. */
  readonly good: Uint8Array;
}

const N16 = new Uint8Array(16).fill(7);
const TARGETS: readonly Target[] = [
  { name: 'command', limit: MAX_COMMAND_BYTES, hsm: (ws) => ws.hmac, real: (ws) => ws.good, call: (w, x) => w.hsm.command(x as never) },
  { name: 'mac', limit: 65536, hsm: (ws) => ws.hmac, real: () => N16, call: (w, x) => w.hsm.mac(x as never) },
  { name: 'sign', limit: 65536, hsm: (ws) => ws.ecdsa, real: () => N16, call: (w, x) => w.hsm.sign(x as never) },
  {
    name: 'derive context',
    limit: 1024,
    hsm: (ws) => ws.hmac,
    real: () => N16,
    call: (w, x) => w.hsm.derive({ label: 'Ke', context: x, nonces: [N16, N16] } as never),
  },
  {
    name: 'derive nonce',
    limit: 64,
    hsm: (ws) => ws.hmac,
    real: () => N16,
    call: (w, x) => w.hsm.derive({ label: 'Ke', context: N16, nonces: [N16, x] } as never),
  },
  {
    name: 'derive nonces list',
    limit: 64,
    hsm: (ws) => ws.hmac,
    real: () => N16,
    call: (w, x) =>
      w.hsm.derive({
        label: 'Ke',
        context: N16,
        nonces: new Proxy([x, x], {
          get(t, k) {
            if (k === 'length') return 2;
            if (k === '1') throw new TypeError('trap');
            return Reflect.get(t, k);
          },
        }),
      } as never),
  },
  {
    name: 'derive input getters',
    limit: 1024,
    hsm: (ws) => ws.hmac,
    real: () => N16,
    call: (w, x) =>
      w.hsm.derive({
        label: 'Ke',
        get context() {
          return x;
        },
        get nonces(): never {
          throw new RangeError('getter');
        },
      } as never),
  },
  { name: 'sfStart key id', limit: 0, hsm: (ws) => ws.hmac, real: () => N16, call: (w, x) => w.hsm.sfStart(x as never) },
  { name: 'memory write key id', limit: 0, hsm: (ws) => ws.hmac, real: () => N16, call: (w, x) => w.hsm.writeMemory(x as never, 'erase') },
];

function worlds(): Worlds {
  const hmac = world('device');
  hmac.hsm.sfStart('ltk-0');
  const good = hmac.cmd(hmac.manager, 'read', 'ltk-0');
  const ecdsa = world('server');
  ecdsa.hsm.command(ecdsa.cmd(ecdsa.manager, 'provision', 'ltk-1', ecdsa.key('ecdsa-p256')));
  ecdsa.hsm.sfStart('ltk-1');
  return { hmac, ecdsa, good };
}

describe('fake byte arrays: every byte-taking command refuses them with a typed error and changes nothing', () => {
  it(`refuses ${FAKE_RUNS.toLocaleString('en')} fake byte arrays`, () => {
    const ws = worlds();
    const before = [snapshot(ws.hmac.hsm), snapshot(ws.ecdsa.hsm)];
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(fc.constantFrom(...TARGETS), fakes(), (t, f) => {
        const w = t.hsm(ws);
        const x = f.make(t.real(ws), t.limit);
        let err: unknown = null;
        try {
          t.call(w, x);
        } catch (e) {
          err = e;
        }
        const kind = `${t.name}: ${f.kind}`;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        if (!(err instanceof HsmError)) throw new Error(`${kind}: expected MALFORMED, got ${err === null ? 'acceptance' : String(err)}`);
        if (err.code !== 'MALFORMED') throw new Error(`${kind}: expected MALFORMED, got ${err.code} (${err.message})`);
        MESSAGES.add(err.message);
        if (/trap|getter/.test(err.message)) throw new Error(`${kind}: the message echoes the caller's error`);
        if (snapshot(ws.hmac.hsm) !== before[0] || snapshot(ws.ecdsa.hsm) !== before[1]) throw new Error(`${kind}: the HSM's state changed`);
        tried++;
      }),
      { numRuns: FAKE_RUNS, seed },
    );
    const total = [...kinds.values()].reduce((a, b) => a + b, 0);
    console.log(`fake byte arrays: ${total} tried over ${kinds.size} (command, fake) kinds`);
    expect(total).toBeGreaterThanOrEqual(FAKE_RUNS);
    expect(ws.hmac.leak.hits).toEqual([]);
    expect(ws.ecdsa.leak.hits).toEqual([]);
    expect(ws.hmac.hsm.command(ws.good).key.life).toBe('active'); // the outstanding nonce survived every fake
  });

  it('at least 200,000 hostile inputs per run, and the error messages are fixed templates (no caller input echoed)', () => {
    console.log(`hostile inputs per run: ${tried.toLocaleString('en')} refused as expected; distinct error messages: ${MESSAGES.size}`);
    expect(tried).toBeGreaterThanOrEqual(200_000);
    expect(MESSAGES.size).toBeGreaterThan(10);
    expect(MESSAGES.size).toBeLessThan(60); // 200,000 random inputs, a few dozen fixed messages: none carries caller data
  });
});

describe('reproducers (issue 10, item 5)', () => {
  it('a prototype-swapped object is refused with MALFORMED, not a raw TypeError (mac, sign, derive, command)', () => {
    const ws = worlds();
    const fake = () => Object.setPrototypeOf({}, Uint8Array.prototype);
    refused(ws.hmac, 'MALFORMED', () => ws.hmac.hsm.mac(fake()));
    refused(ws.ecdsa, 'MALFORMED', () => ws.ecdsa.hsm.sign(fake()));
    refused(ws.hmac, 'MALFORMED', () => ws.hmac.hsm.derive({ label: 'Ke', context: fake(), nonces: [N16, N16] }));
    refused(ws.hmac, 'MALFORMED', () => ws.hmac.hsm.command(fake()));
  });

  it('a 1 MiB command with an own length of 4 is refused against the 4,096-byte limit', () => {
    const ws = worlds();
    const before = snapshot(ws.hmac.hsm);
    const big = new Uint8Array(1 << 20).fill(0x20);
    big.set(ws.good);
    Object.defineProperty(big, 'length', { value: 4 });
    refused(ws.hmac, 'MALFORMED', () => ws.hmac.hsm.command(big));
    expect(snapshot(ws.hmac.hsm)).toBe(before);
  });

  it('a context with a lying length derives from its real bytes: 20 calls, one output, the honest one', () => {
    const ws = worlds();
    const honest = ws.hmac.hsm.derive({ label: 'Ke', context: new Uint8Array(8), nonces: [N16, N16] });
    const outs = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const context = Object.defineProperty(new Uint8Array(8), 'length', { value: 1000 });
      outs.add(b64u(ws.hmac.hsm.derive({ label: 'Ke', context, nonces: [N16, N16] })));
    }
    expect([...outs]).toEqual([b64u(honest)]);
  });

  it("UNKNOWN_KEY does not echo the caller's key id", () => {
    const w = world('device');
    const err = refused(w, 'UNKNOWN_KEY', () => w.hsm.command(w.cmd(w.manager, 'read', 'probe-for-a-secret-key-name')));
    expect(err.message).not.toContain('probe-for-a-secret-key-name');
  });

  it('an unauthenticated sender cannot tell an unknown key id from a known one', () => {
    const w = world('device');
    const n = w.hsm.challenge(w.manager.signerId);
    const before = snapshot(w.hsm);
    const known = refused(w, 'BAD_SIGNATURE', () => w.hsm.command(w.cmd(w.forger, 'read', 'ltk-0', undefined, n)));
    const unknown = refused(w, 'BAD_SIGNATURE', () => w.hsm.command(w.cmd(w.forger, 'read', 'ltk-9', undefined, n)));
    expect(unknown.message).toBe(known.message);
    const staleKnown = refused(w, 'STALE_NONCE', () => w.hsm.command(w.cmd(w.manager, 'read', 'ltk-0', undefined, new Uint8Array(16))));
    const staleUnknown = refused(w, 'STALE_NONCE', () => w.hsm.command(w.cmd(w.manager, 'read', 'ltk-9', undefined, new Uint8Array(16))));
    expect(staleUnknown.message).toBe(staleKnown.message);
    expect(snapshot(w.hsm)).toBe(before);
  });

  it('two HSMs of one id trusting the same manager cannot be manufactured; a command signed for HSM A is refused by HSM B', () => {
    const manager = new Principal('manager-1');
    const make = (hsmId: string) =>
      manufactureHsm({
        scope: 'device',
        hsmId,
        transportKey: new Uint8Array(32).fill(hsmId.length),
        trusted: [manager.trustAs('manager')],
        device: new Device(`device-of-${hsmId}`),
        initialKeys: [{ keyId: 'ltk-0', key: newKeyMaterial('hmac-sha256') }],
      });
    const a = make('HSM-DUP-A');
    refused({ leak: new LeakScanner() }, 'MALFORMED', () => make('HSM-DUP-A'));
    const b = make('HSM-DUP-B');
    // The attacker relays B's challenge to the manager, who signs for A: B refuses it.
    const forA = manager.command({ hsmId: a.id }, 'delete', 'ltk-0', b.challenge(manager.signerId));
    refused({ leak: new LeakScanner() }, 'WRONG_HSM', () => b.command(forA));
    expect(b.observe().keys[0]!.life).toBe('active');
  });
});
