/**
 * Threats 1-3 (clauses 6.1.1-6.1.3): discovery, deletion and replacement of long-term
 * service-layer keys stored in M2M Devices or M2M Gateways.
 * @module
 */
import { DOMAINS_IF_SHARED_WITH_UNDERLYING_NETWORK } from '../domain-lines.ts';
import { SEED_THREATS, type Threat } from '../types.ts';
import { ETSI_NOT_GIVEN } from './etsi.ts';
import { DEVICE_STAKEHOLDERS, deviceArchitecture } from './lines.ts';

/** Impact on the CSE of threats 2 and 3. */
const CSF_AND_REPOSITORY = 'Security CSF, may impact data management & repository CSF';

/** Threat 1: discovery of long-term service-layer keys stored in devices or gateways. */
export const T1 = {
  id: 'T1',
  clause: '6.1.1',
  seed: SEED_THREATS,
  title: { quote: 'Discovery of Long-Term Service-Layer Keys Stored in M2M Devices or M2M Gateways' },
  threatId: { quote: '1' },
  overview: {
    quote: 'Long-term service-layer keys are discovered while they are stored in M2M Devices or M2M Gateways and are copied.',
  },
  issue: { quote: 'Copied long-term service-layer keys may be used to impersonate M2M Devices and/or M2M Gateways.' },
  description: {
    quote:
      'Long-term service-layer keys are stored within the M2M Device or M2M Gateway. Those keys are discovered and copied by unauthorized entities and used for illegitimate purposes. Discovery of stored long term service-layer keys may be achieved e.g. by monitoring internal processes (e.g. by Differential Power Analysis) or by reading the contents of memory of the M2M Device or M2M Gateway (by hardware probing or by use of local management commands).',
  },
  impactedUseCases: { quote: 'All' },
  affectedDomains: DOMAINS_IF_SHARED_WITH_UNDERLYING_NETWORK,
  affectedStakeholders: DEVICE_STAKEHOLDERS,
  architectureImpact: deviceArchitecture('storage of long-term service-layer keys', 'Security CSF'),
  etsi: ETSI_NOT_GIVEN,
} as const satisfies Threat;

/** Threat 2: deletion of long-term service-layer keys stored in devices or gateways. */
export const T2 = {
  id: 'T2',
  clause: '6.1.2',
  seed: SEED_THREATS,
  title: { quote: 'Deletion of Long-Term Service-Layer Keys Stored in M2M Devices or M2M Gateways' },
  threatId: { quote: '2' },
  overview: {
    quote: 'Long-term service-layer keys are deleted or deprecated while they are stored in M2M Devices or M2M Gateways',
  },
  issue: { quote: 'Denial of service attack, preventing operation of the M2M solution.' },
  description: {
    quote:
      'Long-term service-layer keys are deleted or deprecated. This may be achieved by use of management commands (including impersonation of a system Manager) or by removal of the HSM if present and if removable. This attack may be perpetrated against the key-storage functions of M2M Devices or M2M Gateways.',
  },
  impactedUseCases: { quote: 'All' },
  affectedDomains: DOMAINS_IF_SHARED_WITH_UNDERLYING_NETWORK,
  affectedStakeholders: DEVICE_STAKEHOLDERS,
  architectureImpact: deviceArchitecture('storage of long-term service-layer keys', CSF_AND_REPOSITORY),
  etsi: ETSI_NOT_GIVEN,
} as const satisfies Threat;

/** Threat 3: replacement of long-term service-layer keys stored in devices or gateways. */
export const T3 = {
  id: 'T3',
  clause: '6.1.3',
  seed: SEED_THREATS,
  title: { quote: 'Replacement of Long-Term Service-Layer Keys Stored in M2M Devices or M2M Gateways' },
  threatId: { quote: '3' },
  overview: {
    quote: 'Long-term service-layer keys are replaced while they are stored in M2M Devices or M2M Gateways',
  },
  issue: {
    quote: 'Users/consumers cannot be made accountable for their activities within the M2M system. Allows illegitimate operation of the M2M solution.',
  },
  description: {
    quote:
      'Long-term service-layer keys are replaced while they are stored in M2M Devices or M2M Gateways, in order to modify its operation. The attack may be achieved by use of management commands (including impersonation of a system manager) or by removal of the HSM if present and if removable. This attack may be perpetrated against the key-storage functions of M2M Devices.',
  },
  impactedUseCases: { quote: 'All' },
  affectedDomains: DOMAINS_IF_SHARED_WITH_UNDERLYING_NETWORK,
  affectedStakeholders: DEVICE_STAKEHOLDERS,
  architectureImpact: deviceArchitecture('access mechanism to storage and management of long-term service-layer keys', CSF_AND_REPOSITORY),
  etsi: ETSI_NOT_GIVEN,
} as const satisfies Threat;
