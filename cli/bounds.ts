/**
 * `onem2m-hsm bounds`: runs the full verification again with each bound of ASM-06 raised (key
 * slots, captured commands; and slot symmetry reduction on, as a check) and
 * prints whether the verdict table stays that of the default bounds. Heavy modules load after the
 * flags and the output path have been checked.
 * @module
 */
import type { BoundRow, BoundsReport } from '../proofs/bounds.ts';
import { parseCommand, type CommandSpec } from './args.ts';
import { EXIT } from './errors.ts';
import { writeJson } from './files.ts';
import { withProgress } from './progress.ts';

/** The flags of `bounds`. */
export const BOUNDS = {
  name: 'bounds',
  summary: 'run the verification with each model bound raised (slots, captures) and compare its table with the default bounds',
  details:
    'Each run changes one bound (the others at their defaults) and explores all 384 configurations; more key slots use ' +
    'slot symmetry reduction, which is exact. Exit 1 if any run’s threat × countermeasure table or findings differ from the default’s.',
  options: {
    json: { type: 'file', description: 'also write the rows (differences included) as JSON to FILE' },
    quiet: { type: 'boolean', description: 'no progress on stderr' },
  },
} as const satisfies CommandSpec;

const num = (n: number) => n.toLocaleString('en');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const valueText = (r: BoundRow) => (r.bound === 'symmetry' ? 'on' : `${r.value}${r.symmetry ? ' (symmetry)' : ''}`);
const verdict = (r: BoundRow) =>
  r.sameTable ? 'same' : `CHANGED: ${r.differences[0]}${r.differences.length > 1 ? ` (+${r.differences.length - 1} more)` : ''}`;

/** The bounds table (values left out included, with the reason), the total time and the closing line. */
export function renderBounds(r: BoundsReport): string {
  const b = r.baseline;
  const cells = [
    ['bound', 'value', 'states', 'transitions', 'time', 'table vs default'],
    ['default', `slots ${b.slots}, captures ${b.captures}`, num(b.states), num(b.transitions), secs(b.ms), '(reference)'],
    ...r.rows.map((x) => [x.bound, valueText(x), num(x.states), num(x.transitions), secs(x.ms), verdict(x)]),
  ];
  for (const d of r.dropped) {
    const after = cells.map((c) => c[0]).lastIndexOf(d.bound);
    cells.splice(after < 0 ? cells.length : after + 1, 0, [d.bound, String(d.value), '-', '-', '-', `not run: ${d.reason}`]);
  }
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  const right = new Set([2, 3, 4]);
  const line = (c: string[]) => c.map((s, i) => (i === c.length - 1 ? s : right.has(i) ? s.padStart(widths[i]!) : s.padEnd(widths[i]!))).join(' | ');
  const out = [line(cells[0]!), widths.map((w, i) => '-'.repeat(i === widths.length - 1 ? cells[0]![i]!.length : w)).join('-|-'), ...cells.slice(1).map(line)];
  const differ = r.rows.filter((x) => !x.sameTable).length;
  out.push('', `total ${secs(r.ms)}`);
  out.push(`bounds: ${r.rows.length} run${r.rows.length === 1 ? '' : 's'}, ${differ === 0 ? 'all tables equal to the default' : `${differ} differ`}`);
  return out.join('\n');
}

/** Runs `bounds` with its arguments; returns the exit code. */
export async function runBounds(argv: readonly string[]): Promise<number> {
  const { values: v } = parseCommand(BOUNDS, argv);
  const { checkBounds } = await import('../proofs/bounds.ts');
  const report = await withProgress('exploring', { quiet: v.quiet, unit: 'configurations' }, (tick) => checkBounds({ onProgress: tick }));
  console.log(renderBounds(report));
  if (v.json) writeJson(v.json, report);
  return report.rows.every((x) => x.sameTable) ? EXIT.ok : EXIT.violation;
}
