/**
 * One page per threat (clause 6.1) and per countermeasure (clause 6.5): every field of its table
 * quoted verbatim, beside the model elements that implement or formalise it, the requirements,
 * invariants, verdicts, findings and tests, each linked to its own page and back.
 * @module
 */
import { COUNTERMEASURES } from '../../spec/countermeasures.ts';
import { REQUIREMENTS } from '../../spec/requirements.ts';
import { PRESUPPOSITIONS } from '../../spec/presuppositions.ts';
import { THREATS } from '../../spec/threats.ts';
import { GOALS, INVARIANTS } from '../../proofs/properties.ts';
import type { Countermeasure, Threat } from '../../spec/types.ts';
import { testsCiting, type SiteData } from './data.ts';
import { esc, list, quote, table, type Page } from './html.ts';
import { linksTo, linkTo, testLink } from './links.ts';
import { mechanismReaders, modelElements } from './model-docs.ts';
import { definitionsUsedBy } from './spec-pages.ts';
import { MACHINES } from './diagrams.ts';
import { machineToDot } from './dot.ts';

const SEED = (s: { file: string }) => `seed ${s.file}`;

/** Requirements that cite a threat or countermeasure. */
function requirementsOf(id: string) {
  return REQUIREMENTS.filter((r) => r.countermeasure === id || (r.threats as readonly string[]).includes(id));
}

/** Invariants that check any of the requirements. */
function invariantsOf(reqs: readonly { id: string }[]) {
  return INVARIANTS.filter((i) => i.checks.some((c) => reqs.some((r) => r.id === c)));
}

/** The requirements and the invariants checking them, as two lists with their gaps marked. */
function requirementsAndInvariants(reqs: ReturnType<typeof requirementsOf>, invs: ReturnType<typeof invariantsOf>): string {
  const reqList = list(
    reqs.map((r) => `${linkTo(r.id)}: ${esc(r.statement)}`),
    '<span class="gap">no requirement</span>',
  );
  const invList = list(
    invs.map((i) => `${linkTo(i.id)}: ${esc(i.title)}`),
    '<span class="gap">no invariant</span>',
  );
  return `<h3>Requirements</h3>${reqList}\n<h3>Invariants checking them</h3>${invList}`;
}

/** The recorded minimal sets of a threat per profile, as a table. */
export function verdictTable(data: SiteData, threat: string): string {
  const row = data.recorded.threats.find((t) => t.threat === threat);
  if (!row) return '<p class="gap">no recorded verdict</p>';
  const rows = data.site.profiles.map((p) => {
    const v = (row as unknown as Record<string, { minimalSets: string[][]; necessary: string[] }>)[p];
    const sets = v?.minimalSets.length
      ? v.minimalSets.map((s) => `{${s.map((c) => linkTo(c)).join(', ')}}`).join(' or ')
      : '<span class="gap">none: not stopped</span>';
    return [esc(p), sets, v?.necessary.length ? linksTo(v.necessary) : '—'];
  });
  return table(['attacker', 'minimal countermeasure sets that stop it', 'in every set'], rows);
}

/** The findings of a threat or countermeasure, linked to their trace pages. */
export function findingsOf(data: SiteData, id: string): string {
  const fs = data.recorded.findings.filter((f) => f.threat === id || f.countermeasure === id);
  const summary = (fid: string) => data.site.findings.find((f) => f.id === fid)?.summary ?? '';
  return list(
    fs.map((f) => `<a href="trace-${f.id}.html">${f.id}</a> <code>${esc(f.kind)}</code>: ${esc(summary(f.id))}`),
    'no finding',
  );
}

function tests(data: SiteData, id: string): string {
  return list(testsCiting(data.tests, id).map(testLink), '<span class="gap">no test file cites it</span>');
}

