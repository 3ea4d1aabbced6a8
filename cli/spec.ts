/**
 * `onem2m-hsm spec`: prints the specification — as JSON with `--json`, otherwise a summary.
 * @module
 */
import { parseCommand, type CommandSpec } from './args.ts';
import { EXIT } from './errors.ts';

/** The flags of `spec`. */
export const SPEC = {
  name: 'spec',
  summary: 'print the specification (threats, countermeasures, requirements, assumptions, interpretations)',
  options: {
    json: { type: 'boolean', description: 'print it as JSON' },
  },
} as const satisfies CommandSpec;

/** Runs `spec`; returns the exit code. */
export async function runSpec(argv: readonly string[]): Promise<number> {
  const { values } = parseCommand(SPEC, argv);
  const { specification } = await import('../spec/index.ts');
  const spec = specification();
  if (values.json) {
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
  for (const a of spec.assumptions) {
    out.push(`  ${a.id}  ${a.statement}`);
    if ('values' in a) for (const [i, v] of a.values.entries()) out.push(`          ${i === 0 ? 'default' : 'or     '} ${String(v.value)}: ${v.statement}`);
  }
  out.push('', 'Interpretations:');
  for (const i of spec.interpretations) {
    out.push(`  ${i.id}  ${i.rule}`);
    for (const [k, v] of i.values.entries()) out.push(`          ${k === 0 ? 'default' : 'or     '} ${String(v.value)}: ${v.statement}`);
  }
  console.log(out.join('\n'));
  return EXIT.ok;
}
