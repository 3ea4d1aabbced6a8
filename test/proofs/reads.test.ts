/**
 * Read-set reuse is exact: sharing a result between configurations that agree on every flag
 * the exploration read gives the same counts and verdicts as exploring each of them.
 */
import { describe, expect, it } from 'vitest';
import { listToMask } from '../../model/config.ts';
import { verifyAll, verifyVariants, type ConfigResult } from '../../proofs/verify.ts';
import { DEFAULT_SETTINGS, settingsWith } from '../../model/settings.ts';

const strip = (r: ConfigResult) => ({
  model: r.model,
  profile: r.profile,
  mask: r.mask,
  states: r.states,
  transitions: r.transitions,
  violations: Object.fromEntries(Object.entries(r.violations).map(([k, v]) => [k, v?.steps.length ?? null])),
  reached: Object.fromEntries(Object.entries(r.reached).map(([k, v]) => [k, v?.steps.length ?? null])),
});

describe('read-set reuse', () => {
  // Server model with CM2 and CM6 on, every combination of CM1, CM3, CM4, CM5: the server never
  // reads CM1 or CM5, so 16 configurations need only 4 explorations.
  const base = listToMask(['CM2', 'CM6']);
  const masks = Array.from({ length: 16 }, (_, i) => base | ((i & 1) << 0) | ((i & 2) << 1) | ((i & 4) << 1) | ((i & 8) << 1));

  it('shares results only between configurations that agree on every flag read, and changes nothing', () => {
    const reused = verifyAll({ models: ['server'], profiles: ['insider'], masks });
    const full = verifyAll({ models: ['server'], profiles: ['insider'], masks, noReuse: true });
    expect(reused.map(strip)).toEqual(full.map(strip));
    expect(reused.filter((r) => r.sharedWith === null).length).toBe(4);
    expect(full.every((r) => r.sharedWith === null)).toBe(true);
    for (const r of full) expect(r.reads).not.toContain('CM1');
  });

  it('shares results between settings of switchable assumptions only where no exploration read them, and changes nothing', () => {
    for (const [setting, value] of [
      ['hsmRating', 'basic'],
      ['responses', 'encrypted'],
    ] as const) {
      const alt = settingsWith({ [setting]: value });
      const [, shared] = verifyVariants({ models: ['server'], profiles: ['insider'], masks }, [DEFAULT_SETTINGS, alt]);
      const fresh = verifyAll({ models: ['server'], profiles: ['insider'], masks, noReuse: true, size: { settings: alt } });
      expect(shared!.map(strip), setting).toEqual(fresh.map(strip));
    }
  });
});
