/**
 * `npm run docs`: builds the reviewer site into `docs/site/` (or the directory given as the first
 * argument): the API reference by typedoc under `api/` (warnings fail the build), and every page
 * generated from spec/, model/, proofs/ and the recorded results. Plain HTML, one local
 * stylesheet, one local script; nothing is fetched, so the site works offline.
 *
 * Pages built by other generators go in their own sub-directory: `SECTIONS` lists them, each
 * called with the directory to fill (created empty first). The "Play" link of the navigation
 * bar points to `play/index.html`, built by such a section.
 * @module
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadData, ROOT } from './data.ts';
import { dashboardPage } from './dashboard.ts';
import { diagramPages } from './diagrams.ts';
import { NAV, writePages, type Page } from './html.ts';
import { indexPage } from './index-page.ts';
import { matrixPage } from './matrix.ts';
import { buildPlay } from './play.ts';
import { sensitivityPage } from './sensitivity.ts';
import { specPages } from './spec-pages.ts';
import { threatAndCmPages } from './threat-pages.ts';
import { tracePages } from './traces.ts';
import { whatIfPage } from './whatif.ts';

/** Where `npm run docs` writes the site, relative to the repository root. */
export const SITE_DIR = 'docs/site';

/** A part of the site built by another generator into its own sub-directory. */
export interface Section {
  /** The sub-directory, relative to the site root. */
  readonly dir: string;
  /** Fills `dir` (an absolute path to an existing, empty directory). */
  readonly build: (dir: string) => Promise<void>;
}

/** The sections every build adds: the interactive page that runs the model (`play/`). */
export const SECTIONS: readonly Section[] = [{ dir: 'play', build: (dir) => buildPlay(dir, { home: '../index.html' }) }];

/** Options of a build. */
export interface BuildOptions {
  /** Build the API reference with typedoc (default true). */
  readonly api?: boolean;
  /** Further sections, for a directory `SECTIONS` does not fill already. */
  readonly extraSections?: readonly Section[];
}

/** What a build produced. */
export interface BuildResult {
  readonly pages: readonly string[];
  readonly ms: number;
}

/** Runs typedoc into `dir` with warnings treated as errors; rejects with its output on failure. */
export function buildApi(dir: string): Promise<void> {
  return new Promise((ok, fail) => {
    const bin = join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc');
    const p = spawn(process.execPath, [bin, '--out', dir, '--treatWarningsAsErrors', '--logLevel', 'Warn'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    p.stdout.on('data', (d) => {
      log += d;
    });
    p.stderr.on('data', (d) => {
      log += d;
    });
    p.on('close', (code) => (code === 0 ? ok() : fail(new Error(`typedoc failed (exit ${code}):\n${log}`))));
  });
}

/**
 * Adapts the typedoc pages to the site: the site's navigation at the top of each page's footer
 * (links relative to the page), and typedoc's icon references (`<use href="…/assets/icons.svg#icon-…">`) at the symbols its
 * `assets/icons.js` puts into each page, as that script itself does on `file:` URLs — but before
 * the browser tries the file, which Chromium reports as a console error when the page is opened
 * from disk.
 */
export function adaptApiPages(dir: string): number {
  let n = 0;
  const walk = (d: string, up: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p, `${up}../`);
      else if (name.endsWith('.html')) {
        const html = readFileSync(p, 'utf8');
        const nav = NAV.map(([label, href]) => `<a href="${up}${href}">${label}</a>`).join(' · ');
        const fixed = html
          .replace(/(<use href=")[^"#]*assets\/icons\.svg#/g, '$1#')
          .replace('<footer>', `<footer><p class="tsd-generator">Reviewer site: ${nav}</p>`);
        if (fixed !== html) {
          writeFileSync(p, fixed);
          n++;
        }
      }
    }
  };
  walk(dir, '../');
  return n;
}

/** Builds the whole site into `out` (emptied first). */
export async function buildSite(out: string, opts: BuildOptions = {}): Promise<BuildResult> {
  const t0 = performance.now();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const api = opts.api === false ? Promise.resolve() : buildApi(join(out, 'api')).then(() => adaptApiPages(join(out, 'api')));
  const data = loadData();
  const pages: Page[] = [
    indexPage(data),
    ...threatAndCmPages(data),
    ...specPages(data),
    matrixPage(data),
    dashboardPage(data),
    ...tracePages(data),
    ...(await diagramPages()),
    sensitivityPage(data),
    whatIfPage(data),
  ];
  writePages(out, pages);
  for (const asset of ['site.css', 'whatif.js']) copyFileSync(join(ROOT, 'scripts', 'docs', 'assets', asset), join(out, asset));
  const sections = [...SECTIONS, ...(opts.extraSections ?? []).filter((x) => !SECTIONS.some((s) => s.dir === x.dir))];
  for (const s of sections) {
    mkdirSync(join(out, s.dir), { recursive: true });
    await s.build(join(out, s.dir));
  }
  await api;
  return { pages: pages.map((p) => p.file), ms: performance.now() - t0 };
}

/** `npm run docs [DIR]`. */
async function main(): Promise<void> {
  const out = resolve(ROOT, process.argv[2] ?? SITE_DIR);
  const r = await buildSite(out);
  console.log(`built ${r.pages.length} pages and the API reference into ${out} in ${(r.ms / 1000).toFixed(1)} s; open ${join(out, 'index.html')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
