/**
 * The assumption-sensitivity view: every modelling assumption and interpretation, and for each
 * alternative of a switchable one, the cells of the threat × countermeasure table and the
 * findings that change (recorded by `record.ts` from `proofs/sensitivity.ts`).
 * @module
 */
import { ASSUMPTIONS } from '../../spec/assumptions.ts';
import { INTERPRETATIONS } from '../../spec/presuppositions.ts';
import type { SiteData } from './data.ts';
import { esc, list, table, type Page } from './html.ts';
import { linkTo } from './links.ts';

/** The sensitivity page. */
export function sensitivityPage(data: SiteData): Page {
  const items = [
    ...ASSUMPTIONS.map((a) => ({
      id: a.id,
      statement: a.statement,
      values: 'values' in a ? (a.values as readonly { value: unknown; statement: string }[]) : [],
    })),
    ...INTERPRETATIONS.map((i) => ({ id: i.id, statement: `${i.rule} (${i.reason})`, values: i.values as readonly { value: unknown; statement: string }[] })),
  ];
  const sections = items.map((a) => {
    const entries = data.site.sensitivity.filter((e) => e.id === a.id);
    const alts = a.values.length
      ? table(
          ['value', 'meaning', 'table cells that change', 'findings that appear / vanish / change'],
          a.values.map((v, i) => {
            if (i === 0) return [`<code>${esc(v.value)}</code> (default)`, esc(v.statement), '—', '—'];
            const e = entries.find((x) => String(x.value) === String(v.value));
            if (!e) return [`<code>${esc(v.value)}</code>`, esc(v.statement), '<span class="gap">not recorded</span>', ''];
            const cells = e.cells.length ? list(e.cells.map((c) => `${linkTo(c.threat)} ${esc(c.profile)}: ${esc(c.from)} → <b>${esc(c.to)}</b>`)) : 'nothing';
            const fs = [
              ...e.appeared.map((f) => `<span class="bad">appears</span> ${esc(f)}`),
              ...e.vanished.map((f) => `<span class="good">vanishes</span> ${esc(f)}`),
              ...e.changed.map((f) => `changes ${esc(f)}`),
            ];
            return [`<code>${esc(v.value)}</code>`, esc(v.statement), cells, fs.length ? list(fs) : 'nothing'];
          }),
        )
      : '<p>Fixed: the model has no alternative to it.</p>';
    return `<section id="${a.id}"><h2>${esc(a.id)}</h2><p>${esc(a.statement)}</p>${alts}</section>`;
  });
  const deps = new Map<string, string[]>();
  for (const e of data.site.sensitivity) for (const k of [...e.vanished, ...e.changed]) deps.set(k, [...new Set([...(deps.get(k) ?? []), e.id])]);
  const findings = data.recorded.findings.map((f) => {
    const key = `${f.kind} ${f.threat}${f.countermeasure ? ` ${f.countermeasure}` : ''}`;
    const d = deps.get(key) ?? [];
    return [
      `<a href="trace-${f.id}.html">${f.id}</a>`,
      esc(key),
      d.length ? d.map((x) => linkTo(x)).join(', ') : '<b>none</b> (the text and the fixed assumptions)',
    ];
  });
  const body = `<p>Each switchable assumption and interpretation is changed alone, every configuration explored again (or shared where the exploration never consulted the switch), and the table and findings compared with the default's.</p>
<h2>Findings and the switches they depend on</h2>${table(['finding', 'key', 'depends on'], findings)}
${sections.join('\n')}`;
  return { file: 'sensitivity.html', title: 'Assumption sensitivity', body };
}
