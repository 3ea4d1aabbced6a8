/**
 * The interactive page in headless Chromium: it runs the real machines, so loading an attack
 * trace with the threat's countermeasures removed and stepping to the end shows a violated
 * invariant, while the same events under all six countermeasures are refused and violate none;
 * every state it shows agrees with the machines run in Node (`scripts/docs/play/session.ts`).
 * Screenshots go to `test-output/`.
 * @module
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invariantStatus, runEvents } from '../../scripts/docs/play/session.ts';
import type { PlayTrace } from '../../scripts/docs/play-traces.ts';
import { COUNTERMEASURE_IDS } from '../../spec/ids.ts';
import recorded from '../../proofs/recorded/verify.json' with { type: 'json' };
import { buildPlayOnly } from './site.ts';
import { launch, type SiteServer, SKIP_BROWSER, serve } from './support.ts';

const RECORDED = recorded as unknown as { threats: { threat: string; remote: Verdict; physical: Verdict; insider: Verdict }[] };
type Verdict = { minimalSets: string[][] };
const OUTPUT = new URL('../../test-output/', import.meta.url).pathname;

/** The status of each invariant the page shows. */
async function shownInvariants(page: Page): Promise<Record<string, string>> {
  return page.$$eval('#invariants [data-invariant]', (els) =>
    Object.fromEntries(els.map((e) => [e.getAttribute('data-invariant'), e.getAttribute('data-status')])),
  );
}

/** Clicks forward until the last state of the run. */
async function stepToEnd(page: Page): Promise<void> {
  while (await page.isEnabled('#step-next')) await page.click('#step-next');
}

