/**
 * The one command-line grammar: `--flag value` and `--flag=value` mean the same for every
 * command, `check --workers 2` works, `--help` (per command, `help COMMAND`, `-h`) prints the
 * usage generated from the declared flags on stdout with exit 0, and `--version` prints the
 * version of the package found above the CLI module. Exploration and replay are replaced by
 * spies that record the options they receive, so no test here explores the model.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCommand, type CommandSpec } from '../../cli/args.ts';
import { CHECK } from '../../cli/check.ts';
import { CONFORM } from '../../cli/conform.ts';
import { GEN_TESTS } from '../../cli/gen-tests.ts';
import { REPLAY } from '../../cli/replay.ts';
import { VERIFY } from '../../cli/verify.ts';
import { packageVersion } from '../../cli/version.ts';
import { ROOT, runMain } from './support.ts';

const calls = vi.hoisted(() => ({ explore: [] as Record<string, unknown>[], replay: [] as Record<string, unknown>[] }));
vi.mock('../../proofs/parallel.ts', () => ({
  verifyVariantsParallel: async (opts: Record<string, unknown>) => {
    calls.explore.push(opts);
    return [[]];
  },
}));
vi.mock('../../impl/conformance/replay.ts', () => ({
  replayAll: async (opts: Record<string, unknown>) => {
    calls.replay.push(opts);
    return [];
  },
}));
afterEach(() => {
  calls.explore.length = 0;
  calls.replay.length = 0;
});

const tmp = mkdtempSync(join(tmpdir(), 'onem2m-hsm-grammar-'));
const KEYSLOTS = 'test/fast/machines/keyslots.subject.ts';
/** Options as data (callbacks dropped). */
const data = (o: Record<string, unknown> | undefined) => JSON.parse(JSON.stringify(o ?? null)) as unknown;
/** A report without the times and memory figures that vary from run to run. */
const stable = (out: string) =>
  out
    .split('\n')
    .filter((l) => !/^(time|memory) /.test(l))
    .join('\n')
    .replace(/[\d.]+ s\b/g, 'T s');

