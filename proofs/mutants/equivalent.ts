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

/**
 * Why issuing challenge nonces without CM6 changes no verdict: without CM6 the store checks no
 * nonce (ASM-01: nothing is verified), so nonces it issues are never compared with anything;
 * the manager's commands are accepted whatever nonce they carry. Only states are split (by the
 * nonces outstanding).
 */
const UNCHECKED_NONCES =
  'challenges answered without CM6: no nonce is ever checked there (ASM-01), so no command is accepted or refused differently and no verdict changes (only states are split)';

/**
 * Why the manager keeping a nonce its accepted command consumed changes no verdict: `held` is
 * the manager's memory, not the store's. Its next command over that nonce is refused as stale
 * (the store changes nothing), the manager drops it and asks again; every store state and every
 * fact reachable before is reachable, and nothing new is.
 */
const STALE_HELD =
  'the manager keeps the nonce its accepted command consumed: its next command over it is refused as stale and it asks again, so the store reaches the same states and facts (only the manager’s memory differs)';

/** Written equivalence reasons, by mutant ID. */
export const EQUIVALENT_REASONS: Readonly<Record<string, string>> = {
  'device:action:issueNonce:keeps-ghost': STALE_FACTS,
  'server:action:issueNonce:keeps-ghost': STALE_FACTS,
  'device:action:fitCounterfeit:keeps-ghost': STALE_FACTS,
  'device:guard:cm6ChallengeAvailable:true': UNCHECKED_NONCES,
  'server:guard:cm6ChallengeAvailable:true': UNCHECKED_NONCES,
  'device:action:execute:keeps-held': STALE_HELD,
  'server:action:execute:keeps-held': STALE_HELD,
};
