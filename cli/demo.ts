/**
 * `onem2m-hsm demo`: one legitimate scenario and the attacks of each threat (T1–T6), on the
 * executable device HSM and Server-HSM with real cryptography, printing every step with its
 * outcome (the scenario is in `cli/demo-script.ts`). Every printed line is scanned for the
 * bytes of every key used; exit 1 if a step does not have the outcome the verified model gives
 * it (an attack it refuses must be refused) or a key byte appears.
 * @module
 */
import { parseCommand, type CommandSpec } from './args.ts';

/** The flags of `demo` (none besides `--help`). */
export const DEMO = {
  name: 'demo',
  summary: 'walk one legitimate scenario and the attacks of each threat (T1–T6) on the implementation',
  details:
    'Every step is printed with its outcome. Exit 1 if a step does not behave as the verified model says (an attack it refuses must be refused) or a key byte appears in the output.',
  options: {},
} as const satisfies CommandSpec;

/** Runs `demo`; returns the exit code. */
export async function runDemo(argv: readonly string[], print: (line: string) => void = console.log): Promise<number> {
  parseCommand(DEMO, argv);
  const { playDemo } = await import('./demo-script.ts');
  return playDemo(print);
}
