/**
 * The adapter's record of the keys it supplied: per slot, the key the legitimate manager last
 * supplied (the model's `L`), and the keys the attacker supplied (`A`). It names the key a
 * slot holds from the key check value the backend reports, and finds its material so the
 * adapter can check a Sensitive Function's output. Every key is registered with the leak
 * scanner before anything sees it.
 * @module
 */
import { legitKey, type KeyName, type SlotIndex } from '../../model/keys.ts';
import type { KeyKind } from '../backend/types.ts';
import { expectedKcv, newKeyMaterial } from '../world/keys.ts';
import type { KeyMaterial } from '../world/principal.ts';
import type { LeakScanner } from './leak.ts';

/** Keys supplied during one test purpose. */
export class KeyBook {
  readonly #leak: LeakScanner;
  readonly #kcv = new WeakMap<KeyMaterial, string>();
  #legit: (KeyMaterial | null)[] = [];
  #attacker: KeyMaterial[] = [];

  constructor(leak: LeakScanner) {
    this.#leak = leak;
  }

  /** Starts a test purpose: `initial` is the key personalised into slot 0; `slots` slots in all. */
  reset(initial: KeyMaterial, slots: number): void {
    this.#legit = [initial, ...Array.from({ length: slots - 1 }, () => null)];
    this.#attacker = [];
  }

  /** New key material of `kind`, registered with the leak scanner under `label`. */
  supply(kind: KeyKind, label: string, legit: boolean): KeyMaterial {
    const key = newKeyMaterial(kind);
    this.#leak.addKey(`${legit ? 'legit' : 'attacker'}:${label}`, key.material, legit);
    if (!legit) this.#attacker.push(key);
    return key;
  }

  /** The legitimate manager's key for `slot` was accepted. */
  accepted(slot: number, key: KeyMaterial): void {
    this.#legit[slot] = key;
  }

  #kcvOf(m: KeyMaterial): string {
    let k = this.#kcv.get(m);
    if (k === undefined) {
      k = expectedKcv(m);
      this.#kcv.set(m, k);
    }
    return k;
  }

  /** The material of the key with check value `kcv` in `slot`, if it is one the adapter supplied. */
  material(slot: number, kcv: string | null | undefined): KeyMaterial | null {
    const legit = this.#legit[slot];
    if (legit && this.#kcvOf(legit) === kcv) return legit;
    return this.#attacker.find((m) => this.#kcvOf(m) === kcv) ?? null;
  }

  /** The model's name of the key with check value `kcv` in `slot`. */
  name(slot: number, kcv: string | null): KeyName | null {
    if (kcv === null) return null;
    const m = this.material(slot, kcv);
    if (m && m === this.#legit[slot]) return legitKey(slot as SlotIndex);
    if (m) return 'A';
    return `unknown(${kcv})` as KeyName;
  }
}
