/**
 * Prints the keyslots(N) benchmark as a table, then the targets: fast ≥ 1.0 × SPIN's
 * states/s on keyslots(10) with one thread, ≤ 40 bytes/state, keyslots(64) with symmetry
 * under 10 s.
 * Flags: `--ns=2,4,6,8,10`, `--bfs-up-to=6`, `--symmetry=10,16,32,64`, `--workers=1` (0: no
 * parallel rows), `--no-spin`.
 * @module
 */
import { formatBenchRows, formatNumber as fmt, runKeyslotsBench, type BenchOptions } from './keyslots.ts';

function parse(argv: readonly string[]): BenchOptions {
  const list = (v: string) => v.split(',').filter(Boolean).map(Number);
  let o: BenchOptions = {};
  for (const a of argv) {
    const [k, v = ''] = a.split('=');
    if (k === '--ns') o = { ...o, ns: list(v) };
    else if (k === '--bfs-up-to') o = { ...o, bfsUpTo: Number(v) };
    else if (k === '--symmetry') o = { ...o, symmetryNs: list(v) };
    else if (k === '--workers') o = { ...o, workers: Number(v) };
    else if (k === '--no-spin') o = { ...o, spin: false };
    else throw new Error(`unknown flag ${a}`);
  }
  return o;
}

const rows = runKeyslotsBench(parse(process.argv.slice(2)));
console.log(formatBenchRows(rows));
console.log('');
for (const r of rows.filter((x) => x.n === 10 && x.explorer === 'exploreFast')) {
  const t = `keyslots(10), ${r.threads} thread${r.threads > 1 ? 's' : ''}`;
  const target = r.threads === 1 ? ' (target ≥ 1.0 with one thread)' : '';
  if (r.vsSpin !== null) console.log(`${t}: ${fmt(r.vsSpin, 3)} × SPIN's states/s${target}`);
  console.log(`${t}: ${fmt(r.bytesPerState, 1)} bytes/state (target ≤ 40)`);
}
for (const r of rows.filter((x) => x.n === 64 && x.explorer === 'exploreFast+symmetry')) {
  console.log(`keyslots(64) with symmetry, ${r.threads} thread(s): ${fmt(r.states)} states in ${fmt(r.ms)} ms (target < 10,000 ms)`);
}
