/**
 * Progress on stderr: a plain line per 10 % when the stream is not a terminal, a live
 * `cli-progress` bar on a terminal (closed even when the work throws), nothing with `quiet`
 * or before the delay has passed.
 */
import { describe, expect, it } from 'vitest';
import { progress, withProgress } from '../../cli/progress.ts';

/** A fake stderr that records what is written. */
const stream = (isTTY: boolean) => {
  const written: string[] = [];
  const s = { isTTY, columns: 100, write: (chunk: string) => written.push(String(chunk)) > 0 };
  return { s: s as unknown as NodeJS.WriteStream, written };
};

describe('progress', () => {
  it('not a terminal: one plain line per 10 %', () => {
    const { s, written } = stream(false);
    const p = progress('replaying', { stream: s, delayMs: 0, unit: 'paths' });
    for (let d = 0; d <= 200; d++) p.tick(d, 200);
    p.end();
    expect(written).toHaveLength(11);
    expect(written[0]).toMatch(/^replaying: 0% \(0\/200 paths\), [\d.]+ s\n$/);
    expect(written[10]).toMatch(/^replaying: 100% \(200\/200 paths\)/);
  });

  it('not a terminal, total unknown: a line with the count', () => {
    const { s, written } = stream(false);
    const p = progress('exploring', { stream: s, delayMs: 0, unit: 'states' });
    p.tick(1024);
    p.tick(2048);
    expect(written).toEqual([expect.stringMatching(/^exploring: 1024 states, [\d.]+ s\n$/)]);
  });

  it('quiet, or still within the delay: nothing', () => {
    for (const opts of [{ quiet: true, delayMs: 0 }, { delayMs: 60_000 }]) {
      for (const tty of [false, true]) {
        const { s, written } = stream(tty);
        const p = progress('x', { stream: s, ...opts });
        for (let d = 0; d <= 10; d++) p.tick(d, 10);
        p.end();
        expect(written).toEqual([]);
      }
    }
  });

  it('a terminal: a live bar with the count and total, stopped at the end', () => {
    const { s, written } = stream(true);
    const p = progress('generating', { stream: s, delayMs: 0, unit: 'suites' });
    p.tick(0, 4);
    p.tick(4, 4);
    p.end();
    const text = written.join('');
    expect(text).toMatch(/generating \[[^\]]*\] 0% \| 0\/4 suites/);
    expect(text).toMatch(/generating \[[^\]]*\] 100% \| 4\/4 suites/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('withProgress closes the bar when the work throws', async () => {
    const { s, written } = stream(true);
    await expect(
      withProgress('x', { stream: s, delayMs: 0 }, (tick) => {
        tick(1, 2);
        throw new Error('failed');
      }),
    ).rejects.toThrow('failed');
    expect(written.join('').endsWith('\n')).toBe(true);
  });
});
