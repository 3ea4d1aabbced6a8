/**
 * The leak scan (REQ-CM1-02, REQ-CM2-02, REQ-CM3-01, REQ-CM4-01): it knows every key's bytes
 * and finds them in any output, error, log line or report, raw, hex, base64 or base64url (at
 * any alignment) or as decimal lists — so a planted leak is caught, and unrelated data is not
 * flagged.
 */
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { encodingsOf, LeakScanner } from '../../impl/conformance/leak.ts';
import { hsmError } from '../../impl/errors.ts';
import { captureOutput } from './support/capture.ts';
import { scanOwnOutputs } from './support/leak-outputs.ts';
import { world } from './support/world.ts';
import { NODE_BACKENDS } from '../../impl/backend/node-backend.ts';

const scanner = () => {
  const leak = new LeakScanner();
  const key = randomBytes(32);
  leak.addKey('legit:k', key);
  for (let i = 0; i < 200; i++) leak.addKey(`other:${i}`, randomBytes(32));
  return { leak, key };
};
const noise = (n: number) => randomBytes(n);

describe('leak scan: planted leaks are caught', () => {
  it('in every encoding, at every position and byte alignment', () => {
    const { leak, key } = scanner();
    for (let shift = 0; shift < 3; shift++) {
      const blob = Buffer.concat([noise(shift + 5), key, noise(7)]);
      const forms: [string, unknown][] = [
        ['raw', blob],
        ['hex', `id=${blob.toString('hex')};`],
        ['HEX', blob.toString('hex').toUpperCase()],
        ['base64', blob.toString('base64')],
        ['base64url', `x.${blob.toString('base64url')}.y`],
        ['decimal', JSON.stringify([...key])],
        ['inspect', inspect(new Uint8Array(key))],
        ['Buffer', inspect(key)],
      ];
      for (const [name, v] of forms) expect(leak.scan(`${name}@${shift}`, v).length, `${name} at shift ${shift}`).toBeGreaterThan(0);
    }
  });

  it('in results, error messages, thrown error properties, nested objects, Maps, Sets and reports', () => {
    const { leak, key } = scanner();
    const err = hsmError('KEY_STATE', `debug ${key.toString('base64url')}`);
    const withProp = Object.assign(new Error('plain'), { detail: { bytes: new Uint8Array(key) } });
    const cases: unknown[] = [
      err,
      withProp,
      { result: { deep: { deeper: [1, 2, { k: key.toString('hex') }] } } },
      new Map([['k', new Uint8Array(key)]]),
      new Set([key.toString('base64')]),
      `Report\n  key: ${key.toString('hex')}\n`,
      { json: JSON.parse(JSON.stringify({ k: key })) },
    ];
    for (const [i, c] of cases.entries()) expect(leak.scan(`case ${i}`, c).length, `case ${i}`).toBeGreaterThan(0);
  });

  it('in console output and the HSM audit log', () => {
    const w = world('device');
    const stop = captureOutput(w.leak, true);
    try {
      console.log('planted:', Buffer.from(w.l0.material).toString('base64'));
    } finally {
      stop();
    }
    expect(w.leak.hits.map((h) => h.where)).toContain('console.log');
    const w2 = world('device');
    w2.leak.scanText('audit log', `HSM-1 key ${Buffer.from(w2.transportKey).toString('hex')}`);
    expect(w2.leak.hits).toHaveLength(1);
  });

  it("flags nothing in unrelated data, nor in the HSM's own outputs, errors and logs", () => {
    const { leak } = scanner();
    const big = noise(1 << 20);
    for (const { text } of encodingsOf(big)) leak.scanText('noise', text);
    expect(leak.hits).toEqual([]);
    const w = scanOwnOutputs(NODE_BACKENDS);
    expect(w.leak.hits).toEqual([]);
    expect(w.leak.stats.texts).toBeGreaterThan(3);
  });
});
