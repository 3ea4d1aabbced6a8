/**
 * Learned steps: the explorer's fast path over packed rows. Every function the explorer calls
 * on a state — a property, the subject's `events`, the guards that select the transitions of
 * an event, the actions of a microstep — is run once on a tracking view of the row
 * (`track.ts`), which logs the leaves it reads in order. Its result is stored in a decision
 * tree over those leaves, keyed per configuration (and event, or microstep). The next state
 * that agrees on the leaves read follows the same path through the tree and gets the stored
 * result without decoding its row or running any machine code: a property verdict, an event
 * list, the selected microstep, or the microstep's effect on the words (bits kept from the
 * input, bits set).
 *
 * Exactness rests on one condition, the same XState's own `transition()` needs for
 * exploration to make sense: guards, actions, properties and `events` are deterministic
 * functions of the state and event (they read no clock, counter or other outside state). A
 * deterministic function that has read the same values so far reads the same next leaf, so
 * the tree is exact. A function whose reads differ on equal values is reported
 * ({@link NondeterministicStepError}), and the learned results are spot-checked against the
 * machine's own step on a sample of states (all of them with `learnCheck: 'all'`).
 *
 * Where learning would not pay or cannot be expressed — a tree grows beyond its budget
 * (e.g. an action that maps over a whole array reads every item), a result puts part of the
 * input at another position, the machine has eventless transitions, symmetry canonicalises
 * whole contexts — that step runs the exact generic path instead.
 * @module
 */
import type { EventObject } from 'xstate';
import type { Property, Subject } from '../types.ts';
import type { Config } from './configs.ts';
import type { CompiledMachine, Step } from './machine.ts';
import { FastSnapshot } from './snapshot.ts';
import type { StateCodec } from './state-codec.ts';
import { Leaves, Tracker } from './track.ts';

/** A learned function read leaves in a different order on equal values: it is not a function of the state. */
export class NondeterministicStepError extends Error {
  override readonly name = 'NondeterministicStepError';
}

/** Marks a path (or a whole tree) where the generic path runs. */
export const GENERIC: unique symbol = Symbol('generic');
/** A selection that takes no transition. */
export const NONE: unique symbol = Symbol('none');

/** A learned microstep effect over a row: `out[w] = (in[w] & keep[w]) | set[w]`. */
export interface Effect {
  readonly keep: Uint32Array;
  readonly set: Uint32Array;
}

/** A decision node: branches on the code of one leaf (its word, shift and mask copied in for speed). */
export class TNode {
  readonly kids: unknown[] = [];
  constructor(
    readonly leaf: number,
    readonly w: number,
    readonly s: number,
    readonly m: number,
  ) {}
}

/** A decision tree over leaves with results at its leaves; `root` is GENERIC once over budget. */
export class Trie {
  root: unknown = undefined;
  size = 0;
}

/** A microstep as this exploration learns it: the step and, per event ID, the tree of its effects. */
export interface LearnedStep {
  readonly step: Step;
  readonly effects: Trie[];
}

/** Per configuration: the trees of its properties, its event list and its events' selections. */
export interface ConfigTries {
  readonly props: Trie[];
  readonly events: Trie;
  readonly select: Trie[];
  /** The selection trees aligned with each event list met (by the list's ID array). */
  readonly lists: WeakMap<Int32Array, Trie[]>;
}

/** Results stored per tree before it is abandoned for the generic path. */
const BUDGET = 1 << 12;

/** How often learned results are checked against the generic path. */
export type LearnCheck = 'sample' | 'all' | 'none';

/** Counters of one exploration. */
export interface LearnStats {
  /** Successor computations answered by a learned effect. */
  learned: number;
  /** Successor computations that ran the machine's actions. */
  generic: number;
  /** Tracked runs (misses of a tree). */
  runs: number;
  /** Learned results checked against the generic path. */
  checked: number;
}

/** The learned fast path for one exploration (one per thread). */
export class Learner {
  readonly stats: LearnStats = { learned: 0, generic: 0, runs: 0, checked: 0 };
  readonly leaves: Leaves;
  /** Effects may be learned (no eventless transitions, no context-level canonicaliser). */
  readonly effects: boolean;
  private readonly tries: (ConfigTries | undefined)[] = [];
  private readonly steps = new Map<Step, LearnedStep>();
  /** Trees of the functions asked with {@link valueOf}, per configuration. */
  private readonly asked = new Map<(snapshot: FastSnapshot) => unknown, Trie[]>();
  private lastConfig: Config | undefined;
  private lastIds: Int32Array | undefined;
  private lastTries: Trie[] | null = null;
  private readonly eventIds = new Map<string, number>();
  private readonly idsOf = new WeakMap<readonly EventObject[], Int32Array>();
  private readonly stamp: Int32Array;
  private gen = 0;
  private readonly scratch: Uint32Array;
  private sample = 0;
  private readonly tracker: Tracker;

