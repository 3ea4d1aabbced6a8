/**
 * How a countermeasure that presupposes another is treated. One row per (countermeasure,
 * scope) in which the countermeasure is applied: `device` is an M2M Device / Gateway with its
 * HSM, `server` is infrastructure equipment with its Server-HSM. When a required
 * countermeasure is not applied, the row's countermeasure is inert (it has nothing to act on);
 * rows with no requirement are never inert. Each row cites the quotes it rests on.
 * @module
 */
import type { CountermeasureId } from './ids.ts';
import { SEED_COUNTERMEASURES, SEED_THREATS, type SourcedQuote } from './types.ts';

/** Where a countermeasure acts: on a device/gateway or on infrastructure equipment. */
export type Scope = 'device' | 'server';

/** IDs of interpretations that go beyond the letter of the text. */
export type InterpretationId = 'INT-CM4-SERVER-HSM' | 'INT-T1-DPA';

/** One presupposition row. */
export interface Presupposition {
  readonly cm: CountermeasureId;
  readonly requires: readonly CountermeasureId[];
  readonly scope: Scope;
  readonly whenMissing: 'inert';
  readonly reason: string;
  readonly basis: readonly SourcedQuote[];
  /** Set when the row rests on an interpretation (see `INTERPRETATIONS`). */
  readonly interpretation?: InterpretationId;
}

/** An interpretation of the text made by the model, with its reason. */
export interface Interpretation {
  readonly id: InterpretationId;
  readonly cm: CountermeasureId;
  /** The rule the model follows. */
  readonly rule: string;
  readonly reason: string;
  readonly basis: readonly SourcedQuote[];
  /** The setting that switches it (see `model/settings.ts`). */
  readonly setting: string;
  /** The value the model uses by default, first; then the alternative reading. */
  readonly values: readonly { readonly value: boolean; readonly statement: string }[];
}

/** A quote of clause 6.5 (numbered "6.5.1" or "6.5.2" in the text). */
const q = (clause: '6.5.1' | '6.5.2', quote: string): SourcedQuote => ({ seed: SEED_COUNTERMEASURES, clause, quote });

/** Threat 1's description: discovery of stored keys by monitoring internal processes. */
const T1_DPA: SourcedQuote = {
  seed: SEED_THREATS,
  clause: '6.1.1',
  quote: 'Discovery of stored long term service-layer keys may be achieved e.g. by monitoring internal processes (e.g. by Differential Power Analysis)',
};

/** Quotes the rows rest on. */
const CM1_HSM = q('6.5.1', 'stored in a HSM (whose tamper-resistance may be certified) residing within the M2M Device / Gateway');
const CM2_SERVER_HSM = q('6.5.1', 'securely stored in a server-HSM residing in infrastructure equipment');
const CM3_BOTH = q('6.5.1', 'HSM / server-HSM do not reveal the value of the stored secret keys');
const CM4_TITLE = q('6.5.1', 'Secure execution of sensitive functions in M2M Devices / M2M Gateways');
const CM4_HSM = q('6.5.1', 'exposed outside of the HSM in which they are stored');
const CM5_HSM = q('6.5.1', 'The HSM containing the M2M long-term service keys is bound to the M2M Device or M2M Gateway');
const CM6_ACCESS = q(
  '6.5.2',
  'Access to and/or modification of stored Sensitive Data and in particular of the long-term service-layer keys requires strong (i.e. cryptographic) authentication',
);

/** Interpretations of the text made by the model. */
export const INTERPRETATIONS = [
  {
    id: 'INT-CM4-SERVER-HSM',
    cm: 'CM4',
    rule: 'CM4 is applied to the Server-HSM of infrastructure equipment as well as to the HSM of devices and gateways.',
    reason:
      'The clause title scopes CM4 to M2M Devices / M2M Gateways, but its statement is about "the HSM in which they are stored", i.e. wherever long-term keys are stored; infrastructure keys are stored in a Server-HSM (CM2), so the same rule is applied there.',
    basis: [CM4_TITLE, CM4_HSM],
    setting: 'cm4OnServer',
    values: [
      {
        value: true,
        statement: 'CM4 applies to the Server-HSM too: with CM2 and CM4, Sensitive Functions of infrastructure equipment run inside the Server-HSM',
      },
      { value: false, statement: 'CM4 applies to devices and gateways only: Sensitive Functions of infrastructure equipment run on the host' },
    ],
  },
  {
    id: 'INT-T1-DPA',
    cm: 'CM1',
    rule: 'Threat 1 counts a stored key learned by monitoring the processes that use it (e.g. DPA) as a discovery of a stored key.',
    reason:
      'The overview of threat 1 speaks of keys discovered "while they are stored", yet its description names "monitoring internal processes (e.g. by Differential Power Analysis)" as a way to discover stored keys; a process only handles the key while a Sensitive Function uses it, which is also threat 6.',
    basis: [T1_DPA],
    setting: 'dpaDiscoversStored',
    values: [
      {
        value: true,
        statement:
          'a key learned by side-channel analysis of a running Sensitive Function is a discovery of a stored key (threat 1) as well as of sensitive data in use (threat 6)',
      },
      { value: false, statement: 'side-channel analysis of a running Sensitive Function is threat 6 only' },
    ],
  },
] as const satisfies readonly Interpretation[];

