/**
 * Guards shared by the device HSM and the Server-HSM, named after what they enforce. A guard
 * that depends on a countermeasure consults the store's mechanism (`context.mech`), never the
 * flag; `MECHANISM_GUARDS` lists them with the mechanism each one reads (a test checks the list
 * is complete and right).
 * @module
 */
import { applicable, signCommand } from './effects.ts';
import type { DeviceEvent } from './events.ts';
import { commandFacts, PERMITS, type Command, type Sender } from './management.ts';
import type { Mechanisms } from './mechanisms.ts';
import { outstandingFor, type StoreContext } from './store.ts';

/** The command an event puts on the wire and who sends it (null: nothing to send). */
export function commandOf(ctx: StoreContext, e: DeviceEvent): { cmd: Command; sender: Sender; capture: boolean } | null {
  if (e.type === 'COMMAND') {
    return { cmd: signCommand(ctx, e.sender, e.op, e.slot), sender: e.sender, capture: e.capture === true };
  }
  if (e.type === 'REPLAY') {
    const cmd = ctx.captured[e.index ?? 0];
    return cmd ? { cmd, sender: 'replayer', capture: false } : null;
  }
  return null;
}

/** What a command event names, without signing it: the operation, the slot and the signer (no nonce is read). */
function commandHeader(ctx: StoreContext, e: DeviceEvent): Pick<Command, 'op' | 'slot' | 'signer'> | null {
  if (e.type === 'COMMAND') return { op: e.op, slot: e.slot, signer: e.sender };
  if (e.type === 'REPLAY') return ctx.captured[e.index ?? 0] ?? null;
  return null;
}

/** @clause CM6 — `c` passes the checks the store's mechanisms make: signature by a trusted credential, nonce outstanding for its signer. */
function authentic(ctx: StoreContext, c: { cmd: Command; sender: Sender }): boolean {
  const f = commandFacts(c.cmd, c.sender, outstandingFor(ctx, c.cmd.signer));
  return (!ctx.mech.verifiesSignature || f.trusted) && (!ctx.mech.checksNonce || f.fresh);
}

/** A guard over either store (the device events include every store event). */
type G = (a: { context: StoreContext; event: DeviceEvent }) => boolean;

/** Guards of both stores. */
export const storeGuards = {
  /**
   * @clause CM6 — authentication as the management protocol performs it: the signature is
   * verified against trusted credentials, and the nonce must be the outstanding unused one, each
   * only where the mechanism does so (without CM6, ASM-01: nothing is verified).
   */
  cm6StrongAuth: ({ context, event }) => {
    const c = commandOf(context, event);
    return c !== null && authentic(context, c);
  },
  /** @clause CM6 — authorisation: after authentication, the signer's role permits the operation, where the mechanism checks roles. */
  cm6Authorised: ({ context, event }) => {
    const c = commandHeader(context, event);
    if (!c) return false;
    return !context.mech.checksRole || PERMITS[c.signer].includes(c.op);
  },
  /** The command's operation applies to the slot's lifecycle. */
  commandApplies: ({ context, event }) => {
    const c = commandHeader(context, event);
    return c !== null && applicable(context.slots[c.slot]!, c.op);
  },
  /** @clause CM6 — challenge nonces exist where the protocol checks them (as many as asked for: nonces are recycled exactly, see `freshNonce`). */
  cm6ChallengeAvailable: ({ context }) => context.mech.checksNonce,
  /**
   * The legitimate manager sent a command over the nonce its challenge returned, for an
   * operation that applies, and authentication refused it: its nonce had gone stale. (The
   * manager sends only commands that apply; a command it sends with no nonce in hand is not an
   * attempt of the protocol.)
   */
  managerCommandRefused: ({ context, event }) => {
    if (event.type !== 'COMMAND' || event.sender !== 'manager' || context.held === null) return false;
    const c = commandOf(context, event)!;
    return !authentic(context, c) && applicable(context.slots[c.cmd.slot]!, c.cmd.op);
  },
  /**
   * @clause CM4 — the slot the running Sensitive Function was started on holds an active key now
   * (a deleted, deprecated or zeroized key is not used again; a key provisioned or replaced there
   * since by the manager is the one the next use takes).
   */
  sfKeyUsable: ({ context }) => context.sf !== null && context.slots[context.sf.slot]!.life === 'active',
  /** The slot a Sensitive Function asks for holds an active key. */
  keyActive: ({ context, event }) => event.type === 'SF_START' && context.slots[event.slot]!.life === 'active',
  /** @clause CM1 @clause CM2 — the keys are kept in general-purpose memory, where memory writes reach them. */
  keysInMemory: ({ context }) => context.mech.keyStore === 'general-memory',
  /** @clause CM1 @clause CM2 — there is an HSM whose physical boundary can be probed. */
  hsmPresent: ({ context }) => context.mech.keyStore === 'hsm',
  /** A Sensitive Function is running, whose processes can be monitored. */
  sfRunning: ({ context }) => context.sf !== null,
} satisfies Record<string, G>;

/** The guards (of both machines) that consult a mechanism, each with the mechanism it reads. */
export const MECHANISM_GUARDS: Readonly<Record<string, readonly Exclude<keyof Mechanisms, 'scope'>[]>> = {
  cm6StrongAuth: ['verifiesSignature', 'checksNonce', 'nonceScope'],
  cm6Authorised: ['checksRole'],
  cm6ChallengeAvailable: ['checksNonce'],
  managerCommandRefused: ['verifiesSignature', 'checksNonce', 'nonceScope'],
  keysInMemory: ['keyStore'],
  hsmPresent: ['keyStore'],
  cm5UseAccepted: ['logicalBinding', 'pairingCheckedAtUse'],
  sessionEndsOnRemoval: ['sessionSurvivesRemoval'],
  cm5BoundToDevice: ['physicalBinding'],
  cm5PairingProved: ['logicalBinding'],
};
