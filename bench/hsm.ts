/**
 * The HSM model in the benchmark: one configuration explored by the reference explorer
 * (`exploreBfs`) and the fast one, with and without slot symmetry, for growing numbers of key
 * slots; then a full `verify` (all 384 configurations) on the fast explorer. Ratios are
 * measured in the same run.
 * @module
 */
import { listToMask, maskToFlags } from '../model/config.ts';
import { exploreBfs } from '../proofs/bfs.ts';
import { exploreFast } from '../proofs/fast/index.ts';
import { subjectFor } from '../proofs/subjects.ts';
import { verifyParallel } from '../proofs/parallel.ts';

const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d });

/** Runs the HSM benchmark and prints its table. */
export async function runHsmBench(out: (line: string) => void = console.log): Promise<void> {
  const cms = maskToFlags(listToMask(['CM1', 'CM6']));
  out('HSM device model, countermeasures {CM1, CM6}, physical attacker (every attack still open but the management ones):');
  out('slots  explorer              states  transitions       ms   states/s  vs exploreBfs');
  for (const slots of [2, 3, 4, 5, 6]) {
    let bfsRate: number | null = null;
    const rows: [string, () => { states: number; transitions: number }][] = [
      ['exploreBfs', () => exploreBfs(subjectFor('device', cms, 'physical', undefined, { slots }))],
      ['exploreFast', () => exploreFast(subjectFor('device', cms, 'physical', undefined, { slots }))],
      ['exploreFast+symmetry', () => exploreFast(subjectFor('device', cms, 'physical', undefined, { slots, symmetry: true }))],
    ];
    for (const [name, run] of rows) {
      if (name === 'exploreBfs' && slots > 3) continue;
      const t = performance.now();
      const r = run();
      const ms = performance.now() - t;
      const rate = (r.states / ms) * 1000;
      if (name === 'exploreBfs') bfsRate = rate;
      const vs = bfsRate !== null && name !== 'exploreBfs' ? `${fmt(rate / bfsRate, 1)}×` : '-';
      out(
        `${String(slots).padEnd(6)} ${name.padEnd(20)} ${fmt(r.states).padStart(8)} ${fmt(r.transitions).padStart(12)} ${fmt(ms).padStart(8)} ${fmt(rate).padStart(10)}  ${vs}`,
      );
    }
  }
  const t = performance.now();
  const results = await verifyParallel({});
  const explored = results.filter((r) => r.sharedWith === null);
  const states = explored.reduce((a, r) => a + r.states, 0);
  const ms = performance.now() - t;
  out(
    `\nfull verify (384 configurations, ${explored.length} explored, 2 slots): ${fmt(states)} states in ${fmt(ms)} ms, ${fmt((states / ms) * 1000)} states/s`,
  );
}
