/**
 * The PKCS#11 backend on SoftHSMv2 (clauses CM1–CM6), beyond the shared suites: what the token
 * holds (attributes read back, values refused, attribute flips refused), a second process finding
 * a key by label after its own login, outputs byte-identical to the node backend for the same keys,
 * bad inputs refused with typed errors that change nothing on the token, the token's objects
 * following the lifecycle, and the error mapping and session recovery of the token layer.
 */
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { BackendOptions } from '../../impl/backend/node-backend.ts';
import { NodeBackend } from '../../impl/backend/node-backend.ts';
import { ckrOf, type Pkcs11Backend, type Pkcs11Token, TokenError } from '../../impl/backend/pkcs11/index.ts';
import { unwrapIntoToken } from '../../impl/backend/pkcs11/unwrap.ts';
import type { KeySlot } from '../../impl/backend/types.ts';
import { HsmError } from '../../impl/errors.ts';
import { LeakScanner } from '../../impl/conformance/leak.ts';
import { wrapKey } from '../../impl/wire/wrap.ts';
import { expectedKcv, newKeyMaterial, verifiesUnder } from '../../impl/world/keys.ts';
import { Principal } from '../../impl/world/principal.ts';
import { describePkcs11, gate, HOW_TO_ENABLE, missing, testToken } from './support/token.ts';

const SLOTS: readonly KeySlot[] = [
  { keyId: 'ltk-0', kind: 'hmac-sha256' },
  { keyId: 'ltk-1', kind: 'ecdsa-p256' },
];
const manager = new Principal('manager-1');
let serial = 0;

/** The same personalisation for both backends, with both keys imported; every secret registered with `leak`. */
function personalise(leak = new LeakScanner()) {
  const hsmId = `HSM-P${++serial}`;
  const transportKey = new Uint8Array(randomBytes(32));
  const pairingKey = new Uint8Array(randomBytes(32));
  const hmac = newKeyMaterial('hmac-sha256');
  const ecdsa = newKeyMaterial('ecdsa-p256');
  for (const [n, k] of [
    ['transport', transportKey],
    ['pairing', pairingKey],
    ['hmac', hmac.material],
    ['ecdsa', ecdsa.material],
  ] as const)
    leak.addKey(`legit:${hsmId}:${n}`, k);
  const o: BackendOptions = { hsmId, slots: SLOTS, transportKey, trusted: [manager.trustAs('manager')], binding: { device: 'device-1', pairingKey } };
  const wrapped = {
    hmac: wrapKey(transportKey, hsmId, 'ltk-0', 'hmac-sha256', hmac.material),
    ecdsa: wrapKey(transportKey, hsmId, 'ltk-1', 'ecdsa-p256', ecdsa.material),
  };
  const make = <B extends NodeBackend | Pkcs11Backend>(b: B): B => {
    b.importWrapped('ltk-0', wrapped.hmac);
    b.importWrapped('ltk-1', wrapped.ecdsa);
    return b;
  };
  return {
    o,
    hsmId,
    transportKey,
    pairingKey,
    hmac,
    ecdsa,
    wrapped,
    leak,
    node: () => make(new NodeBackend(o)),
    pkcs11: () => make(testToken().backends.create(o)),
  };
}

/** The attributes of a token object, as booleans. */
function flags(b: Pkcs11Backend, role: Parameters<Pkcs11Backend['labelOf']>[0]) {
  const { token } = testToken().backends;
  const ck = token.ck;
  const [h] = token.find([{ type: ck.CKA_LABEL, value: b.labelOf(role) }]);
  expect(h, role).toBeDefined();
  const names = [
    'TOKEN',
    'PRIVATE',
    'SENSITIVE',
    'EXTRACTABLE',
    'ALWAYS_SENSITIVE',
    'NEVER_EXTRACTABLE',
    'ENCRYPT',
    'DECRYPT',
    'WRAP',
    'UNWRAP',
    'SIGN',
    'VERIFY',
    'DERIVE',
  ] as const;
  const types = names.map((n) => ck[`CKA_${n}` as keyof typeof ck]);
  const out: Record<string, boolean> = {};
  for (const n of names) {
    try {
      const v = token.attributes(h!, [ck[`CKA_${n}` as keyof typeof ck]]).get(ck[`CKA_${n}` as keyof typeof ck])!;
      out[n] = v[0] === 1;
    } catch (e) {
      if (ckrOf(e) !== 'CKR_ATTRIBUTE_TYPE_INVALID') throw e; // e.g. no CKA_ENCRYPT on a private key
    }
  }
  expect(types.length).toBe(names.length);
  return { handle: h!, flags: out };
}

