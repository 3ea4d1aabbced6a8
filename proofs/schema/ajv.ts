/**
 * JSON Schema (draft 2020-12) validation with ajv: each schema object is compiled once and the
 * compiled validator cached; violations come back as readable strings (`/path: message`).
 * @module
 */
import { Ajv2020, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/** A JSON Schema document (draft 2020-12). */
export type Schema = AnySchemaObject;

const compiled = new WeakMap<Schema, ValidateFunction>();

/**
 * The compiled validator of `schema`, compiled on first use. Each schema gets its own ajv
 * instance, so schemas that share an `$id` (e.g. a test's edited copy) never collide.
 */
export function compiledSchema(schema: Schema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = new Ajv2020({ allErrors: true, strictSchema: true, strictNumbers: true, strictTypes: true, strictTuples: true, strictRequired: false }).compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** Validates `value` against `schema`; returns the violations (empty when valid), at most `max`. */
export function schemaViolations(schema: Schema, value: unknown, max = 20): string[] {
  const v = compiledSchema(schema);
  if (v(value)) return [];
  return (v.errors ?? []).slice(0, max).map(describeError);
}

/** One ajv error as `/instance/path: message (detail)`. */
export function describeError(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  const detail =
    'additionalProperty' in p
      ? ` '${String(p.additionalProperty)}'`
      : 'allowedValues' in p
        ? ` ${JSON.stringify(p.allowedValues)}`
        : 'allowedValue' in p
          ? ` ${JSON.stringify(p.allowedValue)}`
          : '';
  return `${e.instancePath || '/'}: ${e.message ?? e.keyword}${detail}`;
}
