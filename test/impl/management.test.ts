/**
 * Strong authentication then authorisation of management commands (clause CM6: REQ-CM6-01 …
 * REQ-CM6-04): fresh single-use nonces, ECDSA P-256 signatures by trusted keys, role checks,
 * and refusals that change nothing.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { refused, snapshot, world } from './support/world.ts';

describe('CM6 strong authentication of management commands', () => {
  it('REQ-CM6-02: the manager provisions, deprecates, replaces and deletes over fresh nonces', () => {
    const w = world('device');
    expect(w.hsm.command(w.cmd(w.manager, 'provision', 'ltk-1', w.key('ecdsa-p256'))).key.life).toBe('active');
    expect(w.hsm.command(w.cmd(w.manager, 'deprecate', 'ltk-0')).key.life).toBe('deprecated');
    expect(w.hsm.command(w.cmd(w.manager, 'replace', 'ltk-0', w.key('hmac-sha256'))).key.life).toBe('active');
    expect(w.hsm.command(w.cmd(w.manager, 'delete', 'ltk-0')).key.life).toBe('deleted');
    expect(w.hsm.observe().challenge).toBe(false);
    expect(w.leak.hits).toEqual([]);
  });

  it('REQ-CM6-04: a nonce is single-use — the same command again, or a replay, is STALE_NONCE', () => {
    const w = world('device');
    const c = w.cmd(w.manager, 'deprecate', 'ltk-0');
    w.hsm.command(c);
    refused(w, 'STALE_NONCE', () => w.hsm.command(c));
    w.hsm.challenge();
    refused(w, 'STALE_NONCE', () => w.hsm.command(c));
  });

  it('REQ-CM6-04: a superseded challenge is stale; with no challenge outstanding, every nonce is stale', () => {
    const w = world('server');
    const old = w.hsm.challenge();
    w.hsm.challenge();
    refused(w, 'STALE_NONCE', () => w.hsm.command(w.cmd(w.manager, 'read', 'ltk-0', undefined, old)));
    const w2 = world('server');
    refused(w2, 'STALE_NONCE', () => w2.hsm.command(w2.cmd(w2.manager, 'read', 'ltk-0', undefined, new Uint8Array(16))));
  });

  it("REQ-CM6-01/02: a real signature by an untrusted key claiming the manager's id is BAD_SIGNATURE, as is a bit flip", () => {
    const w = world('device');
    refused(w, 'BAD_SIGNATURE', () => w.hsm.command(w.cmd(w.forger, 'delete', 'ltk-0')));
    const c = w.cmd(w.manager, 'delete', 'ltk-0');
    const o = JSON.parse(Buffer.from(c).toString()) as { sig: string };
    const sig = Buffer.from(o.sig, 'base64url');
    sig[5]! ^= 0x10;
    refused(w, 'BAD_SIGNATURE', () => w.hsm.command(Buffer.from(JSON.stringify({ ...o, sig: sig.toString('base64url') }))));
    expect(w.hsm.observe().keys[0]!.life).toBe('active');
  });

  it('REQ-CM6-03: authorisation follows authentication — the auditor may read but not modify (FORBIDDEN)', () => {
    const w = world('server');
    expect(w.hsm.command(w.cmd(w.auditor, 'read', 'ltk-0')).key.life).toBe('active');
    for (const op of ['deprecate', 'delete'] as const) refused(w, 'FORBIDDEN', () => w.hsm.command(w.cmd(w.auditor, op, 'ltk-0')));
    refused(w, 'FORBIDDEN', () => w.hsm.command(w.cmd(w.auditor, 'provision', 'ltk-1', w.key('ecdsa-p256'))));
  });

  it("authentication comes first: an unauthenticated sender cannot learn a key's lifecycle", () => {
    const w = world('device');
    refused(w, 'BAD_SIGNATURE', () => w.hsm.command(w.cmd(w.forger, 'read', 'ltk-1')));
    refused(w, 'KEY_STATE', () => w.hsm.command(w.cmd(w.manager, 'read', 'ltk-1')));
  });

  it('addressing: WRONG_HSM before anything else; UNKNOWN_KEY only to an authenticated sender', () => {
    const w = world('device');
    const n = w.hsm.challenge();
    refused(w, 'WRONG_HSM', () => w.hsm.command(w.manager.command({ hsmId: 'HSM-OTHER' }, 'read', 'ltk-0', n)));
    refused(w, 'UNKNOWN_KEY', () => w.hsm.command(w.manager.command({ hsmId: w.hsm.id }, 'read', 'ltk-7', n)));
  });

  it('a refused command changes nothing, not even the outstanding nonce', () => {
    const w = world('device');
    const n = w.hsm.challenge();
    const before = snapshot(w.hsm);
    refused(w, 'BAD_SIGNATURE', () => w.hsm.command(w.cmd(w.forger, 'delete', 'ltk-0', undefined, n)));
    refused(w, 'FORBIDDEN', () => w.hsm.command(w.cmd(w.auditor, 'delete', 'ltk-0', undefined, n)));
    refused(w, 'KEY_STATE', () => w.hsm.command(w.cmd(w.manager, 'provision', 'ltk-0', w.key('hmac-sha256'), n)));
    const wrongTransport = w.manager.command({ hsmId: w.hsm.id, transportKey: new Uint8Array(randomBytes(32)) }, 'provision', 'ltk-1', n, w.key('ecdsa-p256'));
    refused(w, 'UNWRAP_FAILED', () => w.hsm.command(wrongTransport));
    expect(snapshot(w.hsm)).toBe(before);
    expect(w.hsm.command(w.cmd(w.manager, 'delete', 'ltk-0', undefined, n)).key.life).toBe('deleted');
  });
});
