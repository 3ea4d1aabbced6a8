/**
 * Modelling assumptions: where the text is silent, what the model takes to be true. Each is
 * printed with every report, so a reader of a verdict sees what it rests on.
 * @module
 */

/** Assumption IDs. */
export type AssumptionId = `ASM-${'01' | '02' | '03' | '04' | '05' | '06' | '07' | '08'}`;

/** One modelling assumption. */
export interface Assumption {
  readonly id: AssumptionId;
  readonly statement: string;
}

/** The modelling assumptions. */
export const ASSUMPTIONS = [
  {
    id: 'ASM-01',
    statement:
      'Without CM6, management commands are accepted on weak (non-cryptographic) authentication that an attacker can forge and replay, and no role-based authorisation is checked.',
  },
  {
    id: 'ASM-02',
    statement:
      'An HSM or Server-HSM resists hardware probing and side-channel analysis (its tamper resistance may be certified); destroying a device is outside the threat model.',
  },
  {
    id: 'ASM-03',
    statement: 'CM5 is both physical binding (the HSM cannot be removed from its device) and logical binding (the HSM refuses to work in another device).',
  },
  {
    id: 'ASM-04',
    statement:
      'The insider holds a valid credential of a limited role that permits reading keys but no modification (an auditor on the device, a maintenance engineer on the Server-HSM).',
  },
  {
    id: 'ASM-05',
    statement:
      'Every attacker observes management traffic and may keep a copy of any one modifying command (provision, replace, deprecate, delete) the legitimate manager sends, to replay it later; keeping a new copy drops the previous one.',
  },
  {
    id: 'ASM-06',
    statement:
      'Bounded model: each store has two long-term key slots (slot 0 starts with a legitimately provisioned key, slot 1 empty) and issues at most three challenge nonces.',
  },
  {
    id: 'ASM-07',
    statement:
      "A key supplied with a command signed by the legitimate manager (also when replayed) is a legitimate key; a key supplied with any other command, or written into memory by the attacker, is the attacker's.",
  },
  {
    id: 'ASM-08',
    statement: 'Keys are symbolic: the model tracks who can learn or change a key, not its bits; breaking the cryptography is outside the threat model.',
  },
] as const satisfies readonly Assumption[];
