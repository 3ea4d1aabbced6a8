/**
 * The worked example (`docs/examples/tiny-hsm`): a small HSM written apart from the project's and
 * its adapter, run through `onem2m-hsm conform --adapter` on the quick suites. It passes, with the
 * physical capabilities it does not declare reported as not exercised (JUnit `<skipped>`, read
 * back with an XML parser); each of its two seeded bugs fails, the failures naming the test
 * purpose, the event and the requirement the model holds it to; and an adapter that hides a key
 * it leaked is caught by the runner's own leak scan.
 * @clause CM5 @clause CM6
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../docs/examples/tiny-hsm/adapter.ts';
import type { AdapterConformReport } from '../../impl/conformance/conform-adapter.ts';
import { buildSuite, renderRuns, runSuite, type Adapter, type StepResult } from '../../impl/conformance/index.ts';
import { expectUsageError, runMain } from '../cli/support.ts';

const EX = 'docs/examples/tiny-hsm';
const tmp = mkdtempSync(join(tmpdir(), 'onem2m-hsm-example-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Attrs = Record<string, string>;
interface Case extends Attrs {
  name: string;
}
interface JUnit {
  testsuites: Attrs & { testsuite: (Attrs & { testcase: (Case & { failure?: Attrs & { '#text': string }; skipped?: Attrs })[] })[] };
}

/** Runs conform on `module`; the exit code, stdout, the JSON report and the JUnit XML parsed. */
async function conform(module: string, name: string, flags: string[]) {
  const junit = join(tmp, `${name}.xml`);
  const json = join(tmp, `${name}.json`);
  const r = await runMain(['conform', '--adapter', module, '--suite', 'quick', '--quiet', '--junit', junit, '--json', json, ...flags]);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'testsuite' || n === 'testcase' });
  const xml = parser.parse(readFileSync(junit, 'utf8')) as JUnit;
  const report = JSON.parse(readFileSync(json, 'utf8')) as AdapterConformReport;
  return { ...r, xml, report };
}

