/**
 * The tester's probe: reads every byte an implementation object exposes to code outside its
 * backend — every own property (enumerable or not, symbol-keyed too), array element, Map and
 * Set entry, typed array and buffer reachable from it — and reports any `KeyObject` or
 * `CryptoKey` it reaches, exporting its bytes as an attacker would (`KeyObject.export()`).
 * Private (#) fields and closure variables are not reachable: that is the boundary under test.
 * @module
 */
import { KeyObject } from 'node:crypto';

/** What a probe read. */
export interface ProbeResult {
  /** Everything read, as text (strings as they are, bytes as latin1). */
  readonly texts: readonly string[];
  /** Key objects reached (each one a failure of the boundary). */
  readonly keyObjects: readonly string[];
  /** Objects visited. */
  readonly objects: number;
}

/** Reads everything reachable from `roots`, visiting at most `limit` objects. */
export function probeReachable(roots: readonly unknown[], limit = 200_000): ProbeResult {
  const texts: string[] = [];
  const keyObjects: string[] = [];
  const seen = new Set<unknown>();
  const stack: { v: unknown; path: string }[] = roots.map((v, i) => ({ v, path: `root${i}` }));
  while (stack.length > 0 && seen.size < limit) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.length >= 16) texts.push(v);
      continue;
    }
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v)) continue;
    seen.add(v);
    if (v instanceof KeyObject || (typeof CryptoKey !== 'undefined' && v instanceof CryptoKey)) {
      keyObjects.push(path);
      const k = v instanceof KeyObject ? v : KeyObject.from(v as CryptoKey);
      try {
        texts.push(k.type === 'secret' ? k.export().toString('latin1') : JSON.stringify(k.export({ format: 'jwk' })));
      } catch {
        /* not exportable */
      }
      continue;
    }
    if (ArrayBuffer.isView(v)) {
      texts.push(Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1'));
      continue;
    }
    if (v instanceof ArrayBuffer) {
      texts.push(Buffer.from(v).toString('latin1'));
      continue;
    }
    if (typeof v === 'function') continue;
    if (v instanceof Map) for (const [a, b] of v) stack.push({ v: a, path: `${path}.key` }, { v: b, path: `${path}.get` });
    if (v instanceof Set) for (const a of v) stack.push({ v: a, path: `${path}.has` });
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d && 'value' in d) stack.push({ v: d.value, path: `${path}.${String(key)}` });
    }
  }
  return { texts, keyObjects, objects: seen.size };
}
