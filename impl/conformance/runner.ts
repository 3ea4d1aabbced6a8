/**
 * Replays abstract test suites against an adapter: for every test purpose, reset, check the
 * initial state, then for every step check the outcome (and the error code of a refusal) and
 * the observable state. A test stops at its first difference; the run reports what was
 * covered and every difference found.
 * @module
 */
import type { Adapter } from './adapter.ts';
import { isAttack } from './links.ts';
import type { AbstractEvent, AbstractState, Outcome, Suite, TestPurpose } from './types.ts';

/** One difference between the implementation and the model. */
export interface Failure {
  readonly suite: string;
  readonly test: string;
  /** Step index (0-based); -1 for the initial state. */
  readonly step: number;
  readonly event: AbstractEvent | null;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly message: string;
}

/** What a suite run covered. */
export interface SuiteRun {
  readonly suite: string;
  readonly tests: number;
  readonly passed: number;
  readonly steps: number;
  /** Edge test purposes that passed (each covers one model transition). */
  readonly edges: number;
  /** Steps sent by the attacker, and how many of them the implementation refused. */
  readonly attackSteps: number;
  readonly attacksRefused: number;
  readonly failures: readonly Failure[];
}

/** Options of a run. */
export interface RunOptions {
  /** Run only the test purposes this accepts. */
  readonly filter?: (t: TestPurpose) => boolean;
  /** Stop the suite after this many failures (default 10). */
  readonly maxFailures?: number;
}

/** Structural equality of JSON-like values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A canonical JSON form (sorted keys) for comparison. */
export function canonical(x: unknown): string {
  return JSON.stringify(x, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** The name of a suite. */
export function suiteName(s: Pick<Suite, 'model' | 'profile'>): string {
  return `${s.model}-${s.profile}`;
}

/** Runs one suite. */
export async function runSuite(suite: Suite, adapter: Adapter, opts: RunOptions = {}): Promise<SuiteRun> {
  const name = suiteName(suite);
  const max = opts.maxFailures ?? 10;
  const failures: Failure[] = [];
  let tests = 0;
  let passed = 0;
  let steps = 0;
  let edges = 0;
  let attackSteps = 0;
  let attacksRefused = 0;
  for (const t of suite.tests) {
    if (opts.filter && !opts.filter(t)) continue;
    if (failures.length >= max) break;
    tests++;
    const fail = (step: number, event: AbstractEvent | null, expected: unknown, actual: unknown, message: string) =>
      failures.push({ suite: name, test: t.id, step, event, expected, actual, message });
    await adapter.reset(suite);
    const init = await adapter.observe();
    if (!sameJson(init, t.initial)) {
      fail(-1, null, t.initial, init, 'initial state differs');
      continue;
    }
    let ok = true;
    for (let i = 0; i < t.steps.length && ok; i++) {
      const s = t.steps[i]!;
      steps++;
      let got: Outcome;
      try {
        got = await adapter.step(s.event);
      } catch (e) {
        fail(i, s.event, s.outcome, String(e), `the adapter failed: ${(e as Error).message}`);
        ok = false;
        break;
      }
      const want: Outcome = s.outcome === 'refused' ? { outcome: 'refused', error: s.error } : { outcome: 'accepted' };
      if (isAttack(s.event)) {
        attackSteps++;
        if (got.outcome === 'refused') attacksRefused++;
      }
      if (!sameJson(got, want)) {
        fail(i, s.event, want, got, 'outcome differs');
        ok = false;
        break;
      }
      const state: AbstractState = await adapter.observe();
      if (!sameJson(state, s.state)) {
        fail(i, s.event, s.state, state, 'observable state differs');
        ok = false;
      }
    }
    if (ok) {
      passed++;
      if (t.kind === 'edge') edges++;
    }
  }
  return { suite: name, tests, passed, steps, edges, attackSteps, attacksRefused, failures };
}
