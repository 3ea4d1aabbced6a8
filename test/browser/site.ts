/**
 * The site the browser tests crawl, built into a fresh temporary folder. When `npm run docs`
 * builds the full site (into `docs/site/`), that site is built and copied; otherwise (the docs
 * script is still the plain API reference) the folder gets the API reference (typedoc), the
 * interactive page, and an index page linking both. In either case the interactive page is
 * built into `play/` if the site has none.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlay } from '../../scripts/docs/play.ts';

const root = new URL('../../', import.meta.url).pathname;

/** A built site: its folder and whether it is the full site of `npm run docs`. */
export interface BuiltSite {
  readonly dir: string;
  readonly full: boolean;
}

/** True when `npm run docs` builds the full site rather than only the API reference. */
function docsBuildsSite(): boolean {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const docs = pkg.scripts?.docs;
  return docs !== undefined && docs.trim() !== 'typedoc';
}

/** Builds the site into a new temporary folder. */
export async function buildSite(): Promise<BuiltSite> {
  const dir = mkdtempSync(join(tmpdir(), 'onem2m-hsm-site-'));
  let full = false;
  if (docsBuildsSite()) {
    execFileSync('npm', ['run', 'docs'], { cwd: root, stdio: 'pipe' });
    cpSync(join(root, 'docs', 'site'), dir, { recursive: true });
    full = true;
  } else {
    execFileSync('npx', ['typedoc', '--out', join(dir, 'api'), '--logLevel', 'Error'], { cwd: root, stdio: 'pipe' });
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>onem2m-hsm</title></head><body><h1>onem2m-hsm</h1><ul><li><a href="api/index.html">API reference</a></li><li><a href="play/index.html">Run the model</a></li></ul></body></html>\n',
    );
  }
  if (!existsSync(join(dir, 'play', 'index.html'))) await buildPlay(join(dir, 'play'), { home: '../index.html' });
  return { dir, full };
}

/** Builds only the interactive page into a new temporary folder (at its root). */
export async function buildPlayOnly(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'onem2m-hsm-play-'));
  await buildPlay(dir);
  return dir;
}
