// Build step after tsc: copies the data files the compiled code reads at run time next to the
// compiled modules in dist/: the source text (spec/source/*.txt) and the JSON schemas.
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';

const assets = [
  ['spec/source', /\.(txt|md)$/],
  ['proofs/schema', /\.json$/],
];
for (const [dir, pattern] of assets) {
  if (!existsSync(dir)) continue;
  mkdirSync(`dist/${dir}`, { recursive: true });
  for (const f of readdirSync(dir)) if (pattern.test(f)) cpSync(`${dir}/${f}`, `dist/${dir}/${f}`);
}
