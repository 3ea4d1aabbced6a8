/**
 * File names of the generated pages and links between them, so that every generator names a
 * page the same way and a threat page links to the very file its countermeasure page links back
 * from.
 * @module
 */
import { esc } from './html.ts';

/** The page of a threat, countermeasure, definition, requirement or invariant. */
export function pageOf(id: string): string {
  if (/^T\d$/.test(id)) return `threat-${id}.html`;
  if (/^CM\d$/.test(id)) return `cm-${id}.html`;
  if (id.startsWith('REQ-')) return `req-${id}.html`;
  if (id.startsWith('DEF-') || id.startsWith('ACR-')) return `def-${id}.html`;
  if (id.startsWith('INV-')) return `invariants.html#${id}`;
  if (id.startsWith('ASM-') || id.startsWith('INT-')) return `sensitivity.html#${id}`;
  throw new Error(`no page for ${id}`);
}

/** A link to the page of `id`, labelled with the ID (or `label`). */
export function linkTo(id: string, label?: string): string {
  return `<a href="${pageOf(id)}">${esc(label ?? id)}</a>`;
}

/** Links to each ID, comma-separated, or a marked gap. */
export function linksTo(ids: readonly string[]): string {
  return ids.length ? ids.map((i) => linkTo(i)).join(', ') : '<span class="gap">none</span>';
}

/** The page of a test file (on the tests page, anchored by its path). */
export function testLink(path: string): string {
  return `<a href="tests.html#${anchor(path)}"><code>${esc(path)}</code></a>`;
}

/** An anchor name from any text. */
export function anchor(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-');
}
