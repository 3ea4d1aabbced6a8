/**
 * The model's attack steps on the real HSM, as the model says they go under every countermeasure
 * (clauses CM1, CM2, CM4): PROBE makes the HSM zeroize its long-term keys and it stays in
 * service (ASM-10); REMOTE_HACK reads general-purpose memory and finds no key; SIDE_CHANNEL is
 * accepted while a Sensitive Function runs and yields nothing; MEMORY_WRITE finds no key storage.
 */
import { describe, expect, it } from 'vitest';
import { refused, world } from './support/world.ts';

const input = { label: 'Ke', context: new Uint8Array(0), nonces: [new Uint8Array(16), new Uint8Array(16)] as const };

describe.each(['device', 'server'] as const)('attack steps on the %s HSM', (scope) => {
  it('REQ-CM1-02/CM2-02: PROBE reads nothing; the HSM zeroizes its long-term keys (fail-secure) and stays in service', () => {
    const w = world(scope);
    const n = w.hsm.challenge(w.manager.signerId);
    expect(w.hsm.probe()).toHaveLength(0);
    const o = w.hsm.observe();
    expect(o.zeroized).toBe(false);
    expect(o.keys.map((k) => [k.life, k.kcv])).toEqual([
      ['deleted', null],
      ['empty', null],
    ]);
    expect(o.challenge).toBe(true); // as in the model: the outstanding nonce is not a key
    refused(w, 'KEY_STATE', () => w.hsm.sfStart('ltk-0'));
    const l = w.key('hmac-sha256');
    expect(w.hsm.command(w.cmd(w.manager, 'provision', 'ltk-0', l, n)).key.life).toBe('active');
    w.hsm.sfStart('ltk-0');
    expect(w.hsm.derive(input)).toHaveLength(32);
    w.hsm.sfEnd();
    expect(w.leak.hits).toEqual([]);
  });

  for (const [event, run] of [
    ['PROBE', (w: ReturnType<typeof world>) => w.hsm.probe()],
    ['TAMPER', (w: ReturnType<typeof world>) => w.hsm.tamper()],
  ] as const) {
    it(`REQ-CM4-01/02: ${event} during a Sensitive Function zeroizes its key; its next use is refused and ends it; the HSM stays in service`, () => {
      const w = world(scope);
      w.hsm.sfStart('ltk-0');
      run(w);
      expect(w.hsm.observe().keys.every((k) => k.life !== 'active' && k.kcv === null)).toBe(true);
      expect(w.hsm.observe().session).toBe('ltk-0');
      refused(w, 'KEY_STATE', () => w.hsm.derive(input));
      expect(w.hsm.observe().session).toBe(null);
      expect(w.hsm.stateValue()).toMatchObject({ sf: 'idle' });
      refused(w, 'NO_SESSION', () => w.hsm.sfEnd());
      // still in service: the manager provisions a new key, and it works
      w.hsm.command(w.cmd(w.manager, 'provision', 'ltk-0', w.key('hmac-sha256')));
      w.hsm.sfStart('ltk-0');
      expect(w.hsm.derive(input).length).toBeGreaterThan(0);
    });
  }

  it('REQ-CM4-01/02: SIDE_CHANNEL is accepted while a Sensitive Function runs and yields nothing; with none running, NO_SESSION', () => {
    const w = world(scope);
    refused(w, 'NO_SESSION', () => w.hsm.sideChannel());
    w.hsm.sfStart('ltk-0');
    const seen = w.hsm.sideChannel();
    expect(seen).toHaveLength(0);
    expect(w.hsm.observe().session).toBe('ltk-0');
    w.hsm.sfEnd();
    expect(w.leak.hits).toEqual([]);
  });

  it('REQ-CM1-01/CM2-01: REMOTE_HACK reads general-purpose memory and finds no key; MEMORY_WRITE finds no key storage (NOT_EXPOSED)', () => {
    const w = world(scope);
    w.hsm.sfStart('ltk-0');
    w.leak.scan('memory image', w.hsm.remoteHack());
    w.hsm.sfEnd();
    for (const write of ['erase', 'implant'] as const) refused(w, 'NOT_EXPOSED', () => w.hsm.writeMemory('ltk-0', write));
    expect(w.hsm.observe().keys[0]!.life).toBe('active');
    expect(w.leak.hits).toEqual([]);
  });
});
