/**
 * Test worlds: a device HSM (with its device, a second device and the socket the tests move it
 * through) or a Server-HSM, the manager, auditor and forger credentials, and a leak scanner
 * that knows every key the world supplied.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Op } from '../../../model/management.ts';
import { LeakScanner } from '../../../impl/conformance/leak.ts';
import { HsmError, type HsmErrorCode } from '../../../impl/errors.ts';
import { NODE_BACKENDS, type BackendFactory } from '../../../impl/backend/node-backend.ts';
import type { HsmBackend } from '../../../impl/backend/types.ts';
import { Hsm } from '../../../impl/hsm.ts';
import { DEFAULT_SLOTS } from '../../../impl/manufacture.ts';
import { wrapKey } from '../../../impl/wire/wrap.ts';
import { Device, Socket } from '../../../impl/world/device.ts';
import { newKeyMaterial } from '../../../impl/world/keys.ts';
import { Principal, type KeyMaterial } from '../../../impl/world/principal.ts';

/** Everything a test needs around one HSM. */
export interface World {
  readonly hsm: Hsm;
  readonly leak: LeakScanner;
  readonly manager: Principal;
  readonly auditor: Principal;
  readonly forger: Principal;
  readonly home: Device;
  readonly other: Device;
  readonly socket: Socket;
  readonly transportKey: Uint8Array;
  /** The key personalised into ltk-0. */
  readonly l0: KeyMaterial;
  /** New key material of `kind`, registered with the leak scanner. */
  key(kind: KeyMaterial['kind']): KeyMaterial;
  /** A command by `who` over `nonce` (default: a fresh challenge). */
  cmd(who: Principal, op: Op, keyId: string, key?: KeyMaterial, nonce?: Uint8Array): Uint8Array;
}

let serial = 0;

/** Wraps the backend of a world (to plant a defect). */
export type Wrap = (b: HsmBackend, p: { transportKey: Uint8Array }) => HsmBackend;

/** A fresh world around a device HSM (`device`) or a Server-HSM (`server`), its backend made by `backends` (default: node:crypto) and optionally wrapped. */
export function world(scope: 'device' | 'server' = 'device', leak = new LeakScanner(), wrap?: Wrap, backends: BackendFactory = NODE_BACKENDS): World {
  const hsmId = `HSM-T${++serial}`;
  const manager = new Principal('manager-1');
  const auditor = new Principal('auditor-1');
  const forger = new Principal('manager-1');
  const home = new Device(`device-${serial}`);
  const other = new Device(`device-${serial}-b`);
  const socket = new Socket(home);
  const transportKey = new Uint8Array(randomBytes(32));
  leak.addKey(`legit:${hsmId}:transport`, transportKey);
  const key = (kind: KeyMaterial['kind']) => {
    const k = newKeyMaterial(kind);
    leak.addKey(`legit:${hsmId}:${kind}:${leak.stats.keys}`, k.material);
    return k;
  };
  const l0 = key('hmac-sha256');
  const raw = backends.create({
    hsmId,
    slots: DEFAULT_SLOTS,
    transportKey,
    trusted: [manager.trustAs('manager'), auditor.trustAs('auditor')],
    ...(scope === 'device' ? { binding: { device: home.id, pairingKey: home.pair() } } : {}),
  });
  const backend = wrap ? wrap(raw, { transportKey }) : raw;
  backend.importWrapped('ltk-0', wrapKey(transportKey, hsmId, 'ltk-0', l0.kind, l0.material));
  const hsm = new Hsm({
    scope,
    backend,
    ...(scope === 'device' ? { home, socket } : {}),
    log: (line) => leak.scanText('audit log', line),
  });
  const cmd = (who: Principal, op: Op, keyId: string, k?: KeyMaterial, nonce?: Uint8Array) =>
    who.command({ hsmId, transportKey }, op, keyId, nonce ?? hsm.challenge(who.signerId), k);
  return { hsm, leak, manager, auditor, forger, home, other, socket, transportKey, l0, key, cmd };
}

/** Runs `f`, which must throw an `HsmError` with `code`; returns the error (scanned for leaks). */
export function refused(w: Pick<World, 'leak'>, code: HsmErrorCode, f: () => unknown): HsmError {
  let err: unknown = null;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err, `expected ${code}`).toBeInstanceOf(HsmError);
  w.leak.scan('thrown error', err);
  expect((err as HsmError).code).toBe(code);
  return err as HsmError;
}

/** The observable state as JSON (for before/after comparison). */
export function snapshot(hsm: Hsm): string {
  return JSON.stringify({ backend: hsm.observe(), statechart: hsm.stateValue() });
}
