/**
 * Interned configurations. A configuration is a set of active state nodes; XState's state
 * value (with its key order, which `JSON.stringify` and transition selection both see) is
 * derived from the node order exactly as XState's `getStateValue` does, and configurations are
 * identified by that value's JSON. Each gets a small integer ID stored in every state.
 * @module
 */
import type { StateValue } from 'xstate';
import type { GuardScope } from './guards.ts';
import { isAtomic, type Node } from './nodes.ts';

/** One interned configuration. */
export interface Config extends GuardScope {
  readonly id: number;
  readonly value: StateValue;
  /** `JSON.stringify(value)`. */
  readonly json: string;
  /** Active nodes, in an order that yields `value`. */
  readonly nodes: readonly Node[];
  readonly nodeSet: ReadonlySet<Node>;
  /** Tags of the active nodes. */
  readonly tags: ReadonlySet<string>;
  /** Per-use caches (selection programs, planned steps), filled lazily by the compiled machine. */
  readonly cache: { programs: unknown[]; single: unknown[]; steps: Map<number | string, unknown> };
}

/** XState's `getValueFromAdj` over the adjacency of `nodes` (in their order). */
export function stateValueOf(root: Node, nodes: readonly Node[]): StateValue {
  const adj = new Map<Node, Node[]>();
  for (const s of nodes) {
    if (!adj.has(s)) adj.set(s, []);
    if (s.parent) {
      if (!adj.has(s.parent)) adj.set(s.parent, []);
      adj.get(s.parent)!.push(s);
    }
  }
  const from = (base: Node): StateValue => {
    const kids = adj.get(base);
    if (!kids) return {};
    if (base.type === 'compound') {
      const k = kids[0];
      if (!k) return {};
      if (isAtomic(k)) return k.key;
    }
    const v: Record<string, StateValue> = {};
    for (const k of kids) v[k.key] = from(k);
    return v;
  };
  return from(root);
}

/** Active nodes of a state value, parents before children, siblings in the value's key order. */
export function nodesOfValue(root: Node, value: StateValue): Node[] {
  const out: Node[] = [root];
  const walk = (n: Node, v: StateValue): void => {
    if (typeof v === 'string') {
      const c = n.states[v];
      if (!c) throw new Error(`State '${v}' does not exist on '${n.id}'`);
      out.push(c);
      return;
    }
    for (const k of Object.keys(v)) {
      const c = n.states[k];
      if (!c) throw new Error(`Child state '${k}' does not exist on '${n.id}'`);
      out.push(c);
      walk(c, v[k]!);
    }
  };
  walk(root, value);
  return out;
}

/** An upper bound on the number of configurations of the tree under `n` (capped at 2^31). */
export function configBound(n: Node): number {
  const kids = Object.values(n.states).filter((c) => c.type !== 'history');
  if (!kids.length) return 1;
  const counts = kids.map(configBound);
  const total = n.type === 'parallel' ? counts.reduce((a, b) => a * b, 1) : counts.reduce((a, b) => a + b, 0);
  return Math.min(total, 2 ** 31);
}

/** The table of configurations met so far. */
export class ConfigTable {
  readonly all: Config[] = [];
  private readonly byJson = new Map<string, Config>();

  constructor(readonly root: Node) {}

  /** The configuration whose state value is `value`. */
  ofValue(value: StateValue): Config {
    const json = JSON.stringify(value);
    const hit = this.byJson.get(json);
    if (hit) return hit;
    const nodes = nodesOfValue(this.root, value);
    const c: Config = {
      id: this.all.length,
      value,
      json,
      nodes,
      nodeSet: new Set(nodes),
      tags: new Set(nodes.flatMap((n) => n.tags)),
      cache: { programs: [], single: [], steps: new Map() },
    };
    this.all.push(c);
    this.byJson.set(json, c);
    return c;
  }

  /** The configuration with active `nodes` (in XState's `_nodes` order). */
  ofNodes(nodes: readonly Node[]): Config {
    return this.ofValue(stateValueOf(this.root, nodes));
  }
}
