/**
 * Reports of a conformance run: the human summary (per suite: passed, failed, not exercised and
 * not run, each counted apart; every failure with its test purpose, title, requirements, threats
 * and the steps from the start to the failing one, expected against actual) and JUnit XML, the
 * format CI systems read (a `<testsuite>` per suite, a `<testcase>` per test purpose, `<failure>`
 * for a difference, `<skipped>` for a test purpose not exercised or not run). No report carries
 * key bytes: a step's output is scanned, never printed.
 * @module
 */
import { describeEvent } from './describe.ts';
import type { Failure, SuiteRun, TrailStep } from './runner.ts';
import type { Outcome } from './types.ts';

/** An outcome in one word or two: `accepted`, `refused STALE_NONCE`. */
export function outcomeText(o: Outcome | string): string {
  if (typeof o === 'string') return o;
  return o.outcome === 'refused' ? `refused ${o.error}` : 'accepted';
}

/** A step of a trail as one line. */
function trailLine(s: TrailStep): string {
  const same = typeof s.actual !== 'string' && outcomeText(s.actual) === outcomeText(s.expected);
  return `step ${s.step + 1}: ${describeEvent(s.event)} — expected ${outcomeText(s.expected)}, ${same ? 'got the same' : `got ${outcomeText(s.actual)}`}`;
}

/** A failure as lines: what, where, why, and how the test got there. */
export function failureLines(f: Failure): string[] {
  const out = [
    `${f.test} (${f.suite}) ${f.title}`,
    `  requirements: ${f.requirements.join(', ') || '—'}; threats: ${f.threats.join(', ') || '—'}`,
    `  ${f.step < 0 ? 'initial state' : `step ${f.step + 1}`}: ${f.message}`,
  ];
  for (const s of f.trail) out.push(`    ${trailLine(s)}`);
  if (f.message !== 'outcome differs' && !f.message.startsWith('the adapter failed')) {
    out.push(`    expected: ${JSON.stringify(f.expected)}`, `    actual:   ${JSON.stringify(f.actual)}`);
  }
  return out;
}

/** The sums over runs. */
export function totals(runs: readonly SuiteRun[]) {
  const sum = (k: 'total' | 'passed' | 'failed' | 'notExercised' | 'notRun' | 'steps' | 'leakChecked') => runs.reduce((n, r) => n + r[k], 0);
  return {
    total: sum('total'),
    passed: sum('passed'),
    failed: sum('failed'),
    notExercised: sum('notExercised'),
    notRun: sum('notRun'),
    steps: sum('steps'),
    leakChecked: sum('leakChecked'),
  };
}

/** One line of counts. */
export function countsLine(c: { total: number; passed: number; failed: number; notExercised: number; notRun: number }): string {
  return `${c.total} results: ${c.passed} passed, ${c.failed} failed, ${c.notExercised} not exercised, ${c.notRun} not run`;
}

/** The human summary of `runs`: counts per suite and in all, the capabilities not exercised, and each failure. */
export function renderRuns(runs: readonly SuiteRun[]): string {
  const out: string[] = [];
  for (const r of runs) {
    out.push(`${r.suite}: ${countsLine(r)} (${r.steps} steps, ${(r.ms / 1000).toFixed(1)} s)`);
    if (r.partial > 0)
      out.push(
        `  ${r.purposes} test purposes selected; ${r.partial} refusals test purposes run without their events that need an undeclared capability (reported apart as <id>/not-exercised)`,
      );
    const missing = new Map<string, number>();
    for (const t of r.results) for (const c of t.missing ?? []) missing.set(c, (missing.get(c) ?? 0) + 1);
    if (missing.size > 0) out.push(`  not exercised (capabilities the adapter does not declare): ${[...missing].map(([c, k]) => `${c} (${k})`).join(', ')}`);
    if (r.notRun > 0) out.push(`  not run: ${r.notRun} test purposes after ${r.failed} failures (--max-failures)`);
  }
  const t = totals(runs);
  out.push(`total: ${countsLine(t)}; ${t.steps} steps${t.leakChecked ? `, ${t.leakChecked} checked by the leak scan` : ''}`);
  const failures = runs.flatMap((r) => r.failures);
  if (failures.length > 0) {
    out.push('', 'failures:');
    for (const f of failures) out.push(...failureLines(f));
  }
  return out.join('\n');
}

/** `s` escaped for XML text and attributes (characters XML 1.0 does not allow dropped). */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const attrs = (a: Record<string, string | number>) =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');

/** The runs as JUnit XML: `<testsuites>`, a `<testsuite>` per suite, a `<testcase>` per test purpose. */
export function junitXml(runs: readonly SuiteRun[], name = 'onem2m-hsm conformance'): string {
  const t = totals(runs);
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name, tests: t.total, failures: t.failed, errors: 0, skipped: t.notExercised + t.notRun, time: secs(runs.reduce((n, r) => n + r.ms, 0)) })}>`,
  ];
  for (const r of runs) {
    out.push(`  <testsuite${attrs({ name: r.suite, tests: r.total, failures: r.failed, errors: 0, skipped: r.notExercised + r.notRun, time: secs(r.ms) })}>`);
    for (const c of r.results) {
      const head = `    <testcase${attrs({ classname: r.suite, name: `${c.id} ${c.title}`, time: secs(c.ms) })}`;
      const props = `      <properties><property${attrs({ name: 'requirements', value: c.requirements.join(' ') })}/><property${attrs({ name: 'threats', value: c.threats.join(' ') })}/></properties>`;
      if (c.status === 'passed') {
        out.push(`${head}>`, props, '    </testcase>');
      } else if (c.status === 'failed' && c.failure) {
        const f = c.failure;
        out.push(
          `${head}>`,
          props,
          `      <failure${attrs({ message: `${f.message} (${c.requirements.join(', ')})`, type: 'ConformanceFailure' })}>${xmlEscape(failureLines(f).join('\n'))}</failure>`,
          '    </testcase>',
        );
      } else {
        const why =
          c.status === 'not-exercised'
            ? `not exercised: needs ${c.missing?.join(', ')}, not declared by the adapter; would check ${c.requirements.join(', ')}`
            : `not run: the suite stopped after its maximum number of failures; would check ${c.requirements.join(', ')}`;
        out.push(`${head}>`, props, `      <skipped${attrs({ message: why })}/>`, '    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
