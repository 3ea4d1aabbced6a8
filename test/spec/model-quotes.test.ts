/**
 * The model's words from the text are the text's: every threat goal's `formalises` phrase, every
 * attacker capability's basis quote, and every switchable assumption's values are checked here
 * (the spec's own quotes are checked by quotes.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../../model/attacker.ts';
import { SWITCHES, DEFAULT_SETTINGS } from '../../model/settings.ts';
import { GOALS } from '../../proofs/properties.ts';
import { THREATS } from '../../spec/threats.ts';
import { ASSUMPTIONS } from '../../spec/assumptions.ts';
import { foundNormalised } from './seeds.ts';

const THREAT_FILE = '000_d002568a6978b481.txt' as const;

describe('words of the text used by the model', () => {
  it.each(GOALS.map((g) => [g.id, g.formalises] as const))('goal %s formalises words of its threat: "%s"', (id, words) => {
    expect(foundNormalised(THREAT_FILE, words)).toBe(true);
    const threat = THREATS.find((t) => t.id === id)!;
    expect(JSON.stringify(threat)).toContain(words.slice(0, 40));
  });

  const quotes = Object.entries(CAPABILITIES).flatMap(([c, cap]) =>
    (cap.basis as readonly { threat?: number; quote?: string; assumption?: string }[]).map((b) => [c, b] as const),
  );
  it.each(quotes)('capability %s rests on %j', (_c, b) => {
    if (b.quote) expect(foundNormalised(THREAT_FILE, b.quote)).toBe(true);
    if (b.assumption) expect(ASSUMPTIONS.map((a) => a.id)).toContain(b.assumption);
    expect(b.quote ?? b.assumption).toBeTruthy();
  });

  it('every switch has a default and at least one alternative, and the defaults are the first values', () => {
    for (const s of SWITCHES) {
      expect(s.values.length, s.id).toBeGreaterThanOrEqual(2);
      expect(DEFAULT_SETTINGS[s.setting], s.id).toBe(s.values[0]);
    }
  });
});
