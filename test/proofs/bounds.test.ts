/**
 * The bounds check (`proofs/bounds.ts`): its comparison finds a changed verdict table (a broken
 * variant of the Server-HSM), finds none for the same results, and a real bound change on one
 * model and profile (more challenge nonces) leaves the table as it is. The whole command is not
 * run here: the default side comes from the run shared by every test file.
 */
import { describe, expect, it } from 'vitest';
import { BOUND_RUNS, DEFAULT_BOUNDS, DROPPED_BOUNDS, sizeOf, tableDifferences, verdictTable, type BoundsReport } from '../../proofs/bounds.ts';
import { VARIANTS } from '../../proofs/variants.ts';
import { verifyAll } from '../../proofs/verify.ts';
import { renderBounds } from '../../cli/bounds.ts';
import { verifiedResults } from '../support/verified.ts';

const serverRemote = () => verifiedResults().filter((r) => r.model === 'server' && r.profile === 'remote');

describe('comparing verdict tables', () => {
  it('a table equals itself; it has a cell per threat, invariant and profile, and the findings', () => {
    const t = verdictTable(verifiedResults());
    expect(tableDifferences(t, verdictTable(verifiedResults()))).toEqual([]);
    expect(Object.keys(t.cells)).toContain('T2 remote');
    expect(Object.keys(t.cells)).toContain('INV-NO-KEY-EXPORT server insider');
    expect(t.findings.length).toBeGreaterThan(0);
  });

  it('a broken variant (Sensitive Functions outside the Server-HSM) gives a different table, cell by cell', () => {
    const variant = VARIANTS.find((v) => v.id === 'BROKEN-CM4-SERVER')!;
    const broken = verdictTable(verifyAll({ models: ['server'], profiles: ['remote'], availability: true, machines: { server: variant.machine } }));
    const differences = tableDifferences(verdictTable(serverRemote()), broken);
    expect(differences.length).toBeGreaterThan(0);
    const line = differences.find((d) => d.startsWith('INV-SF-INSIDE-HSM server remote: '));
    expect(line).toMatch(/minimal sets none \(default \{CM2, CM4\}\); verdict differs under 16 sets: \{CM2, CM4\}/);
  });

  it('a missing cell and a changed finding are differences', () => {
    const base = { cells: { 'T1 remote': { bad: '0', minimalSets: '{CM3}' } }, findings: ['not-stopped T1 (remote)'] };
    expect(tableDifferences(base, { cells: {}, findings: [] })).toEqual(['T1 remote: not in this run', 'finding gone: not-stopped T1 (remote)']);
  });
});

describe('a real bound change', () => {
  it('2 captured commands instead of 1, Server-HSM model, remote attacker: more states, the same table', () => {
    const raised = verifyAll({ models: ['server'], profiles: ['remote'], availability: true, size: { ...DEFAULT_BOUNDS, captures: 2 } });
    const states = (rs: readonly { states: number; sharedWith: number | null }[]) => rs.reduce((a, r) => a + (r.sharedWith === null ? r.states : 0), 0);
    expect(states(raised)).toBeGreaterThan(states(serverRemote()));
    expect(tableDifferences(verdictTable(serverRemote()), verdictTable(raised))).toEqual([]);
  });
});

describe('availability in the table', () => {
  it('the availability goals are cells of the table when the results carry them, and a difference there is reported', () => {
    const results = verifyAll({ models: ['server'], profiles: ['remote'], availability: true });
    const table = verdictTable(results);
    expect(
      Object.keys(table.cells)
        .filter((k) => /AV-/.test(k))
        .sort(),
    ).toEqual(['T5-AV-LOCKOUT remote', 'T5-AV-MANAGE remote', 'T5-AV-USE remote']);
    const bad = { ...table.cells['T5-AV-LOCKOUT remote']!, bad: `1${table.cells['T5-AV-LOCKOUT remote']!.bad.slice(1)}` };
    expect(tableDifferences(table, { ...table, cells: { ...table.cells, 'T5-AV-LOCKOUT remote': bad } })).toEqual([
      expect.stringMatching(/^T5-AV-LOCKOUT remote: verdict differs under 1 set/),
    ]);
  });
});

describe('the runs', () => {
  it('change one bound each from the defaults; more slots use symmetry reduction', () => {
    for (const run of BOUND_RUNS) {
      const size = sizeOf(run);
      const changed = (['slots', 'captures'] as const).filter((k) => size[k] !== DEFAULT_BOUNDS[k]);
      expect(changed).toEqual(run.bound === 'symmetry' ? [] : [run.bound]);
      if (run.bound === 'slots') expect(size.symmetry).toBe(true);
    }
    for (const d of DROPPED_BOUNDS) expect(BOUND_RUNS.some((r) => r.bound === d.bound && r.value === d.value)).toBe(false);
  });

  it('the printed table shows values left out, and its closing line counts the runs that differ', () => {
    const row = { bound: 'captures', value: 4, symmetry: false, states: 1, transitions: 1, ms: 1 } as const;
    const report: BoundsReport = {
      baseline: { ...DEFAULT_BOUNDS, states: 1, transitions: 1, ms: 1 },
      rows: [
        { ...row, sameTable: true, differences: [] },
        { ...row, sameTable: false, differences: ['T2 remote: minimal sets none (default {CM6})'] },
      ],
      dropped: [{ bound: 'captures', value: 9, reason: 'too costly' }],
      ms: 2,
    };
    const text = renderBounds(report);
    expect(text).toMatch(/^captures +\| 9 +\| +- \| +- \| +- \| not run: too costly$/m);
    expect(text).toContain('CHANGED: T2 remote: minimal sets none (default {CM6})');
    expect(text.split('\n').at(-1)).toBe('bounds: 2 runs, 1 differ');
    expect(
      renderBounds({ ...report, rows: [report.rows[0]!] })
        .split('\n')
        .at(-1),
    ).toBe('bounds: 1 run, all tables equal to the default');
  });
});
