/**
 * The behaviour reference (`docs/BEHAVIOUR.md`) is generated from the model: regenerating it gives
 * the committed file byte for byte, every row of every decision list has one outcome (the checks
 * decide it), and the statements of `docs/ADAPTER.md` about reset, nonces, reads under CM3,
 * commands during a Sensitive Function and challenges hold in the explored model.
 * @clause CM3 @clause CM4 @clause CM6
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelBehaviour } from '../../impl/conformance/behaviour.ts';
import { behaviourMarkdown } from '../../impl/conformance/behaviour-doc.ts';
import { exploreModel, TARGETS } from '../../impl/conformance/explore.ts';
import { behaviourOf } from '../../impl/conformance/export.ts';
import { CAPABILITY_IDS, ERROR_CODES } from '../../impl/conformance/index.ts';

const DOC = new URL('../../docs/BEHAVIOUR.md', import.meta.url);
let models: ModelBehaviour[] = [];
const rows = (m: ModelBehaviour, kind: string) => m.events.find((e) => e.kind === kind)?.rows ?? [];

beforeAll(() => {
  models = behaviourOf(TARGETS.map(exploreModel));
});

describe('behaviour reference', () => {
  it('ADAPTER.md names every capability and every error code', () => {
    const doc = readFileSync(new URL('../../docs/ADAPTER.md', import.meta.url), 'utf8');
    for (const c of CAPABILITY_IDS) expect(doc, c).toContain(`\`${c}\``);
    for (const c of ERROR_CODES) expect(doc, c).toContain(`\`${c}\``);
    expect(doc).toContain('(BEHAVIOUR.md)');
  });

  it('docs/BEHAVIOUR.md is what the model generates (regenerate with gen-tests --out DIR, copy DIR/BEHAVIOUR.md)', () => {
    expect(behaviourMarkdown(models)).toBe(readFileSync(DOC, 'utf8'));
  });

  it('covers both models and every kind of event, each row decided by its checks', () => {
    expect(models.map((m) => m.model)).toEqual(['device', 'server']);
    for (const m of models) {
      expect(m.events.length).toBeGreaterThan(15);
      for (const e of m.events) for (const r of e.rows) expect(r.outcomes, `${m.model} ${e.kind}`).toHaveLength(1);
    }
  });

  it('holds what ADAPTER.md states', () => {
    for (const m of models) {
      // reset: slot 0 active with its legitimate key, no challenge outstanding (personalisation issues no nonce)
      expect(m.initial.keys[0]).toEqual({ life: 'active', key: 'L' });
      expect(m.initial.challenge).toBe(false);
      // a challenge is always accepted while the HSM is where it serves, from anyone in anyone's name
      for (const k of ['CHALLENGE manager', 'CHALLENGE spoofed', 'CHALLENGE insider'])
        expect(
          rows(m, k).map((r) => r.outcomes[0]),
          k,
        ).toEqual(['accepted']);
      // an accepted command uses up its signer's nonce, a refused one never does
      expect(m.acceptedCommands).toBeGreaterThan(0);
      expect(m.nonceLeftAfterAccept).toBe(0);
      expect(m.nonceUsedByRefusal).toBe(0);
      // the manager's nonce is used up by an accepted command, and kept after a lifecycle refusal
      expect(m.managerNonce).toEqual({ dropped: ['accepted'], kept: ['refused KEY_STATE'] });
      // management commands are accepted while a Sensitive Function runs
      expect(m.acceptedWhileSfRuns['COMMAND manager replace']).toBeGreaterThan(0);
      // a permitted read returns no key bytes under CM3
      const read = rows(m, 'COMMAND manager read');
      expect(read.some((r) => r.outcomes[0] === 'accepted')).toBe(true);
      expect(read.every((r) => r.discovered === 'never')).toBe(true);
      // SF_START: BUSY is checked before KEY_STATE
      const start = rows(m, 'SF_START').map((r) => r.outcomes[0]);
      expect(start.indexOf('refused BUSY')).toBeLessThan(start.indexOf('refused KEY_STATE'));
      // the insider may read; any other operation is FORBIDDEN once its signature and nonce are good
      expect(rows(m, 'COMMAND insider read').some((r) => r.outcomes[0] === 'accepted')).toBe(true);
      for (const op of ['provision', 'replace', 'deprecate', 'delete'])
        expect(rows(m, `COMMAND insider ${op}`).map((r) => r.outcomes[0])).toEqual(['refused STALE_NONCE', 'refused FORBIDDEN']);
    }
  });
});
