/**
 * Correspondence of the threats with the numbering of ETSI TR 103 167. The abstract of the
 * first seed says threats 1-7 of ETSI TR 103 167 were migrated, but the text carries threats
 * 1-6 only; the ETSI number is recorded only where it can be told, and no threat 7 is made up.
 * @module
 */
import type { EtsiMapping, SourcedQuote } from '../types.ts';
import { SEED_THREATS } from '../types.ts';

/** The abstract sentence on the migration from ETSI TR 103 167 (written "103167"). */
export const ETSI_MIGRATION = {
  seed: SEED_THREATS,
  clause: 'Abstract',
  quote: 'Threats 1-7 of ETSI TR 103167 have been aligned and migrated to oneM2M and are proposed to be included into the oneM2M security TR.',
} as const satisfies SourcedQuote;

/** For threats whose ETSI TR 103 167 number the seeds do not give. */
export const ETSI_NOT_GIVEN = {
  threat: null,
  note: 'The seeds do not give the ETSI TR 103 167 number of this threat (the numbering differs between the two documents).',
} as const satisfies EtsiMapping;

/** Threat 5 (deletion of keys in the infrastructure). */
export const ETSI_THREAT_7 = {
  threat: 7,
  note: 'ETSI TR 103 167 threat 7 (deletion of keys in the infrastructure) appears to correspond to threat 5 here; the abstract announces threats 1-7 but the text carries 1-6, so there is no oneM2M threat 7.',
} as const satisfies EtsiMapping;
