/**
 * The PKCS#11 backend: the node backend's contract (`impl/backend/node-backend.ts`: same errors,
 * same observable state, same outputs for the same keys) with every secret on a PKCS#11 token.
 * Long-term keys, the transport key and the pairing key are token objects (token, private,
 * sensitive, not extractable: `templates.ts`); trusted management keys are public key objects;
 * derivation, MAC and signature run inside the token (C_Sign with CKM_SHA256_HMAC over the KDF
 * message of `impl/backend/kdf.ts`, or CKM_ECDSA over a SHA-256 digest), so no long-term key ever
 * leaves it; unwrapping decrypts inside the token (`unwrap.ts`). What is volatile lives in this
 * object, as in the node backend: outstanding nonces, the running Sensitive Function, the binding
 * check's last answer, and a copy of the slot lifecycle that the token objects also record, so a
 * new process rebuilds the backend from the token (`reopen`: see `keystore.ts` for how a change
 * interrupted by a kill is finished or undone).
 * @clause CM1 @clause CM2 @clause CM3 @clause CM4 @clause CM5 @clause CM6 —
 * REQ-CM1-01, REQ-CM1-02, REQ-CM2-01, REQ-CM2-02, REQ-CM3-01, REQ-CM3-02, REQ-CM4-01,
 * REQ-CM4-02, REQ-CM5-01, REQ-CM6-01, REQ-CM6-02, REQ-CM6-04
 *
 * Objects of one HSM are labelled `onem2m-hsm/<HSM id>/<instance>/…` (`objectPrefix`), so several
 * HSMs (or several runs with the same HSM id) can share a token; `dispose()` destroys them all.
 * On tamper (`zeroize`) every object of the HSM is destroyed (C_DestroyObject), not the whole
 * token (C_InitToken would need the SO PIN and would destroy other HSMs' objects).
 *
 * Errors: ZEROIZED, UNKNOWN_KEY, KEY_STATE, WRONG_KIND, BUSY, NO_SESSION, UNWRAP_FAILED, MALFORMED,
 * NOT_BOUND (as the node backend); TypeError (bad transport or trusted key, at construction);
 * `TokenError` (the token failed a call: the call and its CKR name only).
 * @module
 */
import { genuineByteLength, takeBytes } from '../../bytes.ts';
import { hsmError } from '../../errors.ts';
import { kdfMessage } from '../kdf.ts';
import { MAX_SF_DATA, type BackendOptions } from '../node-backend.ts';
import type { AuthVerdict, BackendState, HsmBackend, KdfInput, KeySlot, Location, Role as TrustedRole } from '../types.ts';
import type { Attribute, Handle } from './api.ts';
import { TokenAuthenticator } from './auth.ts';
import { TokenBinding } from './binding.ts';
import { TokenError } from './ckr.ts';
import { TokenKeyStore, type RestoreReport } from './keystore.ts';
import { ecdsaSign, hmacSign } from './mechanisms.ts';
import { labelOf, pairingKeyTemplate, transportKeyTemplate, type Role } from './templates.ts';
import type { Pkcs11Token } from './token.ts';
import { unwrapIntoToken } from './unwrap.ts';

/** Largest wrapped key the backend copies in (anything larger fails to unwrap), as the node backend. */
const MAX_WRAPPED_INPUT = 4096;

/** What a PKCS#11 backend is manufactured with: the node backend's options and the token. */
export interface Pkcs11BackendOptions extends BackendOptions {
  readonly token: Pkcs11Token;
  /** Distinguishes this HSM's objects from others of the same HSM id on the token (default: 8 random bytes from the token, hex). */
  readonly instance?: string;
}

/** What `Pkcs11Backend.reopen` needs: the token, and the HSM id, instance and slots the backend was made with. */
export interface Pkcs11ReopenOptions {
  readonly token: Pkcs11Token;
  readonly hsmId: string;
  readonly instance: string;
  readonly slots: readonly KeySlot[];
}

/** The objects a restart found on the token (internal to `reopen`). */
export interface Found {
  readonly transport: Handle;
  readonly binding: { readonly device: string; readonly pairingKey: Handle } | null;
  readonly trusted: ReadonlyMap<string, { role: TrustedRole; key: Handle }>;
}

