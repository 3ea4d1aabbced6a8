/**
 * Transition selection, compiled per configuration and event type. XState's
 * `transitionNode` walks the state value: in an atomic or compound chain the deepest node's
 * candidates are tried first, then its ancestors'; the regions of a parallel node are tried
 * in the value's key order and their selections concatenated, with the parallel node itself
 * (and upwards) tried only when no region selected anything. Within a node, the first
 * candidate whose guard passes is taken. A {@link Program} is that walk with the structure
 * resolved once, leaving only guard calls at run time.
 * @module
 */
import type { StateValue } from 'xstate';
import type { GuardFn, GuardScope } from './guards.ts';
import type { Node, Trans } from './nodes.ts';

/** A compiled selection: regions (tried first, concatenated), else the first passing chain entry. */
export interface Program {
  readonly regions: readonly Program[] | null;
  /** Transition IDs in priority order. */
  readonly chain: Int32Array;
}

function make(regions: Program[] | null, chain: number[]): Program | null {
  const rs = regions?.length ? regions : null;
  return rs || chain.length ? { regions: rs, chain: Int32Array.from(chain) } : null;
}

/**
 * Compiles the selection for `value` under `root`, where `cands(node)` lists the IDs of a
 * node's candidate transitions in priority order; null when nothing can ever be selected.
 */
export function compileProgram(root: Node, value: StateValue, cands: (n: Node) => number[]): Program | null {
  const walk = (n: Node, v: StateValue): Program | null => {
    if (typeof v === 'string') return make(null, [...cands(n.states[v]!), ...cands(n)]);
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const inner = walk(n.states[keys[0]!]!, v[keys[0]!]!);
      return make(inner ? [...(inner.regions ?? [])] : null, [...(inner ? inner.chain : []), ...cands(n)]);
    }
    const regions = keys.map((k) => walk(n.states[k]!, v[k]!)).filter((p): p is Program => p !== null);
    return make(regions, cands(n));
  };
  return walk(root, value);
}

/** The eventless chain of a configuration with one atomic node: `always` of it, then of its ancestors. */
export function compileEventless(atomic: Node, ids: (t: Trans) => number): Program | null {
  const chain: number[] = [];
  for (let n: Node | undefined = atomic; n; n = n.parent) for (const t of n.always ?? []) chain.push(ids(t));
  return make(null, chain);
}

/**
 * Runs a program, writing the selected transition IDs to `out` from index `n`; returns the
 * new count (`out` must have room for one ID per transition of the machine).
 */
export function runProgram(
  p: Program,
  context: unknown,
  event: { type: string },
  scope: GuardScope,
  guards: readonly (GuardFn | null)[],
  out: Int32Array,
  n: number,
): number {
  if (p.regions) {
    const before = n;
    for (const r of p.regions) n = runProgram(r, context, event, scope, guards, out, n);
    if (n > before) return n;
  }
  const chain = p.chain;
  for (let i = 0; i < chain.length; i++) {
    const t = chain[i]!;
    const g = guards[t];
    if (!g || g(context, event, scope)) {
      out[n] = t;
      return n + 1;
    }
  }
  return n;
}
