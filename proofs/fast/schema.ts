/**
 * Declarative context schemas for {@link schemaCodec}: a context is a record of enums, bounded
 * integers, fixed-length arrays, nested records, nullable parts, bounded-length lists and
 * constants, laid out as bit fields in 32-bit words.
 * @module
 */

/** A JSON primitive an enum may take. */
export type Primitive = string | number | boolean | null;

/** A schema node. */
export type Field =
  | { readonly kind: 'enum'; readonly values: readonly Primitive[] }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'array'; readonly length: number; readonly of: Field }
  | { readonly kind: 'record'; readonly fields: Readonly<Record<string, Field>> }
  | { readonly kind: 'const'; readonly value: unknown }
  | { readonly kind: 'nullable'; readonly of: Field }
  | { readonly kind: 'list'; readonly max: number; readonly of: Field };

/** One of the given values (compared with `===`). */
export function oneOf(...values: readonly Primitive[]): Field {
  if (values.length === 0 || new Set(values).size !== values.length) throw new Error('oneOf needs distinct values');
  return { kind: 'enum', values };
}

/** `false` or `true`. */
export function bool(): Field {
  return oneOf(false, true);
}

/** An integer in `[min, max]` (at most 2^32 values). */
export function int(min: number, max: number): Field {
  if (!Number.isInteger(min) || !Number.isInteger(max) || max < min || max - min > 0xffffffff) {
    throw new Error(`int(${min}, ${max}): bad range`);
  }
  return { kind: 'int', min, max };
}

/** An array of exactly `length` items. */
export function arrayOf(length: number, of: Field): Field {
  return { kind: 'array', length, of };
}

/** A record with exactly these keys, in this order (the order must match the context's). */
export function record(fields: Readonly<Record<string, Field>>): Field {
  return { kind: 'record', fields };
}

/**
 * The same value in every context: takes no bits. Encoding checks the field is `===` to
 * `value`; decoding returns `value` itself (object identity preserved).
 */
export function constant(value: unknown): Field {
  return { kind: 'const', value };
}

/** `null` or a value of `of`: one presence bit (1 = present) plus the bits of `of`. */
export function nullable(of: Field): Field {
  return { kind: 'nullable', of };
}

/**
 * An array of 0 to `max` items of `of`: a length field plus `max` item layouts (items past the
 * length take all-zero bits).
 */
export function list(max: number, of: Field): Field {
  if (!Number.isInteger(max) || max < 0) throw new Error(`list(${max}): bad maximum length`);
  return { kind: 'list', max, of };
}

/** Bits needed for `n` distinct values. */
export function bitsFor(n: number): number {
  return n <= 1 ? 0 : Math.ceil(Math.log2(n));
}

/** A leaf's place in the words: word index, bit shift, bit width. */
export interface Slot {
  readonly word: number;
  readonly shift: number;
  readonly width: number;
}

/** Assigns bit slots to leaves in order; a leaf never straddles two words. */
export class Layout {
  words = 0;
  private used = 32;

  /** Bits of the last word never taken. */
  get spare(): number {
    return this.words ? 32 - this.used : 0;
  }

  /** Reserves `width` bits. */
  take(width: number): Slot {
    if (width === 0) return { word: Math.max(0, this.words - 1), shift: 0, width };
    if (this.used + width > 32) {
      this.words++;
      this.used = 0;
    }
    const s = { word: this.words - 1, shift: this.used, width };
    this.used += width;
    return s;
  }
}
