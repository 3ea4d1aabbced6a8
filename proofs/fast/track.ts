/**
 * Read tracking over a packed context: a view of a stored row whose every leaf read is logged
 * (leaf IDs in reading order), and, after a step ran on it, which leaves of the result are
 * copies of the same leaves of the input. Together they let `learn.ts` replace a guard, an
 * action or a property by a decision tree over the leaves it actually reads.
 *
 * What counts as a read: getting a leaf (a primitive) of the context, the presence of a
 * nullable part, or anything that depends on a list's length. Getting a record, array or list
 * itself is not a read (its shape is fixed by the layout); constants are never reads.
 * Copies are recognised only where they are certain: a part of the input placed back at its
 * own position (by reference, not by value), the keys an `assign` leaves alone, and the items
 * `Array.prototype.with` leaves alone. Everything else in the result counts as computed from
 * the logged reads.
 * @module
 */
import type { LayoutNode, LeafSlot } from './types.ts';

/** The leaves of a layout, numbered in layout order, with their places in a row. */
export class Leaves {
  /** Word (row offset included), shift and mask of each leaf. */
  readonly word: Int32Array;
  readonly shift: Int32Array;
  readonly mask: Uint32Array;
  /** Leaf ID of each leaf node, presence flag (nullable) and length (list). */
  private readonly ids = new Map<LayoutNode | LeafSlot, number>();
  /** Every leaf ID under a node (the node's own flag or length included). */
  private readonly under = new Map<LayoutNode, number[]>();

  constructor(
    readonly root: LayoutNode,
    offset: number,
  ) {
    const slots: LeafSlot[] = [];
    const add = (key: LayoutNode | LeafSlot, slot: LeafSlot): number => {
      const id = slots.length;
      slots.push(slot);
      this.ids.set(key, id);
      return id;
    };
    const visit = (n: LayoutNode): number[] => {
      let out: number[] = [];
      if (n.kind === 'leaf') out = [add(n, n.slot)];
      else if (n.kind === 'record') for (const f of Object.values(n.fields)) out.push(...visit(f));
      else if (n.kind === 'array') for (const f of n.items) out.push(...visit(f));
      else if (n.kind === 'nullable') out = [add(n.flag, n.flag), ...visit(n.of)];
      else if (n.kind === 'list') {
        out = [add(n.length, n.length)];
        for (const f of n.items) out.push(...visit(f));
      }
      this.under.set(n, out);
      return out;
    };
    visit(root);
    this.word = Int32Array.from(slots, (s) => s.word + offset);
    this.shift = Int32Array.from(slots, (s) => s.shift);
    this.mask = Uint32Array.from(slots, (s) => (s.width >= 32 ? 0xffffffff : 2 ** s.width - 1));
  }

  /** Number of leaves. */
  get count(): number {
    return this.word.length;
  }

  /** The leaf ID of a leaf node, nullable flag or list length. */
  id(key: LayoutNode | LeafSlot): number {
    return this.ids.get(key)!;
  }

  /** Every leaf ID under `node`. */
  leavesUnder(node: LayoutNode): readonly number[] {
    return this.under.get(node)!;
  }

  /** The code of leaf `id` in the row at `rows[at..]`. */
  code(rows: Uint32Array, at: number, id: number): number {
    return (rows[at + this.word[id]!]! >>> this.shift[id]!) & this.mask[id]!;
  }

  /** Sets the bits of leaf `id` in `mask` (a row-sized array of word masks). */
  addMask(mask: Uint32Array, id: number): void {
    const w = this.word[id]!;
    mask[w] = (mask[w]! | ((this.mask[id]! << this.shift[id]!) >>> 0)) >>> 0;
  }
}

/** The keys an assign replaced, over the context it was applied to. */
interface Merge {
  readonly base: object;
  /** Key → new value, or {@link PASS} for a key left alone (in the merged key order). */
  readonly target: Record<string, unknown>;
}

/** The items `with` left alone, over the array it was called on. */
interface Patch {
  readonly base: object;
  readonly index: number;
  readonly value: unknown;
}

const PASS: unique symbol = Symbol('pass');
const INDEX = /^(0|[1-9]\d*)$/;

