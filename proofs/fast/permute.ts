/**
 * Word-level canonicalisation for permutable arrays of a schema codec: the per-index tuples of
 * the permuted arrays are read as integer keys, sorted (counting sort for narrow keys), and
 * written back, so all index permutations of a state encode to the same words.
 * @module
 */
import type { Slot } from './schema.ts';
import type { Symmetry } from './types.ts';

/** Bit slots of each top-level array of leaves, by array name, in index order. */
export type PermSlots = ReadonlyMap<string, readonly Slot[]>;

/**
 * An in-place canonicaliser of encoded words for arrays `names` permuted together (one group
 * of a {@link Symmetry}), or undefined when one of them is not a top-level array of leaves or
 * a tuple is wider than 24 bits. Throws when the arrays differ in length.
 */
export function permuterFor(slots: PermSlots, names: readonly string[]): ((w: Uint32Array, at: number) => void) | undefined {
  const fields = names.map((n) => slots.get(n));
  if (fields.length === 0 || fields.some((f) => f === undefined)) return undefined;
  const len = fields[0]!.length;
  const odd = fields.findIndex((f) => f!.length !== len);
  if (odd >= 0) {
    throw new Error(`symmetry: arrays of one group must have one length, but '${names[0]}' has ${len} items and '${names[odd]}' has ${fields[odd]!.length}`);
  }
  const per = fields.map((f) => f![0]?.width ?? 0);
  const bits = per.reduce((a, b) => a + b, 0);
  if (bits > 24) return undefined;
  if (bits === 0 || len < 2) return () => {};
  if (fields.length === 1 && bits <= 8) return countingPermuter(fields[0]!);
  const k = fields.length;
  const word = new Int32Array(k * len);
  const shift = new Int32Array(k * len);
  const mask = new Int32Array(k * len);
  for (const [j, f] of fields.entries()) {
    for (const [i, s] of f!.entries()) {
      word[i * k + j] = s.word;
      shift[i * k + j] = s.shift;
      mask[i * k + j] = 2 ** s.width - 1;
    }
  }
  const keys = new Int32Array(len);
  const counts = bits <= 10 ? new Int32Array(1 << bits) : null;
  return (w, at) => {
    for (let i = 0; i < len; i++) {
      let key = 0;
      for (let j = 0; j < k; j++) {
        const x = i * k + j;
        key = (key << per[j]!) | ((w[at + word[x]!]! >>> shift[x]!) & mask[x]!);
      }
      keys[i] = key;
    }
    if (counts) {
      counts.fill(0);
      for (let i = 0; i < len; i++) counts[keys[i]!]!++;
      let i = 0;
      for (let v = 0; v < counts.length; v++) for (let c = counts[v]!; c > 0; c--) keys[i++] = v;
    } else keys.sort();
    for (let i = 0; i < len; i++) {
      let key = keys[i]!;
      for (let j = k - 1; j >= 0; j--) {
        const x = i * k + j;
        const m = mask[x]!;
        const at2 = at + word[x]!;
        w[at2] = (w[at2]! & ~(m << shift[x]!)) | ((key & m) << shift[x]!);
        key >>>= per[j]!;
      }
    }
  };
}

/**
 * The common case, one array of narrow leaves, generated as straight-line code: count the
 * codes, clear the array's bits, and write the codes back in ascending order.
 */
function countingPermuter(slots: readonly Slot[]): (w: Uint32Array, at: number) => void {
  const words = [...new Set(slots.map((s) => s.word))].sort((a, b) => a - b);
  const clear = new Map<number, number>(words.map((x) => [x, 0xffffffff]));
  for (const s of slots) clear.set(s.word, (clear.get(s.word)! & ~(((2 ** s.width - 1) << s.shift) >>> 0)) >>> 0);
  const mask = 2 ** slots[0]!.width - 1;
  const body = [
    'const c = counts; c.fill(0);',
    ...words.map((x) => `const w${x} = w[at + ${x}]; let n${x} = w${x} & ${clear.get(x)};`),
    ...slots.map((s) => `c[(w${s.word} >>> ${s.shift}) & ${mask}]++;`),
    'let v = 0; let left = c[0];',
    ...slots.map((s) => `while (left === 0) left = c[++v]; left--; n${s.word} |= v << ${s.shift};`),
    ...words.map((x) => `w[at + ${x}] = n${x};`),
  ];
  return new Function('counts', `return function permute(w, at) { ${body.join('\n')} };`)(new Int32Array(mask + 1));
}
