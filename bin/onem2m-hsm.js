#!/usr/bin/env node
// The installed command: runs the compiled CLI (dist/, built by `npm run build`) on plain Node.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli/run.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('onem2m-hsm: not built yet (run `npm run build` in the package folder)');
  process.exit(2);
}
await import(cli.href);
