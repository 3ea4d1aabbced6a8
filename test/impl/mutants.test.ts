/**
 * The tests can fail: the model-based suite, replayed against backends that each break one
 * requirement (CM1, CM2, CM4, CM5, CM6), reports a difference with the model (and the leak
 * scanner catches the planted leak, reported as a discovery by the step that made it).
 */
import { describe, expect, it } from 'vitest';
import { NodeAdapter } from '../../impl/conformance/node-adapter.ts';
import { runSuite } from '../../impl/conformance/runner.ts';
import { buildSuite } from '../../impl/conformance/suite.ts';
import type { Suite } from '../../impl/conformance/types.ts';
import { MUTANTS } from './support/mutants.ts';
import { world } from './support/world.ts';

const suites: Record<string, Suite> = {};
const suiteFor = (model: 'device' | 'server', profile: 'physical' | 'insider') => (suites[`${model}-${profile}`] ??= buildSuite({ model, profile }));

const CASES: [string, 'device' | 'server', 'physical' | 'insider', string][] = [
  ['accepts untrusted signatures', 'device', 'physical', 'REQ-CM6-01'],
  ['ignores roles', 'server', 'insider', 'REQ-CM6-03'],
  ['reusable nonces', 'device', 'physical', 'REQ-CM6-04'],
  ['wrong derivation', 'server', 'physical', 'REQ-CM4-02'],
  ['delete keeps the key', 'device', 'insider', 'REQ-CM6-02'],
  ['leaks keys', 'device', 'physical', 'REQ-CM1-02'],
  ['no tamper response', 'server', 'physical', 'REQ-CM2-02'],
];

describe('mutants of the backend are caught by the model-based tests', () => {
  it.each(CASES)('%s (%s %s, %s) fails the suite', async (name, model, profile) => {
    const adapter = new NodeAdapter({ wrapBackend: MUTANTS[name] });
    const run = await runSuite(suiteFor(model, profile), adapter, { maxFailures: 1 });
    expect(run.failures.length, `mutant '${name}' survived ${run.tests} test purposes`).toBe(1);
    if (name === 'leaks keys') expect(adapter.leak.hits.map((h) => h.where)).toContain('derive');
    else expect(adapter.leak.hits).toEqual([]);
  });

  it('REQ-CM1-02: a step whose output carries a legitimate key is observed as `discovered`, and the next step is judged on its own', () => {
    const adapter = new NodeAdapter({ wrapBackend: MUTANTS['leaks a key in a nonce'] });
    adapter.reset({ model: 'device', profile: 'physical', slots: 2 });
    expect(adapter.observe().discovered).toBe(false);
    expect(adapter.step({ type: 'CHALLENGE' })).toEqual({ outcome: 'accepted' });
    expect(adapter.observe().discovered).toBe(true);
    expect(adapter.step({ type: 'SF_END' })).toEqual({ outcome: 'refused', error: 'NO_SESSION' });
    expect(adapter.observe().discovered).toBe(false);
    expect(adapter.leak.hits.map((h) => h.where)).toEqual(['challenge']);
  });

  it('REQ-CM5-01: the binding check fails against a backend that lets any device pass the host check', () => {
    const w = world('device', undefined, MUTANTS['binding not checked']);
    w.socket.device = w.other;
    expect(() => w.hsm.sfStart('ltk-0')).not.toThrow();
    const sound = world('device');
    sound.socket.device = sound.other;
    expect(() => sound.hsm.sfStart('ltk-0')).toThrow(/NOT_BOUND/);
  });
});
