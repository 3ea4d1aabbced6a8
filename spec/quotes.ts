/**
 * Generic walk over specification data collecting every verbatim quote (every string held
 * in a field named `quote`) with the seed file it must occur in and a readable name. A quoted
 * field added anywhere in the data is found without changing this walk.
 * @module
 */
import { SEED_FILES, type Quote, type SeedFile } from './types.ts';

/** A verbatim quote found in the data. */
export interface FoundQuote {
  /** Readable name citing the record and clause, e.g. "CM6 6.5.2 statement". */
  readonly name: string;
  /** Path from the walked root, e.g. "countermeasures[5].statement.quote". */
  readonly path: string;
  readonly file: SeedFile;
  readonly quote: Quote;
}

/** Collapse every run of whitespace (including tabs, newlines, no-break spaces) to one space and trim. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Context inherited from enclosing records. */
interface Context {
  readonly file: SeedFile | undefined;
  readonly anchor: string;
  readonly clause: string | undefined;
  readonly rel: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSeedFile = (v: unknown): v is SeedFile => (SEED_FILES as readonly unknown[]).includes(v);
const join = (a: string, b: string): string => (a === '' ? b : b.startsWith('[') ? `${a}${b}` : `${a}.${b}`);

/** The label of an array element: the ID-like field it carries, else its index. */
function elementLabel(value: unknown, index: number): string {
  if (isRecord(value)) {
    for (const key of ['domain', 'stakeholder', 'element'] as const) {
      const v = value[key];
      if (typeof v === 'string') return `.${v}`;
    }
  }
  return `[${index}]`;
}

/** The name under which a record is cited: its `id`, or "cm (scope)" for a presupposition row. */
function anchorOf(value: Record<string, unknown>): string | undefined {
  if (typeof value.id === 'string') return value.id;
  if (typeof value.cm === 'string' && typeof value.scope === 'string') return `${value.cm} (${value.scope})`;
  return undefined;
}

/** Every quote under `root`. Throws if a quote is not a string or has no enclosing `seed`. */
export function collectQuotes(root: unknown): FoundQuote[] {
  const found: FoundQuote[] = [];
  const walk = (value: unknown, path: string, ctx: Context): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        const label = elementLabel(v, i);
        walk(v, `${path}[${i}]`, { ...ctx, rel: join(ctx.rel, label.startsWith('.') ? label.slice(1) : label) });
      });
      return;
    }
    if (!isRecord(value)) return;
    const seed = value.seed;
    const file = isRecord(seed) && isSeedFile(seed.file) ? seed.file : ctx.file;
    const anchor = anchorOf(value);
    const here: Context = {
      file,
      anchor: anchor ?? ctx.anchor,
      clause: typeof value.clause === 'string' ? value.clause : ctx.clause,
      rel: anchor === undefined ? ctx.rel : '',
    };
    for (const [key, child] of Object.entries(value)) {
      const childPath = join(path, key);
      if (key !== 'quote') {
        walk(child, childPath, { ...here, rel: join(here.rel, key) });
        continue;
      }
      if (typeof child !== 'string') throw new Error(`quote at ${childPath} is not a string`);
      if (here.file === undefined) throw new Error(`quote at ${childPath} has no enclosing seed`);
      const parts = [here.anchor, here.clause, here.rel === '' ? 'text' : here.rel].filter((p) => p !== undefined && p !== '');
      found.push({ name: parts.join(' '), path: childPath, file: here.file, quote: child });
    }
  };
  walk(root, '', { file: undefined, anchor: '', clause: undefined, rel: '' });
  return found;
}