function threatPage(t: Threat, data: SiteData): Page {
  const goal = GOALS.find((g) => g.id === t.id);
  const listed = COUNTERMEASURES.filter((c) => (c.relatedThreats as readonly string[]).includes(t.id)).map((c) => c.id);
  const reqs = requirementsOf(t.id);
  const invs = invariantsOf(reqs);
  const lines = (xs: readonly { quote: string }[]) => xs.map((x) => quote(x.quote, SEED(t.seed))).join('');
  const body = `
<p>Clause ${esc(t.clause)} · ${esc(SEED(t.seed))} · ETSI TR 103 167 threat: ${esc(t.etsi.threat ?? 'not given')} (${esc(t.etsi.note)})</p>
<div class="cols">
<section class="text">
<h2>The text</h2>
<h3>Title</h3>${quote(t.title.quote, `clause ${t.clause}`)}
<h3>Threat ID</h3>${quote(t.threatId.quote, `clause ${t.clause}`)}
<h3>Overview</h3>${quote(t.overview.quote, `clause ${t.clause}`)}
<h3>Issue</h3>${quote(t.issue.quote, `clause ${t.clause}`)}
<h3>Description</h3>${quote(t.description.quote, `clause ${t.clause}`)}
<h3>Impacted use cases</h3>${quote(t.impactedUseCases.quote, `clause ${t.clause}`)}
<h3>Affected security domains</h3>${lines(t.affectedDomains)}
<h3>Affected stakeholders</h3>${lines(t.affectedStakeholders)}
<h3>Architecture impact</h3>${lines(t.architectureImpact)}
<h3>Terms defined in clause 3.1</h3><p>${linksTo(definitionsUsedBy(t))}</p>
</section>
<section class="model">
<h2>The model</h2>
<h3>Goal (what an attack on ${t.id} reaches)</h3>
${goal ? `<p><code>GOALS.${esc(goal.id)}</code> in <code>proofs/properties.ts</code> on the <a href="diagram-${goal.scope}.html">${esc(goal.scope)} statechart</a>: ${esc(goal.title)}.</p>${quote(goal.formalises, 'formalises the overview')}` : '<p class="gap">no goal</p>'}
<h3>Countermeasures the text relates to it</h3><p>${linksTo(listed)}</p>
${requirementsAndInvariants(reqs, invs)}
<h3>Verified verdict</h3>${verdictTable(data, t.id)}
<p>Step by step: ${data.site.profiles.map((p) => `<a href="trace-${t.id}-${p}.html">${esc(p)} attacker, no countermeasure</a>`).join(' · ')}</p>
<h3>Findings</h3>${findingsOf(data, t.id)}
<h3>Tests citing ${t.id}</h3>${tests(data, t.id)}
</section>
</div>`;
  return { file: `threat-${t.id}.html`, title: `${t.id}: ${t.title.quote}`, body };
}

function cmPage(c: Countermeasure, data: SiteData): Page {
  const els = modelElements().filter((e) => e.countermeasures.includes(c.id));
  const reqs = requirementsOf(c.id);
  const invs = invariantsOf(reqs);
  const pres = PRESUPPOSITIONS.filter((p) => p.cm === c.id);
  const guards = els.filter((e) => e.kind === 'guard').map((e) => e.name);
  const charts = MACHINES.filter((m) => {
    const dot = machineToDot(m.machine);
    return guards.some((g) => new RegExp(`\\b${g}\\b`).test(dot)) || (m.name === 'protocol' && c.id === 'CM6');
  });
  const cite = `clause ${c.clause}`;
  const domains =
    c.applicableDomains.form === 'entries' ? c.applicableDomains.entries.map((d) => quote(d.quote, cite)).join('') : quote(c.applicableDomains.quote, cite);
  const body = `
<p>Clause ${esc(c.clause)} · ${esc(SEED(c.seed))}</p>
<div class="cols">
<section class="text">
<h2>The text</h2>
<h3>Title</h3>${quote(c.title.quote, cite)}
<h3>Label</h3>${quote(c.label.quote, cite)}
<h3>Statement</h3>${quote(c.statement.quote, cite)}
<h3>Related threats</h3>${quote(c.relatedThreatsText.quote, cite)}<p>Parsed: ${linksTo(c.relatedThreats)}</p>
<h3>Applicable security domains</h3>${domains}
<h3>Advantages</h3>${c.advantages.map((a) => quote(a.quote, cite)).join('')}
<h3>Disadvantages</h3>${c.disadvantages.map((a) => quote(a.quote, cite)).join('')}
<h3>Terms defined in clause 3.1</h3><p>${linksTo(definitionsUsedBy(c))}</p>
</section>
<section class="model">
<h2>The model</h2>
<h3>Mechanisms and guards that implement it</h3>
${table(
  ['element', 'where', 'what the code says'],
  els.map((e) => [`${e.kind} <code>${esc(e.name)}</code>`, `<code>${esc(e.file)}</code>`, esc(e.doc)]),
)}
<p>Statecharts whose transitions these guards decide: ${charts.length ? charts.map((m) => `<a href="diagram-${m.name}.html">${esc(m.name)}</a>`).join(', ') : 'none (no guard reads these mechanisms)'} · model files reading the mechanisms: ${
    mechanismReaders(els)
      .map((f) => `<code>${esc(f)}</code>`)
      .join(', ') || '<span class="gap">none</span>'
  }</p>
<h3>Presuppositions</h3>${list(pres.map((p) => `${esc(p.scope)}: ${p.requires.length ? `requires ${linksTo(p.requires)}` : 'requires nothing'} — ${esc(p.reason)}`))}
${requirementsAndInvariants(reqs, invs)}
<h3>Findings about it</h3>${findingsOf(data, c.id)}
<h3>Tests citing ${c.id}</h3>${tests(data, c.id)}
</section>
</div>`;
  return { file: `cm-${c.id}.html`, title: `${c.id}: ${c.title.quote}`, body };
}

/** The threat and countermeasure pages. */
export function threatAndCmPages(data: SiteData): Page[] {
  return [...THREATS.map((t) => threatPage(t, data)), ...COUNTERMEASURES.map((c) => cmPage(c, data))];
}
