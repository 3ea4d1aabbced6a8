/**
 * Named invariants (must hold in every reachable state) and threat goals (what an attack
 * achieves), each citing the requirements or threat it checks.
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import type { RequirementId, ThreatId } from '../spec/ids.ts';
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

/** A threat goal: the state an attack on the threat wants to reach, with the words of the text it formalises. */
export interface Goal extends Property {
  readonly id: ThreatId;
  readonly scope: 'device' | 'server';
  /** The words of the threat's overview (clause 6.1.x of the source text) this goal formalises. */
  readonly formalises: string;
}

const ctx = (s: Snap<AnyStateMachine>): StoreContext => s.context as StoreContext;
const BOTH = ['device', 'server'] as const;
/** Zeroization of legitimate keys counts as a deletion under ASM-10's default reading. */
const zeroizedAsDeletion = (c: StoreContext) => c.ghost.zeroizedLegit && c.settings.zeroization === 'deletion';

/** The invariants. */
export const INVARIANTS: readonly Invariant[] = [
  {
    id: 'INV-NO-KEY-EXPORT',
    title: 'no long-term secret key value ever reaches the attacker or any interface output',
    checks: ['REQ-CM1-01', 'REQ-CM1-02', 'REQ-CM2-01', 'REQ-CM2-02', 'REQ-CM3-01', 'REQ-CM3-02'],
    scopes: BOTH,
    holds: (s) => !ctx(s).ghost.keyRevealed && !ctx(s).ghost.discoveredStored,
  },
  {
    id: 'INV-SF-INSIDE-HSM',
    title: 'no Sensitive Function ever places a long-term key in general-purpose memory',
    checks: ['REQ-CM4-01', 'REQ-CM4-02'],
    scopes: BOTH,
    holds: (s) => !ctx(s).ghost.keyInHostMemory,
  },
  {
    id: 'INV-AUTH-MUTATION',
    title: 'only a provision/replace/deprecate/delete the legitimate manager intended takes effect (not forged, not replayed, not beyond a role)',
    checks: ['REQ-CM6-02', 'REQ-CM6-03', 'REQ-CM6-04'],
    scopes: BOTH,
    holds: (s) => !ctx(s).ghost.unauthMutation,
  },
  {
    id: 'INV-AUTH-ACCESS',
    title: 'only a key read a legitimate principal intended, within its role, takes effect',
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
    title: 'the HSM never leaves its own device',
    checks: ['REQ-CM5-02'],
    scopes: ['device'],
    holds: (s) => (s.value as { hsm: string }).hsm === 'inOwnDevice',
  },
];

/** The threat goals, worded like the text. */
export const GOALS: readonly Goal[] = [
  {
    id: 'T1',
    scope: 'device',
    title: 'a device long-term key is discovered while stored',
    formalises: 'Long-term service-layer keys are discovered while they are stored in M2M Devices or M2M Gateways',
    holds: (s) => ctx(s).ghost.discoveredStored,
  },
  {
    id: 'T2',
    scope: 'device',
    title: 'a device long-term key is deleted or deprecated (or its HSM removed) without authorisation',
    formalises: 'Long-term service-layer keys are deleted or deprecated while they are stored in M2M Devices or M2M Gateways',
    holds: (s) => ctx(s).ghost.lostLegit || zeroizedAsDeletion(ctx(s)),
  },
  {
    id: 'T3',
    scope: 'device',
    title: 'the device operates with a long-term key supplied by the attacker',
    formalises: 'Long-term service-layer keys are replaced while they are stored in M2M Devices or M2M Gateways, in order to modify its operation',
    holds: (s) => ctx(s).ghost.attackerKeyUsed,
  },
  {
    id: 'T4',
    scope: 'server',
    title: 'an infrastructure long-term key is discovered while stored',
    formalises: 'Long-term service-layer keys are discovered while they are stored in the M2M infrastructure equipment',
    holds: (s) => ctx(s).ghost.discoveredStored,
  },
  {
    id: 'T5',
    scope: 'server',
    title: 'an infrastructure long-term key is deleted or deprecated without authorisation',
    formalises: 'Long-term service-layer keys are deleted or deprecated while they are stored in the M2M infrastructure equipment',
    holds: (s) => ctx(s).ghost.lostLegit || zeroizedAsDeletion(ctx(s)),
  },
  {
    id: 'T6',
    scope: 'device',
    title: 'sensitive data (the key, intermediate values, the derived key) is discovered while a Sensitive Function uses it',
    formalises: 'Sensitive data is discovered while used during the execution of sensitive functions in M2M Devices or M2M Gateways',
    holds: (s) => ctx(s).ghost.discoveredInUse,
  },
];
