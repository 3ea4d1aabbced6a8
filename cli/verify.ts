/**
 * `onem2m-hsm verify`: explores every configuration and prints the verified table, or, with
 * `--without CMs`, the attacks that open up when those countermeasures are removed.
 * @module
 */
import { COUNTERMEASURE_IDS, type CountermeasureId } from '../spec/ids.ts';
import { ConfigError, PROFILE_IDS, listToMask, parseCmList, type ProfileId } from '../model/config.ts';
import { verifyParallel } from '../proofs/parallel.ts';
import { buildReport } from '../proofs/report.ts';
import type { ConfigResult } from '../proofs/verify.ts';
import { recordOf } from '../proofs/recorded.ts';
import { ALL_MASK } from '../proofs/table.ts';
import { parseArgs } from './args.ts';
import { traceLines } from './describe.ts';
import { EXIT, UsageError } from './errors.ts';
import { checkWritable, writeJson } from './files.ts';
import { progress } from './progress.ts';
import { renderReport } from './render.ts';
import { renderReplay, replayPaths } from './replay.ts';

const FLAGS = { json: 'string', record: 'string', slots: 'string', symmetry: 'boolean', 'no-replay': 'boolean', without: 'string', profile: 'string', workers: 'string', 'no-reuse': 'boolean', quiet: 'boolean' } as const;

/** Runs `verify` with its arguments; returns the exit code. */
export async function runVerify(argv: readonly string[]): Promise<number> {
  const { flags } = parseArgs(argv, FLAGS);
  let without: CountermeasureId[] | null = null;
  try {
    if (typeof flags.without === 'string') without = parseCmList(flags.without);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  const profiles = parseProfiles(flags.profile);
  const workers = flags.workers === undefined ? undefined : Number(flags.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64)) throw new UsageError(`--workers must be an integer from 1 to 64, got '${flags.workers}'`);
  const slots = flags.slots === undefined ? undefined : Number(flags.slots);
  if (slots !== undefined && !(Number.isInteger(slots) && slots >= 1 && slots <= 16)) throw new UsageError(`--slots must be an integer from 1 to 16, got '${flags.slots}'`);
  const json = typeof flags.json === 'string' ? flags.json : null;
  if (json) checkWritable(json);
  const record = typeof flags.record === 'string' ? flags.record : null;
  if (record) checkWritable(record);
  if (record && (flags.without !== undefined || flags.profile !== undefined || flags.slots !== undefined)) {
    throw new UsageError('--record needs the default full run (no --without, --profile or --slots)');
  }
  const quiet = flags.quiet === true;
  const reduced = without ? ALL_MASK & ~listToMask(without) : null;
  const masks = reduced === null ? undefined : [...new Set([ALL_MASK, reduced])];
  const bar = progress('exploring', quiet);
  const t0 = performance.now();
  const results = await verifyParallel({
    profiles, masks, workers, noReuse: flags['no-reuse'] === true, size: { slots, symmetry: flags.symmetry === true },
    onProgress: (d, n) => bar.tick(d, n),
  });
  bar.end();
  const ms = performance.now() - t0;
  const allCm = results.filter((r) => r.mask === ALL_MASK);
  const broken = allCm.some((r) => Object.values(r.violations).some(Boolean) || Object.values(r.reached).some(Boolean));
  if (reduced !== null) {
    const opened = results.filter((r) => r.mask === reduced);
    console.log(renderWithout(without!, opened, ms));
    if (json) writeJson(json, { without, configurations: opened });
  } else {
    const report = buildReport(results, ms);
    console.log(renderReport(report));
    if (json) writeJson(json, report);
    if (record) writeJson(record, recordOf(report));
    if (flags['no-replay'] !== true && slots === undefined) {
      const replayed = await replayPaths();
      console.log(`\n${renderReplay(replayed)}`);
      if (!replayed.ok) return EXIT.violation;
    }
  }
  return broken ? EXIT.violation : EXIT.ok;
}

function parseProfiles(v: string | boolean | undefined): ProfileId[] {
  if (typeof v !== 'string') return [...PROFILE_IDS];
  const ps = v.split(',').map((p) => p.trim());
  for (const p of ps) if (!(PROFILE_IDS as readonly string[]).includes(p)) throw new UsageError(`unknown attacker profile '${p}' (known: ${PROFILE_IDS.join(', ')})`);
  return ps as ProfileId[];
}

function renderWithout(without: readonly CountermeasureId[], opened: readonly ConfigResult[], ms: number): string {
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
