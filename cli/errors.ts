/**
 * Typed CLI errors. A `UsageError` is the user's mistake (unknown flag, countermeasure, profile
 * or file): one line on stderr and exit code 2, nothing written.
 * @module
 */

/** A mistake in the command line; exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, violation: 1, usage: 2 } as const;