/** A backend whose keys live on a PKCS#11 token. */
export class Pkcs11Backend implements HsmBackend {
  readonly hsmId: string;
  readonly slots: readonly KeySlot[];
  /** The label prefix of every object of this HSM on the token. */
  readonly objectPrefix: string;
  readonly #t: Pkcs11Token;
  readonly #label: (role: Role | string) => string;
  readonly #store: TokenKeyStore;
  readonly #auth: TokenAuthenticator;
  readonly #binding: TokenBinding | null;
  #transport: Handle | null;
  #session: string | null = null;
  #zeroized = false;
  #disposed = false;
  #objectsGone = false;

  /** What the last `reopen` repaired (null for a backend made new). */
  readonly restored: RestoreReport | null = null;
  /** The instance part of this HSM's object labels (give it to `reopen` after a restart). */
  readonly instance: string;

  constructor(o: Pkcs11BackendOptions, found?: Found) {
    if (!found && genuineByteLength(o.transportKey) !== 32) throw new TypeError('the transport key must be 32 bytes');
    const t = o.token;
    this.#t = t;
    this.hsmId = o.hsmId;
    this.slots = Object.freeze(o.slots.map((s) => Object.freeze({ keyId: s.keyId, kind: s.kind })));
    const instance = o.instance ?? t.random(8).toString('hex');
    this.instance = instance;
    this.objectPrefix = labelOf(o.hsmId, instance, '' as Role);
    this.#label = (role) => labelOf(o.hsmId, instance, role as Role);
    this.#store = new TokenKeyStore(t, this.slots, this.#label);
    this.#auth = new TokenAuthenticator(t, o.trusted, this.#label, found?.trusted);
    if (found) {
      this.#transport = found.transport;
      this.#binding = found.binding ? new TokenBinding(t, found.binding.device, found.binding.pairingKey) : null;
      this.restored = this.#store.restore();
      return;
    }
    const made: Handle[] = [];
    try {
      this.#transport = createSecret(t, (v) => transportKeyTemplate(t.ck, this.#label('transport'), v), o.transportKey);
      made.push(this.#transport);
      this.#binding = o.binding
        ? new TokenBinding(
            t,
            o.binding.device,
            createSecret(t, (v) => pairingKeyTemplate(t.ck, this.#label('pairing'), v, o.binding!.device), o.binding.pairingKey),
          )
        : null;
    } catch (e) {
      for (const h of made) t.destroy(h);
      this.#auth.destroy();
      throw e;
    }
  }

  /**
   * The backend of HSM `hsmId` (objects labelled with `instance`) rebuilt from the token alone, as
   * a new process after a restart finds it: transport key, binding (device id in the pairing key's
   * CKA_ID), trusted keys (role in CKA_ID), and every slot, after finishing or undoing a change a
   * killed process left half done (`TokenKeyStore.restore`; what it did is in `restored`). Nonces
   * start empty (none outstanding). Error: plain `Error` if the token holds no transport key of
   * that HSM (never made, disposed or zeroized).
   */
  static reopen(o: Pkcs11ReopenOptions): Pkcs11Backend {
    const t = o.token;
    const ck = t.ck;
    const label = (role: string) => labelOf(o.hsmId, o.instance, role as Role);
    const byLabel = (role: string) => t.find([{ type: ck.CKA_LABEL, value: label(role) }]);
    const transport = byLabel('transport')[0];
    if (!transport) throw new Error('the token holds no HSM with this id and instance');
    const pairing = byLabel('pairing')[0];
    const binding = pairing ? { device: t.attributes(pairing, [ck.CKA_ID]).get(ck.CKA_ID)!.toString('utf8'), pairingKey: pairing } : null;
    const trusted = TokenAuthenticator.findTrusted(t, labelOf(o.hsmId, o.instance, '' as Role));
    return new Pkcs11Backend(
      { token: t, hsmId: o.hsmId, instance: o.instance, slots: o.slots, transportKey: new Uint8Array(0), trusted: [] },
      { transport, binding, trusted },
    );
  }

  /**
   * Ends this process's use of the HSM without touching its token objects (they stay for the next
   * `reopen`); destroys the per-boot decoy secret. Later calls are refused as after tamper (ZEROIZED).
   */
  detach(): void {
    this.#auth.detach();
    this.#disposed = true;
    this.#objectsGone = true;
    this.#zeroized = true;
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
    this.#store.put(keyId, unwrapIntoToken(this.#t, this.#transport!, this.hsmId, keyId, kind, bytes, this.#store.pendingLabels(keyId)));
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

  #sessionKey(kind: 'hmac-sha256' | 'ecdsa-p256'): Handle {
    this.#alive();
    if (this.#session === null) throw hsmError('NO_SESSION', 'no Sensitive Function is running');
    return this.#store.use(this.#session, kind);
  }

  derive(input: KdfInput): Uint8Array {
    const key = this.#sessionKey('hmac-sha256');
    return new Uint8Array(hmacSign(this.#t, key, kdfMessage(input)));
  }

  mac(data: Uint8Array): Uint8Array {
    const key = this.#sessionKey('hmac-sha256');
    return new Uint8Array(hmacSign(this.#t, key, sfData(data)));
  }

  sign(data: Uint8Array): Uint8Array {
    const key = this.#sessionKey('ecdsa-p256');
    return new Uint8Array(ecdsaSign(this.#t, key, sfData(data)));
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
    this.#zeroized = true;
    this.#session = null;
    this.#auth.clear();
    this.#destroyObjects();
  }

  /** Every object of this HSM on the token, found by its label prefix (a fresh search: what the token holds, not this record). */
  tokenObjects(): Handle[] {
    const ck = this.#t.ck;
    const mine: Handle[] = [];
    for (const cls of [ck.CKO_SECRET_KEY, ck.CKO_PRIVATE_KEY, ck.CKO_PUBLIC_KEY, ck.CKO_DATA]) {
      for (const h of this.#t.find([{ type: ck.CKA_CLASS, value: cls }])) {
        const label = this.#t.attributes(h, [ck.CKA_LABEL]).get(ck.CKA_LABEL)!.toString('utf8');
        if (label.startsWith(this.objectPrefix)) mine.push(h);
      }
    }
    return mine;
  }

  /** The label of the object of `role` (e.g. `ltk/ltk-0`), for a search from another session or process. */
  labelOf(role: Role): string {
    return this.#label(role);
  }

  /** Destroys every object of this HSM on the token (its end of life: not part of `HsmBackend`); later calls act as after tamper. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.zeroize();
  }

  #destroyObjects(): void {
    if (this.#objectsGone) return;
    this.#objectsGone = true;
    const failures: unknown[] = [];
    const attempt = (f: () => void) => {
      try {
        f();
      } catch (e) {
        failures.push(e);
      }
    };
    attempt(() => this.#store.wipe());
    attempt(() => this.#auth.destroy());
    for (const h of [this.#transport, this.#binding?.pairingKey]) if (h) attempt(() => this.#t.destroy(h));
    this.#transport = null;
    const f = failures[0];
    if (f) throw f instanceof TokenError ? f : new TokenError('C_DestroyObject', f);
  }
}

/** A token object made from a private copy of caller bytes; the copy is zeroed once the token holds the value. */
function createSecret(t: Pkcs11Token, template: (value: Buffer) => Attribute[], bytes: Uint8Array): Handle {
  const copy = takeBytes(bytes, 4096);
  if (copy === null || copy.length === 0) throw new TypeError('a key must be given as a non-empty Uint8Array');
  try {
    return t.create(template(Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength)));
  } finally {
    copy.fill(0);
  }
}

/** The caller's data through the input gate (`impl/bytes.ts`): a private copy, or MALFORMED. */
function sfData(data: unknown): Uint8Array {
  const copy = takeBytes(data, MAX_SF_DATA);
  if (copy === null) throw hsmError('MALFORMED', `data must be a Uint8Array of at most ${MAX_SF_DATA} bytes`);
  return copy;
}
