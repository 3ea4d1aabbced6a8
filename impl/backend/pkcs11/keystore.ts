/**
 * The long-term key slots of a PKCS#11 backend: each key is a token object (with, for a P-256
 * key, its public key object); this record keeps the slot's lifecycle, kind, key check value and
 * the object handles. Deprecation clears CKA_SIGN on the key object, so the token itself refuses
 * to use a deprecated key; deletion destroys the objects (C_DestroyObject).
 * Lifecycle and errors are the node backend's (`impl/backend/keystore.ts`).
 * @clause CM1 @clause CM2 @clause CM3 — REQ-CM1-01, REQ-CM2-01, REQ-CM3-01
 *
 * The token alone says what each slot holds, so a new process rebuilds the slots from it
 * (`restore`): a key object `ltk/<id>` (CKA_ID = its kcv; CKA_SIGN true = active, false =
 * deprecated), a data object `ltk/<id>#deleted` (deleted), or nothing (empty). Every change is
 * made so that a process killed at any point leaves a slot that `restore` turns into its state
 * before or after the change, never both and never half:
 * - provision/replace: the new key object is created as `ltk/<id>#pending`, complete once it has
 *   its CKA_ID (and, P-256, a public object with the same CKA_ID exists: public objects are not
 *   modifiable, so they get their final label `ltk-public/<id>` at once and are told apart by
 *   CKA_ID); then the old key object (or the deletion mark) is destroyed — the commit point —
 *   then the old public object; then the pending key object is relabelled `ltk/<id>`. `restore`:
 *   a complete pending key and no old key object nor mark rolls forward (relabel); otherwise the
 *   pending key object is destroyed; then every public object whose CKA_ID is not the key's goes.
 * - delete: the mark is created (the commit point), then the key objects are destroyed; `restore`
 *   finishes a delete whose mark exists.
 * - deprecate: one C_SetAttributeValue.
 *
 * Errors: UNKNOWN_KEY, KEY_STATE, WRONG_KIND; `TokenError` if the token fails.
 * @module
 */
import type { Life } from '../../../model/keys.ts';
import { hsmError } from '../../errors.ts';
import type { KeyInfo, KeyKind, KeySlot } from '../types.ts';
import type { Handle } from './api.ts';
import { tombstoneTemplate } from './templates.ts';
import type { Pkcs11Token } from './token.ts';
import type { KeyLabels, TokenKey } from './unwrap.ts';

interface Slot {
  readonly kind: KeyKind;
  life: Life;
  key: TokenKey | null;
  /** The deletion mark (a data object), while the slot is deleted. */
  mark: Handle | null;
}

/** The suffix of objects not yet committed. */
const PENDING = '#pending';
/** The suffix of the deletion mark. */
const DELETED = '#deleted';

/** What `restore` found and repaired on the token. */
export interface RestoreReport {
  /** Interrupted provisions/replacements undone (pending objects destroyed). */
  rolledBack: number;
  /** Interrupted provisions/replacements completed (pending objects relabelled). */
  rolledForward: number;
  /** Interrupted deletions completed. */
  deletesFinished: number;
}

/** Long-term key slots backed by token objects. */
export class TokenKeyStore {
  readonly #t: Pkcs11Token;
  readonly #label: (role: string) => string;
  readonly #slots = new Map<string, Slot>();

  constructor(t: Pkcs11Token, slots: readonly KeySlot[], label: (role: string) => string) {
    this.#t = t;
    this.#label = label;
    for (const { keyId, kind } of slots) this.#slots.set(keyId, { kind, life: 'empty', key: null, mark: null });
  }

