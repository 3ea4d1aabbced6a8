/**
 * Strong authentication then authorisation of management commands (clause CM6: REQ-CM6-01 …
 * REQ-CM6-04): fresh single-use nonces, ECDSA P-256 signatures by trusted keys, role checks,
 * and refusals that change nothing.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Principal } from '../../impl/world/principal.ts';
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
    w.hsm.challenge(w.manager.signerId);
    refused(w, 'STALE_NONCE', () => w.hsm.command(c));
  });

  it('REQ-CM6-04: a nonce is bound to its credential: a repeated request returns it unchanged; another credential cannot use it; with none outstanding, every nonce is stale', () => {
    const w = world('server');
    const first = w.hsm.challenge(w.manager.signerId);
    const again = w.hsm.challenge(w.manager.signerId);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    const auditors = w.hsm.challenge(w.auditor.signerId);
    expect(Buffer.from(auditors).equals(Buffer.from(first))).toBe(false);
    refused(w, 'STALE_NONCE', () => w.hsm.command(w.cmd(w.auditor, 'read', 'ltk-0', undefined, first)));
    expect(w.hsm.command(w.cmd(w.manager, 'read', 'ltk-0', undefined, first)).key.life).toBe('active');
    refused(w, 'STALE_NONCE', () => w.hsm.command(w.cmd(w.manager, 'read', 'ltk-0', undefined, first)));
    const fresh = w.hsm.challenge(w.manager.signerId);
    expect(Buffer.from(fresh).equals(Buffer.from(first))).toBe(false);
    const w2 = world('server');
    refused(w2, 'STALE_NONCE', () => w2.hsm.command(w2.cmd(w2.manager, 'read', 'ltk-0', undefined, new Uint8Array(16))));
  });

  /**
   * @clause CM6 — the lockout reproducer (T2/T5 availability): an attacker who asks for a nonce,
   * in the manager's name or its own, between the manager's request and its command used to make
   * every manager command fail with STALE_NONCE. Requests now change nothing.
   */
  it('T2/T5 lockout: 100 of 100 manager commands succeed while the attacker requests nonces between the manager’s request and its command', () => {
    const w = world('device');
    let ok = 0;
    for (let i = 0; i < 100; i++) {
      const n = w.hsm.challenge(w.manager.signerId);
      for (const id of [w.manager.signerId, w.auditor.signerId, 'attacker-own-id', 'manager-2']) w.hsm.challenge(id);
      const op = i % 2 === 0 ? 'deprecate' : 'replace';
      const key = op === 'replace' ? w.key('hmac-sha256') : undefined;
      const r = w.hsm.command(w.cmd(w.manager, op, 'ltk-0', key, n));
      if (r.key.life === (op === 'deprecate' ? 'deprecated' : 'active')) ok++;
    }
    expect(ok).toBe(100);
  });

  it('challenge requests change nothing: 2,000 unauthenticated requests in the manager’s name or unknown ids leave the state as it was; an unknown id gets a stable decoy nothing accepts', () => {
    const w = world('server');
    const n = w.hsm.challenge(w.manager.signerId);
    const before = snapshot(w.hsm);
    const decoy = w.hsm.challenge('nobody-at-all');
    for (let i = 0; i < 2000; i++) w.hsm.challenge(i % 2 === 0 ? w.manager.signerId : `id-${i}`);
    expect(snapshot(w.hsm)).toBe(before);
    expect(Buffer.from(w.hsm.challenge('nobody-at-all')).equals(Buffer.from(decoy))).toBe(true);
    refused(w, 'BAD_SIGNATURE', () => w.hsm.command(new Principal('nobody-at-all').command({ hsmId: w.hsm.id }, 'read', 'ltk-0', decoy)));
    expect(Buffer.from(w.hsm.challenge(w.manager.signerId)).equals(Buffer.from(n))).toBe(true);
    expect(w.hsm.command(w.cmd(w.manager, 'read', 'ltk-0', undefined, n)).key.life).toBe('active');
    for (const bad of [42, '', 'has space', 'x'.repeat(65), null, { toString: () => 'manager-1' }]) {
      refused(w, 'MALFORMED', () => w.hsm.challenge(bad as never));
    }
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
    const n = w.hsm.challenge(w.manager.signerId);
    refused(w, 'WRONG_HSM', () => w.hsm.command(w.manager.command({ hsmId: 'HSM-OTHER' }, 'read', 'ltk-0', n)));
    refused(w, 'UNKNOWN_KEY', () => w.hsm.command(w.manager.command({ hsmId: w.hsm.id }, 'read', 'ltk-7', n)));
  });

  it('a refused command changes nothing, not even the outstanding nonce', () => {
    const w = world('device');
    const n = w.hsm.challenge(w.manager.signerId);
    const before = snapshot(w.hsm);
    refused(w, 'BAD_SIGNATURE', () => w.hsm.command(w.cmd(w.forger, 'delete', 'ltk-0', undefined, n)));
    refused(w, 'STALE_NONCE', () => w.hsm.command(w.cmd(w.auditor, 'delete', 'ltk-0', undefined, n))); // the manager's nonce is not the auditor's
    refused(w, 'FORBIDDEN', () => w.hsm.command(w.cmd(w.auditor, 'delete', 'ltk-0', undefined, w.hsm.challenge(w.auditor.signerId))));
    refused(w, 'KEY_STATE', () => w.hsm.command(w.cmd(w.manager, 'provision', 'ltk-0', w.key('hmac-sha256'), n)));
    const wrongTransport = w.manager.command({ hsmId: w.hsm.id, transportKey: new Uint8Array(randomBytes(32)) }, 'provision', 'ltk-1', n, w.key('ecdsa-p256'));
    refused(w, 'UNWRAP_FAILED', () => w.hsm.command(wrongTransport));
    expect(snapshot(w.hsm)).toBe(before);
    expect(w.hsm.command(w.cmd(w.manager, 'delete', 'ltk-0', undefined, n)).key.life).toBe('deleted');
  });
});
