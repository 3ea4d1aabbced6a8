/**
 * The tool that writes a report: the name and version of the `onem2m-hsm` package, read from
 * the first `package.json` named `onem2m-hsm` found walking up from this module. The walk works
 * from the sources (`proofs/schema/`) and from compiled code (`dist/proofs/schema/`) alike.
 * @module
 */
import { readFileSync } from 'node:fs';

/** The package whose version a report records. */
export const PACKAGE_NAME = 'onem2m-hsm';

/** The name and version of the tool that wrote a report. */
export interface ToolInfo {
  readonly name: typeof PACKAGE_NAME;
  /** The package version (semver), not the report format version. */
  readonly version: string;
}

let cached: ToolInfo | undefined;

/**
 * The package's name and version, found by walking up from `from` (default: this module) to
 * the first `package.json` named `onem2m-hsm`; throws if there is none.
 */
export function toolInfo(from: string | URL = import.meta.url): ToolInfo {
  const useCache = from === import.meta.url;
  if (useCache && cached) return cached;
  let dir = new URL('.', from);
  for (;;) {
    const pkg = readPackage(new URL('package.json', dir));
    if (pkg?.name === PACKAGE_NAME && typeof pkg.version === 'string') {
      const info: ToolInfo = { name: PACKAGE_NAME, version: pkg.version };
      if (useCache) cached = info;
      return info;
    }
    const up = new URL('..', dir);
    if (up.href === dir.href) throw new Error(`no package.json named ${PACKAGE_NAME} above ${String(from)}`);
    dir = up;
  }
}

function readPackage(url: URL): { name?: unknown; version?: unknown } | null {
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return null;
  }
}
