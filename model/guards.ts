/**
 * Guards shared by the device HSM and the Server-HSM, named after what they enforce. Each
 * reads the countermeasure flags through `effective`, so presuppositions apply.
 * @module
 */
import { effective, inHardware } from './effective.ts';
import { applicable, signCommand } from './effects.ts';
import { MAX_NONCES, commandFacts, type Command, type Sender } from './management.ts';
import type { DeviceEvent } from './events.ts';
import type { StoreContext } from './store.ts';

/** The command an event puts on the wire and who sends it (null: nothing to send). */
export function commandOf(ctx: StoreContext, e: DeviceEvent): { cmd: Command; sender: Sender; capture: boolean } | null {
  if (e.type === 'COMMAND') {
    return { cmd: signCommand(ctx, e.sender, e.op, e.slot), sender: e.sender, capture: e.capture === true };
  }
  if (e.type === 'REPLAY' && ctx.captured) return { cmd: ctx.captured, sender: 'replayer', capture: false };
  return null;
}

/** A guard over either store (the device events include every store event). */
type G = (a: { context: StoreContext; event: DeviceEvent }) => boolean;

/** Guards of both stores. */
export const storeGuards = {
  /** @clause CM6 — the command is signed with a trusted credential over the outstanding, unused nonce. */
  cm6StrongAuth: ({ context, event }) => {
    const c = commandOf(context, event);
    if (!c) return false;
    if (!effective(context.cms, 'CM6', context.scope)) return true;
    const f = commandFacts(c.cmd, c.sender, context.pending);
    return f.trusted && f.fresh;
  },
  /** @clause CM6 — after authentication, the signer's role permits the operation. */
  cm6Authorised: ({ context, event }) => {
    const c = commandOf(context, event);
    if (!c) return false;
    return !effective(context.cms, 'CM6', context.scope) || commandFacts(c.cmd, c.sender, context.pending).permitted;
  },
  /** The command's operation applies to the slot's lifecycle. */
  commandApplies: ({ context, event }) => {
    const c = commandOf(context, event);
    return c !== null && applicable(context.slots[c.cmd.slot]!, c.cmd.op);
  },
  /** @clause CM6 — challenges exist only under strong authentication, and the model issues a bounded number. */
  cm6ChallengeAvailable: ({ context }) => effective(context.cms, 'CM6', context.scope) && context.nextNonce < MAX_NONCES,
  /** The slot a Sensitive Function asks for holds an active key. */
  keyActive: ({ context, event }) => event.type === 'SF_START' && context.slots[event.slot]!.life === 'active',
  /** @clause CM1 @clause CM2 — keys are kept in general-purpose memory (no HSM / Server-HSM). */
  keysInMemory: ({ context }) => !inHardware(context.cms, context.scope),
  /** A Sensitive Function runs outside the HSM, with its key in general-purpose memory. @clause CM4 */
  sfOutsideHsm: ({ context }) => context.inUse !== null,
} satisfies Record<string, G>;
