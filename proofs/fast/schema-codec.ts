/**
 * A {@link ContextCodec} generated from a declarative schema: straight-line encode/decode
 * functions (built once with `new Function`) that pack every leaf into bit fields, check every
 * value on the way in, and rebuild records with the schema's key order on the way out.
 * Constants take no bits (decoding returns the very object given to the schema), a nullable
 * part takes a presence bit, and a list takes a length field plus room for its longest value.
 * Also describes the layout of the words ({@link LayoutNode}) and provides word-level
 * canonicalisers for permutable arrays (see {@link Symmetry.permutable}).
 * @module
 */
import { bitsFor, Layout, type Field, type Slot } from './schema.ts';
import { permuterFor, type PermSlots } from './permute.ts';
import type { ContextCodec, LayoutNode } from './types.ts';

interface Gen {
  /** The layout node built for the field `gen` was last called on. */
  node?: LayoutNode;
  /** Encode statements, in order. */
  enc: string[];
  /** Decode statements of the block being generated (run before the decode expression is evaluated). */
  dec: string[];
  /** Values the generated code refers to as `C[i]` (enum value lists, constants). */
  consts: unknown[];
  /** Slots of the items of each top-level array of leaves, by array name. */
  leaves: Map<string, Slot[]>;
  /** Counter for fresh variable names. */
  n: number;
}

const lit = (s: string) => JSON.stringify(s);

function wordExpr(s: Slot): string {
  if (s.width === 32) return `w${s.word}`;
  return `((w${s.word} >>> ${s.shift}) & ${(2 ** s.width - 1) >>> 0})`;
}

/** Runs `body` with a fresh decode block; returns the block's statements and what `body` returned. */
function block(g: Gen, body: () => string): { stmts: string[]; expr: string } {
  const outer = g.dec;
  g.dec = [];
  try {
    const expr = body();
    return { stmts: g.dec, expr };
  } finally {
    g.dec = outer;
  }
}

/** Emits encode statements (and decode statements, if needed) for `f` at expression `v`; returns the decode expression. */
function gen(g: Gen, layout: Layout, f: Field, v: string, path: string): string {
  switch (f.kind) {
    case 'record': {
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
    case 'array': {
      const a = `a${g.n++}`;
      g.enc.push(`const ${a} = ${v}; if (!Array.isArray(${a}) || ${a}.length !== ${f.length}) F(${lit(path)}, ${a});`);
      const items: string[] = [];
      const nodes: LayoutNode[] = [];
      const slots: Slot[] = [];
      for (let i = 0; i < f.length; i++) {
        items.push(gen(g, layout, f.of, `${a}[${i}]`, `${path}[${i}]`));
        nodes.push(g.node!);
        if (g.node!.kind === 'leaf') slots.push(g.node!.slot);
      }
      // a top-level array of leaves: remembered for word-level permutation
      if (/^[\w$]+$/.test(path) && (f.of.kind === 'enum' || f.of.kind === 'int')) g.leaves.set(path, slots);
      g.node = { kind: 'array', items: nodes };
      return `[${items.join(', ')}]`;
    }
    case 'const': {
      const c = g.consts.length;
      g.consts.push(f.value);
      const x = `x${g.n++}`;
      g.enc.push(`const ${x} = ${v}; if (${x} !== C[${c}]) F(${lit(path)}, ${x});`);
      g.node = { kind: 'const' };
      return `C[${c}]`;
    }
    case 'nullable': {
      const flag = layout.take(1);
      const x = `x${g.n++}`;
      g.enc.push(`const ${x} = ${v}; if (${x} !== null) { w${flag.word} |= 1 << ${flag.shift};`);
      const inner = block(g, () => gen(g, layout, f.of, x, path));
      g.enc.push('}');
      g.node = { kind: 'nullable', flag, of: g.node! };
      if (inner.stmts.length === 0) return `(${wordExpr(flag)} ? ${inner.expr} : null)`;
      const y = `y${g.n++}`;
      g.dec.push(`let ${y} = null; if (${wordExpr(flag)}) { ${inner.stmts.join(' ')} ${y} = ${inner.expr}; }`);
      return y;
    }
    case 'list': {
      const length = layout.take(bitsFor(f.max + 1));
      const a = `a${g.n++}`;
      g.enc.push(`const ${a} = ${v}; if (!Array.isArray(${a}) || ${a}.length > ${f.max}) F(${lit(path)}, ${a});`);
      if (length.width) g.enc.push(`w${length.word} |= ${a}.length << ${length.shift};`);
      const len = `n${g.n++}`;
      const out = `l${g.n++}`;
      g.dec.push(`const ${len} = ${length.width ? wordExpr(length) : '0'}; const ${out} = [];`);
      const nodes: LayoutNode[] = [];
      for (let i = 0; i < f.max; i++) {
        g.enc.push(`if (${a}.length > ${i}) {`);
        const item = block(g, () => gen(g, layout, f.of, `${a}[${i}]`, `${path}[${i}]`));
        g.enc.push('}');
        nodes.push(g.node!);
        g.dec.push(`if (${len} > ${i}) { ${item.stmts.join(' ')} ${out}.push(${item.expr}); }`);
      }
      g.node = { kind: 'list', length, items: nodes };
      return out;
    }
    default:
      return leaf(g, layout, f, v, path);
  }
}

/** An enum or integer leaf. */
function leaf(g: Gen, layout: Layout, f: Extract<Field, { kind: 'enum' | 'int' }>, v: string, path: string): string {
  const width = f.kind === 'enum' ? bitsFor(f.values.length) : bitsFor(f.max - f.min + 1);
  const slot = layout.take(width);
  g.node = f.kind === 'enum' ? { kind: 'leaf', slot, values: f.values } : { kind: 'leaf', slot, min: f.min };
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

function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function fail(path: string, value: unknown): never {
  throw new Error(`codec: context field '${path || '(root)'}' cannot be encoded: ${show(value)}`);
}

/** Builds a codec for contexts shaped like `fields` (a record schema, keys in context order). */
export function schemaCodec<C = any>(fields: Readonly<Record<string, Field>>): ContextCodec<C> {
  const g: Gen = { enc: [], dec: [], consts: [], leaves: new Map(), n: 0 };
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
  const decode = new Function('C', `return function decode(w, at) { ${load} ${g.dec.join('\n')} return ${dec}; };`)(g.consts) as ContextCodec<C>['decode'];
  const slots: PermSlots = g.leaves;
  return {
    words,
    spareBits: layout.spare,
    encode,
    decode,
    permuter: (names) => permuterFor(slots, names),
    layout: g.node!,
  };
}
