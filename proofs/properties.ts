/**
 * Named invariants (must hold in every reachable state) and threat goals (what an attack
 * achieves), each citing the requirements or threat it checks.
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import type { RequirementId, ThreatId } from '../spec/ids.ts';
import { inHardware } from '../model/effective.ts';
import type { StoreContext } from '../model/store.ts';
import type { Property, Snap } from './types.ts';

/** Invariant IDs. */
export type InvariantId = 'INV-NO-KEY-EXPORT' | 'INV-SF-INSIDE-HSM' | 'INV-AUTH-MUTATION' | 'INV-AUTH-ACCESS' | 'INV-BINDING-LOGICAL' | 'INV-BINDING-PHYSICAL';

/** An invariant over a store snapshot, with the requirements it checks. */
export interface Invariant extends Property {
  readonly id: InvariantId;
  readonly checks: readonly RequirementId[];
  /** The machines it applies to. */
  readonly scopes: readonly ('device' | 'server')[];
}

/** A threat goal: the state an attack on the threat wants to reach. */
export interface Goal extends Property {
  readonly id: ThreatId;
  readonly scope: 'device' | 'server';
}

const ctx = (s: Snap<AnyStateMachine>): StoreContext => s.context as StoreContext;
const BOTH = ['device', 'server'] as const;

/** The invariants. */
export const INVARIANTS: readonly Invariant[] = [
  {
    id: 'INV-NO-KEY-EXPORT',
    title: 'no long-term secret key value ever reaches the attacker or any interface output',
    checks: ['REQ-CM1-01', 'REQ-CM1-02', 'REQ-CM2-01', 'REQ-CM2-02', 'REQ-CM3-01', 'REQ-CM3-02'],
    scopes: BOTH,
    holds: (s) => !ctx(s).ghost.keyRevealed && !ctx(s).knowsKey,
  },
  {
    id: 'INV-SF-INSIDE-HSM',
    title: 'no Sensitive Function ever places a long-term key in general-purpose memory',
    checks: ['REQ-CM4-01', 'REQ-CM4-02'],
    scopes: BOTH,
    holds: (s) => ctx(s).inUse === null,
  },
  {
    id: 'INV-AUTH-MUTATION',
    title: 'every provision/replace/deprecate/delete follows strong authentication then authorisation of a legitimate entity with a fresh nonce',
    checks: ['REQ-CM6-02', 'REQ-CM6-03', 'REQ-CM6-04'],
    scopes: BOTH,
    holds: (s) => !ctx(s).ghost.unauthMutation,
  },
  {
    id: 'INV-AUTH-ACCESS',
    title: 'every read of a stored key through an interface follows strong authentication then authorisation',
    checks: ['REQ-CM6-01', 'REQ-CM6-03', 'REQ-CM6-04'],
    scopes: BOTH,
    holds: (s) => !ctx(s).ghost.unauthAccess,
  },
  {
    id: 'INV-BINDING-LOGICAL',
    title: 'keys of the HSM are usable only in its own device',
    checks: ['REQ-CM5-01'],
    scopes: ['device'],
    holds: (s) => !ctx(s).ghost.foreignUse,
  },
  {
    id: 'INV-BINDING-PHYSICAL',
    title: 'an HSM holding keys never leaves its own device',
    checks: ['REQ-CM5-02'],
    scopes: ['device'],
    holds: (s) => !inHardware(ctx(s).cms, 'device') || (s.value as { hsm: string }).hsm === 'inOwnDevice',
  },
];

/** The threat goals. */
export const GOALS: readonly Goal[] = [
  { id: 'T1', scope: 'device', title: 'a device long-term key value is known to the attacker', holds: (s) => ctx(s).knowsKey },
  {
    id: 'T2',
    scope: 'device',
    title: 'a device long-term key is deleted, deprecated or removed from the device without authorisation',
    holds: (s) => ctx(s).ghost.lostLegit,
  },
  {
    id: 'T3',
    scope: 'device',
    title: 'the device operates with a long-term key supplied by the attacker',
    holds: (s) => ctx(s).counterfeit || ctx(s).slots.some((k) => k.key === 'A' && k.life === 'active'),
  },
  { id: 'T4', scope: 'server', title: 'an infrastructure long-term key value is known to the attacker', holds: (s) => ctx(s).knowsKey },
  { id: 'T5', scope: 'server', title: 'an infrastructure long-term key is deleted or deprecated without authorisation', holds: (s) => ctx(s).ghost.lostLegit },
  { id: 'T6', scope: 'device', title: 'a long-term key is discovered while a Sensitive Function uses it', holds: (s) => ctx(s).knowsKeyInUse },
];
