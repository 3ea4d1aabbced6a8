/**
 * The model-based suites on the PKCS#11 backend, as edge-covering walks (`impl/conformance/walks.ts`):
 * every edge and every refused or absorbed event of every reachable state of each model, checked
 * step by step against the model through the same adapter and runner as the node backend's suites,
 * with every output, error and log line scanned for key bytes.
 * @module
 */
import { afterAll, expect, it } from 'vitest';
import { LeakScanner } from '../../../impl/conformance/leak.ts';
import { NodeAdapter } from '../../../impl/conformance/node-adapter.ts';
import { exploreModel, type Target } from '../../../impl/conformance/explore.ts';
import { runSuite } from '../../../impl/conformance/runner.ts';
import { walkSuite } from '../../../impl/conformance/walks.ts';
import { testToken } from './token.ts';

/** Declares one test per target: the walks cover the model, and the PKCS#11 HSM matches it after every step. */
export function walkTests(targets: readonly Target[]): void {
  const leak = new LeakScanner();
  const totals = { walks: 0, steps: 0, edges: 0, stays: 0, ms: 0 };
  afterAll(() => {
    console.log(
      `PKCS#11 model-based walks: ${totals.walks} walks, ${totals.steps} steps, ${totals.edges} edges and ${totals.stays} refused or absorbed events covered in ` +
        `${(totals.ms / 1000).toFixed(1)} s; leak scan: ${leak.stats.keys} keys, ${leak.hits.length} hits`,
    );
    expect(leak.hits).toEqual([]);
  });
  for (const target of targets) {
    it(`CM1–CM6 ${target.model} HSM, ${target.profile} attacker alphabet: every edge and refusal of the model, on SoftHSM`, async () => {
      const graph = exploreModel(target);
      const { suite, edges, stays } = walkSuite(graph);
      expect(edges).toBe(graph.edges);
      expect(stays).toBe(graph.moves.reduce((n, ms) => n + ms.filter((m) => m.to === null).length, 0));
      const { backends } = testToken();
      const t0 = performance.now();
      const run = await runSuite(suite, new NodeAdapter({ leak, backends }));
      totals.ms += performance.now() - t0;
      expect(run.failures).toEqual([]);
      expect(run.passed).toBe(suite.tests.length);
      expect(run.steps).toBe(suite.stats.steps);
      totals.walks += run.tests;
      totals.steps += run.steps;
      totals.edges += edges;
      totals.stays += stays;
      backends.releaseAll();
      expect(backends.live).toBe(0);
    }, 600_000);
  }
}
