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

// ── Wiring point: requirements and assumptions ───────────────────────────────────────────
// `spec/requirements.ts` and `spec/assumptions.ts` do not exist yet. When they do:
//   1. import their data here, e.g. `import { REQUIREMENTS } from './requirements.ts';`
//      and `import { ASSUMPTIONS } from './assumptions.ts';`
//   2. add `requirements: REQUIREMENTS` and `assumptions: ASSUMPTIONS` to the object
//      returned by `specification()` (marked below);
//   3. re-export them with `export * from './requirements.ts';` / `'./assumptions.ts'`.
// Any `quote` fields they carry (with an enclosing `seed`) are then checked against the
// seeds by test/spec/quotes.test.ts without further changes.
// ─────────────────────────────────────────────────────────────────────────────────────────

/** The whole specification: sources, definitions, references, threats, countermeasures, presuppositions. */
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
    // requirements: REQUIREMENTS,   ← wiring point (see above)
    // assumptions: ASSUMPTIONS,     ← wiring point (see above)
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
