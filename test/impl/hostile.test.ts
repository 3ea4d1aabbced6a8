/**
 * Hostile inputs (clause CM6 and the HSM's whole interface): at least 100,000 per run, generated
 * by fast-check — garbage, truncated and oversized commands, wrong types, missing and extra
 * fields, bad signatures, forged credentials, stale and reused nonces, unknown key ids, other
 * HSMs' ids, wrong roles, and garbage arguments to every other call. Each must be refused with
 * the expected typed error and a clear message, and change nothing in the backend. The seed is
 * printed (set HSM_FC_SEED to replay); failures shrink.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HsmError, type HsmErrorCode } from '../../impl/errors.ts';
import { b64u } from '../../impl/encoding.ts';
import { ID_PATTERN } from '../../impl/wire/envelope.ts';
import { snapshot, world, type World } from './support/world.ts';

const RUNS = 100_000;
const seed = Number(process.env.HSM_FC_SEED ?? Math.floor(Math.random() * 2 ** 31));

interface Hostile {
  readonly kind: string;
  readonly expect: HsmErrorCode;
  readonly call: (w: World) => unknown;
}

const text = (b: Uint8Array) => JSON.parse(Buffer.from(b).toString()) as Record<string, unknown>;
const enc = (o: unknown) => new Uint8Array(Buffer.from(JSON.stringify(o)));

/** Signed commands prepared once: stale, reused, forged, role-violating and good ones over the outstanding nonce. */
function pools(w: World) {
  const stale = ['read', 'delete', 'deprecate'].map((op) => w.cmd(w.manager, op as 'read', 'ltk-0', undefined, w.hsm.challenge()));
  w.hsm.challenge();
  const reused: Uint8Array[] = [];
  for (let i = 0; i < 4; i++) {
    const c = w.cmd(w.manager, 'read', 'ltk-0');
    w.hsm.command(c);
    reused.push(c);
  }
  const n = w.hsm.challenge();
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
  const roles = [
    w.cmd(w.auditor, 'delete', 'ltk-0', undefined, n),
    w.cmd(w.auditor, 'deprecate', 'ltk-0', undefined, n),
    w.cmd(w.auditor, 'provision', 'ltk-1', w.key('ecdsa-p256'), n),
  ];
  return { stale, reused, good, forged, roles };
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
      arbitrary: cmd(
        'unknown key id',
        'UNKNOWN_KEY',
        fc.tuple(good, unknownId).map(([g, k]) => enc({ ...text(g), key: k })),
      ),
    },
    {
      weight: 3,
      arbitrary: cmd(
        'other HSM',
        'WRONG_HSM',
        fc
          .tuple(
            good,
            unknownId.filter((s) => s !== hsmId),
          )
          .map(([g, h]) => enc({ ...text(g), hsm: h })),
      ),
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
    { weight: 2, arbitrary: unknownId.map((k): Hostile => ({ kind: 'sfStart unknown key', expect: 'UNKNOWN_KEY', call: (w) => w.hsm.sfStart(k) })) },
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
        if (w.leak.scan(h.kind, err).length) throw new Error(`${h.kind}: key bytes in the error`);
        if (snapshot(w.hsm) !== before) throw new Error(`${h.kind}: the HSM's state changed`);
      }),
      { numRuns: RUNS, seed },
    );
    const total = [...kinds.values()].reduce((a, b) => a + b, 0);
    console.log(`hostile inputs: ${total} tried — ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(total).toBeGreaterThanOrEqual(RUNS);
    expect(kinds.size).toBe(24);
    expect(w.leak.hits).toEqual([]);
    expect(w.hsm.command(p.good[0]!).key.life).toBe('deleted'); // the outstanding nonce survived every hostile input
  });
});
