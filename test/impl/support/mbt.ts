/**
 * The model-based tests (clauses CM1–CM6): the abstract suite is generated from the model explored
 * under every countermeasure, exported by `onem2m-hsm gen-tests`, read back through its
 * published schema, and replayed against the implementation with real cryptography. There is
 * a path to every reachable state and one test per edge; after every step the implementation's
 * observable state, read from its backend, must equal the model's. Every output, error and
 * log line is scanned for key bytes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGenTests } from '../../../cli/gen-tests.ts';
import { behaviourKey, type StoreContext } from '../../../model/store.ts';
import { makeStepper } from '../../../proofs/step.ts';
import type { Snap } from '../../../proofs/types.ts';
import { abstractState } from '../../../impl/conformance/expect.ts';
import { exploreModel, type ModelGraph, type Target } from '../../../impl/conformance/explore.ts';
import { readSuites } from '../../../impl/conformance/export.ts';
import { LeakScanner } from '../../../impl/conformance/leak.ts';
import { NodeAdapter } from '../../../impl/conformance/node-adapter.ts';
import { runSuite, sameJson, suiteName } from '../../../impl/conformance/runner.ts';
import type { Suite } from '../../../impl/conformance/types.ts';
import { initialTransition } from 'xstate';
import { captureOutput } from './capture.ts';

/** Replays every test purpose on the model itself: the exported expectations are the model's, and the edge tests are exactly the model's edges. */
function coverage(graph: ModelGraph, suite: Suite): { edges: Set<string>; states: Set<string> } {
  const step = makeStepper(graph.machine, graph.input);
  const key = (s: Snap) => behaviourKey(s.value, s.context as StoreContext);
  const [init] = initialTransition(graph.machine, graph.input as never);
  const edges = new Set<string>();
  const states = new Set<string>();
  for (const t of suite.tests) {
    let s = init as Snap;
    t.steps.forEach((st, i) => {
      if (i === t.prefix) states.add(key(s));
      const n = step(s, st.event) ?? s;
      if (t.kind === 'edge' && i === t.prefix) {
        expect(key(n), `${t.id} must change the state`).not.toBe(key(s));
        edges.add(`${key(s)} ${JSON.stringify(st.event)}`);
      }
      if (!sameJson(abstractState(graph.target.model, n), st.state)) throw new Error(`${t.id} step ${i}: exported state is not the model's`);
      s = n;
    });
  }
  return { edges, states };
}

/**
 * Registers the model-based tests of `targets` in the calling test file: generates and exports
 * the suites, reads them back through the schema, checks they cover the model, and replays them
 * on the implementation, scanning every output for key bytes.
 */
export function modelBasedTests(targets: readonly Target[]): void {
  const leak = new LeakScanner();
  const stop = captureOutput(leak);
  const dir = mkdtempSync(join(tmpdir(), 'onem2m-hsm-suites-'));
  let suites: Suite[] = [];
  const totals = { paths: 0, steps: 0, edges: 0, edgesTotal: 0, states: 0, attacksRefused: 0 };

  beforeAll(async () => {
    const lines: string[] = [];
    expect(await runGenTests(['--out', dir], (l) => lines.push(l))).toBe(0);
    for (const l of lines) leak.scanText('gen-tests output', l);
    suites = readSuites(dir);
  });

  afterAll(() => {
    console.log(
      `model-based tests: ${totals.paths} paths, ${totals.steps} steps, ${totals.edges}/${totals.edgesTotal} edges and ${totals.states} states covered, ` +
        `${totals.attacksRefused} attack steps refused; leak scan: ${leak.stats.keys} keys, ${leak.stats.chars} characters, ${leak.hits.length} hits`,
    );
    stop();
    rmSync(dir, { recursive: true, force: true });
    expect(leak.hits).toEqual([]);
  });

  describe.each(targets)('CM1–CM6 model-based: $model HSM, $profile attacker alphabet', (target) => {
    it('covers every edge and every reachable state, and the implementation matches the model after every step', async () => {
      const suite = suites.find((s) => suiteName(s) === suiteName(target))!;
      const graph = exploreModel(target);
      expect(suite.stats).toMatchObject({ states: graph.states.length, edges: graph.edges });
      const cov = coverage(graph, suite);
      expect(cov.edges.size).toBe(graph.edges);
      expect(suite.tests.filter((t) => t.kind === 'edge')).toHaveLength(graph.edges);
      expect(cov.states.size).toBe(graph.states.length);

      const run = await runSuite(suite, new NodeAdapter({ leak }));
      expect(run.failures).toEqual([]);
      expect(run.passed).toBe(suite.tests.length);
      expect(run.edges).toBe(graph.edges);
      totals.paths += run.tests;
      totals.steps += run.steps;
      totals.edges += run.edges;
      totals.edgesTotal += graph.edges;
      totals.states += cov.states.size;
      totals.attacksRefused += run.attacksRefused;
    }, 600_000);
  });
}
