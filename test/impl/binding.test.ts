/**
 * Binding of the HSM to its device (clause CM5: REQ-CM5-01, REQ-CM5-02) and the tamper
 * response: the HSM checks on every use that the device it sits in answers its challenge with
 * the device's own key; moved into another device its keys are unusable; an attacker-made HSM
 * fitted in its place cannot prove the pairing; a breach of the enclosure zeroizes everything.
 */
import { describe, expect, it } from 'vitest';
import { Device } from '../../impl/world/device.ts';
import { refused, snapshot, world } from './support/world.ts';

const input = { label: 'Ke', context: new Uint8Array(0), nonces: [new Uint8Array(16), new Uint8Array(16)] as const };

describe('CM5 binding of the HSM to its device', () => {
  it('REQ-CM5-02: while in its own device, removal and insertion elsewhere are refused (BOUND_TO_DEVICE)', () => {
    const w = world('device');
    refused(w, 'BOUND_TO_DEVICE', () => w.hsm.remove());
    refused(w, 'BOUND_TO_DEVICE', () => w.hsm.insert(w.other));
    refused(w, 'BOUND_TO_DEVICE', () => w.hsm.replaceWithCounterfeit());
    expect(w.hsm.stateValue()).toEqual({ hsm: 'inOwnDevice', sf: 'idle' });
  });

  it('REQ-CM5-01: moved into another device (physical binding defeated), its keys are unusable on every use', () => {
    const w = world('device');
    w.socket.device = w.other;
    refused(w, 'NOT_BOUND', () => w.hsm.sfStart('ltk-0'));
    expect(w.hsm.stateValue()).toEqual({ hsm: 'elsewhere', sf: 'idle' });
    expect(w.hsm.observe().binding).toEqual({ device: w.home.id, location: 'foreign' });
    refused(w, 'NOT_BOUND', () => w.hsm.challenge());
    refused(w, 'NOT_BOUND', () => w.hsm.command(w.manager.command({ hsmId: w.hsm.id }, 'read', 'ltk-0', new Uint8Array(16))));
    expect(w.socket.device).toBe(w.other);
    expect(w.hsm.stateValue()).toEqual({ hsm: 'elsewhere', sf: 'idle' });
    expect(w.hsm.observe().keys[0]!.life).toBe('active');
    w.socket.device = w.home;
    w.hsm.sfStart('ltk-0');
    expect(w.hsm.derive(input)).toHaveLength(32);
    w.hsm.sfEnd();
    expect(w.hsm.stateValue()).toEqual({ hsm: 'inOwnDevice', sf: 'idle' });
  });

  it("REQ-CM5-01: a device claiming the bound device's id but holding another key is not its device", () => {
    const w = world('device');
    w.socket.device = new Device(w.home.id);
    refused(w, 'NOT_BOUND', () => w.hsm.sfStart('ltk-0'));
  });

  it('REQ-CM5-01: a Sensitive Function running when the HSM is moved is ended at its next use', () => {
    const w = world('device');
    w.hsm.sfStart('ltk-0');
    w.socket.device = null;
    refused(w, 'NOT_BOUND', () => w.hsm.challenge());
    expect(w.hsm.observe().session).toBe(null);
    refused(w, 'NO_SESSION', () => w.hsm.derive(input));
    expect(w.hsm.stateValue()).toEqual({ hsm: 'removed', sf: 'idle' });
  });

  it('T3: once out of its device, an attacker-made HSM fitted in its place keeps it out for good', () => {
    const w = world('device');
    w.socket.device = null;
    refused(w, 'NOT_BOUND', () => w.hsm.challenge());
    w.hsm.replaceWithCounterfeit();
    expect(w.home.counterfeitFitted).toBe(true);
    expect(w.hsm.stateValue()).toEqual({ hsm: 'counterfeitFitted', sf: 'idle' });
    refused(w, 'BOUND_TO_DEVICE', () => w.hsm.insert(w.home));
    refused(w, 'BOUND_TO_DEVICE', () => w.hsm.insert(w.other));
    refused(w, 'BOUND_TO_DEVICE', () => w.hsm.replaceWithCounterfeit());
    refused(w, 'NOT_BOUND', () => w.hsm.remove());
    expect(w.hsm.stateValue()).toEqual({ hsm: 'counterfeitFitted', sf: 'idle' });
  });

  it('REQ-CM5-01: the pairing proof (cm5PairingProved) fails for an attacker-made HSM, even with the genuine one back in the socket', () => {
    const w = world('device');
    w.socket.device = null;
    refused(w, 'NOT_BOUND', () => w.hsm.challenge());
    w.hsm.replaceWithCounterfeit();
    w.socket.device = w.home; // physically impossible (the socket holds the attacker's HSM), and still refused
    refused(w, 'NOT_BOUND', () => w.hsm.sfStart('ltk-0'));
    refused(w, 'NOT_BOUND', () => w.hsm.challenge());
    expect(w.hsm.observe().session).toBe(null);
    expect(w.hsm.stateValue()).toEqual({ hsm: 'counterfeitFitted', sf: 'idle' });
  });
});

describe('breach of the enclosure (beyond the model: the model zeroizes on PROBE and keeps the HSM in service, see attacks.test.ts)', () => {
  it('tamper zeroizes everything: every key destroyed, every use refused with ZEROIZED, bad input still changes nothing', () => {
    const w = world('device');
    w.hsm.command(w.cmd(w.manager, 'provision', 'ltk-1', w.key('ecdsa-p256')));
    const n = w.hsm.challenge();
    w.hsm.tamper();
    const o = w.hsm.observe();
    expect(o.zeroized).toBe(true);
    expect(o.keys.map((k) => [k.life, k.kcv])).toEqual([
      ['deleted', null],
      ['deleted', null],
    ]);
    expect(o.challenge).toBe(false);
    const before = snapshot(w.hsm);
    refused(w, 'ZEROIZED', () => w.hsm.challenge());
    refused(w, 'ZEROIZED', () => w.hsm.sfStart('ltk-0'));
    refused(w, 'ZEROIZED', () => w.hsm.command(w.manager.command({ hsmId: w.hsm.id }, 'delete', 'ltk-0', n)));
    refused(w, 'MALFORMED', () => w.hsm.command(new Uint8Array([1, 2, 3])));
    expect(snapshot(w.hsm)).toBe(before);
    refused(w, 'ZEROIZED', () => w.hsm.probe());
    w.leak.scan('memory read after tamper', w.hsm.remoteHack());
    expect(w.leak.hits).toEqual([]);
  });
});
