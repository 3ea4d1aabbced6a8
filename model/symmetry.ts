/**
 * Slot symmetry: the stores treat their key slots alike (every event exists for every slot and
 * no guard or action depends on a slot's index), so two states that differ only by a
 * permutation of the slots are equivalent. `canonicalSlots` picks one representative: slots
 * sorted by content (the running Sensitive Function's slot marked), and the captured commands'
 * and the Sensitive Function's slots renamed along.
 * @module
 */
import type { Slot } from './keys.ts';
import type { StoreContext } from './store.ts';

const slotKey = (s: Slot, running: boolean) => `${s.life}:${s.key}${running ? '*' : ''}`;

/** The canonical representative of `ctx` under permutations of its slots. */
export function canonicalSlots(ctx: StoreContext): StoreContext {
  const keys = ctx.slots.map((s, i) => slotKey(s, ctx.sf?.slot === i));
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
  if (order.every((v, i) => v === i)) return ctx;
  const slots = order.map((i) => ctx.slots[i]!);
  const captured = ctx.captured.map((c) => ({ ...c, slot: order.indexOf(c.slot) }));
  const sf = ctx.sf && { ...ctx.sf, slot: order.indexOf(ctx.sf.slot) };
  return { ...ctx, slots, captured, sf };
}
