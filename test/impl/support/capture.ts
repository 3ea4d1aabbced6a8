/**
 * Captures everything written to the console and to stdout/stderr while a test file runs, and
 * feeds it to a leak scanner: log lines and reports printed by tests are scanned too.
 * @module
 */
import { format } from 'node:util';
import type { LeakScanner } from '../../../impl/conformance/leak.ts';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Starts capturing into `leak` (and, unless `swallow`, passing output on); returns a function that stops. */
export function captureOutput(leak: LeakScanner, swallow = false): () => void {
  const saved = METHODS.map((m) => console[m]);
  METHODS.forEach((m, i) => {
    console[m] = (...args: unknown[]) => {
      leak.scanText(`console.${m}`, format(...args));
      if (!swallow) saved[i]!.apply(console, args);
    };
  });
  const writes = [process.stdout, process.stderr].map((s) => {
    const w = s.write.bind(s);
    s.write = ((chunk: unknown, ...rest: unknown[]) => {
      leak.scanText('stdout/stderr', typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('latin1'));
      return swallow || (w as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof s.write;
    return [s, w] as const;
  });
  return () => {
    for (const [i, m] of METHODS.entries()) console[m] = saved[i]!;
    for (const [s, w] of writes) s.write = w as typeof s.write;
  };
}
