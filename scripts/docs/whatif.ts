/**
 * The editor's what-if page: choose a countermeasure set, the means of @clause CM5 (physical,
 * logical or both, ASM-03) and see which threats open for which attacker, with the shortest
 * attack, looked up in the recorded exploration results (`proofs/recorded/site.json`) embedded in
 * the page as JSON and read by a small local script (`assets/whatif.js`).
 * @module
 */
import { COUNTERMEASURES } from '../../spec/countermeasures.ts';
import { GOALS, INVARIANTS } from '../../proofs/properties.ts';
import type { SiteData } from './data.ts';
import { esc, type Page } from './html.ts';

/** The JSON the page embeds. */
export function whatIfData(data: SiteData) {
  return {
    countermeasures: data.site.countermeasures,
    profiles: data.site.profiles,
    goals: GOALS.map((g) => ({
      id: g.id,
      scope: g.scope,
      title: g.title,
      listed: COUNTERMEASURES.filter((c) => (c.relatedThreats as readonly string[]).includes(g.id)).map((c) => c.id),
    })),
    invariants: INVARIANTS.map((i) => ({ id: i.id, title: i.title })),
    variants: data.site.variants.map((v) => ({
      cm5Means: v.cm5Means,
      configs: v.configs.map((c) => [c.model, c.profile, c.mask, c.reached, c.violated]),
    })),
    traces: data.site.traces,
  };
}

/** The what-if page. */
export function whatIfPage(data: SiteData): Page {
  const json = JSON.stringify(whatIfData(data)).replace(/</g, '\\u003c');
  const boxes = data.site.countermeasures
    .map((c) => `<label><input type="checkbox" name="cm" value="${c}" checked> <a href="cm-${c}.html">${c}</a></label>`)
    .join('\n');
  const means = data.site.variants.map((v, i) => `<option value="${i}">${esc(v.cm5Means)}</option>`).join('');
  const body = `
<p>Choose the countermeasures in force. The table shows, for each threat and attacker, whether some state where the threat's goal holds is reachable (<span class="bad">open</span>) or not (<span class="good">stopped</span>), from the recorded exhaustive exploration of that exact configuration; click an open cell for its shortest attack.</p>
<form id="whatif">
<fieldset><legend>Countermeasures in force</legend>${boxes}
<button type="button" id="all">all</button> <button type="button" id="none">none</button> <button type="button" id="listed">as the text lists for…</button>
<select id="listedFor">${GOALS.map((g) => `<option>${g.id}</option>`).join('')}</select></fieldset>
<fieldset><legend>Means of CM5 (ASM-03)</legend><select id="cm5">${means}</select></fieldset>
</form>
<h2>Threats</h2><div id="threats"></div>
<h2>Invariants violated</h2><div id="invariants"></div>
<h2>Trace</h2><div id="trace"><p>Click an open cell.</p></div>
<script type="application/json" id="whatif-data">${json}</script>`;
  return { file: 'whatif.html', title: 'What-if: choose the countermeasures', body, scripts: ['whatif.js'] };
}
