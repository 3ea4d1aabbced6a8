/**
 * The structural part of an XState microstep (SCXML's algorithm as XState v5 implements it,
 * without history states): which of the selected transitions survive conflict resolution,
 * which states are exited and entered, in what order, and so which actions run in what order.
 * It depends only on the configuration and the selected transitions, so it is computed once
 * per pair and cached by the caller.
 * @module
 */
import { childrenOf, isDescendant, properAncestors, type Node, type Trans } from './nodes.ts';

/** The effect of one microstep on a configuration. */
export interface MicrostepPlan {
  /** The configuration after the step, in XState's `_nodes` order. */
  readonly nodes: readonly Node[];
  /** Action references in execution order: exit actions, transition actions, entry (+ initial) actions. */
  readonly actions: readonly unknown[];
  /** True when the set of active nodes changed. */
  readonly changed: boolean;
}

function findLca(nodes: readonly Node[]): Node | undefined {
  const [head, ...tail] = nodes;
  for (const anc of properAncestors(head!, undefined)) if (tail.every((n) => isDescendant(n, anc))) return anc;
  return undefined;
}

function domainOf(t: Trans, root: Node): Node | undefined {
  const targets = t.target ?? [];
  if (!t.reenter && targets.every((x) => x === t.source || isDescendant(x, t.source))) return t.source;
  const lca = findLca([...targets, t.source]);
  if (lca) return lca;
  return t.reenter ? undefined : root;
}

function exitSet(ts: readonly Trans[], active: ReadonlySet<Node>, root: Node): Node[] {
  const out = new Set<Node>();
  for (const t of ts) {
    if (!t.target?.length) continue;
    const domain = domainOf(t, root);
    if (t.reenter && t.source === domain) out.add(domain);
    for (const n of active) if (isDescendant(n, domain)) out.add(n);
  }
  return [...out];
}

function removeConflicts(enabled: readonly Trans[], active: ReadonlySet<Node>, root: Node): Trans[] {
  const kept = new Set<Trans>();
  for (const t1 of enabled) {
    let preempted = false;
    const drop = new Set<Trans>();
    for (const t2 of kept) {
      const x2 = new Set(exitSet([t2], active, root));
      if (exitSet([t1], active, root).some((n) => x2.has(n))) {
        if (isDescendant(t1.source, t2.source)) drop.add(t2);
        else {
          preempted = true;
          break;
        }
      }
    }
    if (!preempted) {
      for (const t of drop) kept.delete(t);
      kept.add(t1);
    }
  }
  return [...kept];
}

const covered = (enter: Set<Node>, child: Node) => [...enter].some((s) => isDescendant(s, child));

function addDescendants(n: Node, dflt: Set<Node>, enter: Set<Node>): void {
  if (n.type === 'compound') {
    const init = n.initial.target[0]!;
    enter.add(init);
    dflt.add(init);
    addDescendants(init, dflt, enter);
    addAncestors(enter, dflt, properAncestors(init, n), undefined);
  } else if (n.type === 'parallel') {
    for (const c of childrenOf(n)) {
      if (covered(enter, c)) continue;
      enter.add(c);
      dflt.add(c);
      addDescendants(c, dflt, enter);
    }
  }
}

function addAncestors(enter: Set<Node>, dflt: Set<Node>, ancestors: readonly Node[], domain: Node | undefined): void {
  for (const a of ancestors) {
    if (!domain || isDescendant(a, domain)) enter.add(a);
    if (a.type !== 'parallel') continue;
    for (const c of childrenOf(a)) {
      if (covered(enter, c)) continue;
      enter.add(c);
      addDescendants(c, dflt, enter);
    }
  }
}

function entrySet(ts: readonly Trans[], root: Node, dflt: Set<Node>, enter: Set<Node>): void {
  for (const t of ts) {
    const domain = domainOf(t, root);
    for (const s of t.target ?? []) {
      if (t.source !== s || t.source !== domain || t.reenter) {
        enter.add(s);
        dflt.add(s);
      }
      addDescendants(s, dflt, enter);
    }
    for (const s of t.target ?? []) {
      const ancestors = properAncestors(s, domain);
      if (domain?.type === 'parallel') ancestors.push(domain);
      addAncestors(enter, dflt, ancestors, !t.source.parent && t.reenter ? undefined : domain);
    }
  }
}

/** Plans the microstep taking `selected` (in selection order) from the active `nodes`. */
export function planMicrostep(nodes: readonly Node[], selected: readonly Trans[], root: Node): MicrostepPlan {
  const active = new Set(nodes);
  const filtered = removeConflicts(selected, active, root);
  const actions: unknown[] = [];
  const exits = exitSet(filtered, active, root).sort((a, b) => b.order - a.order);
  for (const s of exits) {
    actions.push(...s.exit);
    active.delete(s);
  }
  for (const t of filtered) actions.push(...t.actions);
  const enter = new Set<Node>();
  const dflt = new Set<Node>();
  entrySet(filtered, root, dflt, enter);
  for (const s of [...enter].sort((a, b) => a.order - b.order)) {
    active.add(s);
    actions.push(...s.entry);
    if (dflt.has(s)) actions.push(...s.initial.actions);
  }
  const changed = active.size !== nodes.length || nodes.some((n) => !active.has(n));
  return { nodes: [...active], actions, changed };
}
