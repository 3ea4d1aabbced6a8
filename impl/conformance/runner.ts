/**
 * Replays abstract test suites against an adapter: for every test purpose, reset, check the
 * initial state, then for every step check the outcome (and the error code of a refusal) and
 * the observable state. A test stops at its first difference. A test purpose that needs an
 * attacker capability the adapter does not declare is not exercised (never passed); of a
 * refusals test purpose, the events that need none are run and the rest reported apart
 * (`<id>/not-exercised`); after
 * `maxFailures` failures the rest of the suite is not run, and the run says how many.
 * @module
 */
import type { Adapter } from './adapter.ts';
import { CapabilityNeeds, INTERFACE_CAPABILITIES, type CapabilityId } from './capabilities.ts';
import { LeakScanner } from './leak.ts';
import { isAttack } from './links.ts';
import type { AbstractEvent, AbstractState, Outcome, Suite, TestPurpose } from './types.ts';
import type { RequirementId, ThreatId } from '../../spec/ids.ts';

/** One step of a failed test purpose as it ran: the event, the outcome expected and the one got. */
export interface TrailStep {
  readonly step: number;
  readonly event: AbstractEvent;
  readonly expected: Outcome;
  /** The outcome the adapter gave, or the adapter's own error message. */
  readonly actual: Outcome | string;
}

/** One difference between the implementation and the model. */
export interface Failure {
  readonly suite: string;
  readonly test: string;
  readonly title: string;
  readonly requirements: readonly RequirementId[];
  readonly threats: readonly ThreatId[];
  /** Step index (0-based); -1 for the initial state. */
  readonly step: number;
  readonly event: AbstractEvent | null;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly message: string;
  /** The steps from the start of the test purpose to the failing one, included. */
  readonly trail: readonly TrailStep[];
}

/** What became of one test purpose. */
export interface TestResult {
  readonly id: string;
  readonly title: string;
  readonly kind: TestPurpose['kind'];
  readonly requirements: readonly RequirementId[];
  readonly threats: readonly ThreatId[];
  /** `not-exercised`: it needs a capability the adapter does not declare; `not-run`: cut off by `maxFailures`. */
  readonly status: 'passed' | 'failed' | 'not-exercised' | 'not-run';
  /** The capabilities it needs that the adapter does not declare (`not-exercised`). */
  readonly missing?: readonly CapabilityId[];
  readonly failure?: Failure;
  readonly ms: number;
}

/** What a suite run covered. */
export interface SuiteRun {
  readonly suite: string;
  /** Results (JUnit test cases): passed + failed + not exercised + not run. A refusals test purpose partly exercised gives two. */
  readonly total: number;
  /** Test purposes selected (after `filter`). */
  readonly purposes: number;
  /** Refusals test purposes run without the events that need an undeclared capability (those reported as `<id>/not-exercised`). */
  readonly partial: number;
  /** Test purposes run. */
  readonly tests: number;
  readonly passed: number;
  readonly failed: number;
  /** Test purposes that need a capability the adapter does not declare. */
  readonly notExercised: number;
  /** Test purposes left after `maxFailures` failures. */
  readonly notRun: number;
  readonly steps: number;
  /** Edge test purposes that passed (each covers one model transition). */
  readonly edges: number;
  /** Steps sent by the attacker, and how many of them the implementation refused. */
  readonly attackSteps: number;
  readonly attacksRefused: number;
  /** Steps whose `discovered` the runner checked against its own leak scan (adapters with `secrets`). */
  readonly leakChecked: number;
  readonly failures: readonly Failure[];
  readonly results: readonly TestResult[];
  readonly ms: number;
}

