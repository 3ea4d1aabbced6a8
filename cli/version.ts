/**
 * The package version, read from the first `package.json` named `onem2m-hsm` found walking up
 * from a module (the same walk as the report's `tool` field: `proofs/schema/tool.ts`).
 * @module
 */
import { toolInfo } from '../proofs/schema/tool.ts';

/** The version of the `onem2m-hsm` package that contains the module at `from` (a file URL). */
export function packageVersion(from: string | URL = import.meta.url): string {
  return toolInfo(from).version;
}
