/**
 * Records what the reviewer site shows of the exploration beyond `proofs/recorded/verify.json`:
 * the findings with their traces, the assumption sensitivity, and, for the what-if page, every
 * configuration's reached threats and violated invariants with a shortest trace, under the
 * default settings and under each alternative means of @clause CM5 (ASM-03). One run explores
 * every variant of every switch (30–75 s on 2 cores), so the site builds in seconds;
 * `test/docs/recorded.test.ts` checks the file against `verify.json` and the current switches.
 *
 * Run with `npm run record:docs`.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { COUNTERMEASURE_IDS } from '../../spec/ids.ts';
import { PROFILE_IDS } from '../../model/config.ts';
import { verifyVariantsParallel } from '../../proofs/parallel.ts';
import { buildReport } from '../../proofs/report.ts';
import { sensitivityOf, sensitivityVariants } from '../../proofs/sensitivity.ts';
import type { ConfigResult } from '../../proofs/verify.ts';
import type { Trace } from '../../proofs/types.ts';
import { compactTrace, type CompactTrace } from './trace.ts';

/** Where the site's recorded results live, relative to the repository root. */
export const SITE_RECORD_PATH = 'proofs/recorded/site.json';

/** One configuration of one variant, for the what-if page. */
export interface WhatIfConfig {
  readonly model: string;
  readonly profile: string;
  readonly mask: number;
  /** Goal (threat) ID → index of its shortest trace in `traces`. */
  readonly reached: Readonly<Record<string, number>>;
  /** Invariant ID → index of its shortest trace in `traces`. */
  readonly violated: Readonly<Record<string, number>>;
}

/** The recorded site data. */
export interface SiteRecord {
  readonly countermeasures: readonly string[];
  readonly profiles: readonly string[];
  /** What-if variants: a label, the CM5 means, and every configuration. */
  readonly variants: readonly { readonly cm5Means: string; readonly configs: readonly WhatIfConfig[] }[];
  /** Deduplicated compact traces. */
  readonly traces: readonly CompactTrace[];
  /** The default run's findings with their traces (full, for the step-by-step pages). */
  readonly findings: readonly { id: string; summary: string; configuration: readonly string[]; trace: Trace | null }[];
  /** What each single-switch alternative changes. */
  readonly sensitivity: ReturnType<typeof sensitivityOf>['entries'];
}

/** Builds the record from every sensitivity variant's results (`results[i]` for `sensitivityVariants()[i]`). */
export function siteRecord(results: readonly (readonly ConfigResult[])[]): SiteRecord {
  const variants = sensitivityVariants();
  const traces: CompactTrace[] = [];
  const seen = new Map<string, number>();
  const ref = (t: Trace) => {
    const c = compactTrace(t);
    const k = JSON.stringify(c);
    if (!seen.has(k)) {
      seen.set(k, traces.length);
      traces.push(c);
    }
    return seen.get(k)!;
  };
  const refs = (m: Readonly<Record<string, Trace | null>>) => Object.fromEntries(Object.entries(m).flatMap(([id, t]) => (t ? [[id, ref(t)]] : [])));
  const picked = variants.flatMap((v, i) => (v.alternative === null || v.alternative.setting === 'cm5Means' ? [i] : []));
  const report = buildReport(results[0]!, 0);
  return {
    countermeasures: COUNTERMEASURE_IDS,
    profiles: PROFILE_IDS,
    variants: picked.map((i) => ({
      cm5Means: String(variants[i]!.settings.cm5Means),
      configs: results[i]!.map((r) => ({ model: r.model, profile: r.profile, mask: r.mask, reached: refs(r.reached), violated: refs(r.violations) })),
    })),
    traces,
    findings: (report.findings ?? []).map((f) => ({ id: f.id, summary: f.summary, configuration: f.configuration, trace: f.trace })),
    sensitivity: sensitivityOf(results).entries,
  };
}

/** Explores every variant and writes the record. */
async function main(): Promise<void> {
  const t0 = performance.now();
  const results = await verifyVariantsParallel(
    {},
    sensitivityVariants().map((v) => v.settings),
  );
  writeFileSync(SITE_RECORD_PATH, `${JSON.stringify(siteRecord(results))}\n`);
  console.log(`wrote ${SITE_RECORD_PATH} in ${Math.round((performance.now() - t0) / 1000)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
