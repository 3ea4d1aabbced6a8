/**
 * The implementation's commands: `gen-tests` (usage errors, output), `demo` (one legitimate
 * scenario and the attacks of each threat T1–T6, nothing leaked), the replay summary of the main
 * job (also on worker threads), and the derivation benchmark (it runs and reports a ratio).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDeriveBench } from '../../bench/derive.ts';
import { runDemo } from '../../cli/demo.ts';
import { UsageError } from '../../cli/errors.ts';
import { runGenTests } from '../../cli/gen-tests.ts';
import { renderReplay, replayPaths } from '../../cli/replay.ts';
import { LeakScanner } from '../../impl/conformance/leak.ts';
import { TARGETS } from '../../impl/conformance/explore.ts';
import { readSuites } from '../../impl/conformance/export.ts';
import { captureOutput } from './support/capture.ts';

const leak = new LeakScanner();
const stop = captureOutput(leak);
afterAll(() => {
  stop();
  expect(leak.hits).toEqual([]);
});

describe('onem2m-hsm gen-tests', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'onem2m-hsm-cli-'));
  const file = join(tmp, 'a-file');
  writeFileSync(file, 'x');
  it.each([
    ['missing --out', [], /needs --out/],
    ['unknown flag', ['--out', tmp, '--fast'], /unknown flag --fast/],
    ['unknown model', ['--out', tmp, '--model', 'toaster'], /unknown model 'toaster'/],
    ['unknown profile', ['--out', tmp, '--profile', 'remote'], /unknown profile 'remote'/],
    ['--out is a file', ['--out', file], /is a file/],
    ['missing parent folder', ['--out', join(tmp, 'no', 'such')], /does not exist/],
    ['--out under /proc', ['--out', '/proc/onem2m-hsm-x'], /not writable/],
  ])('%s is a usage error', async (_n, argv, msg) => {
    await expect(runGenTests(argv)).rejects.toThrow(UsageError);
    await expect(runGenTests(argv)).rejects.toThrow(msg);
  });

  it('writes a chosen subset that reads back through the schema', async () => {
    const out = join(tmp, 'suites');
    const lines: string[] = [];
    expect(await runGenTests(['--out', out, '--model', 'server', '--profile', 'insider', '--quiet'], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toMatch(/server-insider\.json\s+\d+ states, \d+ edges, \d+ test purposes, \d+ steps/);
    const [s] = readSuites(out);
    expect(s).toMatchObject({ model: 'server', profile: 'insider', countermeasures: ['CM1', 'CM2', 'CM3', 'CM4', 'CM5', 'CM6'] });
    expect(s!.tests.every((t) => t.requirements.length > 0 && t.threats.every((x) => ['T4', 'T5', 'T6'].includes(x)))).toBe(true);
    // the behaviour reference of the same subset, from the same exploration
    const md = readFileSync(join(out, 'BEHAVIOUR.md'), 'utf8');
    expect(md).toContain('## Server-HSM (`server`)');
    expect(md).not.toContain('## Device HSM');
    expect(md).toContain('Explored states (attacker alphabets insider): ');
    const json = JSON.parse(readFileSync(join(out, 'behaviour.json'), 'utf8')) as { model: string; profiles: string[] }[];
    expect(json.map((m) => [m.model, m.profiles])).toEqual([['server', ['insider']]]);
  });
});

describe('onem2m-hsm demo (T1–T6)', () => {
  it('walks a legitimate scenario and one refused attack per threat, printing each step, with no key byte in its output', async () => {
    const lines: string[] = [];
    expect(await runDemo([], (l) => lines.push(l))).toBe(0);
    const text = lines.join('\n');
    leak.scanText('demo', text);
    for (const t of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6']) expect(text).toContain(`  ${t} `);
    for (const code of ['BAD_SIGNATURE', 'STALE_NONCE', 'FORBIDDEN', 'NOT_EXPOSED', 'BOUND_TO_DEVICE', 'NOT_BOUND', 'ZEROIZED']) expect(text).toContain(code);
    expect(text).toMatch(/probes the boundary of HSM-DEV-2 .* → zeroized \(fail-secure\)/);
    expect(text).toMatch(/monitors the running function → accepted — observed 0 bytes/);
    expect(text).not.toContain('UNEXPECTED');
    expect(text).toMatch(/key bytes found in this output, the audit log, results and errors: 0\./);
    await expect(runDemo(['--verbose'])).rejects.toThrow(UsageError);
  });
});

describe('main job replay summary', () => {
  it('replays on worker threads, reporting progress, and prints paths, steps, edges and attacks refused', async () => {
    const ticks: [number, number][] = [];
    const s = await replayPaths({ workers: 2, limit: 25, onProgress: (d, n) => ticks.push([d, n]) });
    expect(ticks.at(-1)).toEqual([100, 100]);
    expect(ticks.every(([d], i) => i === 0 || d >= ticks[i - 1]![0])).toBe(true);
    expect(s.suites).toHaveLength(4);
    expect(s.passed).toBe(s.paths);
    expect(s.paths).toBe(100);
    expect(s.leaks).toBe(0);
    expect(s.ok).toBe(false); // a limited replay does not cover every edge
    const text = renderReplay(s);
    expect(text).toMatch(/100 paths, [\d,]+ steps/);
    expect(text).toMatch(/attacks refused: [\d,]+; key bytes found in outputs, errors and logs: 0/);
    expect(text).toContain('MISMATCH');
  });

  it('reports progress in this thread too, every 50 paths and at the end of each suite', async () => {
    const ticks: [number, number][] = [];
    const s = await replayPaths({ workers: 0, limit: 120, targets: [TARGETS[0]!], onProgress: (d, n) => ticks.push([d, n]) });
    expect(s.paths).toBe(120);
    expect(ticks).toEqual([
      [0, 120],
      [50, 120],
      [100, 120],
      [120, 120],
    ]);
  });
});

describe('derivation benchmark (not a test of speed)', () => {
  it('runs and reports a positive ratio', async () => {
    const lines: string[] = [];
    const ratio = await runDeriveBench({ ms: 30, batch: 100, out: (l) => lines.push(l) });
    expect(ratio).toBeGreaterThan(0);
    expect(lines.join('\n')).toMatch(/ratio\s+\d/);
  });
});
