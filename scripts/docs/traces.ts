/**
 * Attack traces step by step: one page per finding (the trace `verify` attaches to it) and one
 * per threat and attacker with no countermeasure in force. Each step shows the state before, the
 * event, the state after, the fields that changed and the invariants that broke.
 * @module
 */
import { DEFAULT_SETTINGS } from '../../model/settings.ts';
import { GOALS } from '../../proofs/properties.ts';
import type { Trace } from '../../proofs/types.ts';
import type { SiteData } from './data.ts';
import { esc, list, table, type Page } from './html.ts';
import { linksTo, linkTo } from './links.ts';
import { compactTrace, type CompactTrace } from './trace.ts';

/** The step table of a compact trace. */
export function stepsTable(t: CompactTrace): string {
  let before = t.initial;
  const rows = t.steps.map((s, i) => {
    const row = [
      String(i + 1),
      `<code>${esc(before)}</code>`,
      `<code>${esc(s.event)}</code>`,
      `<code>${esc(s.value)}</code>`,
      s.changed.length ? s.changed.map((c) => `<code>${esc(c)}</code>`).join('<br>') : '—',
      s.broke.length ? s.broke.map((b) => `<span class="bad">${linkTo(b)}</span>`).join('<br>') : '—',
    ];
    before = s.value;
    return row;
  });
  return table(['#', 'state before', 'event', 'state after', 'changed', 'invariant broken'], rows, 'trace');
}

/** Whether the goal of `threat` holds in the last state of a full trace (under the default settings). */
export function goalReached(threat: string, t: Trace): boolean {
  const goal = GOALS.find((g) => g.id === threat);
  const last = t.steps.at(-1)?.state as Record<string, unknown> | undefined;
  if (!goal || !last) return false;
  return goal.holds({ value: last.value, context: { ...last, settings: DEFAULT_SETTINGS } } as never);
}

/** The trace pages and their index. */
export function tracePages(data: SiteData): Page[] {
  const pages: Page[] = [];
  const index: string[] = [];
  for (const f of data.site.findings) {
    const rec = data.recorded.findings.find((x) => x.id === f.id);
    const body = `
<p>${esc(f.summary)}</p>
<p>Kind <code>${esc(rec?.kind)}</code> · threat ${rec ? linkTo(rec.threat) : '—'}${rec?.countermeasure ? ` · countermeasure ${linkTo(rec.countermeasure)}` : ''} · attackers ${esc(rec?.profiles.join(', '))}</p>
<p>Countermeasures in force in the configuration of the trace: ${linksTo(f.configuration)}</p>
${f.trace ? stepsTable(compactTrace(f.trace)) : '<p>No trace: the finding is shown by the minimal sets (see the <a href="dashboard.html">dashboard</a>).</p>'}
${f.trace && rec ? `<p>After the last step, the goal of ${linkTo(rec.threat)} ${goalReached(rec.threat, f.trace) ? '<span class="bad">holds</span>' : 'does not hold'}: ${esc(GOALS.find((g) => g.id === rec.threat)?.title ?? '')}.</p>` : ''}
${f.trace ? `<details><summary>Initial state (full)</summary><pre>${esc(JSON.stringify(f.trace.initial, null, 1))}</pre></details>` : ''}`;
    pages.push({ file: `trace-${f.id}.html`, title: `Finding ${f.id}`, body });
    index.push(`<a href="trace-${f.id}.html">${f.id}</a>: ${esc(f.summary)}`);
  }
  const base = data.site.variants[0]!;
  const baseline: string[] = [];
  for (const g of GOALS) {
    for (const p of data.site.profiles) {
      const cfg = base.configs.find((c) => c.model === g.scope && c.profile === p && c.mask === 0);
      const ref = cfg?.reached[g.id];
      const t = ref === undefined ? null : data.site.traces[ref]!;
      const body = `
<p>Threat ${linkTo(g.id)} (${esc(g.title)}) on the <a href="diagram-${g.scope}.html">${esc(g.scope)} statechart</a>, ${esc(p)} attacker, no countermeasure in force: the shortest attack the exploration found.</p>
${t ? stepsTable(t) : '<p>The goal is not reached: no attack.</p>'}`;
      const file = `trace-${g.id}-${p}.html`;
      pages.push({ file, title: `${g.id}, ${p} attacker, no countermeasure`, body });
      baseline.push(`<a href="${file}">${g.id}, ${esc(p)}</a>${t ? ` (${t.steps.length} steps)` : ' (not reached)'}`);
    }
  }
  pages.push({
    file: 'traces.html',
    title: 'Attack traces',
    body: `<h2>Findings</h2>${list(index)}<h2>Each threat with no countermeasure</h2>${list(baseline)}<p>Any countermeasure set: the <a href="whatif.html">what-if page</a>.</p>`,
  });
  return pages;
}
