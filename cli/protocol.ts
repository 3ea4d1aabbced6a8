/**
 * `onem2m-hsm protocol`: explores the CM6 management protocol under a network attacker
 * (`model/protocol.machine.ts`, `proofs/protocol.ts`): every protocol variant (the sound one and
 * one broken per protocol field) under the man in the middle, the off-path attacker and the
 * off-path attacker with an insider, with and without symmetry, and prints each configuration's
 * state counts and verdicts (invariant, always-possible, starvation) with the expected ones.
 * Heavy modules load after the flags have been checked. @clause CM6
 * @module
 */
import type { CheckVerdict, ProtocolVerification } from '../proofs/protocol.ts';
import { parseCommand, type CommandSpec } from './args.ts';
import { EXIT } from './errors.ts';
import { writeJson } from './files.ts';
import { withProgress } from './progress.ts';

/** The flags of `protocol`. */
export const PROTOCOL = {
  name: 'protocol',
  summary: 'explore the CM6 management protocol under a network attacker: HSMs, managers, a channel it controls, every broken variant',
  details:
    'Two HSMs and one manager by default (about 5 s); --managers 2 takes several minutes on 2 cores (the man in the middle alone is ' +
    'about a million states per variant without symmetry). Exit 1 if any expected verdict is not met.',
  options: {
    hsms: { type: 'integer', min: 1, max: 3, description: 'HSMs (default 2)' },
    managers: { type: 'integer', min: 1, max: 3, description: 'legitimate managers (default 1)' },
    captures: { type: 'integer', min: 1, max: 3, description: 'signed commands the attacker keeps copies of (default 1)' },
    json: { type: 'file', description: 'also write the whole result (traces and lassos included) as JSON to FILE' },
    quiet: { type: 'boolean', description: 'no progress on stderr' },
  },
} as const satisfies CommandSpec;

const num = (n: number) => n.toLocaleString('en');

/** One verdict, short: ok / FAILS, with the expectation when it is not met. */
function cell(c: CheckVerdict | undefined): string {
  if (!c) return '-';
  const word = c.kind === 'starvation' ? (c.found ? 'found' : 'none') : c.holds ? 'holds' : 'FAILS';
  if (c.ok === false) return `${word} (expected ${c.expected})`;
  return c.expected ? `${word} (as expected)` : word;
}

/** The result as a table, one line per configuration, then the summary line. */
export function renderProtocol(r: ProtocolVerification): string {
  const head = ['variant', 'attacker', 'states (no sym / sym)', 'INV-PROTO-INTENDED', 'LIVE-MANAGER-CAN-ACT', 'STARVE-MANAGER'];
  const rows = r.rows.map((x) => {
    const c = (id: string) => x.checks.find((k) => k.id === id);
    const attacker = `${x.attacker}${x.insider ? '+insider' : ''}`;
    return [
      `${x.variant}${x.mutant ? ' (mutant)' : ''}`,
      attacker,
      `${num(x.explorations.full.states)} / ${num(x.explorations.reduced.states)}`,
      cell(c('INV-PROTO-INTENDED')),
      cell(c('LIVE-MANAGER-CAN-ACT')),
      cell(c('STARVE-MANAGER')),
    ];
  });
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((s, i) => s.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [
    `CM6 management protocol: ${r.sizes.hsms} HSM(s), ${r.sizes.managers} manager(s), ${r.sizes.captures} copy(ies) kept by the attacker; ${(r.ms / 1000).toFixed(1)} s`,
    `nonces: ${r.assumption.id} — ${r.assumption.statement}`,
    '',
    line(head),
    ...rows.map(line),
    '',
    'STARVE-MANAGER is found under the network attacker for every variant, the sound one included: a man in the middle can always',
    'drop the manager’s messages. Against it, availability is LIVE-MANAGER-CAN-ACT: once it stops interfering, the manager can act.',
    `protocol: ${r.summary.configurations} configurations, ${r.summary.expectations} expected verdicts, ${r.summary.unmet.length === 0 ? 'all met' : `${r.summary.unmet.length} NOT met: ${r.summary.unmet.join(', ')}`}`,
  ];
  return out.join('\n');
}

/** Runs `protocol` with its arguments; returns the exit code. */
export async function runProtocol(argv: readonly string[]): Promise<number> {
  const { values: v } = parseCommand(PROTOCOL, argv);
  const { verifyProtocol } = await import('../proofs/protocol.ts');
  const sizes = { hsms: v.hsms ?? 2, managers: v.managers ?? 1, captures: v.captures ?? 1 };
  const r = await withProgress('exploring', { quiet: v.quiet, unit: 'configurations' }, async (tick) =>
    verifyProtocol({ sizes, onProgress: (_row, done, total) => tick(done, total) }),
  );
  console.log(renderProtocol(r));
  if (v.json) writeJson(v.json, r);
  return r.summary.unmet.length === 0 ? EXIT.ok : EXIT.violation;
}
