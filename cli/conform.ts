/**
 * `onem2m-hsm conform --adapter MODULE [--suites DIR] [--model M,…] [--profile P,…] [--suite full|quick]
 * [--only ID,…] [--max-failures N] [--junit FILE] [--json FILE]`: runs the abstract test suites (generated from
 * the verified model, or read from DIR written by `gen-tests`) against an implementer's adapter and
 * prints per suite the test purposes passed, failed, not exercised (a capability the adapter does
 * not declare) and not run (after N failures), then each failure with its steps.
 *
 * `onem2m-hsm conform --pkcs11 LIB --token LABEL --pin-env VAR [--suite full|quick|none] [--junit FILE] [--json FILE]`:
 * checks a PKCS#11 token against CM1–CM6 — its mechanisms, the abstract test suite run on the
 * project's HSM with its keys on the token, and the API-level attacks under the project's templates
 * and under weak ones. The PIN is read from the environment variable named by `--pin-env`.
 *
 * Both write JUnit XML with `--junit`. Exit 0 when everything passes, 1 otherwise, 2 for a usage
 * error (bad flags, a module that cannot be loaded or exports no adapter, unreadable suites).
 * @module
 */
import { writeFileSync } from 'node:fs';
import { parseCommand, type CommandSpec } from './args.ts';
import { EXIT, UsageError, oneLine, quote } from './errors.ts';
import { writeJson, writing } from './files.ts';
import { selectTargets } from './gen-tests.ts';

/** The flags of `conform`. */
export const CONFORM = {
  name: 'conform',
  summary: 'run the abstract test suites against an adapter (--adapter) or check a PKCS#11 token (--pkcs11)',
  details:
    'Counts passed, failed, not exercised and not run; each failure with its test purpose, requirements, threats and steps. --junit writes JUnit XML for CI. Exit 1 on any failure.',
  options: {
    adapter: { type: 'string', value: 'MODULE', description: 'JS/TS module exporting an Adapter (default export, adapter or createAdapter)' },
    suites: { type: 'string', value: 'DIR', description: 'with --adapter: read the suites written by gen-tests (default: generate them from the model)' },
    model: { type: 'list', values: ['device', 'server'], noun: 'model', value: 'M,…', description: 'with --adapter: models (default: both)' },
    profile: {
      type: 'list',
      values: ['physical', 'insider'],
      noun: 'profile',
      value: 'P,…',
      description: 'with --adapter: attacker alphabets (default: both)',
    },
    only: { type: 'string', value: 'ID,…', description: 'with --adapter: run only these test purposes (e.g. TP-SRV-INS-E0007, as a failure names it)' },
    'max-failures': {
      type: 'integer',
      min: 1,
      max: 1_000_000,
      value: 'N',
      description: 'with --adapter: stop a suite after N failures, the rest reported not run (default 10)',
    },
    pkcs11: { type: 'string', value: 'LIB', description: 'path of the PKCS#11 library (e.g. /usr/lib/softhsm/libsofthsm2.so)' },
    token: { type: 'string', value: 'LABEL', description: 'with --pkcs11: label of the token' },
    'pin-env': { type: 'string', value: 'VAR', description: 'with --pkcs11: environment variable holding the user PIN' },
    suite: {
      type: 'string',
      value: 'S',
      description: 'full (default), quick (--adapter: the first 500 test purposes per suite; --pkcs11: 2,000 steps per suite) or none (--pkcs11 only)',
    },
    junit: { type: 'file', description: 'write the results as JUnit XML' },
    json: { type: 'file', description: 'write the report as JSON' },
    quiet: { type: 'boolean', description: 'no progress on stderr' },
  },
} as const satisfies CommandSpec;

type Values = ReturnType<typeof parseCommand<typeof CONFORM>>['values'];

/** Runs `conform`. */
export async function runConform(argv: readonly string[], print: (line: string) => void = console.log): Promise<number> {
  const { values } = parseCommand(CONFORM, argv);
  if (values.adapter !== undefined && values.pkcs11 !== undefined) throw new UsageError('conform takes --adapter or --pkcs11, not both');
  if (values.adapter !== undefined) return runAdapter(values.adapter, values, print);
  if (values.pkcs11 !== undefined) return runPkcs11(values.pkcs11, values, print);
  throw new UsageError('conform needs --adapter MODULE or --pkcs11 LIB (--help)');
}

