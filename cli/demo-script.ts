/**
 * The scenario of `onem2m-hsm demo` (see `cli/demo.ts`): one legitimate scenario and the
 * attacks of each threat (T1–T6), on the executable device HSM and Server-HSM with real
 * cryptography, printing every step with the outcome the verified model gives it under every
 * countermeasure: refused with a typed error, accepted revealing nothing (memory reads, side
 * channels, permitted reads), or, for a probe of the HSM's boundary, zeroized (fail-secure,
 * ASM-10). Every printed line is scanned for the bytes of every key used.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Op } from '../model/management.ts';
import { LeakScanner } from '../impl/conformance/leak.ts';
import { HsmError } from '../impl/errors.ts';
import type { Hsm } from '../impl/hsm.ts';
import { manufactureHsm } from '../impl/manufacture.ts';
import { Device, Socket } from '../impl/world/device.ts';
import { newKeyMaterial, verifiesUnder } from '../impl/world/keys.ts';
import { Principal, type KeyMaterial } from '../impl/world/principal.ts';
import { EXIT } from './errors.ts';

interface Stage {
  readonly hsm: Hsm;
  readonly transportKey: Uint8Array;
}

/** The outcome a demo step expects: accepted, refused with a code, or the fail-secure zeroization of a probed HSM. */
type Expected = 'accepted' | 'zeroized' | HsmError['code'];

