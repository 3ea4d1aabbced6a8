/**
 * The table is computed, not typed in, and says which assumptions it rests on: deleting one
 * guard from the model changes the minimal sets and the findings; switching one assumption
 * changes exactly the cells that consult it, and a switch no exploration reads changes nothing
 * and costs no exploration. @clause CM5 @clause CM1 @clause CM6
 */
import { describe, expect, it } from 'vitest';
import { settingsWith, DEFAULT_SETTINGS } from '../../model/settings.ts';
import { deriveFindings } from '../../proofs/findings.ts';
import { analyse, compare, dependencies, findingKey } from '../../proofs/sensitivity.ts';
import { ResultIndex, threatRows } from '../../proofs/table.ts';
import { VARIANTS } from '../../proofs/variants.ts';
import { verifyAll, verifyVariants } from '../../proofs/verify.ts';
import { cmFlags } from '../../model/config.ts';
import { explore } from '../../proofs/explore.ts';
import { subjectFor } from '../../proofs/subjects.ts';
import { verifiedResults } from '../support/verified.ts';

const tableFor = (machine?: (typeof VARIANTS)[number]['machine']) => {
  const results = machine
    ? verifyAll({ models: ['device'], profiles: ['physical'], machines: { device: machine } })
    : verifiedResults().filter((r) => r.model === 'device' && r.profile === 'physical');
  const idx = new ResultIndex(results);
  const rows = threatRows(idx).filter((r) => r.model === 'device');
  return { rows, findings: deriveFindings(rows, idx) };
};
const kinds = (t: ReturnType<typeof tableFor>) => t.findings.map((f) => findingKey(f));

describe('deleting the physical-binding guard (cm5BoundToDevice) changes the verdicts', () => {
  const normal = tableFor();
  const broken = tableFor(VARIANTS.find((v) => v.id === 'BROKEN-PHYSICAL-BINDING')!.machine);
  const sets = (t: ReturnType<typeof tableFor>, id: string) => t.rows.find((r) => r.threat === id)!.profiles.physical!.minimalSets;

  it('T3 is stopped by {CM1, CM5, CM6} in the model, by nothing without the guard (logical binding alone is defeated)', () => {
    expect(sets(normal, 'T3')).toEqual([['CM1', 'CM5', 'CM6']]);
    expect(sets(broken, 'T3')).toEqual([]);
  });

  it('the findings change: "CM5 needed for T3" disappears, "T3 not stopped" appears', () => {
    expect(kinds(normal)).toContain('needed-not-listed T3 CM5');
    expect(kinds(broken)).not.toContain('needed-not-listed T3 CM5');
    expect(kinds(broken)).toContain('not-stopped T3');
  });
});

describe('assumption switches', () => {
  const reach = (cms: Parameters<typeof cmFlags>[0], profile: 'remote' | 'physical', t: string, settings = DEFAULT_SETTINGS) =>
    explore(subjectFor('device', cmFlags(cms), profile, undefined, { settings })).reached[t] ?? null;

  it('ASM-03 (CM5 by logical means only): {CM1, CM5, CM6} no longer stops T3 against a physical attacker', () => {
    expect(reach(['CM1', 'CM5', 'CM6'], 'physical', 'T3')).toBeNull();
    const trace = reach(['CM1', 'CM5', 'CM6'], 'physical', 'T3', settingsWith({ cm5Means: 'logical' }));
    expect(trace?.steps.map((s) => s.event.type)).toEqual(['REMOTE_HACK', 'REMOVE_HSM', 'REPLACE_HSM', 'SF_START']);
  });

  it('ASM-09 (no memory writes): CM6 alone stops remote deletion (T2); with memory writes it does not', () => {
    expect(reach(['CM6'], 'remote', 'T2')?.steps.map((s) => s.event.type)).toEqual(['MEMORY_WRITE']);
    expect(reach(['CM6'], 'remote', 'T2', settingsWith({ memoryWrite: false }))).toBeNull();
  });

  it('a finding that vanishes or moves under an alternative depends on that switch, and only on it', () => {
    const entry = (id: 'ASM-03' | 'ASM-10', vanished: string[], changed: string[]) =>
      ({ id, setting: 'cm5Means', value: 'x', cells: [], appeared: [], vanished, changed, explored: 0 }) as const;
    const deps = dependencies([entry('ASM-03', ['needed-not-listed T3 CM5'], []), entry('ASM-10', ['not-stopped T2'], ['needed-not-listed T3 CM5'])]);
    expect(deps.get('needed-not-listed T3 CM5')).toEqual(['ASM-03', 'ASM-10']);
    expect(deps.get('not-stopped T2')).toEqual(['ASM-10']);
    expect(deps.get('listed-set-insufficient T1')).toBeUndefined();
  });

  it('a switch the server never consults (CM5 means) changes nothing there and is explored nowhere again', () => {
    const [base, alt] = verifyVariants({ models: ['server'], profiles: ['insider'] }, [DEFAULT_SETTINGS, settingsWith({ cm5Means: 'logical' })]);
    expect(compare(analyse(base!), analyse(alt!))).toEqual({ cells: [], appeared: [], vanished: [], changed: [] });
    expect(alt!.filter((r) => r.sharedWith === null)).toEqual([]);
    expect(base!.filter((r) => r.sharedWith === null).length).toBeGreaterThan(0);
  });
});
