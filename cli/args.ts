/**
 * The one command-line grammar of `onem2m-hsm`, on Node's `util.parseArgs` (strict, declared
 * options): `--flag value` and `--flag=value` alike, each flag at most once, typed values
 * (boolean, string, integer in a range, comma-separated list of known values, output file or
 * folder), `-h`/`--help` on every command. Output paths are checked last, after every other
 * flag is valid, and before the command does any work. Every mistake is a `UsageError`.
 * @module
 */
import { parseArgs as nodeParseArgs } from 'node:util';
import { HelpRequested, UsageError, quote } from './errors.ts';
import { checkOutputDir, checkOutputFile } from './files.ts';
import { commandUsage, placeholder } from './usage.ts';

interface Base {
  /** One line for the usage text. */
  readonly description: string;
  /** Placeholder of the value in the usage text (e.g. `FILE`). */
  readonly value?: string;
  /** The command cannot run without this flag. */
  readonly required?: boolean;
}
/** A switch: present or not. */
export interface BooleanOption extends Base {
  readonly type: 'boolean';
}
/** Any non-empty text. */
export interface StringOption extends Base {
  readonly type: 'string';
}
/** A plain decimal integer (`/^[0-9]+$/`) from `min` to `max`. */
export interface IntegerOption extends Base {
  readonly type: 'integer';
  readonly min: number;
  readonly max: number;
}
/** Comma-separated `values` (case-insensitive, at least one, duplicates dropped); `noun` names one in messages. */
export interface ListOption extends Base {
  readonly type: 'list';
  readonly values: readonly string[];
  readonly noun: string;
}
/** A file to write (`file`) or a folder to write into (`dir`), checked before any work. */
export interface OutputOption extends Base {
  readonly type: 'file' | 'dir';
}
/** A declared flag. */
export type Option = BooleanOption | StringOption | IntegerOption | ListOption | OutputOption;

/** A positional argument (required unless `optional`). */
export interface Positional {
  readonly name: string;
  readonly description: string;
  readonly optional?: boolean;
}

/** A command's grammar: its flags (declared once) and positional arguments. */
export interface CommandSpec {
  readonly name: string;
  /** What the command does, in one line without a final period (its line in `onem2m-hsm help`). */
  readonly summary: string;
  /** More about it, for its own usage text. */
  readonly details?: string;
  readonly positionals?: readonly Positional[];
  readonly options: Readonly<Record<string, Option>>;
}

type ValueOf<O> = O extends BooleanOption ? boolean : O extends IntegerOption ? number : O extends ListOption ? O['values'][number][] : string;
type Absent<O> = O extends BooleanOption ? never : O extends { required: true } ? never : undefined;

/** The parsed flags of a command, typed by its spec. */
export type Values<S extends CommandSpec> = { readonly [K in keyof S['options']]: ValueOf<S['options'][K]> | Absent<S['options'][K]> };

/** Parsed flags and positional arguments. */
export interface Parsed<S extends CommandSpec> {
  readonly values: Values<S>;
  readonly positionals: readonly string[];
}

const HELP = { type: 'boolean', short: 'h' } as const;

/** True when `argv` asks for help (`-h` or `--help` before any `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Parses `argv` against `spec`; throws `HelpRequested` for `--help`, `UsageError` for any mistake. */
export function parseCommand<S extends CommandSpec>(spec: S, argv: readonly string[], shorts: Readonly<Record<string, string>> = {}): Parsed<S> {
  if (wantsHelp(argv)) throw new HelpRequested(commandUsage(spec));
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: HELP };
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = { type: o.type === 'boolean' ? 'boolean' : 'string', ...(shorts[name] ? { short: shorts[name] } : {}) };
  }
  let r: ReturnType<typeof nodeParseArgs>;
  try {
    r = nodeParseArgs({ args: [...argv], options, strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    throw translate(e, spec);
  }
  const seen = new Set<string>();
  for (const t of r.tokens ?? []) {
    if (t.kind !== 'option') continue;
    if (seen.has(t.name)) throw new UsageError(`flag --${t.name} given more than once`);
    seen.add(t.name);
  }
  const declared = spec.positionals ?? [];
  if (r.positionals.length > declared.length) throw new UsageError(`unexpected argument ${quote(r.positionals[declared.length]!)}`);
  const missing = declared.slice(r.positionals.length).find((p) => !p.optional);
  if (missing)
    throw new UsageError(
      `${spec.name} needs ${missing.name} (usage: ${commandUsage(spec)
        .split('\n')[0]!
        .replace(/^usage: /, '')})`,
    );
  const values: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(spec.options)) {
    const raw = r.values[name];
    if (o.type === 'boolean') values[name] = raw === true;
    else if (typeof raw === 'string') values[name] = convert(name, o, raw);
    else if (o.required) throw new UsageError(`${spec.name} needs --${name}${placeholder(o)}`);
  }
  for (const [name, o] of Object.entries(spec.options)) {
    const v = values[name];
    if (typeof v !== 'string') continue;
    if (o.type === 'file') checkOutputFile(v);
    else if (o.type === 'dir') checkOutputDir(v);
  }
  return { values: values as Values<S>, positionals: r.positionals };
}

function convert(name: string, o: Exclude<Option, BooleanOption>, raw: string): unknown {
  const flag = `--${name}`;
  if (o.type === 'integer') {
    const n = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
    if (!(n >= o.min && n <= o.max)) throw new UsageError(`${flag} must be an integer from ${o.min} to ${o.max}, got ${quote(raw)}`);
    return n;
  }
  if (o.type === 'list') {
    const items = raw.split(',').map((x) => x.trim());
    const known = `known: ${o.values.join(', ')}`;
    if (items.every((x) => x === '')) throw new UsageError(`${flag} needs at least one ${o.noun} (${known})`);
    if (items.includes('')) throw new UsageError(`${flag} has an empty item in ${quote(raw)}`);
    const out = items.map((x) => {
      const v = o.values.find((k) => k.toLowerCase() === x.toLowerCase());
      if (v === undefined) throw new UsageError(`unknown ${o.noun} ${quote(x)} in ${flag} (${known})`);
      return v;
    });
    return [...new Set(out)];
  }
  if (raw === '') throw new UsageError(`flag ${flag} needs a value`);
  return raw;
}

/** Node's parse errors, as one-line usage errors naming the flag. */
function translate(e: unknown, spec: CommandSpec): unknown {
  const code = (e as { code?: string }).code;
  const message = (e as Error).message ?? '';
  const flag = /'(-[^' ]*)/.exec(message)?.[1] ?? '?';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const known = Object.keys(spec.options)
      .map((k) => `--${k}`)
      .join(', ');
    return new UsageError(`unknown flag ${flag} for ${spec.name} (known: ${known || 'none'}, --help)`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const o = spec.options[flag.replace(/^--?/, '')];
    const isBoolean = !o || o.type === 'boolean';
    return new UsageError(isBoolean ? `flag ${flag} takes no value` : `flag ${flag} needs a value`);
  }
  return e;
}
