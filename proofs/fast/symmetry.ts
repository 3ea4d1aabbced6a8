/**
 * Resolves a subject's declared {@link Symmetry} into canonicalisers: a context-level one
 * (`canonicalize`, or a generic sort of index tuples for `permutable` arrays) and, when the
 * codec can provide it, a faster word-level one over encoded contexts.
 * @module
 */
import type { ContextCodec, Symmetry } from './types.ts';

/** Canonicalisers for one exploration; both absent when there is no symmetry to apply. */
export interface Canonicalisers {
  readonly context?: (context: any) => any;
  readonly words?: (w: Uint32Array, at: number) => void;
}

/** Sorts the index tuples of context arrays `names` (compared as JSON), keeping the context's key order. */
export function permutableArrays(names: readonly string[]): (context: any) => any {
  return (ctx) => {
    const arrays = names.map((n) => ctx[n] as unknown[]);
    const len = arrays[0]?.length ?? 0;
    const keys = Array.from({ length: len }, (_, i) => JSON.stringify(arrays.map((a) => a[i])));
    const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
    const out = { ...ctx };
    for (const [j, n] of names.entries()) out[n] = order.map((i) => arrays[j]![i]);
    return out;
  };
}

/** The canonicalisers for `symmetry` with `codec` (a codec's word-level permuter is preferred). */
export function canonicalisers(symmetry: Symmetry | undefined, codec: ContextCodec | undefined): Canonicalisers {
  if (!symmetry) return {};
  const perm = symmetry.permutable;
  const words = perm?.length && codec?.permuter ? codec.permuter(perm) : undefined;
  const byPerm = perm?.length && !words ? permutableArrays(perm) : undefined;
  const custom = symmetry.canonicalize;
  const context = custom && byPerm ? (c: unknown) => byPerm(custom(c)) : (custom ?? byPerm);
  return { ...(context ? { context } : {}), ...(words ? { words } : {}) };
}
