/**
 * How a state (configuration + context) becomes a row of words: with a context codec
 * (`[config, ...codec words]`, or just the codec words with the configuration in their spare
 * high bits when it fits), with contexts interned by JSON (`[config, context id]`), or,
 * when the subject has its own `key` and no codec, by that key (`[key id]`, first state of
 * each key kept as representative, as the reference explorer does). Symmetry canonicalisers
 * are applied on the way in.
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import { configBound, type Config, type ConfigTable } from './configs.ts';
import { bitsFor } from './schema.ts';
import type { Canonicalisers } from './symmetry.ts';
import { FastSnapshot } from './snapshot.ts';
import type { ContextCodec, LayoutNode } from './types.ts';

/** Encodes and decodes states. */
export interface StateCodec {
  readonly words: number;
  encode(config: Config, context: unknown, out: Uint32Array, at: number): void;
  config(w: Uint32Array, at: number): Config;
  context(w: Uint32Array, at: number): unknown;
  /** Throws unless `context` survives an encode/decode round trip (as JSON). */
  verify(context: unknown): void;
  /** The configuration ID stored in a row. */
  configId(w: Uint32Array, at: number): number;
  /** Replaces the configuration ID stored in a row. */
  setConfigId(w: Uint32Array, at: number, id: number): void;
  /** True when rows are self-contained (no interned context), so other threads can decode them. */
  readonly portable: boolean;
  /** The layout of the context words (packed codecs that describe it). */
  readonly layout?: LayoutNode;
  /** Index of the first context word in a row. */
  readonly contextOffset: number;
  /** Like `encode` without canonicalisation; absent when contexts are canonicalised as objects. */
  readonly rawEncode?: (config: Config, context: unknown, out: Uint32Array, at: number) => void;
  /** The word-level canonicaliser `encode` applies (to the context words at `at + contextOffset`). */
  readonly canonWords?: (w: Uint32Array, at: number) => void;
}

function packed(configs: ConfigTable, codec: ContextCodec, canon: Canonicalisers, bound: number): StateCodec {
  const cc = canon.context;
  const cw = canon.words;
  const scratch = new Uint32Array(codec.words + 1);
  const cbits = bitsFor(bound);
  const inline = codec.words > 0 && cbits <= (codec.spareBits ?? 0);
  const off = inline ? 0 : 1;
  const last = inline ? codec.words - 1 : 0;
  const shift = 32 - cbits;
  const variable = variablePart(codec.layout);
  const setConfig = (config: Config, out: Uint32Array, at: number) => {
    if (!inline) out[at] = config.id;
    else if (cbits) out[at + last] = out[at + last]! | (config.id << shift);
  };
  return {
    words: codec.words + off,
    ...(codec.layout ? { layout: codec.layout } : {}),
    contextOffset: off,
    ...(cc
      ? {}
      : {
          rawEncode(config: Config, context: unknown, out: Uint32Array, at: number) {
            codec.encode(context, out, at + off);
            setConfig(config, out, at);
          },
        }),
    ...(cw ? { canonWords: cw } : {}),
    encode(config, context, out, at) {
      codec.encode(cc ? cc(context) : context, out, at + off);
      if (cw) cw(out, at + off);
      setConfig(config, out, at);
    },
    config: inline ? (cbits ? (w, at) => configs.all[w[at + last]! >>> shift]! : () => configs.all[0]!) : (w, at) => configs.all[w[at]!]!,
    context: (w, at) => codec.decode(w, at + off),
    configId: inline ? (cbits ? (w, at) => w[at + last]! >>> shift : () => 0) : (w, at) => w[at]!,
    setConfigId(w, at, id) {
      if (!inline) w[at] = id;
      else if (cbits) w[at + last] = ((w[at + last]! & (2 ** shift - 1)) | (id << shift)) >>> 0;
    },
    portable: true,
    verify(context) {
      codec.encode(context, scratch, 0);
      const back = JSON.stringify(variable(codec.decode(scratch, 0)));
      const want = JSON.stringify(variable(context));
      if (back !== want) throw new Error(`codec does not round-trip the context: ${want} came back as ${back}`);
    },
  };
}

/**
 * The context without its top-level constant fields, for the round-trip check: `encode` checks
 * a constant by identity and `decode` returns that very object, so comparing it as JSON adds
 * nothing — and would get every field of it (a read-tracking constant would record reads the
 * model never made).
 */
function variablePart(layout: LayoutNode | undefined): (context: unknown) => unknown {
  if (layout?.kind !== 'record') return (c) => c;
  const constants = new Set(Object.entries(layout.fields).flatMap(([k, f]) => (f.kind === 'const' ? [k] : [])));
  if (constants.size === 0) return (c) => c;
  return (c) =>
    c !== null && typeof c === 'object'
      ? Object.fromEntries(Object.entries(Object.getOwnPropertyDescriptors(c)).flatMap(([k, d]) => (constants.has(k) ? [] : [[k, d.value]])))
      : c;
}

function interned(configs: ConfigTable, canon: Canonicalisers, key?: (s: FastSnapshot) => string, machine?: AnyStateMachine): StateCodec {
  const ids = new Map<string, number>();
  const contexts: unknown[] = [];
  const reps: Config[] = [];
  const cc = canon.context;
  const intern = (k: string, config: Config, context: unknown): number => {
    let id = ids.get(k);
    if (id === undefined) {
      id = contexts.length;
      ids.set(k, id);
      contexts.push(context);
      reps.push(config);
    }
    return id;
  };
  if (key) {
    return {
      words: 1,
      encode(config, context, out, at) {
        const c = cc ? cc(context) : context;
        out[at] = intern(key(new FastSnapshot(machine!, config, c)), config, c);
      },
      config: (w, at) => reps[w[at]!]!,
      context: (w, at) => contexts[w[at]!],
      verify() {},
      contextOffset: 0,
      configId: (w, at) => reps[w[at]!]!.id,
      setConfigId() {
        throw new Error('keyed states carry no configuration ID');
      },
      portable: false,
    };
  }
  return {
    words: 2,
    encode(config, context, out, at) {
      const c = cc ? cc(context) : context;
      out[at] = config.id;
      out[at + 1] = intern(JSON.stringify(c), config, c);
    },
    config: (w, at) => configs.all[w[at]!]!,
    context: (w, at) => contexts[w[at + 1]!],
    verify() {},
    contextOffset: 1,
    configId: (w, at) => w[at]!,
    setConfigId(w, at, id) {
      w[at] = id;
    },
    portable: false,
  };
}

/** The state codec for a subject: its codec if any, else its key if any, else JSON interning. */
export function stateCodec(
  machine: AnyStateMachine,
  configs: ConfigTable,
  canon: Canonicalisers,
  codec: ContextCodec | undefined,
  key: ((s: any) => string) | undefined,
): StateCodec {
  if (codec) return packed(configs, codec, canon, configBound(configs.root));
  return interned(configs, canon, key, machine);
}
