/**
 * The source text for the specification tests, read from the project's own copy in
 * `spec/source/` (through `spec/source.ts`, which checks each file's digest).
 * @module
 */
import { SEED_FILES, normaliseWhitespace, sourceText, type SeedFile } from '../../spec/index.ts';

/** A seed file's text, raw and whitespace-normalised. */
export interface SeedText {
  readonly raw: string;
  readonly normalised: string;
}

/** Both seed files, read once. */
export const SEEDS: Readonly<Record<SeedFile, SeedText>> = Object.fromEntries(
  SEED_FILES.map((file) => {
    const raw = sourceText(file);
    return [file, { raw, normalised: normaliseWhitespace(raw) }];
  }),
) as Record<SeedFile, SeedText>;

/** Whether `quote` occurs in the whitespace-normalised text of `file`. */
export function foundNormalised(file: SeedFile, quote: string): boolean {
  return SEEDS[file].normalised.includes(normaliseWhitespace(quote));
}

/** Short form of a seed file name for test names ("000", "004"). */
export const short = (file: SeedFile): string => file.slice(0, 3);
