/**
 * Countermeasures 4-6: secure execution of sensitive functions and binding of the HSM
 * (clause "6.5.1" as written), and strong authentication for key access (clause "6.5.2").
 * @module
 */
import { DOMAINS_IF_SHARED_WITH_UNDERLYING_NETWORK } from '../domain-lines.ts';
import { SEED_COUNTERMEASURES, type Countermeasure } from '../types.ts';

/** CM4: sensitive functions never expose keys outside the HSM ("exectured" as written). */
export const CM4 = {
  id: 'CM4',
  clause: '6.5.1',
  seed: SEED_COUNTERMEASURES,
  title: { quote: 'Secure execution of sensitive functions in M2M Devices / M2M Gateways' },
  label: { quote: 'Countermeasure 4\nCM4', hasCmLine: true },
  statement: {
    quote:
      'The execution of Sensitive Functions never causes long-term service-layer keys to be exposed outside of the HSM in which they are stored. Sensitive functions may be exectured within the HSM.',
  },
  relatedThreats: ['T6'],
  relatedThreatsText: { quote: '6;' },
  applicableDomains: { form: 'entries', entries: DOMAINS_IF_SHARED_WITH_UNDERLYING_NETWORK },
  advantages: [{ quote: 'See CM1' }],
  disadvantages: [{ quote: 'May increase the complexity of the HSM.' }],
} as const satisfies Countermeasure;

/** CM5: the HSM is bound to its M2M Device or Gateway. */
export const CM5 = {
  id: 'CM5',
  clause: '6.5.1',
  seed: SEED_COUNTERMEASURES,
  title: { quote: 'Physical / logical binding of HSM to M2M Device / Gateway' },
  label: { quote: 'Countermeasure 5\nCM5', hasCmLine: true },
  statement: {
    quote: 'The HSM containing the M2M long-term service keys is bound to the M2M Device or M2M Gateway, using physical and/or logical means.',
  },
  relatedThreats: ['T2'],
  relatedThreatsText: { quote: '2;' },
  applicableDomains: { form: 'entries', entries: DOMAINS_IF_SHARED_WITH_UNDERLYING_NETWORK },
  advantages: [{ quote: 'Resists the attack.' }, { quote: 'Keys cannot be stolen (and M2M Device/Gateway rendered inoperable) by removal of HSM.' }],
  disadvantages: [{ quote: 'Logical binding of HSM to Device/Gateway are of limited effectiveness.' }],
} as const satisfies Countermeasure;

/** CM6: access to / modification of stored keys requires strong authentication, then authorisation. */
export const CM6 = {
  id: 'CM6',
  clause: '6.5.2',
  seed: SEED_COUNTERMEASURES,
  title: { quote: 'Strong authentication for access to long-term service-layer keys' },
  label: { quote: 'Countermeasure 6\nCM6', hasCmLine: true },
  statement: {
    quote:
      'Access to and/or modification of stored Sensitive Data and in particular of the long-term service-layer keys requires strong (i.e. cryptographic) authentication of the accessing/modifying entity, followed by authorisation.',
  },
  relatedThreats: ['T2', 'T3', 'T5'],
  relatedThreatsText: { quote: '2; 3; 5' },
  applicableDomains: { form: 'entries', entries: DOMAINS_IF_SHARED_WITH_UNDERLYING_NETWORK },
  advantages: [{ quote: 'Resists the attack.' }],
  disadvantages: [
    {
      quote: 'Involves cost, e.g. of providing crypto authentication means to System Administrators, and access-control mechanisms.',
    },
    { quote: 'Communication impact for remote management' },
  ],
} as const satisfies Countermeasure;
