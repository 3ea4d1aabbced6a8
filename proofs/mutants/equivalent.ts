/**
 * Hand-written reasons why particular mutants are equivalent to the model, by mutant ID. A
 * mutant that no semantic check kills counts as equivalent when the mechanical comparison
 * (`equivalence.ts`) finds it indistinguishable, or when it has a reason here; every equivalent
 * mutant carries its reason in the report.
 * @module
 */

/** Written equivalence reasons, by mutant ID. */
export const EQUIVALENT_REASONS: Readonly<Record<string, string>> = {};
