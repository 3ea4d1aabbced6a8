/**
 * The hostile-input properties of `test/impl/hostile.test.ts`, shared by the backends (see that
 * file for what they cover): fast-check inputs against every command, each refused with its typed
 * error and a fixed message, changing nothing; and fake byte arrays against every command that
 * takes bytes. `hostileSuites` declares both suites on HSMs made by a backend factory.
 * @module
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS, type BackendFactory } from '../../../impl/backend/node-backend.ts';
import { HsmError, type HsmErrorCode } from '../../../impl/errors.ts';
import { b64u } from '../../../impl/encoding.ts';
import { ID_PATTERN, MAX_COMMAND_BYTES } from '../../../impl/wire/envelope.ts';
import { snapshot, world, type World } from './world.ts';

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

/** Two HSMs with running Sensitive Functions. */
export interface Worlds {
  /** A session on the HMAC key ltk-0. */
  readonly hmac: World;
  /** A session on the ECDSA key ltk-1. */
  readonly ecdsa: World;
  /** A good command for `hmac`, over its outstanding nonce. */
  readonly good: Uint8Array;
}

/** A 16-byte value. */
export const N16 = new Uint8Array(16).fill(7);
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

/** The worlds of the byte-taking commands, on backends made by `backends`. */
export function worlds(backends: BackendFactory = NODE_BACKENDS): Worlds {
  const hmac = world('device', undefined, undefined, backends);
  hmac.hsm.sfStart('ltk-0');
  const good = hmac.cmd(hmac.manager, 'read', 'ltk-0');
  const ecdsa = world('server', undefined, undefined, backends);
  ecdsa.hsm.command(ecdsa.cmd(ecdsa.manager, 'provision', 'ltk-1', ecdsa.key('ecdsa-p256')));
  ecdsa.hsm.sfStart('ltk-1');
  return { hmac, ecdsa, good };
}

/** How many inputs, on which backends. */
export interface HostileOptions {
  readonly backends: BackendFactory;
  readonly runs: number;
  readonly fakeRuns: number;
  /** Appended to the suite names (e.g. ` (PKCS#11)`). */
  readonly title: string;
}

/** Declares the two hostile-input suites. */
export function hostileSuites(o: HostileOptions): void {
  /** Every error message seen, across both properties (for the no-echo check). */
  const MESSAGES = new Set<string>();
  /** Hostile inputs tried and refused as expected, across both properties. */
  let tried = 0;
  const seed = Number(process.env.HSM_FC_SEED ?? Math.floor(Math.random() * 2 ** 31));

  describe(`hostile inputs${o.title}: typed refusal, clear message, nothing changes (CM6, CM1, CM4)`, () => {
    it(`refuses ${o.runs.toLocaleString('en')} hostile inputs`, () => {
      console.log(`hostile inputs: fast-check seed ${seed} (rerun with HSM_FC_SEED=${seed})`);
      const w = world('device', undefined, undefined, o.backends);
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
        { numRuns: o.runs, seed },
      );
      const total = [...kinds.values()].reduce((a, b) => a + b, 0);
      console.log(`hostile inputs: ${total} tried — ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
      expect(total).toBeGreaterThanOrEqual(o.runs);
      expect(kinds.size).toBe(25);
      expect(w.leak.hits).toEqual([]);
      expect(w.hsm.command(p.good[0]!).key.life).toBe('deleted'); // the outstanding nonce survived every hostile input
    });
  });

  describe(`fake byte arrays${o.title}: every byte-taking command refuses them with a typed error and changes nothing`, () => {
    it(`refuses ${o.fakeRuns.toLocaleString('en')} fake byte arrays`, () => {
      const ws = worlds(o.backends);
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
        { numRuns: o.fakeRuns, seed },
      );
      const total = [...kinds.values()].reduce((a, b) => a + b, 0);
      console.log(`fake byte arrays: ${total} tried over ${kinds.size} (command, fake) kinds`);
      expect(total).toBeGreaterThanOrEqual(o.fakeRuns);
      expect(ws.hmac.leak.hits).toEqual([]);
      expect(ws.ecdsa.leak.hits).toEqual([]);
      expect(ws.hmac.hsm.command(ws.good).key.life).toBe('active'); // the outstanding nonce survived every fake
    });

    it(`at least ${(o.runs + o.fakeRuns).toLocaleString('en')} hostile inputs per run, and the error messages are fixed templates (no caller input echoed)`, () => {
      console.log(`hostile inputs per run: ${tried.toLocaleString('en')} refused as expected; distinct error messages: ${MESSAGES.size}`);
      expect(tried).toBeGreaterThanOrEqual(o.runs + o.fakeRuns);
      expect(MESSAGES.size).toBeGreaterThan(10);
      expect(MESSAGES.size).toBeLessThan(60); // 200,000 random inputs, a few dozen fixed messages: none carries caller data
    });
  });
}
