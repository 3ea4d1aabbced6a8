/**
 * The visited set: states as fixed-width rows of 32-bit words in one growable `Uint32Array`
 * (row numbers are discovery order, i.e. state IDs), indexed by an open-addressing (linear
 * probing) hash table kept at most half full. Each table entry holds the row number + 1 and a
 * copy of the row, so a lookup touches one place in memory.
 * @module
 */

/** murmur3-style hash of `w` words at `a[at]`. */
export function hashWords(a: Uint32Array, at: number, w: number): number {
  let h = 0x9747b28c ^ w;
  for (let i = 0; i < w; i++) {
    let k = Math.imul(a[at + i]!, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** True when rows `a[i..i+w)` and `b[j..j+w)` are equal. */
export function equalWords(a: Uint32Array, i: number, b: Uint32Array, j: number, w: number): boolean {
  for (let k = 0; k < w; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}

/** A set of fixed-width word rows with stable row numbers. */
export class StateSet {
  /** Row storage; `count * words` words are in use (may be reallocated on insert). */
  store: Uint32Array;
  /** Rows stored. */
  count = 0;
  /** Entries of `words + 1` words: row + 1 (0 = empty), then the row. */
  private table: Uint32Array;
  private mask: number;

  constructor(
    readonly words: number,
    capacity = 1 << 12,
  ) {
    this.store = new Uint32Array(Math.max(1, capacity * words));
    this.table = new Uint32Array(capacity * 2 * (words + 1));
    this.mask = capacity * 2 - 1;
  }

  /** Bytes held by the store and the table. */
  get bytes(): number {
    return this.store.byteLength + this.table.byteLength;
  }

  /**
   * Reads the table entry where each of `n` hashes starts probing, so that the inserts that
   * follow find them in cache (the loads of a batch overlap instead of stalling one by one).
   */
  prefetch(hashes: Int32Array, n: number): number {
    const e = this.words + 1;
    const table = this.table;
    const mask = this.mask;
    let sink = 0;
    for (let i = 0; i < n; i++) sink ^= table[(hashes[i]! & mask) * e]!;
    return sink;
  }

  /**
   * Inserts row `src[at..]` (whose {@link hashWords} is `hash`): returns its new row number,
   * or `~row` if it was already present.
   */
  insert(src: Uint32Array, at: number, hash = hashWords(src, at, this.words)): number {
    const w = this.words;
    const e = w + 1;
    const table = this.table;
    let slot = hash & this.mask;
    for (;;) {
      const p = slot * e;
      const id = table[p]!;
      if (id === 0) break;
      if (equalWords(table, p + 1, src, at, w)) return ~(id - 1);
      slot = (slot + 1) & this.mask;
    }
    const row = this.count;
    if ((row + 1) * w > this.store.length) this.growStore();
    this.store.set(src.subarray(at, at + w), row * w);
    table[slot * e] = row + 1;
    table.set(src.subarray(at, at + w), slot * e + 1);
    this.count = row + 1;
    if (this.count * 2 > this.mask + 1) this.growTable();
    return row;
  }

  private growStore(): void {
    const next = new Uint32Array(this.store.length * 2);
    next.set(this.store);
    this.store = next;
  }

  /** Doubles the table, walking the old one in slot order (so writes stream through the new one). */
  private growTable(): void {
    const old = this.table;
    const oldSize = this.mask + 1;
    const size = oldSize * 2;
    const w = this.words;
    const e = w + 1;
    const table = new Uint32Array(size * e);
    const mask = size - 1;
    for (let s = 0; s < oldSize; s++) {
      const p = s * e;
      if (old[p] === 0) continue;
      let slot = hashWords(old, p + 1, w) & mask;
      while (table[slot * e] !== 0) slot = (slot + 1) & mask;
      table.set(old.subarray(p, p + e), slot * e);
    }
    this.table = table;
    this.mask = mask;
  }
}
