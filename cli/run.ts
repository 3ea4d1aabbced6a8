/**
 * Process entry point: runs the CLI on the process arguments and sets the exit code. A closed
 * stdout (`onem2m-hsm spec | head -1`) ends the process quietly with code 0; any other stdout
 * error prints one line and exits with code 2; errors on stderr (progress) are ignored.
 * @module
 */
import { EXIT } from './errors.ts';
import { main } from './main.ts';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT.ok);
  process.stderr.write(`onem2m-hsm: cannot write to stdout: ${e.code ?? e.message}\n`);
  process.exit(EXIT.usage);
});
process.stderr.on('error', () => {});

process.exitCode = await main(process.argv.slice(2));
