/**
 * The implementation replay of the main job: after `verify`, the generated paths are replayed
 * against the executable HSM with real cryptography, and a short summary is printed (paths,
 * steps, edges covered, attacks refused, key bytes found in outputs). `replayPaths` is called
 * by `verify`; `runReplay` is the same as a command.
 * @module
 */
import type { ReplayedSuite, ReplayOptions } from '../impl/conformance/replay.ts';
import { parseCommand, type CommandSpec } from './args.ts';
import { EXIT } from './errors.ts';
import { withProgress } from './progress.ts';

/** The flags of `replay`. */
export const REPLAY = {
  name: 'replay',
  summary: 'replay the generated paths against the implementation (real cryptography)',
  details: 'Exit 1 on a mismatch with the model or a key byte in any output, error or log line.',
  options: {
    workers: { type: 'integer', min: 0, max: 8, description: 'worker threads (default: 2 on a multi-core machine; 0 = this thread)' },
    quiet: { type: 'boolean', description: 'no progress on stderr' },
  },
} as const satisfies CommandSpec;

/** The totals of a replay. */
export interface ReplaySummary {
  readonly suites: readonly ReplayedSuite[];
  readonly paths: number;
  readonly passed: number;
  readonly steps: number;
  readonly edges: number;
  readonly edgesTotal: number;
  readonly attackSteps: number;
  readonly attacksRefused: number;
  readonly leaks: number;
  readonly ms: number;
  /** Every path passed, every edge was covered and no key byte was found. */
  readonly ok: boolean;
}

/** Replays the generated paths and returns the totals. */
export async function replayPaths(opts: ReplayOptions = {}): Promise<ReplaySummary> {
  const t0 = performance.now();
  const { replayAll } = await import('../impl/conformance/replay.ts');
  const suites = await replayAll(opts);
  const sum = (f: (s: ReplayedSuite) => number) => suites.reduce((n, s) => n + f(s), 0);
  const paths = sum((s) => s.tests);
  const passed = sum((s) => s.passed);
  const edges = sum((s) => s.edges);
  const edgesTotal = sum((s) => s.edgesTotal);
  const leaks = sum((s) => s.leaks.length);
  return {
    suites,
    paths,
    passed,
    steps: sum((s) => s.steps),
    edges,
    edgesTotal,
    attackSteps: sum((s) => s.attackSteps),
    attacksRefused: sum((s) => s.attacksRefused),
    leaks,
    ms: performance.now() - t0,
    ok: passed === paths && edges === edgesTotal && leaks === 0,
  };
}

const n = (x: number) => x.toLocaleString('en');

/** The summary as printed after `verify`. */
export function renderReplay(s: ReplaySummary): string {
  const out = [`Implementation replay (real cryptography, all countermeasures): ${n(s.paths)} paths, ${n(s.steps)} steps, ${(s.ms / 1000).toFixed(1)} s`];
  for (const r of s.suites) {
    out.push(
      `  ${r.suite.padEnd(16)} ${n(r.passed)}/${n(r.tests)} paths pass, ${n(r.edges)}/${n(r.edgesTotal)} edges, ` +
        `${n(r.attacksRefused)} of ${n(r.attackSteps)} attack steps refused (the rest revealed no key: memory reads, side channels, probes answered by zeroization, the insider's permitted reads)`,
    );
  }
  out.push(`  attacks refused: ${n(s.attacksRefused)}; key bytes found in outputs, errors and logs: ${s.leaks}`);
  const failures = s.suites.flatMap((r) => r.failures);
  for (const f of failures.slice(0, 5))
    out.push(`  FAIL ${f.test} step ${f.step + 1}: ${f.message} (expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)})`);
  for (const r of s.suites) for (const h of r.leaks.slice(0, 3)) out.push(`  LEAK ${r.suite}: key ${h.key} as ${h.encoding} in ${h.where}`);
  out.push(s.ok ? '  the implementation matched the model after every step' : '  MISMATCH: the implementation differs from the model (see above)');
  return out.join('\n');
}

/** Runs the replay as a command; exit 1 on any mismatch or leak. */
export async function runReplay(argv: readonly string[]): Promise<number> {
  const { values } = parseCommand(REPLAY, argv);
  const workers = values.workers === undefined ? {} : { workers: values.workers };
  const s = await withProgress('replaying', { quiet: values.quiet, unit: 'paths' }, (tick) => replayPaths({ ...workers, onProgress: tick }));
  console.log(renderReplay(s));
  return s.ok ? EXIT.ok : EXIT.violation;
}
