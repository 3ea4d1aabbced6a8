/**
 * A statechart as Graphviz DOT, read from the machine definition itself (`machine.root`: its
 * state nodes, initial states and transitions), so the diagram is the machine that is explored.
 * Compound and parallel states are clusters (parallel regions dashed), atomic states are nodes
 * labelled with the state's name, a transition with a target is an edge labelled with its event
 * and guard, and a transition without a target (the state stays, actions run) is listed under
 * the state that handles it.
 * @module
 */
import type { AnyStateMachine } from 'xstate';

/** The parts of an XState state node this module reads. */
interface Node {
  readonly id: string;
  readonly key: string;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  readonly states: Readonly<Record<string, Node>>;
  readonly initial?: { readonly target: readonly Node[] };
  readonly transitions: ReadonlyMap<string, readonly { readonly target?: readonly Node[]; readonly guard?: unknown }[]>;
}

/** A guard as text: a named guard, or `and(…)`, `or(…)`, `not(…)`, `in(…)` of them. */
export function guardText(g: unknown): string {
  if (g === undefined || g === null) return '';
  if (typeof g === 'string') return g;
  const o = g as { type?: string; name?: string; guards?: unknown[]; stateValue?: unknown };
  if (o.guards) return `${o.name}(${o.guards.map(guardText).join(', ')})`;
  if (o.stateValue !== undefined) return `in(${typeof o.stateValue === 'string' ? o.stateValue : JSON.stringify(o.stateValue).replace(/"/g, '')})`;
  if (o.type) return o.type;
  return o.name || 'guard';
}

const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The atomic state an edge to `n` points at: `n` itself, or its initial descendant (first region of a parallel state). */
function entry(n: Node): Node {
  if (n.type === 'atomic' || n.type === 'final') return n;
  const next = n.initial?.target[0] ?? Object.values(n.states)[0];
  return next ? entry(next) : n;
}

/** One line per targetless transition handled by `n`: `EVENT [guard]`. */
function internal(n: Node): string[] {
  const out: string[] = [];
  for (const [event, ts] of n.transitions) {
    for (const t of ts) if (!t.target?.length) out.push(t.guard ? `${event} [${guardText(t.guard)}]` : event);
  }
  return out;
}

/** The state names of a machine (every state node's key, the root's id included). */
export function stateNames(machine: AnyStateMachine): string[] {
  const out: string[] = [];
  const walk = (n: Node) => {
    out.push(n.key);
    for (const c of Object.values(n.states)) walk(c);
  };
  walk(machine.root as unknown as Node);
  return out;
}

/** The DOT text of a machine's statechart. */
export function machineToDot(machine: AnyStateMachine): string {
  const root = machine.root as unknown as Node;
  const lines: string[] = [
    `digraph ${q(root.id)} {`,
    '  graph [rankdir=LR, fontname="Helvetica", fontsize=12, compound=true];',
    '  node [shape=box, style="rounded,filled", fillcolor="#f4f6fb", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const edges: string[] = [];
  const nodeLabel = (n: Node) => {
    const extra = internal(n);
    return extra.length ? `${n.key}\\n\\n${extra.map((e) => e.replace(/"/g, "'")).join('\\l')}\\l` : n.key;
  };
  const walk = (n: Node, indent: string) => {
    for (const [event, ts] of n.transitions) {
      for (const t of ts) {
        for (const target of t.target ?? []) {
          const from = entry(n);
          const to = entry(target);
          const g = guardText(t.guard);
          edges.push(`  ${q(from.id)} -> ${q(to.id)} [label="${(g ? `${event}\\n[${g}]` : event).replace(/"/g, "'")}"];`);
        }
      }
    }
    if (n.type === 'atomic' || n.type === 'final') {
      lines.push(`${indent}${q(n.id)} [label="${nodeLabel(n).replace(/"/g, '\\"')}"${n.type === 'final' ? ', peripheries=2' : ''}];`);
      return;
    }
    lines.push(`${indent}subgraph ${q(`cluster_${n.id}`)} {`);
    const inner = internal(n);
    const label = inner.length
      ? `${n.key}${n.type === 'parallel' ? '\\n(parallel regions)' : ''}\\n${inner.join('\\l')}\\l`
      : `${n.key}${n.type === 'parallel' ? '\\n(parallel regions)' : ''}`;
    lines.push(`${indent}  label="${label.replace(/"/g, '\\"')}"; labeljust=l; style=${n.type === 'parallel' ? 'solid' : 'rounded'};`);
    const init = n.initial?.target[0];
    if (init && n.type === 'compound') {
      const dot = `${n.id}.__initial`;
      lines.push(`${indent}  ${q(dot)} [shape=point, width=0.12, label=""];`);
      edges.push(`  ${q(dot)} -> ${q(entry(init).id)};`);
    }
    for (const c of Object.values(n.states)) walk(c, `${indent}  `);
    lines.push(`${indent}}`);
  };
  if (root.type === 'atomic') {
    lines.push(`  ${q(root.id)} [label="${nodeLabel(root).replace(/"/g, '\\"')}"];`);
  } else walk(root, '  ');
  lines.push(...edges, '}');
  return lines.join('\n');
}
