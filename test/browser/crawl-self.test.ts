/**
 * The crawler can fail: on a small site with one fault of each kind it reports every one of them
 * (a missing page, a missing `#fragment`, a missing linked file, a console error, an uncaught
 * exception, a missing script, a diagram lacking a state, a diagram of an unknown machine), and
 * nothing on the sound pages.
 * @module
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl, MACHINES, stateNames } from './crawl.ts';
import { launch, type SiteServer, SKIP_BROWSER, serve } from './support.ts';

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title></head><body>${body}</body></html>`;
const svg = (machine: string, names: readonly string[]) =>
  `<svg data-machine="${machine}" xmlns="http://www.w3.org/2000/svg">${names.map((n) => `<text>${n}</text>`).join('')}</svg>`;

describe.skipIf(SKIP_BROWSER)('the site crawler', () => {
  let dir: string;
  let server: SiteServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onem2m-hsm-crawl-'));
    mkdirSync(join(dir, 'sub'));
    const device = stateNames(MACHINES.device!);
    const files: Record<string, string> = {
      'index.html': page(
        '<a href="good.html#here">good</a> <a href="missing.html">missing</a> <a href="good.html#nowhere">fragment</a> <a href="sub/">sub</a> <a href="file.txt">file</a> <a href="gone.txt">gone</a> <a href="https://example.org/">outside</a>',
      ),
      'good.html': page(`<h1 id="here">good</h1>${svg('device', device)}`),
      'file.txt': 'text',
      'sub/index.html': page('<a href="../errors.html">errors</a> <a href="../diagrams.html">diagrams</a>'),
      'errors.html': page('<script>console.error("boom")</script><script>throw new Error("thrown")</script><script src="absent.js"></script>'),
      'diagrams.html': page(
        `${svg(
          'device',
          device.filter((n) => n !== 'counterfeitFitted'),
        )}${svg('nosuch', [])}`,
      ),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    server = await serve(dir);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reports each fault, naming its page, and nothing on the sound pages', async () => {
    const report = await crawl(browser, server.url);
    expect([...report.pages].sort()).toEqual(['diagrams.html', 'errors.html', 'good.html', 'index.html', 'sub/']);
    const problems = report.problems.join('\n');
    expect(problems).toContain('link target missing.html answers 404');
    expect(problems).toContain('index.html: link to good.html#nowhere: no element with that id');
    expect(problems).toContain('index.html: link to gone.txt answers 404');
    expect(problems).toContain('errors.html: console error: boom');
    expect(problems).toContain('errors.html: uncaught exception: thrown');
    expect(problems).toMatch(/errors\.html: HTTP 404 for .*absent\.js/);
    expect(problems).toContain("diagrams.html: diagram of 'device' lacks state 'counterfeitFitted'");
    expect(problems).toContain("diagrams.html: diagram of unknown machine 'nosuch'");
    expect(report.problems.filter((p) => /^(good\.html|index\.html: console|sub\/)/.test(p))).toEqual([]);
    expect(report.diagrams).toContainEqual({ page: 'good.html', machine: 'device' });
  });
});
