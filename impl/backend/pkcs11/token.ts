/**
 * A logged-in connection to one token, found by its label (SoftHSM's `--init-token --free` and
 * C_InitToken put a token in a slot whose id changes, so the slot id is never configured). Two
 * PKCS#11 sessions: the *owner* session creates, changes and destroys objects (session objects
 * live as long as it does) and never runs a multi-part operation; the *work* session runs every
 * cryptographic operation and every search. A failed call can leave an operation active in the
 * work session (measured on SoftHSM 2.6.1: an empty buffer gives CKR_ARGUMENTS_BAD and leaves the
 * operation active, so the next C_*Init is CKR_OPERATION_ACTIVE); after any failure the work
 * session is closed and a new one opened, so one bad call never poisons the next.
 * @clause CM1 @clause CM2 @clause CM4
 *
 * Errors: plain `Error` (no token with that label, login refused: its CKR name only), `TokenError`
 * (a call failed; names the call and the CKR, never an argument).
 * @module
 */
import type { Attribute, Ck, Handle, Mechanism, Pkcs11Module } from './api.ts';
import { ckrOf, TokenError } from './ckr.ts';
import { openLibrary } from './load.ts';

/** How to reach a token. */
export interface TokenOptions {
  /** Path of the PKCS#11 library (default: `ONEM2M_HSM_PKCS11_LIB`, else SoftHSMv2's Debian path). */
  readonly library?: string;
  /** The token's label (CKA_LABEL of the token, up to 32 characters). */
  readonly label: string;
  /** The user PIN. */
  readonly pin: string;
}

/** The slot holding the initialised token labelled `label`, or null. */
export function findSlot(p11: Pkcs11Module, ck: Ck, label: string): Handle | null {
  for (const slot of p11.C_GetSlotList(true)) {
    const info = p11.C_GetTokenInfo(slot);
    if ((info.flags & ck.CKF_TOKEN_INITIALIZED) !== 0 && info.label.trimEnd() === label) return slot;
  }
  return null;
}

/** A logged-in connection to a token. */
export class Pkcs11Token {
  readonly label: string;
  readonly p11: Pkcs11Module;
  readonly ck: Ck;
  readonly #slot: Handle;
  #owner: Handle;
  #work: Handle;
  #open = true;

  private constructor(p11: Pkcs11Module, ck: Ck, label: string, slot: Handle, owner: Handle) {
    this.p11 = p11;
    this.ck = ck;
    this.label = label;
    this.#slot = slot;
    this.#owner = owner;
    this.#work = p11.C_OpenSession(slot, ck.CKF_RW_SESSION | ck.CKF_SERIAL_SESSION);
  }

  /** Opens the token labelled `o.label` and logs the user in. */
  static open(o: TokenOptions): Pkcs11Token {
    const { p11, ck } = openLibrary(o.library);
    const slot = findSlot(p11, ck, o.label);
    if (slot === null) throw new Error('no initialised PKCS#11 token with that label');
    const owner = p11.C_OpenSession(slot, ck.CKF_RW_SESSION | ck.CKF_SERIAL_SESSION);
    try {
      p11.C_Login(owner, ck.CKU_USER, o.pin);
    } catch (e) {
      if (ckrOf(e) !== 'CKR_USER_ALREADY_LOGGED_IN') {
        p11.C_CloseSession(owner);
        throw new Error(`login to the token refused: ${ckrOf(e) ?? 'unknown error'}`);
      }
    }
    return new Pkcs11Token(p11, ck, o.label, slot, owner);
  }

