/**
 * Stakeholder and architecture-impact lines shared by several threats of clause 6.1.
 * @module
 */
import type { ArchitectureEntry, StakeholderEntry } from '../types.ts';

/** No-break space (U+00A0), written before the colon of four architecture lines. */
const NBSP = '\u00a0';

/** Network Operator line, identical in all six threats. */
const NETWORK_OPERATOR = {
  stakeholder: 'NET-OP',
  verdict: 'potentially',
  qualifier: 'if network operator keys are shared',
  quote: 'Network Operator: potentially, if network operator keys are shared',
} as const satisfies StakeholderEntry;

/** Stakeholders of the device/gateway threats 1, 2, 3 and 6. */
export const DEVICE_STAKEHOLDERS = [
  { stakeholder: 'M2M-ASP', verdict: 'yes', quote: 'M2M Application Service Provider: yes' },
  {
    stakeholder: 'MANUF-DEVICE-GATEWAY',
    verdict: 'yes',
    quote: 'Manufacturer of M2M Devices and/or M2M Gateways: yes',
  },
  { stakeholder: 'MANUF-SYSTEM', verdict: 'no', quote: 'Manufacturer of M2M system and its components: no' },
  { stakeholder: 'DEVICE-GATEWAY-MGMT', verdict: 'yes', quote: 'M2M Device/Gateway Management entities: yes' },
  { stakeholder: 'M2M-SP', verdict: 'yes', quote: 'M2M Service Provider: yes' },
  NETWORK_OPERATOR,
  { stakeholder: 'USER', verdict: 'yes', quote: 'User/Consumer: yes' },
] as const satisfies readonly StakeholderEntry[];

/** Stakeholders of the infrastructure threats 4 and 5 (the only ones naming a System Administrator). */
export const INFRASTRUCTURE_STAKEHOLDERS = [
  { stakeholder: 'M2M-ASP', verdict: 'yes', quote: 'M2M Application Service Provider: yes' },
  {
    stakeholder: 'MANUF-DEVICE-GATEWAY',
    verdict: 'no',
    quote: 'Manufacturer of M2M Devices and/or M2M Gateways: no',
  },
  { stakeholder: 'MANUF-SYSTEM', verdict: 'yes', quote: 'Manufacturer of M2M system and its components: yes' },
  { stakeholder: 'DEVICE-GATEWAY-MGMT', verdict: 'no', quote: 'M2M Device/Gateway Management entities: no' },
  { stakeholder: 'M2M-SP', verdict: 'yes', quote: 'M2M Service Provider: yes' },
  { stakeholder: 'SYS-ADMIN', verdict: 'yes', quote: 'System Administrator: yes' },
  NETWORK_OPERATOR,
  { stakeholder: 'USER', verdict: 'yes', quote: 'User/Consumer: yes' },
] as const satisfies readonly StakeholderEntry[];

/**
 * The nine architecture-impact lines of a device/gateway threat. `device` is the impact on
 * devices and gateways, `cse` the impact on the Common Services Entity / Function (both the
 * text after "impacts ").
 */
export function deviceArchitecture(device: string, cse: string): readonly ArchitectureEntry[] {
  return [
    { element: 'AE-AF', verdict: 'no', quote: `Application / Application Function${NBSP}: no` },
    { element: 'DEVICE', verdict: 'impacts', detail: device, quote: `Device / constrained Device${NBSP}: impacts ${device}` },
    { element: 'GATEWAY', verdict: 'impacts', detail: device, quote: `Intermediate Node / Gateway${NBSP}: impacts ${device}` },
    { element: 'INFRA-NODE', verdict: 'no', quote: `Infrastructure Node${NBSP}: no` },
    { element: 'CSE-CSF', verdict: 'impacts', detail: cse, quote: `Common Services Entity / Function: impacts ${cse}` },
    { element: 'REF-X', verdict: 'no', quote: 'X reference point: no' },
    { element: 'REF-Y', verdict: 'no', quote: 'Y reference point: no' },
    { element: 'REF-Z', verdict: 'no', quote: 'Z reference point: no' },
    { element: 'UNDERLYING-NSF', verdict: 'no', quote: 'Underlying Network Service Function: no' },
  ];
}

/** The single architecture-impact line of the infrastructure threats 4 and 5. */
export const INFRASTRUCTURE_ARCHITECTURE = [
  { element: 'INFRASTRUCTURE', verdict: 'named', quote: 'M2M service infrastructure' },
] as const satisfies readonly ArchitectureEntry[];
