/**
 * Keys that survive (issue 11 item 5): on the PKCS#11 backend the HSM is rebuilt from the token
 * alone after a restart (`Pkcs11Backend.reopen`) — keys, lifecycle, trusted management keys,
 * binding — while nonces start empty, so a command signed before the restart is refused. The
 * kill test runs a child process that sends signed provision/replace/deprecate/delete commands
 * through the real HSM, kills it with SIGKILL at random points, reopens on the same token and
 * checks every slot: its state is the one after the last acknowledged command or after the one in
 * flight, its key is the known key material (checked by a derivation or signature inside the
 * token), no pending object is left, and the last command's bytes are refused when sent again.
 * @module
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Pkcs11Backend } from '../../impl/backend/pkcs11/index.ts';
import type { KeyInfo } from '../../impl/backend/types.ts';
import { HsmError } from '../../impl/errors.ts';
import { Hsm } from '../../impl/hsm.ts';
import { DEFAULT_SLOTS } from '../../impl/manufacture.ts';
import { wrapKey } from '../../impl/wire/wrap.ts';
import { Device } from '../../impl/world/device.ts';
import { expectedDerivation, expectedKcv, newKeyMaterial, verifiesUnder } from '../../impl/world/keys.ts';
import { Principal, type KeyMaterial } from '../../impl/world/principal.ts';
import { describePkcs11, testToken } from './support/token.ts';

const KDF = { label: 'restart-check', context: new Uint8Array([1, 2, 3]), nonces: [new Uint8Array([4]), new Uint8Array([5])] as const };
const DATA = new TextEncoder().encode('restart check');

/** The code of the HsmError `f` throws, or null if it returns. */
function refusal(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof HsmError) return e.code;
    throw e;
  }
}

/** True when the active key of `keyId` on `b` is `m`: a derivation (HMAC) or a signature (P-256) inside the token matches. */
function holds(b: Pkcs11Backend, keyId: string, m: KeyMaterial): boolean {
  b.openSession(keyId);
  try {
    if (m.kind === 'hmac-sha256') return Buffer.from(b.derive(KDF)).equals(Buffer.from(expectedDerivation(m, KDF)));
    return verifiesUnder(m, DATA, b.sign(DATA));
  } finally {
    b.closeSession();
  }
}

/** Labels of the objects of `b`'s HSM on the token, relative to its prefix, sorted. */
function labels(b: Pkcs11Backend, token: ReturnType<typeof testToken>['backends']['token']): string[] {
  const ck = token.ck;
  return b
    .tokenObjects()
    .map((h) => token.attributes(h, [ck.CKA_LABEL]).get(ck.CKA_LABEL)!.toString('utf8').slice(b.objectPrefix.length))
    .filter((l) => l !== 'decoy')
    .sort();
}

/** The objects a slot in state `k` must have on the token, and nothing else. */
function expectedObjects(k: KeyInfo): string[] {
  if (k.life === 'empty') return [];
  if (k.life === 'deleted') return [`ltk/${k.keyId}#deleted`];
  return k.kind === 'ecdsa-p256' ? [`ltk-public/${k.keyId}`, `ltk/${k.keyId}`] : [`ltk/${k.keyId}`];
}

