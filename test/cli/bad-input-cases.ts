/**
 * The bad command lines of `bad-input.test.ts`: name, arguments, expected message.
 * @module
 */
import { join } from 'node:path';

/** A subject module that `check` can load. */
export const FLAWED = 'test/fast/machines/flawed-keyslots.subject.ts';
/** An adapter module that `conform --adapter` can load, and a module that exports no adapter. */
export const ADAPTER = 'docs/examples/tiny-hsm/adapter.ts';
const NOT_ADAPTER = 'docs/examples/tiny-hsm/hsm.ts';

type Case = [name: string, argv: string[], message: RegExp];

/** Flags, values and arguments that are wrong in themselves (`tmp`: a writable scratch folder). */
export function usageCases(tmp: string): Case[] {
  return [
    ["--without ''", ['verify', '--without', ''], /--without needs at least one countermeasure/],
    ['--without ,', ['verify', '--without', ','], /--without needs at least one countermeasure/],
    ['--without= (empty inline value)', ['verify', '--without='], /--without needs at least one/],
    ['--without CM5, (empty item)', ['verify', '--without', 'CM5,'], /--without has an empty item/],
    ['--without CM9', ['verify', '--without', 'CM5,CM9'], /unknown countermeasure 'CM9'/],
    ['--profile alien', ['verify', '--profile', 'alien'], /unknown attacker profile 'alien'/],
    ['--slots 0x2', ['verify', '--slots', '0x2'], /--slots must be an integer from 1 to 16, got '0x2'/],
    ["--slots ' 2'", ['verify', '--slots', ' 2'], /--slots must be an integer from 1 to 16, got ' 2'/],
    ['--slots 2.0', ['verify', '--slots', '2.0'], /got '2\.0'/],
    ['--slots 1e1', ['verify', '--slots', '1e1'], /got '1e1'/],
    ["--slots ''", ['verify', '--slots', ''], /got ''/],
    ['--slots 0 (below the range)', ['verify', '--slots', '0'], /from 1 to 16, got '0'/],
    ['--slots 17 (above the range)', ['verify', '--slots=17'], /from 1 to 16, got '17'/],
    ['--slots -1 (looks like a flag)', ['verify', '--slots', '-1'], /flag --slots needs a value/],
    ['--slots with a newline', ['verify', '--slots', '2\nx'], /got '2\\x0ax'/],
    ['--workers 0x2', ['verify', '--workers', '0x2'], /--workers must be an integer from 1 to 64/],
    ['--json without a value', ['verify', '--json'], /flag --json needs a value/],
    ['--json followed by a flag', ['verify', '--json', '--quiet'], /flag --json needs a value/],
    ['--json= (empty)', ['verify', '--json='], /flag --json needs a value/],
    ['a boolean flag with a value', ['verify', '--quiet=yes'], /flag --quiet takes no value/],
    ['an unknown flag', ['verify', '--fast'], /unknown flag --fast for verify/],
    ['a flag given twice', ['verify', '--slots', '2', '--slots=3'], /flag --slots given more than once/],
    ['a stray argument', ['verify', 'extra'], /unexpected argument 'extra'/],
    ['--record with --profile', ['verify', '--record', join(tmp, 'r.json'), '--profile', 'remote'], /--record needs the default full run/],
    ['spec with a stray argument', ['spec', 'extra'], /unexpected argument 'extra'/],
    ['check without MODULE', ['check'], /check needs MODULE/],
    ['check with two modules', ['check', FLAWED, 'extra'], /unexpected argument 'extra'/],
    ['check of a missing file', ['check', 'no/such/module.ts'], /no such file: no\/such\/module\.ts/],
    ['check --max-states 0', ['check', FLAWED, '--max-states', '0'], /--max-states must be an integer from 1/],
    ['check --workers=-1', ['check', FLAWED, '--workers=-1'], /--workers must be an integer from 0 to 64, got '-1'/],
    ['check --frobnicate', ['check', FLAWED, '--frobnicate'], /unknown flag --frobnicate for check/],
    ['replay --workers 9', ['replay', '--workers', '9'], /--workers must be an integer from 0 to 8/],
    ['replay with a stray argument', ['replay', 'now'], /unexpected argument 'now'/],
    ['gen-tests without --out', ['gen-tests'], /gen-tests needs --out DIR/],
    ["gen-tests --out ''", ['gen-tests', '--out', ''], /flag --out needs a value/],
    ['gen-tests --model toaster', ['gen-tests', '--out', tmp, '--model', 'toaster'], /unknown model 'toaster'/],
    ['conform with neither --adapter nor --pkcs11', ['conform'], /conform needs --adapter MODULE or --pkcs11 LIB/],
    ['conform with --adapter and --pkcs11', ['conform', '--adapter', ADAPTER, '--pkcs11', '/x.so'], /--adapter or --pkcs11, not both/],
    ['conform --adapter of a missing module', ['conform', '--adapter', 'no/such/adapter.js'], /no adapter module at no\/such\/adapter\.js/],
    ['conform --adapter of a module without an adapter', ['conform', '--adapter', NOT_ADAPTER], /hsm\.ts exports no adapter/],
    ['conform --adapter --suite none', ['conform', '--adapter', ADAPTER, '--suite', 'none'], /--suite must be full or quick with --adapter/],
    ['conform --adapter --token', ['conform', '--adapter', ADAPTER, '--token', 't'], /--token does not apply with --adapter/],
    [
      'conform --only E7',
      ['conform', '--adapter', ADAPTER, '--only', 'TP-SRV-INS-E0007,E7'],
      /--only takes test purpose ids such as TP-SRV-INS-E0007, not 'TP-SRV-INS-E0007,E7'/,
    ],
    ['conform --pkcs11 --only', ['conform', '--pkcs11', '/x.so', '--only', 'TP-SRV-INS-E0007'], /--only does not apply with --pkcs11/],
    ['conform --max-failures 0', ['conform', '--adapter', ADAPTER, '--max-failures', '0'], /--max-failures must be an integer from 1/],
    [
      'conform --adapter --suites of a missing folder',
      ['conform', '--adapter', ADAPTER, '--suites', join(tmp, 'none')],
      /cannot read the suites in .*none: ENOENT/,
    ],
    ['conform --pkcs11 without --token', ['conform', '--pkcs11', '/x.so'], /conform --pkcs11 needs --token LABEL/],
    ['conform --pkcs11 --max-failures', ['conform', '--pkcs11', '/x.so', '--max-failures', '3'], /--max-failures does not apply with --pkcs11/],
    ['demo with a flag', ['demo', '--verbose'], /unknown flag --verbose for demo/],
    ['no command', [], /no command given/],
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['help for an unknown command', ['help', 'frobnicate'], /unknown command 'frobnicate'/],
    ['an unknown top-level flag', ['--frobnicate'], /unknown flag --frobnicate/],
    ['--version with an argument', ['--version', 'verify'], /unexpected argument 'verify'/],
  ];
}

