/**
 * What management commands, Sensitive Functions and attack steps do to a key store: pure
 * functions from a context to the context after. Guards decide *whether* a step happens (in the
 * machine files); these functions say *what* it does, consulting the store's mechanisms
 * (`context.mech`) and never a countermeasure flag, and record the facts of the step
 * (`context.ghost`, see `model/store.ts`).
 * @module
 */
import { isLegit, legitKey, type KeyName, type Life, type Slot, type SlotIndex } from './keys.ts';
import { commandFacts, intended, MUTATIONS, type Command, type Op, type Requester, type Sender } from './management.ts';
import { potentialRank, type SfExecution } from './mechanisms.ts';
import { facts, freshNonce, NO_FACTS, nonceIndex, outstandingFor, renamedNonces, requesterOf, withSlot, type StoreContext } from './store.ts';

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

/**
 * The command `sender` puts on the wire for (op, slot), signed with its credential. The manager
 * signs over the nonce its own challenge returned (`held`), which the attacker may have made
 * stale in between; the insider and the forger (both the attacker) sign at the moment of their
 * choosing over the nonce outstanding for the credential they use, which they see on the channel.
 */
export function signCommand(ctx: StoreContext, sender: Exclude<Sender, 'replayer'>, op: Op, slot: SlotIndex): Command {
  return { op, slot, nonce: sender === 'manager' ? ctx.held : outstandingFor(ctx, sender), signer: sender };
}

/**
 * A challenge requested for `requester` (@clause CM6). While a nonce is outstanding for it, a
 * store that does not replace nonces (`mech.challengeReplaces` false) answers with that same
 * nonce and changes nothing, so a request from anyone cannot make the manager's nonce stale;
 * otherwise a fresh nonce replaces it. `byManager`: the legitimate manager asked for itself and
 * keeps the answer to sign its next command over; any other request is the attacker's (in the
 * manager's name) or the insider's.
 */
export function issueChallenge(ctx: StoreContext, requester: Requester, byManager: boolean): Partial<StoreContext> {
  const i = nonceIndex(ctx.mech, requester);
  const out = ctx.pending[i]!;
  const nonce = out !== null && !ctx.mech.challengeReplaces ? out : freshNonce(ctx);
  return {
    ...renamedNonces(out === nonce ? ctx.pending : ctx.pending.with(i, nonce), byManager ? nonce : ctx.held, ctx.captured),
    ghost: NO_FACTS,
  };
}

/** The manager's command was refused by authentication: the manager drops the nonce it signed over (it signs one command per nonce) and may ask again. */
export function refuseManagerCommand(ctx: StoreContext): Partial<StoreContext> {
  return { ...renamedNonces(ctx.pending, null, ctx.captured), ghost: NO_FACTS };
}

/** The captured commands after the attacker keeps a copy of `cmd` (the oldest goes when full). */
function keep(ctx: StoreContext, cmd: Command): readonly Command[] {
  const all = [...ctx.captured, cmd];
  return all.slice(Math.max(0, all.length - ctx.maxCaptures));
}

/**
 * The store after executing an accepted command. A read returns the key value when the store's
 * interface exports it (@clause CM3); the value reaches whoever sent the read and, in clear on
 * the channel, every eavesdropper (ASM-05). With `capture`, the attacker keeps a copy of a
 * modifying command of the legitimate manager. @clause CM6
 */
