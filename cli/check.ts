/**
 * `onem2m-hsm check MODULE [--max-states N] [--no-symmetry] [--workers N] [--quiet]`: explores one
 * subject exhaustively with the fast exact explorer and prints states, transitions, time and
 * states/s, memory (heap, state storage and its bytes per state), a verdict per invariant and
 * goal, and the shortest counterexample of each violated invariant, event by event. Worker
 * threads (default: one per spare core, at most 3) are used when the subject declares a
 * `source` and a `codec`; results are the same either way.
 *
 * Module interface: MODULE is a path to an ES module (`.ts` or `.js`) that exports the subject
 * as `subject` or as its default export, an object of type `Subject` (see `proofs/types.ts`)
 * or `FastSubject` (see `proofs/fast/types.ts`):
 * - `machine`: an XState v5 machine in the subset the fast explorer accepts (see
 *   `proofs/fast/validate.ts`); `input` (optional) for its initial transition;
 * - `events(snapshot)`: the events to try in a state, payloads included;
 * - `invariants` (and optional `goals`): `{ id, title, holds(snapshot) }`;
 * - optional `key`, `describe`, and the fast-explorer hints `codec`, `symmetry`, `source`.
 *
 * Exit code: 0 when every invariant holds, 1 when one is violated, 2 on a usage error, a
 * missing or unusable module, or a machine the explorer refuses (a `UsageError`: one line on
 * stderr, printed by `cli/main.ts` like every other usage error).
 * @module
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastSubject } from '../proofs/fast/types.ts';
import type { ExplorationResult, Subject, Trace } from '../proofs/types.ts';
import { parseCommand, type CommandSpec } from './args.ts';
import { UsageError } from './errors.ts';
import { withProgress } from './progress.ts';

/** The flags of `check`. */
export const CHECK = {
  name: 'check',
  summary: 'explore any XState v5 machine exported by MODULE (see cli/check.ts)',
  details:
    'Prints states, transitions, time and states/s, memory and bytes/state, a verdict per invariant and goal, and the shortest ' +
    'counterexample of each violated invariant. Exit 1 if one is violated.',
  positionals: [{ name: 'MODULE', description: "an ES module (.ts or .js) exporting the subject as 'subject' or as its default export" }],
  options: {
    'max-states': { type: 'integer', min: 1, max: 1_000_000_000, description: 'stop with an error beyond N states (default 5,000,000)' },
    'no-symmetry': { type: 'boolean', description: "store every state, ignoring the subject's symmetry" },
    workers: { type: 'integer', min: 0, max: 64, description: 'worker threads besides the main one (default: spare cores, at most 3)' },
    quiet: { type: 'boolean', description: 'no progress on stderr' },
  },
} as const satisfies CommandSpec;

function isSubject(x: unknown): x is FastSubject {
  const s = x as Partial<FastSubject> | null;
  return !!s && typeof s === 'object' && !!s.machine && typeof s.events === 'function' && Array.isArray(s.invariants);
}

const steps = (t: Trace) => `${t.steps.length} step${t.steps.length === 1 ? '' : 's'}`;

/** One line per invariant (holds / violated) and per goal (reached / unreachable). */
export function formatVerdicts(subject: Subject<any, any>, r: ExplorationResult): string[] {
  const lines = ['invariants'];
  for (const p of subject.invariants) {
    const t = r.violations[p.id];
    lines.push(`  ${t ? 'VIOLATED' : 'holds   '}  ${p.id}${t ? ` (after ${steps(t)})` : ''}: ${p.title}`);
  }
  const goals = subject.goals ?? [];
  if (goals.length) lines.push('goals');
  for (const g of goals) {
    const t = r.reached[g.id];
    lines.push(`  ${t ? 'reached    ' : 'unreachable'}  ${g.id}${t ? ` (in ${steps(t)})` : ''}: ${g.title}`);
  }
  return lines;
}

/** A trace as numbered lines: the initial state, then each event and the state after it. */
export function formatTrace(title: string, t: Trace): string[] {
  const lines = [`${title} (${steps(t)})`, `  0. initial  ${JSON.stringify(t.initial)}`];
  t.steps.forEach((s, i) => {
    lines.push(`  ${i + 1}. ${JSON.stringify(s.event)}`, `     -> ${JSON.stringify(s.state)}`);
  });
  return lines;
}

