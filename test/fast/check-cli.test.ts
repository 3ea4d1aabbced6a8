/**
 * `check MODULE`: exit codes (0 holds, 1 violated, 2 usage or load error, printed like every
 * other usage error: one line `onem2m-hsm: …`), the printed summary (its states/s and
 * bytes/state consistent with the counts and with the explorer's own figures) and the
 * counterexample, which must match the explorer's own shortest trace. Runs through the CLI's `main`.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.ts';
import { exploreFast } from '../../proofs/fast/index.ts';
import { subject as flawed } from './machines/flawed-keyslots.subject.ts';
import keyslots from './machines/keyslots.subject.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const FLAWED = here('./machines/flawed-keyslots.subject.ts');
const VAULT = here('./machines/vault.ts');
const KEYSLOTS = here('./machines/keyslots.subject.ts');

async function check(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(...a.join(' ').split('\n')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await main(['check', '--quiet', ...argv]);
  vi.restoreAllMocks();
  return { code, out, err };
}

afterEach(() => vi.restoreAllMocks());

/** A number as printed (`1,234.5`). */
const num = (s: string) => Number(s.replace(/,/g, ''));

/** The figures of the summary: states, seconds, states/s, MiB of state storage, bytes/state. */
function figures(out: string[]): { states: number; seconds: number; rate: number; mib: number; perState: number } {
  const text = out.join('\n');
  const states = /^states {7}([\d,]+)/m.exec(text);
  const time = /^time {9}([\d.]+) s \(([\d,]+) states\/s/m.exec(text);
  const memory = /^memory {7}heap used [\d.]+ MiB; state storage ([\d.]+) MiB \(([\d,]+\.\d) bytes\/state\)$/m.exec(text);
  expect([states, time, memory].every(Boolean), text).toBe(true);
  return { states: num(states![1]!), seconds: num(time![1]!), rate: num(time![2]!), mib: num(memory![1]!), perState: num(memory![2]!) };
}

describe('check MODULE', () => {
  it('reports a violated invariant with its shortest counterexample and exits 1', async () => {
    const { code, out } = await check([FLAWED]);
    expect(code).toBe(1);
    const r = exploreFast(flawed);
    expect(out.join('\n')).toContain(`states       ${r.states.toLocaleString('en-US')}`);
    expect(out.join('\n')).toContain('VIOLATED  KS-NO-UNAUTH-DELETE');
    const trace = r.violations['KS-NO-UNAUTH-DELETE']!;
    const events = out.filter((l) => /^ {2}\d+\. \{/.test(l)).map((l) => l.replace(/^ {2}\d+\. /, ''));
    expect(events).toEqual(trace.steps.map((s) => JSON.stringify(s.event)));
  });

  it('exits 0 when every invariant holds, with or without symmetry reduction', async () => {
    const reduced = await check([KEYSLOTS]);
    const full = await check([KEYSLOTS, '--no-symmetry']);
    expect([reduced.code, full.code]).toEqual([0, 0]);
    expect(reduced.out.join('\n')).toContain('(up to symmetry)');
    expect(full.out.join('\n')).toContain(`states       ${(2 * 4 ** 3 + 2 * 3 ** 3).toLocaleString('en-US')}\n`);
    expect(full.out.join('\n')).toContain('holds     KS-NO-UNAUTH-DELETE');
  });

  it('prints states/s and bytes/state, consistent with the counts and with the exploration', async () => {
    for (const [argv, subject, options] of [
      [[FLAWED], flawed, {}],
      [[KEYSLOTS, '--no-symmetry'], keyslots, { symmetry: false }],
    ] as const) {
      const { out } = await check([...argv, '--workers', '0']);
      const f = figures(out);
      const r = exploreFast(subject, options);
      expect(f.states).toBe(r.states);
      expect(f.rate).toBeGreaterThan(0);
      expect(f.perState).toBeGreaterThan(0);
      // seconds (3 decimals) × states/s (rounded) brackets the state count
      expect((f.rate - 0.5) * Math.max(f.seconds - 0.0005, 0)).toBeLessThanOrEqual(f.states);
      expect((f.rate + 0.5) * (f.seconds + 0.0005)).toBeGreaterThanOrEqual(f.states);
      // bytes/state (1 decimal) × states is the explorer's state storage, and the printed MiB
      expect(Math.abs(f.perState * f.states - r.stats.bytes)).toBeLessThanOrEqual(0.05 * f.states);
      expect(Math.abs((f.perState * f.states) / 2 ** 20 - f.mib)).toBeLessThanOrEqual(0.05 + (0.05 * f.states) / 2 ** 20);
    }
  });

  it('exits 2 with one line for a module that exports no subject', async () => {
    const { code, err } = await check([VAULT]);
    expect(code).toBe(2);
    expect(err).toEqual([expect.stringMatching(/^onem2m-hsm: .*exports no subject/)]);
  });

  it('honours --max-states (either form) with a one-line error', async () => {
    for (const flags of [['--max-states=10'], ['--max-states', '10']]) {
      const { code, err } = await check([FLAWED, ...flags]);
      expect(code).toBe(2);
      expect(err).toEqual(['onem2m-hsm: state limit 10 exceeded']);
    }
  });

  it('takes --workers N as well as --workers=N, with the same verdicts', async () => {
    const spaced = await check([FLAWED, '--workers', '2']);
    const inline = await check([FLAWED, '--workers=2']);
    expect([spaced.code, inline.code]).toEqual([1, 1]);
    const verdicts = (out: string[]) => out.filter((l) => !/^(time|memory) /.test(l));
    expect(verdicts(spaced.out)).toEqual(verdicts(inline.out));
  });

  it('rejects unknown flags, missing files and a missing MODULE with exit 2 and one line', async () => {
    for (const argv of [[FLAWED, '--frobnicate'], [here('./machines/none.ts')], [], [FLAWED, 'extra']]) {
      const { code, err, out } = await check(argv);
      expect(code).toBe(2);
      expect(err).toEqual([expect.stringMatching(/^onem2m-hsm: \S/)]);
      expect(out).toHaveLength(0);
    }
  });
});
