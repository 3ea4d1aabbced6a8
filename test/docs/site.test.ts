/**
 * The reviewer site (issue 12): built into a temporary directory inside the checkout
 * (`node_modules/.cache/`, so nothing outside it is read), API reference included, every
 * internal link and anchor resolves, nothing is loaded from the network, every statechart is an
 * SVG naming the machine's states, and the pages quote the text verbatim and link both ways.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THREATS } from '../../spec/threats.ts';
import { COUNTERMEASURES } from '../../spec/countermeasures.ts';
import { REQUIREMENTS } from '../../spec/requirements.ts';
import { DEFINITIONS } from '../../spec/definitions.ts';
import { buildSite, type BuildResult } from '../../scripts/docs/build.ts';
import { checkLinks, htmlFiles } from '../../scripts/docs/check-links.ts';
import { stateNames } from '../../scripts/docs/dot.ts';
import { MACHINES } from '../../scripts/docs/diagrams.ts';
import { esc } from '../../scripts/docs/html.ts';
import { loadData } from '../../scripts/docs/data.ts';

let out: string;
let built: BuildResult;
const page = (f: string) => readFileSync(join(out, f), 'utf8');

beforeAll(async () => {
  const cache = join(new URL('../../', import.meta.url).pathname, 'node_modules', '.cache', 'onem2m-hsm');
  mkdirSync(cache, { recursive: true });
  out = mkdtempSync(join(cache, 'site-'));
  built = await buildSite(out, {
    extraSections: [{ dir: 'play', build: async (dir) => writeFileSync(join(dir, 'index.html'), '<!doctype html><title>play</title>') }],
  });
}, 300_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the reviewer site', () => {
  it('has a page per threat, countermeasure, requirement and definition, and the API reference', () => {
    for (const t of THREATS) expect(built.pages).toContain(`threat-${t.id}.html`);
    for (const c of COUNTERMEASURES) expect(built.pages).toContain(`cm-${c.id}.html`);
    for (const r of REQUIREMENTS) expect(built.pages).toContain(`req-${r.id}.html`);
    for (const d of DEFINITIONS) expect(built.pages).toContain(`def-${d.id}.html`);
    expect(htmlFiles(out).filter((f) => f.startsWith('api/')).length).toBeGreaterThan(100);
  });

  it('resolves every internal link and anchor, and loads nothing from another site', () => {
    const { broken, external, checked } = checkLinks(out);
    expect(checked).toBeGreaterThan(1000);
    expect(broken).toEqual([]);
    // Hyperlinks out (typedoc's footer) are allowed; scripts, styles and images are not.
    for (const f of htmlFiles(out)) expect(page(f)).not.toMatch(/<(script|link|img|iframe)\b[^>]*(src|href)="(https?:)?\/\//i);
    expect(external.every((e) => e.page.startsWith('api/'))).toBe(true);
    // Opened from disk, Chromium reports a <use> of another file as a console error.
    for (const f of htmlFiles(out).filter((x) => x.startsWith('api/'))) {
      expect(page(f), f).not.toMatch(/<use href="[^"#]+#/);
      expect(page(f), f).toContain('Reviewer site: <a href="');
    }
  });

  it('finds a broken link when there is one', () => {
    writeFileSync(join(out, 'broken.html'), '<a href="threat-T9.html">x</a><a href="index.html#nowhere">y</a>');
    expect(checkLinks(out).broken.map((b) => b.link)).toEqual(['threat-T9.html', 'index.html#nowhere']);
    rmSync(join(out, 'broken.html'));
  });

  it('draws every statechart as an inline SVG naming each of its states', () => {
    for (const m of MACHINES) {
      const html = page(`diagram-${m.name}.html`);
      const svg = html
        .slice(html.indexOf('<svg'), html.indexOf('</svg>'))
        .replace(/&#45;/g, '-')
        .replace(/<title>[^<]*<\/title>/g, '');
      expect(svg.length).toBeGreaterThan(1000);
      for (const s of stateNames(m.machine)) expect(svg).toContain(`>${s}<`);
      expect(m.machine.events.length).toBeGreaterThan(3);
      for (const e of m.machine.events) expect(svg, `${m.name} ${e}`).toContain(e);
    }
  });

  it('quotes the text verbatim beside the model, linked both ways', () => {
    for (const t of THREATS) {
      const html = page(`threat-${t.id}.html`);
      expect(html).toContain(esc(t.description.quote));
      for (const c of COUNTERMEASURES.filter((x) => (x.relatedThreats as readonly string[]).includes(t.id))) {
        expect(html).toContain(`href="cm-${c.id}.html"`);
        expect(page(`cm-${c.id}.html`)).toContain(`href="threat-${t.id}.html"`);
      }
    }
    for (const c of COUNTERMEASURES) expect(page(`cm-${c.id}.html`)).toContain(esc(c.statement.quote));
    expect(page('cm-CM5.html')).toContain('physicalBinding');
    for (const r of REQUIREMENTS) for (const b of r.basis) expect(page(`req-${r.id}.html`)).toContain(esc(b.quote));
    for (const d of DEFINITIONS.filter((x) => x.kind === 'definition')) {
      const users = [...page(`def-${d.id}.html`).matchAll(/href="((?:threat|cm|req)-[^"]+\.html)"/g)].map((m) => m[1]!);
      expect(users.length, d.id).toBeGreaterThan(0);
      for (const u of users) expect(page(u), `${u} → ${d.id}`).toContain(`href="def-${d.id}.html"`);
    }
  });

  it('has the navigation bar, with Play and API, on every page of its own', () => {
    for (const f of built.pages) {
      const html = page(f);
      expect(html).toContain('href="play/index.html"');
      expect(html).toContain('href="api/index.html"');
      expect(html).toContain('href="site.css"');
    }
  });

  it('shows each attack step by step with the invariant it broke', () => {
    const html = page('trace-F-01.html');
    expect(html).toContain('state before');
    expect(html).toContain('INV-NO-KEY-EXPORT');
    expect(html).toMatch(/COMMAND\(sender=&quot;manager&quot;, op=&quot;read&quot;/);
    for (const f of loadData().site.findings.filter((x) => x.trace)) {
      expect(page(`trace-${f.id}.html`), f.id).toContain('<span class="bad">holds</span>');
    }
  });
});
