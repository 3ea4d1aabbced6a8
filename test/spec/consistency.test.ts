/**
 * The parsed fields of the specification agree with their verbatim quotes; every string of
 * the data is either a quote or a classified non-quote field; the data is JSON-serialisable;
 * presuppositions are well-formed.
 */
import { describe, expect, it } from 'vitest';
import {
  ARCHITECTURE_ELEMENT_LABELS,
  COUNTERMEASURES,
  DEFINITIONS,
  PRESUPPOSITIONS,
  SECURITY_DOMAIN_LABELS,
  STAKEHOLDER_LABELS,
  THREATS,
  countermeasure,
  isEffective,
  normaliseWhitespace,
  specification,
  type ArchitectureEntry,
  type DomainEntry,
  type StakeholderEntry,
} from '../../spec/index.ts';
import { foundNormalised } from './seeds.ts';

/** Keys whose string values are not quotes (IDs, clause numbers, parsed or explanatory text). */
const NON_QUOTE_KEYS = new Set([
  'seeds',
  'file',
  'id',
  'kind',
  'clause',
  'term',
  'domain',
  'stakeholder',
  'element',
  'verdict',
  'qualifier',
  'detail',
  'note',
  'form',
  'domains',
  'relatedThreats',
  'cm',
  'requires',
  'scope',
  'whenMissing',
  'reason',
  'rule',
  'interpretation',
  'countermeasure',
  'threats',
  'statement',
  'waiver',
  'setting',
  'value',
]);

/** Every string leaf of `value` with the key it is held under (the array's key for elements). */
function strings(value: unknown, key = '', path = ''): { key: string; path: string }[] {
  if (typeof value === 'string') return [{ key, path }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, key, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => strings(v, k, `${path}.${k}`));
  }
  return [];
}

/** "Label: verdict[, qualifier]" with an optional missing space after the colon. */
function parseVerdictLine(quote: string): { label: string; verdict: string; qualifier?: string } {
  const m = /^(.+?):\s*(yes|no|potentially)(?:, (.+))?$/.exec(normaliseWhitespace(quote));
  if (m === null) throw new Error(`not a verdict line: ${quote}`);
  return m[3] === undefined ? { label: m[1] ?? '', verdict: m[2] ?? '' } : { label: m[1] ?? '', verdict: m[2] ?? '', qualifier: m[3] };
}

const domainEntries: { where: string; e: DomainEntry }[] = [
  ...THREATS.flatMap((t) => t.affectedDomains.map((e) => ({ where: `${t.id} ${t.clause}`, e }))),
  ...COUNTERMEASURES.flatMap((c) =>
    c.applicableDomains.form === 'entries' ? c.applicableDomains.entries.map((e) => ({ where: `${c.id} ${c.clause}`, e })) : [],
  ),
];
const stakeholderEntries: { where: string; e: StakeholderEntry }[] = THREATS.flatMap((t) =>
  t.affectedStakeholders.map((e) => ({ where: `${t.id} ${t.clause}`, e })),
);
const architectureEntries: { where: string; e: ArchitectureEntry }[] = THREATS.flatMap((t) =>
  t.architectureImpact.map((e) => ({ where: `${t.id} ${t.clause}`, e })),
);

