/**
 * The traceability matrix: for each threat, each countermeasure the text relates to it or that a
 * verified minimal set needs, the requirements derived from that countermeasure for the threat,
 * the invariants that check them and the tests that cite either — with every missing link marked
 * as a gap.
 * @module
 */
import { COUNTERMEASURES } from '../../spec/countermeasures.ts';
import { COUNTERMEASURE_IDS } from '../../spec/ids.ts';
import { REQUIREMENTS } from '../../spec/requirements.ts';
import { THREATS } from '../../spec/threats.ts';
import { INVARIANTS } from '../../proofs/properties.ts';
import { testsCiting, type SiteData } from './data.ts';
import { esc, table, type Page } from './html.ts';
import { linksTo, linkTo, testLink } from './links.ts';

const GAP = (what: string) => `<span class="gap">gap: ${what}</span>`;

/** One row of the matrix. */
export interface MatrixRow {
  readonly threat: string;
  readonly cm: string;
  readonly listed: boolean;
  readonly needed: boolean;
  readonly requirements: readonly string[];
  readonly invariants: readonly string[];
  readonly tests: readonly string[];
}

/** The rows of the matrix. */
export function matrixRows(data: SiteData): MatrixRow[] {
  return THREATS.flatMap((t) => {
    const rec = data.recorded.threats.find((r) => r.threat === t.id) as unknown as Record<string, { minimalSets: string[][] }> | undefined;
    const inSets = new Set(data.site.profiles.flatMap((p) => rec?.[p]?.minimalSets.flat() ?? []));
    const listed = new Set(COUNTERMEASURES.filter((c) => (c.relatedThreats as readonly string[]).includes(t.id)).map((c) => c.id));
    return COUNTERMEASURE_IDS.filter((c) => listed.has(c) || inSets.has(c)).map((cm) => {
      const reqs = REQUIREMENTS.filter((r) => r.countermeasure === cm && (r.threats as readonly string[]).includes(t.id)).map((r) => r.id);
      const invs = INVARIANTS.filter((i) => i.checks.some((c) => (reqs as string[]).includes(c))).map((i) => i.id);
      const tests = [...new Set([...reqs, ...invs].flatMap((id) => testsCiting(data.tests, id)))].sort();
      return { threat: t.id, cm, listed: listed.has(cm), needed: inSets.has(cm), requirements: reqs, invariants: invs, tests };
    });
  });
}

/** The matrix page. */
export function matrixPage(data: SiteData): Page {
  const rows = matrixRows(data);
  const body = `
<p>Threat → countermeasure → requirement → invariant → test. A countermeasure is shown when the text relates it to the threat ("Related threats") or when some verified minimal set that stops the threat contains it. <span class="gap">gap</span> marks a missing link; a countermeasure the text lists but no minimal set contains, or one a minimal set contains but the text does not list, is marked too.</p>
<p>${rows.filter((r) => !r.requirements.length).length} rows without a requirement, ${rows.filter((r) => r.requirements.length && !r.invariants.length).length} with a requirement but no invariant, ${rows.filter((r) => !r.tests.length).length} without a test.</p>
${table(
  ['threat', 'countermeasure', 'text / verified', 'requirements', 'invariants', 'tests citing them'],
  rows.map((r) => [
    linkTo(r.threat),
    linkTo(r.cm),
    `${r.listed ? 'listed' : GAP('not listed')} / ${r.needed ? 'in a minimal set' : '<span class="gap">in no minimal set</span>'}`,
    r.requirements.length ? linksTo(r.requirements) : GAP('no requirement'),
    r.invariants.length ? linksTo(r.invariants) : r.requirements.length ? GAP('no invariant') : '—',
    r.tests.length ? r.tests.map(testLink).join('<br>') : GAP('no test'),
  ]),
  'matrix',
)}
<p>${esc(rows.length)} rows.</p>`;
  return { file: 'matrix.html', title: 'Traceability matrix', body };
}
