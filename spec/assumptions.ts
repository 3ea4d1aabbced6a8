/**
 * Modelling assumptions and their alternatives: where the text is silent, what the model takes
 * to be true. An assumption with `alternatives` is a switch: the model can be explored under
 * each alternative (`onem2m-hsm verify --sensitivity`), and every finding lists the switches
 * whose alternatives change it. Assumptions without alternatives fix the frame of the model.
 * @module
 */

/** Assumption IDs. */
export type AssumptionId = `ASM-${'01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '10' | '11' | '12' | '13' | '14' | '15'}`;

/**
 * The attack potential scale of ISO/IEC 18045 (the Common Evaluation Methodology), used both for
 * an attacker's potential and for the potential an HSM is rated to resist (AVA_VAN.2 basic, .3
 * enhanced-basic, .4 moderate, .5 high). "Beyond high" is resisted by no rating.
 */
export const POTENTIALS = ['basic', 'enhanced-basic', 'moderate', 'high', 'beyond-high'] as const;
/** An attack potential. */
export type Potential = (typeof POTENTIALS)[number];

/** One value of a switchable assumption, with what it means. */
export interface AssumptionValue<V = string | boolean> {
  readonly value: V;
  readonly statement: string;
}

/** One modelling assumption. */
export interface Assumption {
  readonly id: AssumptionId;
  readonly statement: string;
  /** The setting it switches (absent: the assumption is fixed). */
  readonly setting?: string;
  /** The value the model uses by default, first; then each alternative. */
  readonly values?: readonly AssumptionValue[];
}

