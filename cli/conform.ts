/**
 * `onem2m-hsm conform --pkcs11 LIB --token LABEL --pin-env VAR [--json FILE] [--suite full|quick|none]`:
 * checks a PKCS#11 token against CM1–CM6 — its mechanisms, the abstract test suite run on the
 * project's HSM with its keys on the token, and the API-level attacks under the project's templates
 * and under weak ones — and prints per requirement and threat: pass, or fail with call traces.
 * The PIN is read from the environment variable named by `--pin-env` (never from the command line).
 * Exit 0 when every requirement passes under the project's templates and nothing was left on the
 * token; 1 otherwise; 2 for a usage error.
 * @module
 */
import { parseCommand, type CommandSpec } from './args.ts';
import { EXIT, UsageError, quote } from './errors.ts';
import { writeJson } from './files.ts';

/** The flags of `conform`. */
export const CONFORM = {
  name: 'conform',
  summary: 'check a PKCS#11 token against CM1–CM6: abstract test suite and API-level attacks',
  details: 'Per requirement and threat: pass, or fail with the call traces. Exit 1 if a requirement fails under the project templates.',
  options: {
    pkcs11: { type: 'string', required: true, value: 'LIB', description: 'path of the PKCS#11 library (e.g. /usr/lib/softhsm/libsofthsm2.so)' },
    token: { type: 'string', required: true, value: 'LABEL', description: 'label of the token' },
    'pin-env': { type: 'string', required: true, value: 'VAR', description: 'environment variable holding the user PIN' },
    suite: { type: 'string', value: 'S', description: 'abstract test suite: full (every walk, default), quick (2,000 steps per suite) or none' },
    json: { type: 'file', description: 'write the report as JSON' },
  },
} as const satisfies CommandSpec;

/** Runs `conform`. */
export async function runConform(argv: readonly string[], print: (line: string) => void = console.log): Promise<number> {
  const { values } = parseCommand(CONFORM, argv);
  const suite = values.suite ?? 'full';
  if (suite !== 'full' && suite !== 'quick' && suite !== 'none') throw new UsageError(`--suite must be full, quick or none, not ${quote(suite)}`);
  const pinVar = values['pin-env'];
  const pin = process.env[pinVar];
  if (pin === undefined || pin === '') throw new UsageError(`the environment variable ${quote(pinVar)} holding the PIN is not set`);
  const { conform, renderConform } = await import('../impl/conformance/pkcs11/conform.ts');
  const report = await conform({ library: values.pkcs11, label: values.token, pin, suite, onProgress: (l) => process.stderr.write(`${l}\n`) });
  print(renderConform(report));
  if (values.json) writeJson(values.json, report);
  return report.ok ? EXIT.ok : EXIT.violation;
}
