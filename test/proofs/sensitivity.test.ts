/**
 * The table is computed, not typed in: deleting one guard from the model changes the minimal
 * sets and the findings derived from them. @clause CM5
 */
import { describe, expect, it } from 'vitest';
import { deriveFindings } from '../../proofs/findings.ts';
import { ResultIndex, threatRows } from '../../proofs/table.ts';
import { VARIANTS } from '../../proofs/variants.ts';
import { verifyAll } from '../../proofs/verify.ts';

const tableFor = (machine?: (typeof VARIANTS)[number]['machine']) => {
  const idx = new ResultIndex(verifyAll({ models: ['device'], profiles: ['physical'], machines: machine ? { device: machine } : {} }));
  const rows = threatRows(idx).filter((r) => r.model === 'device');
  return { rows, findings: deriveFindings(rows, idx) };
};

describe('deleting the physical-binding guard (cm5BoundToDevice) changes the verdicts', () => {
  const normal = tableFor();
  const broken = tableFor(VARIANTS.find((v) => v.id === 'BROKEN-PHYSICAL-BINDING')!.machine);
  const sets = (t: ReturnType<typeof tableFor>, id: string) => t.rows.find((r) => r.threat === id)!.profiles.physical!.minimalSets;

  it('T2 and T3 are stopped by {CM1, CM5, CM6} in the model, by nothing without the guard', () => {
    expect(sets(normal, 'T2')).toEqual([['CM1', 'CM5', 'CM6']]);
    expect(sets(normal, 'T3')).toEqual([['CM1', 'CM5', 'CM6']]);
    expect(sets(broken, 'T2')).toEqual([]);
    expect(sets(broken, 'T3')).toEqual([]);
  });

  it('the findings change: "CM5 needed for T3" disappears, "not stopped" appears', () => {
    const kinds = (t: ReturnType<typeof tableFor>) => t.findings.map((f) => `${f.kind} ${f.threat} ${f.countermeasure ?? ''}`.trim());
    expect(kinds(normal)).toContain('needed-not-listed T3 CM5');
    expect(kinds(broken)).not.toContain('needed-not-listed T3 CM5');
    expect(kinds(broken)).toContain('not-stopped T3');
    expect(kinds(broken)).toContain('not-stopped T2');
  });
});