/** The modelling assumptions. */
export const ASSUMPTIONS = [
  {
    id: 'ASM-01',
    statement:
      'Without CM6, management commands are accepted on weak (non-cryptographic) authentication: the store verifies no signature, no nonce and no role, so an attacker can forge and replay commands.',
  },
  {
    id: 'ASM-02',
    statement:
      'An HSM or Server-HSM is rated to resist attackers up to a given attack potential (ISO/IEC 18045); probing or side-channel analysis of the HSM itself succeeds exactly when the attacker’s potential exceeds the rating. The rating is the HSM’s certified resistance (“whose tamper-resistance may be certified”).',
    setting: 'hsmRating',
    values: [
      { value: 'high', statement: 'the HSM is rated to resist attackers up to high potential (e.g. a UICC or eSE evaluated at AVA_VAN.5)' },
      { value: 'moderate', statement: 'the HSM is rated to resist attackers up to moderate potential (AVA_VAN.4)' },
      { value: 'basic', statement: 'the HSM is rated to resist attackers of basic potential only' },
    ],
  },
  {
    id: 'ASM-03',
    statement: 'CM5 binds the HSM to its device by the means given by this setting (“using physical and/or logical means”).',
    setting: 'cm5Means',
    values: [
      {
        value: 'physical-and-logical',
        statement: 'CM5 is both physical binding (the HSM cannot be removed) and logical binding (HSM and device check each other’s pairing secret)',
      },
      { value: 'physical', statement: 'CM5 is physical binding only: the HSM cannot be removed from its device' },
      {
        value: 'logical',
        statement: 'CM5 is logical binding only: the HSM works only with the device that proves its pairing secret, and the device only with that HSM',
      },
    ],
  },
  {
    id: 'ASM-04',
    statement:
      'The insider holds a valid credential of a limited role that permits reading keys but no modification (an auditor on the device, a maintenance engineer on the Server-HSM).',
  },
  {
    id: 'ASM-05',
    statement:
      'Every attacker observes the management channel: it sees every command and response, and may keep a copy of modifying commands the legitimate manager sends, to replay them later. Whatever crosses the channel unprotected is known to the attacker.',
    setting: 'responses',
    values: [
      { value: 'clear', statement: 'responses to management reads cross the channel in clear (CM6 authenticates; the text asks no confidentiality of it)' },
      { value: 'encrypted', statement: 'responses to management reads are encrypted for the requester, so an eavesdropper learns nothing from them' },
    ],
  },
  {
    id: 'ASM-06',
    statement:
      'Bounded model: each store has a few long-term key slots (slot 0 starts with a legitimately provisioned key) and the attacker keeps a few captured commands; the bounds table shows the verdicts do not change as the bounds grow. Challenge nonces are not bounded: they are symbolic values compared only for equality, recycled once nothing refers to them, which is exact.',
  },
  {
    id: 'ASM-07',
    statement:
      "A key supplied with a command signed by the legitimate manager (also when replayed) is a legitimate key; a key supplied with any other command, written into memory or held by an attacker-made HSM is the attacker's.",
  },
  {
    id: 'ASM-08',
    statement: 'Keys are symbolic: the model tracks who can learn or change a key, not its bits; breaking the cryptography is outside the threat model.',
  },
  {
    id: 'ASM-09',
    statement:
      'Remote hacking, which the text names as a way to read memory (threat 4), also lets the attacker write general-purpose memory, and so key storage kept there. No threat text names this route for deletion or replacement.',
    setting: 'memoryWrite',
    values: [
      { value: true, statement: 'an attacker who can read general-purpose memory can also write it' },
      { value: false, statement: 'the attacker writes no memory: deletion and replacement use only the routes threats 2, 3 and 5 name' },
    ],
  },
  {
    id: 'ASM-10',
    statement:
      'An HSM that detects tampering zeroizes its keys (fail-secure). Whether that zeroization is a deletion in the sense of threats 2 and 5 is given by this setting.',
    setting: 'zeroization',
    values: [
      { value: 'deletion', statement: 'fail-secure zeroization of legitimate keys is a deletion (it prevents operation, as threats 2 and 5 describe)' },
      { value: 'not-deletion', statement: 'fail-secure zeroization is the countermeasure working, not a deletion' },
    ],
  },
  {
    id: 'ASM-11',
    statement:
      'Logical binding rests on a pairing secret shared by the HSM and its device at pairing; the HSM keeps its copy inside. Where the device keeps its copy is given by this setting.',
    setting: 'pairingSecret',
    values: [
      { value: 'host-memory', statement: 'the device keeps its pairing secret in general-purpose memory (the device has no protected storage but the HSM)' },
      { value: 'protected', statement: 'the device keeps its pairing secret in protected storage no attacker capability reaches' },
    ],
  },
  {
    id: 'ASM-12',
    statement: 'The physical attacker’s attack potential (ISO/IEC 18045). Remote attackers and insiders never act on the HSM’s physical boundary.',
    setting: 'physicalPotential',
    values: [
      { value: 'high', statement: 'the physical attacker has high attack potential' },
      { value: 'moderate', statement: 'the physical attacker has moderate attack potential' },
      { value: 'beyond-high', statement: 'the physical attacker has an attack potential beyond high (no rating resists it)' },
    ],
  },
  {
    id: 'ASM-13',
    statement:
      'Sensitive data of a Sensitive Function (threat 6) is the long-term key it uses, its intermediate values and the key it derives, while the function runs; where the function runs, all of them are there.',
  },
  {
    id: 'ASM-14',
    statement:
      'The HSM boundary of the executable implementation (impl/) is the process boundary of its backend: it is a reference implementation in a JavaScript process, not a secure element. What JavaScript cannot promise inside that process is outside the model: a string cannot be zeroed, the runtime and its garbage collector may keep copies of key bytes the implementation has overwritten, and code running in the same process (a debugger, a module that replaced node:crypto before the backend loaded) can read key objects. The implementation keeps copies to the minimum (no key bytes in a string, every temporary buffer zeroed once the key object exists).',
  },
  {
    id: 'ASM-15',
    statement:
      'Whether a Sensitive Function that is running when the HSM is taken out of its device keeps its session in the HSM. The text does not say; it only asks that the HSM be bound to its device (CM5). Where the session survives, the HSM may next be used from another device, or the device may next be served by an attacker-made HSM, while the function still runs: the binding must then be checked at every use of the key, not only when the function starts.',
    setting: 'sfOnRemoval',
    values: [
      {
        value: 'survives',
        statement:
          'the session survives removal (the HSM keeps its volatile state, e.g. on its own power); each later use of the key must pass the binding check',
      },
      { value: 'ends', statement: 'removal cuts the HSM off and the running function ends in the same step' },
    ],
  },
] as const satisfies readonly Assumption[];

/** The assumptions that are switches, with their values (default first). */
export function switchableAssumptions(): readonly (Assumption & { setting: string; values: readonly AssumptionValue[] })[] {
  return ASSUMPTIONS.filter((a): a is (typeof ASSUMPTIONS)[number] & { setting: string; values: readonly AssumptionValue[] } => 'values' in a);
}
