/**
 * The built site in headless Chromium: every internal link of every page reachable from
 * `index.html` resolves; the pages load with no console error and no failed request (all of
 * them, the API reference by sample: see `crawl.ts`); every diagram holds the state names of its
 * machine. Also screenshots the dashboard
 * into `test-output/`.
 * @module
 */
import { mkdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { crawl, MACHINES, stateNames } from './crawl.ts';
import { buildSite, type BuiltSite } from './site.ts';
import { launch, type SiteServer, SKIP_BROWSER, serve } from './support.ts';

const OUTPUT = new URL('../../test-output/', import.meta.url).pathname;

describe.skipIf(SKIP_BROWSER)('the generated site in a browser', () => {
  let site: BuiltSite;
  let server: SiteServer;
  let browser: Browser;

  beforeAll(async () => {
    site = await buildSite();
    server = await serve(site.dir);
    browser = await launch();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (site) rmSync(site.dir, { recursive: true, force: true });
  });

  it('reads the state names of every machine from its definition', () => {
    expect(stateNames(MACHINES.device!)).toEqual(expect.arrayContaining(['inOwnDevice', 'removed', 'elsewhere', 'counterfeitFitted', 'idle', 'running']));
    expect(Object.keys(MACHINES).sort()).toEqual(['cm6-protocol', 'device', 'server']);
  });

  it('loads every internal page with no console error and no failed request; every internal link and diagram is sound', async () => {
    const report = await crawl(browser, server.url);
    console.log(`crawl: ${report.pages.length} pages linked, ${report.opened.length} opened in the browser, ${report.diagrams.length} diagrams`);
    expect(report.problems).toEqual([]);
    expect(report.pages).toContain('play/index.html');
    expect(report.opened).toContain('play/index.html');
    expect(report.pages.length).toBeGreaterThan(10);
    // the site draws every statechart of the model
    expect([...new Set(report.diagrams.map((d) => d.machine))].sort()).toEqual(Object.keys(MACHINES).sort());
  }, 600_000);

  it('screenshots the dashboard', async () => {
    const res = await fetch(`${server.url}dashboard.html`);
    expect(res.status).toBe(200);
    mkdirSync(OUTPUT, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}dashboard.html`);
    await page.screenshot({ path: `${OUTPUT}dashboard.png`, fullPage: true });
    await page.close();
  });
});