  /** Labels under which a new key for `keyId` is created (pending until `put` commits it). */
  pendingLabels(keyId: string): KeyLabels {
    return { key: this.#label(`ltk/${keyId}${PENDING}`), publicKey: this.#label(`ltk-public/${keyId}`) };
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

  /** Stores `key` (on the token under `pendingLabels(keyId)`) active in a slot; the objects of a key it replaces, or the deletion mark, are destroyed. */
  put(keyId: string, key: TokenKey): void {
    const s = this.#slot(keyId);
    const ck = this.#t.ck;
    if (s.key) {
      this.#t.destroy(s.key.handle); // commit point
      if (s.key.publicHandle) this.#t.destroy(s.key.publicHandle);
    } else if (s.mark) {
      this.#t.destroy(s.mark); // commit point
    }
    Object.assign(s, { life: 'active', key, mark: null });
    this.#t.set(key.handle, [{ type: ck.CKA_LABEL, value: this.#label(`ltk/${keyId}`) }]);
  }

  /** active → deprecated: the key object can no longer sign (CKA_SIGN false). */
  deprecate(keyId: string): void {
    const s = this.#slot(keyId);
    if (s.life !== 'active') throw hsmError('KEY_STATE', `key '${keyId}' is ${s.life}, not active`);
    this.#t.set(s.key!.handle, [{ type: this.#t.ck.CKA_SIGN, value: false }]);
    s.life = 'deprecated';
  }

  /** active or deprecated → deleted: the deletion mark is made, then the key's objects are destroyed. */
  destroy(keyId: string): void {
    const s = this.#slot(keyId);
    if (s.life !== 'active' && s.life !== 'deprecated') throw hsmError('KEY_STATE', `key '${keyId}' is ${s.life}: nothing to delete`);
    this.#delete(keyId, s);
  }

  #delete(keyId: string, s: Slot): void {
    const mark = this.#t.create(tombstoneTemplate(this.#t.ck, this.#label(`ltk/${keyId}${DELETED}`))); // commit point
    const key = s.key!;
    Object.assign(s, { life: 'deleted', key: null, mark });
    this.#drop(key);
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

  /** Every object handle the slots hold (key and public key objects, deletion marks). */
  handles(): Handle[] {
    return [...this.#slots.values()].flatMap((s) => [
      ...(s.key ? [s.key.handle, ...(s.key.publicHandle ? [s.key.publicHandle] : [])] : []),
      ...(s.mark ? [s.mark] : []),
    ]);
  }

  /** Destroys every key a slot holds (active or deprecated → deleted); empty and deleted slots stay as they are. */
  zeroizeKeys(): void {
    for (const [keyId, s] of this.#slots) if (s.key) this.#delete(keyId, s);
  }

  /** Destroys every object of every slot (keys, pending objects, marks); every slot becomes deleted. */
  wipe(): void {
    for (const [keyId, s] of this.#slots) {
      if (s.key) this.#drop(s.key);
      if (s.mark) this.#t.destroy(s.mark);
      for (const role of [`ltk/${keyId}${PENDING}`, `ltk-public/${keyId}`, `ltk/${keyId}${DELETED}`]) {
        for (const h of this.#find(role)) this.#t.destroy(h);
      }
      Object.assign(s, { life: 'deleted', key: null, mark: null });
    }
  }

  #drop(k: TokenKey): void {
    this.#t.destroy(k.handle);
    if (k.publicHandle) this.#t.destroy(k.publicHandle);
  }

  #find(role: string): Handle[] {
    return this.#t.find([{ type: this.#t.ck.CKA_LABEL, value: this.#label(role) }]);
  }

  /**
   * Rebuilds every slot from the objects on the token, first finishing or undoing a change a
   * killed process left half done (see the module comment). Returns what it repaired.
   */
  restore(): RestoreReport {
    const report: RestoreReport = { rolledBack: 0, rolledForward: 0, deletesFinished: 0 };
    for (const [keyId, s] of this.#slots) this.#restoreSlot(keyId, s, report);
    return report;
  }

  #restoreSlot(keyId: string, s: Slot, report: RestoreReport): void {
    const t = this.#t;
    const ck = t.ck;
    const one = (role: string): Handle | null => {
      const found = this.#find(role);
      for (const extra of found.slice(1)) t.destroy(extra);
      return found[0] ?? null;
    };
    const idOf = (h: Handle) => t.attributes(h, [ck.CKA_ID]).get(ck.CKA_ID)?.toString('utf8') ?? '';
    let key = one(`ltk/${keyId}`);
    const mark = one(`ltk/${keyId}${DELETED}`);
    const pendingKey = one(`ltk/${keyId}${PENDING}`);
    const pubs = this.#find(`ltk-public/${keyId}`).map((h) => ({ h, id: idOf(h) }));
    if (pendingKey) {
      const id = idOf(pendingKey);
      const complete = id !== '' && (s.kind === 'hmac-sha256' || pubs.some((p) => p.id === id));
      if (key || mark || !complete) {
        t.destroy(pendingKey);
        report.rolledBack++;
      } else {
        t.set(pendingKey, [{ type: ck.CKA_LABEL, value: this.#label(`ltk/${keyId}`) }]);
        key = pendingKey;
        report.rolledForward++;
      }
    }
    if (mark) {
      if (key || pubs.length > 0) report.deletesFinished++;
      if (key) t.destroy(key);
      for (const p of pubs) t.destroy(p.h);
      Object.assign(s, { life: 'deleted', key: null, mark });
      return;
    }
    if (!key) {
      for (const p of pubs) t.destroy(p.h);
      Object.assign(s, { life: 'empty', key: null, mark: null });
      return;
    }
    const attrs = t.attributes(key, [ck.CKA_SIGN, ck.CKA_ID]);
    const canSign = (attrs.get(ck.CKA_SIGN)?.[0] ?? 0) !== 0;
    const kcv = attrs.get(ck.CKA_ID)?.toString('utf8') ?? '';
    const pub = pubs.find((p) => p.id === kcv) ?? null;
    for (const p of pubs) if (p !== pub) t.destroy(p.h);
    Object.assign(s, { life: canSign ? 'active' : 'deprecated', key: { handle: key, publicHandle: pub?.h ?? null, kcv }, mark: null });
  }
}