describe('--flag=value and --flag value are the same', () => {
  const cases: [string, CommandSpec, string[], [string, string][]][] = [
    [
      'verify',
      VERIFY,
      [],
      [
        ['json', join(tmp, 'r.json')],
        ['without', 'CM5,cm6'],
        ['profile', 'remote'],
        ['workers', '3'],
        ['slots', '4'],
        ['record', join(tmp, 'rec.json')],
      ],
    ],
    [
      'check',
      CHECK,
      [KEYSLOTS],
      [
        ['max-states', '1000'],
        ['workers', '2'],
      ],
    ],
    ['replay', REPLAY, [], [['workers', '2']]],
    [
      'gen-tests',
      GEN_TESTS,
      ['--out', tmp],
      [
        ['out', join(tmp, 'suites')],
        ['model', 'server'],
        ['profile', 'insider,physical'],
      ],
    ],
  ];
  it.each(cases)('%s: every valued flag, parsed', (_name, spec, base, flags) => {
    for (const [flag, value] of flags) {
      const rest = base.includes(`--${flag}`) ? [] : base;
      const inline = parseCommand(spec, [...rest, `--${flag}=${value}`]);
      const spaced = parseCommand(spec, [...rest, `--${flag}`, value]);
      expect(inline).toEqual(spaced);
      expect((inline.values as Record<string, unknown>)[flag]).toBeDefined();
    }
  });

  it('verify: the exploration receives the same options either way', async () => {
    const a = await runMain(['verify', '--without=CM5', '--profile=remote', '--workers=2', '--quiet']);
    const b = await runMain(['verify', '--without', 'CM5', '--profile', 'remote', '--workers', '2', '--quiet']);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(calls.explore).toHaveLength(2);
    expect(data(calls.explore[0])).toEqual(data(calls.explore[1]));
    expect(calls.explore[0]).toMatchObject({ profiles: ['remote'], workers: 2, masks: [63, 47] });
    expect(stable(a.out)).toBe(stable(b.out));
  });

  it('replay: the replay receives the same options either way', async () => {
    const a = await runMain(['replay', '--workers=0', '--quiet']);
    const b = await runMain(['replay', '--workers', '0', '--quiet']);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(calls.replay.map(data)).toEqual([{ workers: 0 }, { workers: 0 }]);
    expect(typeof calls.replay[0]!.onProgress).toBe('function');
  });

  it('check: the same report either way, and --workers 2 works', async () => {
    const a = await runMain(['check', KEYSLOTS, '--workers=2', '--max-states=100000', '--quiet']);
    const b = await runMain(['check', KEYSLOTS, '--workers', '2', '--max-states', '100000', '--quiet']);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(stable(a.out)).toBe(stable(b.out));
    expect(a.out).toContain('holds     KS-NO-UNAUTH-DELETE');
    for (const r of [a, b]) expect(r.out).toMatch(/^time {9}\d+\.\d{3} s \([1-9][\d,]* states\/s[^\n]*\nmemory .*\((?!0\.0 )[\d,]+\.\d bytes\/state\)$/m);
    expect([a.err, b.err]).toEqual([[], []]);
  });

  it('check: flags may come before MODULE, and -- ends the flags', async () => {
    const a = await runMain(['check', '--workers', '0', '--quiet', KEYSLOTS]);
    const b = await runMain(['check', '--workers=0', '--quiet', '--', KEYSLOTS]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(stable(a.out)).toBe(stable(b.out));
  });
});

describe('help', () => {
  const commands = ['verify', 'spec', 'check', 'gen-tests', 'demo', 'replay', 'conform', 'help'];
  it.each(commands)('%s --help, -h and help %s print its usage on stdout, exit 0', async (cmd) => {
    const runs = [await runMain([cmd, '--help']), await runMain([cmd, '-h']), await runMain(['help', cmd])];
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(r.err).toEqual([]);
      expect(r.out).toMatch(new RegExp(`^usage: onem2m-hsm ${cmd}\\b`));
      expect(r.out).toBe(runs[0]!.out);
    }
  });

  it.each([VERIFY, CHECK, REPLAY, GEN_TESTS, CONFORM])('the usage of $name lists every declared flag with its description', async (spec) => {
    const { out } = await runMain(['help', spec.name]);
    for (const [flag, o] of Object.entries(spec.options)) {
      expect(out).toContain(`--${flag}`);
      expect(out.replace(/\s+/g, ' ')).toContain(o.description);
    }
  });

  it('--help wins over other mistakes on the same line, and does no work', async () => {
    const r = await runMain(['verify', '--frobnicate', '--slots', '0x2', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: onem2m-hsm verify/);
    expect(calls.explore).toHaveLength(0);
  });

  it.each([[['--help']], [['-h']], [['help']]])('%j prints the list of commands, exit 0', async (argv) => {
    const r = await runMain(argv);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    for (const c of ['verify', 'spec', 'check', 'gen-tests', 'demo', 'replay', 'help']) expect(r.out).toMatch(new RegExp(`^  ${c} `, 'm'));
  });
});

describe('--version', () => {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  it.each([['--version'], ['-V']])('%s prints onem2m-hsm X.Y.Z, exit 0', async (flag) => {
    const r = await runMain([flag]);
    expect(r).toMatchObject({ code: 0, out: `onem2m-hsm ${version}\n`, err: [] });
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('is read from the first package.json named onem2m-hsm above the module (as from dist/cli/)', () => {
    const pkg = join(tmp, 'installed');
    mkdirSync(join(pkg, 'node_modules', 'other', 'dist', 'cli'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'onem2m-hsm', version: '9.8.7' }));
    writeFileSync(join(pkg, 'node_modules', 'other', 'package.json'), JSON.stringify({ name: 'other', version: '1.0.0' }));
    expect(packageVersion(pathToFileURL(join(pkg, 'node_modules', 'other', 'dist', 'cli', 'version.js')))).toBe('9.8.7');
    expect(packageVersion(pathToFileURL(join(ROOT, 'dist', 'cli', 'version.js')))).toBe(version);
    expect(() => packageVersion(pathToFileURL('/version.js'))).toThrow(/no package\.json named onem2m-hsm/);
  });
});
