/**
 * The backend interface: everything that touches a long-term key happens behind it. It is kept
 * narrow enough for a PKCS#11 token to implement (see `docs/ADAPTER.md`): callers name keys by
 * id (a handle, like a CKA_LABEL) and never receive a key, a `KeyObject` or a `CryptoKey`.
 *
 * | method            | PKCS#11 counterpart (`impl/backend/pkcs11/`, on SoftHSMv2 2.6.1)               |
 * |-------------------|--------------------------------------------------------------------------------|
 * | issueNonce        | C_GenerateRandom; the outstanding nonce per credential kept in the backend     |
 * | verifyCommand     | C_VerifyInit/C_Verify (CKM_ECDSA over a SHA-256 digest) with a trusted key     |
 * | importWrapped     | C_Decrypt (CKM_AES_GCM) with the transport key, then C_CreateObject            |
 * | deprecate/destroy | C_SetAttributeValue (CKA_SIGN false) / C_DestroyObject                         |
 * | derive, mac       | C_Sign (CKM_SHA256_HMAC) over the KDF message                                  |
 * | sign              | C_Sign (CKM_ECDSA over a SHA-256 digest: no CKM_ECDSA_SHA256 in SoftHSM)       |
 * | verifyHost        | C_Verify (CKM_SHA256_HMAC) with the pairing key                                |
 * | zeroizeKeys       | C_DestroyObject of every long-term key, on a detected probe                    |
 * | zeroize           | C_DestroyObject of every object of the HSM on tamper                           |
 * @module
 */
import type { Life } from '../../model/keys.ts';

/** Kinds of long-term key. */
export const KEY_KINDS = ['hmac-sha256', 'ecdsa-p256'] as const;
/** A kind of long-term key: HMAC-SHA256 secret (derivation, MAC) or ECDSA P-256 private key (signature). */
export type KeyKind = (typeof KEY_KINDS)[number];

/** A long-term key slot: its id (the handle callers use) and the kind of key it holds. */
export interface KeySlot {
  readonly keyId: string;
  readonly kind: KeyKind;
}

/** Where the HSM sits, as its last host check found: its own device, another device, or none. */
export type Location = 'own' | 'foreign' | 'none';

/** Roles a trusted management credential can have. `auditor`: read-only (maintenance, audit). */
export type Role = 'manager' | 'auditor';

/** Public facts of one key slot: never the key. */
export interface KeyInfo {
  readonly keyId: string;
  readonly life: Life;
  readonly kind: KeyKind;
  /** Key check value: 3 bytes (hex) of a one-way commitment to the key, for identification only. */
  readonly kcv: string | null;
}

/** Observable state of a backend: which keys exist, their lifecycle, challenge, session, binding. */
export interface BackendState {
  readonly hsmId: string;
  readonly zeroized: boolean;
  readonly keys: readonly KeyInfo[];
  /** A management challenge nonce is outstanding (for some credential). */
  readonly challenge: boolean;
  /** Key id of the running Sensitive Function, if any. */
  readonly session: string | null;
  /** Device binding (null for an unbound Server-HSM). */
  readonly binding: { readonly device: string; readonly location: Location } | null;
}

/** A management credential the backend trusts: its signer id, role and ECDSA P-256 public key (SPKI DER). */
export interface TrustedSigner {
  readonly signerId: string;
  readonly role: Role;
  readonly publicKey: Uint8Array;
}

/** Outcome of command verification: the signer's role, or why it failed. */
export type AuthVerdict =
  | { readonly ok: true; readonly role: Role }
  /** The signature verifies under a trusted key of `role`, but the nonce is not the one outstanding for it. */
  | { readonly ok: false; readonly code: 'STALE_NONCE'; readonly role: Role }
  | { readonly ok: false; readonly code: 'BAD_SIGNATURE' | 'ZEROIZED' };

/** Input of the key derivation Sensitive Function (see `impl/backend/kdf.ts`). */
export interface KdfInput {
  /** ASCII label naming the derived key's purpose, 1–64 characters. */
  readonly label: string;
  /** Context bytes (e.g. entity ids), up to 1024. */
  readonly context: Uint8Array;
  /** Two nonces, 1–64 bytes each (e.g. both parties' random values). */
  readonly nonces: readonly [Uint8Array, Uint8Array];
}

/**
 * A key store with its Sensitive Functions. Every method that fails throws an `HsmError`
 * and leaves the backend unchanged.
 */
export interface HsmBackend {
  /** HSM identifier (bound into every signed command). */
  readonly hsmId: string;
  /** The long-term key slots, in slot order. */
  readonly slots: readonly KeySlot[];
  /** Current observable state. */
  observe(): BackendState;
  /**
   * The challenge nonce for the credential `requester`: the one outstanding for it, else a fresh
   * random one (never one replacing another); for an id that is no trusted credential, a stable
   * decoy nothing accepts. @clause CM6
   */
  issueNonce(requester: string): Uint8Array;
  /** Verifies `sig` over `tbs` under the trusted key `signerId`, then that `nonce` is the one outstanding for `signerId`. @clause CM6 */
  verifyCommand(tbs: Uint8Array, sig: Uint8Array, signerId: string, nonce: Uint8Array): AuthVerdict;
  /** Consumes the nonce outstanding for `signerId` (after its command was accepted). */
  consumeNonce(signerId: string): void;
  /** Unwraps a key wrapped under the transport key for (this HSM, `keyId`, its kind) and stores it active. UNKNOWN_KEY, UNWRAP_FAILED. */
  importWrapped(keyId: string, wrapped: Uint8Array): void;
  /** Marks an active key deprecated. KEY_STATE. */
  deprecate(keyId: string): void;
  /** Destroys a key (deleted). KEY_STATE. */
  destroy(keyId: string): void;
  /** Opens the Sensitive Function session on an active key. KEY_STATE, BUSY. */
  openSession(keyId: string): void;
  /** Closes the session. NO_SESSION. */
  closeSession(): void;
  /** HMAC-SHA256 key derivation with the session's key. NO_SESSION, KEY_STATE, WRONG_KIND, MALFORMED. */
  derive(input: KdfInput): Uint8Array;
  /** HMAC-SHA256 of `data` with the session's key. NO_SESSION, KEY_STATE, WRONG_KIND, MALFORMED. */
  mac(data: Uint8Array): Uint8Array;
  /** ECDSA P-256 signature (P1363) of `data` with the session's key. NO_SESSION, KEY_STATE, WRONG_KIND, MALFORMED. */
  sign(data: Uint8Array): Uint8Array;
  /** A fresh challenge for the host device (binding check). @clause CM5 */
  hostChallenge(): Uint8Array;
  /** Checks the host's answer to the last host challenge under the pairing key. @clause CM5 */
  verifyHost(response: Uint8Array | null): Location;
  /**
   * Tamper response to a probe of the HSM's boundary (fail-secure, ASM-10): destroys every
   * long-term key (each slot holding one becomes deleted); the HSM stays in service, so its
   * manager can provision new keys. @clause CM1 @clause CM2
   */
  zeroizeKeys(): void;
  /** Destroys every secret and refuses every later use (tamper response to a breach of the enclosure). */
  zeroize(): void;
}