/** Output paths that cannot be written (`aFile`: an existing file in `tmp`). */
export function outputCases(tmp: string, aFile: string): Case[] {
  return [
    ['verify --json /proc/x.json', ['verify', '--json', '/proc/x.json'], /cannot write \/proc\/x\.json: folder \/proc is not writable/],
    ['verify --record /proc/x.json', ['verify', '--record', '/proc/x.json'], /cannot write \/proc\/x\.json: folder \/proc is not writable/],
    ['verify --json /sys/x.json', ['verify', '--json', '/sys/x.json'], /cannot write \/sys\/x\.json: folder \/sys is not writable/],
    ['verify --json in a missing folder', ['verify', '--json', '/nonexistent-dir/report.json'], /folder \/nonexistent-dir does not exist/],
    ['verify --json naming a folder', ['verify', '--json', tmp], /it is a folder/],
    ['verify --json under a file', ['verify', '--json', join(aFile, 'x.json')], /is not a folder/],
    ['gen-tests --out /proc/x', ['gen-tests', '--out', '/proc/x'], /cannot create \/proc\/x: folder \/proc is not writable/],
    ['gen-tests --out /sys/x', ['gen-tests', '--out', '/sys/x'], /cannot create \/sys\/x: folder \/sys is not writable/],
    ['gen-tests --out naming a file', ['gen-tests', '--out', aFile], /cannot write into .*a-file: it is a file/],
    ['conform --junit /proc/x.xml', ['conform', '--adapter', ADAPTER, '--junit', '/proc/x.xml'], /cannot write \/proc\/x\.xml: folder \/proc is not writable/],
    ['gen-tests --out in a missing folder', ['gen-tests', '--out', join(tmp, 'no', 'such')], /folder .*no does not exist/],
  ];
}