/** `subject` with its `events` counted: `tick(n)` every 1,024 states expanded in this thread. */
function counting<S extends FastSubject>(subject: S, tick: (n: number) => void): S {
  let n = 0;
  const events = (snapshot: never) => {
    if ((++n & 1023) === 0) tick(n);
    return subject.events(snapshot);
  };
  return Object.create(subject, { events: { value: events } }) as S;
}

const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0]!;

/** Runs `check` with the arguments after the command name; resolves to the exit code (usage errors are thrown). */
export async function runCheck(argv: readonly string[], out: (line: string) => void = console.log): Promise<number> {
  const { values: v, positionals } = parseCommand(CHECK, argv);
  const file = positionals[0]!;
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`no such file: ${file}`);
  const mod = await loadModule(file, path);
  const subject = mod.subject ?? mod.default;
  if (!isSubject(subject)) throw new UsageError(`${file} exports no subject (export 'subject' or a default with machine, events, invariants)`);
  const { exploreFast } = await import('../proofs/fast/index.ts');
  const workers = v.workers ?? Math.max(0, Math.min(availableParallelism() - 1, 3));
  const options = { workers, ...(v['max-states'] ? { maxStates: v['max-states'] } : {}), ...(v['no-symmetry'] ? { symmetry: false } : {}) };
  const unit = `states expanded${workers > 0 && subject.source ? ' in the main thread (workers expand more)' : ''}`;
  const result = await withProgress('exploring', { quiet: v.quiet, unit }, (tick) => {
    try {
      return exploreFast(counting(subject, tick), options);
    } catch (e) {
      throw new UsageError(firstLine(e));
    }
  });
  const heap = process.memoryUsage().heapUsed;
  out(`subject      ${file} (machine '${subject.machine.id}')`);
  out(`states       ${result.states.toLocaleString('en-US')}${result.stats.symmetry ? ' (up to symmetry)' : ''}`);
  out(`transitions  ${result.transitions.toLocaleString('en-US')}`);
  const rate = Math.round((result.states / Math.max(result.ms, 1e-3)) * 1000).toLocaleString('en-US');
  const threads = result.stats.workers ? `, ${result.stats.workers} worker thread${result.stats.workers > 1 ? 's' : ''}` : '';
  out(`time         ${(result.ms / 1000).toFixed(3)} s (${rate} states/s${threads})`);
  const perState = (result.stats.bytes / Math.max(result.states, 1)).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  out(`memory       heap used ${(heap / 2 ** 20).toFixed(1)} MiB; state storage ${(result.stats.bytes / 2 ** 20).toFixed(1)} MiB (${perState} bytes/state)`);
  for (const line of formatVerdicts(subject, result)) out(line);
  const violated = subject.invariants.filter((p) => result.violations[p.id]);
  for (const p of violated) for (const line of formatTrace(`shortest counterexample to ${p.id}`, result.violations[p.id]!)) out(line);
  return violated.length ? 1 : 0;
}

/**
 * Imports the subject's module. When the CLI runs compiled (plain Node, no TypeScript loader), a
 * TypeScript module is loaded through tsx if tsx is installed where the module is or in the
 * current folder.
 */
async function loadModule(file: string, path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  const needsLoader = /\.[cm]?ts$/.test(path) && !/\.[cm]?ts$/.test(new URL(import.meta.url).pathname);
  try {
    if (needsLoader) {
      const { tsxApi } = await import('../proofs/fast/boot.ts');
      const api = tsxApi(url) ?? tsxApi(pathToFileURL(`${process.cwd()}/`).href);
      if (api === null)
        throw new UsageError(`cannot load ${file}: a TypeScript module needs tsx installed beside it (npm install --save-dev tsx), or compile it to .js`);
      const { register } = (await import(api)) as { register: () => unknown };
      register();
    }
    return (await import(url)) as Record<string, unknown>;
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError(`cannot load ${file}: ${firstLine(e)}`);
  }
}
