/**
 * Structural view of XState v5 state nodes and transitions (the parts of `machine.root` the
 * fast explorer reads), with the tree helpers XState's own algorithms use, ported verbatim in
 * behaviour: ancestry, children, candidate transitions (exact match, then wildcards).
 * @module
 */
import type { AnyStateMachine } from 'xstate';

/** A state node as built by XState (`machine.root` and its descendants). */
export interface Node {
  readonly id: string;
  readonly key: string;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** Document order. */
  readonly order: number;
  readonly parent?: Node;
  readonly states: Readonly<Record<string, Node>>;
  readonly initial: { readonly target: readonly Node[]; readonly actions: readonly unknown[] };
  readonly entry: readonly unknown[];
  readonly exit: readonly unknown[];
  readonly transitions: ReadonlyMap<string, readonly Trans[]>;
  readonly always?: readonly Trans[];
  readonly invoke: readonly unknown[];
  readonly after: readonly unknown[];
  readonly tags: readonly string[];
  readonly meta?: unknown;
  readonly config: Readonly<Record<string, unknown>>;
}

/** A formatted transition (`StateNode.transitions` values, `StateNode.always`). */
export interface Trans {
  readonly source: Node;
  readonly target?: readonly Node[];
  readonly reenter: boolean;
  readonly guard?: unknown;
  readonly actions: readonly unknown[];
  readonly eventType: string;
}

/** The root node of a machine. */
export function rootOf(machine: AnyStateMachine): Node {
  return machine.root as unknown as Node;
}

/** Every node of the tree, in document order. */
export function allNodes(root: Node): Node[] {
  const out: Node[] = [];
  const walk = (n: Node): void => {
    out.push(n);
    for (const c of Object.values(n.states)) walk(c);
  };
  walk(root);
  return out.sort((a, b) => a.order - b.order);
}

/** XState's `isAtomicStateNode`. */
export function isAtomic(n: Node): boolean {
  return n.type === 'atomic' || n.type === 'final';
}

/** XState's `getChildren` (history nodes excluded). */
export function childrenOf(n: Node): Node[] {
  return Object.values(n.states).filter((c) => c.type !== 'history');
}

/** XState's `getProperAncestors`: parents of `n` up to (excluding) `to`, nearest first. */
export function properAncestors(n: Node, to: Node | undefined): Node[] {
  const out: Node[] = [];
  if (to === n) return out;
  for (let m = n.parent; m && m !== to; m = m.parent) out.push(m);
  return out;
}

/** XState's `isDescendant`: `child` lies strictly below `ancestor`. */
export function isDescendant(child: Node, ancestor: Node | undefined): boolean {
  let m = child;
  while (m.parent && m.parent !== ancestor) m = m.parent;
  return m.parent === ancestor;
}

/** XState's `matchesEventDescriptor` (exact, `*`, and `prefix.*` descriptors). */
export function matchesDescriptor(eventType: string, descriptor: string): boolean {
  if (descriptor === eventType || descriptor === '*') return true;
  if (!descriptor.endsWith('.*')) return false;
  const want = descriptor.split('.');
  const got = eventType.split('.');
  for (let i = 0; i < want.length; i++) {
    if (want[i] === '*') return i === want.length - 1;
    if (want[i] !== got[i]) return false;
  }
  return true;
}

/** XState's `getCandidates`: exact-match transitions first, then wildcards, longest descriptor first. */
export function candidates(n: Node, eventType: string): readonly Trans[] {
  const exact = n.transitions.get(eventType);
  const wild = [...n.transitions.keys()]
    .filter((d) => d !== eventType && matchesDescriptor(eventType, d))
    .sort((a, b) => b.length - a.length)
    .flatMap((d) => n.transitions.get(d) ?? []);
  return exact ? [...exact, ...wild] : wild;
}
