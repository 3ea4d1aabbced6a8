/**
 * Optional, explorer-specific additions to a {@link Subject}. Every field is optional, so any
 * plain `Subject` is also a `FastSubject`; the fast explorer uses what is declared and falls
 * back to generic (slower, exact) behaviour for the rest.
 * @module
 */
import type { AnyStateMachine, ContextFrom, EventObject } from 'xstate';
import type { ExploreOptions, Subject } from '../types.ts';

/**
 * Packs a machine context into a fixed number of 32-bit words and back.
 *
 * Contract: on every reachable context `c`, `decode(encode(c))` is equal to `c` as JSON (key
 * order included), and two contexts get equal words exactly when their JSON is equal. Used
 * that way, the codec defines state identity (it must then agree with `Subject.key`).
 */
export interface ContextCodec<C = any> {
  /** Words per context. */
  readonly words: number;
  /** Writes `context` into `out[at]..out[at + words - 1]`; throws if it cannot be represented. */
  encode(context: C, out: Uint32Array, at: number): void;
  /** Rebuilds the context stored at `words[at]..`. */
  decode(words: Uint32Array, at: number): C;
  /**
   * Optional: high bits of the last word that `encode` always leaves zero and `decode`
   * ignores; the explorer may keep the state's configuration there instead of in a word of its own.
   */
  readonly spareBits?: number;
  /**
   * Optional: an in-place canonicaliser over encoded words for the given permutable context
   * arrays (see {@link Symmetry.permutable}), or undefined when the codec cannot provide one.
   */
  permuter?(fields: readonly string[]): ((words: Uint32Array, at: number) => void) | undefined;
  /**
   * Optional: the layout of the words, so the explorer can learn transitions' read and write
   * sets over them (without it, every step runs the machine's guards and actions).
   */
  readonly layout?: LayoutNode;
}

/** A leaf's place in the words: word index, bit shift, bit width. */
export interface LeafSlot {
  readonly word: number;
  readonly shift: number;
  readonly width: number;
}

/**
 * Where each part of a packed context lives, as a tree shaped like the context. The explorer
 * uses it to learn which leaves a guard, an action or a property reads (see `learn.ts`).
 * - `leaf`: a primitive; code `c` in its bits stands for `values[c]` (enums) or `min + c` (integers);
 * - `record`, `array`: fixed keys or a fixed number of items;
 * - `const`: the same value in every state (not encoded, never a dependency);
 * - `nullable`: `null` when the bits of `flag` are 0, otherwise the value described by `of`;
 * - `list`: an array whose length is the code in `length`, items laid out as `items[0..max-1]`.
 */
export type LayoutNode =
  | { readonly kind: 'leaf'; readonly slot: LeafSlot; readonly values?: readonly unknown[]; readonly min?: number }
  | { readonly kind: 'record'; readonly fields: Readonly<Record<string, LayoutNode>> }
  | { readonly kind: 'array'; readonly items: readonly LayoutNode[] }
  | { readonly kind: 'const' }
  | { readonly kind: 'nullable'; readonly flag: LeafSlot; readonly of: LayoutNode }
  | { readonly kind: 'list'; readonly length: LeafSlot; readonly items: readonly LayoutNode[] };

/**
 * Interchangeable indices, in one or several independent groups. States equal up to the
 * symmetry (the product of the groups' index permutations, then `canonicalize`) are stored
 * once, as a canonical representative. This is sound only if the symmetry really is one:
 * - permuting the indices of any one group (applied to all of that group's arrays at once)
 *   commutes with every transition: the successor of a permuted state under the permuted
 *   event is the permuted successor. Index-valued payloads of events (a slot number, a
 *   session number) are not rewritten by the explorer; instead the events the subject offers
 *   in a permuted state must be the permuted events it offers in the original one (the set
 *   is closed under the permutation: with `{ type: 'delete', slot: i }` it offers
 *   `{ type: 'delete', slot: π(i) }`), and guards and actions may use a group's indices only
 *   to address that group's arrays (no index is special, indices are not compared);
 * - no invariant, goal, `key` or `describe` distinguishes states of one orbit.
 *
 * The canonical representative sorts each group's index tuples on its own; since the groups
 * act on disjoint arrays, this is exact for the product group: without `canonicalize`, two
 * states are stored once if and only if some permutation per group maps one to the other.
 */
