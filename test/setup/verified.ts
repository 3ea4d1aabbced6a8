/**
 * Global setup of the test run: the full verification (every model, attacker profile and
 * countermeasure set) is explored once per run and shared with every test file that needs it
 * (`test/support/verified.ts`), instead of each file exploring it again. The results are kept in
 * `node_modules/.cache/onem2m-hsm/`, under a digest of everything they depend on (the sources of
 * spec/, model/ and proofs/, and the lockfile), so an unchanged model is not explored twice and a
 * changed one always is; a fresh clone (CI) always explores.
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { verifyParallel } from '../../proofs/parallel.ts';

const root = new URL('../../', import.meta.url).pathname;

/** Every file the verification results depend on, in a stable order. */
function inputs(): string[] {
  const out: string[] = [join(root, 'package-lock.json')];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|json|txt)$/.test(name) && !p.includes(`${join('proofs', 'recorded')}`)) out.push(p);
    }
  };
  for (const d of ['spec', 'model', 'proofs']) walk(join(root, d));
  return out;
}

/** Digest of the inputs (paths and contents). */
export function inputsDigest(): string {
  const h = createHash('sha256');
  for (const f of inputs()) h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 16);
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the JSON file holding the full verification results of this run. */
    verifiedResultsFile: string;
  }
}

/** Explores (or finds in the cache) the full verification and provides its file to the tests. */
export default async function setup(project: TestProject): Promise<void> {
  const dir = join(root, 'node_modules', '.cache', 'onem2m-hsm');
  const file = join(dir, `verify-${inputsDigest()}.json`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const t0 = performance.now();
    const results = await verifyParallel({ availability: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ ms: performance.now() - t0, results }));
    renameSync(tmp, file);
  }
  project.provide('verifiedResultsFile', file);
}
