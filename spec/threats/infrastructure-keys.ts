/**
 * Threats 4 and 5 (clauses 6.1.4, 6.1.5): discovery and deletion of long-term service-layer
 * keys stored in M2M infrastructure equipment.
 * @module
 */
import { DOMAINS_IF_SHARED } from '../domain-lines.ts';
import { SEED_THREATS, type Threat } from '../types.ts';
import { ETSI_NOT_GIVEN, ETSI_THREAT_7 } from './etsi.ts';
import { INFRASTRUCTURE_ARCHITECTURE, INFRASTRUCTURE_STAKEHOLDERS } from './lines.ts';

/** Threat 4: discovery of long-term service-layer keys stored in the infrastructure. */
export const T4 = {
  id: 'T4',
  clause: '6.1.4',
  seed: SEED_THREATS,
  title: { quote: 'Discovery of Long-Term Service-Layer Keys Stored in M2M Infrastructure' },
  threatId: { quote: '4' },
  overview: {
    quote:
      'Long-term service-layer keys are discovered while they are stored in the M2M infrastructure equipment (e.g. equipment holding network CSE or security server) and are copied.',
  },
  issue: { quote: 'Copied keys may be used to impersonate M2M infrastructure equipment.' },
  description: {
    quote:
      'Discovery may be achieved e.g. by the monitoring of internal processes, or by reading the contents of memory locations. The methods of attack include remote hacking and illicit use of management or maintenance interfaces.',
  },
  impactedUseCases: { quote: 'All' },
  affectedDomains: DOMAINS_IF_SHARED,
  affectedStakeholders: INFRASTRUCTURE_STAKEHOLDERS,
  architectureImpact: INFRASTRUCTURE_ARCHITECTURE,
  etsi: ETSI_NOT_GIVEN,
} as const satisfies Threat;

/** Threat 5: deletion of long-term service-layer keys stored in the infrastructure. */
export const T5 = {
  id: 'T5',
  clause: '6.1.5',
  seed: SEED_THREATS,
  title: { quote: 'Deletion of Long-Term Service-Layer Keys Stored in M2M Infrastructure equipment' },
  threatId: { quote: '5' },
  overview: {
    quote:
      'Long-term service-layer keys are deleted or deprecated while they are stored in the M2M infrastructure equipment (e.g. equipment holding network CSE or security server).',
  },
  issue: {
    quote: 'Deletion of keys in the infrastructure equipment prevents proper operation and may lead to denial of service.',
  },
  description: {
    quote: 'Long-term service-layer keys may be deleted or deprecated by use of management commands (including impersonation of a System Administrator).',
  },
  impactedUseCases: { quote: 'All' },
  affectedDomains: DOMAINS_IF_SHARED,
  affectedStakeholders: INFRASTRUCTURE_STAKEHOLDERS,
  architectureImpact: INFRASTRUCTURE_ARCHITECTURE,
  etsi: ETSI_THREAT_7,
} as const satisfies Threat;
