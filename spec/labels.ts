/**
 * The names under which the seeds write security domains, stakeholders and architecture
 * elements (the text before the colon of each line). Used to check that every parsed entry
 * agrees with its verbatim line.
 * @module
 */
import type { ArchitectureElementId, SecurityDomainId, StakeholderId } from './ids.ts';

/** Security domain names as written. */
export const SECURITY_DOMAIN_LABELS = {
  APP: 'Application domain security',
  'INTRA-CS': 'Intra Common Services domain security',
  'INTER-CS': 'Inter Common Services domain security',
  'UNDERLYING-NET': 'Underlying Network security',
} as const satisfies Record<SecurityDomainId, string>;

/** Stakeholder names as written. */
export const STAKEHOLDER_LABELS = {
  'M2M-ASP': 'M2M Application Service Provider',
  'MANUF-DEVICE-GATEWAY': 'Manufacturer of M2M Devices and/or M2M Gateways',
  'MANUF-SYSTEM': 'Manufacturer of M2M system and its components',
  'DEVICE-GATEWAY-MGMT': 'M2M Device/Gateway Management entities',
  'M2M-SP': 'M2M Service Provider',
  'SYS-ADMIN': 'System Administrator',
  'NET-OP': 'Network Operator',
  USER: 'User/Consumer',
} as const satisfies Record<StakeholderId, string>;

/**
 * Architecture element names as written. In the first seed the first four are followed by a
 * no-break space (U+00A0) before the colon.
 */
export const ARCHITECTURE_ELEMENT_LABELS = {
  'AE-AF': 'Application / Application Function',
  DEVICE: 'Device / constrained Device',
  GATEWAY: 'Intermediate Node / Gateway',
  'INFRA-NODE': 'Infrastructure Node',
  'CSE-CSF': 'Common Services Entity / Function',
  'REF-X': 'X reference point',
  'REF-Y': 'Y reference point',
  'REF-Z': 'Z reference point',
  'UNDERLYING-NSF': 'Underlying Network Service Function',
  INFRASTRUCTURE: 'M2M service infrastructure',
} as const satisfies Record<ArchitectureElementId, string>;
