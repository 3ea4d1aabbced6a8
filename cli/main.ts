/**
 * The `onem2m-hsm` command line: `verify` (the main job), `spec`, `help`.
 * Usage errors print one line and exit with code 2.
 * @module
 */
import { EXIT, UsageError } from './errors.ts';
import { runSpec } from './spec.ts';
import { runVerify } from './verify.ts';
import { runCheck } from './check.ts';
import { runDemo } from './demo.ts';
import { runGenTests } from './gen-tests.ts';
import { runReplay } from './replay.ts';

const USAGE = `usage: onem2m-hsm <command> [flags]

commands:
  verify [--json FILE] [--without CM5,CM6] [--profile remote,physical,insider]
         [--workers N] [--no-reuse] [--quiet] [--record FILE] [--slots N] [--symmetry]
         [--no-replay]
                     explore every configuration; print the verified threat × countermeasure
                     table and its findings; exit 1 if the all-countermeasures model violates
                     an invariant or reaches a threat; then replay the generated paths
                     against the implementation with real cryptography (exit 1 on mismatch)
  spec [--json]      print the specification (threats, countermeasures, requirements, …)
  check MODULE       explore any XState v5 machine exported by MODULE (see cli/check.ts)
  gen-tests --out DIR  write the abstract test suite for implementers (docs/ADAPTER.md)
  demo               walk one legitimate scenario and one attack per threat on the implementation
  replay [--workers N]  replay the generated paths against the implementation (real crypto)
  help               this text`;

const COMMANDS: Record<string, (argv: readonly string[]) => number | Promise<number>> = {
  verify: runVerify,
  spec: runSpec,
  check: (argv) => runCheck([...argv]),
  'gen-tests': runGenTests,
  demo: (argv) => runDemo(argv),
  replay: runReplay,
  help: () => (console.log(USAGE), EXIT.ok),
};

/** Runs the CLI on `argv` (without node and script); returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    const run = cmd === undefined ? undefined : COMMANDS[cmd];
    if (!run) throw new UsageError(cmd === undefined ? 'no command given (try: onem2m-hsm help)' : `unknown command '${cmd}' (known: ${Object.keys(COMMANDS).join(', ')})`);
    return await run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`onem2m-hsm: ${e.message}`);
      return EXIT.usage;
    }
    throw e;
  }
}

