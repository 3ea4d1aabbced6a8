/**
 * docs/CHECKER.md cannot drift from the code: every ```ts block is written to a file (named by
 * a preceding `<!-- file: NAME -->` comment, or numbered), with the package's entry points
 * (`onem2m-hsm/checker`, `onem2m-hsm/proofs`) rewritten to their sources; the files are
 * type-checked with the project's compiler options, then each is run (imported). Every
 * ```text block preceded by `<!-- output of: check NAME -->` must be what `check NAME` prints,
 * apart from the time and memory figures.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(join(root, 'docs', 'CHECKER.md'), 'utf8');

/** Sources of the package's entry points that the examples may import. */
const ENTRY_POINTS: Record<string, string> = {
  'onem2m-hsm/checker': join(root, 'proofs', 'fast', 'index.ts'),
  'onem2m-hsm/proofs': join(root, 'proofs', 'index.ts'),
};

interface Block {
  readonly name: string;
  readonly code: string;
}

/** The ```ts blocks of the page, with their file names. */
function tsBlocks(): Block[] {
  const out: Block[] = [];
  for (const m of doc.matchAll(/(?:<!-- file: (\S+) -->\s*\n)?```ts\n([\s\S]*?)```/g)) {
    out.push({ name: m[1] ?? `example-${out.length + 1}.ts`, code: m[2]! });
  }
  return out;
}

/** The ```text blocks that show what `check NAME` prints. */
function checkOutputs(): { module: string; lines: string[] }[] {
  return [...doc.matchAll(/<!-- output of: check (\S+) -->\s*\n```text\n([\s\S]*?)```/g)].map((m) => ({
    module: m[1]!,
    lines: m[2]!.trimEnd().split('\n'),
  }));
}

/** `code` with the package's entry points replaced by their sources; throws on any other import of the package. */
function rewrite(code: string): string {
  return code.replace(/from '(onem2m-hsm[^']*)'/g, (_all, spec: string) => {
    const target = ENTRY_POINTS[spec];
    if (!target) throw new Error(`the page imports ${spec}, which this test does not map to a source`);
    return `from ${JSON.stringify(target)}`;
  });
}

const blocks = tsBlocks();
// Inside the repository (git-ignored), so that 'xstate' and the types resolve as for the sources.
const dir = join(root, 'node_modules', '.cache', 'onem2m-hsm', `checker-doc-${process.pid}-${Date.now()}`);
const fileOf = (name: string) => join(dir, name);

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  for (const b of blocks) writeFileSync(fileOf(b.name), rewrite(b.code));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/CHECKER.md', () => {
  it('has examples, each in a file of its own, importing the package by its entry points', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    expect(new Set(blocks.map((b) => b.name)).size).toBe(blocks.length);
    for (const b of blocks) expect(b.code, b.name).toMatch(/from 'onem2m-hsm\/checker'/);
    expect(checkOutputs().length).toBeGreaterThan(0);
  });

  it('type-checks every example with the project’s compiler options', () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const files = blocks.map((b) => fileOf(b.name));
    const program = ts.createProgram(files, { ...config.options, noEmit: true });
    const diagnostics = files.flatMap((f) => ts.getPreEmitDiagnostics(program, program.getSourceFile(f)));
    const text = diagnostics.map((d) => {
      const where = d.file && d.start !== undefined ? `${relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(text).toEqual([]);
  });

  for (const b of blocks) {
    it(`runs ${b.name}`, async () => {
      vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        await import(pathToFileURL(fileOf(b.name)).href);
      } finally {
        vi.restoreAllMocks();
      }
    });
  }

  for (const { module, lines } of checkOutputs()) {
    it(`shows what check ${module} prints`, async () => {
      const out: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(...a.join(' ').split('\n')));
      let code: number;
      try {
        code = await main(['check', '--quiet', '--workers', '0', relative(process.cwd(), fileOf(module))]);
      } finally {
        vi.restoreAllMocks();
      }
      const shown = out.map((l) => l.replace(`${relative(process.cwd(), dir)}/`, ''));
      expect(code).toBe(lines.some((l) => l.includes('VIOLATED')) ? 1 : 0);
      // time and memory depend on the machine: same shape, real figures
      const figures = /^(time {9}\d+\.\d{3} s \([\d,]+ states\/s|memory {7}heap used [\d.]+ MiB; state storage [\d.]+ MiB \([\d,]+\.\d bytes\/state\))/;
      expect(shown.length).toBe(lines.length);
      shown.forEach((l, i) => {
        if (/^(time|memory) /.test(lines[i]!)) {
          expect(lines[i], 'the page').toMatch(figures);
          expect(l, 'check').toMatch(figures);
        } else expect(l).toBe(lines[i]);
      });
    });
  }
});
