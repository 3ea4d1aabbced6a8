/**
 * The input gate for caller bytes. A value counts as bytes only if it is a genuine
 * `Uint8Array` (Buffers included, from any realm): its `[[TypedArrayName]]` internal slot, read
 * through the intrinsic `%TypedArray%.prototype[@@toStringTag]` getter, is `Uint8Array`.
 * Prototype-swapped objects, Proxies around typed arrays, DataViews and other typed arrays do
 * not count. Its length is read from the internal slot (the intrinsic `byteLength` getter),
 * never from the object's own `length`/`byteLength` properties, and it is copied into a private
 * `Uint8Array` before any further check or use, so later changes by the caller (or a detached,
 * shrunk or shared buffer) cannot reach the HSM. Every command that takes bytes goes through
 * `takeBytes`; nothing here runs caller code.
 *
 * Errors: none (callers refuse a null answer with their own MALFORMED message).
 * @module
 */

const TYPED_ARRAY_PROTO = Object.getPrototypeOf(Uint8Array.prototype) as object;

function intrinsicGetter<T>(key: PropertyKey): (this: unknown) => T {
  const get = Reflect.getOwnPropertyDescriptor(TYPED_ARRAY_PROTO, key)?.get;
  if (!get) throw new Error(`internal error: %TypedArray%.prototype has no ${String(key)} getter`);
  return get as (this: unknown) => T;
}

const typedArrayName = intrinsicGetter<string | undefined>(Symbol.toStringTag);
const byteLengthSlot = intrinsicGetter<number>('byteLength');
const setBytes = Uint8Array.prototype.set;

/** The byte length of a genuine `Uint8Array` from its internal slot, or -1 for anything else. */
export function genuineByteLength(x: unknown): number {
  if (typeof x !== 'object' || x === null || !ArrayBuffer.isView(x)) return -1;
  let name: string | undefined;
  try {
    name = Reflect.apply(typedArrayName, x, []);
  } catch {
    return -1;
  }
  if (name !== 'Uint8Array') return -1;
  return Reflect.apply(byteLengthSlot, x, []);
}

/**
 * A private copy of the caller's bytes: null unless `x` is a genuine `Uint8Array` of at most
 * `max` bytes (by its internal slot, checked before copying so no oversized input is copied)
 * whose buffer is readable (not detached, not shrunk out of bounds).
 */
export function takeBytes(x: unknown, max: number): Uint8Array | null {
  const n = genuineByteLength(x);
  if (n < 0 || n > max) return null;
  const copy = new Uint8Array(n);
  try {
    Reflect.apply(setBytes, copy, [x]);
  } catch {
    return null;
  }
  return copy;
}
