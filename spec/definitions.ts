/**
 * Definitions (clause 3.1) and acronyms (clause 3.4), quoted verbatim from the seeds.
 * @module
 */
import type { DefinitionId } from './ids.ts';
import { SEED_COUNTERMEASURES, SEED_THREATS, type Definition } from './types.ts';

/** The Sensitive Function entry, identical in both seeds. */
const SENSITIVE_FUNCTION =
  'Sensitive Function: a function operating on sensitive data / credentials or key material, e.g. derivation of keys from M2M long-term service-layer keys and cryptographic algorithms.';

/** Every definition and acronym of the seeds. */
export const DEFINITIONS = [
  {
    id: 'DEF-LONG-TERM-KEY',
    kind: 'definition',
    clause: '3.1',
    term: 'Long-term service-layer key',
    quote:
      'Long-term service-layer key: key used for service-layer relevant security operations. The key is valid permanently or for a significant period of time, i.e. no temporarily derived key material.',
    seed: SEED_THREATS,
    alsoIn: [],
  },
  {
    id: 'DEF-SENSITIVE-FUNCTION',
    kind: 'definition',
    clause: '3.1',
    term: 'Sensitive Function',
    quote: SENSITIVE_FUNCTION,
    seed: SEED_THREATS,
    alsoIn: [{ seed: SEED_COUNTERMEASURES, clause: '3.1', quote: SENSITIVE_FUNCTION }],
  },
  {
    id: 'DEF-HSM',
    kind: 'definition',
    clause: '3.1',
    term: 'Hardware Security Module (HSM)',
    quote:
      'Hardware Security Module (HSM): a separate and tamper resistant physical computing device, e.g. as defined in [i.x] and [i.y], able to perform security procedures related to oneM2M service functions. The HSM is used within the M2M Device or M2M Gateway and is different from a Server-HSM used within a network infrastructure node / component.',
    seed: SEED_COUNTERMEASURES,
    alsoIn: [],
  },
  {
    id: 'DEF-SERVER-HSM',
    kind: 'definition',
    clause: '3.1',
    term: 'Server-HSM',
    quote:
      'Server-HSM: dedicated computing device, able to perform security procedures related to oneM2M service functions and integrated within M2M network infrastructure servers.',
    seed: SEED_COUNTERMEASURES,
    alsoIn: [],
  },
  {
    id: 'ACR-HSM',
    kind: 'acronym',
    clause: '3.4',
    term: 'HSM',
    quote: 'HSM\nHardware Security Module',
    seed: SEED_COUNTERMEASURES,
    alsoIn: [],
  },
] as const satisfies readonly Definition[];

/** The definition or acronym with the given ID. */
export function definition(id: DefinitionId): Definition {
  const found = DEFINITIONS.find((d) => d.id === id);
  if (found === undefined) throw new Error(`no definition ${id}`);
  return found;
}
