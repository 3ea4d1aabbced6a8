/**
 * Text rendering of a verification report for the terminal.
 * @module
 */
import { PROFILE_IDS } from '../model/config.ts';
import type { VerifyReport } from '../proofs/report.ts';
import { traceLines } from './describe.ts';

const set = (s: readonly string[]) => `{${s.join(', ')}}`;
const pad = (s: string, n: number) => s.padEnd(n);

/** The summary printed by `verify`. */
export function renderReport(r: VerifyReport): string {
  const t = r.totals;
  const out: string[] = [];
  out.push(`Explored ${t.configurations} configurations (models × attacker profiles × countermeasure sets):`);
  out.push(
    `  ${t.explored} explored, ${t.shared} shared by read-set reuse; ${t.states.toLocaleString('en')} states, ${t.transitions.toLocaleString('en')} transitions, ${(t.ms / 1000).toFixed(1)} s`,
  );
  out.push('', 'With all countermeasures (CM1–CM6):');
  const invIds = [...new Set(r.allCountermeasures.invariants.map((v) => `${v.invariant}|${v.model}`))];
  for (const key of invIds) {
    const [inv, model] = key.split('|') as [string, string];
    const vs = r.allCountermeasures.invariants.filter((v) => v.invariant === inv && v.model === model);
    const bad = vs.filter((v) => !v.holds).map((v) => v.profile);
    out.push(`  ${pad(inv, 24)} ${pad(model, 7)} ${bad.length ? `VIOLATED (${bad.join(', ')})` : 'holds (every profile)'}`);
  }
  const reached = r.allCountermeasures.threatsReached;
  out.push(`  threats reached: ${reached.length ? reached.map((x) => `${x.threat} (${x.profile})`).join(', ') : 'none'}`);
  if (!r.threats || !r.invariants || !r.findings) {
    out.push('', 'Table and findings: not computed (they need every countermeasure set; see scope in the JSON report).');
    return out.join('\n');
  }
  out.push('', 'Threat × countermeasure table — minimal sets that stop each threat (robustly: every superset stops it too):');
  for (const row of r.threats) {
    out.push(`  ${row.threat} ${row.title}`);
    out.push(`     text lists: ${set(row.listed)}`);
    for (const p of PROFILE_IDS) {
      const v = row.profiles[p];
      if (!v) continue;
      const reach = v.bad.filter(Boolean).length;
      const sets = v.minimalSets.map(set).join(' or ') || 'none — not stopped by any set';
      out.push(`     ${pad(p, 9)} ${pad(sets, 44)} needed: ${v.necessary.join(', ') || '-'}; reachable in ${reach}/64 sets`);
    }
  }
  out.push('', 'Invariants — minimal sets under which each holds:');
  for (const row of r.invariants) {
    const cells = PROFILE_IDS.flatMap((p) => (row.profiles[p] ? [`${p} ${row.profiles[p]!.minimalSets.map(set).join(' or ') || 'none'}`] : []));
    out.push(`  ${pad(row.invariant, 24)} ${pad(row.model, 7)} ${cells.join('; ')}`);
  }
  out.push('', `Findings (${r.findings.length}) — where exploration disagrees with the text's "Related threats":`);
  for (const f of r.findings) {
    out.push(`  ${f.id} [${f.kind}] ${f.summary}`);
    if (f.explainedBy) out.push(`       explained by a presupposition: ${f.explainedBy}`);
    if (f.trace) {
      out.push(`       attack (${f.profiles[0]} attacker, countermeasures ${set(f.configuration)}):`);
      out.push(...traceLines(f.trace, '       '));
    }
  }
  out.push(
    '',
    `Assumptions: ${r.assumptions.map((a) => a.id).join(', ')} (see \`onem2m-hsm spec\`); interpretation: ${r.interpretations.map((i) => i.id).join(', ')}`,
  );
  return out.join('\n');
}
