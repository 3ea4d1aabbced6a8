/**
 * Usage texts generated from the command specs: one per command (`onem2m-hsm COMMAND --help`)
 * and the overview (`onem2m-hsm --help`).
 * @module
 */
import type { CommandSpec, Option } from './args.ts';

const PROGRAM = 'onem2m-hsm';

const COLUMNS = 88;

/** `text` wrapped at word boundaries into lines of at most `width` characters. */
export function wrap(text: string, width = COLUMNS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

/** Two aligned columns, the right one wrapped; a left cell too wide for its column puts its text on the next line. */
function table(rows: readonly (readonly [string, string])[], indent = '  '): string[] {
  const width = Math.min(Math.max(0, ...rows.map(([l]) => l.length)), 22) + 2;
  const pad = indent + ' '.repeat(width);
  return rows.flatMap(([l, r]) => {
    const text = wrap(r, COLUMNS - pad.length);
    const head = l.length + 2 > width ? [`${indent}${l}`] : [];
    const first = head.length ? [] : [`${indent}${l.padEnd(width)}${text.shift() ?? ''}`];
    return [...head, ...first, ...text.map((t) => pad + t)];
  });
}

/** The value placeholder of a flag in usage texts (` FILE`, ` N`, …; empty for a switch). */
export function placeholder(o: Option): string {
  if (o.type === 'boolean') return '';
  if (o.value) return ` ${o.value}`;
  return { string: ' TEXT', integer: ' N', list: ' A,B', file: ' FILE', dir: ' DIR' }[o.type];
}

function detail(o: Option): string {
  if (o.type === 'integer') return `; an integer from ${o.min} to ${o.max}`;
  if (o.type === 'list') return `; one or more of ${o.values.join(', ')}`;
  return o.required ? '; required' : '';
}

/** The first line of a command's usage: its synopsis. */
export function synopsis(spec: CommandSpec): string {
  const pos = (spec.positionals ?? []).map((p) => (p.optional ? ` [${p.name}]` : ` ${p.name}`)).join('');
  const required = Object.entries(spec.options)
    .filter(([, o]) => o.required)
    .map(([k, o]) => ` --${k}${placeholder(o)}`)
    .join('');
  const flags = Object.values(spec.options).some((o) => !o.required) ? ' [flags]' : '';
  return `${PROGRAM} ${spec.name}${pos}${required}${flags}`;
}

/** The full usage text of one command, generated from its spec. */
export function commandUsage(spec: CommandSpec): string {
  const out = [
    `usage: ${synopsis(spec)}`,
    '',
    ...wrap(`${spec.summary[0]?.toUpperCase() ?? ''}${spec.summary.slice(1)}.${spec.details ? ` ${spec.details}` : ''}`),
  ];
  if (spec.positionals?.length) out.push('', 'arguments:', ...table(spec.positionals.map((p) => [p.name, p.description])));
  const rows = Object.entries(spec.options).map(([k, o]): [string, string] => [`--${k}${placeholder(o)}`, `${o.description}${detail(o)}`]);
  rows.push(['-h, --help', 'print this help']);
  out.push('', 'flags (--flag VALUE and --flag=VALUE are the same):', ...table(rows));
  return out.join('\n');
}

/** The overview: every command with its summary. */
export function programUsage(specs: readonly CommandSpec[]): string {
  return [
    `usage: ${PROGRAM} <command> [flags]`,
    `       ${PROGRAM} help [COMMAND] | --help | --version`,
    '',
    'commands:',
    ...table(specs.map((s) => [s.name, s.summary])),
    '',
    `Run '${PROGRAM} help COMMAND' (or '${PROGRAM} COMMAND --help') for a command's flags.`,
    'Usage errors print one line on stderr and exit with code 2.',
  ].join('\n');
}
