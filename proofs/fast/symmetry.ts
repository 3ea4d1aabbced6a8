/**
 * Resolves a subject's declared {@link Symmetry} into canonicalisers: a context-level one
 * (`canonicalize`, then a generic sort of each group's index tuples) and, when the codec can
 * provide one for every group, a faster word-level one over encoded contexts. The groups act
 * on disjoint arrays, so sorting each group's tuples on its own gives the canonical
 * representative of the product of the groups' permutation groups.
 * @module
 */
import type { ContextCodec, Symmetry } from './types.ts';

/** Canonicalisers for one exploration; both absent when there is no symmetry to apply. */
export interface Canonicalisers {
  readonly context?: (context: any) => any;
  readonly words?: (w: Uint32Array, at: number) => void;
}

/** An in-place canonicaliser of encoded words. */
type WordPermuter = (w: Uint32Array, at: number) => void;

/**
 * The declared groups of `symmetry` (`permutable` first, then `groups`), empty groups
 * dropped; throws when a name is not a string or an array is listed twice (in one group or
 * in two groups).
 */
export function symmetryGroups(symmetry: Symmetry): readonly (readonly string[])[] {
  const declared = [...(symmetry.permutable ? [symmetry.permutable] : []), ...(symmetry.groups ?? [])];
  const groups = declared.filter((g) => g.length > 0);
  const owner = new Map<string, number>();
  for (const [i, group] of groups.entries()) {
    for (const name of group) {
      if (typeof name !== 'string') throw new Error(`symmetry: group ${i} names a context array by ${JSON.stringify(name)}, not a string`);
      const j = owner.get(name);
      if (j === i) throw new Error(`symmetry: context array '${name}' is listed twice in group ${i} [${group.join(', ')}]`);
      if (j !== undefined) {
        throw new Error(
          `symmetry: groups must be disjoint, but context array '${name}' is in group ${j} [${groups[j]!.join(', ')}] and group ${i} [${group.join(', ')}]`,
        );
      }
      owner.set(name, i);
    }
  }
  return groups;
}

/** The arrays `names` of `ctx`, all of one length; throws when one is missing or lengths differ. */
function groupArrays(ctx: Record<string, unknown>, names: readonly string[]): unknown[][] {
  const arrays = names.map((n) => {
    const a = ctx[n];
    if (!Array.isArray(a)) throw new Error(`symmetry: the context has no array '${n}' (found ${JSON.stringify(a) ?? 'undefined'})`);
    return a as unknown[];
  });
  const len = arrays[0]!.length;
  const odd = arrays.findIndex((a) => a.length !== len);
  if (odd >= 0) {
    throw new Error(`symmetry: arrays of one group must have one length, but '${names[0]}' has ${len} items and '${names[odd]}' has ${arrays[odd]!.length}`);
  }
  return arrays;
}

/** Writes into `out` the arrays `names` of `ctx` with their index tuples sorted (compared as JSON). */
function sortGroup(ctx: Record<string, unknown>, names: readonly string[], out: Record<string, unknown>): void {
  const arrays = groupArrays(ctx, names);
  const len = arrays[0]!.length;
  if (len < 2) return;
  const keys = Array.from({ length: len }, (_, i) => JSON.stringify(arrays.map((a) => a[i])));
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  for (const [j, n] of names.entries()) out[n] = order.map((i) => arrays[j]![i]);
}

/**
 * Sorts the index tuples of each group of context arrays on its own (compared as JSON),
 * keeping the context's key order; does not mutate its argument. Throws when a named array
 * is missing or a group's arrays differ in length.
 */
export function permutableGroups(groups: readonly (readonly string[])[]): (context: any) => any {
  return (ctx: Record<string, unknown>) => {
    const out = { ...ctx };
    for (const names of groups) sortGroup(ctx, names, out);
    return out;
  };
}

/** Sorts the index tuples of context arrays `names` (compared as JSON), keeping the context's key order. */
export function permutableArrays(names: readonly string[]): (context: any) => any {
  return permutableGroups(names.length ? [names] : []);
}

/** One word-level canonicaliser for all `groups`, or undefined unless the codec gives one for each group. */
function wordPermuter(groups: readonly (readonly string[])[], codec: ContextCodec | undefined): WordPermuter | undefined {
  if (!groups.length || !codec?.permuter) return undefined;
  const parts: WordPermuter[] = [];
  for (const g of groups) {
    const p = codec.permuter(g);
    if (!p) return undefined;
    parts.push(p);
  }
  if (parts.length === 1) return parts[0];
  return (w, at) => {
    for (const p of parts) p(w, at);
  };
}

/**
 * The canonicalisers for `symmetry` with `codec`: the codec's word-level permuters (one per
 * group, composed) when it has one for every group, otherwise the context-level sort of every
 * group; a `canonicalize` function runs on the context first. Throws on a bad declaration
 * (see {@link symmetryGroups}); missing arrays and unequal lengths are reported by the codec's
 * permuter or, on the context level, at the first state encoded.
 */
export function canonicalisers(symmetry: Symmetry | undefined, codec: ContextCodec | undefined): Canonicalisers {
  if (!symmetry) return {};
  const groups = symmetryGroups(symmetry);
  const words = wordPermuter(groups, codec);
  const byGroups = groups.length && !words ? permutableGroups(groups) : undefined;
  const custom = symmetry.canonicalize;
  const context = custom && byGroups ? (c: unknown) => byGroups(custom(c)) : (custom ?? byGroups);
  return { ...(context ? { context } : {}), ...(words ? { words } : {}) };
}
