/**
 * The graph algorithms of the liveness checks, over compressed rows and edge codes: reverse
 * adjacency and backward reachability, an iterative Tarjan search for strongly connected
 * components, and the shortest cycle through a trying edge. No recursion: graphs have millions
 * of states.
 * @module
 */
import type { StateGraph } from './search.ts';
import type { Hop } from './lasso.ts';

/** Edge code bits of `findStarvation`. */
export const TRYING = 1;

export const ALLOWED = 2;

/** Reverse rows of the edges with a nonzero `keep[e]`: the sources of state `t`'s in-edges are `sources[starts[t] .. starts[t + 1] - 1]`. */
export function reverseRows(g: StateGraph, n: number, keep: Uint8Array): { starts: Int32Array; sources: Int32Array } {
  const { offsets, targets } = g;
  const starts = new Int32Array(n + 1);
  for (let e = 0; e < targets.length; e++) if (keep[e]) starts[targets[e]! + 1]!++;
  for (let t = 0; t < n; t++) starts[t + 1]! += starts[t]!;
  const fill = starts.slice(0, n);
  const sources = new Int32Array(starts[n]!);
  for (let s = 0; s < n; s++) {
    for (let e = offsets[s]!; e < offsets[s + 1]!; e++) if (keep[e]) sources[fill[targets[e]!]!++] = s;
  }
  return { starts, sources };
}

/** States from which some `goal` state is reachable over the reversed rows (backward breadth-first search). */
export function backwardReach(goal: Uint8Array, rev: { starts: Int32Array; sources: Int32Array }): Uint8Array {
  const n = goal.length;
  const ok = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let s = 0; s < n; s++) {
    if (!goal[s]) continue;
    ok[s] = 1;
    queue[tail++] = s;
  }
  for (let head = 0; head < tail; head++) {
    const t = queue[head]!;
    for (let i = rev.starts[t]!; i < rev.starts[t + 1]!; i++) {
      const s = rev.sources[i]!;
      if (ok[s]) continue;
      ok[s] = 1;
      queue[tail++] = s;
    }
  }
  return ok;
}

/**
 * Strongly connected components of the graph restricted to edges with the {@link ALLOWED}
 * bit: a component ID per state (iterative Tarjan, explicit call stack).
 */
export function components(g: StateGraph, n: number, keep: Uint8Array): Int32Array {
  const { offsets, targets } = g;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let sp = 0;
  let cp = 0;
  let counter = 0;
  let count = 0;
  const visit = (v: number) => {
    index[v] = counter;
    low[v] = counter++;
    stack[sp++] = v;
    callNode[cp] = v;
    callEdge[cp++] = offsets[v]!;
  };
  for (let root = 0; root < n; root++) {
    if (index[root]! >= 0) continue;
    visit(root);
    while (cp > 0) {
      const v = callNode[cp - 1]!;
      const e = callEdge[cp - 1]!;
      if (e < offsets[v + 1]!) {
        callEdge[cp - 1] = e + 1;
        if (!(keep[e]! & ALLOWED)) continue;
        const w = targets[e]!;
        if (index[w]! < 0) visit(w);
        else if (comp[w]! < 0 && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      cp--;
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp]!;
          comp[w] = count;
        } while (w !== v);
        count++;
      }
      if (cp > 0 && low[v]! < low[callNode[cp - 1]!]!) low[callNode[cp - 1]!] = low[v]!;
    }
  }
  return comp;
}

/** The first state (breadth-first order) of a component holding a trying edge between two of its states, or -1. */
export function firstStarvingState(g: StateGraph, n: number, comp: Int32Array, codes: Uint8Array): number {
  const { offsets, targets } = g;
  const starving = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    for (let e = offsets[s]!; e < offsets[s + 1]!; e++) if (codes[e]! & TRYING && comp[targets[e]!] === comp[s]) starving[comp[s]!] = 1;
  }
  for (let s = 0; s < n; s++) if (starving[comp[s]!]) return s;
  return -1;
}

/**
 * The shortest cycle from `entry` back to it through a trying edge, inside `entry`'s component:
 * a breadth-first search over pairs (state, a trying edge taken yet) from (`entry`, no) that
 * stops on reaching (`entry`, yes). Ties go to the first edges in row order.
 */
export function shortestCycle(g: StateGraph, n: number, comp: Int32Array, codes: Uint8Array, entry: number): Hop[] {
  const { offsets, targets } = g;
  const c = comp[entry]!;
  const seen = new Uint8Array(2 * n);
  const parent = new Int32Array(2 * n);
  const via = new Int32Array(2 * n);
  const queue = new Int32Array(2 * n);
  const goal = 2 * entry + 1;
  let tail = 0;
  seen[2 * entry] = 1;
  queue[tail++] = 2 * entry;
  for (let head = 0; head < tail && !seen[goal]; head++) {
    const p = queue[head]!;
    const s = p >> 1;
    for (let e = offsets[s]!; e < offsets[s + 1]!; e++) {
      const code = codes[e]!;
      const t = targets[e]!;
      if (!(code & ALLOWED) || comp[t] !== c) continue;
      const q = 2 * t + ((p & 1) | (code & TRYING));
      if (seen[q]) continue;
      seen[q] = 1;
      parent[q] = p;
      via[q] = e;
      queue[tail++] = q;
      if (q === goal) break;
    }
  }
  if (!seen[goal]) throw new Error(`internal: no cycle through a trying edge from state ${entry} inside its component`);
  const hops: Hop[] = [];
  for (let q = goal; q !== 2 * entry; q = parent[q]!) hops.push({ from: parent[q]! >> 1, edge: via[q]! });
  return hops.reverse();
}
