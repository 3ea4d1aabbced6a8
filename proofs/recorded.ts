/**
 * Recorded results: the part of a report that must not change unless the model does — every
 * configuration's state and transition counts and verdicts, the minimal sets, and the findings.
 * Committed as `proofs/recorded/verify.json`; a test recomputes it and compares.
 * @module
 */
import type { VerifyReport } from './report.ts';

/** Where the recorded results live, relative to the repository root. */
export const RECORDED_PATH = 'proofs/recorded/verify.json';

/** The recorded subset of a report; the report must cover every configuration (`scope.complete`). */
export function recordOf(r: VerifyReport) {
  if (!r.threats || !r.invariants || !r.findings) throw new Error('recordOf needs a report over every countermeasure set (scope.complete)');
  return {
    totals: { configurations: r.totals.configurations, explored: r.totals.explored, states: r.totals.states, transitions: r.totals.transitions },
    threats: r.threats.map((t) => ({
      threat: t.threat,
      listed: t.listed,
      ...Object.fromEntries(
        Object.entries(t.profiles).map(([p, v]) => [
          p,
          { minimalSets: v.minimalSets, necessary: v.necessary, reachable: v.bad.map((b) => (b ? '#' : '.')).join('') },
        ]),
      ),
    })),
    invariants: r.invariants.map((i) => ({
      invariant: i.invariant,
      model: i.model,
      ...Object.fromEntries(
        Object.entries(i.profiles).map(([p, v]) => [p, { minimalSets: v.minimalSets, violated: v.bad.map((b) => (b ? '#' : '.')).join('') }]),
      ),
    })),
    availability: (r.availability?.rows ?? []).map((a) => ({
      goal: a.goal,
      kind: a.kind,
      ...Object.fromEntries(
        Object.entries(a.profiles).map(([p, v]) => [p, { minimalSets: v.minimalSets, reached: v.bad.map((b) => (b ? '#' : '.')).join('') }]),
      ),
    })),
    findings: r.findings.map((f) => ({
      id: f.id,
      kind: f.kind,
      threat: f.threat,
      countermeasure: f.countermeasure,
      profiles: f.profiles,
      traceLength: f.trace?.steps.length ?? null,
    })),
    configurations: r.configurations.map(
      (c) =>
        `${c.model} ${c.profile} ${c.cms}: ${c.states} states, ${c.transitions} transitions; violated ${c.violated.join(',') || '-'}; reached ${c.reached.join(',') || '-'}`,
    ),
  };
}

/** The type of a recorded result. */
export type Recorded = ReturnType<typeof recordOf>;
