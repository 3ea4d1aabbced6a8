/**
 * The leak scanner: knows the bytes of every key a test supplied, and scans every output,
 * error, log line and report for them — raw, hex (lower, upper, and Buffer's spaced form),
 * base64 and base64url (at every byte alignment, so a key inside a larger encoded blob is
 * found too) and decimal lists (as JSON arrays or inspected typed arrays print them). Byte
 * arrays, strings, errors and objects (walked structurally) are all scanned.
 * @module
 */

/** One finding: which key, in which encoding, where. */
export interface LeakHit {
  readonly key: string;
  readonly encoding: string;
  readonly where: string;
}

interface Pattern {
  readonly text: string;
  readonly key: string;
  readonly encoding: string;
  readonly legit: boolean;
}

const WINDOW = 16;
const BASE = 0x01000193;
/** BASE^(WINDOW-1) mod 2^32, to remove the outgoing character of the rolling hash. */
const TOP = (() => {
  let t = 1;
  for (let i = 1; i < WINDOW; i++) t = Math.imul(t, BASE);
  return t;
})();

/** Polynomial hash of `text[from, from + WINDOW)`, mod 2^32. */
function windowHash(text: string, from: number): number {
  let h = 0;
  for (let i = from; i < from + WINDOW; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}

/** Every text form of `bytes` the scanner looks for. */
export function encodingsOf(bytes: Uint8Array): { encoding: string; text: string }[] {
  const b = Buffer.from(bytes);
  const hex = b.toString('hex');
  const out = [
    { encoding: 'raw', text: b.toString('latin1') },
    { encoding: 'hex', text: hex },
    { encoding: 'HEX', text: hex.toUpperCase() },
    { encoding: 'hex-spaced', text: hex.match(/../g)!.join(' ') },
    { encoding: 'decimal', text: [...b].join(',') },
  ];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), b]);
    const skip = [0, 2, 3][shift]!;
    const full = Math.floor(padded.length / 3) * 4;
    const b64 = padded.toString('base64').slice(skip, full);
    out.push({ encoding: `base64@${shift}`, text: b64 }, { encoding: `base64url@${shift}`, text: b64.replace(/\+/g, '-').replace(/\//g, '_') });
  }
  return out;
}

/** Scans texts for the known keys. */
export class LeakScanner {
  readonly #index = new Map<number, Pattern[]>();
  readonly #hits: LeakHit[] = [];
  #texts = 0;
  #chars = 0;
  #keys = 0;
  #legitMatches = 0;

  /** Registers a key's bytes under a label; `legit` marks a legitimately provisioned key. */
  addKey(label: string, bytes: Uint8Array, legit = true): void {
    this.#keys++;
    for (const { encoding, text } of encodingsOf(bytes)) {
      const w = windowHash(text, 0);
      const list = this.#index.get(w) ?? [];
      list.push({ text, key: label, encoding, legit });
      this.#index.set(w, list);
    }
  }

  /** Every hit so far. */
  get hits(): readonly LeakHit[] {
    return this.#hits;
  }

  /** Hits on legitimate keys so far. */
  get legitHits(): number {
    return this.#hits.filter((h) => h.key.startsWith('legit:')).length;
  }

  /** Occurrences of legitimate keys found so far, repeats included (a hit is recorded once; this counts every time). */
  get legitMatches(): number {
    return this.#legitMatches;
  }

  /** How much was scanned. */
  get stats(): { readonly keys: number; readonly texts: number; readonly chars: number; readonly hits: number } {
    return { keys: this.#keys, texts: this.#texts, chars: this.#chars, hits: this.#hits.length };
  }

  /** Scans a value of any kind produced at `where`; returns the new hits. */
  scan(where: string, value: unknown): LeakHit[] {
    const before = this.#hits.length;
    const seen = new Set<object>();
    const walk = (v: unknown, depth: number): void => {
      if (typeof v === 'string') {
        this.scanText(where, v);
        return;
      }
      if (v instanceof Uint8Array || v instanceof ArrayBuffer) {
        const bytes = v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : Buffer.from(v);
        this.scanText(where, bytes.toString('latin1'));
        return;
      }
      if (typeof v !== 'object' || v === null || seen.has(v) || depth > 12) return;
      seen.add(v);
      if (v instanceof Error) this.scanText(where, `${String(v)}\n${v.stack ?? ''}`);
      if (v instanceof Map || v instanceof Set) for (const x of v) walk(x, depth + 1);
      for (const k of Reflect.ownKeys(v)) {
        const d = Object.getOwnPropertyDescriptor(v, k);
        if (d && 'value' in d) walk(d.value, depth + 1);
      }
    };
    walk(value, 0);
    if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
      try {
        this.scanText(where, JSON.stringify(value) ?? '');
      } catch {
        /* not JSON-serialisable: its parts were walked */
      }
    }
    return this.#hits.slice(before);
  }

  /** Scans one text (and its whitespace-free form, for decimal lists split over lines). */
  scanText(where: string, text: string): void {
    this.#texts++;
    this.#chars += text.length;
    this.#scan(where, text);
    if (/\d,\s/.test(text)) this.#scan(where, text.replace(/\s+/g, ''));
  }

  #scan(where: string, text: string): void {
    if (this.#index.size === 0 || text.length < WINDOW) return;
    let h = windowHash(text, 0);
    for (let i = 0; ; i++) {
      const list = this.#index.get(h);
      if (list) this.#match(where, text, i, list);
      if (i + WINDOW >= text.length) return;
      h = (Math.imul(h - Math.imul(text.charCodeAt(i), TOP), BASE) + text.charCodeAt(i + WINDOW)) | 0;
    }
  }

  #match(where: string, text: string, i: number, list: readonly Pattern[]): void {
    for (const p of list) {
      if (!text.startsWith(p.text, i)) continue;
      if (p.key.startsWith('legit:')) this.#legitMatches++;
      if (!this.#hits.some((h) => h.key === p.key && h.where === where && h.encoding === p.encoding))
        this.#hits.push({ key: p.key, encoding: p.encoding, where });
    }
  }
}
