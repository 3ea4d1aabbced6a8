/**
 * The six threats of clause 6.1 ("Security Threats"), T1-T6, each with every field of its
 * table quoted verbatim from the first seed. There is no threat 7 (see `ETSI_MIGRATION`).
 * @module
 */
import type { ThreatId } from './ids.ts';
import type { Threat } from './types.ts';
import { T1, T2, T3 } from './threats/device-keys.ts';
import { T4, T5 } from './threats/infrastructure-keys.ts';
import { T6 } from './threats/sensitive-functions.ts';

export { T1, T2, T3, T4, T5, T6 };
export { ETSI_MIGRATION, ETSI_NOT_GIVEN, ETSI_THREAT_7 } from './threats/etsi.ts';
export { DEVICE_STAKEHOLDERS, INFRASTRUCTURE_STAKEHOLDERS, INFRASTRUCTURE_ARCHITECTURE, deviceArchitecture } from './threats/lines.ts';

/** The threats T1-T6, in clause order. */
export const THREATS = [T1, T2, T3, T4, T5, T6] as const satisfies readonly Threat[];

/** The threat with the given ID. */
export function threat(id: ThreatId): Threat {
  const found = THREATS.find((t) => t.id === id);
  if (found === undefined) throw new Error(`no threat ${id}`);
  return found;
}
