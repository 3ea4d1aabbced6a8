/**
 * The PKCS#11 conformance runner: does *this* token, configured *this* way, meet CM1–CM6? It
 * reads the token's mechanisms, runs the abstract test suite through the PKCS#11 adapter (the
 * project's HSM on a `Pkcs11Backend` on the token, as edge-covering walks: every edge and refusal
 * of each model), and runs the API-level attacks (`attacks.ts`) under the project's templates and
 * under weak ones. It reports per requirement and per threat: pass, or fail with the call traces
 * that show it. It leaves nothing on the token: every object it made is destroyed, and the number
 * left (found by label) is reported.
 * @clause CM1 @clause CM2 @clause CM3 @clause CM4 @clause CM5 @clause CM6
 *
 * Errors: those of opening the token (`Pkcs11Token.open`), and `TokenError` if the token fails.
 * @module
 */
import { REQUIREMENTS } from '../../../spec/requirements.ts';
import type { RequirementId, ThreatId } from '../../../spec/ids.ts';
import { pkcs11Backends } from '../../backend/pkcs11/factory.ts';
import { mechanismName } from '../../backend/pkcs11/load.ts';
import { Pkcs11Token } from '../../backend/pkcs11/token.ts';
import { exploreModel, TARGETS } from '../explore.ts';
import { LeakScanner } from '../leak.ts';
import { NodeAdapter } from '../node-adapter.ts';
import { countsLine, junitXml, totals } from '../report.ts';
import { runSuite, type Failure, type SuiteRun, type TestResult } from '../runner.ts';
import { walkSuite } from '../walks.ts';
import { type AttackResult, type Configuration, runAttacks } from './attacks.ts';

/** Steps of the quick suite run, per model and attacker alphabet. */
export const QUICK_STEPS = 2000;

/** Schema identifier of the report. */
export const CONFORM_SCHEMA = 'onem2m-hsm/pkcs11-conform/1';

/** What to run against which token. */
export interface ConformOptions {
  readonly library: string;
  readonly label: string;
  readonly pin: string;
  /** The abstract test suite: every walk (`full`), the first QUICK_STEPS steps of each suite's first walk (`quick`), or none. */
  readonly suite: 'full' | 'quick' | 'none';
  readonly onProgress?: (line: string) => void;
}

/** A verdict with the evidence that decides it. */
export interface Verdict {
  readonly verdict: 'pass' | 'fail';
  /** For a failure: the attacks that succeeded (with their traces) or the suite's failures. */
  readonly evidence: readonly string[];
}

/** The report. */
export interface ConformReport {
  readonly schema: typeof CONFORM_SCHEMA;
  readonly token: { readonly label: string; readonly library: string; readonly mechanisms: readonly string[] };
  readonly suite: {
    readonly run: ConformOptions['suite'];
    readonly walks: number;
    readonly steps: number;
    readonly passed: number;
    readonly failures: readonly Failure[];
    readonly leaks: number;
  };
  /** The runs of the abstract test suite, one per model and attacker alphabet (walks as test purposes). */
  readonly runs: readonly SuiteRun[];
  readonly attacks: readonly AttackResult[];
  /** Per configuration (the project's templates; the weak ones), per requirement and per threat. */
  readonly verdicts: Readonly<Record<Configuration, { readonly requirements: Record<string, Verdict>; readonly threats: Record<string, Verdict> }>>;
  /** Objects on the token at the end that were not there before the run (must be 0). */
  readonly leftovers: number;
  /** Every requirement and threat passes under the project's templates, and nothing was left behind. */
  readonly ok: boolean;
}

const ALL_THREATS: readonly ThreatId[] = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'];

/** Runs the conformance checks on the token. */
export async function conform(o: ConformOptions): Promise<ConformReport> {
  const say = o.onProgress ?? (() => {});
  const token = Pkcs11Token.open({ library: o.library, label: o.label, pin: o.pin });
  try {
    const mechanisms = token.p11.C_GetMechanismList(token.slot).map(mechanismName);
    const before = new Set(token.find([]).map((h) => h.toString('hex')));
    say(`token '${o.label}': ${mechanisms.length} mechanisms`);
    const backends = pkcs11Backends(token);
    const leak = new LeakScanner();
    const suite = { run: o.suite, walks: 0, steps: 0, passed: 0, failures: [] as Failure[], leaks: 0 };
    const runs: SuiteRun[] = [];
    if (o.suite !== 'none') {
      for (const target of TARGETS) {
        const { suite: all } = walkSuite(exploreModel(target));
        const s = o.suite === 'quick' ? { ...all, tests: all.tests.slice(0, 1).map((t) => ({ ...t, steps: t.steps.slice(0, QUICK_STEPS) })) } : all;
        const r = await runSuite(s, new NodeAdapter({ leak, backends }));
        backends.releaseAll();
        runs.push(r);
        suite.walks += r.tests;
        suite.steps += r.steps;
        suite.passed += r.passed;
        suite.failures.push(...r.failures);
        say(`abstract test suite ${r.suite}: ${r.passed}/${r.tests} walks, ${r.steps} steps`);
      }
      suite.leaks = leak.hits.length;
    }
    const attacks = runAttacks(token, o.pin);
    say(`API-level attacks: ${attacks.length} runs`);
    const leftovers = token.find([]).filter((h) => !before.has(h.toString('hex'))).length;
    const suiteFailed = suite.failures.length > 0 || suite.leaks > 0 || suite.passed < suite.walks;
    const verdicts = {
      project: verdictsOf(
        attacks,
        'project',
        suiteFailed ? suite.failures.map((f) => `${f.test} step ${f.step + 1}: ${f.message}`).concat(suite.leaks ? ['key bytes in outputs'] : []) : [],
      ),
      weak: verdictsOf(attacks, 'weak', []),
    };
    const ok = Object.values(verdicts.project.requirements).every((v) => v.verdict === 'pass') && leftovers === 0;
    return { schema: CONFORM_SCHEMA, token: { label: o.label, library: o.library, mechanisms }, suite, runs, attacks, verdicts, leftovers, ok };
  } finally {
    token.close();
  }
}

