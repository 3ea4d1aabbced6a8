/**
 * The visited set: states as fixed-width rows of 32-bit words in one growable `Uint32Array`
 * (row numbers are discovery order, i.e. state IDs), indexed by an open-addressing (linear
 * probing) hash table kept at most 70 % full. Each table entry is a copy of the row (nothing
 * else: the search only asks whether a row is new), so a lookup touches one place in memory.
 * @module
 */

/** murmur3-style hash of `w` words at `a[at]`. */
export function hashWords(a: Uint32Array, at: number, w: number): number {
  if (w === 1) return mix32(a[at]! ^ 0x9747b28c);
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

/** murmur3's finaliser: a bijective mix of one word. */
export function mix32(x: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** True when rows `a[i..i+w)` and `b[j..j+w)` are equal. */
export function equalWords(a: Uint32Array, i: number, b: Uint32Array, j: number, w: number): boolean {
  for (let k = 0; k < w; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}

/** Largest fill of the hash table before it doubles (linear probing stays short up to here). */
const MAX_LOAD = 0.7;
/** First word of an empty table entry; rows starting with it are kept aside. */
const EMPTY = 0xffffffff;

/** A set of fixed-width word rows with stable row numbers. */
export class StateSet {
  /** Row storage; `count * words` words are in use (may be reallocated on insert). */
  store: Uint32Array;
  /** Rows stored. */
  count = 0;
  /** Entries of `words` words, a copy of the row, then its row number when `ids`; first word {@link EMPTY} = free. */
  private table: Uint32Array;
  private mask: number;
  private limit: number;
  /** Words per table entry. */
  private readonly entry: number;
  /** Rows whose first word is {@link EMPTY} (cannot sit in the table): row number by their words. */
  private readonly aside = new Map<string, number>();

  /**
   * @param words words per row
   * @param capacity rows to make room for at first
   * @param ids keep each row's number in the table, so {@link insert} can tell which row an old one is
   */
  constructor(
    readonly words: number,
    capacity = 1 << 12,
    readonly ids = false,
  ) {
    this.entry = words + (ids ? 1 : 0);
    this.store = new Uint32Array(Math.max(1, capacity * words));
    const size = 2 ** Math.ceil(Math.log2(capacity / MAX_LOAD));
    this.table = new Uint32Array(size * this.entry).fill(EMPTY);
    this.mask = size - 1;
    this.limit = Math.floor(size * MAX_LOAD);
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
    const e = this.entry;
    const table = this.table;
    const mask = this.mask;
    let sink = 0;
    for (let i = 0; i < n; i++) sink ^= table[(hashes[i]! & mask) * e]!;
    return sink;
  }

  /**
   * Inserts row `src[at..]` (whose {@link hashWords} is `hash`): returns its new row number,
   * or, if it was already present, `~row` when the set keeps {@link ids} and -1 otherwise.
   */
  insert(src: Uint32Array, at: number, hash = hashWords(src, at, this.words)): number {
    const w = this.words;
    const e = this.entry;
    const first = src[at]!;
    if (first === EMPTY) return this.insertAside(src, at);
    const table = this.table;
    let p = (hash & this.mask) * e;
    const end = table.length;
    for (;;) {
      const x = table[p]!;
      if (x === EMPTY) break;
      if (x === first && equalWords(table, p, src, at, w)) return this.ids ? ~table[p + w]! : -1;
      p += e;
      if (p === end) p = 0;
    }
    for (let i = 0; i < w; i++) table[p + i] = src[at + i]!;
    if (this.ids) table[p + w] = this.count;
    const row = this.append(src, at);
    if (this.count > this.limit) this.growTable();
    return row;
  }

  private insertAside(src: Uint32Array, at: number): number {
    const key = Array.from(src.subarray(at, at + this.words)).join(',');
    const old = this.aside.get(key);
    if (old !== undefined) return this.ids ? ~old : -1;
    this.aside.set(key, this.count);
    return this.append(src, at);
  }

  private append(src: Uint32Array, at: number): number {
    const w = this.words;
    const row = this.count;
    if ((row + 1) * w > this.store.length) this.growStore();
    const store = this.store;
    const to = row * w;
    for (let i = 0; i < w; i++) store[to + i] = src[at + i]!;
    this.count = row + 1;
    return row;
  }

  private growStore(): void {
    const next = new Uint32Array(this.store.length * 2);
    next.set(this.store);
    this.store = next;
  }

  /**
   * Doubles the table, walking the old one in slot order: an entry at slot `i` lands near `i`
   * or `i + size`, so both the reads and the writes stream through memory.
   */
  private growTable(): void {
    const w = this.words;
    const e = this.entry;
    const old = this.table;
    const size = (this.mask + 1) * 2;
    const table = new Uint32Array(size * e).fill(EMPTY);
    const mask = size - 1;
    const end = table.length;
    for (let p0 = 0; p0 < old.length; p0 += e) {
      if (old[p0] === EMPTY) continue;
      let p = (hashWords(old, p0, w) & mask) * e;
      while (table[p] !== EMPTY) {
        p += e;
        if (p === end) p = 0;
      }
      if (e === 1) table[p] = old[p0]!;
      else table.set(old.subarray(p0, p0 + e), p);
    }
    this.table = table;
    this.mask = mask;
    this.limit = Math.floor(size * MAX_LOAD);
  }
}
