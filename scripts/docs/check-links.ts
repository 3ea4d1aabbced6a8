/**
 * Static link check of a built site: every `href` and `src` of every HTML file that points inside
 * the site must name an existing file, and an anchor (`#id`) must name an element id (or
 * `name`) of that file. Links to other sites are reported separately: the site must not load
 * anything from the network.
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** A link that does not resolve. */
export interface BrokenLink {
  readonly page: string;
  readonly link: string;
  readonly reason: string;
}

/** Every HTML file under `dir`, relative to it. */
export function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

const idCache = new Map<string, Set<string>>();

/** The ids and names of the elements of an HTML file. */
function idsOf(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    const html = readFileSync(file, 'utf8');
    ids = new Set([...html.matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => m[1]!));
    idCache.set(file, ids);
  }
  return ids;
}

/**
 * The `href` and `src` values of an HTML text (entities `&amp;` decoded), except those of SVG
 * `<use>` elements, which name icon symbols a page's script provides rather than places to go.
 */
export function linksOf(html: string): string[] {
  return [...html.replace(/<use\b[^>]*>/g, '').matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/**
 * The broken internal links and the external ones of the site in `dir`. Links whose target
 * starts with one of `optional` (site-relative) are skipped when that target is absent.
 */
export function checkLinks(dir: string, optional: readonly string[] = []): { broken: BrokenLink[]; external: BrokenLink[]; checked: number } {
  idCache.clear();
  const broken: BrokenLink[] = [];
  const external: BrokenLink[] = [];
  let checked = 0;
  const root = resolve(dir);
  for (const page of htmlFiles(root)) {
    const file = join(root, page);
    for (const link of linksOf(readFileSync(file, 'utf8'))) {
      checked++;
      if (/^(https?:)?\/\//i.test(link)) {
        external.push({ page, link, reason: 'external' });
        continue;
      }
      if (/^(mailto:|data:|javascript:)/i.test(link)) continue;
      const [pathPart, hash] = link.split('#', 2) as [string, string | undefined];
      const path = decodeURIComponent(pathPart.split('?')[0]!);
      const target = path === '' ? file : resolve(dirname(file), path);
      const rel = relative(root, target);
      if (rel.startsWith('..')) {
        broken.push({ page, link, reason: 'points outside the site' });
        continue;
      }
      if (!existsSync(target) || statSync(target).isDirectory()) {
        if (optional.some((o) => rel.startsWith(o))) continue;
        broken.push({ page, link, reason: 'no such file' });
        continue;
      }
      if (hash && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(hash))) broken.push({ page, link, reason: `no element #${hash}` });
    }
  }
  return { broken, external, checked };
}
