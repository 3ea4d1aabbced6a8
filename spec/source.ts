/**
 * The source text, as carried by the project itself: the two seed files in `spec/source/`
 * (copied byte for byte into `dist/spec/source/` by the build), read relative to this module so
 * that nothing outside the checkout or the installed package is ever read. Each file's SHA-256
 * digest is recorded here, and {@link sourceText} refuses a file whose bytes differ.
 * @module
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SEED_FILES, type SeedFile } from './types.ts';

/** SHA-256 (hex) of each source file as it was given. */
export const SOURCE_DIGESTS: Readonly<Record<SeedFile, string>> = {
  '000_d002568a6978b481.txt': 'f7930e9c3890887e5177459e9929e725241bf335387bcf0824371c7d708ef6f7',
  '004_a98c72a72624c16d.txt': 'c89bab9060fe2c8b09751050e571d5d82897062ceddc6503b884f967ab2c2371',
};

/** The folder holding the source text, as a file URL ending in "/". */
export const SOURCE_DIR: URL = new URL('./source/', import.meta.url);

/** The source text was changed or is missing. */
export class SourceTextError extends Error {
  override readonly name = 'SourceTextError';
}

const cache = new Map<SeedFile, string>();

/**
 * The text of one source file, checked against its recorded digest.
 * @throws SourceTextError when the file is missing or its bytes differ from the recorded digest.
 */
export function sourceText(file: SeedFile): string {
  const hit = cache.get(file);
  if (hit !== undefined) return hit;
  if (!(SEED_FILES as readonly string[]).includes(file)) throw new SourceTextError(`unknown source file '${String(file)}'`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(new URL(file, SOURCE_DIR));
  } catch {
    throw new SourceTextError(`source file ${file} is missing from ${SOURCE_DIR.pathname}`);
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== SOURCE_DIGESTS[file]) throw new SourceTextError(`source file ${file} differs from the text as given (SHA-256 ${digest})`);
  const text = bytes.toString('utf8');
  cache.set(file, text);
  return text;
}