/** Throws when a flag of the other mode is given. */
function only(values: Values, flags: readonly (keyof Values)[], mode: string): void {
  const bad = flags.find((f) => values[f] !== undefined);
  if (bad) throw new UsageError(`--${String(bad)} does not apply with ${mode}`);
}

async function runAdapter(module: string, values: Values, print: (line: string) => void): Promise<number> {
  only(values, ['token', 'pin-env'], '--adapter');
  const ids = values.only?.split(',').map((x) => x.trim());
  if (ids?.some((x) => !/^TP-(DEV|SRV)-(PHY|INS)-[ER][0-9]{4,}$/.test(x)))
    throw new UsageError(`--only takes test purpose ids such as TP-SRV-INS-E0007, not ${quote(values.only!)}`);
  const size = values.suite ?? 'full';
  if (size !== 'full' && size !== 'quick') throw new UsageError(`--suite must be full or quick with --adapter, not ${quote(size)}`);
  const [{ loadAdapter, AdapterLoadError }, { conformAdapter, UnknownTestError }, { renderRuns, junitXml }, { TARGETS }] = await Promise.all([
    import('../impl/conformance/load.ts'),
    import('../impl/conformance/conform-adapter.ts'),
    import('../impl/conformance/report.ts'),
    import('../impl/conformance/explore.ts'),
  ]);
  let adapter: Awaited<ReturnType<typeof loadAdapter>>;
  try {
    adapter = await loadAdapter(module);
  } catch (e) {
    if (e instanceof AdapterLoadError) throw new UsageError(oneLine(e.message));
    throw e;
  }
  const targets = selectTargets(TARGETS, values.model, values.profile);
  const say = (l: string) => void (values.quiet ? undefined : process.stderr.write(`${l}\n`));
  let report: Awaited<ReturnType<typeof conformAdapter>>;
  try {
    report = await conformAdapter(adapter, {
      ...(values.suites !== undefined ? { suitesDir: values.suites } : {}),
      targets,
      size,
      maxFailures: values['max-failures'] ?? 10,
      ...(ids ? { only: ids } : {}),
      onSuite: (r) => say(`${r.suite}: ${r.passed} passed, ${r.failed} failed, ${r.notExercised} not exercised, ${r.notRun} not run`),
    });
  } catch (e) {
    if (e instanceof UnknownTestError) throw new UsageError(e.message);
    if (values.suites !== undefined && (typeof (e as { code?: unknown }).code === 'string' || /schema|JSON/.test(String((e as Error).message))))
      throw new UsageError(`cannot read the suites in ${values.suites}: ${oneLine((e as Error).message)}`);
    throw e;
  }
  print(`Conformance of ${module} (suites from ${report.source}, ${report.size}):`);
  print(renderRuns(report.runs));
  if (!adapter.secrets) print("attacker knowledge (discovered): as the adapter reports it; it gives no secrets() for the runner's own leak scan");
  if (values.junit) {
    const xml = junitXml(report.runs);
    const file = values.junit;
    writing(file, () => writeFileSync(file, xml));
  }
  if (values.json) writeJson(values.json, report);
  return report.ok ? EXIT.ok : EXIT.violation;
}

async function runPkcs11(library: string, values: Values, print: (line: string) => void): Promise<number> {
  only(values, ['suites', 'model', 'profile', 'max-failures', 'only'], '--pkcs11');
  if (values.token === undefined) throw new UsageError('conform --pkcs11 needs --token LABEL');
  if (values['pin-env'] === undefined) throw new UsageError('conform --pkcs11 needs --pin-env VAR');
  const suite = values.suite ?? 'full';
  if (suite !== 'full' && suite !== 'quick' && suite !== 'none') throw new UsageError(`--suite must be full, quick or none, not ${quote(suite)}`);
  const pinVar = values['pin-env'];
  const pin = process.env[pinVar];
  if (pin === undefined || pin === '') throw new UsageError(`the environment variable ${quote(pinVar)} holding the PIN is not set`);
  const [{ conform, renderConform, pkcs11Junit }] = await Promise.all([import('../impl/conformance/pkcs11/conform.ts')]);
  const report = await conform({ library, label: values.token, pin, suite, onProgress: (l) => process.stderr.write(`${l}\n`) });
  print(renderConform(report));
  if (values.junit) {
    const xml = pkcs11Junit(report);
    const file = values.junit;
    writing(file, () => writeFileSync(file, xml));
  }
  if (values.json) writeJson(values.json, report);
  return report.ok ? EXIT.ok : EXIT.violation;
}
