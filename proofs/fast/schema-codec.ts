/**
 * A {@link ContextCodec} generated from a declarative schema: straight-line encode/decode
 * functions (built once with `new Function`) that pack every leaf into bit fields, check every
 * value on the way in, and rebuild records with the schema's key order on the way out. Also
 * provides word-level canonicalisers for permutable arrays (see {@link Symmetry.permutable}).
 * @module
 */
import { bitsFor, Layout, type Field, type Slot } from './schema.ts';
import { permuterFor, type PermSlots } from './permute.ts';
import type { ContextCodec, LayoutNode } from './types.ts';

interface Gen {
  /** The layout node built for the field `gen` was last called on. */
  node?: LayoutNode;
  enc: string[];
  consts: unknown[];
  leaves: Map<string, Slot[]>;
  n: number;
}

const lit = (s: string) => JSON.stringify(s);

function wordExpr(s: Slot): string {
  if (s.width === 32) return `w${s.word}`;
  return `((w${s.word} >>> ${s.shift}) & ${(2 ** s.width - 1) >>> 0})`;
}

/** Emits encode statements for `f` at expression `v`; returns the decode expression. */
function gen(g: Gen, layout: Layout, f: Field, v: string, path: string): string {
  if (f.kind === 'record') {
    const r = `r${g.n++}`;
    g.enc.push(`const ${r} = ${v}; if (${r} === null || typeof ${r} !== 'object') F(${lit(path)}, ${r});`);
    const nodes: Record<string, LayoutNode> = {};
    const parts = Object.entries(f.fields).map(([k, sub]) => {
      const code = gen(g, layout, sub, `${r}[${lit(k)}]`, path ? `${path}.${k}` : k);
      nodes[k] = g.node!;
      return `${lit(k)}: ${code}`;
    });
    g.node = { kind: 'record', fields: nodes };
    return `{ ${parts.join(', ')} }`;
  }
  if (f.kind === 'array') {
    const a = `a${g.n++}`;
    g.enc.push(`const ${a} = ${v}; if (!Array.isArray(${a}) || ${a}.length !== ${f.length}) F(${lit(path)}, ${a});`);
    const items: string[] = [];
    const nodes: LayoutNode[] = [];
    for (let i = 0; i < f.length; i++) {
      items.push(gen(g, layout, f.of, `${a}[${i}]`, `${path}[${i}]`));
      nodes.push(g.node!);
    }
    g.node = { kind: 'array', items: nodes };
    return `[${items.join(', ')}]`;
  }
  const width = f.kind === 'enum' ? bitsFor(f.values.length) : bitsFor(f.max - f.min + 1);
  const slot = layout.take(width);
  g.node = f.kind === 'enum' ? { kind: 'leaf', slot, values: f.values } : { kind: 'leaf', slot, min: f.min };
  if (/^[\w$]+\[\d+\]$/.test(path)) {
    // an item of a top-level array of leaves: remembered for word-level permutation
    const key = `${path.slice(0, path.indexOf('['))}#items`;
    g.leaves.set(key, [...(g.leaves.get(key) ?? []), slot]);
  }
  const x = `x${g.n++}`;
  if (f.kind === 'enum') {
    const c = g.consts.length;
    g.consts.push(f.values);
    const code = `${f.values.map((val, i) => `${x} === ${JSON.stringify(val)} ? ${i} : `).join('')}F(${lit(path)}, ${x})`;
    if (width) g.enc.push(`const ${x} = ${v}; w${slot.word} |= (${code}) << ${slot.shift};`);
    else g.enc.push(`const ${x} = ${v}; ${code};`);
    return width ? `C[${c}][${wordExpr(slot)}]` : `C[${c}][0]`;
  }
  const check = `typeof ${x} === 'number' && Number.isInteger(${x}) && ${x} >= ${f.min} && ${x} <= ${f.max}`;
  g.enc.push(`const ${x} = ${v}; if (!(${check})) F(${lit(path)}, ${x});`);
  if (width) g.enc.push(`w${slot.word} |= (${x} - ${f.min}) << ${slot.shift};`);
  return width ? `(${wordExpr(slot)} + ${f.min})` : `${f.min}`;
}

function fail(path: string, value: unknown): never {
  throw new Error(`codec: context field '${path || '(root)'}' cannot be encoded: ${JSON.stringify(value)}`);
}

/** Builds a codec for contexts shaped like `fields` (a record schema, keys in context order). */
export function schemaCodec<C = any>(fields: Readonly<Record<string, Field>>): ContextCodec<C> {
  const g: Gen = { enc: [], consts: [], leaves: new Map(), n: 0 };
  const layout = new Layout();
  const dec = gen(g, layout, { kind: 'record', fields }, 'c', '');
  const words = layout.words;
  const ws = Array.from({ length: words }, (_, i) => `w${i}`);
  const decl = words ? `let ${ws.map((w) => `${w} = 0`).join(', ')};` : '';
  const store = ws.map((w, i) => `out[at + ${i}] = ${w};`).join(' ');
  const load = words ? `const ${ws.map((w, i) => `${w} = w[at + ${i}]`).join(', ')};` : '';
  const encode = new Function('F', 'C', `return function encode(c, out, at) { ${decl} ${g.enc.join('\n')} ${store} };`)(
    fail,
    g.consts,
  ) as ContextCodec<C>['encode'];
  const decode = new Function('C', `return function decode(w, at) { ${load} return ${dec}; };`)(g.consts) as ContextCodec<C>['decode'];
  const slots: PermSlots = new Map([...g.leaves].filter(([k]) => k.endsWith('#items')).map(([k, v]) => [k.slice(0, -6), v]));
  return {
    words,
    spareBits: layout.spare,
    encode,
    decode,
    permuter: (names) => permuterFor(slots, names),
    layout: g.node!,
  };
}
