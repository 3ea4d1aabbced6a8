/**
 * Slot symmetry: the stores treat their key slots alike (every event exists for every slot and
 * no guard or action depends on a slot's index), so two states that differ only by a
 * permutation of the slots are equivalent. `canonicalSlots` picks one representative: slots
 * sorted by content, and the captured command's slot renamed along.
 * @module
 */
import type { Slot } from './keys.ts';
import type { StoreContext } from './store.ts';

const slotKey = (s: Slot) => `${s.life}:${s.key}`;

/** The canonical representative of `ctx` under permutations of its slots. */
export function canonicalSlots(ctx: StoreContext): StoreContext {
  const keys = ctx.slots.map(slotKey);
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
  if (order.every((v, i) => v === i) && !ctx.captured) return ctx;
  const slots = order.map((i) => ctx.slots[i]!);
  let captured = ctx.captured;
  if (captured) {
    const k = keys[captured.slot]!;
    captured = { ...captured, slot: order.findIndex((i) => keys[i] === k) };
  }
  return { ...ctx, slots, captured };
}
