/**
 * Builds the interactive page that runs the model in the browser: `index.html`, its style sheet
 * and `play.js`, a bundle (made with esbuild) of the real machines, the invariants and threat
 * goals, and the page's code (`scripts/docs/play/`). The attack traces it offers come from a
 * fresh exploration (`play-traces.ts`). Standalone: `npx tsx scripts/docs/play.ts OUTDIR`.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { COUNTERMEASURES } from '../../spec/countermeasures.ts';
import type { CountermeasureId } from '../../spec/ids.ts';
import { playTraces } from './play-traces.ts';
import type { PlayData } from './play/main.ts';
import { PLAY_CSS, type PageOptions, playHtml } from './play/page.ts';

const ENTRY = fileURLToPath(new URL('./play/main.ts', import.meta.url));

/** Bundles the page's code for the browser: one classic script, so the page also works from `file://`. */
export async function bundlePlay(): Promise<string> {
  const out = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

/** The data the page reads at start: the attack traces and the countermeasures' titles. */
export function playData(): PlayData {
  const cmTitles = Object.fromEntries(COUNTERMEASURES.map((c) => [c.id, c.title.quote])) as Record<CountermeasureId, string>;
  return { traces: playTraces(), cmTitles };
}

/** Writes the interactive page into `outDir` (`index.html`, `play.css`, `play.js`). */
export async function buildPlay(outDir: string, options: PageOptions = {}): Promise<void> {
  const js = await bundlePlay();
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'play.js'), js);
  writeFileSync(join(outDir, 'play.css'), PLAY_CSS);
  writeFileSync(join(outDir, 'index.html'), playHtml(playData(), options));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: tsx scripts/docs/play.ts OUTDIR');
    process.exit(2);
  }
  const start = Date.now();
  await buildPlay(resolve(outDir));
  console.log(`play: wrote ${join(resolve(outDir), 'index.html')} in ${Date.now() - start} ms`);
}
