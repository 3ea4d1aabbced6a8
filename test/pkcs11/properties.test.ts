/**
 * The property suites on the PKCS#11 backend (SoftHSMv2): random command sequences with the model
 * as oracle (`test/impl/support/oracle.ts`), hostile inputs and fake byte arrays against every
 * command (`test/impl/support/hostile.ts`), and the leak scan of the HSM's own outputs — the node
 * backend's suites, parameterised by the backend factory. Fewer inputs than on the node backend
 * (SoftHSM operations are slower; the numbers are in the README); the seed is printed and
 * HSM_FC_SEED replays it.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { NodeAdapter } from '../../impl/conformance/node-adapter.ts';
import { hostileSuites } from '../impl/support/hostile.ts';
import { scanOwnOutputs } from '../impl/support/leak-outputs.ts';
import { property } from '../impl/support/oracle.ts';
import { describePkcs11, lazyBackends, testToken } from './support/token.ts';

const seed = Number(process.env.HSM_FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Sequences per model, and hostile inputs of each kind, per run on the PKCS#11 backend. */
const ORACLE_RUNS = 100;
const HOSTILE_RUNS = 20_000;

describePkcs11('PKCS#11 backend: property suites', () => {
  for (const model of ['device', 'server'] as const) {
    it(`CM1–CM6 random sequences on the ${model} HSM, the model as oracle`, () => {
      console.log(`PKCS#11 model oracle (${model}): fast-check seed ${seed} (rerun with HSM_FC_SEED=${seed})`);
      const adapter = new NodeAdapter({ backends: testToken().backends });
      const count = { runs: 0, commands: 0 };
      fc.assert(
        property(model, () => adapter, count),
        { numRuns: ORACLE_RUNS, seed },
      );
      console.log(`PKCS#11 model oracle (${model}): ${count.runs} sequences, ${count.commands} commands`);
      expect(count.runs).toBeGreaterThanOrEqual(ORACLE_RUNS);
      testToken().backends.releaseAll();
    });
  }

  it("the leak scan flags nothing in the HSM's own outputs, errors and logs", () => {
    const w = scanOwnOutputs(testToken().backends);
    expect(w.leak.hits).toEqual([]);
    expect(w.leak.stats.texts).toBeGreaterThan(3);
  });

  hostileSuites({ backends: lazyBackends, runs: HOSTILE_RUNS, fakeRuns: HOSTILE_RUNS, title: ' (PKCS#11)' });
});
