/**
 * Typed CLI errors. A `UsageError` is the user's mistake (unknown flag, countermeasure, profile
 * or file): one line on stderr and exit code 2, nothing written. A `HelpRequested` carries the
 * usage text asked for with `--help`: printed on stdout, exit code 0.
 * @module
 */

/** A mistake in the command line, or an output that cannot be written; exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Thrown by the parser when `--help` is given: `text` goes to stdout, exit code 0. */
export class HelpRequested extends Error {
  override readonly name = 'HelpRequested';
  constructor(readonly text: string) {
    super('help requested');
  }
}

/** Exit codes of the CLI (an internal error shares code 1 with a violation, with its own one-line message). */
export const EXIT = { ok: 0, violation: 1, internal: 1, usage: 2 } as const;

/** Control characters (C0 and DEL), escaped when a user's value is quoted. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** A user-supplied value quoted for a one-line message (control characters escaped). */
export function quote(value: string): string {
  return `'${value.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
}

/** A message folded onto one line. */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
