/**
 * Human-readable rendering of model events, trace states and traces.
 * @module
 */
import type { EventObject } from 'xstate';
import type { Trace } from '../proofs/types.ts';

const WHO: Readonly<Record<string, string>> = {
  manager: 'the legitimate manager',
  insider: 'the insider (valid read-only credential)',
  forger: 'the attacker, with a forged manager credential,',
};

/** One line describing an event. */
export function eventText(e: EventObject): string {
  const x = e as EventObject & { sender?: string; op?: string; slot?: number; write?: string; requester?: string; spoofed?: boolean };
  switch (x.type) {
    case 'CHALLENGE':
      if (x.spoofed) return "the attacker asks for a challenge nonce in the manager's name";
      return x.requester === 'insider' ? 'the insider asks for a challenge nonce for its credential' : 'the manager asks for a challenge nonce and keeps it';
    case 'COMMAND':
      return `${WHO[x.sender!] ?? x.sender} sends "${x.op} key slot ${x.slot}"`;
    case 'REPLAY':
      return 'the attacker replays the captured management command';
    case 'SF_START':
      return `a Sensitive Function (key derivation) runs with the key of slot ${x.slot}`;
    case 'SF_END':
      return 'the Sensitive Function completes';
    case 'REMOTE_HACK':
      return 'the attacker remotely hacks the equipment and reads its memory';
    case 'PROBE':
      return 'the attacker probes the hardware and reads its memory';
    case 'SIDE_CHANNEL':
      return 'the attacker monitors the running function (e.g. DPA)';
    case 'MEMORY_WRITE':
      return `the attacker overwrites key storage in memory: ${x.write} slot ${x.slot}`;
    case 'REMOVE_HSM':
      return 'the attacker removes the HSM from its device';
    case 'INSERT_ELSEWHERE':
      return 'the attacker inserts the HSM into another device';
    case 'REINSERT':
      return 'the attacker puts the HSM back into its own device';
    case 'REPLACE_HSM':
      return 'the attacker fits an HSM of its own, holding its own keys, into the device';
    default:
      return JSON.stringify(e);
  }
}

/** The facts of a trace state worth showing (what an attack has achieved so far). */
export function stateText(state: unknown): string {
  const s = state as {
    value?: unknown;
    slots?: { life: string; key: string | null }[];
    knowsKey?: boolean;
    knowsKeyInUse?: boolean;
    inUse?: string | null;
    counterfeit?: boolean;
    pending?: readonly (number | null)[];
    held?: number | null;
    ghost?: Record<string, boolean>;
  };
  const parts: string[] = [];
  if (s.slots) parts.push(`slots ${s.slots.map((k, i) => `${i}:${k.life}${k.key ? `(${k.key})` : ''}`).join(' ')}`);
  if (s.value && typeof s.value === 'object' && 'hsm' in s.value) parts.push(`HSM ${(s.value as { hsm: string }).hsm}`);
  if (s.inUse) parts.push(`key ${s.inUse} in general-purpose memory`);
  if (s.knowsKey) parts.push(s.knowsKeyInUse ? 'attacker knows a key (taken while in use)' : 'attacker knows a key');
  if (s.counterfeit) parts.push('attacker HSM fitted');
  if (s.pending?.some((n) => n !== null) || (s.held !== undefined && s.held !== null)) {
    const n = (x: number | null | undefined) => (x === null || x === undefined ? '-' : `n${x}`);
    parts.push(`nonces outstanding manager ${n(s.pending?.[0])}, insider ${n(s.pending?.[1])}; manager holds ${n(s.held)}`);
  }
  const g = Object.entries(s.ghost ?? {})
    .filter(([, v]) => v)
    .map(([k]) => k);
  if (g.length) parts.push(`recorded: ${g.join(', ')}`);
  return parts.join('; ');
}

/** A trace, one numbered line per step with the state after it. */
export function traceLines(trace: Trace, indent = '      '): string[] {
  return trace.steps.map((st, i) => `${indent}${i + 1}. ${eventText(st.event)}\n${indent}   → ${stateText(st.state)}`);
}
