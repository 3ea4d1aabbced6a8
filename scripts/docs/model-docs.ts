/**
 * The model elements a countermeasure is implemented by, read from the model itself: the
 * mechanisms it configures (`MECHANISMS` in `model/mechanisms.ts`) and the guards that read those
 * mechanisms (`MECHANISM_GUARDS` in `model/guards.ts`), each with the TSDoc comment written above
 * it in the source (found by its name), so the page shows what the code says of itself.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CountermeasureId } from '../../spec/ids.ts';
import { MECHANISM_GUARDS } from '../../model/guards.ts';
import { MECHANISMS } from '../../model/mechanisms.ts';
import { ROOT } from './data.ts';

/** A model element with the countermeasures it belongs to and its comment. */
export interface ModelElement {
  readonly kind: 'mechanism' | 'guard';
  readonly name: string;
  readonly file: string;
  readonly countermeasures: readonly CountermeasureId[];
  /** The TSDoc comment above its definition, as plain text. */
  readonly doc: string;
}

/** The comment text right above `name` (as `get name(`, `name:` or `name(`) in a source file. */
export function docAbove(source: string, name: string): string {
  const re = new RegExp(String.raw`/\*\*((?:(?!\*/)[\s\S])*)\*/\s*(?:get\s+)?${name}\s*[:(]`);
  const m = re.exec(source);
  if (!m) return '';
  return m[1]!
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, '').trim())
    .join(' ')
    .trim();
}

/** The model files (other than `model/mechanisms.ts`) that read one of the mechanisms among `els` (as `.name`). */
export function mechanismReaders(els: readonly ModelElement[]): string[] {
  const names = els.filter((e) => e.kind === 'mechanism').map((e) => e.name);
  const dir = join(ROOT, 'model');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'mechanisms.ts')
    .sort()
    .filter((f) => {
      const src = readFileSync(join(dir, f), 'utf8');
      return names.some((n) => new RegExp(`\\.${n}\\b`).test(src));
    })
    .map((f) => `model/${f}`);
}

/** Every mechanism and every mechanism-reading guard, with its countermeasures. */
export function modelElements(): ModelElement[] {
  const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
  const mech = read('model/mechanisms.ts');
  const guardFiles = ['model/guards.ts', 'model/device.machine.ts', 'model/server.machine.ts'].map((f) => [f, read(f)] as const);
  const mechanisms: ModelElement[] = Object.entries(MECHANISMS).map(([name, cms]) => ({
    kind: 'mechanism',
    name,
    file: 'model/mechanisms.ts',
    countermeasures: cms,
    doc: docAbove(mech, name),
  }));
  const guards: ModelElement[] = Object.entries(MECHANISM_GUARDS).map(([name, ms]) => {
    const [file, src] = guardFiles.find(([, s]) => docAbove(s, name) !== '') ?? guardFiles[0]!;
    const cms = [...new Set(ms.flatMap((m) => MECHANISMS[m]))].sort() as CountermeasureId[];
    return { kind: 'guard', name, file, countermeasures: cms, doc: docAbove(src, name) };
  });
  return [...mechanisms, ...guards];
}
