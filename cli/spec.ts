/**
 * `onem2m-hsm spec`: prints the specification — as JSON with `--json`, otherwise a summary.
 * @module
 */
import { specification } from '../spec/index.ts';
import { parseArgs } from './args.ts';
import { EXIT } from './errors.ts';

/** Runs `spec`; returns the exit code. */
export function runSpec(argv: readonly string[]): number {
  const { flags } = parseArgs(argv, { json: 'boolean' });
  const spec = specification();
  if (flags.json) {
    console.log(JSON.stringify(spec, null, 2));
    return EXIT.ok;
  }
  const out: string[] = ['Threats (clause 6.1):'];
  for (const t of spec.threats) out.push(`  ${t.id}  ${t.clause}  ${t.title.quote}`);
  out.push('', 'Countermeasures (clause 6.5):');
  for (const c of spec.countermeasures) out.push(`  ${c.id}  ${c.clause}  ${c.title.quote}  — related threats: ${c.relatedThreats.join(', ')}`);
  out.push('', 'Requirements:');
  for (const r of spec.requirements) out.push(`  ${r.id}  ${r.statement}`);
  out.push('', 'Assumptions:');
  for (const a of spec.assumptions) out.push(`  ${a.id}  ${a.statement}`);
  out.push('', 'Interpretations:');
  for (const i of spec.interpretations) out.push(`  ${i.id}  ${i.rule}`);
  console.log(out.join('\n'));
  return EXIT.ok;
}
