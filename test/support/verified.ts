/**
 * The full verification results of this test run, explored once by the global setup
 * (`test/setup/verified.ts`) and read here by every test file that needs them.
 * @module
 */
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { ModelId } from '../../proofs/subjects.ts';
import type { ConfigResult } from '../../proofs/verify.ts';
import type { ProfileId } from '../../model/config.ts';

let cached: { ms: number; results: ConfigResult[] } | undefined;

/** Every configuration's result (2 models × 3 profiles × 64 sets), in `verifyParallel` order. */
export function verifiedResults(): readonly ConfigResult[] {
  cached ??= JSON.parse(readFileSync(inject('verifiedResultsFile'), 'utf8')) as { ms: number; results: ConfigResult[] };
  return cached.results;
}

/** The result of one configuration. */
export function verifiedResult(model: ModelId, profile: ProfileId, mask: number): ConfigResult {
  const r = verifiedResults().find((x) => x.model === model && x.profile === profile && x.mask === mask);
  if (!r) throw new Error(`no verified result for ${model}/${profile}/${mask}`);
  return r;
}
