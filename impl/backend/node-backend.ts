/**
 * The node:crypto backend: every long-term key, the transport private key, the trusted
 * management keys and the binding record live in private (#) fields as `KeyObject`s and never
 * leave. Callers name keys by id; Sensitive Functions (derivation, MAC, signature) run here.
 * @clause CM1 @clause CM2 @clause CM3 @clause CM4 @clause CM5 @clause CM6 —
 * REQ-CM1-01, REQ-CM1-02, REQ-CM2-01, REQ-CM2-02, REQ-CM3-01, REQ-CM3-02, REQ-CM4-01,
 * REQ-CM4-02, REQ-CM5-01, REQ-CM6-01, REQ-CM6-02, REQ-CM6-04
 *
 * Key bytes enter only as Buffers and become `KeyObject`s at once; the backend's temporary
 * copies are zeroed (`unwrap.ts`). This is a reference implementation in a JavaScript process,
 * not a secure element: its HSM boundary is the process boundary, and what it cannot promise
 * inside the process (strings cannot be zeroed, the runtime may keep copies, code in the same
 * process can read key objects) is assumption ASM-14.
 *
 * Errors: ZEROIZED, UNKNOWN_KEY, KEY_STATE, WRONG_KIND, BUSY, NO_SESSION, UNWRAP_FAILED, MALFORMED.
 * @module
 */
import { createHmac, createSecretKey, sign, type KeyObject } from 'node:crypto';
import { genuineByteLength, takeBytes } from '../bytes.ts';
import { hsmError } from '../errors.ts';
import { Authenticator } from './auth.ts';
import { Binding } from './binding.ts';
import { kdfMessage } from './kdf.ts';
import { KeyStore } from './keystore.ts';
import { unwrapKey } from './unwrap.ts';
import type { AuthVerdict, BackendState, HsmBackend, KdfInput, KeySlot, Location, TrustedSigner } from './types.ts';

/** What a backend is manufactured with. */
export interface BackendOptions {
  readonly hsmId: string;
  readonly slots: readonly KeySlot[];
  /** The transport key (AES-256) personalised at manufacture; copied into the backend. */
  readonly transportKey: Uint8Array;
  readonly trusted: readonly TrustedSigner[];
  /** The device the HSM is bound to: its id and the pairing key it shared (copied in); absent for a Server-HSM. */
  readonly binding?: { readonly device: string; readonly pairingKey: Uint8Array };
}

/** Makes backends of one kind from the same options; `release` ends a backend's life (e.g. destroys its objects on a token). */
export interface BackendFactory {
  create(o: BackendOptions): HsmBackend;
  release?(b: HsmBackend): void;
}

/** The node:crypto backends. */
export const NODE_BACKENDS: BackendFactory = { create: (o) => new NodeBackend(o) };

/** Largest wrapped key the backend copies in (anything larger fails to unwrap). */
const MAX_WRAPPED_INPUT = 4096;

/** Largest MAC or signature input, in bytes. */
export const MAX_SF_DATA = 65536;

/** A backend on node:crypto. */
export class NodeBackend implements HsmBackend {
  readonly hsmId: string;
  readonly slots: readonly KeySlot[];
  readonly #store: KeyStore;
  readonly #auth: Authenticator;
  readonly #binding: Binding | null;
  #transport: KeyObject | null;
  #session: string | null = null;
  #zeroized = false;

  constructor(o: BackendOptions) {
    const transportKey = genuineByteLength(o.transportKey) === 32 ? takeBytes(o.transportKey, 32) : null;
    if (transportKey === null) throw new TypeError('the transport key must be 32 bytes');
    this.hsmId = o.hsmId;
    this.slots = Object.freeze(o.slots.map((s) => Object.freeze({ keyId: s.keyId, kind: s.kind })));
    this.#store = new KeyStore(this.slots);
    this.#auth = new Authenticator(o.trusted);
    this.#binding = o.binding ? new Binding(o.binding.device, o.binding.pairingKey) : null;
    this.#transport = createSecretKey(transportKey);
    transportKey.fill(0); // the private copy: the KeyObject holds its own (ASM-14)
  }

