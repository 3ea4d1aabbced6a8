/**
 * Rendering of `verify --without`: the attacks that open up when countermeasures are removed.
 * @module
 */
import { COUNTERMEASURE_IDS, type CountermeasureId } from '../spec/ids.ts';
import type { ConfigResult } from '../proofs/verify.ts';
import { traceLines } from './describe.ts';

/** The attacks reached or invariants violated in `opened`, step by step. */
export function renderWithout(without: readonly CountermeasureId[], opened: readonly ConfigResult[], ms: number): string {
  const kept = COUNTERMEASURE_IDS.filter((c) => !without.includes(c));
  const out = [`Without ${without.join(', ') || 'nothing'} (countermeasures in force: {${kept.join(', ')}}), explored in ${(ms / 1000).toFixed(1)} s:`];
  let attacks = 0;
  for (const r of opened) {
    const bad = [...Object.entries(r.reached), ...Object.entries(r.violations)].filter(([, t]) => t);
    out.push('', `${r.model} model, ${r.profile} attacker: ${r.states} states, ${bad.length ? bad.map(([k]) => k).join(', ') : 'nothing opens up'}`);
    for (const [id, trace] of bad) {
      attacks++;
      out.push(`  ${id}:`, ...traceLines(trace!, '    '));
    }
  }
  out.push('', `${attacks} attack${attacks === 1 ? '' : 's'} open up.`);
  return out.join('\n');
}
