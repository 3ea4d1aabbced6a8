/**
 * What management commands, Sensitive Functions and attacks do to a key store: pure functions
 * from a context to the context after. Guards decide *whether* a step happens (in the machine
 * files); these functions say *what* it does, and record the facts in the ghost variables.
 * @module
 */
import { effective, inHardware } from './effective.ts';
import { anyLegit, isLegit, legitKey, type KeyName, type Life, type Slot, type SlotIndex } from './keys.ts';
import { commandFacts, MUTATIONS, strongAuthHappened, type Command, type Op, type Sender } from './management.ts';
import { raise, withSlot, type StoreContext } from './store.ts';

/** Lifecycles in which each operation applies to a slot. */
const APPLIES: Readonly<Record<Op, readonly Life[]>> = {
  read: ['active', 'deprecated'],
  provision: ['empty', 'deleted'],
  replace: ['active', 'deprecated'],
  deprecate: ['active'],
  delete: ['active', 'deprecated'],
};

/** True when `op` applies to `slot` in its current lifecycle. */
export function applicable(slot: Slot, op: Op): boolean {
  return APPLIES[op].includes(slot.life);
}

/** The command `sender` puts on the wire for (op, slot): signed with its credential over the outstanding nonce. */
export function signCommand(ctx: StoreContext, sender: Exclude<Sender, 'replayer'>, op: Op, slot: SlotIndex): Command {
  return { op, slot, nonce: ctx.pending, signer: sender };
}

/**
 * The store after executing an accepted command; with `capture`, the attacker keeps a copy of
 * it (a command of the legitimate manager that modifies a key, ASM-05). @clause CM3 @clause CM6
 */
export function executeCommand(ctx: StoreContext, cmd: Command, sender: Sender, capture = false): Partial<StoreContext> {
  const facts = commandFacts(cmd, sender, ctx.pending);
  const strong = strongAuthHappened(ctx.cms.CM6, facts);
  const slot = ctx.slots[cmd.slot]!;
  const mutation = MUTATIONS.includes(cmd.op);
  const byManager = sender === 'manager';
  const supplied: KeyName = cmd.signer === 'manager' ? legitKey(cmd.slot) : 'A';
  let slots = ctx.slots;
  let knowsKey = ctx.knowsKey;
  let keyRevealed = false;
  let lostLegit = false;
  switch (cmd.op) {
    case 'read':
      if (!effective(ctx.cms, 'CM3', ctx.scope) && isLegit(slot.key)) {
        keyRevealed = true;
        if (!byManager) knowsKey = true;
      }
      break;
    case 'provision':
    case 'replace':
      slots = withSlot(slots, cmd.slot, { life: 'active', key: supplied });
      break;
    case 'deprecate':
      slots = withSlot(slots, cmd.slot, { life: 'deprecated', key: slot.key });
      lostLegit = !byManager && isLegit(slot.key);
      break;
    case 'delete':
      slots = withSlot(slots, cmd.slot, { life: 'deleted', key: null });
      lostLegit = !byManager && isLegit(slot.key);
      break;
  }
  return {
    slots,
    knowsKey,
    pending: null,
    captured: capture && byManager && mutation ? cmd : ctx.captured,
    ghost: raise(ctx, {
      keyRevealed,
      lostLegit,
      unauthMutation: mutation && !strong,
      unauthAccess: !mutation && !strong,
    }),
  };
}

/** Reading general-purpose memory (hardware probing or remote hacking). @clause CM1 @clause CM2 @clause CM4 */
export function readMemory(ctx: StoreContext): Partial<StoreContext> {
  const atRest = inHardware(ctx.cms, ctx.scope) ? [] : ctx.slots.map((s) => s.key);
  return {
    knowsKey: ctx.knowsKey || anyLegit(ctx.inUse, ...atRest),
    knowsKeyInUse: ctx.knowsKeyInUse || anyLegit(ctx.inUse),
  };
}

/** Observing a running Sensitive Function's side channels (e.g. DPA) outside an HSM. */
export function sideChannel(ctx: StoreContext): Partial<StoreContext> {
  return { knowsKey: ctx.knowsKey || anyLegit(ctx.inUse), knowsKeyInUse: ctx.knowsKeyInUse || anyLegit(ctx.inUse) };
}

/** Writing key storage in general-purpose memory: erase a slot or implant the attacker's key. */
export function writeMemory(ctx: StoreContext, slot: SlotIndex, write: 'erase' | 'implant'): Partial<StoreContext> {
  const before = ctx.slots[slot]!;
  const after: Slot = write === 'erase' ? { life: 'deleted', key: null } : { life: 'active', key: 'A' };
  return {
    slots: withSlot(ctx.slots, slot, after),
    ghost: raise(ctx, { unauthMutation: true, lostLegit: isLegit(before.key) }),
  };
}

/** Starting a Sensitive Function (key derivation) with the key of `slot`. @clause CM4 */
export function startSensitiveFunction(ctx: StoreContext, slot: SlotIndex, foreign: boolean): Partial<StoreContext> {
  const key = ctx.slots[slot]!.key;
  const inside = effective(ctx.cms, 'CM4', ctx.scope);
  return { inUse: inside ? null : key, ghost: raise(ctx, { foreignUse: foreign }) };
}

/** True when a legitimate key is active or deprecated in the store. */
export function holdsLegitKey(ctx: StoreContext): boolean {
  return ctx.slots.some((s) => isLegit(s.key));
}
