/**
 * Recorded results: every configuration (2 models × 3 profiles × 64 sets), explored afresh in
 * this run by the global setup (`test/setup/verified.ts`), compared state counts, verdicts, minimal sets and findings with the committed record. A
 * change to the model that changes any verdict must come with a new record (`npm run record`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RECORDED_PATH, recordOf } from '../../proofs/recorded.ts';
import { buildReport } from '../../proofs/report.ts';
import { verifiedResults } from '../support/verified.ts';

describe('recorded results', () => {
  it('a full verification reproduces proofs/recorded/verify.json', () => {
    const recorded = JSON.parse(readFileSync(new URL(`../../${RECORDED_PATH}`, import.meta.url), 'utf8'));
    const results = verifiedResults();
    expect(results).toHaveLength(384);
    const fresh = JSON.parse(JSON.stringify(recordOf(buildReport(results, 0))));
    expect(fresh.totals).toEqual(recorded.totals);
    expect(fresh.threats).toEqual(recorded.threats);
    expect(fresh.invariants).toEqual(recorded.invariants);
    expect(fresh.availability).toEqual(recorded.availability);
    expect(fresh.availability.length).toBe(6);
    expect(fresh.findings).toEqual(recorded.findings);
    expect(fresh.configurations).toEqual(recorded.configurations);
  });
});
