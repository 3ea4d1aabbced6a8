/**
 * `onem2m-hsm verify`: explores every configuration and prints the verified table, or, with
 * `--without CMs`, the attacks that open up when those countermeasures are removed; then
 * replays the generated paths on the implementation. Heavy modules load after the flags and
 * output paths have been checked.
 * @module
 */
import { COUNTERMEASURE_IDS } from '../spec/ids.ts';
import { prestartVerifyWorkers, verifyThreads } from '../proofs/verify-pool.ts';
import { MODEL_IDS, PROFILE_IDS, listToMask } from '../model/config.ts';
import { parseCommand, type CommandSpec } from './args.ts';
import { EXIT, UsageError } from './errors.ts';
import { writeJson } from './files.ts';
import { withProgress } from './progress.ts';

/** The flags of `verify`. */
export const VERIFY = {
  name: 'verify',
  summary: 'explore every configuration, print the verified threat × countermeasure table and its findings, replay the paths on the implementation',
  details:
    'Exit 1 if the all-countermeasures model violates an invariant, or if the replay of the generated paths on ' +
    'the implementation (real cryptography) finds a mismatch. Threats still reachable with every countermeasure ' +
    'are findings ("not-stopped"), with the assumptions they depend on.',
  options: {
    json: { type: 'file', description: 'also write the whole report (traces included) as JSON to FILE' },
    without: {
      type: 'list',
      values: COUNTERMEASURE_IDS,
      noun: 'countermeasure',
      value: 'CM,…',
      description: 'show the attacks that open up without these countermeasures',
    },
    profile: { type: 'list', values: PROFILE_IDS, noun: 'attacker profile', value: 'P,…', description: 'attacker profiles to explore (default: all)' },
    workers: {
      type: 'integer',
      min: 1,
      max: 64,
      description: 'threads that explore, this one included (default: one per core; the others start while this one explores)',
    },
    slots: { type: 'integer', min: 1, max: 16, description: 'key slots per store (default 2; no replay when given)' },
    symmetry: { type: 'boolean', description: 'store states equal up to slot order once' },
    'no-reuse': { type: 'boolean', description: 'explore every countermeasure set, even where a result could be shared' },
    'no-replay': { type: 'boolean', description: 'skip the replay of the generated paths on the implementation' },
    sensitivity: {
      type: 'boolean',
      description: 'also explore every alternative of every switchable assumption and print what changes (about 10 s)',
    },
    record: { type: 'file', description: 'write the recorded results (proofs/recorded format) to FILE; needs the default full run' },
    quiet: { type: 'boolean', description: 'no progress on stderr' },
  },
} as const satisfies CommandSpec;

const ALL = listToMask(COUNTERMEASURE_IDS);

/** Runs `verify` with its arguments; returns the exit code. */
export async function runVerify(argv: readonly string[]): Promise<number> {
  const { values: v } = parseCommand(VERIFY, argv);
  if (v.record && (v.without || v.profile || v.slots !== undefined)) {
    throw new UsageError('--record needs the default full run (no --without, --profile or --slots)');
  }
  if (v.sensitivity && (v.without || v.profile)) throw new UsageError('--sensitivity needs every countermeasure set and profile (no --without or --profile)');
  // the worker threads boot while this thread loads the model and the report code (below)
  void prestartVerifyWorkers(verifyThreads(v.workers, MODEL_IDS.length * (v.profile ?? PROFILE_IDS).length));
  const [{ verifyVariantsParallel }, { buildReport }, { recordOf }, { renderReport }, { renderReplay, replayPaths }, sens] = await Promise.all([
    import('../proofs/parallel.ts'),
    import('../proofs/report.ts'),
    import('../proofs/recorded.ts'),
    import('./render.ts'),
    import('./replay.ts'),
    import('../proofs/sensitivity.ts'),
  ]);
  const variants = v.sensitivity ? sens.sensitivityVariants() : sens.sensitivityVariants().slice(0, 1);
  const quiet = v.quiet;
  const reduced = v.without ? ALL & ~listToMask(v.without) : null;
  const t0 = performance.now();
  const all = await withProgress('exploring', { quiet, unit: 'configurations' }, (tick) =>
    verifyVariantsParallel(
      {
        profiles: v.profile ?? [...PROFILE_IDS],
        masks: reduced === null ? undefined : [...new Set([ALL, reduced])],
        workers: v.workers,
        noReuse: v['no-reuse'],
        availability: true,
        size: { slots: v.slots, symmetry: v.symmetry },
        onProgress: (d, n) => tick(d, n),
      },
      variants.map((x) => x.settings),
    ),
  );
  const results = all[0]!;
  const sensitivity = v.sensitivity ? sens.sensitivityOf(all).entries : undefined;
  const ms = performance.now() - t0;
  const allCm = results.filter((r) => r.mask === ALL);
  const broken = allCm.some((r) => Object.values(r.violations).some(Boolean));
  if (reduced !== null) {
    const opened = results.filter((r) => r.mask === reduced);
    const { renderWithout } = await import('./without.ts');
    console.log(renderWithout(v.without!, opened, ms));
    if (v.json) writeJson(v.json, buildReport(results, ms, { without: v.without, slots: v.slots, symmetry: v.symmetry }));
  } else {
    const { checkAvailabilityVariants } = await import('../proofs/availability.ts');
    const availabilityVariants = v.slots === undefined ? checkAvailabilityVariants() : [];
    const report = buildReport(results, ms, { slots: v.slots, symmetry: v.symmetry, availabilityVariants, ...(sensitivity ? { sensitivity } : {}) });
    console.log(renderReport(report));
    if (v.json) writeJson(v.json, report);
    if (v.record) writeJson(v.record, recordOf(report));
    if (!v['no-replay'] && v.slots === undefined) {
      const replayed = await withProgress('replaying', { quiet, unit: 'paths' }, (tick) => replayPaths({ onProgress: tick }));
      console.log(`\n${renderReplay(replayed)}`);
      if (!replayed.ok) return EXIT.violation;
    }
  }
  return broken ? EXIT.violation : EXIT.ok;
}
