/**
 * The context shared by the device HSM and the Server-HSM machines, and the pure functions
 * their actions apply. Keys are symbolic (`model/keys.ts`).
 * @module
 */
import type { Potential } from '../spec/assumptions.ts';
import type { Scope } from '../spec/presuppositions.ts';
import { potentialOf } from './attacker.ts';
import type { ModelInput } from './config.ts';
import { initialSlots, type KeyName, type Slot, type SlotIndex } from './keys.ts';
import { MAX_CAPTURES, REQUESTERS, type Command, type Principal, type Requester } from './management.ts';
import { Mechanisms, type SfExecution } from './mechanisms.ts';
import { DEFAULT_SETTINGS, type Settings } from './settings.ts';

/**
 * Facts of the step that led to a state ("ghost" variables): set by the transition that makes
 * them true, and replaced by the next transition. A property "X never happens" is checked as
 * "no reachable state carries fact X": a step that makes X true leads to a state that carries
 * it. Keeping only the last step's facts, rather than the whole history, keeps the state space
 * from multiplying by every combination of past events, and changes no verdict.
 */
export interface Ghost {
  /** Some interface output carried a long-term secret key value (to anyone, management included). */
  readonly keyRevealed: boolean;
  /** A long-term key was modified by a command no legitimate principal intended (forged, replayed, or beyond its role), or by writing memory. */
  readonly unauthMutation: boolean;
  /** A long-term key was read through an interface by a command no legitimate principal intended. */
  readonly unauthAccess: boolean;
  /** A legitimate key was deleted, deprecated or taken out of the device by anyone but the legitimate manager. */
  readonly lostLegit: boolean;
  /** The HSM zeroized legitimate keys on detecting tampering (fail-secure). */
  readonly zeroizedLegit: boolean;
  /** A key of the HSM was used by a device other than its own. */
  readonly foreignUse: boolean;
  /** The device ran a Sensitive Function with a key supplied by the attacker (its operation was modified). */
  readonly attackerKeyUsed: boolean;
  /** A Sensitive Function placed a long-term key in the host's general-purpose memory. */
  readonly keyInHostMemory: boolean;
  /** The attacker learned the value of a legitimate long-term key while it was stored (threats 1 and 4). */
  readonly discoveredStored: boolean;
  /** The attacker learned sensitive data of a Sensitive Function using a legitimate key (the key, intermediate values, the derived key) while it ran (threat 6). */
  readonly discoveredInUse: boolean;
  /** A command the legitimate manager sent took effect (management is available to it). */
  readonly managed: boolean;
}

/** A step with no facts. */
export const NO_FACTS: Ghost = Object.freeze({
  keyRevealed: false,
  unauthMutation: false,
  unauthAccess: false,
  lostLegit: false,
  zeroizedLegit: false,
  foreignUse: false,
  attackerKeyUsed: false,
  keyInHostMemory: false,
  discoveredStored: false,
  discoveredInUse: false,
  managed: false,
});

/** Context of a key store (device HSM or Server-HSM) together with the attacker's knowledge. */
export interface StoreContext {
  /** The mechanisms the countermeasures configure (constant during an exploration). */
  readonly mech: Mechanisms;
  /** The switchable assumptions (constant). */
  readonly settings: Settings;
  /** The attack potential the attacker brings to the HSM boundary, null if it never acts there (constant). */
  readonly potential: Potential | null;
  /** Copies of commands the attacker keeps at once (constant bound, ASM-06). */
  readonly maxCaptures: number;
  readonly slots: readonly Slot[];
  /**
   * The store's volatile nonce table: the challenge nonce outstanding for each requester (index
   * in `REQUESTERS`), or null. Under a shared nonce (`mech.nonceScope`) only index 0 is used.
   * Nonces are symbolic (see {@link freshNonce}).
   */
  readonly pending: readonly (number | null)[];
  /** The nonce the legitimate manager received from its own challenge and has not yet signed a command over (the manager's memory, not the store's). */
  readonly held: number | null;
  /** Modifying commands of the legitimate manager the attacker captured on the channel, oldest first. */
  readonly captured: readonly Command[];
  /**
   * The running Sensitive Function (null: none running): the key it last used, where it runs,
   * and the slot it was started on (each use needs that slot's key still active).
   */
  readonly sf: { readonly key: KeyName | null; readonly where: SfExecution; readonly slot: SlotIndex } | null;
  /** An attacker-made HSM sits in the device in place of the genuine one. */
  readonly counterfeit: boolean;
  /** The attacker knows the device's pairing secret (logical binding, ASM-11); once learned, it stays known. */
  readonly knowsPairing: boolean;
  /** Facts of the step that led here. */
  readonly ghost: Ghost;
}

/** The mechanisms built for each input object, by scope (see {@link initialStore}). */
const MECHANISMS = new WeakMap<ModelInput, Map<Scope, Mechanisms>>();

/**
 * The initial context of a store at `scope`. Initial contexts built from the same input object
 * share one `Mechanisms` (its memoised values depend on the input alone), so `mech` is one
 * object throughout everything started from that input, and a state codec may keep it as a
 * constant instead of encoding it (`proofs/store-codec.ts`).
 */
