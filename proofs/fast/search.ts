/**
 * The state of a breadth-first search: the visited set, parent links, the transition count
 * and, per property, the first row (in discovery order) where an invariant fails or a goal
 * holds. Successors are absorbed state by state, in order, so rows are numbered exactly as
 * a sequential breadth-first search numbers them.
 * @module
 */
import { Links } from './links.ts';
import { equalWords, hashWords, mix32, StateSet } from './state-set.ts';

/**
 * The explored graph in compressed rows: the edges of state `s` are `offsets[s] ..
 * offsets[s + 1] - 1`, each a target state and the index of its event in `s`'s event list.
 * Every event that changes the state or that XState's `snapshot.can()` accepts (a transition
 * with a target or actions) is an edge, self-loops included.
 */
export interface StateGraph {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly events: Int32Array;
}

/** Growable edge arrays of a {@link StateGraph}. */
class GraphBuilder {
  offsets: Int32Array<ArrayBuffer> = new Int32Array(1 << 12);
  targets: Int32Array<ArrayBuffer> = new Int32Array(1 << 14);
  events: Int32Array<ArrayBuffer> = new Int32Array(1 << 14);
  edges = 0;
  sources = 0;

  /** Starts the edges of the next source state. */
  open(): void {
    if (this.sources + 1 >= this.offsets.length) this.offsets = grow(this.offsets);
    this.offsets[this.sources++] = this.edges;
  }

  add(target: number, event: number): void {
    if (this.edges === this.targets.length) {
      this.targets = grow(this.targets);
      this.events = grow(this.events);
    }
    this.targets[this.edges] = target;
    this.events[this.edges++] = event;
  }

  /** The graph of the first `states` states. */
  finish(states: number): StateGraph {
    while (this.sources < states) this.open();
    const offsets = this.offsets.slice(0, states + 1);
    offsets[states] = this.edges;
    return { offsets, targets: this.targets.slice(0, this.edges), events: this.events.slice(0, this.edges) };
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Visited set, links and verdicts of one exploration. */
export class Search {
  readonly set: StateSet;
  readonly links = new Links();
  transitions = 0;
  /** 1 while property `p` has not been decided. */
  readonly pending: Uint8Array;
  /** First row where property `p` hit, or -1. */
  readonly found: Int32Array;
  remaining: number;
  private hashes = new Int32Array(64);

  /** The edges, when the search records its graph. */
  private readonly graph: GraphBuilder | null;

  constructor(
    readonly words: number,
    props: number,
    private readonly maxStates: number,
    graph = false,
  ) {
    this.set = new StateSet(words, 1 << 12, graph);
    this.graph = graph ? new GraphBuilder() : null;
    this.pending = new Uint8Array(props).fill(1);
    this.found = new Int32Array(props).fill(-1);
    this.remaining = props;
  }

  /** Adds the initial state. */
  start(row: Uint32Array): void {
    this.set.insert(row, 0);
    this.links.push(-1, 0);
  }

  /** Records the property hits of state `row` (`hits[at + p]`). */
  hit(row: number, hits: Uint8Array, at: number): void {
    for (let p = 0; p < this.pending.length; p++) {
      if (hits[at + p] && this.pending[p]) {
        this.pending[p] = 0;
        this.found[p] = row;
        this.remaining--;
      }
    }
  }

  /**
   * Absorbs an expanded chunk: states `from .. from + n - 1` with `counts[s]` successors each
   * (rows in `succ`, events in `via`) and property hits `hits[s * props + p]`. All successor
   * hashes are computed and their table entries touched first, then inserted in order.
   */
  absorbChunk(from: number, n: number, counts: Int32Array, succ: Uint32Array, via: Int32Array, hits: Uint8Array): void {
    const P = this.pending.length;
    let total = 0;
    for (let s = 0; s < n; s++) total += counts[s]!;
    const W = this.words;
    if (this.hashes.length < total) this.hashes = new Int32Array(total * 2);
    const hashes = this.hashes;
    if (W === 1) for (let j = 0; j < total; j++) hashes[j] = mix32(succ[j]! ^ 0x9747b28c);
    else for (let j = 0; j < total; j++) hashes[j] = hashWords(succ, j * W, W);
    this.set.prefetch(hashes, total);
    if (this.graph) {
      this.absorbGraph(from, n, counts, succ, via, hits, this.graph);
      return;
    }
    this.transitions += total;
    let j = 0;
    for (let s = 0; s < n; s++) {
      if (this.remaining) this.hit(from + s, hits, s * P);
      for (const end = j + counts[s]!; j < end; j++) {
        const r = this.set.insert(succ, j * W, hashes[j]!);
        if (r < 0) continue;
        if (r >= this.maxStates) throw new Error(`state limit ${this.maxStates} exceeded`);
        this.links.push(from + s, via[j]!);
      }
    }
  }

  /** {@link absorbChunk} recording edges: successors equal to their state are self-loops (edges, not transitions). */
  private absorbGraph(from: number, n: number, counts: Int32Array, succ: Uint32Array, via: Int32Array, hits: Uint8Array, g: GraphBuilder): void {
    const P = this.pending.length;
    const W = this.words;
    const set = this.set;
    let j = 0;
    for (let s = 0; s < n; s++) {
      const src = from + s;
      if (this.remaining) this.hit(src, hits, s * P);
      g.open();
      for (const end = j + counts[s]!; j < end; j++) {
        if (equalWords(succ, j * W, set.store, src * W, W)) {
          g.add(src, via[j]!);
          continue;
        }
        this.transitions++;
        const r = set.insert(succ, j * W, this.hashes[j]!);
        if (r < 0) {
          g.add(~r, via[j]!);
          continue;
        }
        if (r >= this.maxStates) throw new Error(`state limit ${this.maxStates} exceeded`);
        this.links.push(src, via[j]!);
        g.add(r, via[j]!);
      }
    }
  }

  /** The recorded graph (null unless the search records one). */
  edges(): StateGraph | null {
    return this.graph ? this.graph.finish(this.set.count) : null;
  }
}