/** Options of a run. */
export interface RunOptions {
  /** Run only the test purposes this accepts. */
  readonly filter?: (t: TestPurpose) => boolean;
  /** Stop the suite after this many failures (default 10; `Infinity`: never); the rest is reported as not run. */
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

/** The outcome part of a step result (without `output`). */
function outcomeOf(r: Outcome): Outcome {
  return r.outcome === 'refused' ? { outcome: 'refused', error: r.error } : { outcome: 'accepted' };
}

/** Runs one suite. */
export async function runSuite(suite: Suite, adapter: Adapter, opts: RunOptions = {}): Promise<SuiteRun> {
  const t0 = performance.now();
  const name = suiteName(suite);
  const max = opts.maxFailures ?? 10;
  const needs = new CapabilityNeeds(suite);
  const have = new Set(adapter.capabilities ?? INTERFACE_CAPABILITIES);
  const failures: Failure[] = [];
  const results: TestResult[] = [];
  const n = { steps: 0, edges: 0, attackSteps: 0, attacksRefused: 0, leakChecked: 0 };
  let purposes = 0;
  let partial = 0;
  for (const whole of suite.tests) {
    if (opts.filter && !opts.filter(whole)) continue;
    const base = { id: whole.id, title: whole.title, kind: whole.kind, requirements: whole.requirements, threats: whole.threats };
    const missing = needs.missing(whole, have);
    const t = missing.length > 0 ? exercisable(whole, needs, have) : whole;
    if (missing.length > 0) results.push({ ...base, ...(t ? { id: `${whole.id}/not-exercised` } : {}), status: 'not-exercised', missing, ms: 0 });
    purposes++;
    if (!t) continue;
    if (missing.length > 0) partial++;
    if (failures.length >= max) {
      results.push({ ...base, status: 'not-run', ms: 0 });
      continue;
    }
    const started = performance.now();
    const failure = await runPurpose(name, t, suite, adapter, n);
    if (failure) failures.push(failure);
    else if (t.kind === 'edge') n.edges++;
    results.push({ ...base, status: failure ? 'failed' : 'passed', ...(failure ? { failure } : {}), ms: performance.now() - started });
  }
  const count = (s: TestResult['status']) => results.filter((r) => r.status === s).length;
  const passed = count('passed');
  return {
    suite: name,
    total: results.length,
    purposes,
    partial,
    tests: passed + failures.length,
    passed,
    failed: failures.length,
    notExercised: count('not-exercised'),
    notRun: count('not-run'),
    ...n,
    failures,
    results,
    ms: performance.now() - t0,
  };
}

/**
 * The part of a refusals test purpose an adapter can exercise: its prefix, then the refused or
 * absorbed events that need no missing capability. Each of them leaves the state as it was, so
 * leaving some out changes nothing the others expect. Null for an edge test purpose, or when the
 * prefix or every tested event needs a missing capability.
 */
function exercisable(t: TestPurpose, needs: CapabilityNeeds, have: ReadonlySet<CapabilityId>): TestPurpose | null {
  if (t.kind !== 'refusals') return null;
  const ok = (s: TestPurpose['steps'][number]) => needs.of(s.event).every((c) => have.has(c));
  if (!t.steps.slice(0, t.prefix).every(ok)) return null;
  const tested = t.steps.slice(t.prefix).filter(ok);
  return tested.length === 0 ? null : { ...t, steps: [...t.steps.slice(0, t.prefix), ...tested] };
}

type Counters = { steps: number; attackSteps: number; attacksRefused: number; leakChecked: number };

/** Runs one test purpose; its failure, or null when it passes. */
async function runPurpose(name: string, t: TestPurpose, suite: Suite, adapter: Adapter, n: Counters): Promise<Failure | null> {
  const trail: TrailStep[] = [];
  const fail = (step: number, event: AbstractEvent | null, expected: unknown, actual: unknown, message: string): Failure => ({
    suite: name,
    test: t.id,
    title: t.title,
    requirements: t.requirements,
    threats: t.threats,
    step,
    event,
    expected,
    actual,
    message,
    trail,
  });
  const broke = (step: number, event: AbstractEvent | null, what: string, e: unknown) =>
    fail(step, event, what, String(e), `the adapter failed in ${what}: ${(e as Error)?.message ?? String(e)}`);
  let init: AbstractState;
  try {
    await adapter.reset(suite);
    init = await adapter.observe();
  } catch (e) {
    return broke(-1, null, 'reset', e);
  }
  if (!sameJson(init, t.initial)) return fail(-1, null, t.initial, init, 'initial state differs');
  const scanner = adapter.secrets ? new LeakScanner() : null;
  const known = new Set<string>();
  for (let i = 0; i < t.steps.length; i++) {
    const s = t.steps[i]!;
    n.steps++;
    const want = outcomeOf(s);
    let got: Outcome;
    let output: unknown;
    try {
      const r = await adapter.step(s.event);
      got = outcomeOf(r);
      output = r.output;
    } catch (e) {
      trail.push({ step: i, event: s.event, expected: want, actual: `adapter error: ${(e as Error).message}` });
      return fail(i, s.event, want, String(e), `the adapter failed: ${(e as Error).message}`);
    }
    trail.push({ step: i, event: s.event, expected: want, actual: got });
    if (isAttack(s.event)) {
      n.attackSteps++;
      if (got.outcome === 'refused') n.attacksRefused++;
    }
    if (!sameJson(got, want)) return fail(i, s.event, want, got, 'outcome differs');
    let state: AbstractState;
    try {
      state = await adapter.observe();
    } catch (e) {
      return broke(i, s.event, 'observe', e);
    }
    if (scanner && adapter.secrets) {
      for (const key of adapter.secrets()) {
        const hex = Buffer.from(key).toString('hex');
        if (known.has(hex)) continue;
        known.add(hex);
        scanner.addKey(`legit:${known.size}`, key);
      }
      const before = scanner.legitMatches;
      scanner.scan(`output of step ${i + 1}`, output);
      const found = scanner.legitMatches > before;
      n.leakChecked++;
      if (found !== state.discovered)
        return fail(
          i,
          s.event,
          { discovered: found },
          { discovered: state.discovered },
          `the adapter reports discovered=${state.discovered}, the runner's leak scan of its output found ${found ? 'a legitimate key' : 'none'}`,
        );
    }
    if (!sameJson(state, s.state)) return fail(i, s.event, s.state, state, 'observable state differs');
  }
  return null;
}
