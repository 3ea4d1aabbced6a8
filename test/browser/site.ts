/**
 * The site the browser tests crawl: the full reviewer site of `npm run docs` (API reference
 * and interactive page included), built into a fresh folder inside the checkout.
 * @module
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite as buildFullSite } from '../../scripts/docs/build.ts';
import { buildPlay } from '../../scripts/docs/play.ts';

const root = new URL('../../', import.meta.url).pathname;

/** A built site: its folder. */
export interface BuiltSite {
  readonly dir: string;
}

/** A new empty folder inside the checkout (`node_modules/.cache/`), so nothing outside it is used. */
function freshDir(prefix: string): string {
  const cache = join(root, 'node_modules', '.cache', 'onem2m-hsm');
  mkdirSync(cache, { recursive: true });
  return mkdtempSync(join(cache, prefix));
}

/** Builds the full site (as `npm run docs` does, API reference and interactive page included) into a new folder. */
export async function buildSite(): Promise<BuiltSite> {
  const dir = freshDir('browser-site-');
  await buildFullSite(dir);
  return { dir };
}

/** Builds only the interactive page into a new temporary folder (at its root). */
export async function buildPlayOnly(): Promise<string> {
  const dir = freshDir('browser-play-');
  await buildPlay(dir);
  return dir;
}
