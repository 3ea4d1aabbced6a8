/**
 * Loading an implementer's adapter module: a JavaScript module (or TypeScript, where the runtime
 * loads it) whose default export, or named export `adapter` or `createAdapter`, is an `Adapter`,
 * a function returning one (possibly as a promise), or a class constructing one. Every way this
 * can go wrong is an `AdapterLoadError` with a one-line message naming the module.
 * @module
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Adapter } from './adapter.ts';
import { CAPABILITY_IDS } from './capabilities.ts';

/** The module cannot be loaded or does not export an adapter. */
export class AdapterLoadError extends Error {
  override readonly name = 'AdapterLoadError';
}

/** True when `x` has the methods of an adapter. */
export function isAdapter(x: unknown): x is Adapter {
  const a = x as Partial<Record<keyof Adapter, unknown>> | null;
  return typeof a === 'object' && a !== null && typeof a.reset === 'function' && typeof a.step === 'function' && typeof a.observe === 'function';
}

/** The first line of an error's message. */
const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0]!;

/** Loads the adapter exported by the module at `path` (relative to the working folder). */
export async function loadAdapter(path: string): Promise<Adapter> {
  const file = resolve(path);
  if (!existsSync(file)) throw new AdapterLoadError(`no adapter module at ${path}`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    throw new AdapterLoadError(`cannot load the adapter module ${path}: ${firstLine(e)}`);
  }
  const found = [mod.default, mod.adapter, mod.createAdapter].find((x) => x !== undefined && x !== null);
  if (found === undefined) throw new AdapterLoadError(`${path} exports no adapter (a default export, or a named export adapter or createAdapter)`);
  let adapter: unknown = found;
  if (typeof found === 'function') {
    try {
      adapter = /^class[\s{]/.test(Function.prototype.toString.call(found)) ? new (found as new () => unknown)() : await (found as () => unknown)();
    } catch (e) {
      throw new AdapterLoadError(`the adapter factory of ${path} failed: ${firstLine(e)}`);
    }
  }
  if (!isAdapter(adapter)) throw new AdapterLoadError(`${path} exports no adapter: it needs reset, step and observe methods`);
  const unknown = (adapter.capabilities ?? []).filter((c) => !CAPABILITY_IDS.includes(c));
  if (unknown.length > 0) throw new AdapterLoadError(`${path} declares unknown capabilities ${unknown.join(', ')} (known: ${CAPABILITY_IDS.join(', ')})`);
  return adapter;
}