export interface Symmetry<C = any> {
  /**
   * One group: context arrays (top-level keys, all of the same length) whose indices may be
   * permuted together. Same as `groups: [permutable]` (and added to `groups` when both are given).
   */
  readonly permutable?: readonly string[];
  /**
   * Independent groups, each a list of context arrays (top-level keys) whose indices are
   * permuted together, e.g. `[['slots'], ['sessions', 'nonces']]`. Groups must be disjoint
   * (an array in two groups is an error); the arrays of a group have one length, different
   * groups may differ. Fast with a schema codec (word-level) when every group's arrays are
   * top-level arrays of leaves whose tuple fits in 24 bits; otherwise every group is sorted
   * on the context (tuples compared as JSON) before encoding.
   */
  readonly groups?: readonly (readonly string[])[];
  /**
   * A canonical representative of the context's orbit; must not mutate its argument. Applied
   * before the groups' sorting (so it may canonicalise what the groups cannot express).
   */
  readonly canonicalize?: (context: C) => C;
}

/**
 * Where a worker thread can rebuild the same subject: `(await import(module))[exportName]`,
 * called with `args` when they are given. It must rebuild exactly this subject (a subject made
 * by spreading another one must override `source`); the main thread spot-checks workers'
 * results and stops with an error when they differ.
 */
export interface SubjectSource {
  /** Module URL or absolute path. */
  readonly module: string;
  /** Name of the exported factory function (or of the subject itself when `args` is absent). */
  readonly exportName: string;
  /** JSON-serialisable arguments of the factory. */
  readonly args?: readonly unknown[];
}

/** A {@link Subject} with optional hints for the fast explorer. */
export interface FastSubject<M extends AnyStateMachine = AnyStateMachine, E extends EventObject = EventObject> extends Subject<M, E> {
  /** Packs contexts into words (default: contexts interned by their JSON). */
  readonly codec?: ContextCodec<ContextFrom<M>>;
  /** Interchangeable indices (default: none). */
  readonly symmetry?: Symmetry<ContextFrom<M>>;
  /** Lets worker threads rebuild the subject, so successors can be computed on several cores. */
  readonly source?: SubjectSource;
}

/** Options of the fast explorer. */
export interface FastExploreOptions extends ExploreOptions {
  /** Apply `subject.symmetry` (default true when the subject declares one). */
  readonly symmetry?: boolean;
  /**
   * Worker threads to use besides the main thread (default 0). Needs `subject.source` and a
   * codec; the main thread explores alone until they have booted, unless `awaitWorkers`.
   */
  readonly workers?: number;
  /** Wait for the workers to boot before exploring (default false). */
  readonly awaitWorkers?: boolean;
  /** Check `decode(encode(c))` against `c` on a sample of new states (default true). */
  readonly verifyCodec?: boolean;
  /**
   * Learn steps over the packed words (default true; needs a codec with a `layout`): see
   * `learn.ts`. Off, every step runs the machine's guards and actions on decoded contexts.
   */
  readonly learn?: boolean;
  /**
   * Record the explored graph (every event that fires, self-loops included) for liveness
   * checks (default false; runs on the main thread alone).
   */
  readonly graph?: boolean;
  /** How many learned successors to check against the machine's own step: a sample (default), all, or none. */
  readonly learnCheck?: 'sample' | 'all' | 'none';
}

/** What the fast explorer adds to an exploration result. */
export interface FastStats {
  /** Bytes held by the state store, hash table and parent links at the end. */
  readonly bytes: number;
  /** Words per stored state. */
  readonly wordsPerState: number;
  /** Distinct state configurations (state values) met. */
  readonly configurations: number;
  /** True when states were stored up to the subject's symmetry. */
  readonly symmetry: boolean;
  /** Worker threads that computed successors (0: the main thread alone did everything). */
  readonly workers: number;
  /**
   * Main thread: successors computed by learned effects and by running the machine's actions,
   * learned successors checked against the machine's own step, and tracked runs (tree misses).
   */
  readonly learned: { readonly steps: number; readonly generic: number; readonly checked: number; readonly runs: number };
}