describePkcs11('PKCS#11 backend on SoftHSMv2', () => {
  it('REQ-CM1-01/CM3-01: every secret is a token object, private, sensitive, not extractable; no key wraps and decrypts, or unwraps and encrypts; none derives', () => {
    const p = personalise();
    const b = p.pkcs11();
    const secrets = ['ltk/ltk-0', 'ltk/ltk-1', 'transport', 'pairing'] as const;
    for (const role of secrets) {
      const f = flags(b, role).flags;
      // CKA_ALWAYS_SENSITIVE and CKA_NEVER_EXTRACTABLE are false, as PKCS#11 requires for a value that came in from outside
      // the token (C_CreateObject after the GCM decryption: C_UnwrapKey with CKM_AES_GCM does not exist in SoftHSM 2.6.1)
      expect(f, role).toMatchObject({
        TOKEN: true,
        PRIVATE: true,
        SENSITIVE: true,
        EXTRACTABLE: false,
        ALWAYS_SENSITIVE: false,
        NEVER_EXTRACTABLE: false,
        DERIVE: false,
      });
      expect(f.WRAP && f.DECRYPT, `${role}: wrap and decrypt`).toBeFalsy();
      expect(f.UNWRAP && f.ENCRYPT, `${role}: unwrap and encrypt`).toBeFalsy();
      expect([f.ENCRYPT, f.DECRYPT, f.WRAP, f.UNWRAP, f.SIGN, f.VERIFY].filter(Boolean), `${role}: exactly one use`).toHaveLength(1);
    }
    expect(flags(b, 'ltk/ltk-0').flags.SIGN).toBe(true);
    expect(flags(b, 'transport').flags.DECRYPT).toBe(true);
    expect(flags(b, 'pairing').flags.VERIFY).toBe(true);
    expect(flags(b, 'trusted/manager-1').flags).toMatchObject({ TOKEN: true, PRIVATE: true, VERIFY: true, WRAP: false, ENCRYPT: false });
  });

  it('REQ-CM1-02/CM3-01: C_GetAttributeValue of CKA_VALUE is refused for every secret, and CKA_SENSITIVE / CKA_EXTRACTABLE cannot be flipped', () => {
    const p = personalise();
    const b = p.pkcs11();
    const { token } = testToken().backends;
    const ck = token.ck;
    for (const role of ['ltk/ltk-0', 'ltk/ltk-1', 'transport', 'pairing'] as const) {
      const { handle } = flags(b, role);
      let err: unknown = null;
      try {
        token.attributes(handle, [ck.CKA_VALUE]);
      } catch (e) {
        err = e;
      }
      expect(ckrOf(err), role).toBe('CKR_ATTRIBUTE_SENSITIVE');
      for (const [type, value] of [
        [ck.CKA_SENSITIVE, false],
        [ck.CKA_EXTRACTABLE, true],
      ] as const) {
        expect(() => token.set(handle, [{ type, value }]), role).toThrow(TokenError);
      }
      expect(flags(b, role).flags).toMatchObject({ SENSITIVE: true, EXTRACTABLE: false });
    }
  });

  it('a second process, after its own login, finds a long-term key by label and computes with it inside the token', () => {
    const p = personalise();
    const b = p.pkcs11();
    const { token } = testToken();
    const script = `
      const p = require('pkcs11js');
      const m = new p.PKCS11(); m.load(process.env.LIB); m.C_Initialize({ flags: p.CKF_OS_LOCKING_OK });
      const slot = m.C_GetSlotList(true).find((s) => m.C_GetTokenInfo(s).label.trimEnd() === process.env.TOKEN_LABEL);
      const s = m.C_OpenSession(slot, p.CKF_RW_SESSION | p.CKF_SERIAL_SESSION);
      m.C_Login(s, p.CKU_USER, process.env.TOKEN_PIN);
      const found = m.C_FindObjectsInit(s, [{ type: p.CKA_LABEL, value: process.env.KEY_LABEL }]) ?? m.C_FindObjects(s, 5);
      m.C_FindObjectsFinal(s);
      m.C_SignInit(s, { mechanism: p.CKM_SHA256_HMAC }, found[0]);
      process.stdout.write(JSON.stringify({ n: found.length, mac: m.C_Sign(s, Buffer.from('from another process'), Buffer.alloc(32)).toString('hex') }));
      m.C_Logout(s); m.C_Finalize();`;
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        SOFTHSM2_CONF: token.conf,
        LIB: token.library,
        TOKEN_LABEL: token.label,
        TOKEN_PIN: token.userPin,
        KEY_LABEL: b.labelOf('ltk/ltk-0'),
      },
    }).toString();
    const r = JSON.parse(out) as { n: number; mac: string };
    expect(r.n).toBe(1);
    expect(r.mac).toBe(createHmac('sha256', p.hmac.material).update('from another process').digest('hex'));
  });

  it('REQ-CM4-02: derivation, MAC and key check values are byte-identical to the node backend for the same keys; signatures verify under the key', () => {
    const p = personalise();
    const [n, k] = [p.node(), p.pkcs11()];
    expect(k.observe()).toEqual(n.observe());
    expect(k.observe().keys.map((x) => x.kcv)).toEqual([expectedKcv(p.hmac), expectedKcv(p.ecdsa)]);
    n.openSession('ltk-0');
    k.openSession('ltk-0');
    let runs = 0;
    fc.assert(
      fc.property(
        fc.stringMatching(/^[\x21-\x7e]{1,64}$/),
        fc.uint8Array({ maxLength: 1024 }),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.uint8Array({ maxLength: 2048 }),
        (label, context, a, bb, data) => {
          const input = { label, context, nonces: [a, bb] as const };
          expect(Buffer.from(k.derive(input)).equals(Buffer.from(n.derive(input)))).toBe(true);
          expect(Buffer.from(k.mac(data)).equals(Buffer.from(n.mac(data)))).toBe(true);
          runs++;
        },
      ),
      { numRuns: 300 },
    );
    expect(runs).toBe(300);
    expect(Buffer.from(k.mac(new Uint8Array(0))).equals(Buffer.from(n.mac(new Uint8Array(0))))).toBe(true); // empty data: C_SignFinal
    k.closeSession();
    k.openSession('ltk-1');
    for (const data of [new Uint8Array(0), new Uint8Array(randomBytes(100)), new Uint8Array(65536)]) {
      const sig = k.sign(data);
      expect(sig).toHaveLength(64);
      expect(verifiesUnder(p.ecdsa, data, sig)).toBe(true);
    }
  });

  it('bad inputs get the node backend’s typed errors, leak nothing and change nothing on the token', () => {
    const p = personalise();
    const b = p.pkcs11();
    const n = p.node();
    const { token } = testToken().backends;
    const objects = () => b.tokenObjects().length;
    const before = { state: JSON.stringify(b.observe()), objects: objects() };
    expect(before.objects).toBe(7); // 2 long-term keys, 1 public key, transport, pairing, 1 trusted key, the decoy secret
    const tampered = new Uint8Array(p.wrapped.hmac);
    tampered[40]! ^= 1;
    const zeroScalar = wrapKey(p.transportKey, p.hsmId, 'ltk-1', 'ecdsa-p256', new Uint8Array(32)); // SoftHSM would store it (measured)
    const cases: [string, (x: NodeBackend | Pkcs11Backend) => unknown][] = [
      ['tampered wrapped key', (x) => x.importWrapped('ltk-0', tampered)],
      ['wrapped for another slot', (x) => x.importWrapped('ltk-1', p.wrapped.hmac)],
      ['truncated', (x) => x.importWrapped('ltk-0', p.wrapped.hmac.subarray(0, 30))],
      ['not bytes', (x) => x.importWrapped('ltk-0', [1, 2, 3] as never)],
      ['P-256 scalar 0', (x) => x.importWrapped('ltk-1', zeroScalar)],
      ['unknown slot', (x) => x.importWrapped('ltk-9', p.wrapped.hmac)],
      ['deprecate unknown', (x) => x.deprecate('ltk-9')],
      ['no session: derive', (x) => x.derive({ label: 'Ke', context: new Uint8Array(1), nonces: [new Uint8Array(1), new Uint8Array(1)] })],
      ['no session: mac', (x) => x.mac(new Uint8Array(1))],
      ['end without session', (x) => x.closeSession()],
    ];
    const codes: Record<string, string> = {};
    for (const [name, f] of cases) {
      const got = [b, n].map((x) => {
        try {
          f(x);
          return 'accepted';
        } catch (e) {
          expect(e, name).toBeInstanceOf(HsmError);
          p.leak.scan(name, e);
          return (e as HsmError).code;
        }
      });
      expect(got[0], name).toBe(got[1]);
      codes[name] = got[0]!;
      expect(JSON.stringify(b.observe()), name).toBe(before.state);
      expect(objects(), name).toBe(before.objects);
    }
    expect(codes).toMatchObject({
      'tampered wrapped key': 'UNWRAP_FAILED',
      'P-256 scalar 0': 'UNWRAP_FAILED',
      'unknown slot': 'UNKNOWN_KEY',
      'no session: mac': 'NO_SESSION',
    });
    b.openSession('ltk-0');
    for (const [name, f] of [
      ['sign with an HMAC key', () => b.sign(new Uint8Array(1))],
      ['mac of a Proxy', () => b.mac(new Proxy(new Uint8Array(4), {}))],
      ['derive with a bad label', () => b.derive({ label: '', context: new Uint8Array(0), nonces: [new Uint8Array(1), new Uint8Array(1)] })],
      ['mac of 65,537 bytes', () => b.mac(new Uint8Array(65537))],
      ['a second session', () => b.openSession('ltk-1')],
    ] as const) {
      let err: unknown = null;
      try {
        f();
      } catch (e) {
        err = e;
      }
      expect(err, name).toBeInstanceOf(HsmError);
      p.leak.scan(name, err);
    }
    b.closeSession();
    expect(JSON.stringify(b.observe())).toBe(before.state);
    expect(p.leak.hits).toEqual([]);
    expect(token.random(4)).toHaveLength(4); // the token's work session is still usable
  });

  it("the token's objects follow the lifecycle: deprecation clears CKA_SIGN (the token refuses the key), deletion and zeroization destroy objects, dispose leaves none", () => {
    const p = personalise();
    const b = p.pkcs11();
    const { token } = testToken().backends;
    expect(flags(b, 'ltk/ltk-1').flags.SIGN).toBe(true);
    b.deprecate('ltk-1');
    expect(flags(b, 'ltk/ltk-1').flags.SIGN).toBe(false);
    expect(() => b.openSession('ltk-1')).toThrow(/KEY_STATE/);
    const count = () => b.tokenObjects().length;
    expect(count()).toBe(7);
    b.destroy('ltk-1');
    expect(count()).toBe(6); // the private and public key objects are gone; a deletion mark (a data object, no secret) records the delete
    expect(token.find([{ type: token.ck.CKA_LABEL, value: b.labelOf('ltk/ltk-1') }])).toEqual([]);
    expect(token.find([{ type: token.ck.CKA_LABEL, value: b.labelOf('ltk/ltk-1#deleted') }])).toHaveLength(1);
    b.zeroizeKeys();
    expect(count()).toBe(6); // ltk-0's key object gone, its mark made
    expect(b.observe().keys.map((k) => k.life)).toEqual(['deleted', 'deleted']);
    b.importWrapped('ltk-0', wrapKey(p.transportKey, p.hsmId, 'ltk-0', 'hmac-sha256', newKeyMaterial('hmac-sha256').material));
    expect(count()).toBe(6); // the key object in, its mark gone
    b.zeroize();
    expect(count()).toBe(0);
    expect(() => b.issueNonce('manager-1')).toThrow(/ZEROIZED/);
    const c = p.pkcs11();
    expect(c.tokenObjects().length).toBe(7);
    testToken().backends.release!(c);
    expect(c.tokenObjects().length).toBe(0);
  });

  it('ASM-14: the one Buffer that held the decrypted key is the one handed to C_CreateObject, and it is zeroed on success and on failure', () => {
    const { token } = testToken().backends;
    const p = personalise();
    const b = p.pkcs11();
    const [transport] = token.find([{ type: token.ck.CKA_LABEL, value: b.labelOf('transport') }]);
    const seen: Buffer[] = [];
    const spy = {
      ck: token.ck,
      p11: token.p11,
      sign: token.sign.bind(token),
      destroy: token.destroy.bind(token),
      set: token.set.bind(token),
      decrypt: (...a: Parameters<Pkcs11Token['decrypt']>) => {
        seen.push(a[3]);
        const r = token.decrypt(...a);
        seen.push(r);
        return r;
      },
      create: (template: Parameters<Pkcs11Token['create']>[0]) => {
        for (const x of template) if (x.type === token.ck.CKA_VALUE) seen.push(x.value as Buffer);
        return token.create(template);
      },
    } as unknown as Pkcs11Token;
    const labels = { key: 'onem2m-hsm-test/copies', publicKey: 'onem2m-hsm-test/copies-public' };
    const holds = (secret: Uint8Array) => seen.some((x) => x.indexOf(Buffer.from(secret)) >= 0);
    for (const kind of ['hmac-sha256', 'ecdsa-p256'] as const) {
      seen.length = 0;
      const m = newKeyMaterial(kind);
      const slot = kind === 'hmac-sha256' ? 'ltk-0' : 'ltk-1';
      const k = unwrapIntoToken(spy, transport!, p.hsmId, slot, kind, wrapKey(p.transportKey, p.hsmId, slot, kind, m.material), labels);
      expect(k.kcv, kind).toBe(expectedKcv(m));
      expect(seen.length, kind).toBeGreaterThanOrEqual(3); // the output buffer, the decrypted view, the value given to C_CreateObject
      expect(new Set(seen.map((x) => x.buffer)).size, `${kind}: one allocation`).toBe(1);
      expect(holds(m.material), `${kind}: zeroed after success`).toBe(false);
      expect(seen.every((x) => x.every((byte) => byte === 0))).toBe(true);
      token.destroy(k.handle);
      if (k.publicHandle) token.destroy(k.publicHandle);
    }
    seen.length = 0;
    const zero = wrapKey(p.transportKey, p.hsmId, 'ltk-1', 'ecdsa-p256', new Uint8Array(32).fill(0xff)); // decrypts, then fails the scalar check
    expect(() => unwrapIntoToken(spy, transport!, p.hsmId, 'ltk-1', 'ecdsa-p256', zero, labels)).toThrow(/UNWRAP_FAILED/);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(
      seen.every((x) => x.every((byte) => byte === 0)),
      'zeroed after failure',
    ).toBe(true);
    expect(token.find([{ type: token.ck.CKA_LABEL, value: labels.key }])).toEqual([]);
  });

  it('pkcs11js errors are mapped by their CKR name, also when reported as "CKR_…:16" with code 0; a failed operation does not poison the next', () => {
    expect(ckrOf(Object.assign(new Error('CKR_ATTRIBUTE_READ_ONLY:16'), { code: 0 }))).toBe('CKR_ATTRIBUTE_READ_ONLY');
    expect(ckrOf(new Error('CKR_SIGNATURE_INVALID'))).toBe('CKR_SIGNATURE_INVALID');
    expect(ckrOf(new Error('no code here'))).toBeNull();
    expect(ckrOf('CKR_GENERAL_ERROR')).toBeNull();
    const p = personalise();
    const b = p.pkcs11();
    const { token } = testToken().backends;
    const [h] = token.find([{ type: token.ck.CKA_LABEL, value: b.labelOf('pairing') }]);
    // an empty signature: SoftHSM answers CKR_ARGUMENTS_BAD and leaves the operation active (measured)
    expect(() => token.verify({ mechanism: token.ck.CKM_SHA256_HMAC }, h!, Buffer.from('x'), Buffer.alloc(0))).toThrow(/CKR_ARGUMENTS_BAD/);
    expect(b.verifyHost(null)).toBe('none');
    b.hostChallenge();
    expect(b.verifyHost(new Uint8Array(32))).toBe('foreign'); // the next verification runs
  });

  it('without SoftHSM the suites say why; they are skipped unless required (ONEM2M_HSM_REQUIRE_PKCS11=1), then they fail', () => {
    expect(gate('no library', {})).toBe('skip');
    expect(gate('no library', { ONEM2M_HSM_REQUIRE_PKCS11: '1' })).toBe('fail');
    expect(gate(null, { ONEM2M_HSM_REQUIRE_PKCS11: '1' })).toBe('run');
    expect(gate(null, {})).toBe('run');
    expect(gate(null, { ONEM2M_HSM_SKIP_PKCS11: '1' })).toBe('skip');
    expect(HOW_TO_ENABLE).toMatch(/apt-get install softhsm2/);
    const saved = process.env.ONEM2M_HSM_PKCS11_LIB;
    process.env.ONEM2M_HSM_PKCS11_LIB = '/nonexistent/libsofthsm2.so';
    try {
      expect(missing()).toMatch(/no PKCS#11 library at \/nonexistent\/libsofthsm2.so .*apt-get install softhsm2/);
    } finally {
      if (saved === undefined) delete process.env.ONEM2M_HSM_PKCS11_LIB;
      else process.env.ONEM2M_HSM_PKCS11_LIB = saved;
    }
    expect(missing()).toBeNull();
  });
});
