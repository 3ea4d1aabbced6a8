/**
 * `onem2m-hsm check MODULE [--max-states=N] [--no-symmetry] [--workers=N]`: explores one
 * subject exhaustively with the fast exact explorer and prints states, transitions, time,
 * memory, a verdict per invariant and goal, and the shortest counterexample of each violated
 * invariant, event by event. Worker threads (default: one per spare core, at most 3) are used
 * when the subject declares a `source` and a `codec`; results are the same either way.
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
 * missing or unusable module, or a machine the explorer refuses (one line on stderr).
 * @module
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exploreFast } from '../proofs/fast/index.ts';
import type { FastExploreOptions, FastSubject } from '../proofs/fast/types.ts';
import type { ExplorationResult, Subject, Trace } from '../proofs/types.ts';

interface Parsed {
  readonly file: string;
  readonly options: FastExploreOptions;
}

function parse(argv: readonly string[]): Parsed | string {
  let file: string | undefined;
  let options: FastExploreOptions = {};
  for (const a of argv) {
    const [flag, value] = a.split('=', 2) as [string, string | undefined];
    const int = Number(value);
    if (flag === '--max-states' && value !== undefined && Number.isInteger(int) && int > 0) options = { ...options, maxStates: int };
    else if (flag === '--workers' && value !== undefined && Number.isInteger(int) && int >= 0) options = { ...options, workers: int };
    else if (a === '--no-symmetry') options = { ...options, symmetry: false };
    else if (a.startsWith('-')) return `unknown or malformed flag '${a}'`;
    else if (file === undefined) file = a;
    else return `unexpected argument '${a}'`;
  }
  return file === undefined ? 'missing MODULE (usage: onem2m-hsm check MODULE [--max-states=N] [--no-symmetry] [--workers=N])' : { file, options };
}

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

/** Runs `check` with the arguments after the command name; resolves to the exit code. */
export async function runCheck(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const fail = (msg: string) => (console.error(`check: ${msg}`), 2);
  const parsed = parse(argv);
  if (typeof parsed === 'string') return fail(parsed);
  const path = resolve(parsed.file);
  if (!existsSync(path)) return fail(`no such file: ${parsed.file}`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    return fail(`cannot load ${parsed.file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const subject = mod.subject ?? mod.default;
  if (!isSubject(subject)) return fail(`${parsed.file} exports no subject (export 'subject' or a default with machine, events, invariants)`);
  const spare = Math.max(0, Math.min(availableParallelism() - 1, 3));
  const options = { workers: spare, ...parsed.options };
  let result;
  try {
    result = exploreFast(subject, options);
  } catch (e) {
    return fail((e as Error).message.split('\n')[0]!);
  }
  const heap = process.memoryUsage().heapUsed;
  out(`subject      ${parsed.file} (machine '${subject.machine.id}')`);
  out(`states       ${result.states.toLocaleString('en-US')}${result.stats.symmetry ? ' (up to symmetry)' : ''}`);
  out(`transitions  ${result.transitions.toLocaleString('en-US')}`);
  const rate = Math.round((result.states / Math.max(result.ms, 1e-3)) * 1000).toLocaleString('en-US');
  const threads = result.stats.workers ? `, ${result.stats.workers} worker thread${result.stats.workers > 1 ? 's' : ''}` : '';
  out(`time         ${(result.ms / 1000).toFixed(3)} s (${rate} states/s${threads})`);
  out(`memory       heap used ${(heap / 2 ** 20).toFixed(1)} MiB; state storage ${(result.stats.bytes / 2 ** 20).toFixed(1)} MiB`);
  for (const line of formatVerdicts(subject, result)) out(line);
  const violated = subject.invariants.filter((p) => result.violations[p.id]);
  for (const p of violated) for (const line of formatTrace(`shortest counterexample to ${p.id}`, result.violations[p.id]!)) out(line);
  return violated.length ? 1 : 0;
}