describe.skipIf(SKIP_BROWSER)('the interactive page', () => {
  let dir: string;
  let server: SiteServer;
  let browser: Browser;
  let page: Page;
  let traces: PlayTrace[];
  const errors: string[] = [];

  beforeAll(async () => {
    dir = await buildPlayOnly();
    server = await serve(dir);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}index.html`);
    await page.waitForSelector('body[data-ready="true"]');
    traces = JSON.parse((await page.textContent('#play-data'))!).traces;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts on the device with all countermeasures, every invariant holding, and offers enabled and disabled events', async () => {
    expect(await page.inputValue('#model')).toBe('device');
    expect(await page.$$eval('#cms input:checked', (els) => els.length)).toBe(COUNTERMEASURE_IDS.length);
    expect(Object.values(await shownInvariants(page))).toEqual(Array(6).fill('ok'));
    expect(await page.locator('#events button[data-enabled="true"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#events button[disabled]').count()).toBeGreaterThan(0);
    expect(await page.textContent('#state-value')).toContain('inOwnDevice');
  });

  it('offers a trace for every threat with its listed countermeasures removed', async () => {
    const goals = await page.$$eval('#trace-select option[data-kind="listed-removed"]', (os) => os.map((o) => o.getAttribute('data-goal')));
    expect([...new Set(goals)].sort()).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
  });

  it('reaches a violation on each threat trace with its countermeasures removed, and none with all countermeasures', async () => {
    const removed = traces.filter((t) => t.kind === 'listed-removed');
    let violatedRuns = 0;
    let refusedRuns = 0;
    let stoppedRuns = 0;
    for (const t of removed) {
      await page.selectOption('#trace-select', t.id);
      await stepToEnd(page);
      expect(await page.getAttribute(`#goals [data-goal="${t.goal}"]`, 'data-status'), t.id).toBe('reached');
      const shown = await shownInvariants(page);
      // the page shows exactly what the machine computes in Node
      const expected = runEvents(t.config, t.events);
      const want = Object.fromEntries(invariantStatus(t.config.model, expected.states.at(-1)!).map((i) => [i.id, i.holds ? 'ok' : 'violated']));
      expect(shown, t.id).toEqual(want);
      if (Object.values(shown).includes('violated')) violatedRuns++;

      // the same events under all six countermeasures: refused, and no invariant broken at any step
      for (const cm of COUNTERMEASURE_IDS) await page.check(`#cm-${cm}`);
      const all = runEvents({ ...t.config, cms: [...COUNTERMEASURE_IDS] }, t.events);
      // whether all six stop the threat for this attacker, as the recorded verification says
      const stoppedByAll = RECORDED.threats.find((r) => r.threat === t.goal)![t.config.profile].minimalSets.length > 0;
      if (stoppedByAll) stoppedRuns++;
      await page.click('#step-first');
      for (let step = 0; step <= t.events.length; step++) {
        if (stoppedByAll) expect(Object.values(await shownInvariants(page)), `${t.id} step ${step}`).not.toContain('violated');
        if (step < t.events.length) await page.click('#step-next');
      }
      const outcomes = await page.$$eval('#trace-steps li', (ls) => ls.map((l) => l.getAttribute('data-outcome')));
      expect(outcomes).toEqual(all.outcomes);
      if (stoppedByAll) expect(await page.getAttribute(`#goals [data-goal="${t.goal}"]`, 'data-status'), t.id).toBe('not-reached');
      if (outcomes.includes('refused')) refusedRuns++;
    }
    expect(violatedRuns).toBeGreaterThan(0);
    expect(stoppedRuns).toBeGreaterThan(removed.length / 2);
    // an attack step is always offered; the countermeasures either refuse it (e.g. a forged command under CM6) or leave it harmless (a memory read finding no key)
    expect(refusedRuns).toBeGreaterThan(0);
  });

  it('shows T1 discovered by reading memory without CM1, and the read finding nothing with CM1 and CM3', async () => {
    const t = traces.find((x) => x.id === 'T1-remote-listed-removed')!;
    await page.selectOption('#trace-select', t.id);
    await stepToEnd(page);
    expect(await page.getAttribute('#invariants [data-invariant="INV-NO-KEY-EXPORT"]', 'data-status')).toBe('violated');
    expect(await page.getAttribute('#trace-steps li[data-step="1"]', 'data-violates')).toContain('INV-NO-KEY-EXPORT');
    await page.check('#cm-CM1');
    expect(await page.getAttribute('#invariants [data-invariant="INV-NO-KEY-EXPORT"]', 'data-status')).toBe('ok');
    expect(await page.getAttribute('#goals [data-goal="T1"]', 'data-status')).toBe('not-reached');
  });

  it('sends an enabled event on click, and goes back', async () => {
    await page.click('#clear');
    await page.selectOption('#model', 'server');
    await page.click('#events button[data-event="SF_START slot=0"]');
    expect(await page.textContent('#state-value')).toContain('running');
    expect(await page.getAttribute('body', 'data-position')).toBe('1');
    await page.click('#step-prev');
    expect(await page.textContent('#state-value')).toContain('idle');
  });

  it('builds CM5 as chosen: physical binding refuses the removal, logical binding alone lets the HSM leave its device', async () => {
    await page.selectOption('#trace-select', '');
    await page.click('#clear');
    await page.selectOption('#model', 'device');
    await page.selectOption('#profile', 'physical');
    for (const cm of COUNTERMEASURE_IDS) await page.check(`#cm-${cm}`);
    expect(await page.isDisabled('#events button[data-event="REMOVE_HSM"]')).toBe(true);
    await page.selectOption('#setting-cm5Means', 'logical');
    expect(await page.textContent('#mechanisms [data-field="physicalBinding"] td')).toBe('false');
    await page.click('#events button[data-event="REMOVE_HSM"]');
    expect(await page.getAttribute('#invariants [data-invariant="INV-BINDING-PHYSICAL"]', 'data-status')).toBe('violated');
    await page.selectOption('#setting-cm5Means', 'physical-and-logical');
    expect(await page.getAttribute('#trace-steps li[data-step="1"]', 'data-outcome')).toBe('refused');
    expect(await page.getAttribute('#invariants [data-invariant="INV-BINDING-PHYSICAL"]', 'data-status')).toBe('ok');
  });

  it('works from file:// too', async () => {
    const p = await browser.newPage();
    const failures: string[] = [];
    p.on('pageerror', (e) => failures.push(e.message));
    p.on('requestfailed', (r) => failures.push(r.url()));
    await p.goto(pathToFileURL(join(dir, 'index.html')).href);
    await p.waitForSelector('body[data-ready="true"]');
    expect(await p.locator('#invariants [data-invariant]').count()).toBe(6);
    expect(failures).toEqual([]);
    await p.close();
  });

  it('screenshots the page with a violation shown, and has logged no error', async () => {
    mkdirSync(OUTPUT, { recursive: true });
    await page.selectOption('#trace-select', 'T3-physical-listed-removed');
    await stepToEnd(page);
    await page.screenshot({ path: `${OUTPUT}play.png`, fullPage: true });
    for (const cm of COUNTERMEASURE_IDS) await page.check(`#cm-${cm}`);
    expect(await page.$$eval('#trace-steps li[data-outcome="refused"]', (ls) => ls.length)).toBeGreaterThan(0);
    await page.screenshot({ path: `${OUTPUT}play-all-countermeasures.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
