/**
 * `onem2m-hsm gen-tests --out DIR [--model device,server] [--profile physical,insider]`:
 * generates the abstract test suite from the verified model (all countermeasures) and writes
 * it as JSON: `index.json`, one `<model>-<profile>.json` per suite, and their JSON Schemas, with
 * the behaviour reference generated from the same explored model (`BEHAVIOUR.md`, `behaviour.json`).
 * Each test purpose (`TP-…`) cites the requirements and threats it exercises and lists abstract
 * steps with the expected outcome and observable state. See `docs/ADAPTER.md`.
 * @module
 */
import type { Target } from '../impl/conformance/explore.ts';
import { SUITE_SCHEMA } from '../impl/conformance/types.ts';
import { parseCommand, type CommandSpec } from './args.ts';
import { EXIT } from './errors.ts';
import { writing } from './files.ts';
import { withProgress } from './progress.ts';

/** The flags of `gen-tests`. */
export const GEN_TESTS = {
  name: 'gen-tests',
  summary: 'write the abstract test suite for implementers (docs/ADAPTER.md)',
  details: 'One JSON file per model and attacker alphabet, an index and their JSON Schemas.',
  options: {
    out: { type: 'dir', required: true, description: 'folder to write into (created if its parent folder exists)' },
    model: { type: 'list', values: ['device', 'server'], noun: 'model', value: 'M,…', description: 'models (default: both)' },
    profile: { type: 'list', values: ['physical', 'insider'], noun: 'profile', value: 'P,…', description: 'attacker alphabets (default: both)' },
    quiet: { type: 'boolean', description: 'no progress on stderr' },
  },
} as const satisfies CommandSpec;

/** The targets among `all` selected by the models and profiles (default: every one). */
export function selectTargets(all: readonly Target[], models?: readonly string[], profiles?: readonly string[]): Target[] {
  return all.filter((t) => (models ?? [t.model]).includes(t.model) && (profiles ?? [t.profile]).includes(t.profile));
}

/** Runs `gen-tests`; returns the exit code. */
export async function runGenTests(argv: readonly string[], out: (line: string) => void = console.log): Promise<number> {
  const { values: v } = parseCommand(GEN_TESTS, argv);
  const [{ TARGETS, exploreModel }, { buildSuite }, { writeSuites, writeBehaviour }] = await Promise.all([
    import('../impl/conformance/explore.ts'),
    import('../impl/conformance/suite.ts'),
    import('../impl/conformance/export.ts'),
  ]);
  const targets = selectTargets(TARGETS, v.model, v.profile);
  const index = await withProgress('generating', { quiet: v.quiet, unit: 'suites' }, (tick) => {
    const graphs = targets.map((t, i) => {
      tick(i, targets.length);
      return exploreModel(t);
    });
    const suites = graphs.map((g) => buildSuite(g.target, g));
    tick(targets.length, targets.length);
    return writing(v.out, () => {
      const written = writeSuites(v.out, suites);
      writeBehaviour(v.out, graphs);
      return written;
    });
  });
  out(`Abstract test suite (schema ${SUITE_SCHEMA}) written to ${v.out}:`);
  for (const s of index.suites) {
    out(`  ${s.file.padEnd(22)} ${s.states} states, ${s.edges} edges, ${s.tests} test purposes, ${s.steps} steps`);
  }
  const sum = (k: 'tests' | 'steps' | 'edges') => index.suites.reduce((n, s) => n + s[k], 0);
  out(`  total: ${sum('tests')} test purposes, ${sum('steps')} steps, ${sum('edges')} edges; schemas: schema.json, index.schema.json`);
  out('  behaviour reference (generated from the model): BEHAVIOUR.md, behaviour.json');
  return EXIT.ok;
}
