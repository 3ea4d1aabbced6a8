/**
 * Random command sequences (fast-check `fc.commands`) against the implementation, with the
 * model as oracle (clauses CM1–CM6): every abstract event of the physical and insider attacker
 * alphabets, in any order, interleaved with hostile bytes. After each command the outcome
 * (and the refusal's typed error) and the observable state must be the model's. The oracle is
 * the model's machine itself (nonces are not bounded: they are recycled exactly), so sequences
 * can be long. The seed is printed (set HSM_FC_SEED to replay); failures shrink.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeAdapter } from '../../impl/conformance/node-adapter.ts';
import { MUTANTS } from './support/mutants.ts';
import { property } from './support/oracle.ts';

const seed = Number(process.env.HSM_FC_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe.each(['device', 'server'] as const)('CM1–CM6 random sequences on the %s HSM, the model as oracle', (model) => {
  it("every outcome and observable state equals the model's", () => {
    console.log(`model oracle (${model}): fast-check seed ${seed} (rerun with HSM_FC_SEED=${seed})`);
    const count = { runs: 0, commands: 0 };
    fc.assert(
      property(model, () => new NodeAdapter(), count),
      { numRuns: 150, seed },
    );
    console.log(`model oracle (${model}): ${count.runs} sequences, ${count.commands} commands`);
    expect(count.runs).toBeGreaterThanOrEqual(150);
  });
});

describe('the oracle property can fail', () => {
  it('REQ-CM6-04: a backend that never consumes nonces is caught, and the counterexample shrinks', () => {
    const r = fc.check(
      property('device', () => new NodeAdapter({ wrapBackend: MUTANTS['reusable nonces'] })),
      { numRuns: 300, seed },
    );
    expect(r.failed).toBe(true);
    const shrunk = [...(r.counterexample![0] as Iterable<unknown>)];
    console.log(`model oracle caught the mutant; shrunk to: ${shrunk.map(String).join('; ')}`);
    expect(shrunk.length).toBeLessThanOrEqual(3);
  });
});
