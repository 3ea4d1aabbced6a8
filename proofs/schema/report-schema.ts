/**
 * The JSON Schema (draft 2020-12) of the `verify --json` report, kept as
 * `proofs/schema/verify-report.schema.json` and documented field by field in docs/REPORT.md,
 * with a validator that checks a report against it (ajv, compiled once).
 * @module
 */
import schema from './verify-report.schema.json' with { type: 'json' };
import { schemaViolations, type Schema } from './ajv.ts';

/** The report schema; its `$id` is `REPORT_SCHEMA_ID` (proofs/report.ts). */
export const REPORT_SCHEMA: Schema = schema;

/** The schema file, relative to the repository root. */
export const REPORT_SCHEMA_PATH = 'proofs/schema/verify-report.schema.json';

/** Violations of the report schema by `x` (empty when `x` is a valid report), at most `max`. */
export function validateReport(x: unknown, max = 20): string[] {
  return schemaViolations(REPORT_SCHEMA, x, max);
}
