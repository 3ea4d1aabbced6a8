/**
 * The long-term key slots of a backend: lifecycle, kind, key check value and the key itself as
 * a `KeyObject` in a private field. Only the backend holds a `KeyStore`; nothing here returns
 * a key to a caller outside the backend.
 * @clause CM1 @clause CM2 @clause CM3 — REQ-CM1-01, REQ-CM2-01, REQ-CM3-01
 *
 * Errors: UNKNOWN_KEY, KEY_STATE.
 * @module
 */
import { createHash, createHmac, createPublicKey, type KeyObject } from 'node:crypto';
import type { Life } from '../../model/keys.ts';
import { hsmError } from '../errors.ts';
import type { KeyInfo, KeyKind, KeySlot } from './types.ts';

interface Slot {
  readonly kind: KeyKind;
  life: Life;
  key: KeyObject | null;
  kcv: string | null;
}

/** Key check value of a key, computed inside the backend. */
function kcvOf(kind: KeyKind, key: KeyObject): string {
  if (kind === 'hmac-sha256') return createHmac('sha256', key).update('onem2m-hsm/kcv/1').digest('hex').slice(0, 6);
  return createHash('sha256')
    .update(createPublicKey(key).export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 6);
}

/** Long-term key slots. */
export class KeyStore {
  readonly #slots = new Map<string, Slot>();

  constructor(slots: readonly KeySlot[]) {
    for (const { keyId, kind } of slots) this.#slots.set(keyId, { kind, life: 'empty', key: null, kcv: null });
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

  /** Stores `key` (of the slot's kind) active in a slot. */
  put(keyId: string, key: KeyObject): void {
    const s = this.#slot(keyId);
    Object.assign(s, { life: 'active', key, kcv: kcvOf(s.kind, key) });
  }

  /** active → deprecated. */
  deprecate(keyId: string): void {
    const s = this.#slot(keyId);
    if (s.life !== 'active') throw hsmError('KEY_STATE', `key '${keyId}' is ${s.life}, not active`);
    s.life = 'deprecated';
  }

  /** active or deprecated → deleted; the key is dropped. */
  destroy(keyId: string): void {
    const s = this.#slot(keyId);
    if (s.life !== 'active' && s.life !== 'deprecated') throw hsmError('KEY_STATE', `key '${keyId}' is ${s.life}: nothing to delete`);
    Object.assign(s, { life: 'deleted', key: null, kcv: null });
  }

  /** The key of an active slot, for a Sensitive Function inside the backend. */
  use(keyId: string, kind: KeyKind): KeyObject {
    const s = this.#slot(keyId);
    if (s.life !== 'active' || !s.key) throw hsmError('KEY_STATE', `key '${keyId}' is ${s.life}, not active`);
    if (s.kind !== kind) throw hsmError('WRONG_KIND', `key '${keyId}' is not a ${kind} key`);
    return s.key;
  }

  /** Public facts of every slot, in slot order. */
  infos(): KeyInfo[] {
    return [...this.#slots].map(([keyId, s]) => ({ keyId, life: s.life, kind: s.kind, kcv: s.kcv }));
  }

  /** Destroys every key a slot holds (active or deprecated → deleted); empty and deleted slots stay as they are. */
  zeroizeKeys(): void {
    for (const s of this.#slots.values()) if (s.key) Object.assign(s, { life: 'deleted', key: null, kcv: null });
  }

  /** Drops every key; every slot becomes deleted. */
  wipe(): void {
    for (const s of this.#slots.values()) Object.assign(s, { life: 'deleted', key: null, kcv: null });
  }
}