describe('parsed fields agree with their quotes', () => {
  it.each(domainEntries.map(({ where, e }) => [`${where} domain ${e.domain}`, e] as const))('%s', (_n, e) => {
    const { qualifier, ...rest } = e;
    expect(parseVerdictLine(e.quote)).toEqual({
      label: SECURITY_DOMAIN_LABELS[e.domain],
      verdict: rest.verdict,
      ...(qualifier === undefined ? {} : { qualifier }),
    });
  });

  it.each(stakeholderEntries.map(({ where, e }) => [`${where} stakeholder ${e.stakeholder}`, e] as const))('%s', (_n, e) => {
    const { qualifier, ...rest } = e;
    expect(parseVerdictLine(e.quote)).toEqual({
      label: STAKEHOLDER_LABELS[e.stakeholder],
      verdict: rest.verdict,
      ...(qualifier === undefined ? {} : { qualifier }),
    });
  });

  it.each(architectureEntries.map(({ where, e }) => [`${where} architecture ${e.element}`, e] as const))('%s', (_n, e) => {
    const label = ARCHITECTURE_ELEMENT_LABELS[e.element];
    const expected = e.verdict === 'named' ? label : e.verdict === 'no' ? `${label} : no` : `${label} : impacts ${e.detail ?? ''}`;
    expect(normaliseWhitespace(e.quote).replace(/(\S):/, '$1 :')).toBe(expected);
  });

  it('T4 and T5 (and only they) name a System Administrator and only "M2M service infrastructure"', () => {
    for (const t of THREATS) {
      const infra = t.id === 'T4' || t.id === 'T5';
      expect(t.affectedStakeholders.some((s) => s.stakeholder === 'SYS-ADMIN')).toBe(infra);
      expect(t.architectureImpact.map((a) => a.element)).toEqual(infra ? ['INFRASTRUCTURE'] : expect.arrayContaining(['DEVICE', 'GATEWAY']));
    }
  });

  it.each(DEFINITIONS.map((d) => [`${d.id} ${d.clause} term`, d] as const))('%s is the start of the quote', (_n, d) => {
    expect(d.quote.startsWith(d.term)).toBe(true);
  });

  it('Sensitive Function 3.1 is recorded from both seeds', () => {
    const sf = DEFINITIONS.find((d) => d.id === 'DEF-SENSITIVE-FUNCTION');
    expect([sf?.seed.file, ...(sf?.alsoIn.map((a) => a.seed.file) ?? [])].sort()).toEqual(['000_d002568a6978b481.txt', '004_a98c72a72624c16d.txt']);
  });

  it('CM2 6.5.1 applicable domains are one sentence naming all four domains', () => {
    const d = countermeasure('CM2').applicableDomains;
    expect(d.form).toBe('sentence');
    if (d.form === 'sentence') for (const id of d.domains) expect(d.quote).toContain(SECURITY_DOMAIN_LABELS[id]);
  });
});

describe('shape of the data', () => {
  it('every string is a quote or held under a classified non-quote key', () => {
    const unclassified = strings(specification()).filter((s) => s.key !== 'quote' && !NON_QUOTE_KEYS.has(s.key));
    expect(unclassified).toEqual([]);
  });

  it('the specification is JSON-serialisable without loss', () => {
    const spec = specification();
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });
});

describe('presuppositions', () => {
  it('every row requires only other countermeasures, and each (cm, scope) has one row', () => {
    const keys = PRESUPPOSITIONS.map((p) => `${p.cm}/${p.scope}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of PRESUPPOSITIONS) expect(p.requires as readonly string[]).not.toContain(p.cm);
  });

  it('every basis quote occurs in its seed', () => {
    for (const p of PRESUPPOSITIONS) for (const b of p.basis) expect(foundNormalised(b.seed.file, b.quote), b.quote).toBe(true);
  });

  it('CM4 and CM5 are inert without CM1 on a device; CM6 acts with or without an HSM; CM5 does not act on a server', () => {
    expect(isEffective('CM4', 'device', new Set(['CM4']))).toBe(false);
    expect(isEffective('CM4', 'device', new Set(['CM1', 'CM4']))).toBe(true);
    expect(isEffective('CM5', 'device', new Set(['CM5']))).toBe(false);
    expect(isEffective('CM5', 'server', new Set(['CM1', 'CM2', 'CM5']))).toBe(false);
    expect(isEffective('CM3', 'server', new Set(['CM1', 'CM3']))).toBe(false);
    expect(isEffective('CM6', 'device', new Set(['CM6']))).toBe(true);
    expect(isEffective('CM6', 'server', new Set(['CM6']))).toBe(true);
  });
});
