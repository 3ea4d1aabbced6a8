/**
 * The fast exact explorer: the same breadth-first search, state identity, counts, verdicts and
 * shortest traces as the reference explorer (`proofs/bfs.ts`), over a compiled machine
 * (see `validate.ts` for the XState subset accepted) with states packed into words.
 * @module
 */
import { initialTransition, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';
import type { ExplorationResult, Property, Trace } from '../types.ts';
import { FastSnapshot } from './snapshot.ts';
import { compileMachine } from './compile.ts';
import { Expander } from './expand.ts';
import { GENERIC } from './learn.ts';
import { parallelPlan, runParallel } from './parallel.ts';
import { Search, type StateGraph } from './search.ts';
import { stateCodec } from './state-codec.ts';
import { canonicalisers } from './symmetry.ts';
import { buildTraces } from './trace.ts';
import type { FastExploreOptions, FastStats, FastSubject } from './types.ts';
import { UnsupportedMachineError } from './errors.ts';

/** An exploration result with the fast explorer's statistics. */
export interface FastExplorationResult extends ExplorationResult {
  readonly stats: FastStats;
  /** The explored graph, with `options.graph` (state IDs are discovery order, 0 = initial). */
  readonly graph?: StateGraph;
  /** With `options.graph`: the stored state with this ID, as the snapshot properties and `events` receive. */
  readonly snapshotOf?: (id: number) => FastSnapshot;
  /** With `options.graph`: the shortest trace to the state with this ID (a real run, also under symmetry). */
  readonly traceTo?: (id: number) => Trace;
  /**
   * With `options.graph`: `ofState` of every stored state, by state ID, equal to
   * `ofState(snapshotOf(id))` for each. `ofState` must be a function of the state (like a
   * property); it is learned like one, so that the stored rows are not decoded.
   */
  readonly codesOf?: (ofState: (snapshot: FastSnapshot) => number) => Uint8Array;
  /** With `options.graph`: the subject's event list at the state with this ID (`events(snapshotOf(id))`, learned). */
  readonly eventsAt?: (id: number) => readonly EventObject[];
}

/** States expanded before their successors are inserted (same order as one at a time). */
const CHUNK = 32;

/**
 * Explores every reachable state of `subject` breadth-first, exactly like `exploreBfs`: the
 * same states (identified by state value + context as JSON, or by `subject.key`, or by the
 * subject's codec, which must agree with them), the same transition count, and for every
 * invariant and goal the same verdict and the same shortest trace.
 *
 * Machines must lie in the subset described in `validate.ts` (otherwise
 * {@link UnsupportedMachineError}). Properties, `events`, `key` and `describe` receive a
 * {@link FastSnapshot} (value, context, status, tags, matches, hasTag, can, getMeta, toJSON).
 * When the subject declares a `symmetry` (and `options.symmetry` is not false), states are
 * stored up to it, so counts are those of the quotient while verdicts, shortest-trace lengths
 * and replayable traces are preserved. `options.workers` adds worker threads (same results).
 */
export function exploreFast<M extends AnyStateMachine>(subject: FastSubject<M, any>, options: FastExploreOptions = {}): FastExplorationResult {
  const t0 = performance.now();
  const fs = subject;
  const maxStates = options.maxStates ?? 5_000_000;
  const useSymmetry = options.symmetry !== false && fs.symmetry !== undefined;
  const verify = options.verifyCodec !== false;
  const cm = compileMachine(subject.machine);
  const init = initialTransition(subject.machine as AnyStateMachine, subject.input as never)[0] as AnyMachineSnapshot;
  if (init.status !== 'active') throw new Error(`initial state is '${init.status}': ${String(init.error ?? '')}`);
  if (Object.keys(init.children).length) throw new UnsupportedMachineError('the initial state has child actors');
  const canon = useSymmetry ? canonicalisers(fs.symmetry, fs.codec) : {};
  const codec = stateCodec(subject.machine, cm.configs, canon, fs.codec, subject.key);
  const W = codec.words;
  const search = new Search(W, subject.invariants.length + (subject.goals ?? []).length, maxStates, options.graph === true);
  const first = new Uint32Array(W);
  codec.verify(init.context);
  codec.encode(cm.configs.ofValue(init.value), init.context, first, 0);
  search.start(first);
  const ex = new Expander(subject, cm, codec, verify, options.learn === false ? false : (options.learnCheck ?? 'sample'));
  ex.loops = options.graph === true;
  const planned = options.graph ? 0 : parallelPlan(fs, options, codec);
  let workers = 0;
  if (planned > 0) workers = runParallel(search, ex, fs, options, planned);
  else {
    const set = search.set;
    for (let i = 0; i < set.count; ) {
      const n = Math.min(CHUNK, set.count - i);
      ex.expand(set.store, i, n, search.pending);
      search.absorbChunk(i, n, ex.counts, ex.succ, ex.via, ex.hits);
      i += n;
    }
  }
  const { set, links } = search;
  const traces = buildTraces(subject, cm, codec, set, links, useSymmetry);
  const out = (ids: readonly Property<M>[], offset: number) => {
    const first = new Map<string, number>();
    ids.forEach((p, i) => {
      const row = search.found[offset + i]!;
      if (row >= 0 && !(first.get(p.id)! <= row)) first.set(p.id, row);
    });
    return Object.fromEntries(ids.map((p) => [p.id, first.has(p.id) ? traces(first.get(p.id)!) : null]));
  };
  /** The stored state at row offset `at` (in configuration `config`), decoded. */
  const decoded = (config: ReturnType<typeof codec.config>, at: number) => new FastSnapshot(cm.machine, config, codec.context(set.store, at));
  return {
    states: set.count,
    transitions: search.transitions,
    ms: performance.now() - t0,
    violations: out(subject.invariants, 0),
    reached: out(subject.goals ?? [], subject.invariants.length),
    ...(options.graph
      ? {
          graph: search.edges()!,
          snapshotOf: (id: number) => {
            if (!Number.isInteger(id) || id < 0 || id >= set.count) throw new RangeError(`no state ${id}`);
            return decoded(codec.config(set.store, id * W), id * W);
          },
          traceTo: (id: number) => {
            if (!Number.isInteger(id) || id < 0 || id >= set.count) throw new RangeError(`no state ${id}`);
            return traces(id);
          },
          codesOf: (ofState: (snapshot: FastSnapshot) => number) => {
            const L = ex.learner;
            const rows = set.store;
            const out = new Uint8Array(set.count);
            for (let id = 0, at = 0; id < set.count; id++, at += W) {
              const config = codec.config(rows, at);
              const v = L ? L.valueOf(ofState, config, rows, at) : GENERIC;
              out[id] = v === GENERIC ? ofState(decoded(config, at)) : v;
            }
            return out;
          },
          eventsAt: (id: number) => {
            if (!Number.isInteger(id) || id < 0 || id >= set.count) throw new RangeError(`no state ${id}`);
            const at = id * W;
            const config = codec.config(set.store, at);
            const events = ex.learner ? ex.learner.events(config, set.store, at) : GENERIC;
            if (events !== GENERIC) return events;
            return subject.events(decoded(config, at) as never) as readonly EventObject[];
          },
        }
      : {}),
    stats: {
      bytes: set.bytes + links.bytes,
      wordsPerState: W,
      configurations: cm.configs.all.length,
      symmetry: useSymmetry,
      workers,
      learned: {
        steps: ex.learner?.stats.learned ?? 0,
        generic: ex.learner?.stats.generic ?? 0,
        checked: ex.learner?.stats.checked ?? 0,
        runs: ex.learner?.stats.runs ?? 0,
      },
    },
  };
}
