/**
 * The adapter for this project's own HSM: abstract events become concrete calls with real
 * cryptography. A manager, an insider (auditor role) and a forger hold real ECDSA P-256
 * credentials; the forger's is a real signature by a key the HSM does not trust. Every
 * principal is given the HSM's transport key (the worst case: only strong authentication
 * stands between a forged provision and the HSM). The attacker keeps copies of the manager's
 * captured commands (as many as the suite says, the oldest going first), and a replay re-sends
 * one unchanged. A memory read or a probe of the HSM also reads every byte the implementation
 * exposes (its memory image and everything reachable from its public objects). Every output,
 * error and log line goes through the leak scanner, which knows every key supplied; a step
 * whose outputs carried a legitimate key's bytes is reported as `discovered`. SF_USE runs the
 * Sensitive Function's slot once (a derivation for an HMAC key, a signature for an ECDSA key)
 * and checks its output against the key the model says the slot holds. TAMPER sets off the
 * HSM's tamper response.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { MAX_CAPTURES, MUTATIONS } from '../../model/management.ts';
import { NODE_BACKENDS, type BackendFactory } from '../backend/node-backend.ts';
import type { HsmBackend, KeyKind } from '../backend/types.ts';
import { HsmError } from '../errors.ts';
import { Hsm } from '../hsm.ts';
import { Device, Socket } from '../world/device.ts';
import { expectedDerivation, verifiesUnder } from '../world/keys.ts';
import { Principal } from '../world/principal.ts';
import { wrapKey } from '../wire/wrap.ts';
import type { Adapter, SuiteInfo } from './adapter.ts';
import { CAPABILITY_IDS, type CapabilityId } from './capabilities.ts';
import { KeyBook } from './key-book.ts';
import { LeakScanner } from './leak.ts';
import { probeReachable } from './probe.ts';
import type { AbstractEvent, AbstractState, Outcome } from './types.ts';

/** Options of the adapter. */
export interface NodeAdapterOptions {
  /** The scanner every output goes through (default: a new one). */
  readonly leak?: LeakScanner;
  /** Wraps each new backend (to plant defects in tests of the tests); told the transport key it was personalised with. */
  readonly wrapBackend?: (b: HsmBackend, personalisation: { readonly transportKey: Uint8Array }) => HsmBackend;
  /** Makes each new backend (default: the node:crypto backend); the previous one is released at each reset. */
  readonly backends?: BackendFactory;
}

/** Kind of key each slot holds: slot 0 HMAC (derivation, MAC), slot 1 ECDSA (signature). */
export const SLOT_KINDS: readonly KeyKind[] = ['hmac-sha256', 'ecdsa-p256'];

const WHERE = { own: 'inOwnDevice', none: 'removed', foreign: 'elsewhere' } as const;

/** The captured commands after keeping a copy of `bytes`, at most `max` of them (the oldest goes first, as in the model). */
function keep(captured: readonly Uint8Array[], bytes: Uint8Array, max: number): Uint8Array[] {
  const all = [...captured, bytes];
  return all.slice(Math.max(0, all.length - max));
}

/** Thrown when the implementation's Sensitive Function output does not match the expected key. */
export class AdapterError extends Error {
  override readonly name = 'AdapterError';
}

/** Adapter for `Hsm` on a backend of this project (`NodeBackend` by default, or any `BackendFactory`'s). */
export class NodeAdapter implements Adapter {
  /** Every capability of the model: the project's HSM runs in a simulated world where each one is really exercised. */
  readonly capabilities: readonly CapabilityId[] = CAPABILITY_IDS;
  readonly leak: LeakScanner;
  readonly #wrap: NodeAdapterOptions['wrapBackend'];
  /** The slot the last accepted SF_START named (a use is made with its kind of key). */
  #sfSlot = 0;
  readonly #backends: BackendFactory;
  #raw: HsmBackend | null = null;
  readonly #manager = new Principal('manager-1');
  readonly #insider = new Principal('auditor-1');
  readonly #forger = new Principal('manager-1');
  #home = new Device('device-home');
  readonly #other = new Device('device-other');
  #hsm: Hsm | null = null;
  #transport: Uint8Array = new Uint8Array(32);
  #backend: HsmBackend | null = null;
  #socket: Socket | null = null;
  readonly #keys: KeyBook;
  /** The nonce the manager's own last challenge returned, until it signs a command over it (the model's `held`). */
  #nonce: Uint8Array | null = null;
  /** The nonce last seen issued for each credential (what the insider and the forger sign over, as the model's `outstandingFor`). */
  #seen: { manager: Uint8Array | null; insider: Uint8Array | null } = { manager: null, insider: null };
  #captured: Uint8Array[] = [];
  #captures = MAX_CAPTURES;
  #discovered = false;
  #serial = 0;

