/**
 * The verification dashboard, from the recorded verification (`proofs/recorded/verify.json`):
 * totals, the verdict of every threat and invariant per attacker, the minimal countermeasure
 * sets, the findings against the "Related threats" column of the text, and every configuration
 * with its state count and verdicts.
 * @module
 */
import { COUNTERMEASURES } from '../../spec/countermeasures.ts';
import { COUNTERMEASURE_IDS } from '../../spec/ids.ts';
import type { SiteData } from './data.ts';
import { esc, table, type Page } from './html.ts';
import { linksTo, linkTo } from './links.ts';
import { verdictTable } from './threat-pages.ts';

const sets = (s: readonly (readonly string[])[]) => (s.length ? s.map((x) => `{${x.join(', ')}}`).join(' or ') : '<span class="gap">none</span>');

/** The dashboard page. */
export function dashboardPage(data: SiteData): Page {
  const r = data.recorded;
  const n = (x: number) => x.toLocaleString('en');
  const threatRows = r.threats.map((t) => {
    const v = t as unknown as Record<string, { minimalSets: string[][]; reachable: string }>;
    return [linkTo(t.threat), linksTo(t.listed), ...data.site.profiles.map((p) => sets(v[p]?.minimalSets ?? []))];
  });
  const invRows = r.invariants.map((i) => {
    const v = i as unknown as Record<string, { minimalSets: string[][] }>;
    return [linkTo(i.invariant), esc(i.model), ...data.site.profiles.map((p) => sets(v[p]?.minimalSets ?? []))];
  });
  const avRows = r.availability.map((a) => {
    const v = a as unknown as Record<string, { minimalSets: string[][] }>;
    return [`<code>${esc(a.goal)}</code>`, esc(a.kind), ...data.site.profiles.map((p) => sets(v[p]?.minimalSets ?? []))];
  });
  const related = COUNTERMEASURES.map((c) => [linkTo(c.id), `<code>${esc(c.relatedThreatsText.quote)}</code>`, linksTo(c.relatedThreats)]);
  const findings = r.findings.map((f) => {
    const full = data.site.findings.find((x) => x.id === f.id);
    return [
      `<a href="trace-${f.id}.html">${f.id}</a>`,
      `<code>${esc(f.kind)}</code>`,
      linkTo(f.threat),
      f.countermeasure ? linkTo(f.countermeasure) : '—',
      esc(f.profiles.join(', ')),
      esc(full?.summary ?? ''),
    ];
  });
  const configs = r.configurations.map((c) => {
    const m = /^(\S+) (\S+) (\S+): (\d+) states, (\d+) transitions; violated (\S+); reached (\S+)$/.exec(c);
    if (!m) return [esc(c), '', '', '', '', '', ''];
    return [esc(m[1]), esc(m[2]), esc(m[3]), n(Number(m[4])), n(Number(m[5])), esc(m[6]!.replace(/,/g, ', ')), esc(m[7]!.replace(/,/g, ', '))];
  });
  const body = `
<section class="totals">
<div><b>${n(r.totals.configurations)}</b> configurations</div>
<div><b>${n(r.totals.explored)}</b> explored (the others share a result)</div>
<div><b>${n(r.totals.states)}</b> states</div>
<div><b>${n(r.totals.transitions)}</b> transitions</div>
<div><b>${n(r.findings.length)}</b> findings</div>
</section>
<p>Every model (device, server) × attacker (${esc(data.site.profiles.join(', '))}) × set of ${COUNTERMEASURE_IDS.length} countermeasures (${2 ** COUNTERMEASURE_IDS.length} sets) is explored exhaustively. A minimal set is a smallest set of countermeasures under which the threat is unreachable (every superset also stops it).</p>
<h2>Threats: minimal countermeasure sets that stop each</h2>
${table(['threat', 'listed by the text', ...data.site.profiles], threatRows)}
<h2>Invariants: minimal sets under which each holds</h2>
${table(['invariant', 'model', ...data.site.profiles], invRows)}
<h2>Availability goals (T2, T5)</h2>
${table(['goal', 'kind', ...data.site.profiles], avRows)}
<h2>Findings against the "Related threats" column</h2>
${table(['countermeasure', '"Related threats" as written', 'parsed'], related)}
${table(['finding', 'kind', 'threat', 'countermeasure', 'attackers', 'what exploration says'], findings)}
<h2>Per threat</h2>
${data.recorded.threats.map((t) => `<h3>${linkTo(t.threat)}</h3>${verdictTable(data, t.threat)}`).join('\n')}
<h2>Every configuration</h2>
<details><summary>${n(configs.length)} configurations (model, attacker, countermeasures in force)</summary>
${table(['model', 'attacker', 'countermeasures', 'states', 'transitions', 'invariants violated', 'goals reached'], configs)}
</details>`;
  return { file: 'dashboard.html', title: 'Verification dashboard', body };
}
