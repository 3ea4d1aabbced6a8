/**
 * Binding of the HSM to its device (clause CM5: REQ-CM5-01, REQ-CM5-02) and the tamper
 * response: the HSM checks on every use that the device it sits in answers its challenge with
 * the device's own key; moved into another device its keys are unusable; an attacker-made HSM
 * fitted in its place cannot prove the pairing; a breach of the enclosure zeroizes everything.
 * Each use of a running Sensitive Function's key (derive, mac, sign) checks the binding again,
 * and `observe()` reports where the HSM is now (issue 10, item 4).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HsmError } from '../../impl/errors.ts';
import { Device } from '../../impl/world/device.ts';
import { expectedDerivation, verifiesUnder } from '../../impl/world/keys.ts';
import type { KeyMaterial } from '../../impl/world/principal.ts';
import { refused, snapshot, world, type World } from './support/world.ts';

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
    refused(w, 'NOT_BOUND', () => w.hsm.challenge(w.manager.signerId));
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

  it('REQ-CM5-01 (ASM-15): a Sensitive Function running when the HSM is moved keeps its session, and every use out of its own device is refused', () => {
    const w = world('device');
    w.hsm.sfStart('ltk-0');
    w.socket.device = null;
    refused(w, 'NOT_BOUND', () => w.hsm.challenge(w.manager.signerId));
    expect(w.hsm.observe().session).toBe('ltk-0');
    refused(w, 'NOT_BOUND', () => w.hsm.derive(input)); // binding is checked before the session, as at SF_START
    expect(w.hsm.stateValue()).toEqual({ hsm: 'removed', sf: 'running' });
    // in another device, the use is refused and ends the function
    w.socket.device = w.other;
    refused(w, 'NOT_BOUND', () => w.hsm.derive(input));
    expect(w.hsm.stateValue()).toEqual({ hsm: 'elsewhere', sf: 'idle' });
    expect(w.hsm.observe().session).toBe(null);
  });

  it('T3: once out of its device, an attacker-made HSM fitted in its place keeps it out for good', () => {
    const w = world('device');
    w.socket.device = null;
    refused(w, 'NOT_BOUND', () => w.hsm.challenge(w.manager.signerId));
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
    refused(w, 'NOT_BOUND', () => w.hsm.challenge(w.manager.signerId));
    w.hsm.replaceWithCounterfeit();
    w.socket.device = w.home; // physically impossible (the socket holds the attacker's HSM), and still refused
    refused(w, 'NOT_BOUND', () => w.hsm.sfStart('ltk-0'));
    refused(w, 'NOT_BOUND', () => w.hsm.challenge(w.manager.signerId));
    expect(w.hsm.observe().session).toBe(null);
    expect(w.hsm.stateValue()).toEqual({ hsm: 'counterfeitFitted', sf: 'idle' });
  });
});

/** Where the HSM physically is, as the test moves it (the ground truth, kept apart from the implementation). */
type Place = 'home' | 'other' | 'spoof' | 'none';
type Use = 'derive' | 'mac' | 'sign';

/** The location `observe()` must report for `place`. */
const LOCATION = { home: 'own', other: 'foreign', spoof: 'foreign', none: 'none' } as const;

/** A world whose ltk-1 holds an ECDSA key (for `sign`); returns it with that key. */
function signingWorld(): { w: World; l1: KeyMaterial } {
  const w = world('device');
  const l1 = w.key('ecdsa-p256');
  w.hsm.command(w.cmd(w.manager, 'provision', 'ltk-1', l1));
  return { w, l1 };
}

/** A snapshot with the Sensitive Function's session and `sf` region left out. */
function withoutSession(snap: string): string {
  const o = JSON.parse(snap) as { backend: { session: unknown }; statechart: { sf?: unknown } };
  return JSON.stringify({ ...o, backend: { ...o.backend, session: null }, statechart: { ...o.statechart, sf: null } });
}

