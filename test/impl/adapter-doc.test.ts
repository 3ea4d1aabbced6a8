/**
 * docs/ADAPTER.md's capability table says, for each attacker capability, which events need it.
 * The table is prose for implementers; this test holds it to the model: the event types listed in
 * each row are exactly those of the model's alphabet that need the capability (the same
 * computation the runner uses to report test purposes as not exercised).
 * @clause CM1
 * @clause CM5
 * @clause CM6
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alphabetOf } from '../../model/attacker.ts';
import { CAPABILITY_IDS, CapabilityNeeds } from '../../impl/conformance/capabilities.ts';

const doc = readFileSync(new URL('../../docs/ADAPTER.md', import.meta.url), 'utf8');

/** The rows of the capability table: capability → event types named in its last column. */
function tableRows(): Map<string, Set<string>> {
  const rows = new Map<string, Set<string>>();
  for (const line of doc.split('\n')) {
    const m = /^\|\s*`([a-zA-Z]+)`\s*\|[^|]*\|([^|]*)\|\s*$/.exec(line);
    if (!m || !(CAPABILITY_IDS as readonly string[]).includes(m[1]!)) continue;
    rows.set(m[1]!, new Set([...m[2]!.matchAll(/`([A-Z_]+)`/g)].map((x) => x[1]!)));
  }
  return rows;
}

describe('ADAPTER.md capability table', () => {
  it('lists, for every capability, exactly the event types of the model that need it', () => {
    const needs = new CapabilityNeeds({ slots: 2, captures: 1 });
    const all = alphabetOf(new Set(CAPABILITY_IDS), true, { slots: 2, captures: 1 });
    const rows = tableRows();
    expect([...rows.keys()].sort()).toEqual([...CAPABILITY_IDS].sort());
    for (const c of CAPABILITY_IDS) {
      const types = new Set(all.filter((e) => needs.of(e).includes(c)).map((e) => e.type));
      expect([...rows.get(c)!].sort(), c).toEqual([...types].sort());
    }
  });
});
