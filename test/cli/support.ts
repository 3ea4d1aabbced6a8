/**
 * Running the CLI in tests: in-process through `main(argv)` with console and stderr captured,
 * or as a child process (`node --import tsx cli/run.ts …`) with its exit code, output and time.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { expect, vi } from 'vitest';
import { main } from '../../cli/main.ts';

/** The repository root. */
export const ROOT = new URL('../../', import.meta.url).pathname;

/** What a run printed and returned. */
export interface Ran {
  readonly code: number | null;
  readonly out: string;
  /** stderr, line by line (empty lines dropped). */
  readonly err: string[];
  readonly ms: number;
}

const lines = (text: string) => text.split('\n').filter((l) => l.length > 0);

/** Runs `main(argv)` in this process, capturing console output and stderr writes (progress). */
export async function runMain(argv: readonly string[]): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(`${a.join(' ')}\n`)),
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(`${a.join(' ')}\n`)),
    vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown) => err.push(String(chunk)) > 0) as never),
  ];
  const t0 = performance.now();
  try {
    const code = await main(argv);
    return { code, out: out.join(''), err: lines(err.join('')), ms: performance.now() - t0 };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

/** Runs `onem2m-hsm ARGS` as a child process from the sources (10 s timeout). */
export function runChild(...args: string[]): Ran {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/run.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 10_000 });
  return { code: r.status, out: r.stdout, err: lines(r.stderr), ms: performance.now() - t0 };
}

/** Runs a shell command line from the repository root; returns its exit code and stdout. */
export function runShell(script: string): { code: number | null; out: string } {
  const r = spawnSync('sh', ['-c', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout };
}

/** A usage error as the user sees it: exit 2, nothing on stdout, exactly one line on stderr starting `onem2m-hsm: `. */
export function expectUsageError(r: Ran, message: RegExp | string): void {
  expect(r.err).toEqual([expect.stringMatching(/^onem2m-hsm: \S/)]);
  expect(r.err[0]).toMatch(message);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
}