describePkcs11('keys that survive a restart (PKCS#11 backend)', () => {
  it('reopen rebuilds keys, lifecycle, trusted keys and binding from the token; nonces start empty, so a command signed before the restart is refused', () => {
    const { token } = testToken().backends;
    const hsmId = `HSM-R${randomBytes(3).toString('hex')}`;
    const manager = new Principal('manager-1');
    const auditor = new Principal('auditor-1');
    const device = new Device('device-r');
    const transportKey = new Uint8Array(randomBytes(32));
    const k0 = newKeyMaterial('hmac-sha256');
    const k1 = newKeyMaterial('ecdsa-p256');
    const b = new Pkcs11Backend({
      token,
      hsmId,
      slots: DEFAULT_SLOTS,
      transportKey,
      trusted: [manager.trustAs('manager'), auditor.trustAs('auditor')],
      binding: { device: device.id, pairingKey: device.pair() },
    });
    b.importWrapped('ltk-0', wrapKey(transportKey, hsmId, 'ltk-0', k0.kind, k0.material));
    b.importWrapped('ltk-1', wrapKey(transportKey, hsmId, 'ltk-1', k1.kind, k1.material));
    b.deprecate('ltk-1');
    const addr = { hsmId, transportKey };
    const before = b.observe();
    const stale = manager.command(addr, 'delete', 'ltk-0', b.issueNonce('manager-1'));
    b.detach();

    const r = Pkcs11Backend.reopen({ token: testToken().token.open(), hsmId, instance: b.instance, slots: DEFAULT_SLOTS });
    expect(r.restored).toEqual({ rolledBack: 0, rolledForward: 0, deletesFinished: 0 });
    const after = r.observe();
    expect(after.keys).toEqual(before.keys);
    expect(after.keys.map((k) => k.kcv)).toEqual([expectedKcv(k0), expectedKcv(k1)]);
    expect(after.binding).toEqual({ device: device.id, location: 'own' });
    expect(after.challenge).toBe(false); // no nonce outstanding after a restart
    expect(holds(r, 'ltk-0', k0)).toBe(true);
    expect(refusal(() => r.openSession('ltk-1'))).toBe('KEY_STATE'); // still deprecated
    // binding: the device's answer still verifies under the pairing key on the token, another's does not
    expect(r.verifyHost(device.answer(hsmId, r.hostChallenge()))).toBe('own');
    expect(r.verifyHost(new Device('device-x').answer(hsmId, r.hostChallenge()))).toBe('foreign');
    expect(r.verifyHost(device.answer(hsmId, r.hostChallenge()))).toBe('own');
    // trusted keys and roles: the old command is refused (stale nonce), a new one is accepted; the auditor may not delete
    const hsm = new Hsm({ scope: 'server', backend: r });
    expect(refusal(() => hsm.command(stale))).toBe('STALE_NONCE');
    hsm.challenge('manager-1');
    expect(refusal(() => hsm.command(stale))).toBe('STALE_NONCE'); // a fresh nonce is random: still not the old one
    expect(refusal(() => hsm.command(auditor.command(addr, 'delete', 'ltk-0', hsm.challenge('auditor-1'))))).toBe('FORBIDDEN');
    expect(hsm.command(manager.command(addr, 'delete', 'ltk-0', hsm.challenge('manager-1'))).key.life).toBe('deleted');
    r.dispose();
  });

  it('a stop after every single token change of provision, replace and delete (both kinds) leaves each slot, after reopen, in its state before or after, never half', () => {
    const { token } = testToken().backends;
    const manager = new Principal('manager-1');
    const MUTATING = new Set(['create', 'destroy', 'set', 'generate']);
    type Scenario = { name: string; keyId: 'ltk-0' | 'ltk-1'; setup: 'empty' | 'active' | 'deprecated' | 'deleted'; op: 'import' | 'delete' | 'deprecate' };
    const scenarios: Scenario[] = [];
    for (const keyId of ['ltk-0', 'ltk-1'] as const) {
      for (const setup of ['empty', 'active', 'deprecated', 'deleted'] as const)
        scenarios.push({ name: `import into ${setup} ${keyId}`, keyId, setup, op: 'import' });
      for (const setup of ['active', 'deprecated'] as const) scenarios.push({ name: `delete ${setup} ${keyId}`, keyId, setup, op: 'delete' });
      scenarios.push({ name: `deprecate ${keyId}`, keyId, setup: 'active', op: 'deprecate' });
    }
    let stops = 0;
    for (const sc of scenarios) {
      const kind = DEFAULT_SLOTS.find((x) => x.keyId === sc.keyId)!.kind;
      for (let n = 0; ; n++) {
        let left = Number.POSITIVE_INFINITY;
        // the token as the backend sees it: after `left` more changes the process is gone (every later call fails, nothing more is changed)
        const dying = new Proxy(token, {
          get(target, prop) {
            const v = Reflect.get(target, prop, target);
            if (typeof v !== 'function') return v;
            return (...a: unknown[]) => {
              if (left <= 0) throw new Error('stopped');
              if (MUTATING.has(String(prop))) left--;
              return (v as (...x: unknown[]) => unknown).apply(target, a);
            };
          },
        });
        const hsmId = `HSM-S${randomBytes(3).toString('hex')}`;
        const transportKey = new Uint8Array(randomBytes(32));
        const b = new Pkcs11Backend({ token: dying, hsmId, slots: DEFAULT_SLOTS, transportKey, trusted: [manager.trustAs('manager')] });
        const old = newKeyMaterial(kind);
        const fresh = newKeyMaterial(kind);
        const put = (m: KeyMaterial) => b.importWrapped(sc.keyId, wrapKey(transportKey, hsmId, sc.keyId, kind, m.material));
        if (sc.setup !== 'empty') put(old);
        if (sc.setup === 'deprecated') b.deprecate(sc.keyId);
        if (sc.setup === 'deleted') b.destroy(sc.keyId);
        const info = () => b.observe().keys.find((k) => k.keyId === sc.keyId)!;
        const before = info();
        left = n;
        let stopped = false;
        try {
          if (sc.op === 'import') put(fresh);
          else if (sc.op === 'delete') b.destroy(sc.keyId);
          else b.deprecate(sc.keyId);
        } catch (e) {
          if (left > 0) throw e; // failed on its own, not stopped
          stopped = true;
        }
        left = Number.POSITIVE_INFINITY;
        const after =
          sc.op === 'import'
            ? { ...before, life: 'active', kcv: expectedKcv(fresh) }
            : sc.op === 'delete'
              ? { ...before, life: 'deleted', kcv: null }
              : { ...before, life: 'deprecated' };
        const r = Pkcs11Backend.reopen({ token, hsmId, instance: b.instance, slots: DEFAULT_SLOTS });
        const now = r.observe().keys.find((k) => k.keyId === sc.keyId)!;
        expect([JSON.stringify(before), JSON.stringify(after)], `${sc.name}, stopped after ${n} changes`).toContain(JSON.stringify(now));
        if (now.life === 'active') expect(holds(r, sc.keyId, now.kcv === expectedKcv(fresh) ? fresh : old), sc.name).toBe(true);
        expect(labels(r, token), `${sc.name}, stopped after ${n} changes`).toEqual(
          ['transport', 'trusted/manager-1', ...r.observe().keys.flatMap(expectedObjects)].sort(),
        );
        r.dispose();
        if (!stopped) break;
        stops++;
      }
    }
    console.log(`stop after every token change: ${scenarios.length} scenarios, ${stops} stop points`);
  });

  it('SIGKILL in the middle of provisioning, replacement and deletion, at many points: no key lost, no half-written key, no command accepted twice', async () => {
    const { token: soft } = testToken();
    const token = testToken().backends.token;
    const hsmId = `HSM-K${randomBytes(3).toString('hex')}`;
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const manager = new Principal('manager-1', pair.privateKey);
    const transportKey = new Uint8Array(randomBytes(32));
    const first = newKeyMaterial('hmac-sha256');
    const made = new Pkcs11Backend({ token, hsmId, slots: DEFAULT_SLOTS, transportKey, trusted: [manager.trustAs('manager')] });
    made.importWrapped('ltk-0', wrapKey(transportKey, hsmId, 'ltk-0', first.kind, first.material));
    const instance = made.instance;
    made.detach();
    const materials = new Map<string, KeyMaterial>([[expectedKcv(first), first]]);
    const env = {
      ...process.env,
      SOFTHSM2_CONF: soft.conf,
      KILL_TOKEN_LABEL: soft.label,
      KILL_TOKEN_PIN: soft.userPin,
      KILL_HSM_ID: hsmId,
      KILL_INSTANCE: instance,
      KILL_TRANSPORT: Buffer.from(transportKey).toString('hex'),
      KILL_MANAGER: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('hex'),
    };
    const child = join(import.meta.dirname, 'support', 'kill-child.ts');
    const KILLS = Number(process.env.ONEM2M_HSM_KILLS ?? 40);
    const figures = {
      kills: 0,
      commandsAcked: 0,
      inFlightAtKill: 0,
      inFlightApplied: 0,
      rolledBack: 0,
      rolledForward: 0,
      deletesFinished: 0,
      keysLost: 0,
      replaysAccepted: 0,
    };
    let state = Pkcs11Backend.reopen({ token, hsmId, instance, slots: DEFAULT_SLOTS });
    let known = state.observe().keys;
    state.detach();
    const started = Date.now();
    for (let round = 0; round < KILLS; round++) {
      type Sent = { seq: number; keyId: string; op: string; after: { life: KeyInfo['life']; kcv: string | null }; bytes: string; material: string | null };
      const sent: Sent[] = [];
      const acked = new Set<number>();
      let ready = false;
      const delay = randomInt(5, 120);
      const p = spawn(process.execPath, ['--import', 'tsx', child], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let buf = '';
      let err = '';
      p.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) => p.on('exit', (code, signal) => resolve({ code, signal })));
      p.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.startsWith('ready ')) {
            ready = true;
            setTimeout(() => p.kill('SIGKILL'), delay);
          } else if (line.startsWith('send ')) sent.push(JSON.parse(line.slice(5)) as Sent);
          else if (line.startsWith('ack ')) acked.add(Number(line.slice(4)));
        }
      });
      const how = await exit;
      expect(how.signal, `the child ended on its own: ${err}`).toBe('SIGKILL');
      expect(ready).toBe(true);
      figures.kills++;
      // what each slot may be now: after the last acknowledged command, or after the one in flight
      for (const s of sent)
        if (s.material)
          materials.set(s.after.kcv!, { kind: DEFAULT_SLOTS.find((x) => x.keyId === s.keyId)!.kind, material: new Uint8Array(Buffer.from(s.material, 'hex')) });
      const lastAcked = new Map(known.map((k) => [k.keyId, { life: k.life, kcv: k.kcv }]));
      for (const s of sent) if (acked.has(s.seq)) lastAcked.set(s.keyId, s.after);
      figures.commandsAcked += acked.size;
      const inFlight = sent.find((s) => !acked.has(s.seq)) ?? null;
      if (inFlight) figures.inFlightAtKill++;

      const r = Pkcs11Backend.reopen({ token, hsmId, instance, slots: DEFAULT_SLOTS });
      const now = r.observe().keys;
      figures.rolledBack += r.restored!.rolledBack;
      figures.rolledForward += r.restored!.rolledForward;
      figures.deletesFinished += r.restored!.deletesFinished;
      for (const k of now) {
        const allowed = [lastAcked.get(k.keyId)!, ...(inFlight?.keyId === k.keyId ? [inFlight.after] : [])];
        const match = allowed.findIndex((a) => a.life === k.life && a.kcv === k.kcv);
        if (match < 0) figures.keysLost++;
        expect(match, `round ${round}: ${k.keyId} is ${k.life} ${k.kcv}; allowed ${JSON.stringify(allowed)}`).toBeGreaterThanOrEqual(0);
        if (match === 1 && JSON.stringify(allowed[0]) !== JSON.stringify(allowed[1])) figures.inFlightApplied++;
        if (k.life === 'active') {
          const m = materials.get(k.kcv!);
          expect(m, `round ${round}: material of ${k.keyId}`).toBeDefined();
          if (!holds(r, k.keyId, m!)) figures.keysLost++;
        }
      }
      // no half-written key: each slot has exactly the objects of its state (no pending object, no stray public key)
      expect(labels(r, token)).toEqual(['transport', 'trusted/manager-1', ...now.flatMap(expectedObjects)].sort());
      // no command accepted twice: the last command sent (in flight or acknowledged) is refused when sent again
      const last = inFlight ?? sent.at(-1);
      if (last) {
        const hsm = new Hsm({ scope: 'server', backend: r });
        const code = refusal(() => hsm.command(new Uint8Array(Buffer.from(last.bytes, 'hex'))));
        if (code === null) figures.replaysAccepted++;
        expect(code).toBe('STALE_NONCE');
        expect(r.observe().keys).toEqual(now);
      }
      known = now;
      r.detach();
    }
    state = Pkcs11Backend.reopen({ token, hsmId, instance, slots: DEFAULT_SLOTS });
    state.dispose();
    console.log(`kill-and-restart: ${JSON.stringify({ ...figures, seconds: Math.round((Date.now() - started) / 1000) })}`);
    expect(figures.keysLost).toBe(0);
    expect(figures.replaysAccepted).toBe(0);
    expect(figures.kills).toBe(KILLS);
  }, 180_000);
});