export function executeCommand(ctx: StoreContext, cmd: Command, sender: Sender, capture = false): Partial<StoreContext> {
  const wanted = intended(commandFacts(cmd, sender, outstandingFor(ctx, cmd.signer)));
  const slot = ctx.slots[cmd.slot]!;
  const mutation = MUTATIONS.includes(cmd.op);
  const byManager = sender === 'manager';
  const supplied: KeyName = cmd.signer === 'manager' ? legitKey(cmd.slot) : 'A';
  let slots = ctx.slots;
  let keyRevealed = false;
  let discoveredStored = false;
  let lostLegit = false;
  switch (cmd.op) {
    case 'read':
      if (isLegit(slot.key) && ctx.mech.readExportsKey) {
        keyRevealed = true;
        discoveredStored = !byManager || ctx.mech.readResponsesInClear;
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
  const used = nonceIndex(ctx.mech, requesterOf(cmd.signer));
  return {
    slots,
    ...renamedNonces(
      ctx.pending[used] === null ? ctx.pending : ctx.pending.with(used, null),
      byManager ? null : ctx.held,
      capture && byManager && mutation ? keep(ctx, cmd) : ctx.captured,
    ),
    ghost: facts({
      keyRevealed,
      discoveredStored,
      lostLegit,
      unauthMutation: mutation && !wanted,
      unauthAccess: !mutation && !wanted,
      managed: byManager && wanted,
    }),
  };
}

/** True when the attacker's potential exceeds the HSM's rating: an attack on the HSM boundary succeeds. */
export function beatsRating(ctx: StoreContext): boolean {
  const rating = ctx.mech.hsmRating;
  return ctx.potential !== null && rating !== null && potentialRank(ctx.potential) > potentialRank(rating);
}

/**
 * Reading general-purpose memory: keys kept there (no HSM, @clause CM1 @clause CM2), the
 * sensitive data of a Sensitive Function running on the host (@clause CM4), and the device's
 * pairing secret when it is kept there (ASM-11, @clause CM5).
 */
export function readMemory(ctx: StoreContext): Partial<StoreContext> {
  const stored = ctx.mech.keyStore === 'general-memory' && ctx.slots.some((s) => isLegit(s.key));
  const inUse = ctx.sf !== null && ctx.sf.where === 'host' && isLegit(ctx.sf.key);
  const pairing = ctx.mech.scope === 'device' && ctx.mech.logicalBinding && ctx.mech.pairingSecretInMemory;
  return { knowsPairing: ctx.knowsPairing || pairing, ghost: facts({ discoveredStored: stored, discoveredInUse: inUse }) };
}

/**
 * Probing the HSM's physical boundary (@clause CM1 @clause CM2, ASM-02): when the attacker's
 * potential exceeds the HSM's rating it reads what the HSM holds (its keys, a Sensitive Function
 * running inside, its copy of the pairing secret); otherwise the HSM detects the tampering and
 * zeroizes its keys (fail-secure, ASM-10).
 */
export function probeHsm(ctx: StoreContext): Partial<StoreContext> {
  if (beatsRating(ctx)) {
    return {
      knowsPairing: ctx.knowsPairing || (ctx.mech.scope === 'device' && ctx.mech.logicalBinding),
      ghost: facts({
        discoveredStored: ctx.slots.some((s) => isLegit(s.key)),
        discoveredInUse: ctx.sf !== null && ctx.sf.where === 'hsm' && isLegit(ctx.sf.key),
      }),
    };
  }
  return zeroizeKeys(ctx);
}

/**
 * The HSM's tamper response (ASM-10, fail-secure): every slot holding a key becomes deleted, and
 * a Sensitive Function running inside the HSM loses its key (its next use is refused). The HSM
 * stays in service, so its manager can provision new keys.
 */
export function zeroizeKeys(ctx: StoreContext): Partial<StoreContext> {
  const legit = ctx.slots.some((s) => isLegit(s.key));
  return {
    slots: ctx.slots.map((s) => (s.key === null ? s : { life: 'deleted', key: null })),
    sf: ctx.sf && ctx.sf.where === 'hsm' ? { ...ctx.sf, key: null } : ctx.sf,
    ghost: facts({ zeroizedLegit: legit }),
  };
}

/**
 * The attacker sets off the tamper response on purpose (opening, drilling or cutting the
 * enclosure), whatever its attack potential: the HSM zeroizes its keys (@clause CM1 @clause CM2,
 * ASM-10). A store without an HSM has no tamper response.
 */
export function tamperResponse(ctx: StoreContext): Partial<StoreContext> {
  return zeroizeKeys(ctx);
}

/**
 * Monitoring the running Sensitive Function (e.g. DPA): on the host it always succeeds; inside
 * the HSM only when the attacker's potential exceeds the HSM's rating (@clause CM4). What it
 * reveals is the function's sensitive data, and (INT-T1-DPA) the stored key it processes.
 */
export function sideChannel(ctx: StoreContext): Partial<StoreContext> {
  const sf = ctx.sf;
  if (sf === null || !isLegit(sf.key) || (sf.where === 'hsm' && !beatsRating(ctx))) return { ghost: facts({}) };
  return { ghost: facts({ discoveredInUse: true, discoveredStored: ctx.settings.dpaDiscoversStored }) };
}

/** Writing key storage in general-purpose memory: erase a slot or implant the attacker's key (ASM-09). */
export function writeMemory(ctx: StoreContext, slot: SlotIndex, write: 'erase' | 'implant'): Partial<StoreContext> {
  const before = ctx.slots[slot]!;
  const after: Slot = write === 'erase' ? { life: 'deleted', key: null } : { life: 'active', key: 'A' };
  return {
    slots: withSlot(ctx.slots, slot, after),
    ghost: facts({ unauthMutation: true, lostLegit: isLegit(before.key) }),
  };
}

/**
 * Starting a Sensitive Function (key derivation) with the key of `slot`, where the mechanism
 * runs it (@clause CM4). `foreign`: the HSM sits in another device; `counterfeit`: an
 * attacker-made HSM serves the device with the attacker's key.
 */
export function startSensitiveFunction(ctx: StoreContext, slot: SlotIndex, foreign: boolean, counterfeit = false): Partial<StoreContext> {
  const key: KeyName | null = counterfeit ? 'A' : ctx.slots[slot]!.key;
  const where = counterfeit ? 'hsm' : ctx.mech.sfExecution;
  return { sf: { key, where, slot }, ghost: keyUseFacts(key, where, foreign) };
}

/** The facts of using `key` where a Sensitive Function runs: in another device, the attacker's key, a key placed in host memory. */
function keyUseFacts(key: KeyName | null, where: SfExecution, foreign: boolean) {
  return facts({
    foreignUse: foreign,
    attackerKeyUsed: key === 'A' && !foreign,
    keyInHostMemory: where === 'host' && key !== null,
  });
}

/**
 * One use of the running Sensitive Function's key (a derivation, a MAC or a signature), after
 * the guards accepted it (@clause CM4 @clause CM5): the key the function's slot holds now (a
 * replacement since the start is used from now on), with the facts of a start. `foreign`: the
 * HSM serves another device; `counterfeit`: an attacker-made HSM serves the device, with the
 * attacker's key.
 */
export function useSfKey(ctx: StoreContext, foreign: boolean, counterfeit = false): Partial<StoreContext> {
  const sf = ctx.sf!;
  const key: KeyName | null = counterfeit ? 'A' : ctx.slots[sf.slot]!.key;
  const where = counterfeit ? 'hsm' : sf.where;
  return { sf: key === sf.key && where === sf.where ? sf : { key, where, slot: sf.slot }, ghost: keyUseFacts(key, where, foreign) };
}

/** True when a legitimate key is active or deprecated in the store. */
export function holdsLegitKey(ctx: StoreContext): boolean {
  return ctx.slots.some((s) => isLegit(s.key));
}
