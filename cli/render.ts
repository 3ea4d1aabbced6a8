/**
 * Text rendering of a verification report for the terminal.
 * @module
 */
import { PROFILE_IDS } from '../model/config.ts';
import type { Lasso } from '../proofs/fast/liveness.ts';
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
  if (r.availability) out.push('', ...renderAvailability(r.availability));
  out.push('', `Findings (${r.findings.length}) — where exploration disagrees with the text's "Related threats":`);
  for (const f of r.findings) {
    out.push(`  ${f.id} [${f.kind}] ${f.summary}`);
    if (f.explainedBy) out.push(`       explained by a presupposition: ${f.explainedBy}`);
    out.push(`       rests on: ${f.restsOn.join('; ')}`);
    const deps = f.dependsOn.switches.join(', ') || 'none — it follows from the text and the fixed assumptions';
    out.push(`       ${f.dependsOn.exact ? 'depends on' : 'may depend on (settings read; --sensitivity tells exactly)'}: ${deps}`);
    if (f.trace) {
      out.push(`       attack (${f.profiles[0]} attacker, countermeasures ${set(f.configuration)}):`);
      out.push(...traceLines(f.trace, '       '));
    }
  }
  if (r.sensitivity) out.push('', ...renderSensitivity(r.sensitivity));
  out.push(
    '',
    `Assumptions: ${r.assumptions.map((a) => a.id).join(', ')} (see \`onem2m-hsm spec\`); interpretation: ${r.interpretations.map((i) => i.id).join(', ')}`,
  );
  return out.join('\n');
}

/** The availability section: T2/T5 liveness goals across the sets, with all countermeasures, witnesses and broken variants. */
export function renderAvailability(a: NonNullable<VerifyReport['availability']>): string[] {
  const out = ['Availability (T2, T5) — liveness on every explored graph: minimal sets under which the attacker cannot achieve each goal:'];
  for (const row of a.rows ?? []) {
    out.push(`  ${row.goal} [${row.kind}] ${row.title}`);
    for (const p of PROFILE_IDS) {
      const v = row.profiles[p];
      if (!v) continue;
      const reach = v.bad.filter(Boolean).length;
      const sets = v.minimalSets.map(set).join(' or ') || 'none — not stopped by any set';
      out.push(`     ${pad(p, 9)} ${pad(sets, 44)} reached in ${reach}/64 sets`);
    }
  }
  const bad = a.allCountermeasures.filter((c) => c.reached);
  out.push(
    `  with all countermeasures: ${bad.length ? `REACHED ${bad.map((c) => `${c.goal} (${c.profile})`).join(', ')}` : `no goal reached (${a.allCountermeasures.length} goal × profile checks): the manager can always act`}`,
  );
  for (const w of a.witnesses) {
    out.push(`  witness ${w.goal}, ${w.profile} attacker, countermeasures {${w.cms === '-' ? '' : w.cms.replaceAll(',', ', ')}}:`);
    if (w.trace) out.push(...traceLines(w.trace, '     '), '     … from here the legitimate side can never reach the goal again');
    if (w.lasso) out.push(...lassoLines(w.lasso, '     '));
  }
  for (const v of a.variants) {
    out.push(
      `  broken variant ${v.id} (${v.profile}, ${v.states.toLocaleString('en')} states): ${v.caught ? `caught by ${v.caughtBy.join(', ')}` : 'NOT CAUGHT'} — ${v.description}`,
    );
    if (v.lasso) out.push(...lassoLines(v.lasso, '     '));
  }
  return out;
}

/** A lasso as text: the run to the cycle, then the cycle, repeated forever. */
function lassoLines(l: Lasso, indent: string): string[] {
  const cycle = { initial: l.prefix.steps.at(-1)?.state ?? l.prefix.initial, steps: l.cycle };
  return [
    `${indent}run to the cycle:`,
    ...traceLines(l.prefix, `${indent}  `),
    `${indent}cycle (repeats for as long as the attacker keeps interfering):`,
    ...traceLines(cycle, `${indent}  `),
  ];
}

/** The sensitivity section: per switch alternative, the cells and findings that change. */
export function renderSensitivity(entries: NonNullable<VerifyReport['sensitivity']>): string[] {
  const out = ['Assumption sensitivity — what changes when one switchable assumption takes another value:'];
  for (const e of entries) {
    const nothing = !e.cells.length && !e.appeared.length && !e.vanished.length && !e.changed.length;
    out.push(`  ${e.id} ${e.setting} = ${String(e.value)} (${e.explored} configurations explored again): ${nothing ? 'nothing changes' : ''}`);
    for (const c of e.cells) out.push(`     ${c.threat} ${pad(c.profile, 9)} ${c.from} → ${c.to}`);
    if (e.appeared.length) out.push(`     findings that appear: ${e.appeared.join('; ')}`);
    if (e.vanished.length) out.push(`     findings that vanish: ${e.vanished.join('; ')}`);
    if (e.changed.length) out.push(`     findings for other attackers: ${e.changed.join('; ')}`);
  }
  return out;
}
