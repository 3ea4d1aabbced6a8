/**
 * Bad input, one case per test: every usage error exits 2 with exactly one line on stderr
 * (`onem2m-hsm: …`) and nothing on stdout, before any work starts; output paths that cannot be
 * written (/proc, /sys, missing folders, files for folders) are refused up front, quickly; a
 * write that fails after the work is still one line, exit 2; an unexpected exception is one
 * line, exit 1; a closed stdout ends the command quietly. The exploration and the suite builder
 * are replaced by spies here, so a case that would start work fails instead of running it.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FLAWED, outputCases, usageCases } from './bad-input-cases.ts';
import { expectUsageError, runChild, runMain, runShell } from './support.ts';

const work = vi.hoisted(() => ({ explored: 0, built: 0, onExplore: null as null | (() => unknown) }));
vi.mock('../../proofs/parallel.ts', () => ({
  verifyVariantsParallel: async () => {
    work.explored++;
    if (!work.onExplore) throw new Error('exploration started');
    return [work.onExplore()];
  },
}));
vi.mock('../../impl/conformance/suite.ts', async (original) => ({
  ...(await original<object>()),
  buildSuite: () => {
    work.built++;
    throw new Error('suite building started');
  },
}));

afterEach(() => {
  work.explored = 0;
  work.built = 0;
  work.onExplore = null;
  vi.unstubAllEnvs();
});

const tmp = mkdtempSync(join(tmpdir(), 'onem2m-hsm-bad-'));
const aFile = join(tmp, 'a-file');
writeFileSync(aFile, 'x');

describe('usage errors: exit 2, one line on stderr, nothing on stdout, no work started', () => {
  it.each(usageCases(tmp))('%s', async (_name, argv, message) => {
    expectUsageError(await runMain(argv), message);
    expect(work.explored + work.built).toBe(0);
  });
});

describe('output paths are checked before any work', () => {
  it.each(outputCases(tmp, aFile))('%s', async (_name, argv, message) => {
    const r = await runMain(argv);
    expectUsageError(r, message);
    expect(work.explored + work.built).toBe(0);
    expect(r.ms).toBeLessThan(5000);
  });

  it('leaves no probe file behind and creates no folder before the work', async () => {
    const dir = join(tmp, 'checked');
    mkdirSync(dir);
    expect((await runMain(['verify', '--json', join(dir, 'r.json'), '--profile', 'remote', '--quiet'])).code).toBe(1); // checked, then the spy refuses to explore
    expect((await runMain(['gen-tests', '--out', join(dir, 'new'), '--quiet'])).code).toBe(1); // checked, then the spy refuses to build
    expectUsageError(await runMain(['gen-tests', '--out', join(dir, 'new'), '--model', 'toaster']), /toaster/);
    expect([work.explored, work.built]).toEqual([1, 1]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([['/proc/x'], ['/sys/x']])('gen-tests --out %s as a process: exit 2, one line, within 2 s', (dir) => {
    runChild('--version'); // warm tsx's transform cache: the time measured is the command's, not the first compilation's
    const r = runChild('gen-tests', '--out', dir);
    expectUsageError(r, /not writable/);
    expect(r.ms).toBeLessThan(2000);
  });

  it('verify --json /proc/x.json as a process: exit 2 before exploring (well under 5 s)', () => {
    const r = runChild('verify', '--json', '/proc/x.json');
    expectUsageError(r, /cannot write \/proc\/x\.json/);
    expect(r.ms).toBeLessThan(5000);
  });
});

describe('failures after the work has started', () => {
  it('a write that fails after exploring is one line, exit 2', async () => {
    const dir = join(tmp, 'vanishing');
    mkdirSync(dir);
    work.onExplore = () => {
      rmSync(dir, { recursive: true });
      return [];
    };
    const r = await runMain(['verify', '--without', 'CM5', '--profile', 'remote', '--quiet', '--json', join(dir, 'r.json')]);
    expect(work.explored).toBe(1);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(/^onem2m-hsm: cannot write .*r\.json: ENOENT$/)]);
  });

  it('an unexpected exception is one line, exit 1', async () => {
    work.onExplore = () => {
      throw new Error('boom\n    at somewhere (file.ts:1:1)');
    };
    const r = await runMain(['verify', '--profile', 'remote', '--no-replay', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.err).toEqual(['onem2m-hsm: internal error: boom at somewhere (file.ts:1:1)']);
  });

  it('with ONEM2M_HSM_DEBUG set, an unexpected exception is rethrown (stack trace)', async () => {
    vi.stubEnv('ONEM2M_HSM_DEBUG', '1');
    work.onExplore = () => {
      throw new Error('boom');
    };
    await expect(runMain(['verify', '--profile', 'remote', '--no-replay', '--quiet'])).rejects.toThrow('boom');
  });
});

describe('a closed stdout', () => {
  it('check MODULE | head -3 ends quietly: nothing on stderr', () => {
    const err = join(tmp, 'check.err');
    const r = runShell(`node --import tsx cli/run.ts check ${FLAWED} 2>${err} | head -3`);
    expect(r.out.split('\n').filter(Boolean)).toHaveLength(3);
    expect(readFileSync(err, 'utf8')).toBe('');
  });

  it('demo | head -1 ends quietly: nothing on stderr (spec fits in the pipe buffer, so demo is the one that can fail)', () => {
    const err = join(tmp, 'demo.err');
    const r = runShell(`node --import tsx cli/run.ts demo 2>${err} | head -1`);
    expect(r.out).toMatch(/^Legitimate scenario/);
    expect(readFileSync(err, 'utf8')).toBe('');
  });
});
