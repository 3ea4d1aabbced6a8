/**
 * The context shared by the device HSM and the Server-HSM machines, and the pure functions
 * their actions apply. Keys are symbolic (`model/keys.ts`).
 * @module
 */
import type { Scope } from '../spec/presuppositions.ts';
import type { CmFlags, ModelInput, ProfileId } from './config.ts';
import { initialSlots, type KeyName, type Slot } from './keys.ts';
import type { Command } from './management.ts';

/**
 * History ("ghost") variables: facts about what has happened, set by the transitions that make
 * them true and never reset. Invariants and threat goals read them.
 */
export interface Ghost {
  /** Some interface output carried a long-term secret key value (to anyone, management included). */
  readonly keyRevealed: boolean;
  /** A long-term key was modified without strong authentication then authorisation of a legitimate entity with a fresh nonce. */
  readonly unauthMutation: boolean;
  /** A long-term key was read through an interface without strong authentication then authorisation. */
  readonly unauthAccess: boolean;
  /** A legitimate key was deleted, deprecated or made unavailable by anyone but the legitimate manager. */
  readonly lostLegit: boolean;
  /** A key of the HSM was used by a device other than its own. */
  readonly foreignUse: boolean;
}

/** Context of a key store (device HSM or Server-HSM) together with the attacker's knowledge. */
export interface StoreContext {
  /** Countermeasures in force (constant during an exploration). */
  readonly cms: CmFlags;
  /** Attacker capability profile (constant). */
  readonly profile: ProfileId;
  /** Where the store is (constant). */
  readonly scope: Scope;
  readonly slots: readonly Slot[];
  /** Nonces issued so far. */
  readonly nextNonce: number;
  /** The outstanding challenge nonce, if any. */
  readonly pending: number | null;
  /** The last modifying command the legitimate manager sent, as captured on the wire. */
  readonly captured: Command | null;
  /** A key loaded into general-purpose memory by a Sensitive Function running outside the HSM. */
  readonly inUse: KeyName | null;
  /** The attacker knows the value of a legitimate long-term key, learned by any means. */
  readonly knowsKey: boolean;
  /** The attacker learned a legitimate long-term key while a Sensitive Function was using it. */
  readonly knowsKeyInUse: boolean;
  /** An attacker-made HSM has replaced the genuine one in the device. */
  readonly counterfeit: boolean;
  readonly ghost: Ghost;
}

/** The initial context of a store at `scope`. */
export function initialStore(input: ModelInput, scope: Scope): StoreContext {
  return {
    cms: input.cms,
    profile: input.profile,
    scope,
    slots: initialSlots(input.slots),
    nextNonce: 0,
    pending: null,
    captured: null,
    inUse: null,
    knowsKey: false,
    knowsKeyInUse: false,
    counterfeit: false,
    ghost: { keyRevealed: false, unauthMutation: false, unauthAccess: false, lostLegit: false, foreignUse: false },
  };
}

/** Returns `ctx` with some ghost flags raised (same object when nothing changes). */
export function raise(ctx: StoreContext, flags: Partial<Record<keyof Ghost, boolean>>): Ghost {
  let changed = false;
  for (const k of Object.keys(flags) as (keyof Ghost)[]) if (flags[k] && !ctx.ghost[k]) changed = true;
  if (!changed) return ctx.ghost;
  const g = { ...ctx.ghost };
  for (const k of Object.keys(flags) as (keyof Ghost)[]) if (flags[k]) g[k] = true;
  return g;
}

/** Replaces slot `i` (returns a new array). */
export function withSlot(slots: readonly Slot[], i: number, slot: Slot): readonly Slot[] {
  return slots.map((s, j) => (j === i ? slot : s));
}

/** Compact state key: the state value plus the variable part of the context. */
export function storeKey(value: unknown, c: StoreContext): string {
  const slots = c.slots.map((s) => s.life[0]! + s.key).join(',');
  const cap = c.captured ? `${c.captured.op}${c.captured.slot}${c.captured.nonce}${c.captured.signer[0]}` : '-';
  const g = c.ghost;
  const ghost = [g.keyRevealed, g.unauthMutation, g.unauthAccess, g.lostLegit, g.foreignUse].map(Number).join('');
  return `${valueKey(value)}|${slots}|${c.nextNonce}|${c.pending}|${cap}|${c.inUse}|${+c.knowsKey}${+c.knowsKeyInUse}|${+c.counterfeit}|${ghost}`;
}

/** Compact key of a state value: leaf state names, regions in their defined order. */
export function valueKey(value: unknown): string {
  if (typeof value === 'string') return value;
  let out = '';
  for (const v of Object.values(value as Record<string, unknown>)) out += `${valueKey(v)}.`;
  return out;
}
