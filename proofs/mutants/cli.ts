/**
 * `npm run mutants`: the mutation score of the model under its semantic checks. Prints the
 * equivalent mutants with their reasons and the survivors with their IDs, progress on stderr (a
 * line every ~10 %), the score as a percentage, and last the line
 * `mutants: N total, K killed, E equivalent, S survived`. Exit code 0 when the score
 * K / (N − E) is at least 95 %, else 1.
 * @module
 */
import { generateMutants } from './generate.ts';
import type { Verdict } from './judge.ts';
import { RealModelFails, runMutants } from './run.ts';

/** The score a run must reach. */
export const REQUIRED_SCORE = 0.95;

/** Runs the mutation analysis with command-line arguments (`--workers N`, `--only SUBSTRING`, `--verbose`); returns the exit code. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  const t0 = performance.now();
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = arg('--only');
  const mutants = generateMutants().filter((m) => !only || m.id.includes(only));
  process.stderr.write(`mutants: ${mutants.length} mutants generated in ${secs(t0)}\n`);
  let lastTenth = 0;
  let verdicts: Verdict[];
  try {
    verdicts = await runMutants({
      mutants,
      workers: Number(arg('--workers') ?? 2),
      onPhase: (phase) => process.stderr.write(`mutants: ${phase} (${secs(t0)})\n`),
      onProgress: (done, total) => {
        const tenth = Math.floor((done * 10) / total);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          process.stderr.write(`mutants: ${done}/${total} judged (${tenth * 10} %) after ${secs(t0)}\n`);
        }
      },
    });
  } catch (e) {
    if (!(e instanceof RealModelFails)) throw e;
    console.log(e.message);
    console.log(`mutants: ${mutants.length} total, 0 killed, 0 equivalent, ${mutants.length} survived`);
    return 1;
  }
  report(verdicts, argv.includes('--verbose'));
  const n = verdicts.length;
  const k = verdicts.filter((v) => v.outcome === 'killed').length;
  const e = verdicts.filter((v) => v.outcome === 'equivalent').length;
  const s = n - k - e;
  const score = n - e === 0 ? 1 : k / (n - e);
  console.log(`score: ${(score * 100).toFixed(1)} % (${k} of ${n - e} non-equivalent mutants killed; ${REQUIRED_SCORE * 100} % required) in ${secs(t0)}`);
  console.log(`mutants: ${n} total, ${k} killed, ${e} equivalent, ${s} survived`);
  return score >= REQUIRED_SCORE ? 0 : 1;
}

const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

/** Prints kills by check, the equivalent mutants with their reasons, and the survivors. */
function report(verdicts: readonly Verdict[], verbose: boolean): void {
  const byCheck = new Map<string, number>();
  for (const v of verdicts) {
    if (v.outcome !== 'killed') continue;
    const check = v.by.split(':')[0]!;
    byCheck.set(check, (byCheck.get(check) ?? 0) + 1);
    if (verbose) console.log(`killed      ${v.id} (${(v.ms / 1000).toFixed(1)} s): ${v.by}`);
  }
  console.log(`killed by: ${[...byCheck].map(([c, k]) => `${c} ${k}`).join(', ')}`);
  for (const v of verdicts) {
    if (v.outcome === 'equivalent') console.log(`equivalent  ${v.id}: ${v.reason}${v.difference ? ` (mechanical difference: ${v.difference})` : ''}`);
  }
  for (const v of verdicts) if (v.outcome === 'survived') console.log(`SURVIVED    ${v.id}: ${v.difference}`);
}
