/**
 * Hand-written reasons why particular mutants are equivalent to the model, by mutant ID. A
 * mutant that no semantic check kills counts as equivalent when the mechanical comparison
 * (`equivalence.ts`) finds it indistinguishable, or when it has a reason here and the same
 * verdicts as the model in every configuration of its model (checked: a reason here is never
 * taken for a mutant whose verdicts differ anywhere); every equivalent mutant carries its reason.
 * @module
 */

/**
 * Why keeping the step facts on a step that has none changes no verdict. Such a step (a nonce
 * issued, the HSM moved between devices, a counterfeit fitted) assigns `ghost: NO_FACTS`; the
 * mutant leaves the facts of the step before. Every fact the state after it then carries was
 * carried by the state before it, which is reachable: so every goal and every invariant over
 * the step facts holds or fails in a reachable state exactly as before, and the shortest trace
 * to it is the one that ends at the step that made the fact true. The one invariant that reads
 * more than the facts (INV-BINDING-PHYSICAL) reads the state value, which the mutant does not
 * touch. What changes is only that states differing in their stale facts are no longer merged
 * (more states), which no property observes.
 */
const STALE_FACTS =
  'a step with no facts keeps the facts of the step before: every fact it shows was already shown by a reachable state, so no verdict changes (only states are split)';

/** Written equivalence reasons, by mutant ID. */
export const EQUIVALENT_REASONS: Readonly<Record<string, string>> = {
  'device:action:issueNonce:keeps-ghost': STALE_FACTS,
  'server:action:issueNonce:keeps-ghost': STALE_FACTS,
  'device:action:noFacts:dropped': `${STALE_FACTS} (noFacts assigns nothing but the facts)`,
  'device:action:noFacts:keeps-ghost': STALE_FACTS,
  'device:action:fitCounterfeit:keeps-ghost': STALE_FACTS,
};
