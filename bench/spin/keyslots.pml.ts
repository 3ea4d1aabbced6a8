/**
 * keyslots(N) in Promela, for comparison with SPIN: the same variables as the XState model's
 * context (slot states, session, tamper latch, ghost flag) and one `d_step` per event and slot,
 * each a single indivisible transition guarded like the XState transition, so that SPIN's
 * stored states are exactly the model's reachable states (2·4^N + 2·3^N). The invariant is
 * asserted where the ghost flag can change (only `delete`), which checks it in every state.
 *
 * {@link runSpin} verifies such a model with exact, full state storage: `spin -a`, then
 * `cc -O2 -DNOREDUCE -DSAFETY` (no partial-order reduction, no bitstate hashing, no
 * compression), then `./pan` with a hash table sized for the expected state count.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Promela model of keyslots(`n`). */
export function keyslotsPromela(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 255) throw new Error(`keyslots: N must be an integer in 1..255, got ${n}`);
  const lines: string[] = [
    `/* keyslots(${n}) */`,
    'mtype = { EMPTY, PROVISIONED, DEPRECATED, DELETED };',
    `mtype slot[${n}] = EMPTY;`,
    'bool authenticated = false;',
    'bool tampered = false;',
    'bool ghost = false;',
    '',
    'active proctype hsm() {',
    '  do',
    '  :: d_step { !authenticated -> authenticated = true }',
    '  :: d_step { authenticated -> authenticated = false }',
    `  :: d_step { !tampered -> ${Array.from({ length: n }, (_, i) => `slot[${i}] = DELETED;`).join(' ')} authenticated = false; tampered = true }`,
  ];
  for (let i = 0; i < n; i++) {
    lines.push(
      `  :: d_step { authenticated && (slot[${i}] == EMPTY || slot[${i}] == DELETED) -> slot[${i}] = PROVISIONED }`,
      `  :: d_step { authenticated && slot[${i}] == PROVISIONED -> slot[${i}] = DEPRECATED }`,
      `  :: d_step { authenticated && (slot[${i}] == PROVISIONED || slot[${i}] == DEPRECATED) -> ghost = ghost || !authenticated; slot[${i}] = DELETED; assert(!ghost) }`,
    );
  }
  lines.push('  od', '}', '');
  return lines.join('\n');
}

/** What one SPIN run reports. */
export interface SpinResult {
  readonly states: number;
  readonly transitions: number;
  readonly seconds: number;
  readonly statesPerSec: number;
  readonly memoryBytes: number;
  readonly errors: number;
}

/** True when `spin` and `cc` are on PATH. */
export function spinAvailable(): boolean {
  const ok = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
  return ok('spin', ['-V']) && ok('cc', ['--version']);
}

function num(out: string, re: RegExp): number {
  const m = re.exec(out);
  if (!m) throw new Error(`spin: cannot find ${re} in its output:\n${out}`);
  return Number(m[1]);
}

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** Verifies `promela` exhaustively with SPIN; `expectedStates` sizes the hash table and stack. */
export function runSpin(promela: string, expectedStates: number): SpinResult {
  const dir = mkdtempSync(join(tmpdir(), 'spin-'));
  try {
    writeFileSync(join(dir, 'model.pml'), promela);
    run('spin', ['-a', 'model.pml'], dir);
    run('cc', ['-O2', '-DNOREDUCE', '-DSAFETY', '-DMEMLIM=16000', '-o', 'pan', 'pan.c'], dir);
    const w = Math.max(10, Math.ceil(Math.log2(expectedStates)) + 1);
    const m = Math.max(10_000, expectedStates + 100);
    const out = run('./pan', [`-m${m}`, `-w${w}`], dir);
    return {
      states: num(out, /(\d+) states, stored/),
      transitions: num(out, /(\d+) transitions \(= stored\+matched\)/),
      seconds: num(out, /pan: elapsed time ([\d.e+-]+) seconds/),
      statesPerSec: /pan: rate/.test(out) ? num(out, /pan: rate\s+([\d.e+-]+) states\/second/) : Number.NaN,
      memoryBytes: num(out, /([\d.]+)\s+total actual memory usage/) * 2 ** 20,
      errors: num(out, /errors: (\d+)/),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
