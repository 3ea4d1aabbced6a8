/**
 * The home page of the reviewer site: what the site is, and a link to every page.
 * @module
 */
import { COUNTERMEASURES } from '../../spec/countermeasures.ts';
import { DEFINITIONS } from '../../spec/definitions.ts';
import { REQUIREMENTS } from '../../spec/requirements.ts';
import { THREATS } from '../../spec/threats.ts';
import type { SiteData } from './data.ts';
import { esc, type Page } from './html.ts';
import { linkTo } from './links.ts';
import { MACHINES } from './diagrams.ts';

/** The index page, given the file names of every other page. */
export function indexPage(data: SiteData): Page {
  const r = data.recorded.totals;
  const card = (title: string, text: string, links: string) => `<section><h2>${title}</h2><p>${text}</p>${links}</section>`;
  const ids = (xs: readonly { id: string }[]) => `<p>${xs.map((x) => linkTo(x.id)).join(' · ')}</p>`;
  const body = `
<p>A reference model of the oneM2M HSM security clauses: the text as typed data quoted verbatim, XState statecharts of the device, the infrastructure equipment and the management protocol, and an exhaustive exploration of every countermeasure set against three attackers (${esc(r.configurations.toLocaleString('en'))} configurations, ${esc(r.states.toLocaleString('en'))} states). Every page is generated from the code and the recorded results.</p>
<div class="cards">
${card('Threats', 'Clause 6.1, every field verbatim, with the goal that formalises it and its verdict.', ids(THREATS))}
${card('Countermeasures', 'Clause 6.5, verbatim, beside the mechanisms and guards that implement it.', ids(COUNTERMEASURES))}
${card('Requirements', 'Atomic SHALL statements derived from the countermeasures, with the invariants that check them.', ids(REQUIREMENTS))}
${card('Definitions', 'Clauses 3.1 and 3.4.', ids(DEFINITIONS))}
${card('Traceability', 'Threat → countermeasure → requirement → invariant → test, with the gaps.', '<p><a href="matrix.html">Matrix</a> · <a href="invariants.html">Invariants</a> · <a href="tests.html">Tests</a> · <a href="spec.html">Specification overview</a></p>')}
${card('Verification', 'Configurations, states, verdicts, minimal sets and the findings against the text.', '<p><a href="dashboard.html">Dashboard</a> · <a href="traces.html">Attack traces</a> · <a href="sensitivity.html">Assumption sensitivity</a></p>')}
${card('Statecharts', 'Drawn from the machine definitions when the site is built.', `<p>${MACHINES.map((m) => `<a href="diagram-${m.name}.html">${esc(m.name)}</a>`).join(' · ')}</p>`)}
${card('Explore', 'Choose countermeasures and see which threats open; run the model in the browser.', '<p><a href="whatif.html">What-if</a> · <a href="play/index.html">Play</a></p>')}
${card('API', 'The TypeScript API reference, every export with the clause it implements.', '<p><a href="api/index.html">API reference</a></p>')}
</div>`;
  return { file: 'index.html', title: 'oneM2M HSM security: the model for reviewers', body };
}
