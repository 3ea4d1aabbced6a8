/**
 * `npm run mutants`: mutation score of the model under its semantic checks (see
 * `proofs/mutants/cli.ts`). Options: `--workers N` (default 2), `--only SUBSTRING`, `--verbose`.
 * @module
 */
import { main } from '../proofs/mutants/cli.ts';

process.exitCode = await main();