/** The key a use runs on, and the use itself. */
const USES: Record<Use, { keyId: string; run: (w: World) => Uint8Array }> = {
  derive: { keyId: 'ltk-0', run: (w) => w.hsm.derive(input) },
  mac: { keyId: 'ltk-0', run: (w) => w.hsm.mac(new Uint8Array([1, 2, 3])) },
  sign: { keyId: 'ltk-1', run: (w) => w.hsm.sign(new Uint8Array([1, 2, 3])) },
};

/** Physical moves of the HSM (no HSM interface is involved), each with the location it leads to. */
const MOVES: Record<string, { place: Place; move: (w: World) => void }> = {
  removed: {
    place: 'none',
    move: (w) => {
      w.socket.device = null;
    },
  },
  'inserted into another device': {
    place: 'other',
    move: (w) => {
      w.socket.device = w.other;
    },
  },
  'inserted into a device claiming its id': {
    place: 'spoof',
    move: (w) => {
      w.socket.device = new Device(w.home.id);
    },
  },
};

describe('CM5 checked on every use of a key (issue 10, item 4)', () => {
  describe.each(Object.keys(MOVES))('@clause CM5 — a Sensitive Function started at home, then the HSM %s', (how) => {
    const { place, move } = MOVES[how]!;

    // ASM-15: the session survives the move; in another device the refused use ends it, out of any device nothing can use it and it stays open
    const region = place === 'none' ? 'removed' : 'elsewhere';
    const sfAfterUse = place === 'none' ? 'running' : 'idle';

    it.each(Object.keys(USES) as Use[])('REQ-CM5-01: %s is refused with NOT_BOUND, and nothing changes but the function ending', (use) => {
      // Fails if the key use does not check the binding at the time of use (it returned output after the move).
      const { w } = signingWorld();
      w.hsm.sfStart(USES[use].keyId);
      expect(USES[use].run(w).length).toBeGreaterThan(0);
      const keysBefore = JSON.stringify(w.hsm.observe().keys);
      move(w);
      refused(w, 'NOT_BOUND', () => USES[use].run(w));
      const after = snapshot(w.hsm);
      expect(w.hsm.stateValue()).toEqual({ hsm: region, sf: sfAfterUse });
      expect(w.hsm.observe().session).toBe(sfAfterUse === 'running' ? USES[use].keyId : null);
      expect(JSON.stringify(w.hsm.observe().keys)).toBe(keysBefore);
      for (const u of Object.keys(USES) as Use[]) refused(w, 'NOT_BOUND', () => USES[u].run(w));
      expect(snapshot(w.hsm)).toBe(after);
      expect(w.leak.hits).toEqual([]);
    });

    it('REQ-CM5-01: observe() reports the new location right after the move, before any other use', () => {
      // Fails if observe() reports the location of the last use (still `own`) instead of where the HSM is.
      const { w } = signingWorld();
      w.hsm.sfStart('ltk-0');
      move(w);
      const o = w.hsm.observe();
      expect(o.binding).toEqual({ device: w.home.id, location: LOCATION[place] });
      expect(o.session).toBe('ltk-0');
      expect(w.hsm.stateValue()).toEqual({ hsm: region, sf: 'running' });
    });

    it('REQ-CM5-01: back in its own device the keys work again: in the same function if no use was refused elsewhere, else in a new one', () => {
      // Fails if a function survives a use refused in another device, or if the keys stay unusable at home.
      const { w } = signingWorld();
      w.hsm.sfStart('ltk-0');
      move(w);
      refused(w, 'NOT_BOUND', () => w.hsm.mac(new Uint8Array(1)));
      w.socket.device = w.home;
      if (place === 'none') expect(w.hsm.derive(input)).toEqual(expectedDerivation(w.l0, input));
      else refused(w, 'NO_SESSION', () => w.hsm.mac(new Uint8Array(1)));
      expect(w.hsm.observe().binding?.location).toBe('own');
      if (place !== 'none') w.hsm.sfStart('ltk-0');
      expect(w.hsm.derive(input)).toEqual(expectedDerivation(w.l0, input));
    });
  });

  it.each(Object.keys(USES) as Use[])('T3 @clause CM5: after a counterfeit swap, %s by the genuine HSM is refused with NOT_BOUND', (use) => {
    // Fails if the counterfeit swap is refused after an unseen physical removal, or if the key use ignores the swap.
    const { w } = signingWorld();
    w.hsm.sfStart(USES[use].keyId);
    w.socket.device = null;
    w.hsm.replaceWithCounterfeit();
    expect(w.home.counterfeitFitted).toBe(true);
    expect(w.hsm.stateValue()).toEqual({ hsm: 'counterfeitFitted', sf: 'running' }); // ASM-15: the session survived
    refused(w, 'NOT_BOUND', () => USES[use].run(w));
    expect(w.hsm.stateValue()).toEqual({ hsm: 'counterfeitFitted', sf: 'idle' });
    expect(w.hsm.observe().binding?.location).toBe('none');
    expect(w.hsm.observe().session).toBe(null);
    const before = snapshot(w.hsm);
    refused(w, 'NOT_BOUND', () => USES[use].run(w));
    expect(snapshot(w.hsm)).toBe(before);
  });

  it('@clause CM5 property: random moves, SF starts/ends and key uses — every successful use happened in its own device, refused uses change nothing', () => {
    // Fails if any key use succeeds while the HSM is out of its own device, if a refusal changes the state, or if observe() misreports the location.
    type Step =
      | { t: 'move'; to: Place }
      | { t: 'remove' }
      | { t: 'insert'; to: 'home' | 'other' }
      | { t: 'counterfeit' }
      | { t: 'start'; keyId: 'ltk-0' | 'ltk-1' }
      | { t: 'end' }
      | { t: 'use'; use: Use; watch: boolean }
      | { t: 'observe' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ t: fc.constant('move' as const), to: fc.constantFrom<Place>('home', 'other', 'spoof', 'none') }),
      fc.constant({ t: 'remove' as const }),
      fc.record({ t: fc.constant('insert' as const), to: fc.constantFrom('home' as const, 'other' as const) }),
      fc.constant({ t: 'counterfeit' as const }),
      fc.record({ t: fc.constant('start' as const), keyId: fc.constantFrom('ltk-0' as const, 'ltk-1' as const) }),
      fc.constant({ t: 'end' as const }),
      fc.record({ t: fc.constant('use' as const), use: fc.constantFrom<Use>('derive', 'mac', 'sign'), watch: fc.boolean() }),
      fc.constant({ t: 'observe' as const }),
    );
    let successes = 0;
    let refusalsOutside = 0;
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { w, l1 } = signingWorld();
        const spoof = new Device(w.home.id);
        const device = { home: w.home, other: w.other, spoof, none: null } as const;
        let place: Place = 'home';
        let counterfeit = false;
        const own = () => place === 'home' && !counterfeit;
        const attempt = (f: () => unknown): HsmError | null => {
          try {
            f();
            return null;
          } catch (e) {
            if (!(e instanceof HsmError)) throw e;
            return e;
          }
        };
        for (const s of steps) {
          switch (s.t) {
            case 'move':
              if (counterfeit && s.to === 'home') break; // the attacker's HSM holds that socket
              w.socket.device = device[s.to];
              place = s.to;
              break;
            case 'remove': {
              const wasOwn = own();
              if (attempt(() => w.hsm.remove()) === null) {
                expect(wasOwn, 'removed from its own device').toBe(false);
                place = 'none';
              }
              break;
            }
            case 'insert': {
              const was = place;
              if (attempt(() => w.hsm.insert(device[s.to])) === null) {
                expect(was, 'inserted while not removed').toBe('none');
                expect(counterfeit).toBe(false);
                place = s.to;
              }
              break;
            }
            case 'counterfeit': {
              const was = place;
              if (attempt(() => w.hsm.replaceWithCounterfeit()) === null) {
                expect(was, 'counterfeit fitted while the genuine HSM sat in a device').toBe('none');
                counterfeit = true;
              }
              break;
            }
            case 'start': {
              const e = attempt(() => w.hsm.sfStart(s.keyId));
              if (e === null) expect(own(), 'SF started outside its own device').toBe(true);
              else if (!own()) expect(e.code).toBe('NOT_BOUND');
              break;
            }
            case 'end':
              attempt(() => w.hsm.sfEnd());
              break;
            case 'use': {
              const before = s.watch ? snapshot(w.hsm) : null;
              const data = new Uint8Array([1, 2, 3]); // what USES signs
              let out: Uint8Array | null = null;
              const e = attempt(() => {
                out = USES[s.use].run(w);
              });
              if (e === null) {
                expect(own(), `${s.use} succeeded outside its own device (${place}, counterfeit ${counterfeit})`).toBe(true);
                successes++;
                if (s.use === 'derive') expect(out).toEqual(expectedDerivation(w.l0, input));
                if (s.use === 'sign') expect(verifiesUnder(l1, data, out!)).toBe(true);
              } else {
                if (!own()) {
                  expect(e.code).toBe('NOT_BOUND');
                  refusalsOutside++;
                }
                // a refused use changes nothing, except that it may end the running function (ASM-15)
                if (before !== null) expect(withoutSession(snapshot(w.hsm)), `refused ${s.use} changed the state`).toBe(withoutSession(before));
              }
              break;
            }
            case 'observe':
              expect(w.hsm.observe().binding?.location).toBe(LOCATION[place]);
              break;
          }
        }
        expect(w.hsm.observe().binding?.location).toBe(LOCATION[place]);
        // the backend's session and the statechart's `sf` region agree (the session may survive a move, ASM-15)
        expect(w.hsm.observe().session !== null).toBe((w.hsm.stateValue() as { sf: string }).sf === 'running');
        expect(w.leak.hits).toEqual([]);
      }),
      { numRuns: 200 },
    );
    expect(successes).toBeGreaterThan(0);
    expect(refusalsOutside).toBeGreaterThan(0);
  });
});

