/**
 * Slot symmetry on the HSM models: with and without symmetry reduction, every verdict and every
 * shortest-trace length agree, and reduction stores fewer states once there are several slots.
 */
import { describe, expect, it } from 'vitest';
import { listToMask, maskToFlags } from '../../model/config.ts';
import { exploreFast } from '../../proofs/fast/index.ts';
import { subjectFor } from '../../proofs/subjects.ts';
import type { ExplorationResult } from '../../proofs/types.ts';

const verdicts = (r: ExplorationResult) => ({
  violations: Object.fromEntries(Object.entries(r.violations).map(([k, t]) => [k, t?.steps.length ?? null])),
  reached: Object.fromEntries(Object.entries(r.reached).map(([k, t]) => [k, t?.steps.length ?? null])),
});
const configs = [
  ['device', ['CM1', 'CM3', 'CM4', 'CM5', 'CM6'], 'physical'],
  ['device', ['CM1', 'CM6'], 'insider'],
  ['device', ['CM1', 'CM5'], 'remote'],
  ['server', ['CM2', 'CM6'], 'insider'],
  ['server', ['CM2', 'CM3', 'CM4'], 'remote'],
] as const;

describe('slot symmetry reduction (3 key slots)', () => {
  it.each(configs)('%s %j %s: same verdicts, fewer states', (model, set, profile) => {
    const cms = maskToFlags(listToMask(set));
    const full = exploreFast(subjectFor(model, cms, profile, undefined, { slots: 3 }));
    const reduced = exploreFast(subjectFor(model, cms, profile, undefined, { slots: 3, symmetry: true }));
    expect(verdicts(reduced)).toEqual(verdicts(full));
    expect(reduced.states).toBeLessThan(full.states);
  });
});