export function initialStore(input: ModelInput, scope: Scope): StoreContext {
  const settings = input.settings ?? DEFAULT_SETTINGS;
  let byScope = MECHANISMS.get(input);
  if (!byScope) {
    byScope = new Map();
    MECHANISMS.set(input, byScope);
  }
  let mech = byScope.get(scope);
  if (!mech) {
    mech = new Mechanisms(input.cms, scope, settings);
    byScope.set(scope, mech);
  }
  return {
    mech,
    settings,
    potential: potentialOf(input.profile, settings),
    maxCaptures: input.captures ?? MAX_CAPTURES,
    slots: initialSlots(input.slots),
    pending: REQUESTERS.map(() => null),
    held: null,
    captured: [],
    sf: null,
    counterfeit: false,
    knowsPairing: false,
    ghost: NO_FACTS,
  };
}

/** The facts of a step: these flags set, every other one clear (the shared `NO_FACTS` when none is set). */
export function facts(flags: Partial<Record<keyof Ghost, boolean>>): Ghost {
  if (!Object.values(flags).some(Boolean)) return NO_FACTS;
  const g: Record<string, boolean> = { ...NO_FACTS };
  for (const [k, v] of Object.entries(flags)) if (v) g[k] = true;
  return g as unknown as Ghost;
}

/** The index in the nonce table of the nonce `requester` is issued: its own, or the one shared nonce. @clause CM6 */
export function nonceIndex(mech: Mechanisms, requester: Requester): number {
  return mech.nonceScope === 'shared' ? 0 : REQUESTERS.indexOf(requester);
}

/** The requester whose nonce a command signed by `signer` must carry: a forger claims to be the manager. */
export function requesterOf(signer: Principal): Requester {
  return signer === 'insider' ? 'insider' : 'manager';
}

/** The nonce outstanding for commands signed by `signer` (null: none). @clause CM6 */
export function outstandingFor(ctx: StoreContext, signer: Principal): number | null {
  return ctx.pending[nonceIndex(ctx.mech, requesterOf(signer))]!;
}

/**
 * The number of nonce values a context can hold: a state refers to at most one per requester,
 * the manager's held one and one per captured command, and a fresh nonce is the lowest value
 * none of them refers to, so it is at most that many.
 */
export function nonceValues(ctx: Pick<StoreContext, 'maxCaptures'>): number {
  return REQUESTERS.length + 1 + ctx.maxCaptures + 1;
}

/**
 * A fresh nonce: the lowest value no part of the state refers to. Nonces are only ever compared
 * for equality and a real store's nonces never repeat (random, 128 bits: ASM-08), so a value
 * nothing refers to any more is as fresh as a new one, and two states that differ only by a
 * renaming of nonce values behave alike. Recycling values this way is exact and needs no bound
 * on how many nonces a store issues: without it a store that had issued its last nonce would
 * lock its manager out, an artefact of the bound and not of the protocol.
 */
export function freshNonce(ctx: StoreContext): number {
  const used = new Set<number | null>([...ctx.pending, ctx.held, ...ctx.captured.map((c) => c.nonce)]);
  let n = 0;
  while (used.has(n)) n++;
  return n;
}

/**
 * The nonce fields of a context, with nonce values renamed in order of first appearance
 * (`pending`, then `held`, then the captured commands). Nonces are only compared for equality,
 * so states that differ by a renaming of nonce values behave alike (`freshNonce`); renaming them
 * to one representative after every step keeps one state per class, which is exact. Arrays and
 * commands come back unchanged (the same objects) where no value moves.
 */
export function renamedNonces(
  pending: readonly (number | null)[],
  held: number | null,
  captured: readonly Command[],
): Pick<StoreContext, 'pending' | 'held' | 'captured'> {
  const names = new Map<number, number>();
  const name = (n: number | null): number | null => {
    if (n === null) return null;
    let m = names.get(n);
    if (m === undefined) {
      m = names.size;
      names.set(n, m);
    }
    return m;
  };
  const p = pending.map(name);
  const h = name(held);
  const c = captured.map((x) => {
    const n = name(x.nonce);
    return n === x.nonce ? x : { ...x, nonce: n };
  });
  return {
    pending: p.every((n, i) => n === pending[i]) ? pending : p,
    held: h,
    captured: c.every((x, i) => x === captured[i]) ? captured : c,
  };
}

/** Replaces slot `i` (returns a new array). */
export function withSlot(slots: readonly Slot[], i: number, slot: Slot): readonly Slot[] {
  return slots.map((s, j) => (j === i ? slot : s));
}

/** Compact state key: the state value plus the variable part of the context. */
export function storeKey(value: unknown, c: StoreContext): string {
  const slots = c.slots.map((s) => s.life[0]! + s.key).join(',');
  const cap = c.captured.map((x) => `${x.op}${x.slot}${x.nonce}${x.signer[0]}`).join(',');
  const g = c.ghost;
  const ghost = (Object.keys(NO_FACTS) as (keyof Ghost)[]).map((f) => +g[f]).join('');
  const sf = c.sf ? `${c.sf.key}@${c.sf.where}${c.sf.slot}` : '-';
  return `${valueKey(value)}|${slots}|${c.pending.join(',')}|${c.held}|${cap}|${sf}|${+c.counterfeit}${+c.knowsPairing}|${ghost}`;
}

/** Compact key of a state value: leaf state names, regions in their defined order. */
export function valueKey(value: unknown): string {
  if (typeof value === 'string') return value;
  let out = '';
  for (const v of Object.values(value as Record<string, unknown>)) out += `${valueKey(v)}.`;
  return out;
}

/**
 * The state key without the step facts: two states with equal behaviour keys accept the same
 * events with the same effects (no guard or action reads the facts), so test generation may
 * treat them as one state and check the facts of each step as it is taken.
 */
export function behaviourKey(value: unknown, c: StoreContext): string {
  return storeKey(value, { ...c, ghost: NO_FACTS });
}