/** One tracked run: the view of one input row, its read log and the classification of results. */
export class Tracker {
  /** Leaf IDs read, in order (with repeats). */
  log: number[] = [];
  /** While false, reads are not logged (used while encoding a result). */
  logging = true;
  /** Input parts by their proxy: the layout node (position) they come from. */
  private readonly origin = new WeakMap<object, LayoutNode>();
  private readonly merges = new WeakMap<object, Merge>();
  private readonly patches = new WeakMap<object, Patch>();
  private readonly proxies = new WeakMap<object, object>();
  private readonly handlers = new Map<LayoutNode, ProxyHandler<object>>();

  constructor(readonly leaves: Leaves) {}

  /** Starts a new run: an empty log, logging on (views of earlier runs stay valid but are not reused). */
  reset(): void {
    this.log = [];
    this.logging = true;
  }

  /** A tracking view of `context` (the decoded row). */
  view(context: unknown): unknown {
    return this.wrap(context, this.leaves.root);
  }

  private read(id: number): void {
    if (this.logging) this.log.push(id);
  }

  private wrap(value: unknown, node: LayoutNode): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (node.kind !== 'record' && node.kind !== 'array' && node.kind !== 'list') return value;
    let p = this.proxies.get(value);
    if (!p) {
      let h = this.handlers.get(node);
      if (!h) {
        h = this.handler(node);
        this.handlers.set(node, h);
      }
      p = new Proxy(value, h);
      this.proxies.set(value, p);
      this.origin.set(p, node);
    }
    return p;
  }

  /** The value of a child part read through its parent. */
  private child(value: unknown, node: LayoutNode): unknown {
    switch (node.kind) {
      case 'leaf':
        this.read(this.leaves.id(node));
        return value;
      case 'const':
        return value;
      case 'nullable':
        this.read(this.leaves.id(node.flag));
        return value === null ? null : this.child(value, node.of);
      default:
        return this.wrap(value, node);
    }
  }

  private handler(node: LayoutNode): ProxyHandler<object> {
    const lengthRead = node.kind === 'list' ? () => this.read(this.leaves.id(node.length)) : () => {};
    const items = node.kind === 'array' || node.kind === 'list' ? node.items : null;
    return {
      get: (target, key, receiver) => {
        if (typeof key === 'string') {
          if (node.kind === 'record' && Object.hasOwn(node.fields, key)) return this.child((target as Record<string, unknown>)[key], node.fields[key]!);
          if (items) {
            if (INDEX.test(key)) {
              lengthRead();
              const i = Number(key);
              return i < items.length && i < (target as unknown[]).length ? this.child((target as unknown[])[i], items[i]!) : undefined;
            }
            if (key === 'length') {
              lengthRead();
              return (target as unknown[]).length;
            }
            if (key === 'with') return (index: number, value: unknown) => this.with(receiver as object, target as unknown[], index, value);
          }
        }
        return Reflect.get(target, key, receiver);
      },
      has: (target, key) => {
        if (items && typeof key === 'string' && INDEX.test(key)) lengthRead();
        return Reflect.has(target, key);
      },
      ownKeys: (target) => {
        lengthRead();
        return Reflect.ownKeys(target);
      },
      getOwnPropertyDescriptor: (target, key) => {
        if (items && typeof key === 'string' && INDEX.test(key)) lengthRead();
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
      set: () => {
        throw new TypeError('a context is read-only while the explorer learns a step');
      },
      deleteProperty: () => {
        throw new TypeError('a context is read-only while the explorer learns a step');
      },
      defineProperty: () => {
        throw new TypeError('a context is read-only while the explorer learns a step');
      },
    };
  }

  /** `Array.prototype.with` on an input array: items other than `index` stay copies of the input. */
  private with(base: object, target: unknown[], index: number, value: unknown): unknown[] {
    const raw = target.with(index, value); // same RangeError as the real method
    const at = Math.trunc(index) < 0 ? target.length + Math.trunc(index) : Math.trunc(index);
    const out = new Proxy(raw, {
      get: (t, key, receiver) => {
        if (typeof key === 'string' && INDEX.test(key) && Number(key) !== at && Number(key) < t.length) return (base as unknown[])[Number(key)];
        return Reflect.get(t, key, receiver);
      },
    });
    this.patches.set(out, { base, index: at, value });
    return out;
  }

  /** `{ ...context, ...partial }` as an assign makes it, keeping track of the keys left alone. */
  merge(context: object, partial: object | undefined): object {
    const keys = this.keysOf(context);
    const target: Record<string, unknown> = {};
    for (const k of keys) target[k] = PASS;
    if (partial) for (const k of Object.keys(partial)) target[k] = (partial as Record<string, unknown>)[k];
    const out = new Proxy(target, {
      get: (t, key, receiver) => {
        if (typeof key === 'string' && t[key] === PASS) return (context as Record<string, unknown>)[key];
        return Reflect.get(t, key, receiver);
      },
      getOwnPropertyDescriptor: (t, key) => {
        const d = Reflect.getOwnPropertyDescriptor(t, key);
        if (d && typeof key === 'string' && t[key] === PASS) d.value = (context as Record<string, unknown>)[key];
        return d;
      },
    });
    this.merges.set(out, { base: context, target });
    return out;
  }

  /** Keys of a context in order, without logging (a record's keys are fixed by its layout). */
  private keysOf(context: object): string[] {
    const m = this.merges.get(context);
    if (m) return Object.keys(m.target);
    const was = this.logging;
    this.logging = false;
    try {
      return Object.keys(context);
    } finally {
      this.logging = was;
    }
  }

  /**
   * Marks in `keep` (a row-sized array of word masks) the leaves of `result` that are copies
   * of the same leaves of the input; returns false when the result places a part of the
   * input at another position (which a word mask cannot express).
   */
  copies(result: unknown, keep: Uint32Array): boolean {
    const was = this.logging;
    this.logging = false;
    try {
      return this.walk(result, this.leaves.root, keep);
    } finally {
      this.logging = was;
    }
  }

  private keepAll(node: LayoutNode, keep: Uint32Array): void {
    for (const id of this.leaves.leavesUnder(node)) this.leaves.addMask(keep, id);
  }

  private walk(value: unknown, node: LayoutNode, keep: Uint32Array): boolean {
    if (node.kind === 'leaf' || node.kind === 'const') return true;
    if (node.kind === 'nullable') return value === null || this.walk(value, node.of, keep);
    if (value === null || typeof value !== 'object') return true; // the codec rejects it when encoding
    const from = this.origin.get(value);
    if (from !== undefined) {
      if (from !== node) return false;
      this.keepAll(node, keep);
      return true;
    }
    const m = this.merges.get(value);
    if (m) {
      if (node.kind !== 'record') return false;
      for (const [k, f] of Object.entries(node.fields)) if (!this.walkKey(m, k, f, keep)) return false;
      return true;
    }
    const p = this.patches.get(value);
    if (p) {
      if (this.origin.get(p.base) !== node || node.kind === 'record') return false;
      if (node.kind === 'list') this.leaves.addMask(keep, this.leaves.id(node.length));
      for (const [i, f] of node.items.entries()) {
        if (i === p.index) {
          if (!this.walk(p.value, f, keep)) return false;
        } else this.keepAll(f, keep);
      }
      return true;
    }
    if (node.kind === 'record') {
      for (const [k, f] of Object.entries(node.fields)) if (!this.walk((value as Record<string, unknown>)[k], f, keep)) return false;
      return true;
    }
    const arr = value as unknown[];
    for (const [i, f] of node.items.entries()) if (i < arr.length && !this.walk(arr[i], f, keep)) return false;
    return true;
  }

  private walkKey(m: Merge, key: string, node: LayoutNode, keep: Uint32Array): boolean {
    if (!Object.hasOwn(m.target, key)) return true; // missing key: the codec rejects it
    const v = m.target[key];
    if (v !== PASS) return this.walk(v, node, keep);
    const inner = this.merges.get(m.base);
    if (inner) return this.walkKey(inner, key, node, keep);
    if (this.origin.get(m.base) !== this.leaves.root) return false;
    this.keepAll(node, keep);
    return true;
  }
}
