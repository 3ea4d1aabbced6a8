/**
 * A small, strict flag parser: every flag must be declared, values are checked, unknown flags
 * and stray arguments are `UsageError`s.
 * @module
 */
import { UsageError } from './errors.ts';

/** Declared flags: name → whether it takes a value. */
export type FlagSpec = Readonly<Record<string, 'boolean' | 'string'>>;

/** Parsed flags and positional arguments. */
export interface Parsed {
  readonly flags: Readonly<Record<string, string | boolean>>;
  readonly positional: readonly string[];
}

/** Parses `argv` against `spec`; at most `maxPositional` positional arguments. */
export function parseArgs(argv: readonly string[], spec: FlagSpec, maxPositional = 0): Parsed {
  const flags: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown flag --${name} (known: ${Object.keys(spec).map((k) => `--${k}`).join(', ') || 'none'})`);
    if (kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`flag --${name} takes no value`);
      flags[name] = true;
    } else {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`flag --${name} needs a value`);
      flags[name] = v;
    }
  }
  if (positional.length > maxPositional) throw new UsageError(`unexpected argument '${positional[maxPositional]}'`);
  return { flags, positional };
}
