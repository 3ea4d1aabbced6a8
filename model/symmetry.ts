/**
 * Slot symmetry: the stores treat their key slots alike (every event exists for every slot and
 * no guard or action depends on a slot's index), so two states that differ only by a
 * permutation of the slots are equivalent. `canonicalSlots` picks one representative: slots
 * sorted by content, and the captured commands' slots renamed along. A Sensitive Function
 * holds its key, not a slot index, so nothing else refers to a slot.
 * @module
 */
import type { Slot } from './keys.ts';
import type { StoreContext } from './store.ts';

const slotKey = (s: Slot) => `${s.life}:${s.key}`;

/** The canonical representative of `ctx` under permutations of its slots. */
export function canonicalSlots(ctx: StoreContext): StoreContext {
  const keys = ctx.slots.map(slotKey);
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
  if (order.every((v, i) => v === i)) return ctx;
  const slots = order.map((i) => ctx.slots[i]!);
  const captured = ctx.captured.map((c) => ({ ...c, slot: order.indexOf(c.slot) }));
  return { ...ctx, slots, captured };
}
