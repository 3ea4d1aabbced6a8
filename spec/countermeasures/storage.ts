/**
 * Countermeasures 1-3 (clause "6.5.1" as written): tamper-resistant storage in devices and
 * gateways, secure storage in infrastructure equipment, and non-access to stored keys.
 * @module
 */
import { DOMAINS_IF_SHARED_WITH_UNDERLYING_NETWORK } from '../domain-lines.ts';
import { SEED_COUNTERMEASURES, type Countermeasure } from '../types.ts';

/** Line shared by the disadvantages of CM1 and CM2. */
const ASSURANCE = 'Need to specify and demonstrate the level of security assurance across the range of manufacturers and their products.';

/** CM1: keys stored in an HSM within the M2M Device / Gateway. */
export const CM1 = {
  id: 'CM1',
  clause: '6.5.1',
  seed: SEED_COUNTERMEASURES,
  title: { quote: 'Tamper resistant storage of long-term service-layer keys within M2M Devices / Gateways' },
  label: { quote: 'Countermeasure  1\nCM1', hasCmLine: true, note: 'Written with two spaces before "1".' },
  statement: {
    quote:
      'M2M long-term service-layer keys are stored in a HSM (whose tamper-resistance may be certified) residing within the M2M Device / Gateway which renders it infeasible for the attacker to discover the value of keys by logical or physical means.',
  },
  relatedThreats: ['T1', 'T2', 'T3'],
  relatedThreatsText: { quote: '1; 2; 3;' },
  applicableDomains: { form: 'entries', entries: DOMAINS_IF_SHARED_WITH_UNDERLYING_NETWORK },
  advantages: [
    { quote: 'Resists the attack.' },
    { quote: 'A lot of prior art exists in the form of specifications of e.g. ETSI SCP.' },
    { quote: 'Other sensitive data / credentials in addition to long-term service-layer keys can be protected' },
  ],
  disadvantages: [{ quote: 'Additional per-item cost for HSM' }, { quote: ASSURANCE }],
} as const satisfies Countermeasure;

/** CM2: keys stored in a server-HSM within infrastructure equipment. */
export const CM2 = {
  id: 'CM2',
  clause: '6.5.1',
  seed: SEED_COUNTERMEASURES,
  title: { quote: 'Secure storage of long-term service-layer keys within M2M Infrastructure equipment' },
  label: {
    quote: 'Countermeasure 2',
    hasCmLine: false,
    note: 'The text has no "CM2" line under "Countermeasure 2"; the ID CM2 is assigned here.',
  },
  statement: {
    quote:
      'M2M long-term service-layer keys (other than public keys) are securely stored in a server-HSM residing in infrastructure equipment which renders it infeasible for the attacker to discover the value of keys by logical or physical means.',
  },
  relatedThreats: ['T4', 'T5'],
  relatedThreatsText: { quote: '4; 5' },
  applicableDomains: {
    form: 'sentence',
    quote: 'Application domain security, Intra Common Services domain security, Inter Common Services domain security or Underlying Network security',
    domains: ['APP', 'INTRA-CS', 'INTER-CS', 'UNDERLYING-NET'],
    note: 'A single sentence naming the four domains, joined by "or", with no verdict or condition per domain.',
  },
  advantages: [{ quote: 'Resists the attack.' }, { quote: 'A lot of prior art exists.' }],
  disadvantages: [{ quote: 'Additional cost.' }, { quote: ASSURANCE }],
} as const satisfies Countermeasure;

/** CM3: HSM / server-HSM never reveal stored secret keys, even to management. */
export const CM3 = {
  id: 'CM3',
  clause: '6.5.1',
  seed: SEED_COUNTERMEASURES,
  title: { quote: 'Non-access to service-layer keys stored within HSM / server-HSM' },
  label: { quote: 'Countermeasure 3\nCM3', hasCmLine: true },
  statement: {
    quote:
      'HSM / server-HSM do not reveal the value of the stored secret keys (other than public keys), even to a management system or to an authorised representative of the M2M System Operator, such as a System Administrator.',
  },
  relatedThreats: ['T4'],
  relatedThreatsText: { quote: '4;' },
  applicableDomains: { form: 'entries', entries: DOMAINS_IF_SHARED_WITH_UNDERLYING_NETWORK },
  advantages: [{ quote: 'See CM1' }],
  disadvantages: [{ quote: 'None.' }],
} as const satisfies Countermeasure;
