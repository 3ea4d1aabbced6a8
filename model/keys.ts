/**
 * Symbolic keys and key slots. Keys are names, never bytes: the model tracks who holds which
 * key value, not the value itself.
 * @module
 */

/** Key slots per store by default (the HSM and the Server-HSM each have this many long-term key slots). */
export const SLOT_COUNT = 2;
/** A slot index, from 0 to the number of slots − 1. */
export type SlotIndex = number;

/** The slot indices of a store with `n` slots. */
export function slotIndices(n: number = SLOT_COUNT): readonly SlotIndex[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * Key names: `L` is a legitimately provisioned long-term key (the model does not need to tell
 * one legitimate key from another: what matters is whether the attacker learns or replaces
 * one); `A` is a key supplied by the attacker.
 */
export type KeyName = 'L' | 'A';

/** The legitimate key a manager provisions into a slot. */
export function legitKey(_slot: SlotIndex): KeyName {
  return 'L';
}

/** True for legitimately provisioned keys. */
export function isLegit(k: KeyName | null): k is 'L' {
  return k === 'L';
}

/** Key lifecycle of a slot. */
export type Life = 'empty' | 'active' | 'deprecated' | 'deleted';

/** One long-term key slot: its lifecycle and the key it holds (null when empty or deleted). */
export interface Slot {
  readonly life: Life;
  readonly key: KeyName | null;
}

/** Initial slots: slot 0 holds a legitimately provisioned key, the others are empty. */
export function initialSlots(n: number = SLOT_COUNT): readonly Slot[] {
  return slotIndices(n).map((i) => (i === 0 ? { life: 'active', key: 'L' } : { life: 'empty', key: null }));
}

/**
 * True when any of `keys` is a legitimate key: exposing it to the attacker is a discovery. The
 * attacker's own key is not tracked: knowing it is no attack.
 */
export function anyLegit(...keys: (KeyName | null)[]): boolean {
  return keys.some(isLegit);
}
