/**
 * The command line as a user meets it: bad input gives one line on stderr and exit code 2 with
 * nothing written; `spec --json` prints the specification; `verify --without` shows attacks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/run.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('onem2m-hsm usage errors (exit 2, one line, nothing written)', () => {
  const cases: [string, string[], RegExp][] = [
    ['no command', [], /no command/],
    ['unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['unknown flag', ['verify', '--fast'], /unknown flag --fast/],
    ['empty --without', ['verify', '--without', ''], /--without needs at least one countermeasure/],
    ['unknown countermeasure', ['verify', '--without', 'CM5,CM9'], /unknown countermeasure 'CM9'/],
    ['unknown profile', ['verify', '--profile', 'alien'], /unknown attacker profile 'alien'/],
    ['flag without value', ['verify', '--json'], /--json needs a value/],
    ['bad worker count', ['verify', '--workers', 'zero'], /--workers must be an integer/],
    ['unwritable report', ['verify', '--json', '/nonexistent-dir/report.json'], /does not exist/],
    ['stray argument', ['spec', 'extra'], /unexpected argument 'extra'/],
    ['protocol: too many HSMs', ['protocol', '--hsms', '9'], /--hsms/],
    ['protocol: unwritable result', ['protocol', '--json', '/nonexistent-dir/p.json'], /does not exist/],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(/^onem2m-hsm: /)]);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });
});

describe('onem2m-hsm spec', () => {
  it('--json prints the whole specification', () => {
    const r = run('spec', '--json');
    expect(r.code).toBe(0);
    const spec = JSON.parse(r.out);
    expect(spec.threats.map((t: { id: string }) => t.id)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
    expect(spec.countermeasures).toHaveLength(6);
    expect(spec.requirements.length).toBeGreaterThan(10);
  });
});

describe('onem2m-hsm verify --without', () => {
  it('CM5,CM6 (physical attacker): shows the removal and impersonation attacks step by step @clause CM5 @clause CM6', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onem2m-'));
    const file = join(dir, 'without.json');
    const r = run('verify', '--without', 'CM5,CM6', '--profile', 'physical', '--quiet', '--json', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Without CM5, CM6/);
    expect(r.out).toMatch(/removes the HSM from its device/);
    expect(r.out).toMatch(/forged manager credential/);
    expect(r.out).toMatch(/T2:/);
    expect(existsSync(file)).toBe(true);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json.scope.without).toEqual(['CM5', 'CM6']);
    expect(json.opened.some((a: { property: string }) => a.property === 'T3')).toBe(true);
  });
});

describe('onem2m-hsm protocol (@clause CM6)', () => {
  it('explores every protocol variant at 1 HSM × 1 manager, meets every expected verdict, and writes the result as JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onem2m-protocol-'));
    const file = join(dir, 'protocol.json');
    const r = run('protocol', '--hsms', '1', '--quiet', '--json', file);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^protocol: \d+ configurations, \d+ expected verdicts, all met$/m);
    expect(r.out).toMatch(/^b-no-nonce +network .* FAILS/m);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { sizes: { hsms: number }; summary: { unmet: string[] }; rows: unknown[] };
    expect(json.sizes.hsms).toBe(1);
    expect(json.summary.unmet).toEqual([]);
    expect(json.rows.length).toBeGreaterThan(10);
  });
});
