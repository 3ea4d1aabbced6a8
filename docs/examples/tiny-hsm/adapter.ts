/**
 * The adapter that runs the oneM2M HSM conformance suites on TinyHsm. It plays the legitimate
 * manager (an `admin` credential), the insider (an `auditor` credential, read-only) and the
 * attacker on the management channel (forging with an untrusted key, capturing and replaying the
 * manager's commands), and reads general-purpose memory: the host's side of the conversation,
 * which it hands back as the step's output for the runner's leak scan. It declares no physical
 * capability: TinyHsm is software, so removal, probing, tampering and side channels are not
 * exercised and the runner reports them so. Installed, the import below reads
 * `from 'onem2m-hsm/conformance'`.
 * @module
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { AbstractEvent, AbstractState, Adapter, CapabilityId, KeyName, StepResult, SuiteInfo } from '../../../impl/conformance/index.ts';
import { kcv, TinyError, TinyHsm, wrap, type Signed, type TinyBug } from './hsm.ts';

/** What this adapter really exercises. */
const CAPABILITIES: readonly CapabilityId[] = ['eavesdrop', 'replay', 'impersonate', 'illicitInterfaceUse', 'memoryRead'];

type Who = 'manager' | 'insider' | 'forger';
const CREDENTIAL: Record<Who, string> = { manager: 'admin-1', insider: 'auditor-1', forger: 'admin-1' };

/** True when `output` carries any of `keys` (as bytes, hex or base64). */
function carries(output: unknown, keys: readonly Buffer[]): boolean {
  const text = JSON.stringify(output ?? null, (_k, v) => (v && v.type === 'Buffer' ? Buffer.from(v.data).toString('hex') : v));
  return keys.some((k) => text.includes(k.toString('hex')) || text.includes(k.toString('base64')) || text.includes(k.toString('latin1')));
}

/** The TinyHsm adapter; `bug` seeds a bug (the kit's own tests). */
export function createAdapter(bug?: TinyBug): Adapter {
  const pair = (): { publicKey: KeyObject; privateKey: KeyObject } => generateKeyPairSync('ed25519');
  const manager = pair();
  const insider = pair();
  const forger = pair();
  const secret: Record<Who, KeyObject> = { manager: manager.privateKey, insider: insider.privateKey, forger: forger.privateKey };
  let model: SuiteInfo['model'] = 'device';
  let hsm: TinyHsm | null = null;
  let transport = Buffer.alloc(32);
  let legit: (Buffer | null)[] = [];
  let supplied: Buffer[] = [];
  let held: string | null = null;
  const seen: Record<Who, string | null> = { manager: null, insider: null, forger: null };
  let captured: Signed[] = [];
  let captures = 1;
  let discovered = false;

  const the = () => {
    if (!hsm) throw new Error('reset() first');
    return hsm;
  };
  const send = (who: Who, op: string, slot: number, nonce: string | null, fresh: Buffer | null): Signed => {
    const body = JSON.stringify({ credential: CREDENTIAL[who], op, slot, nonce: nonce ?? '', ...(fresh ? { wrapped: wrap(transport, fresh) } : {}) });
    return { body, sig: sign(null, Buffer.from(body), secret[who]).toString('hex') };
  };
  const run = (f: () => unknown): StepResult => {
    try {
      const output = f();
      return { outcome: 'accepted', output };
    } catch (e) {
      if (e instanceof TinyError) return { outcome: 'refused', error: e.code, output: e.message };
      throw e;
    }
  };
  const perform = (e: AbstractEvent): StepResult => {
    const h = the();
    switch (e.type) {
      case 'CHALLENGE': {
        const who: Who = e.requester === 'insider' ? 'insider' : 'manager';
        return run(() => {
          const n = h.challenge(CREDENTIAL[who]);
          seen[who] = n;
          if (who === 'manager' && !e.spoofed) held = n;
          return n;
        });
      }
      case 'COMMAND': {
        const nonce = e.sender === 'manager' ? held : e.sender === 'insider' ? seen.insider : seen.manager;
        const fresh = e.op === 'provision' || e.op === 'replace' ? randomBytes(32) : null;
        if (fresh && e.sender === 'manager') supplied.push(fresh);
        const wire = send(e.sender, e.op, e.slot, nonce, fresh);
        const r = run(() => h.command(wire));
        // the manager signs one command per nonce; a command refused after authentication (role, lifecycle) leaves its nonce unused
        if (e.sender === 'manager' && (r.outcome === 'accepted' || r.error === 'BAD_SIGNATURE' || r.error === 'STALE_NONCE')) held = null;
        if (r.outcome === 'accepted' && fresh && e.sender === 'manager') legit[e.slot] = fresh;
        if (r.outcome === 'accepted' && e.capture) captured = [...captured, wire].slice(-captures);
        return r;
      }
      case 'REPLAY':
        return run(() => h.command(captured[e.index ?? 0]!));
      case 'SF_START':
        return run(() => h.startSf(e.slot));
      case 'SF_USE':
        return run(() => h.useSf(randomBytes(16)));
      case 'SF_END':
        return run(() => h.endSf());
      case 'REMOTE_HACK':
        // the host's memory: everything the device or equipment holds outside the HSM
        return run(() => ({ held, seen, captured, status: h.status() }));
      default:
        throw new Error(`${e.type} needs a capability this adapter does not declare`);
    }
  };

  return {
    capabilities: CAPABILITIES,
    reset(suite: SuiteInfo): void {
      model = suite.model;
      captures = suite.captures ?? 1;
      transport = randomBytes(32);
      const initial = randomBytes(32);
      hsm = new TinyHsm(suite.slots, initial, transport, bug);
      hsm.trust(CREDENTIAL.manager, manager.publicKey, 'admin');
      hsm.trust(CREDENTIAL.insider, insider.publicKey, 'auditor');
      legit = [initial, ...Array.from({ length: suite.slots - 1 }, () => null)];
      supplied = [initial];
      held = null;
      seen.manager = seen.insider = seen.forger = null;
      captured = [];
      discovered = false;
    },
    step(e: AbstractEvent): StepResult {
      const r = perform(e);
      discovered = carries(r.output, supplied);
      return r;
    },
    observe(): AbstractState {
      const s = the().status();
      const name = (slot: number, k: string | null): KeyName | null => (k === null ? null : legit[slot] && kcv(legit[slot]) === k ? 'L' : 'A');
      return {
        keys: s.slots.map((x, i) => ({ life: x.life, key: name(i, x.kcv) })),
        challenge: s.challenge,
        sf: s.sf ? 'running' : 'idle',
        ...(model === 'device' ? { hsm: 'inOwnDevice' as const, counterfeit: false } : {}),
        discovered,
      };
    },
    secrets: () => supplied,
  };
}

export default createAdapter;
