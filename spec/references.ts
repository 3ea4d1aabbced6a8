/**
 * Informative references (clause 2.2), quoted verbatim from the second seed. The HSM
 * definition cites both ("e.g. as defined in [i.x] and [i.y]").
 * @module
 */
import type { ReferenceId } from './ids.ts';
import { SEED_COUNTERMEASURES, type Reference } from './types.ts';

/** The two informative references. */
export const REFERENCES = [
  {
    id: 'i.x',
    clause: '2.2',
    label: { quote: '[i.x]' },
    quote: 'ETSI TS 102 221 V11.0.0 Smart Cards; UICC-Terminal interface; Physical and logical characteristics (Release 11)',
    seed: SEED_COUNTERMEASURES,
  },
  {
    id: 'i.y',
    clause: '2.2',
    label: { quote: '[i.y]' },
    quote: 'ETSI TS 102 671 V9.1.0 Smart Cards; Machine to Machine UICC; Physical and logical characteristics (Release 9)',
    seed: SEED_COUNTERMEASURES,
  },
] as const satisfies readonly Reference[];

/** The informative reference with the given ID. */
export function reference(id: ReferenceId): Reference {
  const found = REFERENCES.find((r) => r.id === id);
  if (found === undefined) throw new Error(`no reference ${id}`);
  return found;
}
