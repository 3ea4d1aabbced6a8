/**
 * The pages of the derived requirements and the definitions, the invariants page, the tests page
 * and the specification overview that lists every threat, countermeasure, requirement and
 * definition.
 * @module
 */
import { COUNTERMEASURES } from '../../spec/countermeasures.ts';
import { DEFINITIONS } from '../../spec/definitions.ts';
import { REQUIREMENTS } from '../../spec/requirements.ts';
import { THREATS } from '../../spec/threats.ts';
import { INVARIANTS } from '../../proofs/properties.ts';
import { PROTOCOL_INVARIANTS } from '../../proofs/protocol.ts';
import { ASSUMPTIONS } from '../../spec/assumptions.ts';
import { COUNTERMEASURE_IDS, DEFINITION_IDS, REQUIREMENT_IDS, THREAT_IDS } from '../../spec/ids.ts';
import { INTERPRETATIONS } from '../../spec/presuppositions.ts';
import { testsCiting, type SiteData } from './data.ts';
import { esc, list, quote, table, type Page } from './html.ts';
import { anchor, linksTo, linkTo, testLink } from './links.ts';

function requirementPages(data: SiteData): Page[] {
  return REQUIREMENTS.map((r) => {
    const invs = INVARIANTS.filter((i) => (i.checks as readonly string[]).includes(r.id));
    const waiver = 'waiver' in r ? String((r as { waiver?: string }).waiver) : null;
    const body = `
<p>Derived from ${linkTo(r.countermeasure)} · counters ${linksTo(r.threats)}</p>
<div class="cols">
<section class="text"><h2>Statement</h2><p class="statement">${esc(r.statement)}</p>
<h2>The text it is derived from</h2>${r.basis.map((b) => quote(b.quote, `clause ${b.clause}, seed ${b.seed.file}`)).join('')}
<p>Terms: ${linksTo(definitionsUsedBy(r))}</p></section>
<section class="model"><h2>Checked by</h2>${list(
      invs.map((i) => `${linkTo(i.id)}: ${esc(i.title)}`),
      waiver ? `waiver: ${esc(waiver)}` : '<span class="gap">GAP: no invariant checks it</span>',
    )}
<h2>Tests citing ${r.id}</h2>${list(testsCiting(data.tests, r.id).map(testLink), '<span class="gap">no test file cites it</span>')}</section>
</div>`;
    return { file: `req-${r.id}.html`, title: r.id, body };
  });
}

/** Every ID that has a page or an anchor on the site. */
export function knownIds(): Set<string> {
  return new Set<string>([
    ...THREAT_IDS,
    ...COUNTERMEASURE_IDS,
    ...REQUIREMENT_IDS,
    ...DEFINITION_IDS,
    ...INVARIANTS.map((i) => i.id),
    ...PROTOCOL_INVARIANTS.map((i) => i.id),
    ...ASSUMPTIONS.map((a) => a.id),
    ...INTERPRETATIONS.map((i) => i.id),
  ]);
}

/** Whether a text uses a term: its words (any case), or the acronym given in parentheses (as a word). */
function uses(text: string, term: string): boolean {
  const acronym = /\(([A-Z]+)\)$/.exec(term)?.[1];
  return text.toLowerCase().includes(term.toLowerCase().replace(/\s*\(.*\)$/, '')) || (acronym !== undefined && new RegExp(`\\b${acronym}\\b`).test(text));
}

/** The definitions whose term a spec record (threat, countermeasure, requirement) uses. */
export function definitionsUsedBy(record: unknown): string[] {
  const text = JSON.stringify(record);
  return DEFINITIONS.filter((d) => d.kind === 'definition' && uses(text, d.term)).map((d) => d.id);
}

/** Records of the spec whose quotes use a term (case-insensitive). */
function usersOf(term: string): string[] {
  const inText = (o: unknown) => uses(JSON.stringify(o), term);
  return [
    ...THREATS.filter((x) => inText(x)).map((x) => x.id),
    ...COUNTERMEASURES.filter((x) => inText(x)).map((x) => x.id),
    ...REQUIREMENTS.filter((x) => inText(x)).map((x) => x.id),
  ];
}

