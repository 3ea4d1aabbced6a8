/**
 * Generation of the abstract test suites from the explored model: one test purpose per edge
 * (the shortest path to its source state, then the edge), and one per state for the events the
 * state refuses or absorbs (the path, then each such event, each expected to leave the state
 * unchanged). Every step carries the expected outcome (with the typed error of a refusal) and
 * the expected abstract state.
 * @module
 */
import { cmList } from '../../model/config.ts';
import type { RequirementId } from '../../spec/ids.ts';
import type { DeviceEvent } from '../../model/events.ts';
import type { StoreContext } from '../../model/store.ts';
import type { Snap } from '../../proofs/types.ts';
import { describeEvent } from './describe.ts';
import { abstractState, expectedRefusal } from './expect.ts';
import { exploreModel, pathTo, TARGETS, type ModelGraph, type Target } from './explore.ts';
import { requirementsOf, threatsOf } from './links.ts';
import { SUITE_SCHEMA, type AbstractStep, type Suite, type TestPurpose } from './types.ts';

const tag = (t: Target) => `TP-${t.model === 'device' ? 'DEV' : 'SRV'}-${t.profile === 'physical' ? 'PHY' : 'INS'}`;

/** The suite of one target. */
export function buildSuite(target: Target, graph: ModelGraph = exploreModel(target)): Suite {
  const model = target.model;
  const st = (s: Snap) => abstractState(model, s);
  const stepTo = (from: number, to: number, event: DeviceEvent, accepted: boolean): AbstractStep =>
    accepted
      ? { event, outcome: 'accepted', state: st(graph.states[to]!) }
      : { event, outcome: 'refused', error: expectedRefusal(graph.states[from]!, event), state: st(graph.states[to]!) };
  const prefixOf = (i: number): AbstractStep[] => pathTo(graph, i).map((j) => stepTo(graph.parent[j]!, j, graph.via[j]!, graph.viaAccepted[j]!));
  const purpose = (id: string, kind: TestPurpose['kind'], title: string, i: number, tested: AbstractStep[], events: DeviceEvent[]): TestPurpose => {
    const reqs = [...new Set(events.flatMap((e) => requirementsOf(model, e)))].sort() as RequirementId[];
    const prefix = prefixOf(i);
    return {
      id,
      kind,
      title,
      requirements: reqs,
      threats: threatsOf(model, reqs),
      prefix: prefix.length,
      initial: st(graph.states[0]!),
      steps: [...prefix, ...tested],
    };
  };
  const tests: TestPurpose[] = [];
  let e = 0;
  let r = 0;
  graph.moves.forEach((moves, i) => {
    const s = graph.states[i]!;
    for (const m of moves) {
      if (m.to === null) continue;
      const step = stepTo(i, m.to, m.event, m.accepted);
      tests.push(purpose(`${tag(target)}-E${String(++e).padStart(4, '0')}`, 'edge', `from state ${i}: ${describeEvent(m.event)}`, i, [step], [m.event]));
    }
    const stays = moves.filter((m) => m.to === null);
    if (stays.length === 0) return;
    const steps: AbstractStep[] = stays.map((m) =>
      m.accepted
        ? { event: m.event, outcome: 'accepted', state: st(s) }
        : { event: m.event, outcome: 'refused', error: expectedRefusal(s, m.event), state: st(s) },
    );
    const title = `state ${i} refuses ${steps.filter((x) => x.outcome === 'refused').length} events and absorbs ${steps.filter((x) => x.outcome === 'accepted').length} without change`;
    tests.push(
      purpose(
        `${tag(target)}-R${String(++r).padStart(4, '0')}`,
        'refusals',
        title,
        i,
        steps,
        stays.map((m) => m.event),
      ),
    );
  });
  return suiteOf(graph, tests);
}

/** A suite of `tests` over the explored `graph`: its target, configuration and statistics. */
export function suiteOf(graph: ModelGraph, tests: TestPurpose[]): Suite {
  const init = graph.states[0]!.context as StoreContext;
  return {
    schema: SUITE_SCHEMA,
    model: graph.target.model,
    profile: graph.target.profile,
    countermeasures: cmList(graph.input.cms),
    settings: init.settings,
    slots: init.slots.length,
    captures: init.maxCaptures,
    stats: { states: graph.states.length, edges: graph.edges, tests: tests.length, steps: tests.reduce((n, t) => n + t.steps.length, 0) },
    tests,
  };
}

/** The suites of every target. */
export function buildSuites(targets: readonly Target[] = TARGETS): Suite[] {
  return targets.map((t) => buildSuite(t));
}
