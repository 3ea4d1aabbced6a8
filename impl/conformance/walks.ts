/**
 * Edge-covering walks: the abstract test suite of a model rearranged into few long paths. The
 * generated suite (`impl/conformance/suite.ts`) has one test purpose per edge and one per state
 * (its refused and absorbed events), each from a fresh HSM along a shortest path: every edge costs
 * a reset and a prefix. A walk instead goes from the initial state to the nearest state with work
 * left (an edge not yet taken, or refusals not yet tried), does it, and goes on; a new walk (a
 * reset) starts only when nothing left is reachable. Every edge and every (state, refused or
 * absorbed event) pair of the model is still exercised, with the outcome, the typed error and the
 * observable state checked after every step — in far fewer resets and steps. For backends where a
 * reset is costly (a PKCS#11 token: objects are created and destroyed).
 * @module
 */
import type { Snap } from '../../proofs/types.ts';
import { abstractState, expectedRefusal } from './expect.ts';
import type { ModelGraph, Move } from './explore.ts';
import { suiteOf } from './suite.ts';
import type { AbstractStep, Suite, TestPurpose } from './types.ts';

/** The walks of `graph` as a suite (each walk one test purpose of kind `edge`), and what they cover. */
export function walkSuite(graph: ModelGraph): { suite: Suite; edges: number; stays: number } {
  const model = graph.target.model;
  const st = (s: Snap) => abstractState(model, s);
  const step = (from: number, m: Move): AbstractStep => {
    const to = graph.states[m.to ?? from]!;
    return m.accepted
      ? { event: m.event, outcome: 'accepted', state: st(to) }
      : { event: m.event, outcome: 'refused', error: expectedRefusal(graph.states[from]!, m.event), state: st(to) };
  };
  const edgeLeft = graph.moves.map((ms) => ms.map((m) => m.to !== null));
  const staysLeft = graph.moves.map((ms) => ms.some((m) => m.to === null));
  const workAt = (i: number) => staysLeft[i]! || edgeLeft[i]!.some(Boolean);
  /** Moves (edge indices) of a shortest path from `from` to the nearest state with work left, or null. */
  const toWork = (from: number): [number, number][] | null => {
    const back = new Map<number, [number, number]>([[from, [-1, -1]]]);
    const queue = [from];
    for (let q = 0; q < queue.length; q++) {
      const i = queue[q]!;
      if (workAt(i)) {
        const path: [number, number][] = [];
        for (let j = i; j !== from; j = back.get(j)![0]) path.push([back.get(j)![0], back.get(j)![1]]);
        return path.reverse();
      }
      graph.moves[i]!.forEach((m, k) => {
        if (m.to !== null && !back.has(m.to)) {
          back.set(m.to, [i, k]);
          queue.push(m.to);
        }
      });
    }
    return null;
  };
  const tests: TestPurpose[] = [];
  let edges = 0;
  let stays = 0;
  const tag = `WALK-${model === 'device' ? 'DEV' : 'SRV'}-${graph.target.profile === 'physical' ? 'PHY' : 'INS'}`;
  for (;;) {
    const steps: AbstractStep[] = [];
    let cur = 0;
    for (let path = toWork(cur); path !== null; path = toWork(cur)) {
      for (const [i, k] of path) {
        steps.push(step(i, graph.moves[i]![k]!));
        if (edgeLeft[i]![k]) {
          edgeLeft[i]![k] = false;
          edges++;
        }
        cur = graph.moves[i]![k]!.to!;
      }
      if (staysLeft[cur]) {
        for (const m of graph.moves[cur]!)
          if (m.to === null) {
            steps.push(step(cur, m));
            stays++;
          }
        staysLeft[cur] = false;
      }
      const k = edgeLeft[cur]!.indexOf(true);
      if (k >= 0) {
        const m = graph.moves[cur]![k]!;
        steps.push(step(cur, m));
        edgeLeft[cur]![k] = false;
        edges++;
        cur = m.to!;
      }
    }
    if (steps.length === 0) break;
    tests.push({
      id: `${tag}-${String(tests.length + 1).padStart(4, '0')}`,
      kind: 'edge',
      title: `walk ${tests.length + 1}: ${steps.length} steps`,
      requirements: [],
      threats: [],
      prefix: 0,
      initial: st(graph.states[0]!),
      steps,
    });
  }
  return { suite: suiteOf(graph, tests), edges, stays };
}
