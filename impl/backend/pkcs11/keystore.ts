/**
 * The long-term key slots of a PKCS#11 backend: each key is a token object (with, for a P-256
 * key, its public key object); this record keeps the slot's lifecycle, kind, key check value and
 * the object handles found at creation. Deprecation clears CKA_SIGN on the key object, so the
 * token itself refuses to use a deprecated key; deletion destroys the objects (C_DestroyObject).
 * Lifecycle and errors are the node backend's (`impl/backend/keystore.ts`).
 * @clause CM1 @clause CM2 @clause CM3 — REQ-CM1-01, REQ-CM2-01, REQ-CM3-01
 *
 * Errors: UNKNOWN_KEY, KEY_STATE, WRONG_KIND; `TokenError` if the token fails.
 * @module
 */
import type { Life } from '../../../model/keys.ts';
import { hsmError } from '../../errors.ts';
import type { KeyInfo, KeyKind, KeySlot } from '../types.ts';
import type { Handle } from './api.ts';
import type { Pkcs11Token } from './token.ts';
import type { TokenKey } from './unwrap.ts';

interface Slot {
  readonly kind: KeyKind;
  life: Life;
  key: TokenKey | null;
}

/** Long-term key slots backed by token objects. */
export class TokenKeyStore {
  readonly #t: Pkcs11Token;
  readonly #slots = new Map<string, Slot>();

  constructor(t: Pkcs11Token, slots: readonly KeySlot[]) {
    this.#t = t;
    for (const { keyId, kind } of slots) this.#slots.set(keyId, { kind, life: 'empty', key: null });
  }

  #slot(keyId: string): Slot {
    const s = this.#slots.get(keyId);
    if (!s) throw hsmError('UNKNOWN_KEY', 'no such key slot');
    return s;
  }

  /** The lifecycle of a slot. */
  life(keyId: string): Life {
    return this.#slot(keyId).life;
  }

  /** The kind of key a slot holds. */
  kind(keyId: string): KeyKind {
    return this.#slot(keyId).kind;
  }

  /** Stores `key` (already on the token) active in a slot; the objects of a key it replaces are destroyed. */
  put(keyId: string, key: TokenKey): void {
    const s = this.#slot(keyId);
    const old = s.key;
    Object.assign(s, { life: 'active', key });
    if (old) this.#drop(old);
  }

  /** active → deprecated: the key object can no longer sign (CKA_SIGN false). */
  deprecate(keyId: string): void {
    const s = this.#slot(keyId);
    if (s.life !== 'active') throw hsmError('KEY_STATE', `key '${keyId}' is ${s.life}, not active`);
    this.#t.set(s.key!.handle, [{ type: this.#t.ck.CKA_SIGN, value: false }]);
    s.life = 'deprecated';
  }

  /** active or deprecated → deleted: the key's objects are destroyed. */
  destroy(keyId: string): void {
    const s = this.#slot(keyId);
    if (s.life !== 'active' && s.life !== 'deprecated') throw hsmError('KEY_STATE', `key '${keyId}' is ${s.life}: nothing to delete`);
    this.#drop(s.key!);
    Object.assign(s, { life: 'deleted', key: null });
  }

  /** The key object of an active slot, for a Sensitive Function inside the token. */
  use(keyId: string, kind: KeyKind): Handle {
    const s = this.#slot(keyId);
    if (s.life !== 'active' || !s.key) throw hsmError('KEY_STATE', `key '${keyId}' is ${s.life}, not active`);
    if (s.kind !== kind) throw hsmError('WRONG_KIND', `key '${keyId}' is not a ${kind} key`);
    return s.key.handle;
  }

  /** Public facts of every slot, in slot order. */
  infos(): KeyInfo[] {
    return [...this.#slots].map(([keyId, s]) => ({ keyId, life: s.life, kind: s.kind, kcv: s.key?.kcv ?? null }));
  }

  /** Every object handle the slots hold (key and public key objects). */
  handles(): Handle[] {
    return [...this.#slots.values()].flatMap((s) => (s.key ? [s.key.handle, ...(s.key.publicHandle ? [s.key.publicHandle] : [])] : []));
  }

  /** Destroys every key a slot holds (active or deprecated → deleted); empty and deleted slots stay as they are. */
  zeroizeKeys(): void {
    for (const s of this.#slots.values()) {
      if (!s.key) continue;
      this.#drop(s.key);
      Object.assign(s, { life: 'deleted', key: null });
    }
  }

  /** Destroys every key; every slot becomes deleted. */
  wipe(): void {
    for (const s of this.#slots.values()) {
      if (s.key) this.#drop(s.key);
      Object.assign(s, { life: 'deleted', key: null });
    }
  }

  #drop(k: TokenKey): void {
    this.#t.destroy(k.handle);
    if (k.publicHandle) this.#t.destroy(k.publicHandle);
  }
}