  constructor(o: NodeAdapterOptions = {}) {
    this.leak = o.leak ?? new LeakScanner();
    this.#keys = new KeyBook(this.leak);
    this.#wrap = o.wrapBackend;
    this.#backends = o.backends ?? NODE_BACKENDS;
  }

  /** The HSM under test (after `reset`). */
  get hsm(): Hsm {
    if (!this.#hsm) throw new AdapterError('reset() first');
    return this.#hsm;
  }

  reset(suite: SuiteInfo): void {
    const hsmId = `HSM-${++this.#serial}`;
    const device = suite.model === 'device';
    const slots = Array.from({ length: suite.slots }, (_, i) => ({ keyId: `ltk-${i}`, kind: this.#kind(i) }));
    const keyIds = slots.map((s) => s.keyId);
    this.#transport = new Uint8Array(randomBytes(32));
    this.leak.addKey(`legit:${hsmId}:transport`, this.#transport);
    this.#home = new Device('device-home');
    const pairing = device ? this.#home.pair() : null;
    if (pairing) this.leak.addKey(`legit:${hsmId}:pairing`, pairing);
    if (this.#raw) this.#backends.release?.(this.#raw);
    this.#raw = null;
    const raw = this.#backends.create({
      hsmId,
      slots,
      transportKey: this.#transport,
      trusted: [this.#manager.trustAs('manager'), this.#insider.trustAs('auditor')],
      ...(pairing ? { binding: { device: this.#home.id, pairingKey: pairing } } : {}),
    });
    this.#raw = raw;
    const backend = this.#wrap ? this.#wrap(raw, { transportKey: this.#transport }) : raw;
    const l0 = this.#keys.supply(SLOT_KINDS[0]!, `${hsmId}:0`, true);
    this.#keys.reset(l0, suite.slots);
    backend.importWrapped(keyIds[0]!, wrapKey(this.#transport, hsmId, keyIds[0]!, l0.kind, l0.material));
    this.#socket = new Socket(this.#home);
    this.#backend = backend;
    this.#hsm = new Hsm({
      scope: suite.model,
      backend,
      ...(device ? { socket: this.#socket, home: this.#home } : {}),
      log: (line) => this.leak.scanText('log', line),
    });
    this.#nonce = null;
    this.#seen = { manager: null, insider: null };
    this.#captured = [];
    this.#captures = suite.captures ?? MAX_CAPTURES;
    this.#discovered = false;
  }

  step(e: AbstractEvent): Outcome {
    const before = this.leak.legitMatches;
    try {
      this.#perform(e);
      return { outcome: 'accepted' };
    } catch (err) {
      this.leak.scan(`error of ${e.type}`, err);
      if (err instanceof HsmError) return { outcome: 'refused', error: err.code };
      throw err;
    } finally {
      this.#discovered = this.leak.legitMatches > before;
    }
  }

  #perform(e: AbstractEvent): void {
    const hsm = this.hsm;
    const out = (what: string, v: unknown) => this.leak.scan(what, v);
    switch (e.type) {
      case 'CHALLENGE': {
        const requester = e.requester ?? 'manager';
        const n = hsm.challenge(requester === 'insider' ? this.#insider.signerId : this.#manager.signerId);
        this.#seen[requester] = n;
        if (requester === 'manager' && e.spoofed !== true) this.#nonce = n;
        return void out('challenge', n);
      }
      case 'COMMAND': {
        const keyId = hsm.keyIds[e.slot]!;
        const who = e.sender === 'manager' ? this.#manager : e.sender === 'insider' ? this.#insider : this.#forger;
        const key =
          e.op === 'provision' || e.op === 'replace'
            ? this.#keys.supply(this.#kind(e.slot), `${hsm.id}:${e.slot}:${this.leak.stats.keys}`, e.sender === 'manager')
            : undefined;
        const nonce = e.sender === 'manager' ? this.#nonce : e.sender === 'insider' ? this.#seen.insider : this.#seen.manager;
        const bytes = who.command({ hsmId: hsm.id, transportKey: this.#transport }, e.op, keyId, nonce ?? new Uint8Array(16), key);
        let result: unknown;
        try {
          result = hsm.command(bytes);
        } catch (err) {
          // the manager drops a nonce the HSM found stale (it signs one command per nonce)
          if (e.sender === 'manager' && err instanceof HsmError && err.code === 'STALE_NONCE') this.#nonce = null;
          throw err;
        }
        out('command result', result);
        // the accepted command consumed its signer's nonce
        if (e.sender === 'manager') this.#nonce = null;
        this.#seen[e.sender === 'insider' ? 'insider' : 'manager'] = null;
        if (key && e.sender === 'manager') this.#keys.accepted(e.slot, key);
        if (e.capture && e.sender === 'manager' && MUTATIONS.includes(e.op)) this.#captured = keep(this.#captured, bytes, this.#captures);
        return;
      }
      case 'REPLAY': {
        const bytes = this.#captured[e.index ?? 0];
        if (!bytes) throw new AdapterError(`no captured command #${e.index ?? 0} to replay`);
        out('replay result', hsm.command(bytes));
        this.#seen.manager = null;
        return;
      }
      case 'SF_START':
        hsm.sfStart(hsm.keyIds[e.slot]!);
        this.#sfSlot = e.slot;
        return;
      case 'SF_USE':
        this.#exercise(this.#sfSlot);
        return;
      case 'TAMPER':
        hsm.tamper();
        return;
      case 'SF_END':
        hsm.sfEnd();
        return;
      case 'PROBE':
      case 'REMOTE_HACK': {
        out(e.type, e.type === 'PROBE' ? hsm.probe() : hsm.remoteHack());
        const p = probeReachable([hsm, this.#backend, this.#socket, hsm.observe(), hsm.stateValue(), hsm.keyIds]);
        for (const t of p.texts) this.leak.scanText(`${e.type} reachable`, t);
        if (p.keyObjects.length > 0) this.leak.scanText(`${e.type} key objects`, p.keyObjects.join(','));
        return;
      }
      case 'SIDE_CHANNEL':
        return void out('side channel', hsm.sideChannel());
      case 'MEMORY_WRITE':
        hsm.writeMemory(hsm.keyIds[e.slot]!, e.write);
        return;
      case 'REMOVE_HSM':
        hsm.remove();
        return;
      case 'INSERT_ELSEWHERE':
        hsm.insert(this.#other);
        return;
      case 'REINSERT':
        hsm.insert(this.#home);
        return;
      case 'REPLACE_HSM':
        hsm.replaceWithCounterfeit();
        return;
    }
  }

  /** Uses the key of the slot the last Sensitive Function started on and checks the output against the key the slot should hold. */
  #exercise(slot: number): void {
    const hsm = this.hsm;
    const held = this.#keys.material(slot, hsm.observe().keys[slot]?.kcv);
    if (this.#kind(slot) === 'hmac-sha256') {
      const input = { label: 'conformance', context: randomBytes(8), nonces: [randomBytes(16), randomBytes(16)] as const };
      const out = hsm.derive(input);
      this.leak.scan('derive', out);
      if (!held || !Buffer.from(out).equals(Buffer.from(expectedDerivation(held, input))))
        throw new AdapterError(`slot ${slot}: derivation does not match the key the slot should hold`);
    } else {
      const data = randomBytes(32);
      const sig = hsm.sign(data);
      this.leak.scan('sign', sig);
      if (!held || !verifiesUnder(held, data, sig)) throw new AdapterError(`slot ${slot}: signature does not verify under the key the slot should hold`);
    }
  }

  #kind(slot: number): KeyKind {
    return SLOT_KINDS[slot % SLOT_KINDS.length]!;
  }

  observe(): AbstractState {
    const o = this.hsm.observe();
    return {
      keys: o.keys.map((k, i) => ({ life: k.life, key: this.#keys.name(i, k.kcv) })),
      challenge: o.challenge,
      sf: o.session === null ? 'idle' : 'running',
      ...(o.binding ? { hsm: this.#home.counterfeitFitted ? 'counterfeitFitted' : WHERE[o.binding.location], counterfeit: this.#home.counterfeitFitted } : {}),
      discovered: this.#discovered,
    };
  }
}
