/**
 * The `onem2m-hsm` command line: `verify` (the main job), `bounds`, `protocol`, `spec`, `check`, `gen-tests`, `demo`,
 * `replay`, `conform`, `help`, and `--help` / `--version`. Every command parses its flags with the one
 * grammar of `cli/args.ts`; usage errors print one line (`onem2m-hsm: …`) and exit with code 2,
 * help goes to stdout with code 0, and an unexpected exception prints one line and exits with
 * code 1 (its stack trace only when `ONEM2M_HSM_DEBUG` is set).
 * @module
 */
import { parseCommand, wantsHelp, type CommandSpec } from './args.ts';
import { BOUNDS, runBounds } from './bounds.ts';
import { CHECK, runCheck } from './check.ts';
import { CONFORM, runConform } from './conform.ts';
import { DEMO, runDemo } from './demo.ts';
import { EXIT, HelpRequested, UsageError, oneLine, quote } from './errors.ts';
import { GEN_TESTS, runGenTests } from './gen-tests.ts';
import { PROTOCOL, runProtocol } from './protocol.ts';
import { REPLAY, runReplay } from './replay.ts';
import { SPEC, runSpec } from './spec.ts';
import { commandUsage, programUsage } from './usage.ts';
import { VERIFY, runVerify } from './verify.ts';
import { packageVersion } from './version.ts';

/** The flags of `help`. */
const HELP = {
  name: 'help',
  summary: 'print this list, or the usage and flags of COMMAND',
  positionals: [{ name: 'COMMAND', description: 'a command name', optional: true }],
  options: {},
} as const satisfies CommandSpec;

/** The flags accepted before any command. */
const TOP = {
  name: 'onem2m-hsm',
  summary: '',
  options: { version: { type: 'boolean', description: 'print the version (also -V)' } },
} as const satisfies CommandSpec;

interface Command {
  readonly spec: CommandSpec;
  readonly run: (argv: readonly string[]) => number | Promise<number>;
}

const COMMANDS: readonly Command[] = [
  { spec: VERIFY, run: runVerify },
  { spec: BOUNDS, run: runBounds },
  { spec: PROTOCOL, run: runProtocol },
  { spec: SPEC, run: runSpec },
  { spec: CHECK, run: (argv) => runCheck(argv) },
  { spec: GEN_TESTS, run: (argv) => runGenTests(argv) },
  { spec: DEMO, run: (argv) => runDemo(argv) },
  { spec: REPLAY, run: runReplay },
  { spec: CONFORM, run: (argv) => runConform(argv) },
  { spec: HELP, run: runHelp },
];

/** The overview printed by `onem2m-hsm help` and `onem2m-hsm --help`. */
export const USAGE = programUsage(COMMANDS.map((c) => c.spec));

function find(name: string): Command {
  const c = COMMANDS.find((x) => x.spec.name === name);
  if (!c) throw new UsageError(`unknown command ${quote(name)} (known: ${COMMANDS.map((x) => x.spec.name).join(', ')})`);
  return c;
}

function runHelp(argv: readonly string[]): number {
  const [name] = parseCommand(HELP, argv).positionals;
  console.log(name === undefined ? USAGE : commandUsage(find(name).spec));
  return EXIT.ok;
}

/** Flags before any command: `--help`, `--version`. */
function runTop(argv: readonly string[]): number {
  if (wantsHelp(argv)) throw new HelpRequested(USAGE);
  if (parseCommand(TOP, argv, { version: 'V' }).values.version) {
    console.log(`onem2m-hsm ${packageVersion()}`);
    return EXIT.ok;
  }
  throw new UsageError('no command given (try: onem2m-hsm help)');
}

/** Runs the CLI on `argv` (without node and script); returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === undefined) throw new UsageError('no command given (try: onem2m-hsm help)');
    if (cmd.startsWith('-')) return runTop(argv);
    return await find(cmd).run(rest);
  } catch (e) {
    if (e instanceof HelpRequested) {
      console.log(e.text);
      return EXIT.ok;
    }
    if (e instanceof UsageError) {
      console.error(`onem2m-hsm: ${oneLine(e.message)}`);
      return EXIT.usage;
    }
    if (process.env.ONEM2M_HSM_DEBUG) throw e;
    console.error(`onem2m-hsm: internal error: ${oneLine(e instanceof Error ? e.message : String(e))}`);
    return EXIT.internal;
  }
}
