/**
 * Symbolic keys and key slots. Keys are names, never bytes: the model tracks who holds which
 * key value, not the value itself.
 * @module
 */

/** Key slots per store (the HSM and the Server-HSM each have this many long-term key slots). */
export const SLOT_COUNT = 2;
/** A slot index. */
export type SlotIndex = 0 | 1;
/** The slot indices. */
export const SLOTS: readonly SlotIndex[] = [0, 1];

/**
 * Key names: `L0`, `L1` are the legitimately provisioned long-term keys of slots 0 and 1;
 * `A` is a key supplied by the attacker.
 */
export type KeyName = 'L0' | 'L1' | 'A';

/** The legitimate key of a slot. */
export function legitKey(slot: SlotIndex): KeyName {
  return slot === 0 ? 'L0' : 'L1';
}

/** True for legitimately provisioned keys. */
export function isLegit(k: KeyName | null): k is 'L0' | 'L1' {
  return k === 'L0' || k === 'L1';
}

/** Key lifecycle of a slot. */
export type Life = 'empty' | 'active' | 'deprecated' | 'deleted';

/** One long-term key slot: its lifecycle and the key it holds (null when empty or deleted). */
export interface Slot {
  readonly life: Life;
  readonly key: KeyName | null;
}

/** Initial slots: slot 0 holds its legitimately provisioned key, slot 1 is empty. */
export const INITIAL_SLOTS: readonly Slot[] = [
  { life: 'active', key: 'L0' },
  { life: 'empty', key: null },
];

/**
 * True when any of `keys` is a legitimate key: exposing it to the attacker is a discovery. The
 * attacker's own key is not tracked: knowing it is no attack.
 */
export function anyLegit(...keys: (KeyName | null)[]): boolean {
  return keys.some(isLegit);
}
