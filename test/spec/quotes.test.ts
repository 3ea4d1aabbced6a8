/**
 * Every verbatim quote of the specification occurs in its seed file; the check can fail;
 * there are exactly six threats and six countermeasures; related threats agree with the text.
 */
import { describe, expect, it } from 'vitest';
import {
  COUNTERMEASURES,
  COUNTERMEASURE_IDS,
  THREATS,
  THREAT_IDS,
  collectQuotes,
  countermeasure,
  parseRelatedThreats,
  specification,
} from '../../spec/index.ts';
import { SEEDS, foundNormalised, short } from './seeds.ts';

const QUOTES = collectQuotes(specification());
const CASES = QUOTES.map((q) => ({ ...q, label: `${q.name} — in ${short(q.file)}` }));

/** Change one character of `text` (a letter in its middle) so that it reads differently. */
function mutateOneCharacter(text: string): string {
  const chars = [...text];
  const middle = Math.floor(chars.length / 2);
  const at = chars.findIndex((c, i) => i >= middle && /[a-z]/i.test(c));
  const i = at === -1 ? chars.findIndex((c) => /[a-z0-9]/i.test(c)) : at;
  const c = chars[i] ?? '';
  chars[i] = c === 'x' ? 'y' : c === 'X' ? 'Y' : 'x';
  return chars.join('');
}

describe('quotes occur verbatim in the seeds (whitespace-normalised)', () => {
  it('finds quotes in the data at all', () => {
    expect(QUOTES.length).toBeGreaterThan(100);
    expect(new Set(CASES.map((c) => c.label)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [c.label, c] as const))('%s', (_label, { file, quote }) => {
    expect(quote.trim()).not.toBe('');
    expect(foundNormalised(file, quote), JSON.stringify(quote)).toBe(true);
  });

  it('every quote also occurs byte for byte (tabs, double spaces, no-break spaces as written)', () => {
    const missing = QUOTES.filter((q) => !SEEDS[q.file].raw.includes(q.quote)).map((q) => q.name);
    expect(missing).toEqual([]);
  });
});

describe('the quote check can fail', () => {
  const long = CASES.filter((c) => c.quote.length >= 30);

  it.each(long.map((c) => [c.label, c] as const))('%s, one character changed, is not found', (_label, { file, quote }) => {
    const mutated = mutateOneCharacter(quote);
    expect(mutated).not.toBe(quote);
    expect(foundNormalised(file, mutated)).toBe(false);
  });

  it('CM4 6.5.1 statement with the typo "exectured" corrected is not found', () => {
    const statement = countermeasure('CM4').statement.quote;
    expect(statement).toContain('exectured');
    expect(foundNormalised('004_a98c72a72624c16d.txt', statement.replace('exectured', 'executed'))).toBe(false);
  });

  it('CM1 6.5.1 label with one space instead of two is not found byte for byte', () => {
    const label = countermeasure('CM1').label.quote;
    expect(SEEDS['004_a98c72a72624c16d.txt'].raw.includes(label.replace('  ', ' '))).toBe(false);
  });

  it('a quote is looked up in its own seed only', () => {
    expect(foundNormalised('000_d002568a6978b481.txt', countermeasure('CM6').statement.quote)).toBe(false);
  });

  it('a quote without an enclosing seed is rejected', () => {
    expect(() => collectQuotes({ title: { quote: 'All' } })).toThrow(/no enclosing seed/);
  });
});

describe('threats and countermeasures', () => {
  it('there are exactly 6 threats, T1..T6 in clause order, and no threat T7', () => {
    expect(THREATS.map((t) => t.id)).toEqual([...THREAT_IDS]);
    expect(THREATS.map((t) => t.threatId.quote)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(THREATS.map((t) => t.clause)).toEqual(['6.1.1', '6.1.2', '6.1.3', '6.1.4', '6.1.5', '6.1.6']);
    expect((THREAT_IDS as readonly string[]).includes('T7')).toBe(false);
    expect(JSON.stringify(specification())).not.toMatch(/"T7"/);
    expect(SEEDS['000_d002568a6978b481.txt'].raw).not.toMatch(/Threat ID\s*\n\s*7/);
  });

  it('only T5 carries an ETSI TR 103 167 number (7); the others are not given', () => {
    expect(THREATS.map((t) => t.etsi.threat)).toEqual([null, null, null, null, 7, null]);
  });

  it('there are exactly 6 countermeasures, CM1..CM6, clauses as written (five 6.5.1, one 6.5.2)', () => {
    expect(COUNTERMEASURES.map((c) => c.id)).toEqual([...COUNTERMEASURE_IDS]);
    expect(COUNTERMEASURES.map((c) => c.clause)).toEqual(['6.5.1', '6.5.1', '6.5.1', '6.5.1', '6.5.1', '6.5.2']);
  });

  it.each(COUNTERMEASURES.map((c) => ({ ...c, label: `${c.id} ${c.clause} related threats "${c.relatedThreatsText.quote}"` })))(
    '$label: typed array equals the parse of the text',
    ({ relatedThreats, relatedThreatsText }) => {
      expect([...relatedThreats]).toEqual(parseRelatedThreats(relatedThreatsText.quote));
    },
  );

  it('parseRelatedThreats rejects a threat 7 and non-numbers', () => {
    expect(() => parseRelatedThreats('6; 7;')).toThrow();
    expect(() => parseRelatedThreats('1; x')).toThrow();
    expect(parseRelatedThreats('6; ')).toEqual(['T6']);
  });

  it.each(COUNTERMEASURES.map((c) => ({ ...c, name: `${c.id} ${c.clause} label` })))(
    '$name: "Countermeasure n" as written, with a "CMn" line except for CM2',
    ({ id, label }) => {
      expect(label.quote).toMatch(new RegExp(`^Countermeasure +${id.slice(2)}(\\n${id})?$`));
      expect(label.hasCmLine).toBe(label.quote.endsWith(`\n${id}`));
      expect(label.hasCmLine).toBe(id !== 'CM2');
    },
  );
});
