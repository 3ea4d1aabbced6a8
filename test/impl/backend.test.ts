/**
 * The backend boundary and its Sensitive Functions, with real cryptography: keys never leave
 * the backend (CM1, CM3), Sensitive Functions run inside it (CM4), keys arrive only wrapped
 * (CM6), and WebCrypto's `extractable: false` is shown to be no boundary in Node.
 */
import { createHmac, createSecretKey, KeyObject, randomBytes, webcrypto } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { kdfMessage } from '../../impl/backend/kdf.ts';
import { NodeBackend } from '../../impl/backend/node-backend.ts';
import { probeReachable } from '../../impl/conformance/probe.ts';
import { expectedDerivation, expectedKcv, verifiesUnder } from '../../impl/world/keys.ts';
import { wrapKey } from '../../impl/wire/wrap.ts';
import { refused, snapshot, world } from './support/world.ts';

const input = { label: 'Ke', context: new Uint8Array([1, 2, 3]), nonces: [randomBytes(16), randomBytes(16)] as const };

describe('CM1/CM3 key boundary: callers get handles, never keys', () => {
  it('REQ-CM1-01: nothing reachable from the HSM, its backend or its results is a KeyObject, a CryptoKey or key bytes', () => {
    const w = world('device');
    w.hsm.command(w.cmd(w.manager, 'provision', 'ltk-1', w.key('ecdsa-p256')));
    const read = w.hsm.command(w.cmd(w.manager, 'read', 'ltk-0'));
    const p = probeReachable([w.hsm, read, w.hsm.observe(), w.hsm.stateValue(), w.hsm.remoteHack(), w.socket, w.home]);
    expect(p.keyObjects).toEqual([]);
    for (const t of p.texts) w.leak.scanText('reachable', t);
    w.leak.scan('inspect', inspect(w.hsm, { showHidden: true, depth: Infinity }));
    w.leak.scan('json', JSON.stringify(w.hsm));
    expect(w.leak.hits).toEqual([]);
  });

  it("REQ-CM3-01: a read by the authenticated manager returns the key's public facts only", () => {
    const w = world('server');
    const r = w.hsm.command(w.cmd(w.manager, 'read', 'ltk-0'));
    expect(r).toEqual({ op: 'read', keyId: 'ltk-0', key: { keyId: 'ltk-0', life: 'active', kind: 'hmac-sha256', kcv: expectedKcv(w.l0) } });
    expect(w.leak.scan('read result', r)).toEqual([]);
  });

  it('the probe would catch a KeyObject if one were reachable (the probe can fail)', () => {
    const secret = randomBytes(32);
    const p = probeReachable([{ debug: { k: createSecretKey(secret) } }]);
    expect(p.keyObjects).toEqual(['root0.debug.k']);
    expect(p.texts.join('')).toContain(secret.toString('latin1'));
  });

  it('WebCrypto extractable:false is no boundary in Node: KeyObject.from(cryptoKey).export() returns the bytes', async () => {
    const raw = randomBytes(32);
    const ck = await webcrypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    expect(ck.extractable).toBe(false);
    expect(Buffer.from(KeyObject.from(ck).export()).equals(raw)).toBe(true);
  });
});

