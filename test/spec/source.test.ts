/**
 * The project carries its own source text and reads nothing outside its checkout.
 * @module
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_FILES, SOURCE_DIGESTS, SOURCE_DIR, SourceTextError, sourceText } from '../../spec/index.ts';

const root = new URL('../../', import.meta.url);

describe('source text (spec/source/)', () => {
  it.each(SEED_FILES)('%s is present and matches its recorded SHA-256 digest', (file) => {
    const bytes = readFileSync(new URL(file, SOURCE_DIR));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(SOURCE_DIGESTS[file]);
    expect(sourceText(file)).toBe(bytes.toString('utf8'));
  });

  it('refuses an unknown file name with a typed error', () => {
    expect(() => sourceText('../../package.json' as never)).toThrow(SourceTextError);
  });

  it('no tracked file refers to a path outside the checkout', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f !== '' && !f.startsWith('spec/source/') && f !== 'package-lock.json' && f !== 'test/spec/source.test.ts');
    const offenders = files.filter((f) => {
      let text: string;
      try {
        text = readFileSync(new URL(f, root), 'utf8');
      } catch {
        return false;
      }
      return /\.\.\/shared\b|shared\/seeds/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
