/**
 * `onem2m-hsm gen-tests --out DIR [--model device,server] [--profile physical,insider]`:
 * generates the abstract test suite from the verified model (all countermeasures) and writes
 * it as JSON: `index.json`, one `<model>-<profile>.json` per suite, and their JSON Schemas.
 * Each test purpose (`TP-…`) cites the requirements and threats it exercises and lists abstract
 * steps with the expected outcome and observable state. See `docs/ADAPTER.md`.
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { TARGETS, type Target } from '../impl/conformance/explore.ts';
import { writeSuites } from '../impl/conformance/export.ts';
import { buildSuites } from '../impl/conformance/suite.ts';
import { parseArgs } from './args.ts';
import { EXIT, UsageError } from './errors.ts';

const FLAGS = { out: 'string', model: 'string', profile: 'string' } as const;

/** The targets selected by `--model` and `--profile` (default: all). */
export function selectTargets(model: unknown, profile: unknown): Target[] {
  const pick = <T extends string>(v: unknown, known: readonly T[], what: string): readonly T[] => {
    if (typeof v !== 'string') return known;
    const list = v.split(',').map((x) => x.trim());
    for (const x of list) if (!(known as readonly string[]).includes(x)) throw new UsageError(`unknown ${what} '${x}' (known: ${known.join(', ')})`);
    return list as T[];
  };
  const models = pick(model, ['device', 'server'] as const, 'model');
  const profiles = pick(profile, ['physical', 'insider'] as const, 'profile');
  return TARGETS.filter((t) => models.includes(t.model) && profiles.includes(t.profile));
}

/** Runs `gen-tests`; returns the exit code. */
export async function runGenTests(argv: readonly string[], out: (line: string) => void = console.log): Promise<number> {
  const { flags } = parseArgs(argv, FLAGS);
  if (typeof flags.out !== 'string') throw new UsageError('gen-tests needs --out DIR');
  const dir = resolve(flags.out);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`cannot write into ${flags.out}: it is a file`);
  if (!existsSync(dir) && !existsSync(dirname(dir))) throw new UsageError(`cannot create ${flags.out}: folder ${dirname(dir)} does not exist`);
  const targets = selectTargets(flags.model, flags.profile);
  const index = writeSuites(dir, buildSuites(targets));
  out(`Abstract test suite (schema onem2m-hsm/abstract-tests/1) written to ${flags.out}:`);
  for (const s of index.suites) {
    out(`  ${s.file.padEnd(22)} ${s.states} states, ${s.edges} edges, ${s.tests} test purposes, ${s.steps} steps`);
  }
  const sum = (k: 'tests' | 'steps' | 'edges') => index.suites.reduce((n, s) => n + s[k], 0);
  out(`  total: ${sum('tests')} test purposes, ${sum('steps')} steps, ${sum('edges')} edges; schemas: schema.json, index.schema.json`);
  return EXIT.ok;
}
