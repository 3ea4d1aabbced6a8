/**
 * Everything the site is generated from, loaded once: the specification (`spec/`), the
 * invariants and goals (`proofs/properties.ts`), the mechanisms (`model/mechanisms.ts`), the
 * recorded verification (`proofs/recorded/verify.json`), the recorded site data
 * (`proofs/recorded/site.json`, see `record.ts`) and the test files that cite each ID (found by
 * scanning `test/` at build time). Only paths inside the checkout are read.
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RECORDED_PATH, type Recorded } from '../../proofs/recorded.ts';
import { SITE_RECORD_PATH, type SiteRecord } from './record.ts';

/** The repository root (this file is `scripts/docs/data.ts`). */
export const ROOT = new URL('../../', import.meta.url).pathname;

/** IDs a test can cite: threats, countermeasures, requirements, definitions, invariants, assumptions, interpretations. */
const ID_PATTERN = /\b(?:T[1-6]|CM[1-6]|REQ-CM\d-\d\d|(?:DEF|ACR)-[A-Z-]*[A-Z]|INV-[A-Z-]*[A-Z]|ASM-\d\d|INT-[A-Z0-9-]*[A-Z0-9])\b/g;

/** The test files (relative paths, sorted) and the IDs each cites; the site's own tests (`test/docs/`) are left out. */
export function scanTests(dir = join(ROOT, 'test')): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (relative(ROOT, p) !== join('test', 'docs')) walk(p);
      } else if (name.endsWith('.test.ts')) out.set(relative(ROOT, p), new Set(readFileSync(p, 'utf8').match(ID_PATTERN) ?? []));
    }
  };
  walk(dir);
  return out;
}

/** The test files that cite `id`. */
export function testsCiting(tests: ReadonlyMap<string, ReadonlySet<string>>, id: string): string[] {
  return [...tests].filter(([, ids]) => ids.has(id)).map(([f]) => f);
}

/** The data every page generator receives. */
export interface SiteData {
  readonly recorded: Recorded;
  readonly site: SiteRecord;
  readonly tests: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Loads the site data from the checkout. */
export function loadData(): SiteData {
  return {
    recorded: JSON.parse(readFileSync(join(ROOT, RECORDED_PATH), 'utf8')) as Recorded,
    site: JSON.parse(readFileSync(join(ROOT, SITE_RECORD_PATH), 'utf8')) as SiteRecord,
    tests: scanTests(),
  };
}
