/**
 * The specification as one typed, traceable, JSON-serialisable object, and a re-export of
 * every part of it.
 * @module
 */
import { COUNTERMEASURES } from './countermeasures.ts';
import { DEFINITIONS } from './definitions.ts';
import { INTERPRETATIONS, PRESUPPOSITIONS } from './presuppositions.ts';
import { REFERENCES } from './references.ts';
import { ETSI_MIGRATION, THREATS } from './threats.ts';
import { SEED_FILES } from './types.ts';
import { REQUIREMENTS } from './requirements.ts';
import { ASSUMPTIONS } from './assumptions.ts';

/** The whole specification: sources, definitions, references, threats, countermeasures, presuppositions, requirements, assumptions. */
export function specification() {
  return {
    seeds: SEED_FILES,
    definitions: DEFINITIONS,
    references: REFERENCES,
    etsiMigration: ETSI_MIGRATION,
    threats: THREATS,
    countermeasures: COUNTERMEASURES,
    presuppositions: PRESUPPOSITIONS,
    interpretations: INTERPRETATIONS,
    requirements: REQUIREMENTS,
    assumptions: ASSUMPTIONS,
  } as const;
}

/** The type of the object returned by `specification()`. */
export type Specification = ReturnType<typeof specification>;

export * from './ids.ts';
export * from './types.ts';
export * from './labels.ts';
export * from './domain-lines.ts';
export * from './definitions.ts';
export * from './references.ts';
export * from './threats.ts';
export * from './countermeasures.ts';
export * from './presuppositions.ts';
export * from './quotes.ts';
export * from './requirements.ts';
export * from './assumptions.ts';
export * from './source.ts';
