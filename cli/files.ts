/**
 * Output paths: checked before any work starts (the folder must exist and accept a new file,
 * proved by creating and removing a probe file, since `access(2)` says yes on /proc and /sys),
 * and written after; any write error is a one-line `UsageError`.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.ts';

const codeOf = (e: unknown): string => {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : 'unknown error';
};

function statOrNull(path: string, what: string): Stats | null {
  try {
    return statSync(path);
  } catch (e) {
    if (codeOf(e) === 'ENOENT' || codeOf(e) === 'ENOTDIR') return null;
    throw new UsageError(`cannot write ${what}: ${codeOf(e)}`);
  }
}

/** Throws unless `dir` is an existing folder in which a new file can be created. */
function folderAccepts(dir: string, what: string, verb = 'write'): void {
  const st = statOrNull(dir, what);
  if (!st) throw new UsageError(`cannot ${verb} ${what}: folder ${dir} does not exist`);
  if (!st.isDirectory()) throw new UsageError(`cannot ${verb} ${what}: ${dir} is not a folder`);
  const probe = join(dir, `.onem2m-hsm-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (e) {
    throw new UsageError(`cannot ${verb} ${what}: folder ${dir} is not writable (${codeOf(e)})`);
  }
  try {
    unlinkSync(probe);
  } catch {
    // the probe is empty; a folder that lets us create but not remove it is still writable
  }
}

/** Throws a `UsageError` unless `file` can be written: its folder accepts a new file, and an existing `file` opens for writing. */
export function checkOutputFile(file: string): void {
  const path = resolve(file);
  const st = statOrNull(path, file);
  if (st?.isDirectory()) throw new UsageError(`cannot write ${file}: it is a folder`);
  folderAccepts(dirname(path), file);
  if (!st) return;
  try {
    closeSync(openSync(path, 'r+'));
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${codeOf(e)}`);
  }
}

/** Throws a `UsageError` unless `dir` is a writable folder, or does not exist and its parent folder is writable. */
export function checkOutputDir(dir: string): void {
  const path = resolve(dir);
  const st = statOrNull(path, dir);
  if (st && !st.isDirectory()) throw new UsageError(`cannot write into ${dir}: it is a file`);
  if (st) folderAccepts(path, `into ${dir}`);
  else folderAccepts(dirname(path), dir, 'create');
}

/** Runs `write`; a file-system error (one with a `code`) becomes `UsageError('cannot write FILE: CODE')`. */
export function writing<T>(file: string, write: () => T): T {
  try {
    return write();
  } catch (e) {
    if (typeof (e as { code?: unknown } | null)?.code !== 'string') throw e;
    const where = (e as { path?: unknown }).path;
    throw new UsageError(`cannot write ${typeof where === 'string' ? where : file}: ${codeOf(e)}`);
  }
}

/** Writes `data` as indented JSON to `file`; a write error is a `UsageError`. */
export function writeJson(file: string, data: unknown): void {
  const text = `${JSON.stringify(data, null, 2)}\n`;
  writing(file, () => writeFileSync(file, text));
}
