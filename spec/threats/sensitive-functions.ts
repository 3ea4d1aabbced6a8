/**
 * Threat 6 (clause 6.1.6): discovery of sensitive data used by sensitive functions executed
 * in M2M Devices or M2M Gateways.
 * @module
 */
import { DOMAINS_IF_SHARED_WITH_UNDERLYING_NETWORK } from '../domain-lines.ts';
import { SEED_THREATS, type Threat } from '../types.ts';
import { ETSI_NOT_GIVEN } from './etsi.ts';
import { DEVICE_STAKEHOLDERS, deviceArchitecture } from './lines.ts';

/** Threat 6: discovery of sensitive data during execution of sensitive functions. */
export const T6 = {
  id: 'T6',
  clause: '6.1.6',
  seed: SEED_THREATS,
  title: {
    quote: 'Discovery of sensitive data used by sensitive functions executed in M2M Devices or M2M Gateways',
  },
  threatId: { quote: '6' },
  overview: {
    quote: 'Sensitive data is discovered while used during the execution of sensitive functions in M2M Devices or M2M Gateways and are copied.',
  },
  issue: {
    quote: 'Copied sensitive data such as long-term service-layer keys may be used to impersonate M2M Devices and/or M2M Gateways.',
  },
  description: {
    quote:
      'Sensitive data such as long-term service-layer keys are used during the execution of sensitive function within the M2M Device or M2M Gateway and exposed. Sensitive data is than copied by unauthorized entities and used for illegitimate purposes.',
  },
  impactedUseCases: { quote: 'All' },
  affectedDomains: DOMAINS_IF_SHARED_WITH_UNDERLYING_NETWORK,
  affectedStakeholders: DEVICE_STAKEHOLDERS,
  architectureImpact: deviceArchitecture('storage of sensitive data and execution of sensitive functions', 'Security CSF'),
  etsi: ETSI_NOT_GIVEN,
} as const satisfies Threat;
