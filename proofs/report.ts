/**
 * The verification report: everything `verify` found, as JSON-serialisable data. Built from
 * exploration results only.
 * @module
 */
import { ASSUMPTIONS } from '../spec/assumptions.ts';
import { INTERPRETATIONS } from '../spec/presuppositions.ts';
import { cmList, maskToFlags } from '../model/config.ts';
import { PROFILES } from '../model/attacker.ts';
import { deriveFindings, type Finding } from './findings.ts';
import { INVARIANTS } from './properties.ts';
import { ALL_MASK, ResultIndex, invariantRows, threatRows, type InvariantRow, type ThreatRow } from './table.ts';
import type { Trace } from './types.ts';
import type { ConfigResult } from './verify.ts';

/** One configuration's recorded outcome. */
export interface ConfigSummary {
  readonly model: string;
  readonly profile: string;
  readonly cms: string;
  readonly states: number;
  readonly transitions: number;
  readonly violated: readonly string[];
  readonly reached: readonly string[];
  /** Countermeasure set whose exploration was shared (read-set reuse), or null when explored. */
  readonly sharedWith: string | null;
}

/** An invariant's verdict with all countermeasures. */
export interface AllCmVerdict {
  readonly invariant: string;
  readonly model: string;
  readonly profile: string;
  readonly holds: boolean;
  readonly trace: Trace | null;
}

/** The whole report. */
export interface VerifyReport {
  readonly totals: { readonly configurations: number; readonly explored: number; readonly shared: number; readonly states: number; readonly transitions: number; readonly ms: number };
  readonly allCountermeasures: { readonly invariants: readonly AllCmVerdict[]; readonly threatsReached: readonly { threat: string; profile: string; trace: Trace }[] };
  readonly threats: readonly ThreatRow[];
  readonly invariants: readonly InvariantRow[];
  readonly findings: readonly Finding[];
  readonly profiles: typeof PROFILES;
  readonly assumptions: typeof ASSUMPTIONS;
  readonly interpretations: typeof INTERPRETATIONS;
  readonly configurations: readonly ConfigSummary[];
}

const setName = (mask: number) => cmList(maskToFlags(mask)).join(',') || '-';

/** One line per configuration. */
export function summarise(results: readonly ConfigResult[]): ConfigSummary[] {
  return results.map((r) => ({
    model: r.model,
    profile: r.profile,
    cms: setName(r.mask),
    states: r.states,
    transitions: r.transitions,
    violated: Object.keys(r.violations).filter((k) => r.violations[k]),
    reached: Object.keys(r.reached).filter((k) => r.reached[k]),
    sharedWith: r.sharedWith === null ? null : setName(r.sharedWith),
  }));
}

/** Builds the report from the results of every configuration. */
export function buildReport(results: readonly ConfigResult[], ms: number): VerifyReport {
  const idx = new ResultIndex(results);
  const threats = threatRows(idx);
  const explored = results.filter((r) => r.sharedWith === null);
  const all = results.filter((r) => r.mask === ALL_MASK);
  return {
    totals: {
      configurations: results.length,
      explored: explored.length,
      shared: results.length - explored.length,
      states: explored.reduce((a, r) => a + r.states, 0),
      transitions: explored.reduce((a, r) => a + r.transitions, 0),
      ms,
    },
    allCountermeasures: {
      invariants: all.flatMap((r) =>
        INVARIANTS.filter((i) => i.scopes.includes(r.model)).map((i) => ({
          invariant: i.id, model: r.model, profile: r.profile, holds: !r.violations[i.id], trace: r.violations[i.id] ?? null,
        })),
      ),
      threatsReached: all.flatMap((r) =>
        Object.entries(r.reached).flatMap(([t, trace]) => (trace ? [{ threat: t, profile: r.profile, trace }] : [])),
      ),
    },
    threats,
    invariants: invariantRows(idx),
    findings: deriveFindings(threats, idx),
    profiles: PROFILES,
    assumptions: ASSUMPTIONS,
    interpretations: INTERPRETATIONS,
    configurations: summarise(results),
  };
}
