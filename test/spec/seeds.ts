/**
 * Loading of the seed files for the specification tests. The directory is
 * `../shared/seeds/` next to the repository, or the directory named by the environment
 * variable ONEM2M_SEEDS.
 * @module
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SEED_FILES, normaliseWhitespace, type SeedFile } from '../../spec/index.ts';

/** The seed directory as a file URL ending in "/". */
export const SEED_DIR: URL =
  process.env.ONEM2M_SEEDS !== undefined && process.env.ONEM2M_SEEDS !== ''
    ? pathToFileURL(`${resolve(process.env.ONEM2M_SEEDS)}/`)
    : new URL('../../../shared/seeds/', import.meta.url);

/** A seed file's text, raw and whitespace-normalised. */
export interface SeedText {
  readonly raw: string;
  readonly normalised: string;
}

/** Both seed files, read once. */
export const SEEDS: Readonly<Record<SeedFile, SeedText>> = Object.fromEntries(
  SEED_FILES.map((file) => {
    const raw = readFileSync(new URL(file, SEED_DIR), 'utf8');
    return [file, { raw, normalised: normaliseWhitespace(raw) }];
  }),
) as Record<SeedFile, SeedText>;

/** Whether `quote` occurs in the whitespace-normalised text of `file`. */
export function foundNormalised(file: SeedFile, quote: string): boolean {
  return SEEDS[file].normalised.includes(normaliseWhitespace(quote));
}

/** Short form of a seed file name for test names ("000", "004"). */
export const short = (file: SeedFile): string => file.slice(0, 3);
