/**
 * Starting worker threads from TypeScript sources or from the compiled JavaScript alike. In the
 * built package (`dist/`) a worker's entry is a `.js` module and starts on plain Node; when the
 * sources run directly (development, the test runner) the entry is a `.ts` module, and the
 * worker first registers tsx's loader (a development dependency) in its own thread.
 * @module
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The URL of a sibling module of `base` (an `import.meta.url`), with the extension `base` has:
 * `./worker` next to `pool.ts` is `worker.ts`, next to `pool.js` it is `worker.js`.
 */
export function siblingModule(base: string, name: string): URL {
  const ext = /\.([cm]?[jt]s)$/.exec(new URL(base).pathname)?.[1] ?? 'js';
  return new URL(`${name}.${ext}`, base);
}

/**
 * The URL of tsx's ESM API (to register its loader), as resolved from the module `from`
 * (default: this one), or null where tsx is not installed there.
 */
export function tsxApi(from: string | URL = import.meta.url): string | null {
  try {
    const cjs = createRequire(from).resolve('tsx/esm/api');
    return pathToFileURL(cjs.replace(/index\.cjs$/, 'index.mjs')).href;
  } catch {
    return null;
  }
}

/**
 * Boot code of a worker: registers tsx when told to, then imports the entry. A failure to boot
 * is posted on `workerData.port` (when there is one) as `{ bootError }` and rethrown, so that
 * the worker's `error` event fires too.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
const boot = workerData.__boot;
(boot.tsx ? import(boot.tsx).then((api) => api.register()) : Promise.resolve())
  .then(() => import(boot.entry))
  .catch((e) => {
    if (workerData.port) workerData.port.postMessage({ bootError: String((e && e.stack) || e) });
    if (workerData.signal) { Atomics.add(workerData.signal, 2, 1); Atomics.notify(workerData.signal, 1); }
    throw e;
  });
`;

/** Thrown when a worker's entry is TypeScript and tsx is not installed. */
export class WorkerBootError extends Error {
  override readonly name = 'WorkerBootError';
}

/**
 * Starts a worker thread on `entry` (a `.js` or `.ts` module URL). `workerData` must be an
 * object (the boot settings are added to it as `__boot`).
 * @throws WorkerBootError when the entry is TypeScript and no TypeScript loader is available.
 */
export function startWorker(entry: URL, options: WorkerOptions & { workerData?: Record<string, unknown> } = {}): Worker {
  const isTs = /\.[cm]?ts$/.test(entry.pathname);
  const tsx = isTs ? tsxApi() : null;
  if (isTs && tsx === null)
    throw new WorkerBootError(`cannot start worker ${entry.pathname}: TypeScript sources need tsx (run the built package from dist/ instead)`);
  const workerData = { ...(options.workerData ?? {}), __boot: { tsx, entry: entry.href } };
  return new Worker(BOOT, { ...options, eval: true, execArgv: options.execArgv ?? [], workerData });
}