describe('CM4 Sensitive Functions run inside the backend (REQ-CM4-01)', () => {
  it('derivation is HMAC-SHA256 over [1] || label || 0 || context || nonces || [256]', () => {
    const w = world('device');
    w.hsm.sfStart('ltk-0');
    const out = w.hsm.derive(input);
    const msg = Buffer.concat([
      Buffer.from([1]),
      Buffer.from('Ke'),
      Buffer.from([0]),
      Buffer.from(input.context),
      input.nonces[0],
      input.nonces[1],
      Buffer.from([1, 0]),
    ]);
    expect(Buffer.from(out).equals(createHmac('sha256', w.l0.material).update(msg).digest())).toBe(true);
    expect(Buffer.from(out).equals(Buffer.from(expectedDerivation(w.l0, input)))).toBe(true);
    expect(Buffer.from(w.hsm.mac(msg)).equals(createHmac('sha256', w.l0.material).update(msg).digest())).toBe(true);
    refused(w, 'WRONG_KIND', () => w.hsm.sign(msg));
    w.hsm.sfEnd();
  });

  it('signature with an ECDSA long-term key verifies under its public key', () => {
    const w = world('server');
    const k = w.key('ecdsa-p256');
    w.hsm.command(w.cmd(w.manager, 'provision', 'ltk-1', k));
    w.hsm.sfStart('ltk-1');
    const data = randomBytes(100);
    expect(verifiesUnder(k, data, w.hsm.sign(data))).toBe(true);
    refused(w, 'WRONG_KIND', () => w.hsm.derive(input));
    w.hsm.sfEnd();
  });

  it('no Sensitive Function runs outside SF_START … SF_END', () => {
    const w = world('device');
    refused(w, 'NO_SESSION', () => w.hsm.derive(input));
    refused(w, 'NO_SESSION', () => w.hsm.sfEnd());
    w.hsm.sfStart('ltk-0');
    refused(w, 'BUSY', () => w.hsm.sfStart('ltk-0'));
    w.hsm.sfEnd();
    refused(w, 'KEY_STATE', () => w.hsm.sfStart('ltk-1'));
    refused(w, 'UNKNOWN_KEY', () => w.hsm.sfStart('ltk-9'));
  });

  it('derivation input is validated: MALFORMED, nothing changes', () => {
    const w = world('device');
    w.hsm.sfStart('ltk-0');
    const before = snapshot(w.hsm);
    for (const bad of [
      { ...input, label: '' },
      { ...input, label: 'x'.repeat(65) },
      { ...input, label: 'é' },
      { ...input, context: new Uint8Array(1025) },
      { ...input, nonces: [new Uint8Array(0), new Uint8Array(1)] },
      { ...input, nonces: [new Uint8Array(65), new Uint8Array(1)] },
      { ...input, context: 'ab' },
      null,
    ])
      refused(w, 'MALFORMED', () => w.hsm.derive(bad as never));
    expect(snapshot(w.hsm)).toBe(before);
  });

  it('kdfMessage frames every field', () => {
    expect([...kdfMessage({ label: 'A', context: new Uint8Array([9]), nonces: [new Uint8Array([7]), new Uint8Array([8])] })]).toEqual([
      1, 65, 0, 9, 7, 8, 1, 0,
    ]);
  });
});

describe('CM6 provisioning imports keys wrapped under the transport key, never in clear (REQ-CM6-02)', () => {
  const slots = [
    { keyId: 'ltk-0', kind: 'hmac-sha256' as const },
    { keyId: 'ltk-1', kind: 'ecdsa-p256' as const },
  ];
  const fresh = (kt: Uint8Array) => new NodeBackend({ hsmId: 'H1', slots, transportKey: kt, trusted: [] });

  it('a wrapped key is bound to its HSM, slot and kind, and authenticated', () => {
    const kt = new Uint8Array(randomBytes(32));
    const b = fresh(kt);
    const m = new Uint8Array(randomBytes(32));
    const good = wrapKey(kt, 'H1', 'ltk-0', 'hmac-sha256', m);
    const tampered = Uint8Array.from(good);
    tampered[40]! ^= 1;
    for (const w of [
      wrapKey(kt, 'H2', 'ltk-0', 'hmac-sha256', m),
      wrapKey(kt, 'H1', 'ltk-1', 'hmac-sha256', m),
      wrapKey(kt, 'H1', 'ltk-0', 'ecdsa-p256', m),
      wrapKey(new Uint8Array(randomBytes(32)), 'H1', 'ltk-0', 'hmac-sha256', m),
      tampered,
      good.subarray(0, 40),
      new Uint8Array(0),
    ])
      expect(() => b.importWrapped('ltk-0', w)).toThrow(/UNWRAP_FAILED/);
    expect(b.observe().keys[0]!.life).toBe('empty');
    b.importWrapped('ltk-0', good);
    expect(b.observe().keys[0]).toEqual({ keyId: 'ltk-0', life: 'active', kind: 'hmac-sha256', kcv: expectedKcv({ kind: 'hmac-sha256', material: m }) });
  });

  it('the wire carries only ciphertext: the key material is not in the command bytes', () => {
    const w = world('device');
    const k = w.key('ecdsa-p256');
    const bytes = w.cmd(w.manager, 'provision', 'ltk-1', k);
    expect(w.leak.scan('wire', bytes)).toEqual([]);
    expect(w.leak.scan('wire', Buffer.from(bytes).toString('utf8'))).toEqual([]);
  });

  it('zeroize destroys every key and refuses every later use', () => {
    const kt = new Uint8Array(randomBytes(32));
    const b = fresh(kt);
    b.importWrapped('ltk-0', wrapKey(kt, 'H1', 'ltk-0', 'hmac-sha256', new Uint8Array(randomBytes(32))));
    b.zeroize();
    expect(b.observe().keys.map((k) => [k.life, k.kcv])).toEqual([
      ['deleted', null],
      ['deleted', null],
    ]);
    expect(() => b.issueNonce('manager-1')).toThrow(/ZEROIZED/);
    expect(() => b.openSession('ltk-0')).toThrow(/ZEROIZED/);
    expect(() => b.importWrapped('ltk-0', new Uint8Array(61))).toThrow(/ZEROIZED/);
  });
});