  /** Runs `f` on the owner session (object management); a failure is a TokenError naming `call`. */
  manage<T>(call: string, f: (session: Handle) => T): T {
    this.#check();
    try {
      return f(this.#owner);
    } catch (e) {
      throw new TokenError(call, e);
    }
  }

  /**
   * Runs `f` on the work session (operations, searches). On failure the work session is replaced
   * (no operation stays active) and the pkcs11js error is rethrown for the caller to classify.
   */
  work<T>(f: (session: Handle) => T): T {
    this.#check();
    try {
      return f(this.#work);
    } catch (e) {
      this.#renewWork();
      throw e;
    }
  }

  #renewWork(): void {
    try {
      this.p11.C_CloseSession(this.#work);
    } catch {
      /* already gone */
    }
    this.#work = this.p11.C_OpenSession(this.#slot, this.ck.CKF_RW_SESSION | this.ck.CKF_SERIAL_SESSION);
  }

  #check(): void {
    if (!this.#open) throw new Error('the PKCS#11 token connection is closed');
  }

  /** `n` random bytes from the token's generator (C_GenerateRandom). */
  random(n: number): Buffer {
    return this.work((s) => this.p11.C_GenerateRandom(s, Buffer.alloc(n)));
  }

  /** Creates an object (C_CreateObject on the owner session). */
  create(template: readonly Attribute[]): Handle {
    return this.manage('C_CreateObject', (s) => this.p11.C_CreateObject(s, template));
  }

  /** Generates a secret key inside the token (C_GenerateKey). */
  generate(mechanism: Mechanism, template: readonly Attribute[]): Handle {
    return this.manage('C_GenerateKey', (s) => this.p11.C_GenerateKey(s, mechanism, template));
  }

  /** Destroys an object (C_DestroyObject); an object already gone is not an error. */
  destroy(object: Handle): void {
    try {
      this.p11.C_DestroyObject(this.#owner, object);
    } catch (e) {
      if (ckrOf(e) !== 'CKR_OBJECT_HANDLE_INVALID') throw new TokenError('C_DestroyObject', e);
    }
  }

  /** Sets attributes of an object (C_SetAttributeValue). */
  set(object: Handle, template: readonly Attribute[]): void {
    this.manage('C_SetAttributeValue', (s) => this.p11.C_SetAttributeValue(s, object, template));
  }

  /** Reads attributes of an object (C_GetAttributeValue); throws the pkcs11js error (e.g. CKR_ATTRIBUTE_SENSITIVE). */
  attributes(object: Handle, types: readonly number[]): Map<number, Buffer> {
    const got = this.work((s) =>
      this.p11.C_GetAttributeValue(
        s,
        object,
        types.map((type) => ({ type })),
      ),
    );
    return new Map(got.map((a) => [a.type, a.value]));
  }

  /** Handles of the objects matching `template` (C_FindObjects; a new login needs a new search: handles are per login). */
  find(template: readonly Attribute[]): Handle[] {
    return this.work((s) => {
      this.p11.C_FindObjectsInit(s, template);
      const out: Handle[] = [];
      for (let batch = this.p11.C_FindObjects(s, 64); batch.length > 0; batch = this.p11.C_FindObjects(s, 64)) out.push(...batch);
      this.p11.C_FindObjectsFinal(s);
      return out;
    });
  }

  /** A single-part signature (C_SignInit, then C_Sign; empty data through C_SignFinal, since C_Sign refuses an empty buffer). */
  sign(mechanism: Mechanism, key: Handle, data: Buffer, outBytes: number): Buffer {
    return this.work((s) => {
      this.p11.C_SignInit(s, mechanism, key);
      return data.length === 0 ? this.p11.C_SignFinal(s, Buffer.alloc(outBytes)) : this.p11.C_Sign(s, data, Buffer.alloc(outBytes));
    });
  }

  /**
   * A single-part verification inside the token: true if it verifies, false for CKR_SIGNATURE_INVALID
   * or CKR_SIGNATURE_LEN_RANGE. `signature` must not be empty (the caller checks its length).
   */
  verify(mechanism: Mechanism, key: Handle, data: Buffer, signature: Buffer): boolean {
    try {
      return this.work((s) => {
        this.p11.C_VerifyInit(s, mechanism, key);
        return this.p11.C_Verify(s, data, signature);
      });
    } catch (e) {
      const ckr = ckrOf(e);
      if (ckr === 'CKR_SIGNATURE_INVALID' || ckr === 'CKR_SIGNATURE_LEN_RANGE') return false;
      throw new TokenError('C_Verify', e);
    }
  }

  /** A single-part decryption into `out` (C_DecryptInit, C_Decrypt); throws the pkcs11js error. */
  decrypt(mechanism: Mechanism, key: Handle, data: Buffer, out: Buffer): Buffer {
    return this.work((s) => {
      this.p11.C_DecryptInit(s, mechanism, key);
      return this.p11.C_Decrypt(s, data, out);
    });
  }

  /** The token's slot (for mechanism queries). */
  get slot(): Handle {
    return this.#slot;
  }

  /** Logs the user out of every session of this process (the API-level attacks test what a logged-out caller can do); `login` undoes it. */
  logout(): void {
    this.manage('C_Logout', (s) => this.p11.C_Logout(s));
  }

  /** Logs the user in again (after `logout`): object handles must then be looked up again. */
  login(pin: string): void {
    this.manage('C_Login', (s) => this.p11.C_Login(s, this.ck.CKU_USER, pin));
  }

  /** Logs out and closes both sessions. */
  close(): void {
    if (!this.#open) return;
    this.#open = false;
    for (const s of [this.#work, this.#owner]) {
      try {
        this.p11.C_CloseSession(s);
      } catch {
        /* already closed */
      }
    }
  }
}