describe('breach of the enclosure (beyond the model: the model zeroizes on PROBE and keeps the HSM in service, see attacks.test.ts)', () => {
  it('a breach zeroizes everything: every key destroyed, every use refused with ZEROIZED, bad input still changes nothing', () => {
    const w = world('device');
    w.hsm.command(w.cmd(w.manager, 'provision', 'ltk-1', w.key('ecdsa-p256')));
    const n = w.hsm.challenge(w.manager.signerId);
    w.hsm.breach();
    const o = w.hsm.observe();
    expect(o.zeroized).toBe(true);
    expect(o.keys.map((k) => [k.life, k.kcv])).toEqual([
      ['deleted', null],
      ['deleted', null],
    ]);
    expect(o.challenge).toBe(false);
    const before = snapshot(w.hsm);
    refused(w, 'ZEROIZED', () => w.hsm.challenge(w.manager.signerId));
    refused(w, 'ZEROIZED', () => w.hsm.sfStart('ltk-0'));
    refused(w, 'ZEROIZED', () => w.hsm.command(w.manager.command({ hsmId: w.hsm.id }, 'delete', 'ltk-0', n)));
    refused(w, 'MALFORMED', () => w.hsm.command(new Uint8Array([1, 2, 3])));
    expect(snapshot(w.hsm)).toBe(before);
    refused(w, 'ZEROIZED', () => w.hsm.probe());
    w.leak.scan('memory read after tamper', w.hsm.remoteHack());
    expect(w.leak.hits).toEqual([]);
  });
});