/** Plays the demo, printing each line with `print`; returns the exit code (1 on an unexpected outcome or a leaked key byte). */
export async function playDemo(print: (line: string) => void): Promise<number> {
  const leak = new LeakScanner();
  const say = (...ls: string[]) => {
    for (const line of ls) {
      leak.scanText('demo output', line);
      print(line);
    }
  };
  let unexpected = 0;
  const key = (kind: KeyMaterial['kind']) => {
    const k = newKeyMaterial(kind);
    leak.addKey(`demo:${kind}`, k.material);
    return k;
  };
  const manager = new Principal('manager-1');
  const auditor = new Principal('auditor-1');
  const forger = new Principal('manager-1');
  const make = (scope: 'device' | 'server', hsmId: string, device?: Device, socket?: Socket): Stage => {
    const transportKey = new Uint8Array(randomBytes(32));
    leak.addKey(`${hsmId}:transport`, transportKey);
    const hsm = manufactureHsm({
      scope,
      hsmId,
      transportKey,
      trusted: [manager.trustAs('manager'), auditor.trustAs('auditor')],
      ...(device ? { device } : {}),
      ...(socket ? { socket } : {}),
      initialKeys: [{ keyId: 'ltk-0', key: key('hmac-sha256') }],
      log: (line) => leak.scanText('audit log', line),
    });
    return { hsm, transportKey };
  };
  /** One step: run it, print the outcome (`judge` names an accepted one), count it if it is not the one expected. */
  const step = (
    who: string,
    what: string,
    f: () => unknown,
    expect: Expected,
    show?: (r: unknown) => string,
    judge = (_r: unknown): Expected => 'accepted',
  ) => {
    let shown: string;
    let got: string;
    try {
      const r = f();
      leak.scan('demo result', r);
      got = judge(r);
      shown = `${got === 'zeroized' ? 'zeroized (fail-secure)' : got}${show ? ` — ${show(r)}` : ''}`;
    } catch (e) {
      if (!(e instanceof HsmError)) throw e;
      leak.scan('demo error', e);
      got = e.code;
      shown = `refused — ${e.message}`;
    }
    if (got !== expect) unexpected++;
    say(`    ${who}: ${what} → ${shown}${got === expect ? '' : `   [UNEXPECTED: expected ${expect}]`}`);
  };
  const cmd = (s: Stage, who: Principal, op: Op, keyId: string, k?: KeyMaterial, nonce?: Uint8Array) =>
    who.command({ hsmId: s.hsm.id, transportKey: s.transportKey }, op, keyId, nonce ?? s.hsm.challenge(who.signerId), k);
  const facts = (r: unknown) => {
    const x = (r as { key: { keyId: string; life: string; kind: string; kcv: string | null } }).key;
    return `${x.keyId} is ${x.life} (${x.kind}, key check value ${x.kcv ?? '-'}); no key value returned`;
  };

  const home = new Device('device-1');
  const dev = make('device', 'HSM-DEV-1', home);
  const srv = make('server', 'HSM-SRV-1');
  const input = { label: 'Ke', context: new TextEncoder().encode('CSE-1|AE-7'), nonces: [randomBytes(16), randomBytes(16)] as const };

  say('Legitimate scenario — device HSM HSM-DEV-1 in device-1, all countermeasures in force:');
  const l1 = key('ecdsa-p256');
  step(
    'manager',
    'provisions ltk-1 (ECDSA key, wrapped under the transport key, signed over a fresh challenge)',
    () => dev.hsm.command(cmd(dev, manager, 'provision', 'ltk-1', l1)),
    'accepted',
    facts,
  );
  step(
    'device',
    'starts a Sensitive Function on ltk-0 and derives a session key',
    () => {
      dev.hsm.sfStart('ltk-0');
      return dev.hsm.derive(input);
    },
    'accepted',
    (r) => `${(r as Uint8Array).length}-byte derived key`,
  );
  step('device', 'ends the Sensitive Function', () => dev.hsm.sfEnd(), 'accepted');
  const data = new TextEncoder().encode('registration request');
  step(
    'device',
    'signs with ltk-1 inside the HSM',
    () => {
      dev.hsm.sfStart('ltk-1');
      const sig = dev.hsm.sign(data);
      dev.hsm.sfEnd();
      if (!verifiesUnder(l1, data, sig)) throw new Error('signature does not verify');
      return sig;
    },
    'accepted',
    () => 'the signature verifies under the provisioned public key',
  );
  step('manager', 'reads ltk-0', () => dev.hsm.command(cmd(dev, manager, 'read', 'ltk-0')), 'accepted', facts);
  step(
    'manager',
    'deprecates ltk-0, then replaces it with a new key',
    () => {
      dev.hsm.command(cmd(dev, manager, 'deprecate', 'ltk-0'));
      return dev.hsm.command(cmd(dev, manager, 'replace', 'ltk-0', key('hmac-sha256')));
    },
    'accepted',
    facts,
  );

  say('', 'Attacks, by threat:');
  say('  T1 discovery of a device key (reading memory, probing, local management commands):');
  step(
    'attacker',
    "reads device-1's general-purpose memory",
    () => dev.hsm.remoteHack(),
    'accepted',
    (r) => `read ${(r as Uint8Array).length} bytes: statechart snapshot and public key facts, no key`,
  );
  step('auditor', 'reads ltk-0 with a valid read-only credential', () => dev.hsm.command(cmd(dev, auditor, 'read', 'ltk-0')), 'accepted', facts);
  const probed = make('device', 'HSM-DEV-2', new Device('device-2'));
  step(
    'attacker',
    'probes the boundary of HSM-DEV-2 (in device-2) to read its keys',
    () => {
      const read = probed.hsm.probe();
      const o = probed.hsm.observe();
      return { read: read.length, keysLeft: o.keys.filter((k) => k.kcv !== null).length, inService: !o.zeroized };
    },
    'zeroized',
    (r) => `the HSM detected the probe and destroyed its long-term keys: the probe read ${(r as { read: number }).read} bytes; it stays in service`,
    (r) => {
      const x = r as { read: number; keysLeft: number; inService: boolean };
      return x.read === 0 && x.keysLeft === 0 && x.inService ? 'zeroized' : 'accepted';
    },
  );
  step(
    'manager',
    'provisions a new ltk-0 into HSM-DEV-2',
    () => probed.hsm.command(cmd(probed, manager, 'provision', 'ltk-0', key('hmac-sha256'))),
    'accepted',
    facts,
  );
  say('  T2 deletion of a device key (impersonating the manager, removing the HSM, zeroization):');
  step('attacker', 'deletes ltk-0 with a forged manager credential', () => dev.hsm.command(cmd(dev, forger, 'delete', 'ltk-0')), 'BAD_SIGNATURE');
  step('attacker', 'removes the HSM from device-1', () => dev.hsm.remove(), 'BOUND_TO_DEVICE');
  say(
    "    (the probe above did delete HSM-DEV-2's keys: under ASM-10 the model counts fail-secure zeroization as a deletion, so a physical attacker achieves T2 under every countermeasure)",
  );
  say('  T3 replacement of a device key (forged provisioning, replay, writing memory, counterfeit HSM):');
  const captured = cmd(dev, manager, 'delete', 'ltk-1');
  step('manager', 'deletes ltk-1 (the attacker captures the command on the wire)', () => dev.hsm.command(captured), 'accepted', facts);
  step(
    'attacker',
    'provisions its own key into ltk-1 with a forged credential',
    () => dev.hsm.command(cmd(dev, forger, 'provision', 'ltk-1', key('ecdsa-p256'))),
    'BAD_SIGNATURE',
  );
  step('attacker', 'replays the captured command', () => dev.hsm.command(captured), 'STALE_NONCE');
  step('attacker', "writes its own key into ltk-1's storage in device memory", () => dev.hsm.writeMemory('ltk-1', 'implant'), 'NOT_EXPOSED');
  step('attacker', 'fits an HSM of its own into device-1', () => dev.hsm.replaceWithCounterfeit(), 'BOUND_TO_DEVICE');
  say('  T4 discovery of an infrastructure key (remote hacking, System Administrator):');
  step(
    'attacker',
    'remotely hacks the equipment and reads memory',
    () => srv.hsm.remoteHack(),
    'accepted',
    (r) => `read ${(r as Uint8Array).length} bytes, no key`,
  );
  step('System Administrator', 'reads ltk-0 of the Server-HSM', () => srv.hsm.command(cmd(srv, manager, 'read', 'ltk-0')), 'accepted', facts);
  say('  T5 deletion of an infrastructure key (illicit use of maintenance interfaces, remote hacking):');
  step('maintenance engineer', 'deletes ltk-0 with a valid read-only credential', () => srv.hsm.command(cmd(srv, auditor, 'delete', 'ltk-0')), 'FORBIDDEN');
  step('attacker', "erases ltk-0's storage in the equipment's memory", () => srv.hsm.writeMemory('ltk-0', 'erase'), 'NOT_EXPOSED');
  say('  T6 discovery of a key while a Sensitive Function uses it (monitoring, DPA):');
  step('device', 'starts a Sensitive Function on ltk-0', () => dev.hsm.sfStart('ltk-0'), 'accepted');
  step(
    'attacker',
    'monitors the running function',
    () => dev.hsm.sideChannel(),
    'accepted',
    (r) => `observed ${(r as Uint8Array).length} bytes: the function runs inside the HSM, whose rating resists this attacker`,
  );
  step('device', 'ends it', () => dev.hsm.sfEnd(), 'accepted');

  say('', 'Beyond the model — logical binding and tamper response:');
  const device3 = new Device('device-3');
  const socket = new Socket(device3);
  const moved = make('device', 'HSM-DEV-3', device3, socket);
  step(
    'attacker',
    'defeats the potting, moves HSM-DEV-3 from device-3 into device-4 and asks for a derivation',
    () => {
      socket.device = new Device('device-4'); // a physical move: no HSM interface is involved
      moved.hsm.sfStart('ltk-0');
      return moved.hsm.derive(input);
    },
    'NOT_BOUND',
  );
  step(
    'owner',
    'puts HSM-DEV-3 back into device-3',
    () => {
      socket.device = device3;
      moved.hsm.sfStart('ltk-0');
      return moved.hsm.sfEnd();
    },
    'accepted',
    () => 'its keys work again in its own device',
  );
  step(
    'attacker',
    'breaks HSM-DEV-1 open (a breach that destroys it)',
    () => dev.hsm.breach(),
    'accepted',
    () => 'everything zeroized: the HSM is out of service',
  );
  step('device', 'asks HSM-DEV-1 for a challenge', () => dev.hsm.challenge(manager.signerId), 'ZEROIZED');

  say(
    '',
    `${unexpected === 0 ? 'Every step behaved as the verified model says' : `${unexpected} step(s) did not behave as expected`}; key bytes found in this output, the audit log, results and errors: ${leak.hits.length}.`,
  );
  return unexpected === 0 && leak.hits.length === 0 ? EXIT.ok : EXIT.violation;
}