/** The presupposition rows. */
export const PRESUPPOSITIONS = [
  {
    cm: 'CM1',
    requires: [],
    scope: 'device',
    whenMissing: 'inert',
    reason: 'CM1 provides the HSM of the device; it presupposes no other countermeasure.',
    basis: [CM1_HSM],
  },
  {
    cm: 'CM2',
    requires: [],
    scope: 'server',
    whenMissing: 'inert',
    reason: 'CM2 provides the Server-HSM of the infrastructure equipment; it presupposes no other countermeasure.',
    basis: [CM2_SERVER_HSM],
  },
  {
    cm: 'CM3',
    requires: ['CM1'],
    scope: 'device',
    whenMissing: 'inert',
    reason: 'The device part of CM3 is a property of the HSM, which exists only under CM1.',
    basis: [CM3_BOTH, CM1_HSM],
  },
  {
    cm: 'CM3',
    requires: ['CM2'],
    scope: 'server',
    whenMissing: 'inert',
    reason: 'The server part of CM3 is a property of the Server-HSM, which exists only under CM2.',
    basis: [CM3_BOTH, CM2_SERVER_HSM],
  },
  {
    cm: 'CM4',
    requires: ['CM1'],
    scope: 'device',
    whenMissing: 'inert',
    reason: 'Sensitive Functions can only run inside an HSM that exists; without CM1 there is no HSM and CM4 is inert.',
    basis: [CM4_HSM, CM1_HSM],
  },
  {
    cm: 'CM4',
    requires: ['CM2'],
    scope: 'server',
    whenMissing: 'inert',
    reason: 'By interpretation INT-CM4-SERVER-HSM, CM4 also governs the Server-HSM, which exists only under CM2.',
    basis: [CM4_TITLE, CM4_HSM, CM2_SERVER_HSM],
    interpretation: 'INT-CM4-SERVER-HSM',
  },
  {
    cm: 'CM5',
    requires: ['CM1'],
    scope: 'device',
    whenMissing: 'inert',
    reason: 'CM5 binds the HSM to its device; without CM1 there is no HSM to bind and CM5 is inert.',
    basis: [CM5_HSM, CM1_HSM],
  },
  {
    cm: 'CM6',
    requires: [],
    scope: 'device',
    whenMissing: 'inert',
    reason: 'CM6 governs the management agent of whatever stores the keys, so it applies on a device with or without an HSM.',
    basis: [CM6_ACCESS],
  },
  {
    cm: 'CM6',
    requires: [],
    scope: 'server',
    whenMissing: 'inert',
    reason: 'CM6 governs the management agent of whatever stores the keys, so it applies on a server with or without a Server-HSM.',
    basis: [CM6_ACCESS],
  },
] as const satisfies readonly Presupposition[];

/** The row of `cm` in `scope`, or undefined if the countermeasure does not act there (e.g. CM5 on a server). */
export function presupposition(cm: CountermeasureId, scope: Scope): Presupposition | undefined {
  return PRESUPPOSITIONS.find((p) => p.cm === cm && p.scope === scope);
}

/**
 * Whether `cm` has an effect in `scope` given the set of applied countermeasures: it must be
 * applied, act in that scope, and every countermeasure it requires must be applied too.
 */
export function isEffective(cm: CountermeasureId, scope: Scope, applied: ReadonlySet<CountermeasureId>): boolean {
  const row = presupposition(cm, scope);
  return row !== undefined && applied.has(cm) && row.requires.every((r) => applied.has(r));
}
