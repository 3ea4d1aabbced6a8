/**
 * Process entry point: runs the CLI on the process arguments and sets the exit code.
 * @module
 */
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