  constructor(
    readonly subject: Subject<any, any>,
    readonly cm: CompiledMachine,
    readonly codec: StateCodec,
    private readonly check: LearnCheck = 'sample',
  ) {
    this.leaves = new Leaves(codec.layout!, codec.contextOffset);
    this.effects = !cm.hasAlways && codec.rawEncode !== undefined;
    this.stamp = new Int32Array(this.leaves.count);
    this.tracker = new Tracker(this.leaves);
    this.scratch = new Uint32Array(codec.words);
  }

  /** True when `codec` describes its layout, so steps over it can be learned. */
  static applies(codec: StateCodec): boolean {
    return codec.layout !== undefined;
  }

  /** The trees of `config` (created on first use). */
  configTries(config: Config): ConfigTries {
    let t = this.tries[config.id];
    if (!t) {
      const n = this.subject.invariants.length + (this.subject.goals ?? []).length;
      t = { props: Array.from({ length: n }, () => new Trie()), events: new Trie(), select: [], lists: new WeakMap() };
      this.tries[config.id] = t;
    }
    return t;
  }

  /** Walks `trie` along the row's leaves: the stored result, or undefined on a miss. */
  private lookup(trie: Trie, rows: Uint32Array, at: number): unknown {
    let n = trie.root;
    while (n instanceof TNode) n = n.kids[(rows[at + n.w]! >>> n.s) & n.m];
    return n;
  }

  /** Stores `result` at the path the logged reads take through `trie`. */
  private insert(trie: Trie, log: readonly number[], rows: Uint32Array, at: number, result: unknown): void {
    if (trie.root === GENERIC) return;
    const g = ++this.gen;
    const stamp = this.stamp;
    let parent: TNode | null = null;
    let code = 0;
    let n: unknown = trie.root;
    for (const id of log) {
      if (stamp[id] === g) continue;
      stamp[id] = g;
      if (n === undefined) {
        n = new TNode(id, this.leaves.word[id]!, this.leaves.shift[id]!, this.leaves.mask[id]!);
        if (parent) parent.kids[code] = n;
        else trie.root = n;
      } else if (!(n instanceof TNode) || n.leaf !== id) {
        throw new NondeterministicStepError('a guard, action, property or event list read different parts of equal states: it must be a function of the state');
      }
      parent = n as TNode;
      code = this.leaves.code(rows, at, id);
      n = parent.kids[code];
    }
    if (n instanceof TNode)
      throw new NondeterministicStepError('a guard, action, property or event list read fewer parts of a state than before on equal values');
    if (parent) parent.kids[code] = result;
    else trie.root = result;
    if (++trie.size > BUDGET) trie.root = GENERIC;
  }

  /** A fresh tracker over the row and its tracking view (context decoded once). */
  private track(rows: Uint32Array, at: number): { tracker: Tracker; view: unknown } {
    this.stats.runs++;
    const tracker = this.tracker;
    tracker.reset();
    return { tracker, view: tracker.view(this.codec.context(rows, at)) };
  }

  /** Verdict of property `p` on the row: true/false, or GENERIC. */
  property(config: Config, p: number, prop: Property, rows: Uint32Array, at: number): boolean | typeof GENERIC {
    const trie = this.configTries(config).props[p]!;
    const hit = this.lookup(trie, rows, at);
    if (hit !== undefined) return hit as boolean | typeof GENERIC;
    const { tracker, view } = this.track(rows, at);
    const holds = !!prop.holds(new FastSnapshot(this.cm.machine, config, view) as never);
    this.insert(trie, tracker.log, rows, at, holds);
    return holds;
  }

  /** The subject's event list at the row, or GENERIC. */
  events(config: Config, rows: Uint32Array, at: number): readonly EventObject[] | typeof GENERIC {
    const trie = this.configTries(config).events;
    const hit = this.lookup(trie, rows, at);
    if (hit !== undefined) return hit as readonly EventObject[] | typeof GENERIC;
    const { tracker, view } = this.track(rows, at);
    const events = this.subject.events(new FastSnapshot(this.cm.machine, config, view) as never) as readonly EventObject[];
    this.insert(trie, tracker.log, rows, at, events);
    return events;
  }

  /**
   * The value of `fn`, a function of the state asked after exploration (a liveness check's
   * state predicate, say), at the row: learned like a property, in a tree per function and
   * configuration, so that states agreeing on the leaves `fn` read share one run of it; or
   * GENERIC once the tree is over budget.
   */
  valueOf<T>(fn: (snapshot: FastSnapshot) => T, config: Config, rows: Uint32Array, at: number): T | typeof GENERIC {
    let perConfig = this.asked.get(fn);
    if (!perConfig) {
      perConfig = [];
      this.asked.set(fn, perConfig);
    }
    let trie = perConfig[config.id];
    if (!trie) {
      trie = new Trie();
      perConfig[config.id] = trie;
    }
    const hit = this.lookup(trie, rows, at);
    if (hit !== undefined) return hit as T | typeof GENERIC;
    const { tracker, view } = this.track(rows, at);
    const value = fn(new FastSnapshot(this.cm.machine, config, view));
    this.insert(trie, tracker.log, rows, at, value);
    return value;
  }