describe('docs/examples/tiny-hsm through conform --adapter', () => {
  it('passes the device suites; undeclared physical capabilities are not exercised, as JUnit <skipped> naming the requirement', async () => {
    const { code, out, xml, report } = await conform(`${EX}/adapter.ts`, 'device', ['--model', 'device']);
    expect(code).toBe(0);
    const cases = xml.testsuites.testsuite.flatMap((s) => s.testcase);
    const skipped = cases.filter((c) => c.skipped);
    expect(xml.testsuites.testsuite.map((s) => s.name)).toEqual(['device-physical', 'device-insider']);
    expect(cases).toHaveLength(report.totals.total);
    expect(cases.filter((c) => c.failure)).toHaveLength(0);
    expect(skipped).toHaveLength(report.totals.notExercised);
    expect(Number(xml.testsuites.tests)).toBe(cases.length);
    expect(Number(xml.testsuites.skipped)).toBe(skipped.length);
    expect(report.totals.passed).toBe(cases.length - skipped.length);
    expect(report.totals.passed).toBeGreaterThan(500);
    const removal = skipped.filter((c) => /needs [a-zA-Z, ]*removeHsm/.test(c.skipped!.message!));
    expect(removal.length).toBeGreaterThan(0);
    for (const c of removal) expect(c.skipped!.message).toMatch(/would check .*REQ-CM5-0\d/);
    expect(out).toMatch(/device-physical: \d+ results: \d+ passed, 0 failed, \d+ not exercised, 0 not run/);
    expect(out).toMatch(/not exercised \(capabilities the adapter does not declare\): probe \(\d+\)/);
    expect(report.totals.leakChecked).toBe(report.totals.steps);
  });

  it('the reused-nonce variant fails: an accepted command leaves its nonce outstanding (REQ-CM6-04); the rest is reported not run', async () => {
    const { code, out, xml, report } = await conform(`${EX}/bug-reused-nonce.ts`, 'nonce', [
      '--model',
      'server',
      '--profile',
      'insider',
      '--max-failures',
      '3',
    ]);
    expect(code).toBe(1);
    const [run] = report.runs;
    expect(run!.failed).toBe(3);
    expect(run!.notRun).toBeGreaterThan(0);
    expect(run!.passed + run!.failed + run!.notExercised + run!.notRun).toBe(run!.total);
    for (const f of run!.failures) {
      expect(f.requirements).toContain('REQ-CM6-04');
      expect(f.event).toMatchObject({ type: 'COMMAND', sender: 'manager' });
      expect(f.expected).toMatchObject({ challenge: false });
      expect(f.actual).toMatchObject({ challenge: true });
      expect(f.trail.at(-1)).toMatchObject({ step: f.step, expected: { outcome: 'accepted' }, actual: { outcome: 'accepted' } });
      expect(out).toContain(`${f.test} (server-insider) ${f.title}`);
    }
    const failed = xml.testsuites.testsuite[0]!.testcase.filter((c) => c.failure);
    expect(failed.map((c) => c.name.split(' ')[0])).toEqual(run!.failures.map((f) => f.test));
    expect(failed[0]!.failure!['#text']).toMatch(/requirements: .*REQ-CM6-04/);
    expect(xml.testsuites.testsuite[0]!.testcase.filter((c) => /not run/.test(c.skipped?.message ?? ''))).toHaveLength(run!.notRun);
  });

  it('the auditor-delete variant fails: the read-only insider deletes a key the model refuses with FORBIDDEN (REQ-CM6-03, T5)', async () => {
    const { code, out, report } = await conform(`${EX}/bug-auditor-delete.ts`, 'auditor', ['--model', 'server', '--profile', 'insider']);
    expect(code).toBe(1);
    const failures = report.runs.flatMap((r) => r.failures);
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) {
      expect(f.event).toMatchObject({ type: 'COMMAND', sender: 'insider', op: 'delete' });
      expect(f.expected).toEqual({ outcome: 'refused', error: 'FORBIDDEN' });
      expect(f.actual).toEqual({ outcome: 'accepted' });
      expect(f.requirements).toContain('REQ-CM6-03');
      expect(f.threats).toContain('T5');
    }
    expect(out).toMatch(/the insider \(read-only credential\) sends "delete slot \d" — expected refused FORBIDDEN, got accepted/);
  });

  it('--only reruns the test purpose a failure named, alone; an id no chosen suite has is a usage error', async () => {
    const first = await conform(`${EX}/bug-auditor-delete.ts`, 'first', ['--model', 'server', '--profile', 'insider', '--max-failures', '1']);
    const [f] = first.report.runs[0]!.failures;
    const again = await conform(`${EX}/bug-auditor-delete.ts`, 'again', ['--model', 'server', '--profile', 'insider', '--only', f!.test]);
    expect(again.code).toBe(1);
    expect(again.report.runs[0]!.results.map((r) => [r.id.split('/')[0], r.status])).toContainEqual([f!.test, 'failed']);
    expect(again.report.runs[0]!.purposes).toBe(1);
    expect(again.report.runs[0]!.failures[0]).toMatchObject({ test: f!.test, step: f!.step, expected: f!.expected, actual: f!.actual });
    const unknown = f!.test.replace(/\d+$/, '99999');
    expectUsageError(
      await runMain(['conform', '--adapter', `${EX}/adapter.ts`, '--model', 'server', '--profile', 'insider', '--only', unknown]),
      `no test purpose ${unknown} in the suites chosen`,
    );
  });

  it('a module that fails to load, or declares a capability the model does not have, is a usage error in one line', async () => {
    const broken = join(tmp, 'broken.mjs');
    writeFileSync(broken, "throw new Error('no HSM attached\\nat line 2');\n");
    expectUsageError(await runMain(['conform', '--adapter', broken]), /cannot load the adapter module .*broken\.mjs: no HSM attached$/);
    const teleport = join(tmp, 'teleport.mjs');
    writeFileSync(teleport, "export const adapter = { capabilities: ['probe', 'teleport'], reset() {}, step() {}, observe() {} };\n");
    expectUsageError(await runMain(['conform', '--adapter', teleport]), /declares unknown capabilities teleport \(known: eavesdrop, /);
    const factory = join(tmp, 'factory.mjs');
    writeFileSync(factory, "export function createAdapter() { throw new Error('no licence'); }\n");
    expectUsageError(await runMain(['conform', '--adapter', factory]), /the adapter factory of .*factory\.mjs failed: no licence/);
  });

  it('an adapter that fails in reset or observe is a failure of the test purpose, not a crash', async () => {
    const suite = buildSuite({ model: 'server', profile: 'insider' });
    const two = new Set(suite.tests.slice(0, 2));
    const inner = createAdapter();
    const unplugged: Adapter = {
      ...inner,
      reset: () => {
        throw new Error('token unplugged');
      },
    };
    const r = await runSuite(suite, unplugged, { filter: (t) => two.has(t) });
    expect(r).toMatchObject({ failed: 2, passed: 0 });
    for (const f of r.failures) expect(f).toMatchObject({ step: -1, message: 'the adapter failed in reset: token unplugged' });
    expect(renderRuns([r])).toContain('initial state: the adapter failed in reset: token unplugged');
  });

  it("an adapter that hides a key it leaked is caught by the runner's leak scan", async () => {
    const suite = buildSuite({ model: 'server', profile: 'insider' });
    const hacks = new Set(suite.tests.filter((t) => t.steps.some((s) => s.event.type === 'REMOTE_HACK')).slice(0, 20));
    const filter = (t: (typeof suite.tests)[number]) => hacks.has(t);
    const honest = await runSuite(suite, createAdapter(), { filter });
    expect(hacks.size).toBe(20);
    expect(honest).toMatchObject({ passed: 20, failed: 0 });
    expect(honest.leakChecked).toBe(honest.steps);
    const inner = createAdapter();
    const liar: Adapter = {
      ...inner,
      step: (e): StepResult => {
        const r = inner.step(e) as StepResult;
        return e.type === 'REMOTE_HACK' ? { ...r, output: { dump: [...inner.secrets!()].map((k) => Buffer.from(k).toString('hex')) } } : r;
      },
    };
    const caught = await runSuite(suite, liar, { filter, maxFailures: Number.POSITIVE_INFINITY });
    expect(caught.failed).toBe(20);
    for (const f of caught.failures) expect(f.message).toMatch(/reports discovered=false, the runner's leak scan of its output found a legitimate key/);
  });
});
