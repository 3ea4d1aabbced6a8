/**
 * Derived requirements: atomic SHALL statements, each citing its countermeasure, the threats
 * it counters and the verbatim text it is derived from. Every requirement must be checked by
 * at least one invariant in `proofs/properties.ts` (a test enforces this) unless it carries a
 * written waiver.
 * @module
 */
import type { CountermeasureId, RequirementId, ThreatId } from './ids.ts';
import { SEED_COUNTERMEASURES, type SourcedQuote } from './types.ts';

/** One derived requirement. */
export interface Requirement {
  readonly id: RequirementId;
  readonly countermeasure: CountermeasureId;
  readonly threats: readonly ThreatId[];
  readonly statement: string;
  /** The countermeasure text it is derived from. */
  readonly basis: readonly SourcedQuote[];
  /** Why no invariant checks it, when none does. */
  readonly waiver?: string;
}

const q = (clause: '6.5.1' | '6.5.2', quote: string): SourcedQuote => ({ seed: SEED_COUNTERMEASURES, clause, quote });

/** The derived requirements. */
export const REQUIREMENTS = [
  {
    id: 'REQ-CM1-01',
    countermeasure: 'CM1',
    threats: ['T1', 'T2', 'T3'],
    statement: 'An M2M Device / Gateway SHALL store its long-term service-layer keys in an HSM residing within it.',
    basis: [
      q('6.5.1', 'M2M long-term service-layer keys are stored in a HSM (whose tamper-resistance may be certified) residing within the M2M Device / Gateway'),
    ],
  },
  {
    id: 'REQ-CM1-02',
    countermeasure: 'CM1',
    threats: ['T1'],
    statement:
      'The HSM SHALL make discovery of the value of stored keys infeasible by logical or physical means (memory reading, hardware probing, side channels).',
    basis: [q('6.5.1', 'renders it infeasible for the attacker to discover the value of keys by logical or physical means')],
  },
  {
    id: 'REQ-CM2-01',
    countermeasure: 'CM2',
    threats: ['T4', 'T5'],
    statement: 'Infrastructure equipment SHALL store its long-term service-layer secret keys in a Server-HSM.',
    basis: [q('6.5.1', 'M2M long-term service-layer keys (other than public keys) are securely stored in a server-HSM residing in infrastructure equipment')],
  },
  {
    id: 'REQ-CM2-02',
    countermeasure: 'CM2',
    threats: ['T4'],
    statement:
      'The Server-HSM SHALL make discovery of the value of stored keys infeasible by logical or physical means (remote hacking, monitoring of internal processes).',
    basis: [q('6.5.1', 'renders it infeasible for the attacker to discover the value of keys by logical or physical means')],
  },
  {
    id: 'REQ-CM3-01',
    countermeasure: 'CM3',
    threats: ['T4'],
    statement: 'The HSM SHALL NOT reveal the value of a stored secret key through any interface, including to a management system.',
    basis: [q('6.5.1', 'HSM / server-HSM do not reveal the value of the stored secret keys (other than public keys), even to a management system')],
  },
  {
    id: 'REQ-CM3-02',
    countermeasure: 'CM3',
    threats: ['T4'],
    statement:
      'The Server-HSM SHALL NOT reveal the value of a stored secret key, even to an authorised representative of the M2M System Operator such as a System Administrator.',
    basis: [q('6.5.1', 'even to a management system or to an authorised representative of the M2M System Operator, such as a System Administrator')],
  },
  {
    id: 'REQ-CM4-01',
    countermeasure: 'CM4',
    threats: ['T6'],
    statement: 'The execution of a Sensitive Function SHALL NOT expose a long-term service-layer key outside the HSM in which it is stored.',
    basis: [
      q('6.5.1', 'The execution of Sensitive Functions never causes long-term service-layer keys to be exposed outside of the HSM in which they are stored.'),
    ],
  },
  {
    id: 'REQ-CM4-02',
    countermeasure: 'CM4',
    threats: ['T6'],
    statement: 'Sensitive Functions of infrastructure equipment SHALL NOT expose long-term keys outside the Server-HSM (interpretation INT-CM4-SERVER-HSM).',
    basis: [q('6.5.1', 'exposed outside of the HSM in which they are stored')],
  },
  {
    id: 'REQ-CM5-01',
    countermeasure: 'CM5',
    threats: ['T2'],
    statement: 'The HSM SHALL be logically bound to its M2M Device / Gateway: its keys SHALL be usable only in that device.',
    basis: [q('6.5.1', 'is bound to the M2M Device or M2M Gateway, using physical and/or logical means')],
  },
  {
    id: 'REQ-CM5-02',
    countermeasure: 'CM5',
    threats: ['T2'],
    statement: 'The HSM SHALL be physically bound to its M2M Device / Gateway: it SHALL NOT be removable from it.',
    basis: [q('6.5.1', 'Keys cannot be stolen (and M2M Device/Gateway rendered inoperable) by removal of HSM.')],
  },
  {
    id: 'REQ-CM6-01',
    countermeasure: 'CM6',
    threats: ['T2', 'T3', 'T5'],
    statement: 'Access to a stored long-term key SHALL require strong (cryptographic) authentication of the accessing entity.',
    basis: [
      q(
        '6.5.2',
        'Access to and/or modification of stored Sensitive Data and in particular of the long-term service-layer keys requires strong (i.e. cryptographic) authentication of the accessing/modifying entity',
      ),
    ],
  },
  {
    id: 'REQ-CM6-02',
    countermeasure: 'CM6',
    threats: ['T2', 'T3', 'T5'],
    statement:
      'Modification (provision, replace, deprecate, delete) of a stored long-term key SHALL require strong (cryptographic) authentication of the modifying entity.',
    basis: [q('6.5.2', 'requires strong (i.e. cryptographic) authentication of the accessing/modifying entity')],
  },
  {
    id: 'REQ-CM6-03',
    countermeasure: 'CM6',
    threats: ['T2', 'T3', 'T5'],
    statement: "Strong authentication SHALL be followed by authorisation: an operation SHALL be performed only if the authenticated entity's role permits it.",
    basis: [q('6.5.2', 'authentication of the accessing/modifying entity, followed by authorisation.')],
  },
  {
    id: 'REQ-CM6-04',
    countermeasure: 'CM6',
    threats: ['T2', 'T3', 'T5'],
    statement: 'Strong authentication SHALL use a fresh, single-use challenge, so that a captured command cannot be replayed.',
    basis: [q('6.5.2', 'requires strong (i.e. cryptographic) authentication')],
  },
] as const satisfies readonly Requirement[];