function verdictsOf(attacks: readonly AttackResult[], configuration: Configuration, suiteFailures: readonly string[]) {
  const requirements: Record<string, Verdict> = {};
  const threats: Record<string, Verdict> = {};
  const won = attacks.filter((a) => a.configuration === configuration && a.outcome === 'succeeded');
  const evidence = (a: AttackResult) => `${a.id}${a.victim ? ` (${a.victim})` : ''}: ${a.trace.join('; ')}`;
  for (const r of REQUIREMENTS) {
    const e = [...won.filter((a) => a.requirements.includes(r.id as RequirementId)).map(evidence), ...suiteFailures];
    requirements[r.id] = { verdict: e.length ? 'fail' : 'pass', evidence: e };
  }
  for (const t of ALL_THREATS) {
    const e = [...won.filter((a) => a.threats.includes(t)).map(evidence), ...suiteFailures];
    threats[t] = { verdict: e.length ? 'fail' : 'pass', evidence: e };
  }
  return { requirements, threats };
}

/** The report as text: per requirement and threat, under the project's templates and under the weak ones, with traces of what failed. */
export function renderConform(r: ConformReport): string {
  const out = [`PKCS#11 conformance of token '${r.token.label}' (${r.token.library}): ${r.token.mechanisms.length} mechanisms`];
  if (r.suite.run !== 'none')
    out.push(
      `  abstract test suite (${r.suite.run}): ${countsLine(totals(r.runs)).replace('results', 'walks')}; ${r.suite.steps} steps, key bytes in outputs: ${r.suite.leaks}`,
    );
  for (const a of r.attacks) out.push(`  attack ${a.id} [${a.configuration}${a.victim ? `: ${a.victim}` : ''}]: ${a.outcome}`);
  for (const c of ['project', 'weak'] as const) {
    out.push(c === 'project' ? "  under the project's templates:" : '  under weak templates (what this token allows when keys are made the weak way):');
    const v = r.verdicts[c];
    for (const [id, x] of [...Object.entries(v.requirements), ...Object.entries(v.threats)]) {
      out.push(`    ${id.padEnd(11)} ${x.verdict.toUpperCase()}`);
      for (const e of x.evidence) out.push(`      trace: ${e}`);
    }
  }
  out.push(`  objects left on the token by this run: ${r.leftovers}`);
  out.push(r.ok ? "  the token meets every requirement under the project's templates" : "  FAIL under the project's templates (see above)");
  return out.join('\n');
}

/**
 * The report as JUnit XML: the suite runs, and the API-level attacks under the project's templates
 * as one more test suite (`pkcs11-attacks`: an attack that succeeded is a failure with its trace).
 */
export function pkcs11Junit(r: ConformReport): string {
  const mine = r.attacks.filter((a) => a.configuration === 'project');
  const results: TestResult[] = mine.map((a) => {
    const base = { id: a.id, title: a.title, kind: 'edge' as const, requirements: a.requirements, threats: a.threats, ms: 0 };
    if (a.outcome !== 'succeeded') return { ...base, status: 'passed' };
    const failure: Failure = {
      suite: 'pkcs11-attacks',
      test: a.id,
      title: a.title,
      requirements: a.requirements,
      threats: a.threats,
      step: 0,
      event: null,
      expected: 'blocked',
      actual: 'succeeded',
      message: `the attack succeeded: ${a.trace.join('; ')}`,
      trail: [],
    };
    return { ...base, status: 'failed', failure };
  });
  const failures = results.flatMap((x) => (x.failure ? [x.failure] : []));
  const attacks: SuiteRun = {
    suite: 'pkcs11-attacks',
    total: results.length,
    purposes: results.length,
    partial: 0,
    tests: results.length,
    passed: results.length - failures.length,
    failed: failures.length,
    notExercised: 0,
    notRun: 0,
    steps: 0,
    edges: 0,
    attackSteps: results.length,
    attacksRefused: results.length - failures.length,
    leakChecked: 0,
    failures,
    results,
    ms: 0,
  };
  return junitXml([...r.runs, attacks], `PKCS#11 conformance of token '${r.token.label}'`);
}
