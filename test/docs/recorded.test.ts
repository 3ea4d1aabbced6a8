/**
 * The site's recorded exploration data (`proofs/recorded/site.json`, written by
 * `npm run record:docs`) agrees with the recorded verification (`proofs/recorded/verify.json`)
 * and with the model's switches, so the what-if, trace and sensitivity pages cannot drift from
 * the verified table: a change of the model that changes verify.json fails here until the site
 * data is recorded again.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cmList, maskToFlags } from '../../model/config.ts';
import { alternatives, switchOf } from '../../model/settings.ts';
import { RECORDED_PATH, type Recorded } from '../../proofs/recorded.ts';
import { SITE_RECORD_PATH, type SiteRecord } from '../../scripts/docs/record.ts';

const root = new URL('../../', import.meta.url).pathname;
const recorded = JSON.parse(readFileSync(root + RECORDED_PATH, 'utf8')) as Recorded;
const site = JSON.parse(readFileSync(root + SITE_RECORD_PATH, 'utf8')) as SiteRecord;

/** "model profile cms" → the violated and reached lists of verify.json. */
const verdicts = new Map(
  recorded.configurations.map((c) => {
    const m = /^(\S+ \S+ \S+): .*; violated (\S+); reached (\S+)$/.exec(c)!;
    const list = (s: string) => (s === '-' ? [] : s.split(',').sort());
    return [m[1]!, { violated: list(m[2]!), reached: list(m[3]!) }];
  }),
);
const keyOf = (c: { model: string; profile: string; mask: number }) => `${c.model} ${c.profile} ${cmList(maskToFlags(c.mask)).join(',') || '-'}`;
const sets = (v: { minimalSets: string[][] } | undefined) => (v?.minimalSets.length ? v.minimalSets.map((s) => `{${s.join(', ')}}`).join(' or ') : 'none');

describe('the recorded site data', () => {
  it('has, under the default settings, the verdicts of every configuration of verify.json', () => {
    const base = site.variants[0]!;
    expect(base.cm5Means).toBe(String(switchOf('cm5Means').values[0]));
    expect(base.configs.length).toBe(recorded.configurations.length);
    for (const c of base.configs) {
      const v = verdicts.get(keyOf(c));
      expect(v, keyOf(c)).toBeDefined();
      expect(Object.keys(c.reached).sort(), keyOf(c)).toEqual(v!.reached);
      expect(Object.keys(c.violated).sort(), keyOf(c)).toEqual(v!.violated);
    }
  });

  it('has one variant per means of CM5, equal to the default wherever CM5 is not in force', () => {
    expect(site.variants.map((v) => v.cm5Means)).toEqual(switchOf('cm5Means').values.map(String));
    const base = new Map(site.variants[0]!.configs.map((c) => [keyOf(c), c]));
    for (const v of site.variants) {
      expect(v.configs.length).toBe(base.size);
      for (const c of v.configs.filter((x) => !maskToFlags(x.mask).CM5)) {
        expect(Object.keys(c.reached).sort()).toEqual(Object.keys(base.get(keyOf(c))!.reached).sort());
      }
    }
  });

  it('has every trace it refers to, each ending where its goal or invariant is reached', () => {
    const refs = site.variants.flatMap((v) => v.configs.flatMap((c) => [...Object.values(c.reached), ...Object.values(c.violated)]));
    for (const r of refs) expect(site.traces[r]).toBeDefined();
    for (const v of site.variants)
      for (const c of v.configs)
        for (const [inv, r] of Object.entries(c.violated)) {
          const broke = site.traces[r]!.steps.flatMap((s) => s.broke);
          if (inv !== 'INV-BINDING-PHYSICAL' || c.model === 'device') expect(broke, `${keyOf(c)} ${inv}`).toContain(inv);
        }
  });

  it('has the findings of verify.json with traces of the recorded length', () => {
    expect(site.findings.map((f) => f.id)).toEqual(recorded.findings.map((f) => f.id));
    for (const f of recorded.findings) expect(site.findings.find((x) => x.id === f.id)!.trace?.steps.length ?? null).toBe(f.traceLength);
  });

  it('has the sensitivity of every single-switch alternative, its cells changed from the verified table', () => {
    expect(site.sensitivity.map((e) => [e.id, e.setting, e.value])).toEqual(alternatives().map((a) => [a.id, a.setting, a.value]));
    for (const e of site.sensitivity)
      for (const c of e.cells) {
        const row = recorded.threats.find((t) => t.threat === c.threat) as unknown as Record<string, { minimalSets: string[][] }>;
        expect(c.from, `${e.id} ${c.threat} ${c.profile}`).toBe(sets(row[c.profile]));
        expect(c.to).not.toBe(c.from);
      }
    const keys = new Set(recorded.findings.map((f) => `${f.kind} ${f.threat}${f.countermeasure ? ` ${f.countermeasure}` : ''}`));
    for (const e of site.sensitivity) for (const k of [...e.vanished, ...e.changed]) expect(keys.has(k), k).toBe(true);
  });
});