  /** Stable IDs of the events of a list (equal events, equal IDs). */
  ids(events: readonly EventObject[]): Int32Array {
    let ids = this.idsOf.get(events);
    if (!ids) {
      ids = Int32Array.from(events, (e) => {
        const key = JSON.stringify(e);
        let id = this.eventIds.get(key);
        if (id === undefined) {
          id = this.eventIds.size;
          this.eventIds.set(key, id);
        }
        return id;
      });
      this.idsOf.set(events, ids);
    }
    return ids;
  }

  /**
   * The selection trees of `config` for the events `ids` (aligned with the event list), or
   * null when no step can be learned. Cached for the last configuration and list asked.
   */
  selectTries(config: Config, ids: Int32Array): Trie[] | null {
    if (!this.effects) return null;
    if (config === this.lastConfig && ids === this.lastIds) return this.lastTries;
    const ct = this.configTries(config);
    let out = ct.lists.get(ids);
    if (!out) {
      const tries = ct.select;
      out = Array.from(ids, (id) => {
        let t = tries[id];
        if (!t) {
          t = new Trie();
          tries[id] = t;
        }
        return t;
      });
      ct.lists.set(ids, out);
    }
    this.lastConfig = config;
    this.lastIds = ids;
    this.lastTries = out;
    return out;
  }

  /** A miss of a selection tree: learns which microstep `event` takes from the row (or NONE). */
  selectMiss(trie: Trie, config: Config, event: EventObject, typeId: number, rows: Uint32Array, at: number): LearnedStep | typeof NONE | typeof GENERIC {
    const hit = this.lookup(trie, rows, at);
    if (hit !== undefined) return hit as LearnedStep | typeof NONE | typeof GENERIC;
    const { tracker, view } = this.track(rows, at);
    const n = this.cm.select(config, view, event, typeId);
    const result = n ? this.learnedStep(this.cm.stepOf(config, n)) : NONE;
    this.insert(trie, tracker.log, rows, at, result);
    return result;
  }

  /** This exploration's record of `step` (steps are shared by every exploration of a machine). */
  private learnedStep(step: Step): LearnedStep {
    let l = this.steps.get(step);
    if (!l) {
      l = { step, effects: [] };
      this.steps.set(step, l);
    }
    return l;
  }

  /** The tree of a step's effects for event `eventId` (actions see the event: one tree per event). */
  effectTrie(learned: LearnedStep, eventId: number): Trie {
    let t = learned.effects[eventId];
    if (!t) {
      t = new Trie();
      learned.effects[eventId] = t;
    }
    return t;
  }

  /** A miss of an effect tree: learns the effect of the step's actions for `event` on the row (or GENERIC). */
  effectMiss(t: Trie, learned: LearnedStep, event: EventObject, rows: Uint32Array, at: number): Effect | typeof GENERIC {
    const step = learned.step;
    const hit = this.lookup(t, rows, at);
    if (hit !== undefined) return hit as Effect | typeof GENERIC;
    const { tracker, view } = this.track(rows, at);
    let c = view as object;
    for (const a of step.actions) c = tracker.merge(c, a.partial(c, event));
    const W = this.codec.words;
    const keep = new Uint32Array(W);
    let result: Effect | typeof GENERIC = GENERIC;
    if (tracker.copies(c, keep)) {
      tracker.logging = false;
      const out = new Uint32Array(W);
      this.codec.rawEncode!(step.next, c, out, 0);
      for (let w = 0; w < W; w++) out[w] = (out[w]! & ~keep[w]!) >>> 0;
      result = { keep, set: out };
    }
    this.insert(t, tracker.log, rows, at, result);
    return result;
  }

  /** True when the next learned successor should be checked against the generic path. */
  shouldCheck(): boolean {
    if (this.check === 'none') return false;
    if (this.check === 'all') return true;
    return this.sample++ < 256 || (this.sample & 4095) === 0;
  }

  /** Throws unless the learned successor `got` equals the generic one `want` (both rows). */
  compare(got: Uint32Array, gotAt: number, want: Uint32Array, wantAt: number, event: EventObject): void {
    this.stats.checked++;
    for (let w = 0; w < this.codec.words; w++) {
      if (got[gotAt + w] !== want[wantAt + w]) {
        throw new NondeterministicStepError(
          `the learned step for event ${JSON.stringify(event)} differs from the machine's own: its guards and actions must be functions of the state and event`,
        );
      }
    }
  }

  /** A scratch row. */
  get row(): Uint32Array {
    return this.scratch;
  }
}
