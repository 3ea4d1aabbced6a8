/**
 * The state of a breadth-first search: the visited set, parent links, the transition count
 * and, per property, the first row (in discovery order) where an invariant fails or a goal
 * holds. Successors are absorbed state by state, in order, so rows are numbered exactly as
 * a sequential breadth-first search numbers them.
 * @module
 */
import { Links } from './links.ts';
import { hashWords, mix32, StateSet } from './state-set.ts';

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

  constructor(
    readonly words: number,
    props: number,
    private readonly maxStates: number,
  ) {
    this.set = new StateSet(words);
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
}