function definitionPages(data: SiteData): Page[] {
  return DEFINITIONS.map((d) => {
    const body = `
<p>${esc(d.kind)} · clause ${esc(d.clause)} · seed ${esc(d.seed.file)}</p>
${quote(d.quote, `clause ${d.clause}`)}
${d.alsoIn.map((a) => `<p>Also in seed ${esc(a.seed.file)}, clause ${esc(a.clause)}:</p>${quote(a.quote, `clause ${a.clause}`)}`).join('')}
<h2>Threats, countermeasures and requirements using the term</h2><p>${linksTo(usersOf(d.term))}</p>
<h2>Tests citing ${d.id}</h2>${list(testsCiting(data.tests, d.id).map(testLink), 'no test file cites it')}`;
    return { file: `def-${d.id}.html`, title: `${d.id}: ${d.term}`, body };
  });
}

function invariantsPage(data: SiteData): Page {
  const rows = INVARIANTS.map((i) => {
    const rec = data.recorded.invariants.filter((r) => r.invariant === i.id);
    const sets = rec
      .map((r) => {
        const per = data.site.profiles.map((p) => {
          const v = (r as unknown as Record<string, { minimalSets: string[][] }>)[p];
          return `${esc(p)}: ${v?.minimalSets.length ? v.minimalSets.map((s) => `{${s.join(', ')}}`).join(' or ') : '<span class="gap">none</span>'}`;
        });
        return `${esc(r.model)} — ${per.join('; ')}`;
      })
      .join('<br>');
    return [
      `<span id="${i.id}"><code>${i.id}</code></span>`,
      esc(i.title),
      linksTo(i.checks),
      esc(i.scopes.join(', ')),
      sets,
      list(testsCiting(data.tests, i.id).map(testLink), '<span class="gap">none</span>'),
    ];
  });
  const proto = PROTOCOL_INVARIANTS.map((i) => [
    `<span id="${i.id}"><code>${i.id}</code></span>`,
    esc(i.title),
    linkTo('CM6'),
    '<a href="diagram-protocol.html">protocol</a>',
    'explored by <code>onem2m-hsm protocol</code> (<code>proofs/protocol.ts</code>)',
    list(testsCiting(data.tests, i.id).map(testLink), '<span class="gap">none</span>'),
  ]);
  rows.push(...proto);
  return {
    file: 'invariants.html',
    title: 'Invariants',
    body: `<p>The invariants of <code>proofs/properties.ts</code>: each must hold in every reachable state of the statecharts it applies to. Minimal sets are the countermeasure sets under which it holds, from <code>proofs/recorded/verify.json</code>.</p>
${table(['invariant', 'statement', 'checks', 'statecharts', 'minimal sets where it holds', 'tests citing it'], rows)}`,
  };
}

function testsPage(data: SiteData): Page {
  const known = knownIds();
  const rows = [...data.tests].map(([f, ids]) => [
    `<span id="${anchor(f)}"><code>${esc(f)}</code></span>`,
    [...ids]
      .sort()
      .map((id) => (known.has(id) ? linkTo(id) : `${esc(id)} <span class="gap">(no such ID)</span>`))
      .join(', ') || '—',
  ]);
  return {
    file: 'tests.html',
    title: 'Tests',
    body: `<p>Every test file under <code>test/</code>, with the threat, countermeasure, requirement, definition, invariant and assumption IDs it cites (found by scanning the file when the site is built).</p>${table(['test file', 'cites'], rows)}`,
  };
}

function overview(): Page {
  const body = `
<h2>Threats (clause 6.1)</h2>${list(THREATS.map((t) => `${linkTo(t.id)}: ${esc(t.title.quote)}`))}
<h2>Countermeasures (clause 6.5)</h2>${list(COUNTERMEASURES.map((c) => `${linkTo(c.id)}: ${esc(c.title.quote)} — related threats ${linksTo(c.relatedThreats)}`))}
<h2>Derived requirements</h2>${list(REQUIREMENTS.map((r) => `${linkTo(r.id)}: ${esc(r.statement)}`))}
<h2>Definitions and acronyms (clauses 3.1, 3.4)</h2>${list(DEFINITIONS.map((d) => `${linkTo(d.id)}: ${esc(d.term)}`))}
<h2>Model</h2><ul><li><a href="invariants.html">Invariants</a></li><li><a href="tests.html">Tests and the IDs they cite</a></li></ul>`;
  return { file: 'spec.html', title: 'Specification', body };
}

/** The requirement, definition, invariant, test and overview pages. */
export function specPages(data: SiteData): Page[] {
  return [...requirementPages(data), ...definitionPages(data), invariantsPage(data), testsPage(data), overview()];
}
