/**
 * Writing and reading the exported suites: `index.json`, one `<model>-<profile>.json` per
 * suite, and their schemas (`schema.json`, `index.schema.json`). Reading validates every file
 * against the published schema.
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelBehaviour } from './behaviour.ts';
import { behaviourMarkdown } from './behaviour-doc.ts';
import type { ModelGraph } from './explore.ts';
import { INDEX_JSON_SCHEMA, SUITE_JSON_SCHEMA, validateIndex, validateSuite } from './schema.ts';
import { suiteName } from './runner.ts';
import { INDEX_SCHEMA, type Suite, type SuiteIndex } from './types.ts';

/** Writes `suites` into `dir` (created if missing; its parent folder must exist); returns the index. */
export function writeSuites(dir: string, suites: readonly Suite[]): SuiteIndex {
  if (!existsSync(dir)) mkdirSync(dir);
  const index: SuiteIndex = {
    schema: INDEX_SCHEMA,
    suites: suites.map((s) => ({ file: `${suiteName(s)}.json`, model: s.model, profile: s.profile, ...s.stats })),
  };
  for (const s of suites) writeFileSync(join(dir, `${suiteName(s)}.json`), `${JSON.stringify(s)}\n`);
  writeFileSync(join(dir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  writeFileSync(join(dir, 'schema.json'), `${JSON.stringify(SUITE_JSON_SCHEMA, null, 2)}\n`);
  writeFileSync(join(dir, 'index.schema.json'), `${JSON.stringify(INDEX_JSON_SCHEMA, null, 2)}\n`);
  return index;
}

/** Reads and validates the suites in `dir`; throws naming the file and the first violations. */
export function readSuites(dir: string): Suite[] {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as unknown;
  const bad = validateIndex(index);
  if (bad.length) throw new Error(`index.json does not follow its schema: ${bad.slice(0, 3).join('; ')}`);
  return (index as SuiteIndex).suites.map(({ file }) => {
    const suite = JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
    const errs = validateSuite(suite);
    if (errs.length) throw new Error(`${file} does not follow schema.json: ${errs.slice(0, 3).join('; ')}`);
    return suite as Suite;
  });
}

/** The behaviour reference of the models explored in `graphs`, generated from them. @clause CM6 */
export function behaviourOf(graphs: readonly ModelGraph[]) {
  const models = (['device', 'server'] as const).filter((m) => graphs.some((g) => g.target.model === m));
  return models.map((m) =>
    modelBehaviour(
      m,
      graphs.filter((g) => g.target.model === m),
    ),
  );
}

/** Writes the behaviour reference of `graphs` into `dir`: `BEHAVIOUR.md` and `behaviour.json`. */
export function writeBehaviour(dir: string, graphs: readonly ModelGraph[]): void {
  const models = behaviourOf(graphs);
  writeFileSync(join(dir, 'BEHAVIOUR.md'), behaviourMarkdown(models));
  writeFileSync(join(dir, 'behaviour.json'), `${JSON.stringify(models, null, 2)}\n`);
}
