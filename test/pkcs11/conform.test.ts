/**
 * `onem2m-hsm conform` on SoftHSMv2 (clauses CM1–CM6): under the project's templates every
 * API-level attack is blocked and every requirement and threat passes; the same attacks on victims
 * made the weak way succeed on SoftHSM (Clulow's wrap/decrypt, wrapping under a known key,
 * encrypt/unwrap key injection, derivation into a non-sensitive key, destruction after logout) and
 * are reported as failures with their call traces; nothing is left on the token; the PIN comes from
 * the environment only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { expect, it } from 'vitest';
import { createSoftHsmToken } from '../../impl/backend/pkcs11/index.ts';
import type { ConformReport } from '../../impl/conformance/pkcs11/conform.ts';
import { runConform } from '../../cli/conform.ts';
import { UsageError } from '../../cli/errors.ts';
import { describePkcs11 } from './support/token.ts';

describePkcs11('onem2m-hsm conform --pkcs11 on SoftHSMv2', () => {
  it('reports the project templates passing, the weak ones failing with traces, and leaves nothing on the token', async () => {
    const token = createSoftHsmToken({ label: 'conform-test' });
    const dir = mkdtempSync(join(tmpdir(), 'onem2m-hsm-conform-'));
    process.env.CONFORM_TEST_PIN = token.userPin;
    const lines: string[] = [];
    try {
      const code = await runConform(
        [
          '--pkcs11',
          token.library,
          '--token',
          'conform-test',
          '--pin-env',
          'CONFORM_TEST_PIN',
          '--suite',
          'quick',
          '--json',
          join(dir, 'r.json'),
          '--junit',
          join(dir, 'r.xml'),
        ],
        (l) => lines.push(l),
      );
      expect(code).toBe(0);
      const r = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as ConformReport;
      expect(r.ok).toBe(true);
      expect(r.leftovers).toBe(0);
      expect(r.token.mechanisms).toEqual(expect.arrayContaining(['CKM_SHA256_HMAC', 'CKM_ECDSA', 'CKM_AES_GCM']));
      expect(r.suite).toMatchObject({ walks: 4, passed: 4, steps: 8000, leaks: 0, failures: [] });
      const project = r.attacks.filter((a) => a.configuration === 'project');
      expect(project.map((a) => a.id).sort()).toEqual([
        'attribute-flip',
        'clulow-wrap-decrypt',
        'derive-non-sensitive',
        'destroy-after-logout',
        'encrypt-unwrap-injection',
        'wrap-under-known-key',
      ]);
      for (const a of project) expect(a.outcome, a.id).toBe('blocked');
      const weak = Object.fromEntries(r.attacks.filter((a) => a.configuration === 'weak').map((a) => [a.id, a]));
      for (const id of ['clulow-wrap-decrypt', 'wrap-under-known-key', 'encrypt-unwrap-injection', 'derive-non-sensitive', 'destroy-after-logout'])
        expect(weak[id]?.outcome, id).toBe('succeeded');
      expect(weak['clulow-wrap-decrypt']!.trace).toEqual(
        expect.arrayContaining([expect.stringMatching(/^C_WrapKey\(CKM_AES_CBC.*→ 32 bytes$/), expect.stringMatching(/^C_Decrypt.*the victim's value$/)]),
      );
      expect(project.find((a) => a.id === 'clulow-wrap-decrypt')!.trace).toContain('C_WrapKey(CKM_AES_CBC, attacker key, victim) → CKR_KEY_UNEXTRACTABLE');
      for (const v of [...Object.values(r.verdicts.project.requirements), ...Object.values(r.verdicts.project.threats)])
        expect(v).toEqual({ verdict: 'pass', evidence: [] });
      for (const id of ['REQ-CM3-01', 'REQ-CM4-01', 'REQ-CM6-02']) expect(r.verdicts.weak.requirements[id]!.verdict, id).toBe('fail');
      for (const id of ['T1', 'T2', 'T3', 'T4', 'T6']) expect(r.verdicts.weak.threats[id]!.verdict, id).toBe('fail');
      expect(r.verdicts.weak.requirements['REQ-CM6-04']!.verdict).toBe('pass');
      expect(r.verdicts.weak.threats.T2!.evidence[0]).toMatch(/destroy-after-logout .*C_DestroyObject\(victim\), logged out → CKR_OK/);
      // the same results as JUnit XML: one testsuite per suite run and one for the attacks under the project's templates
      const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'testsuite' || n === 'testcase' });
      const xml = parser.parse(readFileSync(join(dir, 'r.xml'), 'utf8')) as {
        testsuites: { failures: string; testsuite: { name: string; failures: string; testcase: { name: string; failure?: unknown }[] }[] };
      };
      expect(xml.testsuites.testsuite.map((x) => x.name)).toEqual(['device-physical', 'device-insider', 'server-physical', 'server-insider', 'pkcs11-attacks']);
      expect(xml.testsuites.failures).toBe('0');
      expect(
        xml.testsuites.testsuite
          .at(-1)!
          .testcase.map((c) => c.name.split(' ')[0])
          .sort(),
      ).toEqual(project.map((a) => a.id).sort());
      expect(r.runs.map((x) => x.passed)).toEqual([1, 1, 1, 1]);
      const text = lines.join('\n');
      expect(text).toMatch(/REQ-CM3-01 +FAIL\n +trace: clulow-wrap-decrypt/);
      expect(text).toContain('objects left on the token by this run: 0');
      expect(text).toMatch(/abstract test suite \(quick\): 4 walks: 4 passed, 0 failed, 0 not exercised, 0 not run; 8000 steps/);
      expect(text).not.toContain(token.userPin);
    } finally {
      delete process.env.CONFORM_TEST_PIN;
      rmSync(dir, { recursive: true, force: true });
      token.cleanup();
    }
  });

  it('the PIN is taken from the named environment variable only; a bad --suite is a usage error', async () => {
    delete process.env.CONFORM_UNSET_PIN;
    await expect(runConform(['--pkcs11', '/x.so', '--token', 't', '--pin-env', 'CONFORM_UNSET_PIN'])).rejects.toThrow(UsageError);
    process.env.CONFORM_SET_PIN = '1234';
    try {
      await expect(runConform(['--pkcs11', '/x.so', '--token', 't', '--pin-env', 'CONFORM_SET_PIN', '--suite', 'some'])).rejects.toThrow(
        /--suite must be full, quick or none/,
      );
    } finally {
      delete process.env.CONFORM_SET_PIN;
    }
  });
});
