/**
 * The management command envelope as it travels on the wire: UTF-8 JSON with base64url byte
 * fields, at most `MAX_COMMAND_BYTES`. The manager signs (command, key id, nonce, HSM id, signer,
 * wrapped key) with ECDSA P-256 over the framed bytes of `toBeSigned`. @clause CM6
 *
 * Errors: MALFORMED (any deviation from the format below, with the offending field named).
 * @module
 */
import { OPS, type Op } from '../../model/management.ts';
import { genuineByteLength, takeBytes } from '../bytes.ts';
import { b64u, frame, fromB64u, utf8 } from '../encoding.ts';
import { hsmError } from '../errors.ts';

/** Largest accepted command, in bytes. */
export const MAX_COMMAND_BYTES = 4096;
/** Nonce length, in bytes. */
export const NONCE_BYTES = 16;
/** ECDSA P-256 signature length in IEEE P1363 form (r || s). */
export const SIGNATURE_BYTES = 64;
/** Largest wrapped key, in bytes. */
export const MAX_WRAPPED_BYTES = 1024;
/** Identifiers (HSM ids, key ids, signer ids): 1–64 of A–Z a–z 0–9 . _ : - */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
/** Operations that carry a wrapped key. */
export const CARRIES_KEY: readonly Op[] = ['provision', 'replace'];

/** A parsed management command. */
export interface Envelope {
  readonly v: 1;
  readonly hsm: string;
  readonly op: Op;
  readonly key: string;
  readonly nonce: Uint8Array;
  readonly signer: string;
  /** The wrapped key (provision and replace only), else null. */
  readonly wrapped: Uint8Array | null;
  readonly sig: Uint8Array;
}

/** An envelope before signing. */
export type Unsigned = Omit<Envelope, 'sig'>;

const DOMAIN = utf8('onem2m-hsm/command/1');

/** The exact bytes the signature covers. */
export function toBeSigned(e: Unsigned): Uint8Array {
  return frame(DOMAIN, utf8(e.hsm), utf8(e.op), utf8(e.key), e.nonce, utf8(e.signer), e.wrapped ?? new Uint8Array(0));
}

/** Serialises a signed envelope to wire bytes. */
export function encodeEnvelope(e: Envelope): Uint8Array {
  const o: Record<string, unknown> = { v: e.v, hsm: e.hsm, op: e.op, key: e.key, nonce: b64u(e.nonce), signer: e.signer };
  if (e.wrapped) o.wrapped = b64u(e.wrapped);
  o.sig = b64u(e.sig);
  return utf8(JSON.stringify(o));
}

const fail = (why: string) => hsmError('MALFORMED', why);
const DECODER = new TextDecoder('utf-8', { fatal: true });

/** Parses wire bytes strictly (a private copy taken through the input gate, `impl/bytes.ts`); throws MALFORMED naming what is wrong. */
export function parseEnvelope(input: unknown): Envelope {
  const size = genuineByteLength(input);
  if (size < 0) throw fail('a command must be given as bytes (Uint8Array)');
  if (size > MAX_COMMAND_BYTES) throw fail(`the command is larger than ${MAX_COMMAND_BYTES} bytes`);
  const bytes = takeBytes(input, MAX_COMMAND_BYTES);
  if (bytes === null) throw fail('a command must be given as bytes (Uint8Array) in a readable buffer');
  if (bytes.length === 0) throw fail('the command is empty');
  let o: unknown;
  try {
    o = JSON.parse(DECODER.decode(bytes));
  } catch {
    throw fail('the command is not UTF-8 JSON (truncated or garbage)');
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw fail('the command must be a JSON object');
  const r = o as Record<string, unknown>;
  if (r.v !== 1) throw fail("field 'v' must be the number 1");
  const op = r.op;
  if (typeof op !== 'string' || !(OPS as readonly string[]).includes(op)) throw fail(`field 'op' must be one of ${OPS.join(', ')}`);
  const carries = CARRIES_KEY.includes(op as Op);
  const expected = ['v', 'hsm', 'op', 'key', 'nonce', 'signer', ...(carries ? ['wrapped'] : []), 'sig'];
  const keys = Object.keys(r);
  if (keys.length !== expected.length || !expected.every((k) => Object.hasOwn(r, k))) {
    throw fail(`the command must have exactly the fields ${expected.join(', ')}`);
  }
  return {
    v: 1,
    hsm: id(r.hsm, 'hsm'),
    op: op as Op,
    key: id(r.key, 'key'),
    nonce: bytesField(r.nonce, 'nonce', NONCE_BYTES, NONCE_BYTES),
    signer: id(r.signer, 'signer'),
    wrapped: carries ? bytesField(r.wrapped, 'wrapped', 1, MAX_WRAPPED_BYTES) : null,
    sig: bytesField(r.sig, 'sig', SIGNATURE_BYTES, SIGNATURE_BYTES),
  };
}

function id(x: unknown, field: string): string {
  if (typeof x !== 'string' || !ID_PATTERN.test(x)) throw fail(`field '${field}' must be an identifier (1-64 of A-Z a-z 0-9 . _ : -)`);
  return x;
}

function bytesField(x: unknown, field: string, min: number, max: number): Uint8Array {
  const b = typeof x === 'string' ? fromB64u(x, max) : null;
  if (b === null || b.length < min) {
    throw fail(`field '${field}' must be ${min === max ? `${min}` : `${min}-${max}`} bytes of unpadded base64url`);
  }
  return b;
}
