/**
 * A generic crawler for a built site, in two passes. The link pass reads every internal page
 * reachable from `index.html` over HTTP and checks that every internal `href`/`src` answers and
 * every `#fragment` names an element of its page. The browser pass opens pages in Chromium and
 * reports console errors, uncaught exceptions, failed requests, responses with status ≥ 400, and
 * diagrams (`<svg data-machine="ID">`) that lack a state name of the machine with that ID. It
 * opens every page, except under the `sampled` folders (by default the typedoc API reference,
 * hundreds of pages from one template), where it opens the first pages of each folder.
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import type { Browser } from 'playwright-core';
import { deviceMachine } from '../../model/device.machine.ts';
import { protocolMachine } from '../../model/protocol.machine.ts';
import { serverMachine } from '../../model/server.machine.ts';

/** Every statechart of the model, by machine ID (the `data-machine` of its diagrams). */
export const MACHINES: Readonly<Record<string, AnyStateMachine>> = Object.fromEntries(
  [deviceMachine, serverMachine, protocolMachine].map((m) => [m.id, m as AnyStateMachine]),
);

/** The names of every state of a machine, nested ones included, from its definition. */
export function stateNames(machine: AnyStateMachine): string[] {
  const walk = (node: { states?: Record<string, unknown> }): string[] =>
    Object.entries(node.states ?? {}).flatMap(([k, child]) => [k, ...walk(child as { states?: Record<string, unknown> })]);
  return walk(machine.root as never);
}

/** What the crawl found. */
export interface CrawlReport {
  /** Internal pages reachable from `index.html` (paths relative to the site). */
  readonly pages: readonly string[];
  /** Pages opened in the browser. */
  readonly opened: readonly string[];
  /** One line per problem, naming the page. */
  readonly problems: readonly string[];
  /** Diagrams seen: page and machine ID. */
  readonly diagrams: readonly { readonly page: string; readonly machine: string }[];
}

/** Options of a crawl. */
export interface CrawlOptions {
  /** Folders (relative, ending in "/") whose pages are opened in the browser only by sample (default `['api/']`). */
  readonly sampled?: readonly string[];
  /** Pages opened per folder under a sampled folder (default 2). */
  readonly perFolder?: number;
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
const attrs = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => decode(m[1]!));

/** The link pass: every page reachable from `index.html`, and the problems of its links. */
async function linkPass(base: string, problems: string[]): Promise<string[]> {
  const pages = new Map<string, { ids: Set<string> }>();
  const status = new Map<string, number>();
  const wanted: { target: string; id: string; from: string }[] = [];
  const get = async (url: string) => {
    const res = await fetch(url);
    status.set(url, res.status);
    return res;
  };
  const queue = ['index.html'];
  const seen = new Set(queue);
  while (queue.length) {
    const here = queue.shift()!;
    const res = await get(base + here);
    if (res.status >= 400) continue;
    // `<use href>` names an icon symbol the page's own script provides (typedoc's icons.js), not a place to go
    const html = (await res.text()).replace(/<use\b[^>]*>/g, '');
    pages.set(here, { ids: new Set([...attrs(html, /\sid="([^"]*)"/g), ...attrs(html, /<a\s[^>]*name="([^"]*)"/g)]) });
    for (const ref of [...attrs(html, /\shref="([^"]*)"/g), ...attrs(html, /\ssrc="([^"]*)"/g)]) {
      const url = new URL(ref, base + here);
      if (!url.href.startsWith(base)) continue;
      const target = decodeURIComponent(url.pathname.slice(new URL(base).pathname.length)) || 'index.html';
      if (url.hash.length > 1) wanted.push({ target, id: decodeURIComponent(url.hash.slice(1)), from: here });
      if (seen.has(target)) continue;
      seen.add(target);
      if (/(\.html|\/|^)$/.test(target)) queue.push(target);
      else if ((await get(base + target)).status >= 400) problems.push(`${here}: link to ${target} answers ${status.get(base + target)}`);
    }
  }
  for (const [url, code] of status) if (code >= 400 && url.endsWith('.html')) problems.push(`link target ${url.slice(base.length)} answers ${code}`);
  for (const { target, id, from } of wanted) {
    const page = pages.get(target);
    if (page && !page.ids.has(id)) problems.push(`${from}: link to ${target}#${id}: no element with that id`);
  }
  return [...pages.keys()];
}

/** The pages the browser pass opens: all, but only the first `perFolder` of each folder under a sampled one. */
function toOpen(pages: readonly string[], sampled: readonly string[], perFolder: number): string[] {
  const count = new Map<string, number>();
  return pages.filter((p) => {
    if (!sampled.some((s) => p.startsWith(s))) return true;
    const folder = p.slice(0, p.lastIndexOf('/') + 1);
    count.set(folder, (count.get(folder) ?? 0) + 1);
    return count.get(folder)! <= perFolder;
  });
}

/** Crawls the site served at `base` (ending in "/"), starting at its `index.html`. */
export async function crawl(browser: Browser, base: string, options: CrawlOptions = {}): Promise<CrawlReport> {
  const problems: string[] = [];
  const diagrams: { page: string; machine: string }[] = [];
  const pages = await linkPass(base, problems);
  const opened = toOpen(pages, options.sampled ?? ['api/'], options.perFolder ?? 2);
  const context = await browser.newContext();
  const page = await context.newPage();
  let here = '';
  page.on('console', (m) => {
    // the browser asks every site for /favicon.ico by itself: not a request of the page
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) problems.push(`${here}: console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${here}: uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`${here}: request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${here}: HTTP ${r.status()} for ${r.url()}`);
  });
  for (const p of opened) {
    here = p;
    await page.goto(base + p, { waitUntil: 'load' });
    const svgs = await page.$$eval('svg[data-machine]', (els) =>
      els.map((s) => ({ machine: s.getAttribute('data-machine') ?? '', text: s.textContent ?? '' })),
    );
    for (const svg of svgs) {
      diagrams.push({ page: p, machine: svg.machine });
      const m = MACHINES[svg.machine];
      if (!m) problems.push(`${p}: diagram of unknown machine '${svg.machine}' (known: ${Object.keys(MACHINES).join(', ')})`);
      else for (const name of stateNames(m)) if (!svg.text.includes(name)) problems.push(`${p}: diagram of '${svg.machine}' lacks state '${name}'`);
    }
  }
  await context.close();
  return { pages, opened, problems: [...new Set(problems)], diagrams };
}
