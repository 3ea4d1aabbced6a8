/**
 * Mutation analysis (`npm run mutants`), the fast part: the generator derives enough mutants
 * with unique IDs, the real model passes every semantic check (which is what makes "killed"
 * mean something), and known-bad mutants are killed (among them each mutant that survived an
 * earlier run of `npm run mutants`, before the check that now kills it was added). The real
 * model's data (its minimal sets and configuration summaries) comes from this run's full
 * verification of the real machines (global setup), which also seeds the explorations of the
 * real model; that verification is under the default settings only, so here the minimal sets
 * are checked under those (the script, `npm run mutants`, also checks them where zeroization is
 * not a deletion).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateMutants } from '../../proofs/mutants/generate.ts';
import { realModelFrom, useRealModel } from '../../proofs/mutants/real.ts';
import { Runs } from '../../proofs/mutants/runs.ts';
import { semanticFailures } from '../../proofs/semantic.ts';
import { MODEL_IDS } from '../../proofs/subjects.ts';
import { verifiedResults } from '../support/verified.ts';

/** Mutants that the semantic checks must kill. */
const KNOWN_BAD = [
  'device:guard:cm6StrongAuth:true', // any credential accepted
  'device:guard:cm6Authorised:negated', // only roles that are not permitted may act
  'device:guard:keysInMemory:true', // memory writes reach keys kept in an HSM
  'device:action:execute:keeps-slots', // accepted commands change no slot
  'device:action:execute:keeps-pending', // an accepted command does not consume its nonce: replays pass
  'device:action:probeHsm:dropped', // probing no longer zeroizes (no fail-secure)
  'server:guard:cm6Authorised:true', // the insider may modify keys
  'server:action:execute:keeps-slots', // accepted commands change no slot: the manager cannot manage keys
  'device:guard:sfKeyUsable:false', // no use of a key is ever accepted, even at home with all countermeasures
  'server:guard:sfKeyUsable:false', // no use of a key is ever accepted
  'device:action:useKey:dropped', // a use takes no key and records no fact
  'server:action:useKey:dropped', // a use takes no key and records no fact
  'device:action:useKey:keeps-sf', // a use takes the key of the start, not the one its slot holds
  'server:action:useKey:keeps-sf', // a use takes the key of the start, not the one its slot holds
  'server:action:useKey:keeps-ghost', // a use on the host does not record the key placed in host memory
  'server:action:startSf:keeps-ghost', // a start on the host does not record the key placed in host memory
  'device:guard:cm5UseAccepted:false', // without CM5, a function carried to another device can no longer use its key there
  'device:guard:sessionEndsOnRemoval:negated', // ASM-15 inverted: removal ends the session exactly where it should survive
  'device:guard:sessionEndsOnRemoval:true', // removal ends the session even where it survives
  'device:guard:sessionEndsOnRemoval:false', // removal never ends the session, even where it should
  'device:action:noFacts:dropped', // moving the HSM keeps the facts of the step before (a foreign use after the function ended)
  'device:action:noFacts:keeps-ghost', // moving the HSM keeps the facts of the step before
  'device:action:stopSf:dropped', // removal ends the function's state but not its record
  'device:action:stopSf:keeps-sf', // removal ends the function's state but not its record
  'device:guard:cm5PairingProved:false', // without CM5, no function can be started with the HSM in another device
];

beforeAll(() => {
  for (const model of MODEL_IDS) useRealModel(realModelFrom(model, verifiedResults()));
});

describe('mutation analysis', () => {
  it('the generator yields at least 100 mutants with unique IDs', () => {
    const ids = generateMutants().map((m) => m.id);
    expect(ids.length).toBeGreaterThanOrEqual(100);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('the real model passes every semantic check', () => {
    const runs = new Runs({});
    for (const r of verifiedResults()) runs.seed(r.model, r.profile, r.mask, r);
    expect(semanticFailures({}, { runs })).toEqual([]);
  });

  it.each(KNOWN_BAD)('%s is killed', (id) => {
    const m = generateMutants().find((x) => x.id === id);
    expect(m, id).toBeDefined();
    expect(semanticFailures({ [m!.model]: m!.machine }, { firstFailure: true, models: [m!.model] })).toHaveLength(1);
  });
});