  #alive(): void {
    if (this.#zeroized) throw hsmError('ZEROIZED', 'the HSM was zeroized after tampering; it holds no keys');
  }

  observe(): BackendState {
    return {
      hsmId: this.hsmId,
      zeroized: this.#zeroized,
      keys: this.#store.infos(),
      challenge: this.#auth.pending,
      session: this.#session,
      binding: this.#binding ? { device: this.#binding.device, location: this.#binding.location } : null,
    };
  }

  issueNonce(requester: string): Uint8Array {
    this.#alive();
    return this.#auth.issue(requester);
  }

  verifyCommand(tbs: Uint8Array, sig: Uint8Array, signerId: string, nonce: Uint8Array): AuthVerdict {
    if (this.#zeroized) return { ok: false, code: 'ZEROIZED' };
    return this.#auth.verify(tbs, sig, signerId, nonce);
  }

  consumeNonce(signerId: string): void {
    this.#auth.consume(signerId);
  }

  importWrapped(keyId: string, wrapped: Uint8Array): void {
    this.#alive();
    const kind = this.#store.kind(keyId);
    const bytes = takeBytes(wrapped, MAX_WRAPPED_INPUT) ?? new Uint8Array(0); // not bytes: fails to unwrap
    this.#store.put(keyId, unwrapKey(this.#transport!, this.hsmId, keyId, kind, bytes));
  }

  deprecate(keyId: string): void {
    this.#alive();
    this.#store.deprecate(keyId);
  }

  destroy(keyId: string): void {
    this.#alive();
    this.#store.destroy(keyId);
  }

  openSession(keyId: string): void {
    this.#alive();
    if (this.#session !== null) throw hsmError('BUSY', 'a Sensitive Function is already running');
    const life = this.#store.life(keyId);
    if (life !== 'active') throw hsmError('KEY_STATE', `key '${keyId}' is ${life}, not active`);
    this.#session = keyId;
  }

  closeSession(): void {
    if (this.#session === null) throw hsmError('NO_SESSION', 'no Sensitive Function is running');
    this.#session = null;
  }

  #sessionKey(kind: 'hmac-sha256' | 'ecdsa-p256'): KeyObject {
    this.#alive();
    if (this.#session === null) throw hsmError('NO_SESSION', 'no Sensitive Function is running');
    return this.#store.use(this.#session, kind);
  }

  derive(input: KdfInput): Uint8Array {
    const key = this.#sessionKey('hmac-sha256');
    return createHmac('sha256', key).update(kdfMessage(input)).digest();
  }

  mac(data: Uint8Array): Uint8Array {
    const key = this.#sessionKey('hmac-sha256');
    return createHmac('sha256', key).update(sfData(data)).digest();
  }

  sign(data: Uint8Array): Uint8Array {
    const key = this.#sessionKey('ecdsa-p256');
    return sign('sha256', sfData(data), { key, dsaEncoding: 'ieee-p1363' });
  }

  hostChallenge(): Uint8Array {
    this.#alive();
    if (!this.#binding) throw hsmError('NOT_BOUND', 'this HSM has no device binding');
    return this.#binding.challenge();
  }

  verifyHost(response: Uint8Array | null): Location {
    this.#alive();
    if (!this.#binding) throw hsmError('NOT_BOUND', 'this HSM has no device binding');
    return this.#binding.check(this.hsmId, response === null ? null : (takeBytes(response, 64) ?? new Uint8Array(0)));
  }

  zeroizeKeys(): void {
    this.#alive();
    this.#store.zeroizeKeys();
  }

  zeroize(): void {
    this.#store.wipe();
    this.#auth.clear();
    this.#transport = null;
    this.#session = null;
    this.#zeroized = true;
  }
}

/** The caller's data through the input gate (`impl/bytes.ts`): a private copy, or MALFORMED. */
function sfData(data: unknown): Uint8Array {
  const copy = takeBytes(data, MAX_SF_DATA);
  if (copy === null) throw hsmError('MALFORMED', `data must be a Uint8Array of at most ${MAX_SF_DATA} bytes`);
  return copy;
}
